"""The library as sheet rows and back: an exact round trip, and every problem named by sheet, row and column."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from scripts_library.elements import Element
from scripts_library.loader import load_library
from scripts_library.schema import TouchpointScript, validation_context
from scripts_library.tabular import (
    SHEETS,
    Cell,
    Formula,
    SheetData,
    changed_scripts,
    choice_lists,
    library_rows,
)
from scripts_library.tabular_reader import library_from_sheets
from scripts_library.writer import script_yaml

Rows = dict[str, list[tuple[Cell, ...]]]


def script(data: dict[str, Any]) -> TouchpointScript:
    return TouchpointScript.model_validate(data, context=validation_context(data))


def late_delivery() -> dict[str, Any]:
    return {
        "id": "late_delivery",
        "title": "Late delivery",
        "channel": "phone",
        "situation": "recovery",
        "description": "A parcel is late.\n",
        "model_lines": ["I'm so sorry it's late.", {"text": "I'll send a new one today.", "credit": "Ava"}],
        "brand_elements": [
            {
                "id": "we_own_it",
                "description": "Our apology",
                "hint": "Say we own it",
                "phrases": ["we own this", "on us"],
            }
        ],
        "rubric": {
            "pass_mark": 70,
            "required": {"apology": 40, "solution": 40, "we_own_it": 20},
            "critical": ["solution", "apology"],  # not in the order of `required`
            "anti_patterns": {"deflection": 30},
        },
        "scenarios": [
            {
                "id": "upset",
                "persona": {"name": "Alex", "mood": "upset", "description": "A birthday present."},
                "turns": [
                    {"say": "Where is my parcel?"},
                    {"say": "So?", "react_if_missing": {"apology": "No sorry?", "we_own_it": "Own it!"}},
                ],
            }
        ],
    }


def door() -> dict[str, Any]:
    return {
        "id": "door",
        "title": "At the door",
        "channel": "in_store",
        "model_lines": ["Welcome in!"],
        "rubric": {"pass_mark": 60, "required": {"greeting": 60, "offer_help": 40}},
        "scenarios": [{"id": "browser", "persona": {"name": "Kim", "mood": "curious"}, "turns": [{"say": "Hi."}]}],
    }


def tiny() -> dict[str, TouchpointScript]:
    return {s.id: s for s in (script(late_delivery()), script(door()))}


def sheets_of(rows: Rows) -> dict[str, SheetData]:
    return {
        name: SheetData(name, SHEETS[name], tuple((number, row) for number, row in enumerate(rows[name], start=2)))
        for name in SHEETS
    }


def edited(sheet: str, row: int, column: str, value: Cell, rows: Rows | None = None) -> Rows:
    """The tiny library's rows with one cell (by sheet row number, header = row 1) changed."""
    rows = rows or library_rows(tiny())
    cells = list(rows[sheet][row - 2])
    cells[SHEETS[sheet].index(column)] = value
    rows[sheet][row - 2] = tuple(cells)
    return rows


def problems(rows: Rows) -> list[str]:
    scripts, found = library_from_sheets(sheets_of(rows))
    assert (scripts == {}) == bool(found)
    return [str(p) for p in found]


def known_elements(*brand: str) -> str:
    return ", ".join(sorted([*(e.value for e in Element), *brand]))


def test_every_default_touchpoint_survives_rows_and_back_unchanged():
    library = load_library()

    scripts, found = library_from_sheets(sheets_of(library_rows(library)))

    assert found == []
    assert {k: s.content_hash() for k, s in scripts.items()} == {k: s.content_hash() for k, s in library.items()}
    assert list(scripts) == list(library)


def test_every_default_touchpoint_written_as_yaml_loads_back_unchanged():
    for original in load_library().values():
        raw = yaml.safe_load(script_yaml(original))
        assert script(raw).content_hash() == original.content_hash()


def test_rows_of_a_touchpoint_put_critical_elements_first_and_join_phrases():
    rows = library_rows({"late_delivery": script(late_delivery())})

    assert rows == {
        "touchpoints": [("late_delivery", "Late delivery", "phone", "recovery", "A parcel is late.\n", 70)],
        "model_lines": [
            ("late_delivery", "I'm so sorry it's late.", None),
            ("late_delivery", "I'll send a new one today.", "Ava"),
        ],
        "rubric_items": [
            ("late_delivery", "solution", 40, "yes", None),
            ("late_delivery", "apology", 40, "yes", None),
            ("late_delivery", "we_own_it", 20, "no", None),
            ("late_delivery", "deflection", None, "no", 30),
        ],
        "brand_elements": [("late_delivery", "we_own_it", "Our apology", "Say we own it", "we own this | on us")],
        "scenarios": [("late_delivery", "upset", "Alex", "upset", "A birthday present.", "")],
        "turns": [("late_delivery", "upset", 1, "Where is my parcel?"), ("late_delivery", "upset", 2, "So?")],
        "reactions": [
            ("late_delivery", "upset", 2, "apology", "No sorry?"),
            ("late_delivery", "upset", 2, "we_own_it", "Own it!"),
        ],
    }
    scripts, _ = library_from_sheets(sheets_of(rows))
    assert scripts["late_delivery"].rubric.critical == ("solution", "apology")
    assert scripts["late_delivery"].content_hash() == script(late_delivery()).content_hash()


