"""Turns a reply into the set of response elements it contains, from one Rasa parse that ranks each clause."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType

from bot.errors import NluSetupError
from nlu.client import Parse, RasaClient
from nlu.cues import cue_elements
from scripts_library.deterministic import SCENARIO_DECIDED
from scripts_library.elements import Element


class MetaCommand(StrEnum):
    """Replies meant for the coach, not the customer."""

    SKIP = "drill_skip"
    REPEAT = "drill_repeat"
    STOP = "drill_stop"
    HELP = "ask_help"


@dataclass(frozen=True)
class Analysis:
    """The elements credited in a reply, those the model was unsure of, and any meta command."""

    elements: frozenset[Element]
    unsure: frozenset[Element] = frozenset()
    meta: MetaCommand | None = None


@dataclass(frozen=True)
class Thresholds:
    """Minimum confidence to credit an element; anti-patterns have their own, tuned for recall."""

    element: float = 0.45
    # The highest value at which every anti-pattern reaches recall 0.90 on all five tuning sets (nlu/README.md).
    anti_pattern: float = 0.2
    meta: float = 0.6
    # A clause can hold two elements ("I'll send a replacement today"): credit a runner-up this confident.
    runner_up: float = 0.3
    # A reply that commits to a fix ("I'm not sure, but I'll find out and ring you") is not curt unless the
    # model is at least this sure of a curt clause, or the wording is unmistakable (chosen on nlu/dev, README).
    dismissive_beside_repair: float = 0.6
    # The reply-level heads (nlu/rasa_addons/clause_classifier.py) hear what no single clause carries: a hand-off
    # that is a deflection, a remedy spread over two clauses. This sure, a head credits its element on its own; below
    # the floor, it overrules the clauses' reading unless the wording is unmistakable (a cue). Chosen left out by
    # author; the six pairs tried (credit 0.6-0.8, floor 0.1-0.3) pool to 0.913-0.914 macro-F1 (README, "Eighth round").
    reply_credit: float = 0.7
    reply_floor: float = 0.2
    # Curtness is the reply's tone more than any clause's act ("Dunno, ask at the other till"), so its head is
    # trusted sooner. Chosen left out by author: the highest recall at the best F1 (README, "Seventh round"; a
    # floor of 0.2 lifted F1 by 0.003 but cost recall on two of fifteen authors, "Ninth round").
    dismissive_tone: float = 0.3
    dismissive_tone_floor: float = 0.15


_ELEMENTS = {e.value: e for e in Element}
_REPAIR = frozenset({Element.OWNERSHIP, Element.FOLLOW_UP, Element.SOLUTION})
_META = {m.value: m for m in MetaCommand}


class ReplyAnalyzer:
    """Asks Rasa for a reply's clause rankings in one parse, over the shared pooled client, and combines them."""

    def __init__(self, client: RasaClient, thresholds: Thresholds | None = None) -> None:
        self._client = client
        self._thresholds = thresholds or Thresholds()

    def __enter__(self) -> ReplyAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: the client is closed by its owner."""

    def analyze(self, text: str) -> Analysis:
        """Detect the elements of a screened reply; raises NluUnavailableError when Rasa is down."""
        return judge(self._client.parse(text), self._thresholds)


def judge(parse: Parse, thresholds: Thresholds) -> Analysis:
    """The analysis of one whole-reply parse: its clauses combined with the reply-level heads. Pure."""
    return combine(clause_parses(parse), thresholds, reply=parse.reply_scores)


def _anti_patterns(parse: Parse, thresholds: Thresholds) -> set[Element]:
    """Anti-patterns anywhere in a clause's ranking: missing "calm down" costs more than a false alarm."""
    found = {_ELEMENTS.get(score.name) for score in parse.ranking if score.confidence >= thresholds.anti_pattern}
    return {element for element in found if element is not None and element.is_anti_pattern}


