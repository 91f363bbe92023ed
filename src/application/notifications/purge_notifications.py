from __future__ import annotations

from datetime import timedelta

from application.notifications.policy import NotificationPolicy
from application.ports.clock import Clock
from application.ports.notifications import NotificationInbox


class PurgeNotifications:
    """The reaper: notifications older than the retention (`NotificationPolicy.retention_days`), read or not."""

    def __init__(self, inbox: NotificationInbox, clock: Clock, policy: NotificationPolicy) -> None:
        self._inbox = inbox
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        return await self._inbox.purge_created_before(self._clock.now() - timedelta(days=self._policy.retention_days))
