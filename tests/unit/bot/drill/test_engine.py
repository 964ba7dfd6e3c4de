"""Pure drill transitions: start, a reply, the next turn or the result, and meta commands."""

from __future__ import annotations

import pytest

from bot.drill.engine import HELP_TEXT, DrillState, after_reply, keyword_command, on_command, start
from bot.drill.messages import Feedback, Notice, Prompt, Result
from nlu.analyzer import MetaCommand
from scripts_library.elements import Element
from scripts_library.schema import TouchpointScript

E = Element

ENTRANCE = TouchpointScript.model_validate(
    {
        "id": "store_entrance",
        "title": "Store entrance greeting",
        "channel": "in_store",
        "model_lines": ["Hi, thanks for coming in!", "Good morning, welcome in!", "Hey there, what brings you in?"],
        "rubric": {"pass_mark": 70, "required": {"greeting": 20, "thanks": 35, "offer_help": 45}},
        "scenarios": [
            {"id": "first_visit", "persona": {"name": "Dana", "mood": "unsure"}, "turns": [{"say": "(walks in)"}]}
        ],
    }
)

LATE = TouchpointScript.model_validate(
    {
        "id": "late_delivery",
        "title": "Late delivery complaint",
        "channel": "phone",
        "model_lines": ["I'm so sorry your order is late."],
        "rubric": {
            "pass_mark": 70,
            "required": {"apology": 20, "empathy": 15, "ownership": 20, "solution": 25, "follow_up": 20},
            "critical": ["apology", "solution"],
        },
        "scenarios": [
            {
                "id": "upset_parent",
                "persona": {"name": "Alex", "mood": "upset", "description": "A birthday present, party on Saturday."},
                "turns": [
                    {"say": "My order is two days late!"},
                    {
                        "say": "So what are you going to do?",
                        "react_if_missing": {"apology": "You haven't even said sorry.", "ownership": "Anyone on it?"},
                    },
                    {"say": "And when will I get it?", "react_if_missing": {"follow_up": "When, though?"}},
                ],
            }
        ],
    }
)
LATE_SCENARIO = LATE.scenario(None)
ENTRANCE_SCENARIO = ENTRANCE.scenario(None)


def test_start_prompts_the_first_customer_turn_with_nothing_said():
    step = start(LATE, LATE_SCENARIO)

    assert step.state == DrillState(turn_index=0, said_so_far=frozenset(), finished=False, scored=False)
    assert step.rubric is None
    assert step.messages == (
        Prompt(
            touchpoint_id="late_delivery",
            title="Late delivery complaint",
            customer="Alex",
            mood="upset",
            text="My order is two days late!",
            turn=1,
            turns=3,
            reactions=(),
            context="A birthday present, party on Saturday.",
        ),
    )


def test_single_turn_reply_gives_feedback_then_the_result_and_finishes_scored():
    state = start(ENTRANCE, ENTRANCE_SCENARIO).state

    step = after_reply(ENTRANCE, ENTRANCE_SCENARIO, state, frozenset({E.THANKS, E.OFFER_HELP}))

    feedback, result = step.messages
    assert isinstance(feedback, Feedback)
    assert (feedback.score, feedback.passed, feedback.final) == (80, True, True)
    assert feedback.model_line == "Hi, thanks for coming in!"
    assert feedback.items == step.rubric.items
    assert result == Result("store_entrance", "Store entrance greeting", 80, True, 70)
    assert step.state == DrillState(0, frozenset({E.THANKS, E.OFFER_HELP}), finished=True, scored=True)


def test_failing_single_turn_reply_reports_a_failed_result():
    step = after_reply(ENTRANCE, ENTRANCE_SCENARIO, start(ENTRANCE, ENTRANCE_SCENARIO).state, frozenset({E.GREETING}))

    assert step.messages[1] == Result("store_entrance", "Store entrance greeting", 20, False, 70)


@pytest.mark.parametrize(("seed", "line"), [(0, 0), (1, 1), (2, 2), (3, 0), (4, 1), (302, 2)])
def test_model_line_is_chosen_by_seed_modulo_the_number_of_lines(seed, line):
    state = start(ENTRANCE, ENTRANCE_SCENARIO).state

    step = after_reply(ENTRANCE, ENTRANCE_SCENARIO, state, frozenset(), seed=seed)

    assert step.messages[0].model_line == ENTRANCE.model_lines[line].text


def test_first_of_several_turns_gives_feedback_then_the_next_prompt():
    state = start(LATE, LATE_SCENARIO).state

    step = after_reply(LATE, LATE_SCENARIO, state, frozenset({E.EMPATHY}))

    feedback, prompt = step.messages
    assert (feedback.score, feedback.passed, feedback.final) == (15, False, False)
    assert prompt.text == "So what are you going to do?"
    assert (prompt.turn, prompt.turns) == (2, 3)
    assert prompt.reactions == ("You haven't even said sorry.", "Anyone on it?")
    assert step.state == DrillState(1, frozenset({E.EMPATHY}))


def test_reactions_only_cover_elements_not_said_yet():
    state = start(LATE, LATE_SCENARIO).state

    step = after_reply(LATE, LATE_SCENARIO, state, frozenset({E.APOLOGY}))

    assert step.messages[1].reactions == ("Anyone on it?",)


