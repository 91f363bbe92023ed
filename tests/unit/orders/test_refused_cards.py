"""A stock card Freebit definitely refused leaves its order (quarantined when the refusal may blame the card, back
to the end of the stock when it blames something else), so a Reactivate takes another card; a card whose
activation may have been applied never leaves its order."""

from __future__ import annotations

import msgspec
import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import ApplicationError, ConflictError, InvalidInputError, NotFoundError
from application.orders.fulfilment.outcome import Outcome
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.orders.fulfilment.refused_cards import blames_card
from application.ports.sim_models import SimOperation
from domain.orders.fulfilment import FulfilmentState, SimCard, Step
from tests.unit.orders.world import Crash, OrdersWorld, demo_stock, sim_order

HANAKO = "SH-100001"
UNKNOWN_TO_FREEBIT = SimCard(kind="physical", msisdn="07099990001", product_number="ZZ9999999999999")


async def approved(world: OrdersWorld, key: str, *skus: str) -> str:
    view = await world.place_order().execute(world.customers[HANAKO], sim_order(key, skus=skus))
    await world.approve(view.id)
    await world.trigger().consider(view.id)
    return view.id


async def reactivate(world: OrdersWorld, order_id: str) -> None:
    await world.approve(order_id, status="Reactivate")
    assert await world.trigger().consider(order_id)
    await world.run_jobs()


def card_of(world: OrdersWorld, order_id: str) -> str | None:
    return world.inventory.assigned.get(order_id)


async def test_a_card_freebit_does_not_know_is_quarantined_and_the_reactivation_takes_another(
    world: OrdersWorld,
) -> None:
    world.inventory = type(world.inventory)([UNKNOWN_TO_FREEBIT, *demo_stock()])
    order_id = await approved(world, "bad-card")

    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    assert (await world.order(order_id)).activation_error_code == "SIM_ACTIVATION_REJECTED"
    assert card_of(world, order_id) is None
    reason = world.inventory.quarantined[UNKNOWN_TO_FREEBIT.msisdn]
    assert order_id in reason
    assert "300-302" in reason  # Freebit's own words, for the staff who examine it
    record = world.records.records[order_id]
    assert (record.sim, record.sim_attempted, record.step) == (None, False, Step.BILLING_ORDER_ACCEPTED)

    await reactivate(world, order_id)

    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Activated", None)
    record = world.records.records[order_id]
    assert record.sim is not None
    assert record.sim.msisdn != UNKNOWN_TO_FREEBIT.msisdn
    assert card_of(world, order_id) == record.sim.msisdn
    assert world.freebit_activations() == 1  # the refused call registered nothing
    assert world.whmcs_orders(1) == 2  # Hanako's seeded order and this one: the resume did not bill again
    assert world.billing.world.calls.count("add_order") == 1
    assert UNKNOWN_TO_FREEBIT.msisdn not in world.inventory.assigned.values()  # never handed out again


async def test_a_refusal_of_the_plan_puts_the_card_back_at_the_end_of_the_stock(world: OrdersWorld) -> None:
    plan = next(k for k, e in world.crm.entries.items() if e.sku == "SIM-10GB-VOICE")
    good = world.crm.entries[plan]
    world.crm.entries[plan] = msgspec.structs.replace(good, freebit_plan_code="PNOSUCHPLAN")
    order_id = await approved(world, "bad-plan")

    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    first = next(c.msisdn for c in demo_stock() if c.kind == "physical")
    assert card_of(world, order_id) is None
    assert world.inventory.quarantined == {}
    assert [c.msisdn for c in world.inventory.cards.values() if c.kind == "physical"][-1] == first

    world.crm.entries[plan] = good  # the catalog is put right; an agent re-triggers
    await reactivate(world, order_id)

    assert (await world.order(order_id)).activation_status == "Activated"
    assert card_of(world, order_id) not in (None, first)  # it queues behind the cards that were waiting
    assert world.freebit_activations() == 1


@pytest.mark.parametrize(
    ("why", "code"),
    [
        ("outage", "UPSTREAM_UNAVAILABLE"),
        ("never_finished", "SIM_ACTIVATION_TIMEOUT"),
        ("voice_options_refused", "SIM_ACTIVATION_REJECTED"),
    ],
)
async def test_a_card_whose_activation_may_have_been_applied_stays_with_its_order(
    world: OrdersWorld, why: str, code: str
) -> None:
    skus: tuple[str, ...] = ()
    if why == "outage":  # every answer lost: the saga gives up, not knowing whether Freebit registered it
        world.policy = FulfilmentPolicy(sim_poll_seconds=30, max_transient_failures=2)
        world.sims.faults.arm(SimOperation.ACTIVATE_PHYSICAL, TwinFault.UNAVAILABLE, times=2)
    elif why == "never_finished":  # accepted, not done within the timeout
        world.policy = FulfilmentPolicy(sim_poll_seconds=30, sim_activation_timeout_seconds=60)
    else:  # the line exists; Freebit refuses what comes after
        skus = ("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE", "SIM-ADDON-VOICEMAIL")
        world.crashes.append(Crash("add_voice_options", error=ConflictError("account is locked (Freebit 500-502)")))
    order_id = await approved(world, why, *skus)

    world.queue.take()  # the worker, by hand: the job and the queue's retries of it
    for _ in range(10):
        try:
            result = await world.fulfil().execute(order_id)
        except ApplicationError:
            continue
        if result.outcome is Outcome.STOPPED:
            break
        world.clock.advance(30)
    world.queue.take()  # the polls the saga queued for itself, run above
    record = world.records.records[order_id]
    assert (record.state, record.error_code) == (FulfilmentState.FAILED, code)
    assert record.sim is not None
    assert card_of(world, order_id) == record.sim.msisdn
    assert world.inventory.quarantined == {}

    await reactivate(world, order_id)

    assert (await world.order(order_id)).activation_status == "Activated"
    assert world.records.records[order_id].sim == record.sim
    assert world.freebit_activations() == 1


@pytest.mark.parametrize(
    ("refusal", "card_blamed"),
    [
        (InvalidInputError("planCode is not available (Freebit 400-406)", fields={"plan_code": "x"}), False),
        (InvalidInputError("eid must be 32 digits (Freebit 400-403)", fields={"eid": "x"}), False),
        (InvalidInputError("MNP reservation has expired (Freebit 400-405)", fields={"mnp": "x"}), False),
        (InvalidInputError("not in the SIM inventory (Freebit 300-302)", fields={"product_number": "x"}), True),
        (InvalidInputError("not bound to this account (Freebit 400-413)", fields={"product_number": "x"}), True),
        (InvalidInputError("parameter has an invalid format (Freebit 400-402)"), True),  # which one: unsaid
        (ConflictError("already registered (Freebit 500-501)"), True),
        (ConflictError("no eSIM profile is available (Freebit 300-303)"), True),
        (NotFoundError("account not found (Freebit 300-301)"), True),
    ],
)
def test_only_a_refusal_that_names_something_else_clears_the_card(refusal: ApplicationError, card_blamed: bool) -> None:
    assert blames_card(refusal) is card_blamed
