"""Who may decide on a suggested line."""

from __future__ import annotations

import pytest

from bot.roles import Actor, Role, may_decide_suggestion

AUTHOR = Actor(employee_id=1, organisation_id=1, location_id=10, role=Role.STAFF)


@pytest.mark.parametrize(
    ("decider", "allowed"),
    [
        (Actor(2, 1, 10, Role.MANAGER), True),  # manager of the author's store
        (Actor(3, 1, 11, Role.MANAGER), False),  # manager of another store
        (Actor(4, 1, None, Role.ADMIN), True),
        (Actor(5, 2, None, Role.ADMIN), False),  # admin of another organisation
        (Actor(6, 1, 10, Role.STAFF), False),
        (Actor(7, 1, None, Role.HR), False),
        (Actor(8, 1, None, Role.MANAGER), False),  # a manager without a store
    ],
)
def test_only_the_authors_store_manager_or_an_admin_decides(decider: Actor, allowed: bool) -> None:
    assert may_decide_suggestion(decider, AUTHOR) is allowed
