"""Known hard cases, judged by the real trained model through the analyzer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nlu.analyzer import MetaCommand, ReplyAnalyzer
from nlu.client import RasaClient

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
        ("I'm so sorry — I'll get a replacement out today and text you the tracking number", {"apology"}, set()),
        ("Calm down, it's just a parcel.", {"dismissive"}, {"empathy"}),
    ],
)
def test_hard_cases(analyzer: ReplyAnalyzer, reply: str, must_include: set[str], must_exclude: set[str]) -> None:
    found = analyzer.analyze(reply).elements
    assert must_include <= found, found
    assert not must_exclude & found, found


def test_a_meta_request_is_recognised_not_scored(analyzer: ReplyAnalyzer) -> None:
    analysis = analyzer.analyze("can you say that again?")
    assert analysis.meta is MetaCommand.REPEAT and analysis.elements == frozenset()
