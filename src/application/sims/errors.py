"""Refusals of the SIM operations, each with a stable code."""

from __future__ import annotations

from application.errors import ConflictError


class SimNotInServiceError(ConflictError):
    code = "SIM_NOT_IN_SERVICE"
    default_message = "This SIM is not in service (not activated yet, or cancelled)."
