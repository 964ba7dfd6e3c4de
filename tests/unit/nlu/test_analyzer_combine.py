"""Merging a reply's per-clause Rasa rankings into one analysis, and spotting the customer's name."""

from __future__ import annotations

import pytest

from bot.errors import NluSetupError
from nlu.analyzer import Analysis, MetaCommand, Thresholds, clause_parses, combine
from nlu.client import IntentScore, Parse
from scripts_library.elements import Element

E = Element
DEFAULT = Thresholds()


def parse(name: str, confidence: float, text: str = "clause") -> Parse:
    top = IntentScore(name, confidence)
    return Parse(text=text, intent=top, ranking=(top, IntentScore("out_of_scope", 1 - confidence)))


def test_default_thresholds():
    assert (DEFAULT.element, DEFAULT.anti_pattern, DEFAULT.meta) == (0.45, 0.2, 0.6)


@pytest.mark.parametrize(
    ("name", "confidence", "credited"),
    [
        ("apology", 0.45, True),
        ("apology", 0.44, False),
        ("apology", 0.40, False),
        ("dismissive", 0.50, True),
        ("dismissive", 0.20, True),
        ("dismissive", 0.19, False),
    ],
)
def test_elements_and_anti_patterns_have_their_own_thresholds(name, confidence, credited):
    analysis = combine([parse(name, confidence)], DEFAULT)

    element = Element(name)
    assert analysis.elements == (frozenset({element}) if credited else frozenset())
    assert analysis.unsure == (frozenset() if credited else frozenset({element}))
    assert analysis.meta is None


def test_custom_thresholds_are_respected():
    strict = Thresholds(element=0.9, anti_pattern=0.8, meta=0.99)

    analysis = combine([parse("thanks", 0.85), parse("deflection", 0.85)], strict)

    assert analysis == Analysis(elements=frozenset({E.DEFLECTION}), unsure=frozenset({E.THANKS}))


def test_each_clause_contributes_its_element():
    parses = [parse("apology", 0.9), parse("solution", 0.7), parse("follow_up", 0.5)]

    assert combine(parses, DEFAULT) == Analysis(elements=frozenset({E.APOLOGY, E.SOLUTION, E.FOLLOW_UP}))


def test_unsure_elements_are_not_credited():
    analysis = combine([parse("apology", 0.9), parse("ownership", 0.3)], DEFAULT)

    assert analysis.elements == frozenset({E.APOLOGY})
    assert analysis.unsure == frozenset({E.OWNERSHIP})


def test_element_credited_in_one_clause_is_not_also_unsure():
    analysis = combine([parse("apology", 0.2), parse("apology", 0.8)], DEFAULT)

    assert analysis == Analysis(elements=frozenset({E.APOLOGY}), unsure=frozenset())


@pytest.mark.parametrize("command", list(MetaCommand))
def test_confident_meta_intent_in_a_single_clause_is_a_command(command):
    analysis = combine([parse(command.value, 0.6)], DEFAULT)

    assert analysis == Analysis(elements=frozenset(), meta=command)


def test_unconfident_meta_intent_is_neither_a_command_nor_an_element():
    assert combine([parse("drill_skip", 0.59)], DEFAULT) == Analysis(elements=frozenset())


def test_meta_intent_is_ignored_when_the_reply_has_several_clauses():
    analysis = combine([parse("drill_stop", 0.99), parse("greeting", 0.9)], DEFAULT)

    assert analysis == Analysis(elements=frozenset({E.GREETING}))


@pytest.mark.parametrize("name", ["out_of_scope", "nlu_fallback", ""])
def test_intents_that_are_not_elements_are_ignored(name):
    analysis = combine([parse(name, 0.99), parse("thanks", 0.7)], DEFAULT)

    assert analysis == Analysis(elements=frozenset({E.THANKS}))


def test_a_confident_runner_up_is_credited_too():
    top = IntentScore("follow_up", 0.58)
    clause = Parse("I'll send a replacement today", top, (top, IntentScore("solution", 0.41)))

    assert combine([clause], DEFAULT).elements == frozenset({E.FOLLOW_UP, E.SOLUTION})


def test_a_weak_runner_up_or_third_intent_is_not_credited():
    top = IntentScore("greeting", 0.5)
    ranking = (top, IntentScore("apology", 0.29), IntentScore("thanks", 0.2))
    clause = Parse("hi, oops", top, ranking)

    assert combine([clause], DEFAULT).elements == frozenset({E.GREETING})


def test_a_non_element_runner_up_is_ignored():
    top = IntentScore("thanks", 0.55)
    clause = Parse("thanks, stop", top, (top, IntentScore("drill_stop", 0.44)))

    assert combine([clause], DEFAULT).elements == frozenset({E.THANKS})


def test_no_clauses_give_an_empty_analysis():
    assert combine([], DEFAULT) == Analysis(elements=frozenset())


def reply(text: str, *clauses: Parse) -> Parse:
    """A parse of a whole reply as the clause classifier returns it."""
    top = IntentScore("out_of_scope", 0.5)
    return Parse(text=text, intent=top, ranking=(top,), clauses=clauses)


