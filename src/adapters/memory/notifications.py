"""In-memory notifications with the Postgres store's rules: unique (account, kind, source), ids increasing."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from itertools import count

from application.ports.clock import Clock
from application.ports.notifications import Notification, NotificationDraft, NotificationPage


class InMemoryNotifications:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._rows: dict[int, Notification] = {}
        self._ids = count(1)

    async def record(self, draft: NotificationDraft) -> bool:
        identity = (draft.sf_account_id, draft.kind, draft.source_id)
        if any((n.sf_account_id, n.kind, n.source_id) == identity for n in self._rows.values()):
            return False
        notification_id = next(self._ids)
        self._rows[notification_id] = Notification(
            id=notification_id,
            sf_account_id=draft.sf_account_id,
            kind=draft.kind,
            source_id=draft.source_id,
            title=draft.title,
            body=draft.body,
            created_at=self._clock.now(),
            read_at=None,
        )
        return True

    async def page(self, sf_account_id: str, *, before: int | None, limit: int) -> NotificationPage:
        mine = sorted(
            (n for n in self._rows.values() if n.sf_account_id == sf_account_id and (before is None or n.id < before)),
            key=lambda n: n.id,
            reverse=True,
        )
        items = tuple(mine[:limit])
        return NotificationPage(items=items, next_before=items[-1].id if len(mine) > limit else None)

    async def unread_count(self, sf_account_id: str) -> int:
        return sum(1 for n in self._rows.values() if n.sf_account_id == sf_account_id and n.read_at is None)

    async def mark_read(self, sf_account_id: str, notification_id: int, *, at: datetime) -> bool:
        found = self._rows.get(notification_id)
        if found is None or found.sf_account_id != sf_account_id:
            return False
        if found.read_at is None:
            self._rows[notification_id] = dataclasses.replace(found, read_at=at)
        return True

    async def mark_all_read(self, sf_account_id: str, *, at: datetime) -> int:
        unread = [n for n in self._rows.values() if n.sf_account_id == sf_account_id and n.read_at is None]
        for found in unread:
            self._rows[found.id] = dataclasses.replace(found, read_at=at)
        return len(unread)

    async def purge_created_before(self, cutoff: datetime) -> int:
        old = [i for i, n in self._rows.items() if n.created_at < cutoff]
        for notification_id in old:
            del self._rows[notification_id]
        return len(old)
