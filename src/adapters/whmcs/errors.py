"""WHMCS business errors (HTTP 200, `result: error`) as application errors."""

from __future__ import annotations

from adapters.whmcs.transport import ActionFailedError
from application.errors import ApplicationError, ConflictError, InvalidInputError, NotFoundError

_TAKEN = (
    "A user already exists with that email address",
    "The email address entered is not available for use.",
    "Duplicate Email Address",
    "Existing Cancellation Request Exists",  # AddCancelRequest: the service has one already
)
_MISSING = ("not found", "invalid client_id", "invalid user_id", "no owner found")


def to_application_error(error: ActionFailedError) -> ApplicationError:
    message = error.message
    if message in _TAKEN:
        return ConflictError(message)
    if any(marker in message.lower() for marker in _MISSING):
        return NotFoundError(message)
    return InvalidInputError(message)
