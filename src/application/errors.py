"""Errors the use cases raise and the entrypoints translate (one table in `entrypoints.http.problems`).

Each error carries a stable machine `code`; HTTP statuses live only in the entrypoint table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class ApplicationError(Exception):
    code: ClassVar[str] = "APPLICATION_ERROR"
    default_message: ClassVar[str] = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class NotFoundError(ApplicationError):
    """The resource does not exist, or it is not the caller's: the two must look the same."""

    code = "NOT_FOUND"
    default_message = "The resource was not found."


class InvalidInputError(ApplicationError):
    """Input rejected by our rules or by an upstream system (its message kept for the user)."""

    code = "INVALID_INPUT"
    default_message = "The request contains invalid values."

    def __init__(self, message: str | None = None, *, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, str] = dict(fields or {})


class ContractViolationError(InvalidInputError):
    """The request breaks the API's published contract (a required header missing, a body the edge's input rules
    refuse): a client bug or a crafted request, refused before anything is looked up. Schema violations found by
    the framework are the same kind of refusal (one status for both, in the entrypoint's table)."""

    code = "BAD_REQUEST"
    default_message = "The request does not follow the API's contract."


class ConflictError(ApplicationError):
    code = "CONFLICT"
    default_message = "The request conflicts with the current state."


class AuthenticationRequiredError(ApplicationError):
    code = "AUTHENTICATION_REQUIRED"
    default_message = "Sign in to continue."


class UpstreamUnavailableError(ApplicationError):
    """A system of record is down, slow or refusing load: retryable, nothing partial was returned."""

    code = "UPSTREAM_UNAVAILABLE"
    default_message = "A system we depend on is unavailable; please try again later."

    def __init__(self, system: str, message: str | None = None, *, retry_after: float | None = None) -> None:
        super().__init__(message or f"The {system} system is unavailable; please try again later.")
        self.system = system
        self.retry_after = retry_after


class UpstreamConfigurationError(ApplicationError):
    """Our credentials or configuration for an upstream are wrong: never retried (WHMCS bans the IP)."""

    code = "UPSTREAM_CONFIGURATION"
    default_message = "The service is misconfigured; the team has been alerted."

    def __init__(self, system: str, message: str | None = None) -> None:
        super().__init__(message or f"The connection to {system} is misconfigured.")
        self.system = system


class IdempotencyKeyMissingError(ContractViolationError):
    code = "IDEMPOTENCY_KEY_MISSING"
    default_message = "Send an Idempotency-Key header (a fresh UUID per order) so a retry can never order twice."


class IdempotencyKeyReusedError(InvalidInputError):
    code = "IDEMPOTENCY_KEY_REUSED"
    default_message = "This Idempotency-Key was already used for a different request."


class RequestInProgressError(ConflictError):
    code = "IDEMPOTENCY_REQUEST_IN_PROGRESS"
    default_message = "A request with this Idempotency-Key is still being processed; try again in a moment."
    retry_after_seconds = 2


Raises = tuple[type[Exception], ...]
"""The errors a use case may raise, declared once as its class attribute `raises`. Each HTTP operation documents
the problems of what it runs from these declarations (`entrypoints.http.problem_docs`), so they must be complete:
a test fails when a use case raises an error its declaration lacks."""

STORE_OUTAGE: Raises = (UpstreamUnavailableError,)  # our own Postgres or Redis did not answer
# A system of record down, slow or over quota; or refusing our credentials (never retried).
UPSTREAM_OUTAGES: Raises = (UpstreamUnavailableError, UpstreamConfigurationError)
