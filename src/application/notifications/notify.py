"""The `NotificationRecorder` every notifier is given: the store keeps the notification once, and a new one is
announced to the customer's open streams (`notification.created`). The announcement is best effort: the stored
notification is the truth, and a stream that missed it resyncs or lists notifications again."""

from __future__ import annotations

import logging

from application.ports.live_events import LiveEventsUnavailableError, LiveFeed
from application.ports.notifications import NotificationDraft, NotificationRecorder

log = logging.getLogger(__name__)
NOTIFICATION_CREATED = "notification.created"


class NotifyCustomer:
    def __init__(self, store: NotificationRecorder, feed: LiveFeed) -> None:
        self._store = store
        self._feed = feed

    async def record(self, draft: NotificationDraft) -> bool:
        if not await self._store.record(draft):
            return False
        try:
            await self._feed.publish(
                draft.sf_account_id, NOTIFICATION_CREATED, {"kind": draft.kind.value, "sourceId": draft.source_id}
            )
        except LiveEventsUnavailableError as error:
            log.warning("notification_not_announced", extra={"kind": draft.kind.value, "error": str(error)})
        return True
