"""Six-digit codes sent by mail, and the proof of a verified address they are exchanged for.

Only digests are stored: a code under its address's digest (with its attempts), a proof under its own digest.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class CodeCheck(StrEnum):
    MATCH = "match"  # the code is used up
    WRONG = "wrong"  # counted; tries remain
    GONE = "gone"  # none issued, expired, used, or its last try was just spent: ask for a new one


class EmailCodes(Protocol):
    async def issue(self, subject: str, code_digest: str, *, ttl_seconds: int) -> None:
        """The subject's code is now this one (an earlier one is void), with no attempts used."""
        ...

    async def check(self, subject: str, code_digest: str, *, max_attempts: int) -> CodeCheck:
        """Atomically: count one attempt and compare. A match, or the last allowed miss, deletes the code."""
        ...

    async def grant(self, proof_digest: str, email: str, *, ttl_seconds: int) -> None:
        """Remember that `email` was proven by whoever holds the proof."""
        ...

    async def proven_email(self, proof_digest: str) -> str | None: ...

    async def revoke(self, proof_digest: str) -> None: ...
