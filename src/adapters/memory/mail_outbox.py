from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from application.ports.mail import Mail, OutboxEntry


class InMemoryMailOutbox:
    def __init__(self) -> None:
        self.entries: dict[str, OutboxEntry] = {}

    async def add(self, mail: Mail, *, now: datetime) -> bool:
        if mail.event_key in self.entries:
            return False
        self.entries[mail.event_key] = OutboxEntry(mail=mail, created_at=now, sent_at=None, refused=None)
        return True

    async def get(self, event_key: str) -> OutboxEntry | None:
        return self.entries.get(event_key)

    async def mark_sent(self, event_key: str, *, now: datetime) -> None:
        self._settle(event_key, sent_at=now)

    async def mark_refused(self, event_key: str, reason: str, *, now: datetime) -> None:
        self._settle(event_key, refused=reason)

    def _settle(self, event_key: str, **values: object) -> None:
        entry = self.entries.get(event_key)
        if entry is None or entry.settled:
            return
        mail = replace(entry.mail, values={})
        self.entries[event_key] = replace(entry, mail=mail, **values)  # type: ignore[arg-type]

    async def unsettled(self, *, created_after: datetime, created_before: datetime, limit: int) -> list[str]:
        found = sorted(
            (entry for entry in self.entries.values() if not entry.settled),
            key=lambda entry: entry.created_at,
        )
        return [e.mail.event_key for e in found if created_after < e.created_at < created_before][:limit]

    async def purge(self, *, created_before: datetime) -> int:
        old = [key for key, entry in self.entries.items() if entry.created_at < created_before]
        for key in old:
            del self.entries[key]
        return len(old)
