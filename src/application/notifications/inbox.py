"""The customer's notifications: a page at a time (newest first), the unread count, marking read."""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.clock import Clock
from application.ports.notifications import NotificationInbox, NotificationPage


class ListNotifications:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, inbox: NotificationInbox) -> None:
        self._inbox = inbox

    async def execute(self, customer: LinkedCustomer, *, before: int | None, limit: int) -> NotificationPage:
        return await self._inbox.page(customer.sf_account_id, before=before, limit=limit)


class CountUnreadNotifications:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, inbox: NotificationInbox) -> None:
        self._inbox = inbox

    async def execute(self, customer: LinkedCustomer) -> int:
        return await self._inbox.unread_count(customer.sf_account_id)


class MarkNotificationRead:
    raises: ClassVar[Raises] = (NotFoundError, *STORE_OUTAGE)

    def __init__(self, inbox: NotificationInbox, clock: Clock) -> None:
        self._inbox = inbox
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, notification_id: int) -> None:
        if not await self._inbox.mark_read(customer.sf_account_id, notification_id, at=self._clock.now()):
            raise NotFoundError("Notification not found.")


class MarkAllNotificationsRead:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, inbox: NotificationInbox, clock: Clock) -> None:
        self._inbox = inbox
        self._clock = clock

    async def execute(self, customer: LinkedCustomer) -> int:
        return await self._inbox.mark_all_read(customer.sf_account_id, at=self._clock.now())
