"""SIM self-management: the caller's SIMs, their usage and data top-ups (the saga run by `portal worker`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide
from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.eid_records import InMemoryEidRecords
from adapters.memory.plan_change_records import InMemoryPlanChangeRecords
from adapters.memory.replacement_records import InMemoryReplacementRecords
from adapters.memory.top_up_queue import InMemoryTopUpQueue
from adapters.memory.top_up_records import InMemoryTopUpRecords
from adapters.postgres.plan_changes import PostgresPlanChangeRecords
from adapters.postgres.replacements import PostgresReplacementRecords
from adapters.postgres.top_ups import PostgresTopUpRecords
from adapters.procrastinate.connector import procrastinate_connector
from adapters.procrastinate.eid_records import ProcrastinateEidRecords
from adapters.procrastinate.top_up_queue import ProcrastinateTopUpQueue
from application.billing.cached_reads import CachedReads
from application.catalog.account_catalog import GetAccountCatalog
from application.ports.billing.charges import InvoiceCharges
from application.ports.billing.credits import AccountCredits
from application.ports.cancellation_records import CancellationRecords
from application.ports.case_desk import CaseDesk
from application.ports.catalog_source import CatalogSource
from application.ports.clock import Clock
from application.ports.eid_records import EidRecords
from application.ports.notifications import NotificationRecorder
from application.ports.plan_change_records import PlanChangeRecords
from application.ports.replacement_records import ReplacementRecords
from application.ports.sim_provisioner import SimProvisioner
from application.ports.top_up_queue import TopUpQueue
from application.ports.top_up_records import TopUpRecords
from application.sims.activate_replacement_card import ActivateReplacementCard
from application.sims.apply_due_plan_changes import ApplyDuePlanChanges
from application.sims.apply_plan_change import ApplyPlanChange
from application.sims.cancel_plan_change import CancelPlanChange
from application.sims.change_network_type import ChangeNetworkType
from application.sims.change_voice_options import ChangeVoiceOptions
from application.sims.get_sim_details import GetSimDetails
from application.sims.get_sim_usage import GetSimUsage
from application.sims.get_top_up import GetTopUp
from application.sims.line_change_gate import LineChangeGate
from application.sims.plan_offers import PlanOffers
from application.sims.record_reissued_eid import RecordReissuedEid
from application.sims.reissue_esim import ReissueEsim
from application.sims.request_sim_replacement import RequestSimReplacement
from application.sims.request_top_up import RequestTopUp
from application.sims.run_sim_replacement import RunSimReplacement
from application.sims.run_sim_replacements import RunSimReplacements
from application.sims.run_top_up import RunTopUp
from application.sims.schedule_plan_change import SchedulePlanChange
from application.sims.sim_lines import SimLines
from application.sims.sweep_top_ups import SweepTopUps
from application.sims.top_up_policy import TopUpPolicy
from entrypoints.settings import Settings


class SimUseCases(Provider):
    scope = Scope.REQUEST
    lines = provide(SimLines)
    schedule_plan_change = provide(SchedulePlanChange)
    cancel_plan_change = provide(CancelPlanChange)
    apply_plan_change = provide(ApplyPlanChange)
    apply_due_plan_changes = provide(ApplyDuePlanChanges)
    record_reissued_eid = provide(RecordReissuedEid)
    request_sim_replacement = provide(RequestSimReplacement)
    activate_replacement_card = provide(ActivateReplacementCard)
    run_sim_replacement = provide(RunSimReplacement)
    run_sim_replacements = provide(RunSimReplacements)

    @provide
    def plan_offers(self, catalog: GetAccountCatalog, source: CatalogSource) -> PlanOffers:
        return PlanOffers(catalog, source)

    @provide
    def line_change_gate(
        self,
        lines: SimLines,
        sims: SimProvisioner,
        plan_changes: PlanChangeRecords,
        cancellations: CancellationRecords,
        replacements: ReplacementRecords,
    ) -> LineChangeGate:
        # Every change the portal holds for a line (until its day, or until a new card arrives) blocks the others.
        return LineChangeGate(lines, sims, (plan_changes, cancellations, replacements))

    get_sim_details = provide(GetSimDetails)
    get_sim_usage = provide(GetSimUsage)
    request_top_up = provide(RequestTopUp)
    get_top_up = provide(GetTopUp)
    sweep_top_ups = provide(SweepTopUps)
    change_voice_options = provide(ChangeVoiceOptions)
    change_network_type = provide(ChangeNetworkType)
    reissue_esim = provide(ReissueEsim)

    @provide(scope=Scope.APP)
    def top_up_policy(self) -> TopUpPolicy:
        return TopUpPolicy()

    @provide
    def run_top_up(
        self,
        records: TopUpRecords,
        charges: InvoiceCharges,
        credits: AccountCredits,
        sims: SimProvisioner,
        cases: CaseDesk,
        queue: TopUpQueue,
        reads: CachedReads,
        clock: Clock,
        policy: TopUpPolicy,
        notifications: NotificationRecorder,
    ) -> RunTopUp:
        return RunTopUp(records, charges, credits, sims, cases, notifications, queue, reads, clock, policy)


class PostgresSimStoresProvider(Provider):
    scope = Scope.APP

    @provide
    def top_ups(self, engine: AsyncEngine) -> TopUpRecords:
        return PostgresTopUpRecords(engine)

    @provide
    def plan_changes(self, engine: AsyncEngine) -> PlanChangeRecords:
        return PostgresPlanChangeRecords(engine)

    @provide
    def replacements(self, engine: AsyncEngine) -> ReplacementRecords:
        return PostgresReplacementRecords(engine)

    @provide
    async def top_up_queue(self, settings: Settings) -> AsyncIterator[TopUpQueue]:
        # A bare app that defers by task name, opened on first use (see the orders' queue for why).
        app = App(connector=procrastinate_connector(settings.database_url.reveal()))
        async with app.open_async():
            yield ProcrastinateTopUpQueue(app)

    @provide
    async def eid_records(self, settings: Settings) -> AsyncIterator[EidRecords]:
        app = App(connector=procrastinate_connector(settings.database_url.reveal()))
        async with app.open_async():
            yield ProcrastinateEidRecords(app)


class InMemorySimStoresProvider(Provider):
    scope = Scope.APP
    top_ups = provide(InMemoryTopUpRecords, provides=TopUpRecords)
    top_up_queue = provide(InMemoryTopUpQueue, provides=TopUpQueue)
    plan_changes = provide(InMemoryPlanChangeRecords, provides=PlanChangeRecords)
    eid_records = provide(InMemoryEidRecords, provides=EidRecords)
    replacements = provide(InMemoryReplacementRecords, provides=ReplacementRecords)
