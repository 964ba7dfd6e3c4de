"""Prints p50/p95 latency of a whole reply's analysis and of one bare /model/parse call, on the same texts.

Usage: .venv/bin/python bench/nlu_latency.py [--rounds N]
Starts the local NLU server if none answers at RASA_URL (and stops it afterwards). Target: ratio <= 1.5.
The model ranks every clause inside the one parse, so a bare parse of a reply already pays for its clauses.
The last line therefore also compares the analysis with a bare parse of one clause (each reply's first),
the cheapest request Rasa serves: that ratio is what ranking all the clauses costs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bot.app_context import library_of, load_settings, make_analyzer
from bot.cli_admin import nlu_running
from nlu.clauses import split_clauses
from nlu.client import RasaClient

EXTRA = [
    "I'm so sorry — I'll get a replacement out today and text you the tracking number.",
    "Hi, thanks for coming in! Can I point you in a direction?",
    "Oh no, that's really frustrating. Let me look into it right now, and I'll call you back by five.",
    "That's not my department, you'll have to ring the courier.",
]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _time(call: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            call(text)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings = load_settings()
    texts = [line.text for script in library_of(settings).values() for line in script.model_lines] + EXTRA
    clauses = sum(len(split_clauses(t)) for t in texts) / len(texts)
    with nlu_running(settings), RasaClient(settings.rasa_url) as client, make_analyzer(settings, client) as analyzer:
        for text in texts[:10]:  # warm up connections and the model
            analyzer.analyze(text)
        reply = _time(analyzer.analyze, texts, args.rounds)
        bare = _time(client.parse, texts, args.rounds)
        one_clause = _time(client.parse, [split_clauses(t)[0] for t in texts], args.rounds)
    (r50, r95), (b50, b95), (c50, c95) = _percentiles(reply), _percentiles(bare), _percentiles(one_clause)
    print(f"texts: {len(texts)} replies x {args.rounds} rounds, {clauses:.2f} clauses per reply on average")
    print(f"whole reply analysis: p50 {r50:.1f} ms, p95 {r95:.1f} ms")
    print(f"one bare /model/parse: p50 {b50:.1f} ms, p95 {b95:.1f} ms")
    print(f"ratio: p50 {r50 / b50:.2f}, p95 {r95 / b95:.2f} (target <= 1.5)")
    print(f"one bare /model/parse of a single clause: p50 {c50:.1f} ms, p95 {c95:.1f} ms")
    print(f"ratio to a single-clause parse: p50 {r50 / c50:.2f}, p95 {r95 / c95:.2f}")


if __name__ == "__main__":
    main()
