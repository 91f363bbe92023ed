"""Live updates and the dashboard: the feed (Redis or its twin), this process's hub of streams, the use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import AnyOf, Provider, Scope, provide

from adapters.memory.live_events import InMemoryLiveEvents
from adapters.redis.client import RedisClient
from adapters.redis.live_events import RedisLiveEvents
from application.dashboard.account_facts import AccountFactsReader
from application.dashboard.get_dashboard import DashboardSources, GetDashboard
from application.live.hub import LiveHub
from application.live.policy import LivePolicy
from application.live.watch import WatchLive
from application.ports.live_events import LiveEvents, LiveFeed
from entrypoints.settings import Settings


class LiveProvider(Provider):
    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> LivePolicy:
        return LivePolicy(
            streams_per_customer=settings.live_streams_per_customer,
            streams_per_process=settings.live_streams_per_process,
            heartbeat_seconds=settings.live_heartbeat_seconds,
            replay_events=settings.live_replay_events,
        )

    @provide(scope=Scope.APP)
    async def hub(self, events: LiveEvents, policy: LivePolicy) -> AsyncIterator[LiveHub]:
        # One per process; it subscribes on the first stream only (the consumer and the worker never open one).
        hub = LiveHub(events, policy)
        yield hub
        await hub.close()


class LiveUseCases(Provider):
    scope = Scope.REQUEST
    watch = provide(WatchLive)
    account_facts = provide(AccountFactsReader)
    sources = provide(DashboardSources)
    dashboard = provide(GetDashboard)


class RedisLiveStoresProvider(Provider):
    @provide(scope=Scope.APP, provides=AnyOf[LiveFeed, LiveEvents])
    def live_events(self, redis: RedisClient, policy: LivePolicy) -> RedisLiveEvents:
        return RedisLiveEvents(redis, policy)


class InMemoryLiveStoresProvider(Provider):
    @provide(scope=Scope.APP, provides=AnyOf[LiveFeed, LiveEvents])
    def live_events(self, policy: LivePolicy) -> InMemoryLiveEvents:
        return InMemoryLiveEvents(window=policy.replay_events)
