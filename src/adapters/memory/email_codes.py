from __future__ import annotations

from datetime import datetime, timedelta

from application.ports.clock import Clock
from application.ports.email_codes import CodeCheck


class InMemoryEmailCodes:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._codes: dict[str, tuple[str, int, datetime]] = {}  # subject -> (digest, attempts, expires)
        self._proofs: dict[str, tuple[str, datetime]] = {}

    async def issue(self, subject: str, code_digest: str, *, ttl_seconds: int) -> None:
        self._codes[subject] = (code_digest, 0, self._clock.now() + timedelta(seconds=ttl_seconds))

    async def check(self, subject: str, code_digest: str, *, max_attempts: int) -> CodeCheck:
        held = self._codes.get(subject)
        if held is None or held[2] <= self._clock.now():
            self._codes.pop(subject, None)
            return CodeCheck.GONE
        digest, attempts, expires = held
        attempts += 1
        if attempts > max_attempts:
            del self._codes[subject]
            return CodeCheck.GONE
        if digest == code_digest:
            del self._codes[subject]
            return CodeCheck.MATCH
        if attempts >= max_attempts:
            del self._codes[subject]
        else:
            self._codes[subject] = (digest, attempts, expires)
        return CodeCheck.WRONG

    async def grant(self, proof_digest: str, email: str, *, ttl_seconds: int) -> None:
        self._proofs[proof_digest] = (email, self._clock.now() + timedelta(seconds=ttl_seconds))

    async def proven_email(self, proof_digest: str) -> str | None:
        held = self._proofs.get(proof_digest)
        if held is None or held[1] <= self._clock.now():
            return None
        return held[0]

    async def revoke(self, proof_digest: str) -> None:
        self._proofs.pop(proof_digest, None)
