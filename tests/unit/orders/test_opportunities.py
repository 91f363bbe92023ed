"""The Opportunity lifecycle on orders (§5.3), on twins: found or created under the account's lock ("Introduction"
for an availability check, "Ready" before an order), the order linked to it, and after fulfilment the WHMCS service
written back to it and the Opportunity onto the WHMCS service — each exactly once whatever is killed, down, lost,
refused or delivered twice. Another account's Opportunity is never linked nor written."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping
from typing import Any

import msgspec
import pytest

from application.errors import ApplicationError, InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.orders.checkout_command import CartItem, PlaceOrderCommand
from application.orders.fulfilment.opportunity_steps import OPPORTUNITY_FIELD
from application.orders.fulfilment.outcome import Outcome
from application.ports.order_desk import ActivationUpdate
from domain.errors import DomainError
from domain.orders.fulfilment import FulfilmentState, Step
from tests.unit.orders.world import Crash, OrdersWorld, WorkerKilledError, sim_order

HANAKO, DAICHI = "SH-100001", "SH-100004"


def vpn(key: str, opportunity_id: str | None = None) -> PlaceOrderCommand:
    return PlaceOrderCommand(
        idempotency_key=key,
        order_type="VPN",
        items=(CartItem(sku="VPN-ACTIVATION-FEE"), CartItem(sku="VPN-USA-SF")),  # the plan second: found by class
        opportunity_id=opportunity_id,
    )


class FieldWrites:
    """Every write of the WHMCS service field "OpportunityId", as WHMCS would see it."""

    def __init__(self, world: OrdersWorld, monkeypatch: pytest.MonkeyPatch) -> None:
        self.writes: list[tuple[int, str]] = []
        fields = world.billing.service_fields
        real = fields.update_service_custom_fields
        ids = {
            f.id for p in world.billing.world.products.values() for f in p.custom_fields if f.name == OPPORTUNITY_FIELD
        }

        async def spy(service_id: int, values: Mapping[int, str]) -> None:
            await real(service_id, values)
            self.writes += [(service_id, v) for k, v in values.items() if k in ids]

        monkeypatch.setattr(fields, "update_service_custom_fields", spy)


@pytest.fixture
def field_writes(world: OrdersWorld, monkeypatch: pytest.MonkeyPatch) -> FieldWrites:
    return FieldWrites(world, monkeypatch)


async def place(world: OrdersWorld, number: str, command: PlaceOrderCommand) -> str:
    return (await world.place_order().execute(world.customers[number], command)).id


async def approved(world: OrdersWorld, key: str = "vpn") -> str:
    order_id = await place(world, HANAKO, vpn(key))
    await world.approve(order_id)
    await world.trigger().consider(order_id)
    return order_id


async def refusal(world: OrdersWorld, command: PlaceOrderCommand, number: str = HANAKO) -> str:
    with pytest.raises((ApplicationError, DomainError)) as refused:
        await place(world, number, command)
    return str(getattr(refused.value, "code", ""))


async def assert_written_once(world: OrdersWorld, order_id: str, field_writes: FieldWrites) -> None:
    order = await world.order(order_id)
    assert order.activation_status == "Activated"
    assert order.opportunity_id is not None
    record = world.records.records[order_id]
    assert record.state is FulfilmentState.COMPLETED
    plan = next(item for item in order.items if item.sku == "VPN-USA-SF")
    [service_id] = record.item_services[plan.id]
    service = world.billing.world.services[service_id]
    stored = world.crm.opportunities[order.opportunity_id]
    assert (stored.whmcs_service_id, stored.registration) == (str(service_id), service.registration_date.isoformat())
    assert world.crm.opportunity_writes == [order.opportunity_id]
    assert field_writes.writes == [(service_id, order.opportunity_id)]
    fields = {f.name: f.value for f in (await world.billing.services.get_service(1, service_id)).custom_fields}
    assert fields[OPPORTUNITY_FIELD] == order.opportunity_id


# -- at checkout ----------------------------------------------------------------------------------------------


async def test_an_order_is_linked_to_a_new_ready_opportunity_of_its_service(world: OrdersWorld) -> None:
    view = await world.place_order().execute(world.customers[HANAKO], vpn("first"))
    assert view.opportunity_id is not None
    stored = world.crm.opportunities[view.opportunity_id]
    account = world.customers[HANAKO].sf_account_id
    assert (stored.account_id, stored.stage, stored.product, stored.whmcs_service_id) == (account, "Ready", "VPN", None)
    assert (await world.order(view.id)).opportunity_id == view.opportunity_id


async def test_a_retried_checkout_keeps_its_opportunity_and_a_second_order_gets_its_own(world: OrdersWorld) -> None:
    first = await world.place_order().execute(world.customers[HANAKO], vpn("one"))
    again = await world.place_order().execute(world.customers[HANAKO], vpn("one"))
    other = await world.place_order().execute(world.customers[HANAKO], vpn("two"))
    assert again.id == first.id
    assert again.opportunity_id == first.opportunity_id
    assert other.opportunity_id not in (None, first.opportunity_id)
    assert len([o for o in world.crm.opportunities.values() if o.product == "VPN"]) == 2


async def test_orders_placed_at_once_never_share_an_opportunity(
    world: OrdersWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = world.orders.create_order

    async def slow_crm(order: Any) -> Any:  # the order lands a moment after the Opportunity was chosen
        await asyncio.sleep(0.01)
        return await real(order)

    monkeypatch.setattr(world.orders, "create_order", slow_crm)
    views = await asyncio.gather(
        *(world.place_order().execute(world.customers[HANAKO], vpn(f"together-{n}")) for n in range(4))
    )
    assert len({v.opportunity_id for v in views}) == 4


async def test_an_open_opportunity_of_another_service_is_left_alone(world: OrdersWorld) -> None:
    sim = await world.place_order().execute(world.customers[HANAKO], sim_order("sim"))
    vpn_view = await world.place_order().execute(world.customers[HANAKO], vpn("vpn"))
    assert sim.opportunity_id != vpn_view.opportunity_id
    assert world.crm.opportunities[str(sim.opportunity_id)].product == "SIM"


async def test_the_availability_checks_introduction_opportunity_becomes_ready_for_the_order(
    world: OrdersWorld,
) -> None:
    reserve = ReserveOpportunity(world.opportunities, world.locks)
    account = world.customers[HANAKO].sf_account_id
    async with reserve.reserve(account, "VPN", "Introduction") as introduced:
        assert introduced.created
    async with reserve.reserve(account, "VPN", "Introduction") as again:  # a second check: the same, unmoved
        assert (again.id, again.created) == (introduced.id, False)
    assert world.crm.opportunities[introduced.id].stage == "Introduction"

    view = await world.place_order().execute(world.customers[HANAKO], vpn("after-check"))

    assert view.opportunity_id == introduced.id
    assert world.crm.opportunities[introduced.id].stage == "Ready"
    async with reserve.reserve(account, "VPN", "Introduction") as later:  # never moved back, never shared
        assert later.created


async def test_the_customer_may_name_their_own_open_opportunity(world: OrdersWorld) -> None:
    account = world.customers[HANAKO].sf_account_id
    named = await world.opportunities.create(account, "VPN", "Introduction")
    view = await world.place_order().execute(world.customers[HANAKO], vpn("named", named))
    assert view.opportunity_id == named
    assert world.crm.opportunities[named].stage == "Ready"


async def test_another_accounts_opportunity_is_refused_exactly_like_an_unknown_one_and_changes_nothing(
    world: OrdersWorld,
) -> None:
    daichis = world.ids.opportunities[DAICHI]  # Daichi's "Introduction" Internet opportunity in the demo world
    before = dataclasses.asdict(world.crm.opportunities[daichis])
    vpn_daichi = await world.opportunities.create(world.customers[DAICHI].sf_account_id, "VPN", "Introduction")

    for foreign in (daichis, vpn_daichi, "006RO0000000999ZZZ", "not-an-id"):
        with pytest.raises(DomainError) as refused:
            await place(world, HANAKO, vpn(f"foreign-{foreign}", foreign))
        assert refused.value.code == "OPPORTUNITY_NOT_FOUND"
        assert "opportunityId" in refused.value.fields
        assert str(refused.value) == "No such opportunity."  # the same words for unknown and another's

    assert world.crm.orders == {}
    assert dataclasses.asdict(world.crm.opportunities[daichis]) == before
    assert world.crm.opportunities[vpn_daichi].stage == "Introduction"


async def test_an_opportunity_not_open_for_this_order_is_refused(world: OrdersWorld) -> None:
    account = world.customers[HANAKO].sf_account_id
    sim = await world.opportunities.create(account, "SIM", "Introduction")
    closed = await world.opportunities.create(account, "VPN", "Closed Lost")
    taken = (await world.place_order().execute(world.customers[HANAKO], vpn("taken"))).opportunity_id
    for opportunity in (sim, closed, taken):
        assert await refusal(world, vpn(f"not-open-{opportunity}", opportunity)) == "OPPORTUNITY_NOT_OPEN"
    assert len(world.crm.orders) == 1


async def test_checkout_with_the_crm_down_during_the_find_places_nothing(world: OrdersWorld) -> None:
    real = world.opportunities.open_for

    async def down(*args: Any) -> Any:
        raise UpstreamUnavailableError("salesforce")

    world.opportunities.open_for = down  # type: ignore[method-assign]
    with pytest.raises(UpstreamUnavailableError):
        await place(world, HANAKO, vpn("down"))
    world.opportunities.open_for = real  # type: ignore[method-assign]
    assert world.crm.orders == {}


# -- after fulfilment -----------------------------------------------------------------------------------------


async def test_fulfilment_writes_the_service_to_the_opportunity_and_back_once(
    world: OrdersWorld, field_writes: FieldWrites
) -> None:
    order_id = await approved(world)
    assert world.outcomes(await world.run_jobs()) == [Outcome.COMPLETED]
    await assert_written_once(world, order_id, field_writes)
    history = " ".join(world.records.records[order_id].history)
    assert "opportunity_written" in history
    assert "service_linked" in history


async def test_a_duplicate_event_after_fulfilment_writes_nothing_again(
    world: OrdersWorld, field_writes: FieldWrites
) -> None:
    order_id = await approved(world)
    await world.run_jobs()
    for _ in range(2):
        await world.trigger().consider(order_id)  # the change event delivered again
        await world.fulfil().execute(order_id)  # and its job run again
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)


@pytest.mark.parametrize(
    "method", ["save", "get_service", "record_service", "update_service_custom_fields", "update_activation"]
)
async def test_the_worker_killed_at_any_new_step_resumes_and_writes_once(
    world: OrdersWorld, field_writes: FieldWrites, method: str
) -> None:
    order_id = await approved(world)
    crash = Crash(method)
    if method == "save":  # the mark "about to write the Opportunity": armed once the steps before are recorded
        original = world.records.save

        async def arm_late(record: Any) -> None:
            await original(record)
            if record.done(Step.BILLING_FIELDS_WRITTEN) and not world.crashes:
                world.crashes.append(crash)  # fires on the next save, after it is stored

        world.records.save = arm_late  # type: ignore[method-assign]
    else:
        world.crashes.append(crash)
    with pytest.raises(WorkerKilledError):
        await world.run_jobs()
    assert not crash.armed
    await world.fulfil().execute(order_id)  # the restarted worker: the queue hands the job out again
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)


@pytest.mark.parametrize(
    ("method", "system"),
    [("get", "salesforce"), ("record_service", "salesforce"), ("get_service", "whmcs"),
     ("update_service_custom_fields", "whmcs")],
)  # fmt: skip
async def test_each_upstream_down_at_a_new_step_is_retried_and_writes_once(
    world: OrdersWorld, field_writes: FieldWrites, method: str, system: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = await approved(world)
    if method == "get":  # the fulfilment records have a `get` too: fail the Opportunity's read itself
        real = world.opportunities.get
        failures = [UpstreamUnavailableError(system, "down")]

        async def down_once(opportunity_id: str) -> Any:
            if failures:
                raise failures.pop()
            return await real(opportunity_id)

        monkeypatch.setattr(world.opportunities, "get", down_once)
    else:
        world.crashes.append(Crash(method, error=UpstreamUnavailableError(system, "down"), before=True))
    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    assert world.records.records[order_id].state is FulfilmentState.RUNNING
    await world.fulfil().execute(order_id)  # the queue's retry
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)


@pytest.mark.parametrize("method", ["record_service", "update_service_custom_fields"])
async def test_a_lost_answer_is_looked_up_before_anything_is_written_again(
    world: OrdersWorld, field_writes: FieldWrites, method: str
) -> None:
    order_id = await approved(world)
    world.crashes.append(Crash(method, error=UpstreamUnavailableError("upstream", "timed out")))
    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    record = world.records.records[order_id]
    marked = record.opportunity_attempted if method == "record_service" else record.service_link_attempted
    assert marked  # the mark made before writing
    await world.fulfil().execute(order_id)
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)


@pytest.mark.parametrize(
    ("method", "error", "code"),
    [
        ("record_service", InvalidInputError("FIELD_CUSTOM_VALIDATION_EXCEPTION"), "OPPORTUNITY_REJECTED"),
        ("record_service", NotFoundError("ENTITY_IS_DELETED"), "OPPORTUNITY_REJECTED"),
        ("update_service_custom_fields", InvalidInputError("Invalid custom field"), "SERVICE_LINK_REJECTED"),
    ],
)
async def test_a_refusal_stops_with_its_code_and_a_retrigger_finishes_with_one_write(
    world: OrdersWorld, field_writes: FieldWrites, method: str, error: ApplicationError, code: str
) -> None:
    order_id = await approved(world)
    world.crashes.append(Crash(method, error=error, before=True))
    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", code)
    assert world.records.records[order_id].state is FulfilmentState.FAILED

    await world.approve(order_id, status="Reactivate")  # staff fixed it
    await world.trigger().consider(order_id)
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)
    assert world.billing.world.calls.count("add_order") == 1


async def test_an_order_pointed_at_another_accounts_opportunity_never_writes_to_it(
    world: OrdersWorld, field_writes: FieldWrites
) -> None:
    order_id = await approved(world)
    ours = (await world.order(order_id)).opportunity_id
    daichis = world.ids.opportunities[DAICHI]
    stored = world.crm.orders[order_id]
    stored.order = msgspec.structs.replace(stored.order, opportunity_id=daichis)  # an agent's slip in the org

    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "OPPORTUNITY_FOREIGN")
    assert order.activation_error_message is not None
    assert "another account" in order.activation_error_message
    assert world.crm.opportunities[daichis].whmcs_service_id is None
    assert (world.crm.opportunity_writes, field_writes.writes) == ([], [])
    assert world.records.records[order_id].step is Step.BILLING_FIELDS_WRITTEN

    stored.order = msgspec.structs.replace(stored.order, opportunity_id=ours)  # staff put it right
    await world.orders.update_activation(
        order_id, ActivationUpdate(status="Reactivate", activation_status="Activating")
    )
    await world.trigger().consider(order_id)
    await world.run_jobs()
    await assert_written_once(world, order_id, field_writes)