def clause_parses(parse: Parse) -> list[Parse]:
    """The per-clause rankings of a parse; a model without the clause classifier is a set-up error."""
    if not parse.clauses:
        raise NluSetupError(
            "The NLU model does not rank clauses: it was not trained with nlu/config.yml's ClauseClassifier. "
            "Retrain it with `coach nlu train --force` and restart the server (`coach nlu down && coach nlu up`)."
        )
    return list(parse.clauses)


def combine(parses: list[Parse], thresholds: Thresholds, *, reply: Mapping[str, float] | None = None) -> Analysis:
    """Merge per-clause parses, and the reply-level heads' scores when the model has them, into one analysis. Pure."""
    if len(parses) == 1:
        top = parses[0].intent
        if top.name in _META and top.confidence >= thresholds.meta:
            return Analysis(frozenset(), meta=_META[top.name])
    credited: set[Element] = set()
    cued: set[Element] = set()
    unsure: set[Element] = set()
    for parse in parses:
        cued |= cue_elements(parse.text)
        credited |= _anti_patterns(parse, thresholds)
        element = _ELEMENTS.get(parse.intent.name)
        if element is None:
            continue
        if element.is_anti_pattern:
            unsure.add(element)  # reported only if _anti_patterns didn't credit it
            continue
        if parse.intent.confidence < thresholds.element:
            unsure.add(element)  # an unsure clause earns nothing, not even its runner-up
            continue
        credited.add(element)
        runner_up = parse.ranking[1] if len(parse.ranking) > 1 else None
        if runner_up and runner_up.name in _ELEMENTS and runner_up.confidence >= thresholds.runner_up:
            credited.add(_ELEMENTS[runner_up.name])
    credited |= cued
    for element in _overruled_anti_patterns(parses, credited, cued, thresholds):
        credited.discard(element)
        unsure.discard(element)  # decided, not unsure: no "the coach was unsure" feedback either
    for name, probability in (reply or {}).items():
        element = _ELEMENTS.get(name)
        # A head never sees the scenario's customer, so it cannot tell a customer's name from anyone else's.
        if element is not None and element not in SCENARIO_DECIDED:
            _apply_reply_head(element, probability, credited, unsure, cued, thresholds)
    if Element.GENERIC_GREETING in credited and Element.OFFER_HELP in credited:
        # "Hey there! What can I get you?" opens a real conversation: a greeting, not a throwaway one.
        credited = (credited - {Element.GENERIC_GREETING}) | {Element.GREETING}
    return Analysis(frozenset(credited), frozenset(unsure - credited))


def _apply_reply_head(
    element: Element,
    probability: float,
    credited: set[Element],
    unsure: set[Element],
    cued: set[Element],
    thresholds: Thresholds,
) -> None:
    """A confident head credits its element; a doubtful one drops it, unless the wording is unmistakable (a cue)."""
    if element is Element.DISMISSIVE:
        credit, floor = thresholds.dismissive_tone, thresholds.dismissive_tone_floor
    else:
        credit, floor = thresholds.reply_credit, thresholds.reply_floor
    if probability >= credit:
        credited.add(element)
    elif probability < floor and element not in cued:
        credited.discard(element)
        unsure.discard(element)  # decided, not unsure


def _overruled_anti_patterns(
    parses: list[Parse], credited: set[Element], cued: set[Element], thresholds: Thresholds
) -> set[Element]:
    """Model-only anti-patterns that the rest of the reply contradicts. Unmistakable wording always stays."""
    overruled: set[Element] = set()
    if Element.SOLUTION in credited and Element.DEFLECTION not in cued:
        # "We can't refund it, but I can exchange it" refuses with an alternative: deflection is a refusal
        # with none (DESIGN.md).
        overruled.add(Element.DEFLECTION)
    curt = max((s.confidence for p in parses for s in p.ranking if s.name == Element.DISMISSIVE.value), default=0.0)
    if credited & _REPAIR and Element.DISMISSIVE not in cued and curt < thresholds.dismissive_beside_repair:
        # "No idea offhand, but I'll find out" owns the gap: a weak curt reading is the model
        # hearing "I don't know", not a brush-off.
        overruled.add(Element.DISMISSIVE)
    return overruled
