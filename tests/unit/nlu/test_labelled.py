"""Parsing labelled evaluation lines, with and without the drill scenario's customer."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.labelled import LabelledReply, parse_labelled, read_labelled


def test_a_plain_line_has_no_customer() -> None:
    row = parse_labelled('{"text": "Hi there!", "elements": ["greeting"]}')
    assert row == LabelledReply("Hi there!", frozenset({"greeting"}))


def test_the_customer_of_the_scenario_is_read() -> None:
    row = parse_labelled(
        '{"text": "Oat flat white, Priya?", "elements": ["personalization"],'
        ' "customer": {"name": "Priya", "preference": "oat flat white"}}'
    )
    assert (row.customer_name, row.preference) == ("Priya", "oat flat white")


def test_a_customer_with_only_a_preference_is_fine() -> None:
    row = parse_labelled('{"text": "Window table again?", "elements": [], "customer": {"preference": "window table"}}')
    assert (row.customer_name, row.preference) == ("", "window table")


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("[1, 2]", "not a JSON object"),
        ('{"elements": []}', '"text" must be a string'),
        ('{"text": "hi", "elements": "greeting"}', '"elements" a list of strings'),
        ('{"text": "hi", "elements": [3]}', '"elements" a list of strings'),
        ('{"text": "hi", "elements": [], "customer": "Priya"}', '"customer" must be an object'),
        ('{"text": "hi", "elements": [], "customer": {"nmae": "Priya"}}', 'only "name" and "preference"'),
        ('{"text": "hi", "elements": [], "customer": {"name": 7}}', "must be strings"),
    ],
)
def test_malformed_lines_say_what_is_wrong(line: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        parse_labelled(line)


def test_broken_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_labelled('{"text": "hi",')


def test_a_file_keeps_its_line_numbers_past_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "Hi!", "elements": ["greeting"]}\n\n{"text": "Ta", "elements": ["thanks"]}\n')
    assert [(n, reply.text) for n, reply in read_labelled(path)] == [(1, "Hi!"), (3, "Ta")]


def test_a_bad_line_in_a_file_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "Hi!", "elements": ["greeting"]}\n{"text": "Ta"}\n')
    with pytest.raises(ValueError, match=r"set\.jsonl:2: expected .*\"elements\" a list of strings"):
        read_labelled(path)
