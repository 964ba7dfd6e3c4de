"""Known hard cases, judged by the real trained model through the analyzer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nlu.analyzer import MetaCommand, ReplyAnalyzer
from nlu.clauses import split_clauses
from nlu.client import RasaClient
from scripts_library.elements import Element

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def analyzer(rasa_url: str) -> Iterator[ReplyAnalyzer]:
    with RasaClient(rasa_url) as client, ReplyAnalyzer(client) as analyzer:
        yield analyzer


@pytest.mark.parametrize(
    ("reply", "must_include", "must_exclude"),
    [
        ("How ya doin' today?", {"generic_greeting"}, {"offer_help"}),
        ("Thanks for coming in; can I point you in a direction?", {"thanks", "offer_help"}, {"generic_greeting"}),
        ("That's not my department", {"deflection"}, set()),
        (
            "I'm so sorry — I'll get a replacement out today and text you the tracking number",
            {"apology", "ownership", "solution", "follow_up"},
            set(),
        ),
        ("Calm down, it's just a parcel.", {"dismissive"}, {"empathy"}),
        # Polite lines that share words with curt ones must not be called curt.
        ("Oh no, not again! Let me sort that out for you.", {"empathy", "ownership"}, {"dismissive"}),
        ("Leave it with me, I'll remake it now.", {"ownership", "solution"}, {"dismissive"}),
        ("The courier lost it, not us. Nothing I can do.", {"deflection"}, set()),
        ("Well, if you'd checked the size chart you'd know.", {"dismissive"}, set()),
        # A shrug and a pointing finger: a deflection whose curtness only the whole reply's tone carries.
        ("Dunno mate, try the other counter.", {"deflection", "dismissive"}, set()),
        # "If it happens again" alone sounds curt to the clause model; the reply's tone is kind.
        ("If it happens again just ask for me, I'm Sam. Have a lovely evening.", {"closing"}, {"dismissive"}),
        ("No idea off the top of my head, but I'll find out and ring you back.", {"ownership"}, {"dismissive"}),
        # A title's full stop does not cut the name off into a fragment of its own.
        ("Good evening, Mrs. Okafor, your table's ready.", {"greeting", "personalization"}, {"dismissive"}),
    ],
)
def test_hard_cases(analyzer: ReplyAnalyzer, reply: str, must_include: set[str], must_exclude: set[str]) -> None:
    found = analyzer.analyze(reply).elements
    assert must_include <= found, found
    assert not must_exclude & found, found


def test_a_meta_request_is_recognised_not_scored(analyzer: ReplyAnalyzer) -> None:
    analysis = analyzer.analyze("can you say that again?")
    assert analysis.meta is MetaCommand.REPEAT and analysis.elements == frozenset()


def test_one_parse_ranks_every_clause_of_a_reply(rasa_url: str) -> None:
    reply = "I'm so sorry — I'll get a replacement out today and text you the tracking number."
    with RasaClient(rasa_url) as client:
        parse = client.parse(reply)

    assert [clause.text for clause in parse.clauses] == split_clauses(reply)
    assert all(len(clause.ranking) == 4 for clause in parse.clauses)
    apology, replacement, tracking = ([score.name for score in clause.ranking[:2]] for clause in parse.clauses)
    assert apology[0] == "apology"
    # "I'll get a replacement out today" is a remedy and a timeline: both lead its ranking, and combine()
    # credits the runner-up (the whole reply's elements are asserted in the hard cases above).
    assert set(replacement) == {"solution", "follow_up"}
    assert tracking[0] == "follow_up"


def test_every_parse_carries_a_reply_level_score_per_element(rasa_url: str) -> None:
    with RasaClient(rasa_url) as client:
        curt, kind = (client.parse(text).reply_scores for text in ("Whatever.", "Thank you so much for waiting!"))

    assert set(curt) == set(kind) == {e.value for e in Element}
    assert 0.0 <= kind["dismissive"] < 0.15 < 0.3 <= curt["dismissive"] <= 1.0
    assert 0.0 <= curt["thanks"] < 0.2 < 0.7 <= kind["thanks"] <= 1.0


def test_a_one_clause_reply_is_its_own_only_clause(rasa_url: str) -> None:
    with RasaClient(rasa_url) as client:
        parse = client.parse("Sorry about that")

    assert [(c.text, c.intent) for c in parse.clauses] == [("Sorry about that", parse.intent)]
