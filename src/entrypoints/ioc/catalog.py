"""Catalog and eligibility read models, the account catalog use cases, and their change handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import AnyOf, Provider, Scope, from_context, provide

from application.catalog.account_catalog import GetAccountCatalog
from application.catalog.catalog_changes import CatalogChangeHandler
from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.freshness import CatalogFreshness
from application.catalog.public_renderer import PublicCatalogRenderer
from application.catalog.service_presence import ServicePresenceReader
from application.eligibility.eligibility_changes import EligibilityChangeHandler
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.eligibility.get_eligibility import GetEligibility
from application.eligibility.prospect_intake import ProspectIntake
from application.eligibility.request_internet_check import RequestInternetCheck
from application.eligibility.request_public_check import RequestPublicAvailabilityCheck
from application.mail.mailer import Mailer
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.ports.account_locks import AccountLocks
from application.ports.billing.services import BillingServices
from application.ports.cache import Cache
from application.ports.catalog_source import CatalogSource
from application.ports.change_handlers import ChangeHandler
from application.ports.clock import Clock
from application.ports.eligibility_records import EligibilityRecords
from application.ports.eligibility_requests import EligibilityRequests
from application.ports.identity_documents import IdentityDocuments
from application.ports.live_events import LiveFeed
from application.ports.notifications import NotificationRecorder
from application.ports.read_model_store import ReadModelStore
from application.read_models.live_gate import LiveReadGate
from application.read_models.status import ReportsStatus
from application.verification.get_verification import GetVerification
from application.verification.submit_identity_documents import SubmitIdentityDocuments
from application.verification.verification_outcomes import VerificationOutcomeHandler
from application.verification.verification_read_model import VerificationReadModel
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

    @provide(provides=AnyOf[VerificationReadModel, ReportsStatus])
    def verification(
        self, store: ReadModelStore, documents: IdentityDocuments, gate: LiveReadGate
    ) -> VerificationReadModel:
        return VerificationReadModel(store, documents, gate)

    @provide
    def presence(self, services: BillingServices, cache: Cache) -> ServicePresenceReader:
        return ServicePresenceReader(services, cache)

    account_catalog = provide(GetAccountCatalog)
    get_eligibility = provide(GetEligibility)

    prospect_intake = provide(ProspectIntake)
    submit_identity_documents = provide(SubmitIdentityDocuments)
    get_verification = provide(GetVerification)
    request_public_check = provide(RequestPublicAvailabilityCheck)

    @provide
    def request_internet_check(
        self,
        requests: EligibilityRequests,
        locks: AccountLocks,
        eligibility: EligibilityReadModel,
        opportunities: ReserveOpportunity,
    ) -> RequestInternetCheck:
        return RequestInternetCheck(requests, locks, eligibility, opportunities)

    reserve_opportunity = provide(ReserveOpportunity)

    @provide(provides=AnyOf[CatalogChangeHandler, ChangeHandler])
    async def catalog_changes(
        self, store: ReadModelStore, catalog: CatalogReadModel
    ) -> AsyncIterator[CatalogChangeHandler]:
        # Resolving starts nothing; a rebuild runs only once an event asked for one. The finaliser cancels that
        # rebuild with the handler that owns it, as closing a client ends its connections.
        handler = CatalogChangeHandler(store, catalog)
        yield handler
        await handler.warmer.cancel()

    @provide(provides=AnyOf[VerificationOutcomeHandler, ChangeHandler])
    def verification_outcomes(
        self,
        verification: VerificationReadModel,
        notifications: NotificationRecorder,
        mailer: Mailer,
        settings: Settings,
    ) -> VerificationOutcomeHandler:
        return VerificationOutcomeHandler(verification, notifications, mailer, settings.frontend_url)

    @provide(provides=AnyOf[EligibilityChangeHandler, ChangeHandler])
    def eligibility_changes(
        self,
        eligibility: EligibilityReadModel,
        records: EligibilityRecords,
        notifications: NotificationRecorder,
        live: LiveFeed,
    ) -> EligibilityChangeHandler:
        return EligibilityChangeHandler(eligibility, records, notifications, live)