def test_dropdown_lists_hold_the_thirteen_standard_elements_then_brand_ids():
    lists = choice_lists(tiny())

    assert lists["element"] == (*(e.value for e in Element), "we_own_it")
    assert len(lists["element"]) == 14
    assert lists["situation"] == ("routine", "recovery")
    assert lists["yes_no"] == ("yes", "no")


def test_cells_typed_the_way_spreadsheets_store_them_are_understood():
    rows = library_rows(tiny())
    rows = edited("rubric_items", 2, "weight", 40.0, rows)  # Excel numbers are floats
    rows = edited("rubric_items", 3, "weight", " 40 ", rows)  # a number typed as text
    rows = edited("rubric_items", 3, "critical", "YES", rows)
    rows = edited("rubric_items", 2, "critical", True, rows)
    rows = edited("turns", 3, "turn", 2.0, rows)
    rows["model_lines"].insert(1, (None, None, "  "))  # a blank row in the middle is skipped
    sheets = sheets_of(rows)
    # Columns in another order, with different case and an extra notes column, are found by their names.
    turns = sheets["turns"]
    sheets["turns"] = SheetData(
        "turns",
        ("Say", "NOTES", "turn", "scenario_id", "touchpoint_id"),
        tuple((n, (r[3], "a note", r[2], r[1], r[0])) for n, r in turns.rows),
    )

    scripts, found = library_from_sheets(sheets)

    assert found == []
    assert {k: s.content_hash() for k, s in scripts.items()} == {k: s.content_hash() for k, s in tiny().items()}


def test_a_number_typed_in_a_text_column_becomes_text():
    scripts, found = library_from_sheets(sheets_of(edited("touchpoints", 2, "title", 2024.0)))

    assert found == []
    assert scripts["late_delivery"].title == "2024"


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "expected"),
    [
        (
            "rubric_items",
            3,
            "weight",
            150,
            "rubric_items row 3, column weight: weight must be between 1 and 100 points",
        ),
        ("rubric_items", 3, "weight", "lots", "rubric_items row 3, column weight: weight must be a whole number"),
        ("rubric_items", 3, "weight", 12.5, "rubric_items row 3, column weight: weight must be a whole number"),
        (
            "rubric_items",
            5,
            "penalty",
            0,
            "rubric_items row 5, column penalty: penalty must be between 1 and 100 points",
        ),
        (
            "touchpoints",
            2,
            "pass_mark",
            101,
            "touchpoints row 2, column pass_mark: pass_mark must be between 1 and 100",
        ),
        ("touchpoints", 2, "pass_mark", None, "touchpoints row 2, column pass_mark: pass_mark is required"),
        (
            "rubric_items",
            3,
            "element",
            "greetng",
            "rubric_items row 3, column element: unknown element 'greetng'; "
            f"known elements: {known_elements('we_own_it')}",
        ),
        ("rubric_items", 3, "critical", "maybe", "rubric_items row 3, column critical: critical must be yes or no"),
        (
            "rubric_items",
            4,
            "element",
            "dismissive",
            "rubric_items row 4, column weight: dismissive is an anti-pattern: give it a penalty, not a weight",
        ),
        ("rubric_items", 5, "element", "thanks", "rubric_items row 5, column element: thanks is not an anti-pattern"),
        (
            "rubric_items",
            5,
            "critical",
            "yes",
            "rubric_items row 5, column critical: an anti-pattern cannot be critical",
        ),
        (
            "rubric_items",
            5,
            "weight",
            10,
            "rubric_items row 5, column penalty: give a weight (an element to say) or a penalty (an anti-pattern), "
            "not both",
        ),
        (
            "model_lines",
            3,
            "touchpoint_id",
            "nowhere",
            "model_lines row 3, column touchpoint_id: unknown touchpoint 'nowhere': it is not on the touchpoints sheet",
        ),
        ("touchpoints", 2, "title", None, "touchpoints row 2, column title: title is required"),
        (
            "touchpoints",
            2,
            "situation",
            "crisis",
            "touchpoints row 2, column situation: Input should be 'routine' or 'recovery'",
        ),
        ("scenarios", 2, "mood", None, "scenarios row 2, column mood: mood is required"),
        ("turns", 3, "say", "", "turns row 3, column say: say is required"),
        (
            "model_lines",
            2,
            "text",
            Formula("=HYPERLINK(A1)"),
            "model_lines row 2, column text: the cell holds a formula; "
            "type plain text (start with ' to keep a leading =)",
        ),
        (
            "brand_elements",
            2,
            "phrases",
            " | ",
            "brand_elements row 2, column phrases: give at least one phrase; separate phrases with |",
        ),
        (
            "reactions",
            2,
            "element",
            "sorry",
            f"reactions row 2, column element: unknown element 'sorry'; known elements: {known_elements('we_own_it')}",
        ),
        ("reactions", 2, "turn", 9, "reactions row 2, column turn: scenario upset has no turn 9 on the turns sheet"),
        ("reactions", 3, "element", "apology", "reactions row 3, column element: apology is already on row 2"),
    ],
)
def test_a_bad_cell_is_reported_at_its_sheet_row_and_column(sheet, row, column, value, expected):
    assert problems(edited(sheet, row, column, value)) == [expected]


