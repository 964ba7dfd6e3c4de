"""Rubric scoring: score = round(100 * covered / total) - penalties, clamped to 0..100."""

from __future__ import annotations

import pytest

from scripts_library.elements import HINTS, PRAISE, Element
from scripts_library.schema import Rubric
from scripts_library.scoring import FeedbackItem, FeedbackKind, score_reply

E = Element

# Weights add up to 100, so the covered share reads directly as the score.
ENTRANCE = Rubric.model_validate(
    {
        "pass_mark": 70,
        "required": {"greeting": 20, "thanks": 35, "offer_help": 45},
        "critical": ["offer_help"],
        "anti_patterns": {"generic_greeting": 30, "dismissive": 50},
    }
)


def test_all_required_elements_score_100_and_pass():
    result = score_reply(ENTRANCE, [E.GREETING, E.THANKS, E.OFFER_HELP])

    assert result.score == 100
    assert result.passed is True
    assert result.missing == ()
    assert result.items == (
        FeedbackItem(FeedbackKind.PRAISE, E.GREETING, PRAISE[E.GREETING]),
        FeedbackItem(FeedbackKind.PRAISE, E.THANKS, PRAISE[E.THANKS]),
        FeedbackItem(FeedbackKind.PRAISE, E.OFFER_HELP, PRAISE[E.OFFER_HELP]),
    )


def test_no_elements_score_zero_and_every_required_element_is_missing():
    result = score_reply(ENTRANCE, [])

    assert result.score == 0
    assert result.passed is False
    assert result.found == frozenset()
    assert result.missing == (E.GREETING, E.THANKS, E.OFFER_HELP)
    assert result.items == (
        FeedbackItem(FeedbackKind.MISSING, E.GREETING, HINTS[E.GREETING]),
        FeedbackItem(FeedbackKind.MISSING, E.THANKS, HINTS[E.THANKS]),
        FeedbackItem(FeedbackKind.CRITICAL_MISSING, E.OFFER_HELP, HINTS[E.OFFER_HELP]),
    )


@pytest.mark.parametrize(
    ("found", "score", "passed"),
    [
        ({E.THANKS, E.OFFER_HELP}, 80, True),  # 35 + 45
        ({E.GREETING, E.OFFER_HELP}, 65, False),  # 20 + 45, below the pass mark of 70
        ({E.OFFER_HELP}, 45, False),
    ],
)
def test_score_is_the_share_of_required_weight_covered(found, score, passed):
    result = score_reply(ENTRANCE, found)

    assert (result.score, result.passed) == (score, passed)


def test_weights_are_points_and_the_total_is_capped_at_100():
    generous = Rubric.model_validate({"pass_mark": 50, "required": {"apology": 70, "solution": 60}})
    stingy = Rubric.model_validate({"pass_mark": 50, "required": {"apology": 20, "solution": 30}})

    assert score_reply(generous, [E.APOLOGY]).score == 70
    assert score_reply(generous, [E.APOLOGY, E.SOLUTION]).score == 100
    assert score_reply(stingy, [E.APOLOGY, E.SOLUTION]).score == 50


def test_anti_pattern_penalty_is_subtracted_and_reaching_the_pass_mark_exactly_passes():
    result = score_reply(ENTRANCE, [E.GREETING, E.THANKS, E.OFFER_HELP, E.GENERIC_GREETING])

    assert result.score == 70  # 100 - 30
    assert result.passed is True
    assert result.items[0] == FeedbackItem(FeedbackKind.ANTI_PATTERN, E.GENERIC_GREETING, HINTS[E.GENERIC_GREETING])


def test_two_anti_patterns_add_up_and_can_fail_a_complete_reply():
    result = score_reply(ENTRANCE, [E.GREETING, E.THANKS, E.OFFER_HELP, E.GENERIC_GREETING, E.DISMISSIVE])

    assert result.score == 20  # 100 - 30 - 50
    assert result.passed is False


def test_penalties_larger_than_the_covered_share_clamp_the_score_at_zero():
    result = score_reply(ENTRANCE, [E.GREETING, E.GENERIC_GREETING, E.DISMISSIVE])

    assert result.score == 0  # 20 - 80 would be -60
    assert result.passed is False


def test_missing_critical_element_fails_even_above_pass_mark():
    rubric = Rubric.model_validate(
        {"pass_mark": 70, "required": {"apology": 10, "solution": 90}, "critical": ["apology", "solution"]}
    )

    result = score_reply(rubric, [E.SOLUTION])

    assert result.score == 90
    assert result.passed is False
    assert result.items == (
        FeedbackItem(FeedbackKind.CRITICAL_MISSING, E.APOLOGY, HINTS[E.APOLOGY]),
        FeedbackItem(FeedbackKind.PRAISE, E.SOLUTION, PRAISE[E.SOLUTION]),
    )
    assert result.missing == (E.APOLOGY,)


def test_unlisted_anti_pattern_gets_a_feedback_item_but_no_penalty():
    result = score_reply(ENTRANCE, [E.GREETING, E.THANKS, E.OFFER_HELP, E.DEFLECTION])

    assert result.score == 100
    assert result.passed is True
    assert result.items[0] == FeedbackItem(FeedbackKind.ANTI_PATTERN, E.DEFLECTION, HINTS[E.DEFLECTION])
    assert [i.kind for i in result.items] == [FeedbackKind.ANTI_PATTERN] + [FeedbackKind.PRAISE] * 3


def test_feedback_lists_rubric_anti_patterns_in_rubric_order_then_unlisted_ones_then_required():
    rubric = Rubric.model_validate(
        {
            "pass_mark": 50,
            "required": {"thanks": 50, "greeting": 50},
            "anti_patterns": {"dismissive": 10, "generic_greeting": 10},
        }
    )

    result = score_reply(rubric, [E.GENERIC_GREETING, E.DEFLECTION, E.DISMISSIVE, E.GREETING])

    assert [(i.kind, i.element) for i in result.items] == [
        (FeedbackKind.ANTI_PATTERN, E.DISMISSIVE),
        (FeedbackKind.ANTI_PATTERN, E.GENERIC_GREETING),
        (FeedbackKind.ANTI_PATTERN, E.DEFLECTION),
        (FeedbackKind.MISSING, E.THANKS),
        (FeedbackKind.PRAISE, E.GREETING),
    ]
    assert result.score == 30  # 50 - 10 - 10


def test_elements_outside_the_rubric_are_found_but_neither_scored_nor_mentioned():
    result = score_reply(ENTRANCE, [E.OFFER_HELP, E.CLOSING])

    assert result.score == 45
    assert result.found == frozenset({E.OFFER_HELP, E.CLOSING})
    assert E.CLOSING not in {i.element for i in result.items}


def test_elements_can_be_any_iterable_and_duplicates_count_once():
    result = score_reply(ENTRANCE, (e for e in [E.THANKS, E.THANKS, E.OFFER_HELP]))

    assert result.score == 80
    assert result.found == frozenset({E.THANKS, E.OFFER_HELP})
