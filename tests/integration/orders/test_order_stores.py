"""The orders' Postgres stores and their twins under one contract, plus what only a real database can show:
concurrent claims of one idempotency key, concurrent orders taking SIM cards, the job queue's locks."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.memory.clock import FrozenClock
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
from adapters.procrastinate.fulfilment_queue import FULFIL_TASK, SWEEP_TASK, ProcrastinateFulfilmentQueue
from application.errors import UpstreamUnavailableError
from application.ports.fulfilment_records import FulfilmentRecords
from application.ports.idempotency import IdempotencyStore, RecordedResponse
from application.ports.port_in_details import PortInDetails
from application.ports.sim_inventory import SimInventory
from application.ports.sim_quarantine import SimQuarantine
from domain.orders.fulfilment import Fulfilment, FulfilmentState, SimCard, Step
from domain.orders.sim_request import MnpHolder
from entrypoints.worker.app import build_job_app
from tests.integration.conftest import disposable_engine
from tests.support.app import settings_for_tests

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)
ORDER = "801RO0000000001YAA"
ACCOUNT = "001RO0000000001YAA"


@dataclass
class Stores:
    idempotency: IdempotencyStore
    fulfilments: FulfilmentRecords
    inventory: SimInventory
    port_ins: PortInDetails
    clock: FrozenClock
    quarantine: SimQuarantine


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with disposable_engine(database_url) as engine:
        yield engine


@pytest.fixture(params=["postgres", "twin"])
def stores(request: pytest.FixtureRequest) -> Stores:
    clock = FrozenClock(NOW)
    if request.param == "twin":
        inventory = InMemorySimInventory(clock=clock)
        return Stores(InMemoryIdempotencyStore(), InMemoryFulfilmentRecords(), inventory,
                      InMemoryPortInDetails(clock), clock, inventory)  # fmt: skip
    engine: AsyncEngine = request.getfixturevalue("engine")
    return Stores(PostgresIdempotencyStore(engine), PostgresFulfilmentRecords(engine),
                  PostgresSimInventory(engine, clock), PostgresPortInDetails(engine, clock), clock,
                  PostgresSimQuarantine(engine, clock))  # fmt: skip


async def test_an_idempotency_key_is_claimed_once_and_answers_after(stores: Stores) -> None:
    store = stores.idempotency
    assert await store.claim("user:1", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400) is None
    running = await store.claim("user:1", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400)
    assert running is not None
    assert running.response is None
    answer = RecordedResponse(status=201, body=b"\x00{}", media_type="application/json")
    await store.complete("user:1", "k", answer, now=NOW)

    done = await store.claim("user:1", "k", "other", now=NOW, lease_seconds=60, keep_seconds=86400)
    assert done is not None
    assert (done.request_hash, done.response) == ("hash", answer)
    assert await store.purge_expired(NOW + dt.timedelta(seconds=86399)) == 0
    assert await store.purge_expired(NOW + dt.timedelta(seconds=86400)) == 1
    assert await store.claim("user:1", "k", "other", now=NOW, lease_seconds=60, keep_seconds=86400) is None


async def test_a_key_is_claimed_answered_and_released_within_its_scope_only(stores: Stores) -> None:
    """Another customer's claim of the same key is their own: it never sees, completes or frees mine."""
    store = stores.idempotency
    mine = RecordedResponse(status=201, body=b"mine", media_type="application/json")
    assert await store.claim("user:1", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400) is None
    assert await store.claim("user:2", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400) is None
    await store.complete("user:1", "k", mine, now=NOW)
    theirs = await store.claim("user:2", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400)
    assert theirs is not None
    assert theirs.response is None  # still running, not my answer
    await store.release("user:2", "k")
    again = await store.claim("user:1", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400)
    assert again is not None
    assert again.response == mine
    assert await store.claim("user:2", "k", "other", now=NOW, lease_seconds=60, keep_seconds=86400) is None


async def test_a_dead_claim_is_taken_over_only_with_the_same_body_and_a_released_one_at_once(stores: Stores) -> None:
    store = stores.idempotency
    await store.claim("user:1", "k", "hash", now=NOW, lease_seconds=60, keep_seconds=86400)
    later = NOW + dt.timedelta(seconds=61)
    assert await store.claim("user:1", "k", "other", now=later, lease_seconds=60, keep_seconds=86400) is not None
    assert await store.claim("user:1", "k", "hash", now=later, lease_seconds=60, keep_seconds=86400) is None
    await store.release("user:1", "k")
    assert await store.claim("user:1", "k", "other", now=later, lease_seconds=60, keep_seconds=86400) is None


