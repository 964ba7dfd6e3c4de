"""Rubric scoring: pure functions from detected elements to a score, a verdict and feedback."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from scripts_library.elements import ANTI_PATTERNS, HINTS, PRAISE, Element
from scripts_library.schema import BrandElement, Rubric


class FeedbackKind(StrEnum):
    """What a feedback item tells the employee."""

    PRAISE = "praise"
    MISSING = "missing"
    CRITICAL_MISSING = "critical_missing"
    ANTI_PATTERN = "anti_pattern"


@dataclass(frozen=True)
class FeedbackItem:
    """One explainable point of feedback about a reply."""

    kind: FeedbackKind
    element: str
    message: str


@dataclass(frozen=True)
class RubricResult:
    """The score (0-100), the verdict, and why."""

    score: int
    passed: bool
    found: frozenset[str]
    items: tuple[FeedbackItem, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Required elements the reply did not contain."""
        return tuple(i.element for i in self.items if i.kind in (FeedbackKind.MISSING, FeedbackKind.CRITICAL_MISSING))


def score_reply(
    rubric: Rubric, elements: Iterable[str], brand: Mapping[str, BrandElement] | None = None
) -> RubricResult:
    """Score the elements found against the rubric.

    Each required element found earns its weight in points (capped at 100); each anti-pattern
    found costs its penalty; the score is clamped to 0-100. A reply passes when it reaches the
    pass mark and contains every critical element.
    """
    found = frozenset(elements)
    covered = sum(w for e, w in rubric.required.items() if e in found)
    penalty = sum(p for e, p in rubric.anti_patterns.items() if e in found)
    score = max(0, min(100, covered) - penalty)
    critical_missing = [e for e in rubric.critical if e not in found]
    items = _feedback_items(rubric, found, set(critical_missing), brand or {})
    passed = score >= rubric.pass_mark and not critical_missing
    return RubricResult(score=score, passed=passed, found=found, items=items)


def _praise(element: str, brand: Mapping[str, BrandElement]) -> str:
    return PRAISE[Element(element)] if element in PRAISE else f"{brand[element].description}: well done."


def _hint(element: str, brand: Mapping[str, BrandElement]) -> str:
    return HINTS[Element(element)] if element in HINTS else brand[element].hint


def _feedback_items(
    rubric: Rubric, found: frozenset[str], critical_missing: set[str], brand: Mapping[str, BrandElement]
) -> tuple[FeedbackItem, ...]:
    items: list[FeedbackItem] = []
    # Anti-patterns first: they cost the most and are the first thing to unlearn.
    for anti_pattern in rubric.anti_patterns:
        if anti_pattern in found:
            items.append(FeedbackItem(FeedbackKind.ANTI_PATTERN, anti_pattern, HINTS[anti_pattern]))
    # Unlisted anti-patterns still get a word, without a penalty.
    for element in sorted(found):
        if element in ANTI_PATTERNS and element not in rubric.anti_patterns:
            items.append(FeedbackItem(FeedbackKind.ANTI_PATTERN, element, HINTS[Element(element)]))
    for element in rubric.required:
        if element in found:
            items.append(FeedbackItem(FeedbackKind.PRAISE, element, _praise(element, brand)))
        elif element in critical_missing:
            items.append(FeedbackItem(FeedbackKind.CRITICAL_MISSING, element, _hint(element, brand)))
        else:
            items.append(FeedbackItem(FeedbackKind.MISSING, element, _hint(element, brand)))
    return tuple(items)
