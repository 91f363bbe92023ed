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
