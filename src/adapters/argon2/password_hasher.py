from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from application.capacity import CapacityExhaustedError


class Argon2PasswordHasher:
    """Argon2id (argon2-cffi's RFC 9106 low-memory profile by default: 64 MiB, t=3, p=4), run on worker threads.

    Hashing takes tens of milliseconds of CPU by design; on the event loop it would stall every other request.
    At most `concurrency` hashes run at once per process, because each holds `memory_cost` of memory and more at
    once only shares the same cores; a caller that cannot get a slot within `wait_seconds` is refused with
    CapacityExhaustedError (503 + Retry-After) instead of joining a queue that grows with the attack.
    """

    def __init__(self, hasher: Argon2 | None = None, *, concurrency: int = 2, wait_seconds: float = 2.0) -> None:
        self._hasher = hasher or Argon2()
        self._slots = asyncio.Semaphore(concurrency)
        self._wait_seconds = wait_seconds
        self._dummy_hash = self._hasher.hash("not a real password: used to spend equal time on unknown users")

    async def hash(self, password: str) -> str:
        async with self._slot():
            return await anyio.to_thread.run_sync(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        async with self._slot():
            try:
                return await anyio.to_thread.run_sync(self._hasher.verify, password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    async def verify_dummy(self, password: str) -> None:
        await self.verify(self._dummy_hash, password)

    @asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        try:
            async with asyncio.timeout(self._wait_seconds):
                await self._slots.acquire()
        except TimeoutError:
            raise CapacityExhaustedError("password hashing", retry_after=1) from None
        try:
            yield
        finally:
            self._slots.release()
