"""Exact matching: the customer's name, their usual order, and the brand's own phrases."""

from __future__ import annotations

import pytest

from scripts_library.deterministic import deterministic_elements, mentions_name, personalized, uses_persona
from scripts_library.matching import matches_any, mentions_most_of, similar
from scripts_library.schema import TouchpointScript


@pytest.mark.parametrize(
    ("text", "name", "mentioned"),
    [
        ("Thanks for waiting, Alex!", "Alex", True),
        ("THANKS FOR WAITING, ALEX", "alex", True),
        ("alex's order is on its way", "Alex", True),
        ("Hi Alexander, welcome in", "Alex", False),
        ("Have you met Dalex?", "Alex", False),
        ("Hi zoë, welcome back", "Zoë", True),
        ("Hi Zoëy", "Zoë", False),
        ("Thanks, Mrs O'Brien", "O'Brien", True),
        ("Thanks for calling", "Alex", False),
    ],
)
def test_mentions_name_matches_whole_words_in_any_case(text, name, mentioned):
    assert mentions_name(text, name) is mentioned


def test_mentions_name_treats_regex_characters_literally():
    assert mentions_name("Hi A.J, welcome", "A.J") is True
    assert mentions_name("Hi AxJ, welcome", "A.J") is False


def _script(preference: str = "") -> TouchpointScript:
    return TouchpointScript.model_validate(
        {
            "id": "checkout",
            "title": "Checkout",
            "channel": "in_store",
            "model_lines": ["Thanks! Are you a Perks member?"],
            "brand_elements": [
                {
                    "id": "perks",
                    "description": "Mentioned the Perks programme",
                    "hint": "Ask if they're a Perks member: members get free returns.",
                    "phrases": ["perks member", "perks card", "loyalty programme"],
                }
            ],
            "rubric": {"pass_mark": 60, "required": {"thanks": 60, "perks": 40}},
            "scenarios": [
                {
                    "id": "regular",
                    "persona": {"name": "Tom", "mood": "cheerful", "preference": preference},
                    "turns": [{"say": "Just the beans."}],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Are you a Perks member?", {"perks"}),
        ("are you a perks memeber", {"perks"}),  # a typo
        ("Got your Perks cards on you?", {"perks"}),  # inflection
        ("Have you heard of our loyality programme?", {"perks"}),
        ("Thanks Tom, see you Friday", {"personalization"}),
        ("Thanks for shopping with us", set()),
        ("Tomorrow we have a sale", set()),  # the name inside another word doesn't count
    ],
)
def test_brand_phrases_and_names_are_matched_exactly(reply, expected):
    script = _script()

    assert deterministic_elements(script, script.scenarios[0], reply) == frozenset(expected)


def test_remembering_the_usual_order_is_personalization():
    script = _script(preference="a large oat flat white")
    scenario = script.scenarios[0]

    assert "personalization" in deterministic_elements(script, scenario, "The usual oat flat white today?")
    assert deterministic_elements(script, scenario, "What can I get you?") == frozenset()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("programme", "programmes", True),
        ("pointing", "points", True),
        ("member", "memeber", True),
        ("cat", "car", False),  # short words must match exactly
        ("refund", "remind", False),
        ("loyalty", "royalty", True),  # one letter apart: the price of tolerance
    ],
)
def test_similar_words_allow_inflection_and_one_typo(a, b, same):
    assert similar(a, b) is same


def test_phrases_must_appear_in_order_and_together():
    assert matches_any("join our loyalty programme", ["loyalty programme"])
    assert not matches_any("our programme of loyalty", ["loyalty programme"])
    assert not mentions_most_of("anything else?", "a large oat flat white")


@pytest.mark.parametrize(
    ("text", "name", "mentioned"),
    [
        ("Thanks for waiting, Margret!", "Margaret", True),  # a typo in a long name
        ("Welcome back, harrold", "Harold", True),
        ("Hi Tim", "Tom", False),  # short names must be exact
        ("Thanks, Margot", "Margaret", False),
    ],
)
def test_longer_names_tolerate_a_typo(text, name, mentioned):
    assert mentions_name(text, name) is mentioned


@pytest.mark.parametrize(
    ("text", "name", "preference", "used"),
    [
        ("Thanks Priya!", "Priya", "", True),
        ("One oat flat white coming up", "", "oat flat white", True),
        ("One oat flat white coming up", "Priya", "oat flat white", True),
        ("One flat white coming up", "Priya", "oat flat white", True),
        ("Thanks for waiting", "Priya", "oat flat white", False),
        ("Thanks for waiting", "", "", False),
        ("", "", "", False),
    ],
)
def test_uses_persona_by_name_or_most_of_the_preference(text, name, preference, used):
    assert uses_persona(text, name, preference) is used


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Thanks, Priya!", True),  # the customer's name
        ("Thanks, Tom!", False),  # someone's name, not this customer's
        ("Dr Ngata can see you at ten", False),  # a colleague, not the customer
        ("Welcome back! Your usual?", True),  # recalls a regular without naming them
        ("Same as last time?", True),
        ("Welcome to Bean There, what can I get you?", False),
    ],
)
def test_personalized_means_this_customer_or_their_history(text, personal):
    assert personalized(text, "Priya", "oat flat white") is personal
