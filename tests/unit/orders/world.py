"""The orders use cases wired as the composition root wires them, on twins of every port and a frozen clock.

The CRM twin holds the Salesforce demo world (same ids as the emulator's seed), the billing twin the WHMCS one,
the SIM twin Freebit's; the SIM stock is the demo world's cards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.cdc_stores import InMemoryAccountLocks
from adapters.memory.clock import FrozenClock
from adapters.memory.crm_accounts import InMemoryEligibilityRecords
from adapters.memory.crm_catalog import InMemoryCatalogSource
from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments
from adapters.memory.crm_opportunities import InMemoryOrderOpportunities
from adapters.memory.crm_orders import InMemoryOrderDesk
from adapters.memory.fulfilment_queue import InMemoryFulfilmentQueue
from adapters.memory.fulfilment_records import InMemoryFulfilmentRecords
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.identity_store import InMemoryIdentityStore, InMemoryUnitOfWork
from adapters.memory.live_events import InMemoryLiveEvents
from adapters.memory.notifications import InMemoryNotifications
from adapters.memory.port_in_details import InMemoryPortInDetails
from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.memory.sim_inventory import InMemorySimInventory
from adapters.memory.sim_provisioner import InMemorySimProvisioner
from application.idempotent_requests import IdempotencyPolicy, IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.orders.checkout_command import CartItem, PlaceOrderCommand, SimChoice
from application.orders.customer_facts import CustomerFactsReader
from application.orders.fulfilment.billing_steps import BillingSteps
from application.orders.fulfilment.fulfil_order import FulfilOrder
from application.orders.fulfilment.opportunity_steps import OpportunitySteps
from application.orders.fulfilment.outcome import FulfilmentResult, Outcome
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.orders.fulfilment.sim_steps import SimSteps
from application.orders.fulfilment.sweep import SweepFulfilments
from application.orders.fulfilment.trigger import FulfilmentTrigger
from application.orders.fulfilment.write_back import WriteBack
from application.orders.order_events import OrderChangeHandler
from application.orders.place_order import PlaceOrder
from application.orders.queries import GetOrder, ListOrders
from application.orders.read_model import FAMILY, OrdersReadModel
from application.ports.order_desk import ActivationUpdate, Order
from application.read_models.live_gate import LiveReadGate
from application.read_models.versioned import VersionedReadModel
from application.verification.verification_read_model import VerificationReadModel
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId
from domain.orders.fulfilment import SimCard
from sandbox.freebit.seed import ESIM_MSISDNS, PHYSICAL_SIMS
from sandbox.salesforce.clock import SandboxClock
from sandbox.salesforce.state import SalesforceState
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import seed_state
from sandbox.whmcs.snapshot import snapshot
from tests.contract.salesforce.twin_world import seeded_twin

START = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
OWN_CLIENT = "portal-bff"
EID = "89049032000001000000012345678901"
WHMCS_CLIENTS = {"SH-100001": 1, "SH-100004": 4, "SH-100005": 5, "SH-100006": 6}


def demo_stock() -> list[SimCard]:
    physical = [SimCard(kind="physical", msisdn=s.msisdn, product_number=s.product_number) for s in PHYSICAL_SIMS]
    return physical + [SimCard(kind="esim", msisdn=msisdn) for msisdn in ESIM_MSISDNS]


def sim_order(key: str, *, sim: SimChoice | None = None, skus: tuple[str, ...] = ()) -> PlaceOrderCommand:
    chosen = skus or ("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE")
    return PlaceOrderCommand(
        idempotency_key=key,
        order_type="SIM",
        items=tuple(CartItem(sku=sku) for sku in chosen),
        sim=sim or SimChoice(type="physical"),
    )


class WorkerKilledError(BaseException):
    """Not an Exception: nothing in the saga may catch it, as nothing survives a SIGKILL."""


@dataclass
class Crash:
    """Right after one port call returned (its effect done, nothing after it recorded): kill the worker, or
    lose the answer (`error`). With `before`, `error` is raised instead of the call (a system down, a refusal)."""

    method: str
    error: BaseException | None = None
    armed: bool = True
    before: bool = False


class Crashing:
    """A port whose `crash.method` kills the worker once, after doing its work."""

    def __init__(self, target: Any, crashes: list[Crash]) -> None:
        self._target = target
        self._crashes = crashes

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        armed = [c for c in self._crashes if c.method == name and c.armed]
        if not armed or not callable(attribute):
            return attribute

        async def call(*args: Any, **kwargs: Any) -> Any:
            for crash in armed:
                if crash.armed and crash.before and crash.error is not None:
                    crash.armed = False
                    raise crash.error
            result = await attribute(*args, **kwargs)
            for crash in armed:
                if crash.before:
                    continue
                if crash.armed:
                    crash.armed = False
                    raise crash.error or WorkerKilledError(name)
            return result

        return call


class OrdersWorld:
    def __init__(self, policy: FulfilmentPolicy | None = None) -> None:
        self.clock = FrozenClock(START)
        crm_state = SalesforceState(clock=SandboxClock(START))
        self.ids = crm_state.seed_ids
        self.crm = seeded_twin(crm_state, self.clock)
        whmcs = WhmcsState(self.clock)
        seed_state(whmcs)
        self.billing = InMemoryBilling.from_snapshot(snapshot(whmcs), clock=self.clock)
        self.sims = InMemorySimProvisioner(self.clock, completion_delay_seconds=120)
        self.inventory = InMemorySimInventory(demo_stock())
        self.port_ins = InMemoryPortInDetails(self.clock)
        self.records = InMemoryFulfilmentRecords()
        self.queue = InMemoryFulfilmentQueue()
        self.idempotency_store = InMemoryIdempotencyStore()
        self.store = InMemoryReadModelStore(self.clock)
        self.identity = InMemoryIdentityStore()
        self.orders = InMemoryOrderDesk(self.crm)
        self.catalog = InMemoryCatalogSource(self.crm)
        self.policy = policy or FulfilmentPolicy(sim_poll_seconds=30, sim_activation_timeout_seconds=3600)
        gate = LiveReadGate("salesforce", limit=4, wait_seconds=1)
        model = VersionedReadModel(self.store, FAMILY, gate=gate, ttl_seconds=3600)
        self.read_model = OrdersReadModel(self.store, model, self.orders)
        self.notifications = InMemoryNotifications(self.clock)
        self.opportunities = InMemoryOrderOpportunities(self.crm)
        self.locks = InMemoryAccountLocks()
        self.verification = VerificationReadModel(self.store, InMemoryIdentityDocuments(self.crm), gate)
        self.live = InMemoryLiveEvents()
        self.crashes: list[Crash] = []
        self.customers = {number: self._customer(number) for number in WHMCS_CLIENTS}

    def _customer(self, number: str) -> LinkedCustomer:
        return LinkedCustomer(
            user_id=uuid.uuid4(),
            whmcs_client_id=WHMCS_CLIENTS[number],
            sf_account_id=self.ids.accounts[number],
            sf_contact_id=None,
        )

    async def link_all(self) -> None:
        uow = InMemoryUnitOfWork(self.identity)
        for customer in self.customers.values():
            await uow.links.add(
                AccountLink(
                    user_id=customer.user_id,
                    whmcs_client_id=WhmcsClientId(customer.whmcs_client_id),
                    sf_account_id=SalesforceId.parse(customer.sf_account_id),
                    sf_contact_id=None,
                    created_at=self.clock.now(),
                )
            )
        await uow.commit()

    # -- the use cases, built per call as a request scope builds them ------------------------------------

    def place_order(self) -> PlaceOrder:
        facts = CustomerFactsReader(self.billing.services, self.verification, InMemoryEligibilityRecords(self.crm))
        return PlaceOrder(
            self.catalog,
            self.billing.payment_methods,
            self.billing.clients,
            self.orders,
            facts,
            self.port_ins,
            self.read_model,
            self.clock,
            ReserveOpportunity(self.opportunities, self.locks),
        )

    def idempotent_requests(self, policy: IdempotencyPolicy | None = None) -> IdempotentRequests:
        return IdempotentRequests(self.idempotency_store, self.clock, policy or IdempotencyPolicy())

    def list_orders(self) -> ListOrders:
        return ListOrders(self.read_model)

    def get_order(self) -> GetOrder:
        return GetOrder(self.read_model)

    def trigger(self) -> FulfilmentTrigger:
        return FulfilmentTrigger(self.orders, self.queue, self.policy)

    def handler(self) -> OrderChangeHandler:
        return OrderChangeHandler(
            self.orders,
            self.read_model,
            self.trigger(),
            self.queue,
            self.notifications,
            self.live,
            own_client=OWN_CLIENT,
        )

    def sweep(self) -> SweepFulfilments:
        return SweepFulfilments(self.orders, self.records, self.trigger(), self.clock, self.policy)

    def fulfil(self) -> FulfilOrder:
        crashing: Callable[[Any], Any] = lambda port: Crashing(port, self.crashes)  # noqa: E731
        billing = self.billing
        placing, methods = crashing(billing.orders), crashing(billing.payment_methods)
        services, fields = crashing(billing.services), crashing(billing.service_fields)
        sims, orders = crashing(self.sims), crashing(self.orders)
        records = crashing(self.records)
        return FulfilOrder(
            orders,
            records,
            InMemoryUnitOfWork(self.identity),
            BillingSteps(placing, methods, services),
            SimSteps(sims, self.inventory, self.catalog, self.port_ins),
            WriteBack(services, fields, orders),
            self.read_model,
            self.queue,
            self.clock,
            self.policy,
            self.port_ins,
            self.notifications,
            OpportunitySteps(crashing(self.opportunities), services, fields, self.catalog),
        )

    # -- what agents, Freebit and the worker do ----------------------------------------------------------

    async def approve(self, order_id: str, status: str = "Processed") -> None:
        """The agent's approval and the Flow that sets "Activating" (as the emulator's control API does)."""
        update = ActivationUpdate(status=status, activation_status="Activating", error_code=None, error_message=None)
        await self.orders.update_activation(order_id, update)

    async def run_jobs(self, *, max_runs: int = 50) -> list[FulfilmentResult]:
        """The worker: every queued job, waiting out delayed ones (Freebit finishes while we wait)."""
        results = []
        for _ in range(max_runs):
            jobs = self.queue.take()
            if not jobs:
                break
            for job in jobs:
                if job.delay_seconds:
                    self.clock.advance(job.delay_seconds)
                results.append(await self.fulfil().execute(job.order_id))
        return results

    async def order(self, order_id: str) -> Order:
        return await self.orders.get_order(order_id)

    def whmcs_orders(self, client_id: int) -> int:
        return sum(1 for o in self.billing.world.orders.values() if o.client_id == client_id)

    def freebit_activations(self) -> int:
        return len(self.sims.registrations)

    @staticmethod
    def outcomes(results: list[FulfilmentResult]) -> list[Outcome]:
        return [r.outcome for r in results]
