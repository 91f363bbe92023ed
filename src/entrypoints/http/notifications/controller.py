"""`/api/account/notifications`: the customer's stored notifications (newest first, by cursor), read state."""

from __future__ import annotations

from typing import Annotated

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, post
from litestar.datastructures import CacheControlHeader
from litestar.params import FromPath, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from application.identity.linked_customer import LinkedCustomer
from application.notifications.inbox import (
    CountUnreadNotifications,
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
)
from application.notifications.policy import NotificationPolicy
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.notifications.schemas import MarkedReadView, NotificationPageView, UnreadCountView, page_view

PRIVATE = CacheControlHeader(private=True, no_store=True)
_POLICY = NotificationPolicy()


class NotificationsController(Controller):
    path = "/account/notifications"
    tags = ["notifications"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="listNotifications",
        summary="The customer's notifications, newest first; follow `nextBefore` for older ones.",
        description="Kept for the retention the README states (`PORTAL_NOTIFICATION_RETENTION_DAYS`), then purged.",
    )
    @inject
    async def list_notifications(
        self,
        customer: FromDishka[LinkedCustomer],
        list_notifications: FromDishka[ListNotifications],
        before: Annotated[
            int | None, QueryParameter(ge=1, description="Only notifications older than this cursor (`nextBefore`).")
        ] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=_POLICY.max_page_size, description="Page size.")] = (
            _POLICY.page_size
        ),
    ) -> NotificationPageView:
        return page_view(await list_notifications.execute(customer, before=before, limit=limit))

    @get("/unread-count", operation_id="countUnreadNotifications", summary="How many notifications are unread.")
    @inject
    async def unread_count(
        self, customer: FromDishka[LinkedCustomer], count: FromDishka[CountUnreadNotifications]
    ) -> UnreadCountView:
        return UnreadCountView(unread_count=await count.execute(customer))

    @post(
        "/{notification_id:int}/read",
        operation_id="markNotificationRead",
        status_code=HTTP_204_NO_CONTENT,
        summary="Mark one notification read (again is fine). Another customer's notification is not found.",
    )
    @inject
    async def mark_read(
        self,
        notification_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        mark: FromDishka[MarkNotificationRead],
    ) -> None:
        await mark.execute(customer, notification_id)

    @post(
        "/read-all",
        operation_id="markAllNotificationsRead",
        status_code=200,
        summary="Mark every notification read.",
    )
    @inject
    async def mark_all_read(
        self, customer: FromDishka[LinkedCustomer], mark_all: FromDishka[MarkAllNotificationsRead]
    ) -> MarkedReadView:
        return MarkedReadView(marked=await mark_all.execute(customer))
