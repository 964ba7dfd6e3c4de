"""Elements matched exactly rather than by the model: the customer's name, their usual order, brand phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scripts_library.elements import Element
from scripts_library.matching import matches_any, mentions_most_of, similar, words
from scripts_library.schema import Scenario, TouchpointScript

_MIN_LETTERS_FOR_TYPOS = 5
# Decided by the drill's scenario, never by the model: only the scenario knows who the customer is.
SCENARIO_DECIDED = frozenset({Element.PERSONALIZATION})
# Wording that recalls a regular without naming them: "welcome back", "your usual?" (DESIGN.md, personalization).
_RECALLS_A_REGULAR = re.compile(
    r"\b(?:welcome back|your usual|the usual|as usual|same as (?:always|usual|last time)|"
    r"(?:good|nice|great|lovely) to see you again)\b",
    re.IGNORECASE,
)


def mentions_name(text: str, name: str) -> bool:
    """Whether the reply uses the customer's name as a whole word, in any case; longer names allow a typo."""
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
        return True
    name_words = words(name)
    if len(name_words) != 1 or len(name_words[0]) < _MIN_LETTERS_FOR_TYPOS:
        return False
    return any(similar(word, name_words[0]) for word in words(text) if word[0] == name_words[0][0])


def uses_persona(text: str, name: str, preference: str = "") -> bool:
    """Whether the reply uses the customer's name or most of their remembered preference; empty ones never match."""
    return bool(name and mentions_name(text, name)) or bool(preference and mentions_most_of(text, preference))


def recalls_a_regular(text: str) -> bool:
    """Whether the reply's wording recalls the customer's history: "welcome back", "your usual?"."""
    return bool(_RECALLS_A_REGULAR.search(text))


def personalized(text: str, name: str, preference: str = "") -> bool:
    """Whether a reply to this customer is personal: it uses their name or usual order, or recalls their history.

    A name that is not the customer's is not personal, so a drill decides personalization here, not by the model."""
    return uses_persona(text, name, preference) or recalls_a_regular(text)


def decided_by_scenario(found: Iterable[str], matched: Iterable[str]) -> frozenset[str]:
    """The model's elements with those the scenario decides replaced by what was matched against the scenario."""
    return (frozenset(found) - SCENARIO_DECIDED) | frozenset(matched)


def deterministic_elements(script: TouchpointScript, scenario: Scenario, text: str) -> frozenset[str]:
    """Brand elements whose phrases occur, and personalization as `personalized` decides it."""
    found = {brand.id for brand in script.brand_elements if matches_any(text, brand.phrases)}
    if personalized(text, scenario.persona.name, scenario.persona.preference):
        found.add(Element.PERSONALIZATION)
    return frozenset(found)
