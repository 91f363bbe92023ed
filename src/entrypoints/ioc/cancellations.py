"""Service cancellation (Internet and SIM): its use cases, policy, CRM and billing roles, and stores."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide
from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.cancellations import InMemoryCancellationQueue, InMemoryCancellationRecords
from adapters.postgres.cancellations import PostgresCancellationRecords
from adapters.procrastinate.cancellation_queue import ProcrastinateCancellationQueue
from adapters.procrastinate.connector import procrastinate_connector
from adapters.salesforce.cancellation_records import SalesforceCancellationRecords
from adapters.salesforce.crm import SalesforceCrm
from adapters.whmcs.billing import WhmcsBilling
from application.billing.cached_reads import CachedReads
from application.cancellations.get_cancellation import GetCancellation
from application.cancellations.policy import CancellationPolicy
from application.cancellations.request_cancellation import RequestCancellation
from application.cancellations.run_cancellation import RunCancellation
from application.cancellations.scheduled_cancellation import ScheduledCancellation
from application.cancellations.services import CancellableServices
from application.cancellations.sweep_cancellations import SweepCancellations
from application.cancellations.withdraw_cancellation import WithdrawCancellation
from application.mail.mailer import Mailer
from application.ports.billing.cancel_requests import BillingCancelRequests
from application.ports.cancellation_queue import CancellationQueue
from application.ports.cancellation_records import CancellationRecords
from application.ports.case_desk import CaseDesk
from application.ports.clock import Clock
from application.ports.crm_cancellations import CancellationCrmRecords
from application.ports.notifications import NotificationRecorder
from application.ports.sim_provisioner import SimProvisioner
from entrypoints.settings import Settings


class CancellationsProvider(Provider):
    scope = Scope.APP

    @provide
    def policy(self, settings: Settings) -> CancellationPolicy:
        return CancellationPolicy(
            cutoff_day=settings.cancellation_cutoff_day, months_offered=settings.cancellation_months_offered
        )

    @provide
    def crm_records(self, crm: SalesforceCrm, settings: Settings) -> CancellationCrmRecords:
        return SalesforceCancellationRecords(crm.client, settings.salesforce_sim_cancellation_date_field)

    @provide
    def cancel_requests(self, whmcs: WhmcsBilling) -> BillingCancelRequests:
        return whmcs.cancel_requests


class CancellationUseCases(Provider):
    scope = Scope.REQUEST
    services = provide(CancellableServices)
    request_cancellation = provide(RequestCancellation)
    withdraw_cancellation = provide(WithdrawCancellation)
    get_cancellation = provide(GetCancellation)
    sweep_cancellations = provide(SweepCancellations)
    scheduled_cancellation = provide(ScheduledCancellation)

    @provide
    def run_cancellation(
        self,
        records: CancellationRecords,
        crm: CancellationCrmRecords,
        cases: CaseDesk,
        billing: BillingCancelRequests,
        sims: SimProvisioner,
        notifications: NotificationRecorder,
        mailer: Mailer,
        queue: CancellationQueue,
        reads: CachedReads,
        clock: Clock,
        policy: CancellationPolicy,
    ) -> RunCancellation:
        return RunCancellation(records, crm, cases, billing, sims, notifications, mailer, queue, reads, clock, policy)


class PostgresCancellationStoresProvider(Provider):
    scope = Scope.APP

    @provide
    def records(self, engine: AsyncEngine) -> CancellationRecords:
        return PostgresCancellationRecords(engine)

    @provide
    async def queue(self, settings: Settings) -> AsyncIterator[CancellationQueue]:
        # A bare app that defers by task name, opened on first use (see the orders' queue for why).
        app = App(connector=procrastinate_connector(settings.database_url.reveal()))
        async with app.open_async():
            yield ProcrastinateCancellationQueue(app)


class InMemoryCancellationStoresProvider(Provider):
    scope = Scope.APP
    records = provide(InMemoryCancellationRecords, provides=CancellationRecords)
    queue = provide(InMemoryCancellationQueue, provides=CancellationQueue)
