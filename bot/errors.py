"""Domain errors: expected failures whose message is shown to the user as it is."""

from __future__ import annotations


class CoachError(Exception):
    """An expected failure; its message is safe and friendly to show to the user."""

    exit_code = 1


class UnknownUserError(CoachError):
    """No employee has that user id."""

    exit_code = 2

    def __init__(self, user_id: str) -> None:
        super().__init__(
            f"Unknown user {user_id!r}: no employee has that id. "
            "Seed the demo organisation with `coach demo` or ask an admin to add you."
        )
        self.user_id = user_id


class UnknownTouchpointError(CoachError):
    """No touchpoint script has that id."""

    exit_code = 2

    def __init__(self, touchpoint_id: str, known: list[str]) -> None:
        super().__init__(f"Unknown touchpoint {touchpoint_id!r}. Known touchpoints: {', '.join(known)}.")
        self.touchpoint_id = touchpoint_id


class NluUnavailableError(CoachError):
    """The Rasa NLU server could not be reached or answered with an error."""

    exit_code = 3


class LibraryError(CoachError):
    """A touchpoint script file is missing or invalid."""

    exit_code = 2


class NluSetupError(CoachError):
    """Training or starting the local Rasa server failed."""

    exit_code = 4


class PermissionDeniedError(CoachError):
    """The user may not do this."""

    exit_code = 5


class NotFoundError(CoachError):
    """The thing asked for does not exist."""

    exit_code = 2
