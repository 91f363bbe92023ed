from __future__ import annotations

from typing import Protocol


class Cache(Protocol):
    """A best-effort shared cache of bytes with TTLs (Redis in production).

    A cache is never a reason to fail: implementations report a failed read as a miss and a failed write as done
    (and log both), so callers fall back to a live read. Upstream errors are never stored — callers only `set`
    what they successfully read.
    """

    async def get(self, key: str) -> bytes | None: ...

    async def get_many(self, *keys: str) -> list[bytes | None]:
        """Several keys at once (one round trip where the store allows), each a miss on failure."""
        ...

    async def set(self, key: str, value: bytes, *, ttl_seconds: int) -> None: ...

    async def delete(self, *keys: str) -> None: ...
