"""Who may do what: roles and the pure permission rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What an employee may do."""

    STAFF = "staff"
    MANAGER = "manager"
    HR = "hr"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """The parts of an employee that permissions depend on."""

    employee_id: int
    organisation_id: int
    location_id: int | None
    role: Role


def may_decide_suggestion(decider: Actor, author: Actor) -> bool:
    """A manager of the author's store, or an admin of their organisation, approves or rejects their lines."""
    if decider.organisation_id != author.organisation_id:
        return False
    if decider.role is Role.ADMIN:
        return True
    return (
        decider.role is Role.MANAGER and decider.location_id is not None and decider.location_id == author.location_id
    )
