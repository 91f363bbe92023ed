from __future__ import annotations

from datetime import datetime

import msgspec

from application.ports.notifications import Notification, NotificationKind, NotificationPage


class NotificationView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    id: int
    kind: NotificationKind
    source_id: str  # what it is about: an order's CRM id for order notifications
    title: str
    body: str
    created_at: datetime
    read: bool
    read_at: datetime | None


class NotificationPageView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    items: list[NotificationView]
    next_before: int | None  # the `before` of the next (older) page; null on the last page


class UnreadCountView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    unread_count: int


class MarkedReadView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    marked: int  # how many were unread


def notification_view(notification: Notification) -> NotificationView:
    return NotificationView(
        id=notification.id,
        kind=notification.kind,
        source_id=notification.source_id,
        title=notification.title,
        body=notification.body,
        created_at=notification.created_at,
        read=notification.read_at is not None,
        read_at=notification.read_at,
    )


def page_view(page: NotificationPage) -> NotificationPageView:
    return NotificationPageView(items=[notification_view(n) for n in page.items], next_before=page.next_before)