def test_a_turn_number_used_twice_is_reported_with_the_reactions_left_without_their_turn():
    assert problems(edited("turns", 3, "turn", 1)) == [
        "turns row 3, column turn: 1 is already on row 2",
        "reactions row 2, column turn: scenario upset has no turn 2 on the turns sheet",
        "reactions row 3, column turn: scenario upset has no turn 2 on the turns sheet",
    ]


def test_a_bad_id_is_reported_once_in_plain_words():
    rows = edited("scenarios", 3, "scenario_id", "Just Browsing")
    rows = edited("turns", 4, "scenario_id", "Just Browsing", rows)

    assert problems(rows) == [
        "scenarios row 3, column scenario_id: scenario_id may only hold lower-case letters, digits and underscores, "
        "like late_delivery"
    ]


def test_every_error_is_reported_in_sheet_and_row_order():
    rows = edited("reactions", 3, "line", Formula("=1"))
    rows = edited("rubric_items", 6, "weight", "sixty", rows)
    rows = edited("touchpoints", 3, "channel", "", rows)
    rows = edited("turns", 2, "scenario_id", "calm", rows)

    assert problems(rows) == [
        "touchpoints row 3, column channel: channel is required",
        "rubric_items row 6, column weight: weight must be a whole number",
        "turns row 2, column scenario_id: unknown scenario 'calm': it is not on the scenarios sheet",
        "reactions row 3, column line: the cell holds a formula; type plain text (start with ' to keep a leading =)",
    ]


def test_a_touchpoint_without_rows_elsewhere_is_reported_at_its_own_row():
    rows = library_rows(tiny())
    rows["model_lines"] = [r for r in rows["model_lines"] if r[0] != "door"]
    rows["turns"] = [r for r in rows["turns"] if r[0] != "door"]

    assert problems(rows) == [
        "touchpoints row 3, column id: it has no rows on the model_lines sheet",
        "scenarios row 3, column scenario_id: it has no rows on the turns sheet",
    ]


def test_a_touchpoint_listed_twice_is_reported_at_the_second_row():
    rows = library_rows(tiny())
    rows["touchpoints"].append(rows["touchpoints"][0])

    assert problems(rows) == ["touchpoints row 4, column id: late_delivery is already on row 2"]


def test_missing_sheets_and_header_columns_are_reported_before_any_row():
    sheets = sheets_of(library_rows(tiny()))
    del sheets["turns"]
    rubric = sheets["rubric_items"]
    sheets["rubric_items"] = SheetData("rubric_items", ("touchpoint_id", "element", "wieght", "critical"), rubric.rows)

    scripts, found = library_from_sheets(sheets)

    assert scripts == {}
    assert [str(p) for p in found] == [
        "turns: the sheet is missing; a library workbook has the sheets touchpoints, model_lines, rubric_items, "
        "brand_elements, scenarios, turns, reactions",
        "rubric_items row 1, column weight: no such column in the header row",
        "rubric_items row 1, column penalty: no such column in the header row",
    ]


def test_only_new_and_changed_scripts_count_as_changed():
    current = tiny()
    edited_door = door() | {"title": "Front door"}
    extra = door() | {"id": "phone"}
    imported = {"late_delivery": script(late_delivery()), "door": script(edited_door), "phone": script(extra)}

    assert [s.id for s in changed_scripts(current, imported)] == ["door", "phone"]
    assert changed_scripts(current, tiny()) == []
