"""`coach library lint`: each class of broken file is reported with its exact file, line and field."""

from __future__ import annotations

from pathlib import Path

from scripts_library.lint import lint_directory
from scripts_library.loader import DEFAULT_LIBRARY_DIR
from scripts_library.problems import Severity

GOOD = """\
id: checkout
title: Checkout
channel: in_store
model_lines:
  - Thanks for waiting! Find everything okay?
  - Thank you, have a lovely day.
rubric:
  pass_mark: 70
  required:
    thanks: 60
    offer_help: 40
  critical: [thanks]
  anti_patterns:
    dismissive: 50
scenarios:
  - id: busy
    persona: {name: Priya, mood: tired}
    turns:
      - say: Finally.
"""


def lint_one(tmp_path: Path, text: str, name: str = "checkout.yml") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return [f"{p.severity.value} {p}" for p in lint_directory(tmp_path)]


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    assert lint_one(tmp_path, GOOD) == []


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    broken = GOOD.replace("  pass_mark: 70", "  pass_mark: [70")
    [problem] = lint_one(tmp_path, broken)
    assert problem.startswith(f"error {tmp_path / 'checkout.yml'}:9: not valid YAML:")


def test_unknown_element_is_reported_at_its_key(tmp_path: Path) -> None:
    broken = GOOD.replace("    offer_help: 40", "    smile: 40")
    [problem] = lint_one(tmp_path, broken)
    assert problem.startswith(
        f"error {tmp_path / 'checkout.yml'}:11: rubric.required.smile: Value error, unknown element 'smile'"
    )


def test_missing_field_is_reported_on_its_parent(tmp_path: Path) -> None:
    broken = GOOD.replace("    persona: {name: Priya, mood: tired}", "    persona: {name: Priya}")
    assert lint_one(tmp_path, broken) == [
        f"error {tmp_path / 'checkout.yml'}:17: scenarios[0].persona.mood: Field required"
    ]


def test_anti_pattern_listed_as_required(tmp_path: Path) -> None:
    broken = GOOD.replace("    offer_help: 40", "    deflection: 40")
    [problem] = lint_one(tmp_path, broken)
    assert problem == (
        f"error {tmp_path / 'checkout.yml'}:10: rubric.required: "
        "Value error, deflection is an anti-pattern; list it under anti_patterns"
    )


def test_critical_element_that_is_not_required(tmp_path: Path) -> None:
    broken = GOOD.replace("  critical: [thanks]", "  critical: [apology]")
    [problem] = lint_one(tmp_path, broken)
    assert problem == (
        f"error {tmp_path / 'checkout.yml'}:8: rubric: Value error, critical elements must also be required: apology"
    )


def test_duplicate_ids_across_files_name_the_other_file(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(GOOD, encoding="utf-8")
    problems = lint_one(tmp_path, GOOD, name="b.yml")
    assert problems == [f"error {tmp_path / 'b.yml'}:1: id: 'checkout' is already defined in {tmp_path / 'a.yml'}"]


def test_weights_that_cannot_reach_the_pass_mark_are_an_error(tmp_path: Path) -> None:
    weak = GOOD.replace("    thanks: 60", "    thanks: 20")
    assert lint_one(tmp_path, weak) == [
        f"error {tmp_path / 'checkout.yml'}:8: rubric.pass_mark: "
        "the required weights add up to 60, below the pass mark 70"
    ]


def test_weights_that_do_not_add_up_to_100_are_a_warning(tmp_path: Path) -> None:
    odd = GOOD.replace("    thanks: 60", "    thanks: 70")
    assert lint_one(tmp_path, odd) == [
        f"warning {tmp_path / 'checkout.yml'}:10: rubric.required: the required weights add up to 110; "
        "scores are out of 100, so make them add up to 100"
    ]


def test_critical_element_in_no_model_line_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "checkout.yml").write_text(GOOD, encoding="utf-8")

    def no_thanks(line: str) -> frozenset[str]:  # judges lines as containing only offers of help
        return frozenset({"offer_help"})

    [problem] = lint_directory(tmp_path, judge=no_thanks)
    assert problem.severity is Severity.WARNING
    assert str(problem) == (
        f"{tmp_path / 'checkout.yml'}:5: model_lines: critical element thanks is in no model line; "
        "show staff what it sounds like"
    )


def test_duplicate_scenario_and_brand_ids(tmp_path: Path) -> None:
    broken = GOOD + "  - id: busy\n    persona: {name: Sam, mood: rushed}\n    turns:\n      - say: Hi.\n"
    [problem] = lint_one(tmp_path, broken)
    assert problem == f"error {tmp_path / 'checkout.yml'}:1: (top level): Value error, duplicate scenario ids: busy"


def test_every_problem_of_a_file_is_listed(tmp_path: Path) -> None:
    broken = GOOD.replace("title: Checkout\n", "").replace("  pass_mark: 70", "  pass_mark: 170")
    assert [p.split(": ")[1] for p in lint_one(tmp_path, broken)] == ["title", "rubric.pass_mark"]


def test_the_default_library_lints_clean() -> None:
    assert [str(p) for p in lint_directory(DEFAULT_LIBRARY_DIR) if p.severity is Severity.ERROR] == []
