"""Clause splitting: one reply holds several elements, so each clause is classified on its own."""

from __future__ import annotations

import pytest

from nlu.clauses import split_clauses


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "Hi, thanks for coming in! Can I point you in a direction?",
            ["Hi, thanks for coming in!", "Can I point you in a direction?"],
        ),
        ("Sorry about that; I'll fix it", ["Sorry about that", "I'll fix it"]),
        ("Sorry but we can fix it", ["Sorry", "we can fix it"]),
        ("Sorry, I'm on it, and you'll have it Friday", ["Sorry, I'm on it", "you'll have it Friday"]),
        ("Hi... sorry - let me check. Thanks!", ["Hi", "sorry", "let me check.", "Thanks!"]),
        ("That's frustrating – I'll sort it out.", ["That's frustrating", "I'll sort it out."]),
        ("Welcome in and let me know if you need anything", ["Welcome in", "let me know if you need anything"]),
    ],
)
def test_multi_clause_replies_split_at_sentence_ends_dashes_and_joining_words(text, clauses):
    assert split_clauses(text) == clauses


def test_apology_is_split_from_the_remedy_at_an_em_dash():
    clauses = split_clauses("I'm so sorry — I'll get a replacement out today and text you the tracking number")

    assert clauses[0] == "I'm so sorry"
    assert clauses[1].startswith("I'll get a replacement out today")


def test_remedy_and_follow_up_joined_by_and_are_separate_clauses():
    assert split_clauses("I'm so sorry — I'll get a replacement out today and text you the tracking number") == [
        "I'm so sorry",
        "I'll get a replacement out today",
        "text you the tracking number",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hello and welcome to our store",
        "Let me check the stock for you.",
        "Salt and pepper are on aisle four",
        "Thanks so much for waiting",
    ],
)
def test_single_clause_stays_whole(text):
    assert split_clauses(text) == [text]


def test_surrounding_spaces_and_commas_are_trimmed():
    assert split_clauses("  Sorry about that;  , I'll fix it ,  ") == ["Sorry about that", "I'll fix it"]


def test_fragments_without_two_letters_are_dropped_when_something_else_remains():
    assert split_clauses("Sorry! 1. I'll fix it.") == ["Sorry!", "I'll fix it."]


@pytest.mark.parametrize("text", ["!!", "a", "I", "ok", "🙂", "—", " - ", "..."])
def test_never_returns_empty_for_non_blank_text(text):
    assert split_clauses(text) == [text.strip()]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank_text_has_no_clauses(text):
    assert split_clauses(text) == []


def test_commas_split_only_between_parts_of_two_words_or_more():
    assert split_clauses("Oh no, I'm so sorry about that.") == ["Oh no", "I'm so sorry about that."]
    assert split_clauses("Welcome back, Maria!") == ["Welcome back, Maria!"]
    assert split_clauses("Hi, thanks for coming in, can I help?") == ["Hi, thanks for coming in", "can I help?"]


def test_just_so_you_know_stays_one_clause() -> None:
    assert split_clauses("Just so you know, the card machine takes a few seconds.") == [
        "Just so you know",
        "the card machine takes a few seconds.",
    ]
    assert split_clauses("It's busy so you might wait a bit") == ["It's busy", "you might wait a bit"]


def test_a_title_is_not_a_sentence_end() -> None:
    assert split_clauses("Good to see you again, Mrs. Okafor. What can I get you?") == [
        "Good to see you again",
        "Mrs. Okafor.",
        "What can I get you?",
    ]
