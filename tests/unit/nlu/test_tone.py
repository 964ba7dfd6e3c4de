"""The reply-level dismissive tone: read from Rasa's answer, and how it decides dismissive beside the clauses."""

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
    analysis = combine([clause("deflection", 0.8, "Dunno, ask at the other till.")], DEFAULT, tone=tone)

    assert analysis.elements == ({E.DEFLECTION, E.DISMISSIVE} if curt else {E.DEFLECTION})


def test_a_gentle_tone_overrules_a_clause_that_only_sounds_curt():
    parses = [clause("dismissive", 0.84, "If it happens again"), clause("closing", 0.99, "Have a good night.")]

    analysis = combine(parses, DEFAULT, tone=0.14)

    assert analysis.elements == {E.CLOSING}
    assert E.DISMISSIVE not in analysis.unsure


def test_between_floor_and_threshold_the_clause_reading_decides():
    parses = [clause("dismissive", 0.6, "it's a lot of hoops")]

    assert combine(parses, DEFAULT, tone=0.2).elements == {E.DISMISSIVE}
    assert combine([clause("out_of_scope", 0.9)], DEFAULT, tone=0.2).elements == frozenset()


def test_unmistakable_curt_wording_stays_whatever_the_tone():
    analysis = combine([clause("out_of_scope", 0.9, "Calm down.")], DEFAULT, tone=0.01)

    assert E.DISMISSIVE in analysis.elements


def test_a_curt_tone_is_credited_even_beside_a_fix():
    # The tone head heard the whole reply, fix included, and still found it curt.
    parses = [clause("dismissive", 0.4, "Fine, whatever"), clause("solution", 0.9, "a new one today")]

    assert combine(parses, DEFAULT).elements == {E.SOLUTION}
    assert combine(parses, DEFAULT, tone=0.7).elements == {E.SOLUTION, E.DISMISSIVE}


def test_without_a_tone_head_the_clauses_alone_decide():
    parses = [clause("dismissive", 0.5, "If it happens again")]

    assert combine(parses, DEFAULT, tone=None).elements == {E.DISMISSIVE}


def test_judge_passes_the_replys_own_tone():
    text = "Dunno, ask at the other till."
    inner = clause("deflection", 0.8, text)
    reply = Parse(text=text, intent=inner.intent, ranking=inner.ranking, clauses=(inner,), dismissive_tone=0.7)

    assert judge(reply, DEFAULT).elements == {E.DEFLECTION, E.DISMISSIVE}


def body(**extra: object) -> dict[str, object]:
    ranking = [{"name": "deflection", "confidence": 0.8}]
    clauses = [{"text": "x", "intent_ranking": ranking}]
    return {"intent": ranking[0], "intent_ranking": ranking, "clauses": clauses} | extra


@pytest.mark.parametrize(
    ("extra", "tone"),
    [
        ({"tone": {"dismissive": 0.42}}, 0.42),
        ({"tone": {"dismissive": 1}}, 1.0),
        ({}, None),
        ({"tone": None}, None),
        ({"tone": "curt"}, None),
        ({"tone": {"dismissive": "high"}}, None),
    ],
)
def test_the_tone_is_read_from_rasas_answer_and_odd_values_are_ignored(extra, tone):
    assert to_parse("x", body(**extra)).dismissive_tone == tone
