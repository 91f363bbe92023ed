from __future__ import annotations

import hashlib
import hmac


class PlainTextPasswordHasher:
    """A fast, deterministic stand-in for unit tests (argon2 costs ~50 ms per hash by design). Not for demo use."""

    PREFIX = "test-sha256$"

    async def hash(self, password: str) -> str:
        return self.PREFIX + hashlib.sha256(password.encode()).hexdigest()

    async def verify(self, password_hash: str, password: str) -> bool:
        return hmac.compare_digest(password_hash, await self.hash(password))

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(self.PREFIX)

    async def verify_dummy(self, password: str) -> None:
        await self.hash(password)
