"""Freebit's answers as application errors.

Freebit's code tables are not public; we read `resultCode` by class (2xx auth, 3xx not found, 4xx invalid
request, 5xx state conflict, 9xx Freebit failure), as the sandbox emulator answers, and keep the upstream
message and `resultCode-statusCode` in every error's message.
"""

from __future__ import annotations

from application.errors import (
    ApplicationError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.sims.errors import SimLineBusyError

SYSTEM = "Freebit"

# statusCode → the request field it blames (for InvalidInputError.fields).
_BLAMED_FIELD = {
    "302": "product_number",
    "356": "add_kind",
    "403": "eid",
    "404": "mnp",
    "405": "mnp",
    "406": "plan_code",
    "407": "quota_mb",
    "412": "msisdn",
    "413": "product_number",
}


class OutcomeUnknownError(UpstreamUnavailableError):
    """The request may have reached Freebit but its answer was lost: read the state before any retry."""


class FreebitRejected(Exception):  # noqa: N818 - a rejection is Freebit's answer, not our error yet
    """A well-formed Freebit answer with a `resultCode` other than "100"."""

    def __init__(self, result_code: str, status_code: str, message: str) -> None:
        self.result_code = result_code
        self.status_code = status_code
        self.message = message
        super().__init__(self.describe())

    @property
    def is_auth(self) -> bool:
        return self.result_code == "200"

    def describe(self) -> str:
        return f"{self.message} (Freebit {self.result_code}-{self.status_code})"


def to_application_error(rejected: FreebitRejected) -> ApplicationError:
    text = rejected.describe()
    kind, status = rejected.result_code, rejected.status_code
    if kind == "200":
        return UpstreamConfigurationError(SYSTEM, text)
    if kind == "300" and status == "301":
        return NotFoundError(text)
    if kind == "400" or (kind == "300" and status == "302"):
        field = _BLAMED_FIELD.get(status)
        return InvalidInputError(text, fields={field: rejected.message} if field else None)
    if kind == "500" and status == "502":
        return SimLineBusyError(text)  # locked by a running operation: later, not never
    if kind == "900":
        # "System error": Freebit itself cannot say whether it applied the change.
        return OutcomeUnknownError(SYSTEM, text)
    return ConflictError(text)  # 5xx states, "no eSIM profile", and codes we do not know: not retryable
