"""The touchpoint script schema: what it rejects, and a content hash that ignores layout."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from scripts_library.elements import Element
from scripts_library.schema import Rubric, Situation, TouchpointScript, validation_context


def script_data() -> dict[str, Any]:
    return {
        "id": "late_delivery",
        "title": "Late delivery complaint",
        "channel": "phone",
        "situation": "recovery",
        "model_lines": ["I'm so sorry your order is late.", "Let me get a replacement out today."],
        "rubric": {
            "pass_mark": 70,
            "required": {"apology": 40, "solution": 60},
            "critical": ["apology"],
            "anti_patterns": {"deflection": 40},
        },
        "scenarios": [
            {
                "id": "upset_parent",
                "persona": {"name": "Alex", "mood": "upset"},
                "turns": [
                    {"say": "My order is two days late!"},
                    {"say": "So what now?", "react_if_missing": {"apology": "You haven't even said sorry."}},
                ],
            },
            {"id": "confused", "persona": {"name": "Sam", "mood": "confused"}, "turns": [{"say": "Where is it?"}]},
        ],
    }


def errors_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        TouchpointScript.model_validate(data)
    return caught.value.errors()


def test_valid_script_parses_with_enums_and_defaults():
    data = script_data()
    del data["situation"]

    script = TouchpointScript.model_validate(data)

    assert script.situation is Situation.ROUTINE
    assert script.description == ""
    assert script.rubric.required == {Element.APOLOGY: 40, Element.SOLUTION: 60}
    assert script.scenarios[0].turns[1].react_if_missing == {Element.APOLOGY: "You haven't even said sorry."}
    assert script.scenarios[1].turns[0].react_if_missing == {}


def test_rubric_defaults_to_no_critical_elements_and_no_anti_patterns():
    rubric = Rubric.model_validate({"pass_mark": 50, "required": {"greeting": 1}})

    assert rubric.critical == ()
    assert rubric.anti_patterns == {}


def test_anti_pattern_listed_as_required_is_rejected():
    data = script_data()
    data["rubric"]["required"]["dismissive"] = 10

    (error,) = errors_of(data)

    assert error["loc"] == ("rubric", "required")
    assert "dismissive is an anti-pattern; list it under anti_patterns" in error["msg"]


def test_ordinary_element_listed_as_anti_pattern_is_rejected():
    data = script_data()
    data["rubric"]["anti_patterns"]["greeting"] = 10

    (error,) = errors_of(data)

    assert error["loc"] == ("rubric", "anti_patterns")
    assert "greeting is not an anti-pattern; list it under required" in error["msg"]


def test_critical_element_not_in_required_is_rejected():
    data = script_data()
    data["rubric"]["critical"] = ["apology", "follow_up"]

    (error,) = errors_of(data)

    assert error["loc"] == ("rubric",)
    assert "critical elements must also be required: follow_up" in error["msg"]


def test_duplicate_scenario_ids_are_rejected():
    data = script_data()
    data["scenarios"][1]["id"] = "upset_parent"

    (error,) = errors_of(data)

    assert error["loc"] == ()
    assert "duplicate scenario ids: upset_parent" in error["msg"]


def test_unknown_element_name_is_rejected():
    data = script_data()
    data["rubric"]["required"]["smile"] = 10

    # Without the loader's context the whole script reports it; the loader pins it to the key.
    (error,) = errors_of(data)
    assert "unknown elements: smile" in error["msg"]

    with pytest.raises(ValidationError) as caught:
        TouchpointScript.model_validate(data, context=validation_context(data))
    (error,) = caught.value.errors()
    assert error["loc"][:3] == ("rubric", "required", "smile")
    assert "unknown element 'smile'" in error["msg"]


def test_brand_elements_can_be_required_and_credited_by_id():
    data = script_data()
    data["brand_elements"] = [
        {"id": "perks", "description": "Mentions Perks", "hint": "Mention Perks.", "phrases": ["perks member"]}
    ]
    data["rubric"]["required"]["perks"] = 10

    script = TouchpointScript.model_validate(data, context=validation_context(data))

    assert script.rubric.required["perks"] == 10 and script.brand["perks"].phrases == ("perks member",)


def test_brand_element_cannot_reuse_a_standard_element_id():
    data = script_data()
    data["brand_elements"] = [{"id": "thanks", "description": "d", "hint": "h", "phrases": ["p"]}]

    (error,) = errors_of(data)

    assert error["loc"] == ("brand_elements", 0, "id")


@pytest.mark.parametrize("pass_mark", [0, 101, -5])
def test_pass_mark_outside_1_to_100_is_rejected(pass_mark):
    data = script_data()
    data["rubric"]["pass_mark"] = pass_mark

    (error,) = errors_of(data)

    assert error["loc"] == ("rubric", "pass_mark")


@pytest.mark.parametrize("weight", [0, -10])
def test_required_weight_must_be_positive(weight):
    data = script_data()
    data["rubric"]["required"]["solution"] = weight

    (error,) = errors_of(data)

    assert "weight of solution must be between 1 and 100 points" in error["msg"]


@pytest.mark.parametrize("penalty", [0, 101])
def test_penalty_must_be_between_1_and_100(penalty):
    data = script_data()
    data["rubric"]["anti_patterns"]["deflection"] = penalty

    (error,) = errors_of(data)

    assert "penalty of deflection must be between 1 and 100" in error["msg"]


@pytest.mark.parametrize(
    ("container", "loc"),
    [
        (lambda d: d, ("colour",)),
        (lambda d: d["rubric"], ("rubric", "colour")),
        (lambda d: d["scenarios"][0]["persona"], ("scenarios", 0, "persona", "colour")),
        (lambda d: d["scenarios"][0]["turns"][0], ("scenarios", 0, "turns", 0, "colour")),
    ],
)
def test_extra_fields_are_forbidden_at_every_level(container, loc):
    data = script_data()
    container(data)["colour"] = "blue"

    (error,) = errors_of(data)

    assert error["loc"] == loc
    assert error["type"] == "extra_forbidden"


@pytest.mark.parametrize("bad_id", ["Late Delivery", "late-delivery", ""])
def test_touchpoint_id_must_be_lowercase_snake_case(bad_id):
    data = script_data()
    data["id"] = bad_id

    (error,) = errors_of(data)

    assert error["loc"] == ("id",)


@pytest.mark.parametrize("field", ["model_lines", "scenarios"])
def test_script_needs_at_least_one_model_line_and_one_scenario(field):
    data = script_data()
    data[field] = []

    (error,) = errors_of(data)

    assert error["loc"] == (field,)


def test_scripts_are_frozen():
    script = TouchpointScript.model_validate(script_data())

    with pytest.raises(ValidationError):
        script.title = "Changed"  # type: ignore[misc]


def test_scenario_lookup_by_id_defaults_to_the_first_and_raises_for_unknown_ids():
    script = TouchpointScript.model_validate(script_data())

    assert script.scenario(None).id == "upset_parent"
    assert script.scenario("confused").persona.name == "Sam"
    with pytest.raises(KeyError):
        script.scenario("nobody")


def test_content_hash_ignores_key_order():
    data = script_data()
    reordered = dict(reversed(list(copy.deepcopy(data).items())))
    reordered["rubric"] = dict(reversed(list(data["rubric"].items())))
    reordered["rubric"]["required"] = {"solution": 60, "apology": 40}

    original = TouchpointScript.model_validate(data).content_hash()

    assert TouchpointScript.model_validate(reordered).content_hash() == original
    assert len(original) == 64
    assert int(original, 16) >= 0  # hex digest


def test_content_hash_changes_when_a_line_changes():
    data = script_data()
    changed = copy.deepcopy(data)
    changed["model_lines"][1] = "Let me get a replacement out tomorrow."

    original = TouchpointScript.model_validate(data).content_hash()

    assert TouchpointScript.model_validate(changed).content_hash() != original


def test_content_hash_changes_when_a_weight_changes():
    data = script_data()
    changed = copy.deepcopy(data)
    changed["rubric"]["required"]["solution"] = 59

    assert (
        TouchpointScript.model_validate(changed).content_hash() != TouchpointScript.model_validate(data).content_hash()
    )