async def test_fulfilment_records_round_trip_and_begin_only_once(stores: Stores) -> None:
    records = stores.fulfilments
    first = Fulfilment(ORDER, ACCOUNT, FulfilmentState.RUNNING, Step.STARTED, NOW, NOW)
    assert await records.begin(first) == first
    first.complete(Step.BILLING_ORDER_PLACED, NOW + dt.timedelta(seconds=5))
    first.whmcs_order_id, first.item_services = 42, {"802A": [7, 8]}
    first.sim = SimCard(kind="esim", msisdn="07055550001", eid="8" * 32)
    await records.save(first)

    again = await records.begin(Fulfilment(ORDER, ACCOUNT, FulfilmentState.RUNNING, Step.STARTED, NOW, NOW))
    assert again == first
    assert await records.get(ORDER) == first
    assert await records.unfinished(idle_since=NOW) == ()
    assert await records.unfinished(idle_since=NOW + dt.timedelta(seconds=5)) == (ORDER,)


async def test_a_card_goes_to_one_order_and_stays_with_it(stores: Stores) -> None:
    inventory = stores.inventory
    stock = [SimCard(kind="physical", msisdn="07011110001", product_number="AX2025110000001"),
             SimCard(kind="esim", msisdn="07055550001")]  # fmt: skip
    assert await inventory.add_stock(stock) == 2
    assert await inventory.add_stock(stock) == 0

    card = await inventory.assign("801A", "physical")
    assert card == stock[0]
    assert await inventory.assign("801A", "physical") == card
    assert await inventory.assign("801B", "physical") is None
    assert await inventory.assign("801B", "esim") == stock[1]


async def test_a_given_back_card_queues_behind_the_waiting_ones(stores: Stores) -> None:
    inventory = stores.inventory
    first, second, third = (SimCard(kind="physical", msisdn=f"0701111000{n}", product_number=f"AX202511000000{n}")
                            for n in (1, 2, 3))  # fmt: skip
    await inventory.add_stock([first, second, third])
    assert await inventory.assign("801A", "physical") == first
    stores.clock.advance(60)

    assert await inventory.release("801B", first.msisdn) is False  # not B's card: nothing changes
    assert await inventory.release("801A", second.msisdn) is False
    assert await inventory.release("801A", first.msisdn) is True
    assert await inventory.release("801A", first.msisdn) is False  # once

    assert await inventory.assign("801A", "physical") == second  # the same order takes another card
    assert await inventory.assign("801C", "physical") == third
    assert await inventory.assign("801D", "physical") == first  # the given-back card comes last
    assert await inventory.add_stock([first]) == 0


async def test_a_quarantined_card_is_never_assigned_again(stores: Stores) -> None:
    inventory = stores.inventory
    bad, good = SimCard(kind="esim", msisdn="07055550001"), SimCard(kind="esim", msisdn="07055550002")
    await inventory.add_stock([bad, good])
    assert await inventory.assign("801A", "esim") == bad

    assert await inventory.quarantine("801B", bad.msisdn, "not B's card") is False
    assert await inventory.quarantine("801A", bad.msisdn, "Order 801A: no eSIM profile (Freebit 300-303)") is True
    assert await inventory.quarantine("801A", bad.msisdn, "again") is False
    assert await inventory.release("801A", bad.msisdn) is False  # out of stock for good

    assert await inventory.assign("801A", "esim") == good
    assert await inventory.assign("801B", "esim") is None
    assert await inventory.add_stock([bad]) == 0  # adding it again does not bring it back
    assert await inventory.assign("801B", "esim") is None


async def test_a_quarantined_card_is_listed_and_an_operators_restock_puts_it_back_last(stores: Stores) -> None:
    inventory, quarantine = stores.inventory, stores.quarantine
    cards = [SimCard(kind="esim", msisdn=f"0705555000{n}") for n in range(3)]
    await inventory.add_stock(cards)
    assert await inventory.assign("801A", "esim") == cards[0]
    assert await inventory.quarantine("801A", cards[0].msisdn, "Order 801A: no eSIM profile (Freebit 300-303)")
    [listed] = await quarantine.list_quarantined()
    assert (listed.msisdn, listed.kind, listed.quarantined_at, listed.reason) == (
        cards[0].msisdn, "esim", stores.clock.now(), "Order 801A: no eSIM profile (Freebit 300-303)",
    )  # fmt: skip

    stores.clock.advance(60)
    assert await quarantine.restock(cards[0].msisdn, reason="profile re-issued by Freebit") == "restocked"
    assert await quarantine.restock(cards[0].msisdn, reason="again") == "not_quarantined"
    assert await quarantine.restock(cards[1].msisdn, reason="in stock") == "not_quarantined"
    assert await quarantine.restock("07000000000", reason="?") == "unknown"
    assert await quarantine.list_quarantined() == ()
    assert [await inventory.assign(o, "esim") for o in ("801B", "801C", "801D")] == [cards[1], cards[2], cards[0]]


