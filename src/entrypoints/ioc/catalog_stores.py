"""Where read models, the consumer's bookkeeping and the public limit live: Redis (positions in Postgres) or memory."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.limits_rate_limiter import LimitsRateLimiter
from adapters.memory.cdc_stores import (
    InMemoryAccountLocks,
    InMemoryChannelLeases,
    InMemoryProcessedEvents,
    InMemoryResyncRequests,
    InMemoryStreamStatusBoard,
)
from adapters.memory.change_stream import InMemoryChangeStream
from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.postgres.stream_positions import PostgresStreamPositions
from adapters.redis.account_locks import RedisAccountLocks
from adapters.redis.channel_leases import RedisChannelLeases
from adapters.redis.client import RedisClient
from adapters.redis.leased_rate_limiter import LeasedRateLimiter
from adapters.redis.processed_events import RedisProcessedEvents
from adapters.redis.read_model_store import RedisReadModelStore
from adapters.redis.resync_requests import RedisResyncRequests
from adapters.redis.stream_status import RedisStreamStatusBoard
from adapters.salesforce.crm import SalesforceCrm
from adapters.salesforce.streaming.change_stream import SalesforceChangeStream
from application.catalog.public_limit import PublicCatalogLimit
from application.ports.account_locks import AccountLocks
from application.ports.change_stream import ChangeStream
from application.ports.channel_leases import ChannelLeases
from application.ports.clock import Clock
from application.ports.processed_events import ProcessedEvents
from application.ports.rate_limiter import RateRule
from application.ports.read_model_store import ReadModelStore
from application.ports.resync_requests import ResyncRequests
from application.ports.stream_positions import StreamPositions
from application.ports.stream_status import StreamStatusBoard
from entrypoints.settings import Settings


def _public_rule(settings: Settings) -> RateRule:
    return RateRule(
        name="public-catalog",
        limit=settings.public_rate_limit_requests,
        per_seconds=settings.public_rate_limit_window_seconds,
    )


class RedisCatalogStoresProvider(Provider):
    """Read models, locks and the consumer's bookkeeping in Redis; stream positions in Postgres."""

    scope = Scope.APP

    @provide
    def positions(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> StreamPositions:
        return PostgresStreamPositions(sessions, clock=clock)

    @provide
    def stream(self, settings: Settings, crm: SalesforceCrm, positions: StreamPositions) -> ChangeStream:
        return SalesforceChangeStream(settings.salesforce(), crm.tokens, positions)

    @provide
    def leases(self, redis: RedisClient) -> ChannelLeases:
        return RedisChannelLeases(redis)

    @provide
    def processed(self, redis: RedisClient) -> ProcessedEvents:
        return RedisProcessedEvents(redis)

    @provide
    def board(self, redis: RedisClient) -> StreamStatusBoard:
        return RedisStreamStatusBoard(redis)

    @provide
    def resyncs(self, redis: RedisClient) -> ResyncRequests:
        return RedisResyncRequests(redis)

    @provide
    def store(self, redis: RedisClient) -> ReadModelStore:
        return RedisReadModelStore(redis)

    @provide
    def locks(self, redis: RedisClient) -> AccountLocks:
        return RedisAccountLocks(redis)

    @provide
    def public_limit(self, settings: Settings, redis: RedisClient) -> PublicCatalogLimit:
        return PublicCatalogLimit(LeasedRateLimiter(redis), _public_rule(settings))


class InMemoryCatalogStoresProvider(Provider):
    """One process's worth: the in-memory mode runs no `portal cdc` (its stream twin is for tests)."""

    scope = Scope.APP

    @provide
    def positions(self, clock: Clock) -> StreamPositions:
        return InMemoryStreamPositions(clock)

    @provide
    def stream(self, positions: StreamPositions, clock: Clock) -> ChangeStream:
        return InMemoryChangeStream(positions, clock=clock)

    @provide
    def leases(self, clock: Clock) -> ChannelLeases:
        return InMemoryChannelLeases(clock)

    @provide
    def processed(self, clock: Clock) -> ProcessedEvents:
        return InMemoryProcessedEvents(clock)

    @provide
    def board(self) -> StreamStatusBoard:
        return InMemoryStreamStatusBoard()

    @provide
    def resyncs(self) -> ResyncRequests:
        return InMemoryResyncRequests()

    @provide
    def store(self, clock: Clock) -> ReadModelStore:
        return InMemoryReadModelStore(clock)

    @provide
    def locks(self) -> AccountLocks:
        return InMemoryAccountLocks()

    @provide
    def public_limit(self, settings: Settings) -> PublicCatalogLimit:
        return PublicCatalogLimit(LimitsRateLimiter.in_memory(), _public_rule(settings))
