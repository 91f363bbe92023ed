"""Access tokens the emulated org has issued, and whether each one still opens a session."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sandbox.salesforce.config import ORG_ID


@dataclass
class _Issued:
    issued_at: datetime
    revoked: bool = False


class TokenBook:
    def __init__(self, now: Callable[[], datetime], ttl: timedelta) -> None:
        self._now = now
        self.ttl = ttl
        self._issued: dict[str, _Issued] = {}
        self._lock = threading.Lock()  # the streaming hub asks from other threads

    def issue(self) -> tuple[str, datetime]:
        token = f"{ORG_ID[:15]}!{secrets.token_urlsafe(48)}"
        issued_at = self._now()
        with self._lock:
            self._issued[token] = _Issued(issued_at)
        return token, issued_at

    def is_valid(self, token: str) -> bool:
        with self._lock:
            issued = self._issued.get(token)
        return issued is not None and not issued.revoked and self._now() - issued.issued_at < self.ttl

    def revoke(self, token: str) -> bool:
        with self._lock:
            issued = self._issued.get(token)
            if issued is not None:
                issued.revoked = True
        return issued is not None

    def expire_all(self) -> int:
        """End every session now, as an org-wide session timeout or a password reset would."""
        with self._lock:
            for issued in self._issued.values():
                issued.revoked = True
            return len(self._issued)
