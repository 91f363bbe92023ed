"""The SIM use cases wired as the composition root wires them, on twins (the demo world) and a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.cache import InMemoryCache
from adapters.memory.cancellations import InMemoryCancellationRecords
from adapters.memory.clock import FrozenClock
from adapters.memory.crm_cases import InMemoryCaseDesk
from adapters.memory.crm_catalog import InMemoryCatalogSource
from adapters.memory.eid_records import InMemoryEidRecords
from adapters.memory.plan_change_records import InMemoryPlanChangeRecords
from adapters.memory.replacement_records import InMemoryReplacementRecords
from adapters.memory.sim_inventory import InMemorySimInventory
from adapters.memory.sim_provisioner import InMemorySimProvisioner
from adapters.memory.top_up_queue import InMemoryTopUpQueue
from adapters.memory.top_up_records import InMemoryTopUpRecords
from application.billing.cached_reads import CachedReads
from application.catalog.account_catalog import AccountInternetCatalog, AccountSimCatalog
from application.catalog.grouping import group_catalog
from application.catalog.views import VpnCatalog
from application.identity.linked_customer import LinkedCustomer
from application.ports.notifications import NotificationDraft
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
from application.sims.run_top_up import RunOutcome, RunTopUp
from application.sims.schedule_plan_change import SchedulePlanChange
from application.sims.sim_lines import SimLines
from application.sims.sweep_top_ups import SweepTopUps
from application.sims.top_up_policy import TopUpPolicy
from domain.catalog.offers import is_active, is_sim_service
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import HANAKO_SIM_SERVICE_ID, seed_state
from sandbox.whmcs.snapshot import snapshot
from tests.unit.catalog.world import demo_crm
from tests.unit.orders.world import Crash, Crashing, demo_stock
from tests.unit.support.world import HANAKO, KENJI, support_crm

START = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
HANAKO_SIM = HANAKO_SIM_SERVICE_ID
HANAKO_INTERNET = 1
HANAKO_MSISDN = "08012345678"


class RecordedNotifications:
    """The notification port as the store behaves: one per (account, kind, source)."""

    def __init__(self) -> None:
        self.drafts: list[NotificationDraft] = []

    async def record(self, draft: NotificationDraft) -> bool:
        if any((d.sf_account_id, d.kind, d.source_id) == (draft.sf_account_id, draft.kind, draft.source_id)
               for d in self.drafts):  # fmt: skip
            return False
        self.drafts.append(draft)
        return True


class SeededSimCatalog:
    """The account catalog's SIM rules on the demo world's price book: family plans for customers with an active
    SIM (what `GetAccountCatalog` answers, without its read models)."""

    def __init__(self, source: InMemoryCatalogSource, billing: InMemoryBilling) -> None:
        self._source = source
        self._billing = billing

    async def execute(
        self, customer: LinkedCustomer, family: str
    ) -> AccountInternetCatalog | AccountSimCatalog | VpnCatalog:
        assert family == "sim"
        sim = group_catalog(await self._source.list_portal_entries()).sim
        services = await self._billing.services.list_services(customer.whmcs_client_id)
        has_sim = any(is_sim_service(s.name, s.group_name) and is_active(s.status) for s in services)
        return AccountSimCatalog(
            has_active_sim_service=has_sim,
            plans=sim.plans,
            family_plans=sim.family_plans if has_sim else (),
            activation_fee=sim.activation_fee,
            addons=sim.addons,
        )


class SimWorld:
    def __init__(self) -> None:
        self.clock = FrozenClock(START)
        whmcs = WhmcsState(self.clock)
        seed_state(whmcs)
        self.billing = InMemoryBilling.from_snapshot(snapshot(whmcs), clock=self.clock)
        self.sims = InMemorySimProvisioner(self.clock, completion_delay_seconds=120)
        self.cache = InMemoryCache(self.clock)
        self.reads = CachedReads(self.cache, self.clock)
        self.hanako: LinkedCustomer = HANAKO
        self.kenji: LinkedCustomer = KENJI
        self.crm = support_crm()
        self.cases = InMemoryCaseDesk(self.crm)
        self.records = InMemoryTopUpRecords()
        self.plan_changes = InMemoryPlanChangeRecords()
        self.eid_jobs = InMemoryEidRecords()
        self.replacements = InMemoryReplacementRecords()
        self.inventory = InMemorySimInventory(demo_stock())
        self.crm_data, _ = demo_crm(self.clock)
        self.catalog_source = InMemoryCatalogSource(self.crm_data)
        self.queue = InMemoryTopUpQueue()
        self.notifications = RecordedNotifications()
        self.policy = TopUpPolicy()
        self.crashes: list[Crash] = []
        self.cancellations = InMemoryCancellationRecords()

    def lines(self) -> SimLines:
        return SimLines(self.billing.services, self.sims, self.reads, self.clock)

    def get_sim(self) -> GetSimDetails:
        return GetSimDetails(self.lines(), self.plan_changes, self.replacements, self.clock)

    def get_usage(self) -> GetSimUsage:
        return GetSimUsage(self.lines(), self.sims, self.reads, self.clock)

    def gate(self) -> LineChangeGate:
        return LineChangeGate(self.lines(), self.sims, (self.plan_changes, self.cancellations, self.replacements))

    def change_voice_options(self) -> ChangeVoiceOptions:
        return ChangeVoiceOptions(self.gate(), self.sims, self.get_sim())

    def change_network_type(self) -> ChangeNetworkType:
        return ChangeNetworkType(self.gate(), self.sims, self.get_sim())

    def reissue_esim(self) -> ReissueEsim:
        return ReissueEsim(self.gate(), self.sims, self.get_sim(), self.eid_jobs)

    def schedule_plan_change(self) -> SchedulePlanChange:
        offers = PlanOffers(SeededSimCatalog(self.catalog_source, self.billing), self.catalog_source)
        return SchedulePlanChange(self.gate(), offers, self.plan_changes, self.clock)

    def cancel_plan_change(self) -> CancelPlanChange:
        return CancelPlanChange(self.lines(), self.plan_changes, self.clock)

    def apply_plan_change(self) -> ApplyPlanChange:
        def crashing(port: Any) -> Any:
            return Crashing(port, self.crashes)

        return ApplyPlanChange(
            crashing(self.plan_changes),
            crashing(self.sims),
            crashing(self.sims),
            crashing(self.billing.services),
            crashing(self.billing.service_products),
            crashing(self.cases),
            self.reads,
            self.clock,
        )

    def record_reissued_eid(self) -> RecordReissuedEid:
        def crashing(port: Any) -> Any:
            return Crashing(port, self.crashes)

        return RecordReissuedEid(
            crashing(self.sims), crashing(self.billing.services), crashing(self.billing.service_fields)
        )

    def request_replacement(self) -> RequestSimReplacement:
        return RequestSimReplacement(self.gate(), self.replacements, self.clock)

    def activate_replacement(self) -> ActivateReplacementCard:
        return ActivateReplacementCard(self.lines(), self.replacements, self.clock)

    def run_replacement(self) -> RunSimReplacement:
        def crashing(port: Any) -> Any:
            return Crashing(port, self.crashes)

        return RunSimReplacement(
            crashing(self.replacements),
            crashing(self.inventory),
            crashing(self.cases),
            crashing(self.sims),
            crashing(self.sims),
            crashing(self.billing.services),
            crashing(self.billing.service_fields),
            self.reads,
            self.clock,
        )

    def run_replacements(self) -> RunSimReplacements:
        return RunSimReplacements(self.replacements, self.run_replacement())

    def apply_due_plan_changes(self) -> ApplyDuePlanChanges:
        return ApplyDuePlanChanges(self.plan_changes, self.apply_plan_change(), self.clock)

    def request_top_up(self) -> RequestTopUp:
        return RequestTopUp(self.lines(), self.records, self.queue, self.clock, self.policy)

    def get_top_up(self) -> GetTopUp:
        return GetTopUp(self.records)

    def sweep(self) -> SweepTopUps:
        return SweepTopUps(self.records, self.queue, self.clock, self.policy)

    def run_top_up(self) -> RunTopUp:
        def crashing(port: Any) -> Any:
            return Crashing(port, self.crashes)

        return RunTopUp(
            crashing(self.records),
            crashing(self.billing.charges),
            crashing(self.billing.credits),
            crashing(self.sims),
            crashing(self.cases),
            self.notifications,
            self.queue,
            self.reads,
            self.clock,
            self.policy,
        )

    async def run_jobs(self, *, max_runs: int = 20) -> list[RunOutcome]:
        """The worker: every queued job, waiting out delayed ones."""
        outcomes = []
        for _ in range(max_runs):
            jobs = self.queue.take()
            if not jobs:
                break
            for job in jobs:
                if job.delay_seconds:
                    self.clock.advance(job.delay_seconds)
                outcomes.append(await self.run_top_up().execute(job.top_up_id))
        return outcomes

    # -- what the tests count -----------------------------------------------------------------------------

    def invoices_for(self, top_up_id: str) -> list[Any]:
        return [i for i in self.billing.world.invoices.values() if top_up_id in i.notes]

    def payments_for(self, top_up_id: str) -> int:
        """Money taken for the top-up: payment transactions on its invoice(s)."""
        return sum(len(invoice.transactions) for invoice in self.invoices_for(top_up_id))

    def credits_for(self, top_up_id: str) -> int:
        return sum(1 for _, _, text in self.billing.world.credits if top_up_id in text)

    def cases_for(self, top_up_id: str) -> int:
        return sum(1 for case in self.crm.cases.values() if case.request_key and top_up_id in case.request_key)

    def quota_adds(self) -> int:
        return self.sims.quota_adds(HANAKO_MSISDN)
