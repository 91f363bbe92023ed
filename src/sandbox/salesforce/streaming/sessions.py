"""Bayeux client sessions: the server-side state behind a `clientId`."""

from __future__ import annotations

import secrets
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

_CLIENT_ID_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(kw_only=True)
class BayeuxSession:
    client_id: str
    api_version: tuple[int, int]
    last_seen: datetime
    cursors: dict[str, int] = field(default_factory=dict)  # channel -> last replay id sent to this client
    connected: bool = False  # its first /meta/connect has been answered
    connect_generation: int = 0  # a newer connect releases an older one still held
    holding: int = 0  # connects currently held: a client in a long poll is never idle


class SessionRegistry:
    def __init__(self, *, idle_expiry: timedelta, clock: Callable[[], datetime]) -> None:
        self.idle_expiry = idle_expiry
        self._clock = clock
        self._sessions: dict[str, BayeuxSession] = {}
        self._lock = threading.Lock()

    def open(self, api_version: tuple[int, int]) -> BayeuxSession:
        client_id = "".join(secrets.choice(_CLIENT_ID_ALPHABET) for _ in range(26))
        session = BayeuxSession(client_id=client_id, api_version=api_version, last_seen=self._clock())
        with self._lock:
            self._sessions[client_id] = session
        return session

    def find(self, client_id: object) -> BayeuxSession | None:
        """The live session for `client_id`; one silent for longer than the idle expiry is gone."""
        if not isinstance(client_id, str):
            return None
        with self._lock:
            session = self._sessions.get(client_id)
            if session is None:
                return None
            if session.holding == 0 and self._clock() - session.last_seen > self.idle_expiry:
                del self._sessions[client_id]
                return None
            return session

    def is_live(self, session: BayeuxSession) -> bool:
        with self._lock:
            return self._sessions.get(session.client_id) is session

    def touch(self, session: BayeuxSession) -> None:
        session.last_seen = self._clock()

    def close(self, client_id: str) -> None:
        with self._lock:
            self._sessions.pop(client_id, None)

    def forget_all(self) -> int:
        """Drop every session, as Salesforce does on scaling or failover: clients must handshake again."""
        with self._lock:
            count = len(self._sessions)
            self._sessions.clear()
            return count

    def all(self) -> list[BayeuxSession]:
        with self._lock:
            return list(self._sessions.values())
