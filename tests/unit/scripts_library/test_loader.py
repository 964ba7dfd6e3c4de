"""Loading touchpoint scripts from YAML: every error names the file and the field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.errors import LibraryError
from scripts_library.loader import load_library, load_script


def script_data(touchpoint_id: str = "checkout") -> dict[str, Any]:
    return {
        "id": touchpoint_id,
        "title": f"Title of {touchpoint_id}",
        "channel": "in_store",
        "model_lines": ["Thanks for shopping with us!"],
        "rubric": {"pass_mark": 60, "required": {"thanks": 60, "closing": 40}},
        "scenarios": [{"id": "regular", "persona": {"name": "Kim", "mood": "happy"}, "turns": [{"say": "Here."}]}],
    }


def write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(LibraryError) as caught:
        load_script(path)
    return str(caught.value)


def test_valid_file_loads_into_a_script(tmp_path):
    script = load_script(write(tmp_path / "checkout.yml", script_data()))

    assert script.id == "checkout"
    assert script.rubric.pass_mark == 60


def test_validation_error_names_the_file_and_the_dotted_field_path(tmp_path):
    data = script_data()
    data["rubric"]["pass_mark"] = 150
    path = write(tmp_path / "checkout.yml", data)

    message = load_error(path)

    # safe_dump writes model_lines on lines 4-5, `rubric:` on line 6 and pass_mark on line 7.
    assert message == f"{path}:7: rubric.pass_mark: Input should be less than or equal to 100"


def test_validation_error_path_shows_list_indexes(tmp_path):
    data = script_data()
    data["scenarios"][0]["persona"]["name"] = ""
    path = write(tmp_path / "checkout.yml", data)

    assert "scenarios[0].persona.name: String should have at least 1 character" in load_error(path)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    data = script_data()
    data["rubric"]["pass_mark"] = 0
    del data["title"]
    path = write(tmp_path / "checkout.yml", data)

    message = load_error(path)

    assert "title: Field required" in message
    assert "rubric.pass_mark:" in message
    assert message.count("; ") == 1


def test_model_level_error_names_its_section(tmp_path):
    data = script_data()
    data["rubric"]["critical"] = ["apology"]
    path = write(tmp_path / "checkout.yml", data)

    assert "rubric: Value error, critical elements must also be required: apology" in load_error(path)


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("id: [unclosed\ntitle: x\n", encoding="utf-8")

    message = load_error(path)

    assert re.match(rf"{re.escape(str(path))}:[23]: not valid YAML:", message)


@pytest.mark.parametrize("content", ["- just\n- a list\n", "just a string\n", ""])
def test_top_level_that_is_not_a_mapping_is_rejected(tmp_path, content):
    path = tmp_path / "odd.yml"
    path.write_text(content, encoding="utf-8")

    assert load_error(path) == f"{path}: expected a mapping of fields at the top level"


def test_missing_file_is_reported_as_unreadable(tmp_path):
    path = tmp_path / "absent.yml"

    assert load_error(path).startswith(f"{path}: cannot read file:")


def test_library_is_keyed_by_id_in_file_name_order(tmp_path):
    write(tmp_path / "01_zebra.yml", script_data("zebra_crossing"))
    write(tmp_path / "02_apple.yml", script_data("apple_counter"))
    (tmp_path / "README.md").write_text("not a script", encoding="utf-8")

    library = load_library(tmp_path)

    assert list(library) == ["zebra_crossing", "apple_counter"]
    assert library["apple_counter"].title == "Title of apple_counter"


def test_duplicate_touchpoint_ids_across_two_files_name_both_files(tmp_path):
    first = write(tmp_path / "01_checkout.yml", script_data("checkout"))
    second = write(tmp_path / "02_checkout_copy.yml", script_data("checkout"))

    with pytest.raises(LibraryError) as caught:
        load_library(tmp_path)

    assert str(caught.value) == f"{second}: id: 'checkout' is already defined in {first}"


def test_an_invalid_file_stops_the_whole_library_with_its_name(tmp_path):
    write(tmp_path / "01_checkout.yml", script_data("checkout"))
    bad = write(tmp_path / "02_bad.yml", {**script_data("bad"), "model_lines": []})

    with pytest.raises(LibraryError) as caught:
        load_library(tmp_path)

    assert str(caught.value).startswith(f"{bad}:4: model_lines:")


def test_empty_directory_is_an_error(tmp_path):
    with pytest.raises(LibraryError) as caught:
        load_library(tmp_path)

    assert str(caught.value) == f"{tmp_path}: no touchpoint scripts (*.yml) found"


def test_missing_directory_is_an_error(tmp_path):
    missing = tmp_path / "nowhere"

    with pytest.raises(LibraryError) as caught:
        load_library(missing)

    assert str(caught.value) == f"{missing}: library directory not found"


def test_default_library_has_the_shipped_touchpoints():
    library = load_library()

    assert {"store_entrance", "checkout", "late_delivery"} <= set(library)
    assert len(library["late_delivery"].scenario(None).turns) == 2


def test_default_library_covers_every_channel_and_enough_recovery_situations():
    library = load_library()
    recovery = [s for s in library.values() if s.situation == "recovery"]

    assert len(library) >= 12 and len(recovery) >= 5
    assert {"in_store", "phone", "chat"} <= {s.channel for s in library.values()}
    for script in library.values():
        assert len(script.model_lines) >= 3, script.id
        assert len(script.scenarios) >= 2, script.id
        assert len({s.persona.mood for s in script.scenarios}) == len(script.scenarios), script.id
    for script in recovery:
        assert all(len(s.turns) >= 2 for s in script.scenarios), script.id
        assert any(t.react_if_missing for s in script.scenarios for t in s.turns), script.id
    assert any(s.persona.preference for script in library.values() for s in script.scenarios)
