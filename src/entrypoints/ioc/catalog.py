"""Catalog and eligibility read models, the account catalog use cases, and their change handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import AnyOf, Provider, Scope, from_context, provide
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.limits_rate_limiter import LimitsRateLimiter
from adapters.memory.cdc_stores import (
    InMemoryAccountLocks,
    InMemoryChannelLeases,
    InMemoryProcessedEvents,
    InMemoryStreamStatusBoard,
)
from adapters.memory.change_stream import InMemoryChangeStream
from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.postgres.stream_positions import PostgresStreamPositions
from adapters.redis.account_locks import RedisAccountLocks
from adapters.redis.channel_leases import RedisChannelLeases
from adapters.redis.leased_rate_limiter import LeasedRateLimiter
from adapters.redis.processed_events import RedisProcessedEvents
from adapters.redis.read_model_store import RedisReadModelStore
from adapters.redis.stream_status import RedisStreamStatusBoard
from adapters.salesforce.crm import SalesforceCrm
from adapters.salesforce.streaming.change_stream import SalesforceChangeStream
from application.catalog.account_catalog import GetAccountCatalog
from application.catalog.catalog_changes import CatalogChangeHandler
from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.freshness import CatalogFreshness
from application.catalog.public_limit import PublicCatalogLimit
from application.catalog.public_renderer import PublicCatalogRenderer
from application.catalog.service_presence import ServicePresenceReader
from application.eligibility.eligibility_changes import EligibilityChangeHandler
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.eligibility.get_eligibility import GetEligibility
from application.eligibility.request_internet_check import RequestInternetCheck
from application.ports.account_locks import AccountLocks
from application.ports.billing.services import BillingServices
from application.ports.cache import Cache
from application.ports.catalog_source import CatalogSource
from application.ports.change_handlers import ChangeHandler
from application.ports.change_stream import ChangeStream
from application.ports.channel_leases import ChannelLeases
from application.ports.clock import Clock
from application.ports.eligibility_records import EligibilityRecords
from application.ports.eligibility_requests import EligibilityRequests
from application.ports.processed_events import ProcessedEvents
from application.ports.rate_limiter import RateRule
from application.ports.read_model_store import ReadModelStore
from application.ports.stream_positions import StreamPositions
from application.ports.stream_status import StreamStatusBoard
from application.read_models.live_gate import LiveReadGate
from application.read_models.status import ReportsStatus
from entrypoints.settings import Settings


class CatalogProvider(Provider):
    scope = Scope.APP

    # The public documents' wire format is the HTTP side's: the processes that build catalog snapshots (the API,
    # the consumer) give the container a provider for it; one that never builds them (the worker) need not.
    renderer = from_context(provides=PublicCatalogRenderer, scope=Scope.APP)

    @provide
    def salesforce_gate(self, settings: Settings) -> LiveReadGate:
        return LiveReadGate(
            "salesforce",
            limit=settings.catalog_live_reads_per_process,
            wait_seconds=settings.catalog_live_read_wait_seconds,
        )

    @provide(provides=AnyOf[CatalogReadModel, ReportsStatus])
    def catalog(
        self,
        settings: Settings,
        store: ReadModelStore,
        source: CatalogSource,
        renderer: PublicCatalogRenderer,
        gate: LiveReadGate,
        clock: Clock,
    ) -> CatalogReadModel:
        return CatalogReadModel(
            store, source, renderer, gate, clock, safety_ttl_seconds=settings.catalog_safety_ttl_hours * 3600
        )

    @provide
    def freshness(self, store: ReadModelStore, catalog: CatalogReadModel) -> CatalogFreshness:
        """Not started here: the API starts it with its lifespan (no other process serves from its own copy)."""
        return CatalogFreshness(store, catalog)

    @provide(provides=AnyOf[EligibilityReadModel, ReportsStatus])
    def eligibility(
        self, store: ReadModelStore, records: EligibilityRecords, gate: LiveReadGate
    ) -> EligibilityReadModel:
        return EligibilityReadModel(store, records, gate)

    @provide
    def presence(self, services: BillingServices, cache: Cache) -> ServicePresenceReader:
        return ServicePresenceReader(services, cache)

    account_catalog = provide(GetAccountCatalog)
    get_eligibility = provide(GetEligibility)

    @provide
    def request_internet_check(
        self, requests: EligibilityRequests, locks: AccountLocks, eligibility: EligibilityReadModel
    ) -> RequestInternetCheck:
        return RequestInternetCheck(requests, locks, eligibility)

    @provide(provides=AnyOf[CatalogChangeHandler, ChangeHandler])
    async def catalog_changes(
        self, store: ReadModelStore, catalog: CatalogReadModel
    ) -> AsyncIterator[CatalogChangeHandler]:
        # Resolving starts nothing; a rebuild runs only once an event asked for one. The finaliser cancels that
        # rebuild with the handler that owns it, as closing a client ends its connections.
        handler = CatalogChangeHandler(store, catalog)
        yield handler
        await handler.warmer.cancel()

    @provide(provides=AnyOf[EligibilityChangeHandler, ChangeHandler])
    def eligibility_changes(self, eligibility: EligibilityReadModel) -> EligibilityChangeHandler:
        return EligibilityChangeHandler(eligibility)


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
    def leases(self, redis: Redis) -> ChannelLeases:
        return RedisChannelLeases(redis)

    @provide
    def processed(self, redis: Redis) -> ProcessedEvents:
        return RedisProcessedEvents(redis)

    @provide
    def board(self, redis: Redis) -> StreamStatusBoard:
        return RedisStreamStatusBoard(redis)

    @provide
    def store(self, redis: Redis) -> ReadModelStore:
        return RedisReadModelStore(redis)

    @provide
    def locks(self, redis: Redis) -> AccountLocks:
        return RedisAccountLocks(redis)

    @provide
    def public_limit(self, settings: Settings, redis: Redis) -> PublicCatalogLimit:
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
    def store(self, clock: Clock) -> ReadModelStore:
        return InMemoryReadModelStore(clock)

    @provide
    def locks(self) -> AccountLocks:
        return InMemoryAccountLocks()

    @provide
    def public_limit(self, settings: Settings) -> PublicCatalogLimit:
        return PublicCatalogLimit(LimitsRateLimiter.in_memory(), _public_rule(settings))
