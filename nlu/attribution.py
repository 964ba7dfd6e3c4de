"""Turns labelled replies into labelled clauses for training: which clause of a reply carries which element.

Tuning sets are labelled per reply ("I'm so sorry - I'll send a new one today": apology, solution), but the
classifier learns from clauses. A model trained on the hand-written clauses ranks each clause, and each
clause takes the most likely of its reply's own labels, or `out_of_scope`. The reply's labels bound what a
clause may be: a clause of a reply labelled without `dismissive` is never trained as dismissive, which is the
point, since five tuning authors disagree with the hand-written data about what sounds curt.

Pure, and importable by Rasa's Python 3.10 (nlu/rasa_tools uses it), so no 3.11-only syntax at run time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

NO_ELEMENT = "out_of_scope"
# Credited from the drill's scenario (scripts_library/deterministic.py), so a reply's personalization label
# says nothing certain about wording; a clause may still take it when the model ranks it first among the labels.
_SCENARIO_ONLY = frozenset({"personalization"})
# When a clause's best own label is this likely yet loses to "no element", the clause is ambiguous: skip it
# rather than teach "no element" (chosen on the tuning sets, nlu/README.md "Sixth round").
AMBIGUOUS = 0.2


def attribute_reply(
    clauses: Sequence[str], labels: Iterable[str], probabilities: Sequence[Mapping[str, float]]
) -> list[tuple[str, str]]:
    """(clause, intent) training pairs for one reply, given each clause's intent probabilities."""
    known = set(probabilities[0]) if probabilities else set()
    wanted = [label for label in sorted(labels) if label in known]
    candidates = set(wanted) | {NO_ELEMENT}
    if "greeting" in wanted:
        # "Hey there! What can I get you?" is greeting + offer_help, and "Hey there" on its own is a
        # throwaway opener: the analyzer makes the pair a greeting (nlu/README.md, conventions).
        candidates.add("generic_greeting")
    chosen = [max(sorted(candidates), key=lambda name: p.get(name, 0.0)) for p in probabilities]
    # Unclaimed labels are placed surest first, so a clause goes to the label it most clearly carries.
    for label in sorted(wanted, key=lambda name: -max(p.get(name, 0.0) for p in probabilities)):
        if label in _SCENARIO_ONLY or label in chosen or (label == "greeting" and "generic_greeting" in chosen):
            continue
        # A label no clause won goes to the clause most likely to carry it, if that clause has nothing else.
        best = max(range(len(clauses)), key=lambda i: probabilities[i].get(label, 0.0))
        if chosen[best] == NO_ELEMENT or chosen.count(chosen[best]) > 1:
            chosen[best] = label
    pairs = []
    for clause, intent, p in zip(clauses, chosen, probabilities, strict=True):
        own_best = max((p.get(name, 0.0) for name in candidates - {NO_ELEMENT}), default=0.0)
        if intent == NO_ELEMENT and own_best >= AMBIGUOUS:
            continue
        pairs.append((clause, intent))
    return pairs


def consistent(pairs: Iterable[tuple[str, str]], taken: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Drop clauses already written by hand (`taken`) and clauses given different intents by different replies."""
    seen = {_key(text) for text in taken}
    intents: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str]] = {}
    for text, intent in pairs:
        key = _key(text)
        if key in seen:
            continue
        intents[key].add(intent)
        first.setdefault(key, (text, intent))
    return [first[key] for key in first if len(intents[key]) == 1]


def _key(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .!?,")
