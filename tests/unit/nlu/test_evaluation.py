"""Element-level metrics, confusions, verdict agreement and targets of the NLU evaluation."""

from __future__ import annotations

import pytest

from nlu.evaluation import (
    NOTHING,
    ElementScore,
    Judged,
    Targets,
    credited_as_in_a_drill,
    evaluate,
    target_failures,
    verdict_agreement,
)
from scripts_library.schema import Rubric


def j(labelled: set[str], found: set[str]) -> Judged:
    return Judged("text", frozenset(labelled), frozenset(found))


JUDGED = [
    j({"thanks", "offer_help"}, {"thanks", "offer_help"}),
    j({"apology"}, {"empathy"}),
    j({"deflection"}, set()),
    j(set(), {"dismissive"}),
    j({"apology", "solution"}, {"apology", "solution"}),
]


def score(report_scores: tuple[ElementScore, ...], element: str) -> ElementScore:
    return next(s for s in report_scores if s.element == element)


def test_counts_and_rates_per_element() -> None:
    report = evaluate("set", JUDGED)
    apology = score(report.scores, "apology")
    assert (apology.true_positives, apology.false_positives, apology.false_negatives) == (1, 0, 1)
    assert (apology.precision, apology.recall) == (1.0, 0.5)
    assert apology.f1 == pytest.approx(2 / 3)
    empathy = score(report.scores, "empathy")
    assert (empathy.support, empathy.precision, empathy.f1) == (0, 0.0, 0.0)


def test_macro_f1_averages_only_labelled_elements() -> None:
    report = evaluate("set", JUDGED)
    # thanks 1, offer_help 1, solution 1, apology 2/3, deflection 0 (missed).
    assert report.macro_f1 == pytest.approx((1 + 1 + 1 + 2 / 3 + 0) / 5)


def test_confusions_put_anti_pattern_mistakes_first() -> None:
    confusions = evaluate("set", JUDGED).confusions
    assert confusions[:2] == ((NOTHING, "dismissive", 1), ("deflection", NOTHING, 1))  # ties: alphabetical
    assert ("apology", "empathy", 1) in confusions


def test_verdict_agreement_compares_pass_and_fail_under_each_rubric() -> None:
    rubric = Rubric.model_validate({"pass_mark": 60, "required": {"apology": 50, "solution": 50}})
    judged = [j({"apology", "solution"}, {"apology", "solution"}), j({"apology", "solution"}, {"apology"})]
    assert verdict_agreement(judged, [rubric]) == 0.5
    assert verdict_agreement(judged, []) is None


def test_target_failures_name_each_missed_target() -> None:
    failures = target_failures(evaluate("set", JUDGED), Targets(macro_f1=0.9, anti_pattern_recall=0.9, element_f1=0.8))
    assert failures == [
        "macro-F1 0.733 < 0.9",
        "apology F1 0.667 < 0.8",
        "deflection recall 0.000 < 0.9",
        "deflection F1 0.000 < 0.8",
    ]
    perfect = evaluate("set", [j({"thanks"}, {"thanks"})])
    assert target_failures(perfect) == []


def test_in_a_drill_the_scenario_decides_personalization() -> None:
    # The model hears a name; only the scenario knows whether it is the customer's.
    found = {"thanks", "personalization"}

    assert credited_as_in_a_drill("Thanks, Tom!", found, "Priya", "") == {"thanks"}
    assert credited_as_in_a_drill("Thanks, Priya!", {"thanks"}, "Priya", "") == {"thanks", "personalization"}
    assert credited_as_in_a_drill("Your usual?", set(), "", "") == {"personalization"}