def test_no_reactions_when_everything_was_said():
    state = start(LATE, LATE_SCENARIO).state

    step = after_reply(LATE, LATE_SCENARIO, state, frozenset({E.APOLOGY, E.OWNERSHIP}))

    assert step.messages[1].reactions == ()


def test_element_said_in_an_earlier_turn_suppresses_a_later_reaction():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.FOLLOW_UP}))

    second = after_reply(LATE, LATE_SCENARIO, first.state, frozenset({E.APOLOGY}))

    assert second.state.said_so_far == frozenset({E.FOLLOW_UP, E.APOLOGY})
    assert second.messages[1].text == "And when will I get it?"
    assert second.messages[1].reactions == ()


def test_each_reply_is_scored_against_everything_said_so_far():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.APOLOGY, E.EMPATHY}))
    second = after_reply(LATE, LATE_SCENARIO, first.state, frozenset({E.SOLUTION}))
    third = after_reply(LATE, LATE_SCENARIO, second.state, frozenset({E.FOLLOW_UP}))

    assert [s.rubric.score for s in (first, second, third)] == [35, 60, 80]
    assert third.messages[1] == Result("late_delivery", "Late delivery complaint", 80, True, 70)
    assert third.state == DrillState(2, frozenset({E.APOLOGY, E.EMPATHY, E.SOLUTION, E.FOLLOW_UP}), True, True)


def test_drill_without_a_critical_element_fails_at_the_end_despite_the_score():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.EMPATHY, E.OWNERSHIP}))
    second = after_reply(LATE, LATE_SCENARIO, first.state, frozenset({E.SOLUTION}))
    third = after_reply(LATE, LATE_SCENARIO, second.state, frozenset({E.FOLLOW_UP}))

    assert third.messages[1] == Result("late_delivery", "Late delivery complaint", 80, False, 70)


def test_unsure_elements_already_said_are_not_reported_as_unsure():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.APOLOGY}))

    step = after_reply(
        LATE, LATE_SCENARIO, first.state, frozenset({E.SOLUTION}), unsure=frozenset({E.APOLOGY, E.OWNERSHIP})
    )

    assert step.messages[0].unsure == frozenset({E.OWNERSHIP})
    assert E.OWNERSHIP not in step.state.said_so_far


def test_after_reply_leaves_the_previous_state_untouched():
    state = start(LATE, LATE_SCENARIO).state

    after_reply(LATE, LATE_SCENARIO, state, frozenset({E.APOLOGY}))

    assert state == DrillState(0, frozenset())


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("skip", MetaCommand.SKIP),
        ("/stop", MetaCommand.STOP),
        ("Help!", MetaCommand.HELP),
        ("repeat", MetaCommand.REPEAT),
        ("  QUIT.  ", MetaCommand.STOP),
        ("exit", MetaCommand.STOP),
        ("?", MetaCommand.HELP),
        ("hello", None),
        ("skip this one", None),
        ("", None),
    ],
)
def test_keyword_command_recognises_plain_keywords_only(text, command):
    assert keyword_command(text) is command


def test_repeat_shows_the_current_turn_again_with_its_reactions_and_keeps_state():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.OWNERSHIP}))

    step = on_command(LATE, LATE_SCENARIO, first.state, MetaCommand.REPEAT)

    assert step.state == first.state
    assert step.rubric is None
    assert step.messages == (first.messages[1],)
    assert step.messages[0].reactions == ("You haven't even said sorry.",)


def test_help_explains_the_drill_and_keeps_state():
    state = start(LATE, LATE_SCENARIO).state

    step = on_command(LATE, LATE_SCENARIO, state, MetaCommand.HELP)

    assert step.state == state
    assert step.messages == (Notice("help", HELP_TEXT),)


def test_skip_ends_the_drill_unscored():
    first = after_reply(LATE, LATE_SCENARIO, start(LATE, LATE_SCENARIO).state, frozenset({E.APOLOGY}))

    step = on_command(LATE, LATE_SCENARIO, first.state, MetaCommand.SKIP)

    assert step.state == DrillState(1, frozenset({E.APOLOGY}), finished=True, scored=False)
    assert step.messages == (Notice("skipped", "Skipped Late delivery complaint. No score was recorded."),)
    assert step.rubric is None


def test_stop_ends_the_drill_unscored():
    state = start(LATE, LATE_SCENARIO).state

    step = on_command(LATE, LATE_SCENARIO, state, MetaCommand.STOP)

    assert step.state == DrillState(0, frozenset(), finished=True, scored=False)
    assert step.messages == (Notice("stopped", "Drill stopped. No score was recorded. See you next time!"),)


def test_first_turn_shows_no_reactions_before_any_reply():
    script = TouchpointScript.model_validate(
        {
            **LATE.model_dump(mode="json"),
            "scenarios": [
                {
                    "id": "odd",
                    "persona": {"name": "Alex", "mood": "upset"},
                    "turns": [{"say": "Hello?", "react_if_missing": {"apology": "No sorry?"}}],
                }
            ],
        }
    )

    step = start(script, script.scenario(None))

    assert step.messages[0].reactions == ()


def test_the_opening_prompt_tells_what_the_employee_knows_about_the_customer():
    [opening] = start(LATE, LATE_SCENARIO).messages
    assert opening.context == "A birthday present, party on Saturday."
