"""Holding a `/meta/connect` until events are due, the timeout passes, or something ends the wait early."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sandbox.salesforce.streaming.sessions import BayeuxSession, SessionRegistry
from sandbox.salesforce.streaming.waker import Waker


class ConnectionDroppedError(Exception):
    """The control API dropped the connection under a held connect: answer at transport level, not Bayeux."""


class ClientGoneError(Exception):
    """The client gave up on a held connect (its request timed out): events are kept for its next connect."""


class LongPoll:
    def __init__(self, *, waker: Waker, sessions: SessionRegistry, timeout: timedelta) -> None:
        self.timeout = timeout
        self._waker = waker
        self._sessions = sessions
        self._drop_epoch = 0

    def drop_all(self) -> None:
        self._drop_epoch += 1
        self._waker.wake_all()

    async def hold(
        self,
        session: BayeuxSession,
        *,
        has_events: Callable[[BayeuxSession], bool],
        client_gone: Callable[[], Awaitable[None]] | None,
    ) -> None:
        """Return when the connect is due an answer; a newer connect or a forgotten session end it too."""
        session.connect_generation += 1
        generation, epoch = session.connect_generation, self._drop_epoch
        deadline = time.monotonic() + self.timeout.total_seconds()
        # Events must not be spent on a reply nobody reads: a client that timed out will connect again.
        gone: asyncio.Future[Any] = (
            asyncio.ensure_future(client_gone()) if client_gone else asyncio.get_running_loop().create_future()
        )
        session.holding += 1
        try:
            await asyncio.sleep(0)  # let the watch see a hang-up that happened before we got here
            while not gone.done():
                with self._waker.waiting() as woken:
                    # Checked after registering, so a wake between the check and the wait is not lost.
                    if self._drop_epoch != epoch:
                        raise ConnectionDroppedError
                    if generation != session.connect_generation or not self._sessions.is_live(session):
                        return
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or has_events(session):
                        return
                    waking: asyncio.Future[Any] = asyncio.ensure_future(woken.wait())
                    await asyncio.wait([waking, gone], timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                    waking.cancel()
            raise ClientGoneError
        finally:
            session.holding -= 1
            gone.cancel()
