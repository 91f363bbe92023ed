from __future__ import annotations

import anyio.to_thread
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2PasswordHasher:
    """Argon2id (argon2-cffi's RFC 9106 low-memory profile by default), run on worker threads.

    Hashing takes tens of milliseconds of CPU by design; on the event loop it would stall every other request.
    """

    def __init__(self, hasher: Argon2 | None = None) -> None:
        self._hasher = hasher or Argon2()
        self._dummy_hash = self._hasher.hash("not a real password: used to spend equal time on unknown users")

    async def hash(self, password: str) -> str:
        return await anyio.to_thread.run_sync(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        try:
            return await anyio.to_thread.run_sync(self._hasher.verify, password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    async def verify_dummy(self, password: str) -> None:
        await self.verify(self._dummy_hash, password)
