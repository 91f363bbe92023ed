"""Attempts at the actions that check a secret or could be abused to probe accounts: log in, change the password,
sign up, link a billing login, request or confirm a password reset.

Each attempt is counted *before* the secret is checked (atomically, in every process at once), per client IP and
per account — the email address in its one normalised form (`EmailAddress.normalise`, the form login looks up),
or the signed-in user — so a burst of concurrent guesses checks at most the limit and a look-alike spelling of
an address shares its counter. An attempt that ended in "try again later" (an outage, a full hashing queue) is
given back too: the secret was not checked, so nothing was guessed.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar
from uuid import UUID

from application.errors import STORE_OUTAGE, Raises, UpstreamUnavailableError
from application.identity.errors import RateLimitedError
from application.identity.policy import IdentityPolicy
from application.ports.attempt_counter import AttemptCounter
from domain.identity.email import EmailAddress


def email_key(raw_email: str) -> str:
    # Counters are keyed by a hash, so Redis never holds a list of who tried to log in.
    return hashlib.sha256(EmailAddress.normalise(raw_email).encode()).hexdigest()[:32]


class Attempt:
    """One counted attempt."""

    def __init__(self, counter: AttemptCounter, counters: list[str], ticket: str) -> None:
        self._counter = counter
        self._counters = counters
        self._ticket = ticket

    async def give_back(self) -> None:
        await self._counter.give_back(self._counters, self._ticket)


class AttemptGuard:
    raises: ClassVar[Raises] = (RateLimitedError, *STORE_OUTAGE)

    def __init__(self, counter: AttemptCounter, policy: IdentityPolicy) -> None:
        self._counter = counter
        self._policy = policy

    @asynccontextmanager
    async def attempt(
        self,
        action: str,
        *,
        client_ip: str,
        email: str | None = None,
        user_id: UUID | None = None,
        success_counts: bool = False,
    ) -> AsyncIterator[None]:
        """Count one attempt for the block, before it runs. It stays counted when the block raises (a wrong secret,
        a refusal) — and, with `success_counts`, when it succeeds; it is given back when the block succeeds
        otherwise, or ends in an outage."""
        taken = await self.begin(action, client_ip=client_ip, email=email, user_id=user_id)
        try:
            yield
        except UpstreamUnavailableError:
            with contextlib.suppress(UpstreamUnavailableError):  # the counter may be what is down
                await taken.give_back()
            raise
        if not success_counts:
            await taken.give_back()

    async def begin(
        self, action: str, *, client_ip: str, email: str | None = None, user_id: UUID | None = None
    ) -> Attempt:
        """Count one attempt on every counter of this action, or raise RateLimitedError when one is exhausted."""
        counters = [f"{action}:ip:{client_ip}"]
        if email is not None:
            counters.append(f"{action}:email:{email_key(email)}")
        if user_id is not None:
            counters.append(f"{action}:user:{user_id}")
        taken = await self._counter.take(
            counters, limit=self._policy.attempts_per_window, window_seconds=self._policy.attempt_window_seconds
        )
        if not taken.allowed:
            raise RateLimitedError(taken.retry_after_seconds)
        return Attempt(self._counter, counters, taken.ticket)
