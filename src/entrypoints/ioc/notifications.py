"""Notifications: the store (Postgres or its twin) behind the inbox, and behind `NotifyCustomer`, the recorder every
notifier is given (it announces new notifications to live streams); the customer's use cases, the reaper."""

from __future__ import annotations

from dishka import AnyOf, Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.notifications import InMemoryNotifications
from adapters.postgres.notifications import PostgresNotifications
from application.notifications.inbox import (
    CountUnreadNotifications,
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
)
from application.notifications.notify import NotifyCustomer
from application.notifications.policy import NotificationPolicy
from application.notifications.purge_notifications import PurgeNotifications
from application.ports.clock import Clock
from application.ports.live_events import LiveFeed
from application.ports.notifications import NotificationInbox, NotificationRecorder
from entrypoints.settings import Settings


class NotificationsProvider(Provider):
    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> NotificationPolicy:
        return NotificationPolicy(retention_days=settings.notification_retention_days)


class NotificationUseCases(Provider):
    scope = Scope.REQUEST
    list_notifications = provide(ListNotifications)
    count_unread = provide(CountUnreadNotifications)
    mark_read = provide(MarkNotificationRead)
    mark_all_read = provide(MarkAllNotificationsRead)
    purge = provide(PurgeNotifications)


class PostgresNotificationStoresProvider(Provider):
    @provide(scope=Scope.APP, provides=AnyOf[PostgresNotifications, NotificationInbox])
    def notifications(self, engine: AsyncEngine, clock: Clock) -> PostgresNotifications:
        return PostgresNotifications(engine, clock)

    @provide(scope=Scope.APP)
    def recorder(self, store: PostgresNotifications, live: LiveFeed) -> NotificationRecorder:
        return NotifyCustomer(store, live)


class InMemoryNotificationStoresProvider(Provider):
    @provide(scope=Scope.APP, provides=AnyOf[InMemoryNotifications, NotificationInbox])
    def notifications(self, clock: Clock) -> InMemoryNotifications:
        return InMemoryNotifications(clock)

    @provide(scope=Scope.APP)
    def recorder(self, store: InMemoryNotifications, live: LiveFeed) -> NotificationRecorder:
        return NotifyCustomer(store, live)
