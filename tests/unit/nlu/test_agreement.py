"""Cohen's kappa and the second labeller's file, which must keep naming the labelled replies it judged."""

from __future__ import annotations

import json

import pytest

from nlu import agreement


def test_identical_labellings_agree_fully() -> None:
    assert agreement.cohen_kappa([True, False, False], [True, False, False]) == 1.0


def test_agreement_no_better_than_chance_is_zero() -> None:
    # Each labeller says yes half the time, and they agree on half the items: exactly what chance gives.
    assert agreement.cohen_kappa([True, True, False, False], [True, False, True, False]) == pytest.approx(0.0)


def test_one_disagreement_in_ten() -> None:
    first = [True] * 3 + [False] * 7
    second = [True] * 2 + [False] * 8
    # observed 0.9; chance 0.3 * 0.2 + 0.7 * 0.8 = 0.62; kappa (0.9 - 0.62) / 0.38
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.28 / 0.38)


def test_labellings_of_different_sets_are_refused() -> None:
    with pytest.raises(ValueError, match="same, non-empty"):
        agreement.cohen_kappa([True], [True, False])
    with pytest.raises(ValueError, match="same, non-empty"):
        agreement.cohen_kappa([], [])


def test_the_second_labeller_names_only_labelled_replies() -> None:
    first = agreement._first_labels(agreement.NLU_DIR)
    second = [json.loads(line) for line in agreement.SECOND.read_text(encoding="utf-8").splitlines()]
    # A renamed or shortened labelled file would leave second labels that point at nothing.
    assert {row["id"] for row in second} <= set(first)
    assert len(second) == 9175  # every dev/ reply: dev-dev9 first, dev10-dev21 in the tenth round
    assert all(isinstance(row[e], bool) for row in second for e in agreement.ELEMENTS)


def test_a_reply_belongs_to_the_set_its_file_names() -> None:
    assert agreement._set_of("dev/dev6_store.jsonl:12") == "dev6"
    assert agreement._set_of("dev/dev2.jsonl:3") == "dev2"
    assert agreement._set_of("eval/heldout_hard.jsonl:1") == "heldout"


def test_main_prints_kappa_per_set_and_in_total(capsys: pytest.CaptureFixture[str]) -> None:
    agreement.main()
    lines = capsys.readouterr().out.splitlines()
    sets = ["dev", *(f"dev{n}" for n in range(2, 22)), "all"]
    assert [line.split()[:2] for line in lines] == [[s, e] for s in sets for e in ("dismissive", "deflection")]
    assert all(0.0 <= float(line.rsplit("kappa", 1)[1]) <= 1.0 for line in lines)