def test_each_clause_of_a_reply_is_judged():
    clauses = (parse("apology", 0.9, "Sorry, Alex"), parse("solution", 0.8, "I'll fix it"))
    whole = reply("Sorry, Alex; I'll fix it", *clauses)

    analysis = combine(clause_parses(whole), DEFAULT)

    # "I'll fix it" is labelled solution by the model and carries ownership by its wording;
    # "Sorry, Alex" says the customer's name.
    assert analysis == Analysis(elements=frozenset({E.APOLOGY, E.SOLUTION, E.OWNERSHIP, E.PERSONALIZATION}))


def test_a_single_clause_meta_command_is_reported():
    whole = reply("skip this one", parse("drill_skip", 0.9, "skip this one"))

    assert combine(clause_parses(whole), DEFAULT) == Analysis(elements=frozenset(), meta=MetaCommand.SKIP)


def test_a_model_without_clause_rankings_is_a_setup_error_that_says_how_to_fix_it():
    with pytest.raises(NluSetupError, match="coach nlu train --force"):
        clause_parses(parse("apology", 0.9, "sorry"))


def test_a_casual_opener_followed_by_an_offer_of_help_is_a_greeting():
    parses = [parse("generic_greeting", 0.9, "Hey there"), parse("offer_help", 0.9, "what can I get you?")]

    assert combine(parses, DEFAULT).elements == frozenset({E.GREETING, E.OFFER_HELP})


def test_a_casual_opener_alone_stays_a_throwaway_greeting():
    assert combine([parse("generic_greeting", 0.9, "How ya doin'?")], DEFAULT).elements == frozenset(
        {E.GENERIC_GREETING}
    )


def test_an_unsure_clause_credits_neither_its_top_intent_nor_its_runner_up():
    top = IntentScore("apology", 0.4)
    clause = Parse("oops i guess", top, (top, IntentScore("empathy", 0.35)))

    analysis = combine([clause], DEFAULT)

    assert analysis.elements == frozenset() and analysis.unsure == frozenset({E.APOLOGY})


def test_an_anti_pattern_below_the_top_of_a_clause_is_still_credited():
    # Recall matters more for anti-patterns: a curt clause the model half-reads as neutral still counts.
    top = IntentScore("out_of_scope", 0.55)
    clause = Parse("it's only ten minutes", top, (top, IntentScore("dismissive", 0.42)))

    assert combine([clause], DEFAULT).elements == frozenset({E.DISMISSIVE})


def test_an_anti_pattern_below_its_threshold_is_not_credited_anywhere_in_the_ranking():
    top = IntentScore("thanks", 0.7)
    clause = Parse("thanks for waiting", top, (top, IntentScore("dismissive", 0.2)))

    assert combine([clause], Thresholds(anti_pattern=0.25)).elements == frozenset({E.THANKS})


def test_a_refusal_with_an_alternative_is_not_deflection():
    refusal = parse("deflection", 0.8, "We can't refund a used ticket")
    alternative = parse("solution", 0.9, "I can exchange it for a later date")

    analysis = combine([refusal, alternative], DEFAULT)

    assert analysis.elements == {Element.SOLUTION}
    assert analysis.unsure == frozenset()


def test_a_weak_refusal_next_to_a_solution_is_not_reported_as_unsure():
    refusal = parse("deflection", 0.2, "We can't refund a used ticket")
    alternative = parse("solution", 0.9, "I can exchange it for a later date")

    assert combine([refusal, alternative], DEFAULT).unsure == frozenset()


@pytest.mark.parametrize("repair", ["ownership", "follow_up", "solution"])
def test_a_weak_curt_reading_beside_a_commitment_to_fix_is_not_dismissive(repair):
    not_knowing = parse("dismissive", 0.35, "No idea offhand")
    commitment = parse(repair, 0.9, "checking with the stockroom now")

    analysis = combine([not_knowing, commitment], DEFAULT)

    assert analysis.elements == {Element(repair)}
    assert analysis.unsure == frozenset()


@pytest.mark.parametrize(
    ("anti_pattern", "other"),
    [
        # Unmistakable deflection wording stays even with a solution.
        (parse("deflection", 0.8, "That's not my department"), parse("solution", 0.9, "I can exchange it")),
        # Rudeness is not excused by a solution.
        (parse("dismissive", 0.8, "Relax, it's ten minutes"), parse("solution", 0.9, "I can knock a pound off")),
        # A weak curt reading without a commitment to fix stays.
        (parse("dismissive", 0.35, "No idea offhand"), parse("thanks", 0.9, "thanks for asking")),
        # A confident curt clause stays beside a commitment.
        (parse("dismissive", 0.6, "Honestly it's not a big deal"), parse("ownership", 0.9, "I'll sort it")),
        # Unmistakable curt wording stays beside a commitment.
        (parse("dismissive", 0.3, "Calm down"), parse("ownership", 0.9, "I'll sort it")),
    ],
)
def test_an_anti_pattern_that_nothing_overrules_stays_beside_another_element(anti_pattern, other):
    expected = {Element(anti_pattern.intent.name), Element(other.intent.name)}

    assert combine([anti_pattern, other], DEFAULT).elements == expected
