"""Which clause of a labelled reply carries which of its labels (nlu.attribution)."""

from __future__ import annotations

from nlu.attribution import AMBIGUOUS, NO_ELEMENT, attribute_reply, consistent

INTENTS = ("apology", "solution", "ownership", "dismissive", "greeting", "generic_greeting", "offer_help", NO_ELEMENT)


def probs(**given: float) -> dict[str, float]:
    """A full probability row: the named intents as given, the rest sharing what is left."""
    rest = [name for name in INTENTS if name not in given]
    left = max(0.0, 1.0 - sum(given.values()))
    return {**dict.fromkeys(rest, left / len(rest)), **given}


def test_each_clause_takes_its_most_likely_label_of_the_reply() -> None:
    clauses = ["I'm so sorry", "I'll send a new one today"]
    rows = [probs(apology=0.8), probs(solution=0.5, ownership=0.3)]

    assert attribute_reply(clauses, ["apology", "solution"], rows) == [
        ("I'm so sorry", "apology"),
        ("I'll send a new one today", "solution"),
    ]


def test_a_label_the_reply_lacks_is_never_taught_however_sure_the_model_is() -> None:
    rows = [probs(dismissive=0.9, **{NO_ELEMENT: 0.05})]

    clause = "It takes as long as it takes."

    assert attribute_reply([clause], [], rows) == [(clause, NO_ELEMENT)]


def test_a_label_no_clause_won_goes_to_the_likeliest_clause_with_nothing_else() -> None:
    clauses = ["Right", "I'll sort it"]
    rows = [probs(**{NO_ELEMENT: 0.9}), probs(**{NO_ELEMENT: 0.6, "ownership": 0.1, "solution": 0.15})]

    pairs = attribute_reply(clauses, ["ownership", "solution"], rows)

    assert ("I'll sort it", "solution") in pairs
    assert ("Right", NO_ELEMENT) in pairs


def test_a_clause_whose_own_label_is_plausible_is_skipped_rather_than_taught_as_nothing() -> None:
    clauses = ["Sorry", "cheers for the heads up"]
    rows = [probs(apology=0.9), probs(**{NO_ELEMENT: 0.5, "apology": AMBIGUOUS + 0.05})]

    assert attribute_reply(clauses, ["apology"], rows) == [("Sorry", "apology")]


def test_a_throwaway_opener_before_an_offer_stays_a_throwaway_opener() -> None:
    clauses = ["Hey there", "what can I get you?"]
    rows = [probs(generic_greeting=0.7, greeting=0.2), probs(offer_help=0.9)]

    assert attribute_reply(clauses, ["greeting", "offer_help"], rows) == [
        ("Hey there", "generic_greeting"),
        ("what can I get you?", "offer_help"),
    ]


def test_labels_the_model_has_no_intent_for_are_ignored() -> None:
    assert attribute_reply(["Sorry!"], ["apology", "not_an_intent"], [probs(apology=0.9)]) == [("Sorry!", "apology")]


def test_consistent_drops_hand_written_clauses_and_clauses_two_replies_disagree_on() -> None:
    pairs = [
        ("Calm down.", "dismissive"),
        ("one sec", NO_ELEMENT),
        ("I wouldn't know", "dismissive"),
        ("i wouldn't know!", NO_ELEMENT),
        ("One sec", NO_ELEMENT),
    ]

    assert consistent(pairs, taken=["calm down"]) == [("one sec", NO_ELEMENT)]
