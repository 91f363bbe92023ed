"""Checkout, the orders read model, the order change handler and the fulfilment saga."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import AnyOf, Provider, Scope, provide
from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.fulfilment_queue import InMemoryFulfilmentQueue
from adapters.memory.fulfilment_records import InMemoryFulfilmentRecords
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.port_in_details import InMemoryPortInDetails
from adapters.memory.sim_inventory import InMemorySimInventory
from adapters.postgres.fulfilments import PostgresFulfilmentRecords
from adapters.postgres.idempotency import PostgresIdempotencyStore
from adapters.postgres.port_in_holders import PostgresPortInDetails
from adapters.postgres.sim_inventory import PostgresSimInventory
from adapters.postgres.sim_quarantine import PostgresSimQuarantine
from adapters.procrastinate.connector import procrastinate_connector
from adapters.procrastinate.fulfilment_queue import ProcrastinateFulfilmentQueue
from application.idempotent_requests import IdempotencyPolicy, IdempotentRequests
from application.orders.customer_facts import CustomerFactsReader
from application.orders.fulfilment.billing_steps import BillingSteps
from application.orders.fulfilment.fulfil_order import FulfilOrder
from application.orders.fulfilment.opportunity_steps import OpportunitySteps
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.orders.fulfilment.sim_steps import SimSteps
from application.orders.fulfilment.sweep import SweepFulfilments
from application.orders.fulfilment.trigger import FulfilmentTrigger
from application.orders.fulfilment.write_back import WriteBack
from application.orders.order_events import OrderChangeHandler
from application.orders.place_order import PlaceOrder
from application.orders.purge_idempotency_keys import PurgeIdempotencyKeys
from application.orders.purge_port_in_holders import PurgePortInHolders
from application.orders.queries import GetOrder, ListOrders
from application.orders.read_model import FAMILY, SAFETY_TTL_SECONDS, OrdersReadModel
from application.ports.change_handlers import ChangeHandler
from application.ports.clock import Clock
from application.ports.fulfilment_overview import FulfilmentOverview
from application.ports.fulfilment_queue import FulfilmentQueue
from application.ports.fulfilment_records import FulfilmentRecords
from application.ports.idempotency import IdempotencyStore
from application.ports.live_events import LiveFeed
from application.ports.notifications import NotificationRecorder
from application.ports.order_desk import OrderDesk
from application.ports.port_in_details import PortInDetails
from application.ports.read_model_store import ReadModelStore
from application.ports.sim_inventory import SimInventory
from application.ports.sim_quarantine import SimQuarantine
from application.read_models.live_gate import LiveReadGate
from application.read_models.status import ReportsStatus
from application.read_models.versioned import VersionedReadModel
from entrypoints.settings import Settings


class OrdersProvider(Provider):
    @provide(scope=Scope.APP)
    def fulfilment_policy(self, settings: Settings) -> FulfilmentPolicy:
        return settings.fulfilment_policy()

    @provide(scope=Scope.APP)
    def idempotency_policy(self) -> IdempotencyPolicy:
        return IdempotencyPolicy()

    @provide(scope=Scope.APP, provides=AnyOf[OrdersReadModel, ReportsStatus])
    def read_model(self, store: ReadModelStore, gate: LiveReadGate, orders: OrderDesk) -> OrdersReadModel:
        # One per process: it holds the fills that concurrent requests share.
        model = VersionedReadModel(store, FAMILY, gate=gate, ttl_seconds=SAFETY_TTL_SECONDS)
        return OrdersReadModel(store, model, orders)

    trigger = provide(FulfilmentTrigger, scope=Scope.APP)

    @provide(scope=Scope.APP, provides=AnyOf[OrderChangeHandler, ChangeHandler])
    def order_changes(
        self,
        settings: Settings,
        orders: OrderDesk,
        read_model: OrdersReadModel,
        trigger: FulfilmentTrigger,
        queue: FulfilmentQueue,
        notifications: NotificationRecorder,
        live: LiveFeed,
    ) -> OrderChangeHandler:
        own = settings.salesforce().call_options_client
        return OrderChangeHandler(orders, read_model, trigger, queue, notifications, live, own_client=own)


class OrderUseCases(Provider):
    scope = Scope.REQUEST
    idempotent_requests = provide(IdempotentRequests)
    customer_facts = provide(CustomerFactsReader)
    place_order = provide(PlaceOrder)
    list_orders = provide(ListOrders)
    get_order = provide(GetOrder)
    billing_steps = provide(BillingSteps)
    sim_steps = provide(SimSteps)
    write_back = provide(WriteBack)
    opportunity_steps = provide(OpportunitySteps)
    fulfil_order = provide(FulfilOrder)
    sweep_fulfilments = provide(SweepFulfilments)
    purge_idempotency_keys = provide(PurgeIdempotencyKeys)
    purge_port_in_holders = provide(PurgePortInHolders)


class PostgresOrderStoresProvider(Provider):
    scope = Scope.APP

    @provide
    def idempotency(self, engine: AsyncEngine) -> IdempotencyStore:
        return PostgresIdempotencyStore(engine)

    @provide(provides=AnyOf[FulfilmentRecords, FulfilmentOverview])
    def fulfilments(self, engine: AsyncEngine) -> PostgresFulfilmentRecords:
        return PostgresFulfilmentRecords(engine)

    @provide
    def sim_quarantine(self, engine: AsyncEngine, clock: Clock) -> SimQuarantine:
        return PostgresSimQuarantine(engine, clock)

    @provide
    def sim_inventory(self, engine: AsyncEngine, clock: Clock) -> SimInventory:
        return PostgresSimInventory(engine, clock)

    @provide
    def port_ins(self, engine: AsyncEngine, clock: Clock) -> PortInDetails:
        return PostgresPortInDetails(engine, clock)

    @provide
    async def job_app(self, settings: Settings) -> AsyncIterator[App]:
        # Opened on first use only (by whatever enqueues: fulfilment, mail). A bare app that defers by task name:
        # registering the task blueprint a second time in one process would rename the worker's own tasks
        # (procrastinate namespaces the shared Task objects in place).
        app = App(connector=procrastinate_connector(settings.database_url.reveal()))
        async with app.open_async():
            yield app

    @provide
    def queue(self, app: App) -> FulfilmentQueue:
        return ProcrastinateFulfilmentQueue(app)


class InMemoryOrderStoresProvider(Provider):
    scope = Scope.APP
    idempotency = provide(InMemoryIdempotencyStore, provides=IdempotencyStore)
    fulfilments = provide(InMemoryFulfilmentRecords, provides=AnyOf[FulfilmentRecords, FulfilmentOverview])

    @provide(provides=AnyOf[SimInventory, SimQuarantine])
    def sim_inventory(self, clock: Clock) -> InMemorySimInventory:
        return InMemorySimInventory(clock=clock)

    @provide
    def port_ins(self, clock: Clock) -> PortInDetails:
        return InMemoryPortInDetails(clock)

    queue = provide(InMemoryFulfilmentQueue, provides=FulfilmentQueue)
