"""Mutual exclusion per account across every process (find-or-create flows that the CRM cannot make atomic)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from application.errors import ConflictError


class RequestInProgressError(ConflictError):
    code = "REQUEST_IN_PROGRESS"
    default_message = "The same request is already being processed; please try again in a moment."


class AccountLocks(Protocol):
    def hold(self, name: str, *, timeout_seconds: float, wait_seconds: float) -> AbstractAsyncContextManager[None]:
        """Hold lock `name` for at most `timeout_seconds`.

        Waiting longer than `wait_seconds` raises RequestInProgressError.

        Errors: `UpstreamUnavailableError` when the lock store cannot answer.
        """
        ...
