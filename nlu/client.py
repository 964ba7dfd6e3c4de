"""HTTP client for Rasa's `/model/parse`, with timeouts, connection reuse and clear errors."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx

from bot.errors import NluUnavailableError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntentScore:
    """One intent and the model's confidence in it."""

    name: str
    confidence: float


@dataclass(frozen=True)
class Parse:
    """What Rasa made of one text: the top intent, the ranking, and the same for each clause of the text."""

    text: str
    intent: IntentScore
    ranking: tuple[IntentScore, ...]
    # Filled by nlu/rasa_addons/clause_classifier.py; empty when the model has no clause classifier.
    clauses: tuple[Parse, ...] = ()
    # How likely the whole reply holds each element, from the same component's reply-level heads (element name to
    # probability); empty for a model without them.
    reply_scores: Mapping[str, float] = field(default_factory=dict)


class RasaClient:
    """A pooled, thread-safe client for one Rasa server."""

    def __init__(self, base_url: str, *, timeout: float = 10.0, max_connections: int = 8) -> None:
        self.base_url = base_url.rstrip("/")
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, limits=limits)

    def __enter__(self) -> RasaClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.close()

    def parse(self, text: str) -> Parse:
        """Classify one text; raises NluUnavailableError when Rasa can't answer."""
        body = self._request("POST", "/model/parse", json={"text": text})
        return to_parse(text, body)

    def status(self) -> dict[str, Any]:
        """Rasa's `/status`: which model is loaded."""
        return self._request("GET", "/status")

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise NluUnavailableError(f"The NLU server at {self.base_url} did not answer in time.") from exc
        except httpx.TransportError as exc:
            raise NluUnavailableError(
                f"The NLU server at {self.base_url} is unreachable ({type(exc).__name__}). Start it with `make nlu-up`."
            ) from exc
        if response.status_code != 200:
            raise NluUnavailableError(
                f"The NLU server at {self.base_url} answered {response.status_code} to {path}: {response.text[:200]}"
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise NluUnavailableError(f"The NLU server at {self.base_url} sent a reply that is not JSON.") from exc
        if not isinstance(body, dict):
            raise NluUnavailableError(f"The NLU server at {self.base_url} sent an unexpected reply.")
        return body


def to_parse(text: str, body: dict[str, Any]) -> Parse:
    """A Parse from the JSON of `/model/parse` (or of one clause in it); missing parts become empty."""
    ranking = tuple(
        IntentScore(str(r.get("name")), float(r.get("confidence") or 0.0)) for r in body.get("intent_ranking") or []
    )
    intent = body.get("intent")
    if intent:
        top = IntentScore(str(intent.get("name") or ""), float(intent.get("confidence") or 0.0))
    else:  # a clause carries only its ranking
        top = ranking[0] if ranking else IntentScore("", 0.0)
    clauses = tuple(
        to_parse(str(clause.get("text") or ""), clause)
        for clause in body.get("clauses") or []
        if isinstance(clause, dict)
    )
    heads = body.get("reply")
    scores = {
        str(name): float(p)
        for name, p in (heads.items() if isinstance(heads, dict) else ())
        if isinstance(p, int | float) and not isinstance(p, bool)
    }
    return Parse(text=text, intent=top, ranking=ranking or (top,), clauses=clauses, reply_scores=scores)
