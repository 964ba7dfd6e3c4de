"""The reply-level heads: read from Rasa's answer, and how they decide elements beside the clauses."""

from __future__ import annotations

import pytest

from nlu.analyzer import combine, judge
from nlu.client import Parse, to_parse
from scripts_library.elements import Element
from tests.unit.nlu.test_analyzer_combine import DEFAULT
from tests.unit.nlu.test_analyzer_combine import parse as clause

E = Element


def test_default_tone_thresholds():
    assert (DEFAULT.dismissive_tone, DEFAULT.dismissive_tone_floor) == (0.3, 0.15)


@pytest.mark.parametrize(("tone", "curt"), [(0.3, True), (0.9, True), (0.29, False), (0.0, False)])
def test_a_curt_tone_alone_credits_dismissive_beside_a_deflection(tone, curt):
    # "Dunno, ask at the other till": one clause, a deflection; its curtness is only in the tone.
    analysis = combine(
        [clause("deflection", 0.8, "Dunno, ask at the other till.")], DEFAULT, reply={"dismissive": tone}
    )

    assert analysis.elements == ({E.DEFLECTION, E.DISMISSIVE} if curt else {E.DEFLECTION})


def test_a_gentle_tone_overrules_a_clause_that_only_sounds_curt():
    parses = [clause("dismissive", 0.84, "If it happens again"), clause("closing", 0.99, "Have a good night.")]

    analysis = combine(parses, DEFAULT, reply={"dismissive": 0.14})

    assert analysis.elements == {E.CLOSING}
    assert E.DISMISSIVE not in analysis.unsure


def test_between_floor_and_threshold_the_clause_reading_decides():
    parses = [clause("dismissive", 0.6, "it's a lot of hoops")]

    assert combine(parses, DEFAULT, reply={"dismissive": 0.2}).elements == {E.DISMISSIVE}
    assert combine([clause("out_of_scope", 0.9)], DEFAULT, reply={"dismissive": 0.2}).elements == frozenset()


def test_unmistakable_curt_wording_stays_whatever_the_tone():
    analysis = combine([clause("out_of_scope", 0.9, "Calm down.")], DEFAULT, reply={"dismissive": 0.01})

    assert E.DISMISSIVE in analysis.elements


def test_a_curt_tone_is_credited_even_beside_a_fix():
    # The tone head heard the whole reply, fix included, and still found it curt.
    parses = [clause("dismissive", 0.4, "Fine, whatever"), clause("solution", 0.9, "a new one today")]

    assert combine(parses, DEFAULT).elements == {E.SOLUTION}
    assert combine(parses, DEFAULT, reply={"dismissive": 0.7}).elements == {E.SOLUTION, E.DISMISSIVE}


def test_without_reply_heads_the_clauses_alone_decide():
    parses = [clause("dismissive", 0.5, "If it happens again")]

    assert combine(parses, DEFAULT, reply=None).elements == {E.DISMISSIVE}


def test_judge_passes_the_replys_own_head_scores():
    text = "Dunno, ask at the other till."
    inner = clause("deflection", 0.8, text)
    reply = Parse(
        text=text, intent=inner.intent, ranking=inner.ranking, clauses=(inner,), reply_scores={"dismissive": 0.7}
    )

    assert judge(reply, DEFAULT).elements == {E.DEFLECTION, E.DISMISSIVE}


def test_default_reply_head_thresholds():
    assert (DEFAULT.reply_credit, DEFAULT.reply_floor) == (0.7, 0.2)


@pytest.mark.parametrize(("score", "credited"), [(0.7, True), (0.95, True), (0.69, False), (0.2, False)])
def test_a_confident_head_credits_what_no_clause_carries(score, credited):
    # A hand-off whose deflection is in the whole reply; the clause model called it ownership.
    parses = [clause("ownership", 0.8, "Let me pop you through to billing")]

    analysis = combine(parses, DEFAULT, reply={"deflection": score, "ownership": 0.5})

    assert analysis.elements == ({E.OWNERSHIP, E.DEFLECTION} if credited else {E.OWNERSHIP})


def test_a_doubtful_head_overrules_a_clause_reading_and_leaves_no_unsure_feedback():
    parses = [clause("solution", 0.9, "it's on aisle four"), clause("empathy", 0.3, "I know")]

    analysis = combine(parses, DEFAULT, reply={"solution": 0.19, "empathy": 0.1})

    assert analysis.elements == frozenset()
    assert analysis.unsure == frozenset()
    assert combine(parses, DEFAULT, reply={"solution": 0.2}).elements == {E.SOLUTION}


def test_a_doubtful_head_never_overrules_unmistakable_wording():
    analysis = combine([clause("out_of_scope", 0.9, "That's not my department.")], DEFAULT, reply={"deflection": 0.01})

    assert E.DEFLECTION in analysis.elements


def test_heads_for_personalization_and_unknown_names_are_ignored():
    # Personalization is checked against the scenario's customer, which a head never sees.
    parses = [clause("thanks", 0.9, "Thanks so much")]

    analysis = combine(parses, DEFAULT, reply={"personalization": 0.99, "drill_skip": 0.99, "bogus": 1.0})

    assert analysis.elements == {E.THANKS}
    assert combine([clause("personalization", 0.9)], DEFAULT, reply={"personalization": 0.0}).elements == {
        E.PERSONALIZATION
    }


def test_a_head_crediting_offer_help_turns_a_throwaway_greeting_into_a_greeting():
    parses = [clause("generic_greeting", 0.9, "Hey there, what can I get you?")]

    assert combine(parses, DEFAULT, reply={"offer_help": 0.8}).elements == {E.GREETING, E.OFFER_HELP}


def body(**extra: object) -> dict[str, object]:
    ranking = [{"name": "deflection", "confidence": 0.8}]
    clauses = [{"text": "x", "intent_ranking": ranking}]
    return {"intent": ranking[0], "intent_ranking": ranking, "clauses": clauses} | extra


@pytest.mark.parametrize(
    ("extra", "scores"),
    [
        ({"reply": {"dismissive": 0.42, "solution": 1}}, {"dismissive": 0.42, "solution": 1.0}),
        ({}, {}),
        ({"reply": None}, {}),
        ({"reply": "curt"}, {}),
        ({"reply": {"dismissive": "high", "thanks": True, "apology": 0.5}}, {"apology": 0.5}),
    ],
)
def test_head_scores_are_read_from_rasas_answer_and_odd_values_are_ignored(extra, scores):
    assert to_parse("x", body(**extra)).reply_scores == scores
