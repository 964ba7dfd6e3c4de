"""Turns a reply into the set of response elements it contains, via one Rasa parse per clause."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType

from nlu.clauses import split_clauses
from nlu.client import Parse, RasaClient
from nlu.cues import cue_elements
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
    anti_pattern: float = 0.35
    meta: float = 0.6
    # A clause can hold two elements ("I'll send a replacement today"): credit a runner-up this confident.
    runner_up: float = 0.3


_ELEMENTS = {e.value: e for e in Element}
_META = {m.value: m for m in MetaCommand}


class ReplyAnalyzer:
    """Splits a reply into clauses and classifies them concurrently over one pooled client."""

    def __init__(self, client: RasaClient, thresholds: Thresholds | None = None, workers: int = 8) -> None:
        self._client = client
        self._thresholds = thresholds or Thresholds()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="nlu-parse")

    def __enter__(self) -> ReplyAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker threads (the client is closed by its owner)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def analyze(self, text: str) -> Analysis:
        """Detect the elements of a screened reply; raises NluUnavailableError when Rasa is down."""
        clauses = split_clauses(text)
        parses = list(self._pool.map(self._client.parse, clauses))
        return combine(parses, self._thresholds)


def combine(parses: list[Parse], thresholds: Thresholds) -> Analysis:
    """Merge per-clause parses into one analysis. Pure."""
    if len(parses) == 1:
        top = parses[0].intent
        if top.name in _META and top.confidence >= thresholds.meta:
            return Analysis(frozenset(), meta=_META[top.name])
    credited: set[Element] = set()
    unsure: set[Element] = set()
    for parse in parses:
        credited |= cue_elements(parse.text)
        element = _ELEMENTS.get(parse.intent.name)
        if element is None:
            continue
        needed = thresholds.anti_pattern if element.is_anti_pattern else thresholds.element
        if parse.intent.confidence < needed:
            unsure.add(element)  # an unsure clause earns nothing, not even its runner-up
            continue
        credited.add(element)
        runner_up = parse.ranking[1] if len(parse.ranking) > 1 else None
        if runner_up and runner_up.name in _ELEMENTS and runner_up.confidence >= thresholds.runner_up:
            credited.add(_ELEMENTS[runner_up.name])
    if Element.GENERIC_GREETING in credited and Element.OFFER_HELP in credited:
        # "Hey there! What can I get you?" opens a real conversation: a greeting, not a throwaway one.
        credited = (credited - {Element.GENERIC_GREETING}) | {Element.GREETING}
    return Analysis(frozenset(credited), frozenset(unsure - credited))
