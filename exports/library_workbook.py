"""The script library as an Excel workbook managers can edit: rows to a file, and a file back to rows."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot.errors import CoachError
from scripts_library.schema import TouchpointScript
from scripts_library.tabular import CHOICES, SHEETS, Cell, Formula, SheetData, choice_lists, library_rows

LISTS_SHEET = "lists"
LAST_ROW = 1_048_576  # Excel's last row: the dropdowns cover rows managers add
# Text starting with these is a formula (or is taken as one by spreadsheet apps when edited).
FORMULA_STARTS = ("=", "+", "-", "@")
# Characters a worksheet cannot hold as they are (and \r, which XML turns into \n): stored as OOXML's _xHHHH_.
_UNSAFE = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|\r")
_ESCAPED = re.compile(r"_x(000[0-8B-Fb-f]|001[0-9A-Fa-f])_")


def write_library_workbook(path: Path, library: Mapping[str, TouchpointScript]) -> None:
    """Write the library, one sheet per part, with dropdowns for element names, situations and yes/no."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in library_rows(library).items():
        sheet = workbook.create_sheet(name)
        _write_rows(sheet, SHEETS[name], rows)
    ranges = _write_lists(workbook.create_sheet(LISTS_SHEET), choice_lists(library))
    for (name, column), kind in CHOICES.items():
        letter = get_column_letter(SHEETS[name].index(column) + 1)
        # A warning, not a stop, for elements: a brand element added on brand_elements isn't in the list yet.
        style: Literal["warning", "stop"] = "warning" if kind == "element" else "stop"
        rule = DataValidation(
            type="list", formula1=ranges[kind], allow_blank=True, showErrorMessage=True, errorStyle=style
        )
        rule.error, rule.errorTitle = f"Choose a {column} from the list.", f"Unknown {column}"
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        workbook[name].add_data_validation(rule)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        workbook.save(name)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def _write_rows(sheet: Worksheet, header: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _set(sheet.cell(row=number, column=column), value)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for column, title in enumerate(header, start=1):
        longest = max([len(title) + 3, *(len(str(row[column - 1] or "")) for row in rows)])
        sheet.column_dimensions[get_column_letter(column)].width = min(max(longest + 2, 10), 80)


def _set(target: SheetCell | MergedCell, value: Cell) -> None:
    if not isinstance(value, str):
        target.value = value.text if isinstance(value, Formula) else value
        return
    target.value = _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    # Always text: never a formula ("=..."), nor an error value ("#N/A").
    target.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        target.quotePrefix = True  # Excel keeps it text when the cell is edited


def _write_lists(sheet: Worksheet, lists: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    sheet.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for column, (kind, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(column)
        for number, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
        ranges[kind] = f"{LISTS_SHEET}!${letter}$1:${letter}${len(values)}"
    return ranges


def read_library_workbook(path: Path) -> dict[str, SheetData]:
    """Every sheet of the workbook as header and numbered rows; raises CoachError if it can't be read."""
    try:
        workbook = load_workbook(path)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise CoachError(f"{path}: cannot read it as an Excel workbook (.xlsx): {exc}") from exc
    sheets: dict[str, SheetData] = {}
    for sheet in workbook.worksheets:
        rows = [tuple(_value(cell) for cell in row) for row in sheet.iter_rows()]
        numbered = tuple((number, values) for number, values in enumerate(rows[1:], start=2))
        sheets[sheet.title] = SheetData(sheet.title, rows[0] if rows else (), numbered)
    workbook.close()
    return sheets


def _value(cell: SheetCell | object) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    if isinstance(value, str):
        return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)
    if value is None or isinstance(value, int | float | bool):
        return value
    return str(value)  # dates, times and the like: as text
