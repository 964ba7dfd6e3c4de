"""Element-level precision, recall and F1 of the analyzer against labelled replies. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scripts_library.deterministic import decided_by_scenario, personalized
from scripts_library.elements import ANTI_PATTERNS, Element
from scripts_library.schema import Rubric
from scripts_library.scoring import score_reply

NOTHING = "(nothing)"


@dataclass(frozen=True)
class Judged:
    """One labelled reply and what the analyzer found in it."""

    text: str
    labelled: frozenset[str]
    found: frozenset[str]


def credited_as_in_a_drill(text: str, found: Iterable[str], customer_name: str, preference: str) -> frozenset[str]:
    """What the model found, with personalization decided by the scenario's customer, as a drill credits it."""
    personal = {Element.PERSONALIZATION} if personalized(text, customer_name, preference) else set()
    return decided_by_scenario(found, personal)


@dataclass(frozen=True)
class ElementScore:
    """Counts and rates for one element."""

    element: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        """How many replies are labelled with the element."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        """Share of the element's detections that were right (1.0 when it was never detected)."""
        detected = self.true_positives + self.false_positives
        return self.true_positives / detected if detected else 1.0

    @property
    def recall(self) -> float:
        """Share of the labelled occurrences that were detected (1.0 when there were none)."""
        return self.true_positives / self.support if self.support else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Report:
    """The evaluation of one labelled set."""

    name: str
    rows: int
    scores: tuple[ElementScore, ...]
    confusions: tuple[tuple[str, str, int], ...]
    verdict_agreement: float | None

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the elements the set has labels for."""
        scored = [s.f1 for s in self.scores if s.support]
        return sum(scored) / len(scored) if scored else 0.0


def element_scores(judged: Sequence[Judged], elements: Iterable[str] = tuple(Element)) -> tuple[ElementScore, ...]:
    """True and false positives and negatives per element."""
    scores = []
    for element in elements:
        tp = sum(1 for j in judged if element in j.labelled and element in j.found)
        fp = sum(1 for j in judged if element not in j.labelled and element in j.found)
        fn = sum(1 for j in judged if element in j.labelled and element not in j.found)
        scores.append(ElementScore(str(element), tp, fp, fn))
    return tuple(scores)


def confusions(judged: Sequence[Judged], top: int = 10) -> tuple[tuple[str, str, int], ...]:
    """The most frequent (expected, found instead) pairs; `(nothing)` marks a plain miss or false alarm."""
    counts: Counter[tuple[str, str]] = Counter()
    for j in judged:
        missed, extra = sorted(j.labelled - j.found), sorted(j.found - j.labelled)
        for expected in missed:
            for instead in extra or [NOTHING]:
                counts[(expected, instead)] += 1
        if not missed:
            for instead in extra:
                counts[(NOTHING, instead)] += 1
    # Anti-pattern mistakes first: false blame or a missed "not my department" costs trust most.
    ranked = sorted(counts.items(), key=lambda kv: (-_weight(kv[0]) * kv[1], kv[0]))
    return tuple((expected, instead, n) for (expected, instead), n in ranked[:top])


def _weight(pair: tuple[str, str]) -> int:
    return 2 if any(e in ANTI_PATTERNS for e in pair) else 1


def verdict_agreement(judged: Sequence[Judged], rubrics: Sequence[Rubric]) -> float | None:
    """Share of (reply, rubric) pairs where detected elements give the same pass/fail as the labels."""
    pairs = [(j, r) for j in judged for r in rubrics]
    if not pairs:
        return None
    same = sum(1 for j, r in pairs if score_reply(r, j.labelled).passed == score_reply(r, j.found).passed)
    return same / len(pairs)


def evaluate(name: str, judged: Sequence[Judged], rubrics: Sequence[Rubric] = ()) -> Report:
    """Everything the evaluation command prints for one labelled set."""
    return Report(
        name=name,
        rows=len(judged),
        scores=element_scores(judged),
        confusions=confusions(judged),
        verdict_agreement=verdict_agreement(judged, rubrics),
    )


@dataclass(frozen=True)
class Targets:
    """The quality bar: macro-F1, anti-pattern recall, and the weakest element's F1."""

    macro_f1: float = 0.90
    anti_pattern_recall: float = 0.90
    element_f1: float = 0.80


def target_failures(report: Report, targets: Targets = Targets()) -> list[str]:
    """Which targets the report misses, in words; empty when all hold."""
    failures = []
    if report.macro_f1 < targets.macro_f1:
        failures.append(f"macro-F1 {report.macro_f1:.3f} < {targets.macro_f1}")
    for score in report.scores:
        if not score.support:
            continue
        if score.element in ANTI_PATTERNS and score.recall < targets.anti_pattern_recall:
            failures.append(f"{score.element} recall {score.recall:.3f} < {targets.anti_pattern_recall}")
        if score.f1 < targets.element_f1:
            failures.append(f"{score.element} F1 {score.f1:.3f} < {targets.element_f1}")
    return failures
