"""How far a blind second labeller agrees with the authors' anti-pattern labels: `python -m nlu.agreement`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from nlu.labelled import read_labelled, set_name, set_order

NLU_DIR = Path(__file__).resolve().parent
SECOND = NLU_DIR / "second_labeller" / "second_labeller.jsonl"
ELEMENTS = ("dismissive", "deflection")


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float:
    """Agreement of two yes/no labellings beyond what their base rates give by chance (1 = identical)."""
    if len(first) != len(second) or not first:
        raise ValueError("two labellings of the same, non-empty set of items are needed")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p, q = sum(first) / n, sum(second) / n
    chance = p * q + (1 - p) * (1 - q)
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def _first_labels(nlu_dir: Path) -> dict[str, frozenset[str]]:
    """The authors' labels by "folder/file:line", as the second labeller's ids name them."""
    labels = {}
    for path in sorted([*nlu_dir.glob("eval/*.jsonl"), *nlu_dir.glob("dev/*.jsonl")]):
        for number, reply in read_labelled(path):
            labels[f"{path.parent.name}/{path.name}:{number}"] = reply.elements
    return labels


def _set_of(reply_id: str) -> str:
    """The labelled set a reply belongs to: "dev/dev6_store.jsonl:12" -> "dev6"."""
    return set_name(Path(reply_id.split(":")[0]))


def main() -> None:
    """Print, per labelled set and in total, both labellers' counts, their overlap and Cohen's kappa."""
    first = _first_labels(NLU_DIR)
    second = [json.loads(line) for line in SECOND.read_text(encoding="utf-8").splitlines() if line.strip()]
    sets = sorted({_set_of(row["id"]) for row in second}, key=set_order)
    for name in [*sets, "all"]:
        rows = [row for row in second if name in ("all", _set_of(row["id"]))]
        for element in ELEMENTS:
            a = [element in first[row["id"]] for row in rows]
            b = [bool(row[element]) for row in rows]
            both = sum(x and y for x, y in zip(a, b, strict=True))
            print(
                f"{name:5} {element:10} replies {len(rows):4}  authors {sum(a):3}  second {sum(b):3}  "
                f"both {both:3}  kappa {cohen_kappa(a, b):.2f}"
            )


if __name__ == "__main__":
    main()
