"""`coach library export` and `import` as managers use them: real .xlsx files edited with openpyxl, a real database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from exports.library_workbook import read_library_workbook, write_library_workbook
from scripts_library.loader import load_library, load_script
from scripts_library.schema import ELEMENT_NAMES
from scripts_library.tabular import SHEETS
from tests.conftest import REPO

COACH = REPO / ".venv" / "bin" / "coach"
TRICKY = {
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+44 20 7946 0000 is our number",
    "minus": "-10% on everything today",
    "at": "@channel welcome in!",
    "error": "#N/A",
    "control": "Ding\x07 dong\x1b[0m and a\r\nWindows line break",
}


class Coach:
    """Runs `coach` with its own database, var folder and organisation library folder."""

    def __init__(self, tmp_path: Path) -> None:
        self.library_dir = tmp_path / "library"
        self.database = tmp_path / "coach.db"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "VAR_DIR": str(tmp_path / "var"),
            "LIBRARY_DIR": str(self.library_dir),
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(COACH), *args], capture_output=True, text=True, env=self.env, cwd=REPO, timeout=120)

    def export(self, path: Path) -> Path:
        done = self.run("library", "export", "--out", str(path))
        assert done.returncode == 0, done.stderr
        return path

    def library_files(self) -> list[str]:
        return sorted(p.name for p in self.library_dir.iterdir()) if self.library_dir.exists() else []

    def versions(self) -> list[tuple[str, int, str]]:
        with sqlite3.connect(self.database) as db:
            return db.execute("SELECT touchpoint_id, version, content_hash FROM script_version ORDER BY id").fetchall()


@pytest.fixture
def coach(tmp_path: Path) -> Coach:
    coach = Coach(tmp_path)
    done = coach.run("db", "upgrade")
    assert done.returncode == 0, done.stderr
    return coach


def tricky_touchpoint() -> dict[str, Any]:
    return {
        "id": "hotline",
        "title": TRICKY["at"],
        "channel": "phone",
        "description": TRICKY["control"],
        "model_lines": [TRICKY["formula"], {"text": TRICKY["plus"], "credit": TRICKY["minus"]}],
        "rubric": {"pass_mark": 50, "required": {"greeting": 50, "thanks": 50}},
        "scenarios": [
            {"id": "caller", "persona": {"name": TRICKY["error"], "mood": "calm"}, "turns": [{"say": "Hello?"}]}
        ],
    }


def test_export_has_one_sheet_per_part_with_bold_frozen_headers_and_every_row(coach: Coach, tmp_path: Path) -> None:
    workbook = load_workbook(coach.export(tmp_path / "library.xlsx"))
    library = load_library()

    assert workbook.sheetnames == [*SHEETS, "lists"]
    assert workbook["lists"].sheet_state == "hidden"
    for name, columns in SHEETS.items():
        sheet = workbook[name]
        assert tuple(c.value for c in sheet[1]) == columns
        assert all(c.font.b for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(columns) + 1)]
        assert all(10 <= w <= 80 for w in widths), (name, widths)
    touchpoints = workbook["touchpoints"]
    assert [r[0] for r in touchpoints.iter_rows(min_row=2, values_only=True)] == list(library)
    lines = [r for r in workbook["model_lines"].iter_rows(min_row=2, values_only=True)]
    assert lines == [(s.id, m.text, m.credit) for s in library.values() for m in s.model_lines]
    weights = {(r[0], r[1]): r[2] for r in workbook["rubric_items"].iter_rows(min_row=2, values_only=True) if r[2]}
    assert weights == {(s.id, e): w for s in library.values() for e, w in s.rubric.required.items()}


def test_element_situation_and_yes_no_columns_have_dropdowns_from_the_hidden_lists_sheet(
    coach: Coach, tmp_path: Path
) -> None:
    workbook = load_workbook(coach.export(tmp_path / "library.xlsx"))
    library = load_library()
    lists = workbook["lists"]

    def dropdown(sheet: str, column: str, error_style: str) -> list[str]:
        rules = [r for r in workbook[sheet].data_validations.dataValidation if f"{column}2:{column}1048576" in r.sqref]
        assert len(rules) == 1, (sheet, column)
        rule = rules[0]
        assert rule.type == "list" and not rule.showDropDown  # True would hide the arrow
        assert (rule.showErrorMessage, rule.errorStyle) == (True, error_style)
        target, cells = rule.formula1.split("!")
        assert target == "lists"
        return [c.value for row in lists[cells.replace("$", "")] for c in row]

    brand_ids = sorted({b.id for s in library.values() for b in s.brand_elements})
    # Elements only warn: a brand element just added on brand_elements is not in the list yet.
    elements = dropdown("rubric_items", "B", "warning")
    assert elements[:13] == [
        "greeting",
        "thanks",
        "offer_help",
        "apology",
        "empathy",
        "ownership",
        "solution",
        "follow_up",
        "personalization",
        "closing",
        "generic_greeting",
        "deflection",
        "dismissive",
    ]
    assert elements[13:] == brand_ids
    assert dropdown("reactions", "D", "warning") == elements
    assert dropdown("touchpoints", "D", "stop") == ["routine", "recovery"]
    assert dropdown("rubric_items", "D", "stop") == ["yes", "no"]


def _library_with_tricky(folder: Path) -> Path:
    folder.mkdir()
    (folder / "hotline.yml").write_text(yaml.safe_dump(tricky_touchpoint(), sort_keys=False), encoding="utf-8")
    return folder


def test_formula_like_and_control_character_text_is_stored_as_text_and_reads_back_the_same(tmp_path: Path) -> None:
    script = load_library(overrides=[_library_with_tricky(tmp_path / "library")])["hotline"]
    path = tmp_path / "library.xlsx"
    write_library_workbook(path, {"hotline": script})

    workbook = load_workbook(path)
    lines = workbook["model_lines"]
    for cell, text in ((lines["B2"], TRICKY["formula"]), (lines["B3"], TRICKY["plus"]), (lines["C3"], TRICKY["minus"])):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert (workbook["touchpoints"]["B2"].value, workbook["touchpoints"]["B2"].quotePrefix) == (TRICKY["at"], True)
    assert (workbook["scenarios"]["C2"].value, workbook["scenarios"]["C2"].data_type) == ("#N/A", "s")
    # Characters a worksheet cannot hold are stored with Excel's own _xHHHH_ escapes.
    assert workbook["touchpoints"]["E2"].value == "Ding_x0007_ dong_x001B_[0m and a_x000D_\nWindows line break"

    sheets = read_library_workbook(path)
    assert sheets["model_lines"].rows == (
        (2, ("hotline", TRICKY["formula"], None)),
        (3, ("hotline", TRICKY["plus"], TRICKY["minus"])),
    )
    assert sheets["touchpoints"].rows == ((2, ("hotline", TRICKY["at"], "phone", "routine", TRICKY["control"], 50)),)


def test_importing_an_unedited_export_changes_nothing(coach: Coach, tmp_path: Path) -> None:
    _library_with_tricky(coach.library_dir)
    before = (coach.library_dir / "hotline.yml").read_bytes()
    path = coach.export(tmp_path / "library.xlsx")
    count = load_workbook(path)["touchpoints"].max_row - 1

    done = coach.run("library", "import", str(path))

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"No changes: the workbook matches the library ({count} touchpoints unchanged).\n"
    assert coach.library_files() == ["hotline.yml"]
    assert (coach.library_dir / "hotline.yml").read_bytes() == before
    assert coach.versions() == []


def test_an_edited_model_line_and_weight_save_exactly_that_touchpoint_as_a_new_version(
    coach: Coach, tmp_path: Path
) -> None:
    path = coach.export(tmp_path / "library.xlsx")
    workbook = load_workbook(path)
    touchpoint_id, old_line, _ = (str(c.value) for c in workbook["model_lines"][2])
    assert workbook["rubric_items"]["A2"].value == touchpoint_id
    element, old_weight = workbook["rubric_items"]["B2"].value, workbook["rubric_items"]["C2"].value
    new_weight = 7 if old_weight != 7 else 8
    workbook["model_lines"]["B2"] = "Morning! Lovely to see you, shout if you need a hand."
    workbook["rubric_items"]["C2"] = new_weight
    workbook.save(path)
    count = workbook["touchpoints"].max_row - 1

    done = coach.run("library", "import", str(path))

    assert done.returncode == 0, done.stderr
    # Version 1 is the content the edit replaced, version 2 the edit.
    assert done.stdout == f"{touchpoint_id}: updated (version 2)\n1 touchpoint changed, {count - 1} unchanged.\n"
    assert coach.library_files() == [f"{touchpoint_id}.yml"]
    saved = load_script(coach.library_dir / f"{touchpoint_id}.yml")
    original = load_library()[touchpoint_id]
    assert original.model_lines[0].text == old_line
    assert saved.model_lines[0].text == "Morning! Lovely to see you, shout if you need a hand."
    assert saved.rubric.required[element] == new_weight
    expected = original.model_copy(
        update={
            "model_lines": (saved.model_lines[0], *original.model_lines[1:]),
            "rubric": original.rubric.model_copy(update={"required": original.rubric.required | {element: new_weight}}),
        }
    )
    assert saved.content_hash() == expected.content_hash()
    before_and_after = [(touchpoint_id, 1, original.content_hash()), (touchpoint_id, 2, saved.content_hash())]
    assert coach.versions() == before_and_after

    again = coach.run("library", "import", str(path))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("No changes:")
    assert coach.versions() == before_and_after


def test_the_organisations_own_file_for_a_touchpoint_is_rewritten_in_place(coach: Coach, tmp_path: Path) -> None:
    _library_with_tricky(coach.library_dir)
    path = coach.export(tmp_path / "library.xlsx")
    workbook = load_workbook(path)
    row = next(r for r in workbook["scenarios"].iter_rows(min_row=2) if r[0].value == "hotline")
    row[3].value = "impatient"
    workbook.save(path)

    done = coach.run("library", "import", str(path))

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("hotline: updated (version 2)\n1 touchpoint changed, ")
    assert coach.library_files() == ["hotline.yml"]
    saved = load_script(coach.library_dir / "hotline.yml")
    assert saved.scenarios[0].persona.mood == "impatient"
    assert saved.description == TRICKY["control"] and saved.model_lines[0].text == TRICKY["formula"]


def test_a_file_with_two_errors_reports_both_by_sheet_row_and_column_and_changes_nothing(
    coach: Coach, tmp_path: Path
) -> None:
    path = coach.export(tmp_path / "library.xlsx")
    workbook = load_workbook(path)
    rubric = workbook["rubric_items"]
    weighted = [r for r in rubric.iter_rows(min_row=2) if r[2].value is not None]
    misspelt, unweighed = weighted[0], weighted[1]
    misspelt[1].value = "greetng"
    unweighed[2].value = "lots"
    workbook.save(path)
    touchpoint_id = str(misspelt[0].value)
    brand_ids = {b.id for b in load_library()[touchpoint_id].brand_elements}
    known = ", ".join(sorted(ELEMENT_NAMES | brand_ids))

    done = coach.run("library", "import", str(path))

    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"rubric_items row {misspelt[0].row}, column element: unknown element 'greetng'; known elements: {known}",
        f"rubric_items row {unweighed[0].row}, column weight: weight must be a whole number",
    ]
    assert "2 error(s)" in done.stderr and "nothing was changed" in done.stderr and "Traceback" not in done.stderr
    assert coach.library_files() == []
    assert coach.versions() == []


def test_a_missing_sheet_is_a_clear_error(coach: Coach, tmp_path: Path) -> None:
    path = coach.export(tmp_path / "library.xlsx")
    workbook = load_workbook(path)
    workbook.remove(workbook["turns"])
    workbook.save(path)

    done = coach.run("library", "import", str(path))

    assert done.returncode == 1
    assert done.stdout == (
        "turns: the sheet is missing; a library workbook has the sheets touchpoints, model_lines, rubric_items, "
        "brand_elements, scenarios, turns, reactions\n"
    )
    assert coach.library_files() == [] and coach.versions() == []


def test_a_file_that_is_not_a_workbook_is_a_clear_error(coach: Coach, tmp_path: Path) -> None:
    path = tmp_path / "library.xlsx"
    path.write_text("id,title\ncheckout,Checkout\n", encoding="utf-8")

    done = coach.run("library", "import", str(path))

    assert done.returncode == 1
    assert "cannot read it as an Excel workbook (.xlsx)" in done.stderr and "Traceback" not in done.stderr
    assert coach.library_files() == [] and coach.versions() == []