async def test_fulfilments_needing_attention_are_the_idle_unfinished_and_the_stopped(stores: Stores) -> None:
    records, start = stores.fulfilments, stores.clock.now()
    states = {"801A": "running", "801B": "waiting", "801C": "paused", "801D": "failed", "801E": "completed"}
    for minutes, (order, state) in enumerate([*states.items(), ("801F", "running")]):
        record = await records.begin(Fulfilment(order, ACCOUNT, FulfilmentState.RUNNING, Step.STARTED, start, start))
        record.state = FulfilmentState(state)
        record.updated_at = start + dt.timedelta(minutes=minutes if order != "801F" else 300)  # 801F: recent
        await records.save(record)

    found = await records.needing_attention(idle_since=start + dt.timedelta(hours=1))

    assert [r.order_id for r in found] == ["801A", "801B", "801C", "801D"]
    assert [r.order_id for r in await records.needing_attention(idle_since=start, limit=2)] == ["801A", "801C"]


async def test_port_in_holders_are_kept_by_order_key_until_forgotten_or_reaped(stores: Stores) -> None:
    holder = MnpHolder("鈴木", "由紀", "スズキ", "ユキ", "W", dt.date(1992, 8, 20))
    await stores.port_ins.save("po-1", holder)
    assert await stores.port_ins.get("po-1") == holder
    assert await stores.port_ins.get("po-2") is None
    assert await stores.port_ins.forget("po-1") is True
    assert await stores.port_ins.forget("po-1") is False
    assert await stores.port_ins.get("po-1") is None

    await stores.port_ins.save("old", holder)
    stores.clock.advance(3600)
    await stores.port_ins.save("new", holder)
    saved_new = stores.clock.now()
    assert await stores.port_ins.purge_saved_before(saved_new - dt.timedelta(seconds=3600)) == 0
    assert await stores.port_ins.purge_saved_before(saved_new) == 1
    assert (await stores.port_ins.get("old"), await stores.port_ins.get("new")) == (None, holder)


async def test_concurrent_claims_of_one_key_on_postgres_make_exactly_one_winner(engine: AsyncEngine) -> None:
    stores = [PostgresIdempotencyStore(engine) for _ in range(8)]

    outcomes = await asyncio.gather(
        *(s.claim("user:1", "same", "hash", now=NOW, lease_seconds=60, keep_seconds=86400) for s in stores)
    )

    assert sum(1 for o in outcomes if o is None) == 1


async def test_concurrent_orders_never_share_a_card(engine: AsyncEngine) -> None:
    inventory = PostgresSimInventory(engine, FrozenClock(NOW))
    await inventory.add_stock([SimCard(kind="esim", msisdn=f"070555500{n:02d}") for n in range(5)])

    cards = await asyncio.gather(*(inventory.assign(f"801{n}", "esim") for n in range(8)))

    taken = [c.msisdn for c in cards if c is not None]
    assert len(taken) == len(set(taken)) == 5


async def test_an_unreachable_database_is_an_outage() -> None:
    dead = create_async_engine("postgresql+asyncpg://postgres@127.0.0.1:9/none", connect_args={"timeout": 1})
    with pytest.raises(UpstreamUnavailableError):
        await PostgresFulfilmentRecords(dead).get(ORDER)
    await dead.dispose()


@pytest.fixture
async def job_app(database_url: str) -> AsyncIterator[App]:
    app = build_job_app(settings_for_tests(database_url))
    async with app.open_async():
        yield app
    async with App(connector=procrastinate_connector(database_url)).open_async() as cleaner:
        await cleaner.connector.execute_query_async("DELETE FROM procrastinate_jobs")


async def test_one_waiting_job_per_order_and_one_lock_per_account(job_app: App) -> None:
    queue = ProcrastinateFulfilmentQueue(job_app)

    assert await queue.enqueue(ORDER, account_id=ACCOUNT)
    assert not await queue.enqueue(ORDER, account_id=ACCOUNT)  # a second event: nothing added
    assert await queue.enqueue("801RO0000000002YAA", account_id=ACCOUNT, delay_seconds=30)
    await queue.enqueue_sweep()
    await queue.enqueue_sweep()

    jobs = await job_app.job_manager.list_jobs_async()
    fulfil = [j for j in jobs if j.task_name == FULFIL_TASK]
    assert len(fulfil) == 2
    assert {j.lock for j in fulfil} == {f"fulfil-account:{ACCOUNT[:15]}"}
    assert [j.task_kwargs for j in fulfil] == [{"order_id": ORDER}, {"order_id": "801RO0000000002YAA"}]
    assert fulfil[1].scheduled_at is not None
    assert len([j for j in jobs if j.task_name == SWEEP_TASK]) == 1
    assert FULFIL_TASK in job_app.tasks
    assert SWEEP_TASK in job_app.tasks
