"""Physical SIM card replacement on twins, with its fault matrix: one card from stock and one shipping case per
replacement, the line moved to the new card once (the old card working until the new one is active), the new card's
number in billing, whatever is killed, down, lost or duplicated on the way."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import NotFoundError, UpstreamUnavailableError
from application.ports.sim_models import SimOperation, VoiceOptionChange
from application.sims.activate_replacement_card import ReplacementNotShippedError
from application.sims.errors import SimLineBusyError
from application.sims.request_sim_replacement import PhysicalSimRequiredError
from application.sims.run_sim_replacement import ReplacementOutcome, RunSimReplacement
from domain.sims.replacement import CardNumberMismatchError, ReplacementState, ReplacementStep
from tests.unit.orders.world import Crash, WorkerKilledError
from tests.unit.sims.test_plan_change_fault_matrix import Yielding
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, SimWorld

OLD_CARD = "DN2025040000001"  # Hanako's card in the demo world


async def request(world: SimWorld, key: str = "key-1") -> str:
    view = await world.request_replacement().execute(world.hanako, HANAKO_SIM, "lost", key)
    return view.id


def cases(world: SimWorld, replacement_id: str) -> list[object]:
    return [c for c in world.crm.cases.values() if c.request_key and replacement_id in c.request_key]


def swaps(world: SimWorld) -> int:
    return world.sims.changes.count((SimOperation.SWAP_CARD, HANAKO_MSISDN))


def cards_taken(world: SimWorld, replacement_id: str) -> list[str]:
    key = world.replacements.records[replacement_id].stock_key
    held = [msisdn for order, msisdn in world.inventory.assigned.items() if order == key]
    return [world.inventory.cards[msisdn].product_number or "" for msisdn in held]


def serial_in_billing(world: SimWorld) -> str:
    service = world.billing.world.services[HANAKO_SIM]
    field = next(
        f.id for f in world.billing.world.products[service.product_id].custom_fields if f.name == "Serial Number"
    )
    return service.custom_fields.get(field, "")


async def shipped(world: SimWorld) -> str:
    replacement_id = await request(world)
    assert await world.run_replacement().execute(replacement_id) is ReplacementOutcome.WAITING  # for the customer
    return replacement_id


async def activate(world: SimWorld, replacement_id: str) -> None:
    card = world.replacements.records[replacement_id].new_product_number
    assert card is not None
    await world.activate_replacement().execute(world.hanako, HANAKO_SIM, card.lower()[:5] + " " + card[5:])


def assert_replaced_once(world: SimWorld, replacement_id: str) -> None:
    replacement = world.replacements.records[replacement_id]
    assert (replacement.state, replacement.step) == (ReplacementState.COMPLETED, ReplacementStep.SERIAL_RECORDED)
    new = replacement.new_product_number
    assert cards_taken(world, replacement_id) == [new]
    assert len(cases(world, replacement_id)) == 1
    assert swaps(world) == 1
    assert world.sims.world.lines[HANAKO_MSISDN].product_number == new
    assert serial_in_billing(world) == new


async def test_a_card_is_allocated_shipped_activated_and_the_old_one_stops_only_then(world: SimWorld) -> None:
    replacement_id = await shipped(world)
    replacement = world.replacements.records[replacement_id]
    assert replacement.new_product_number is not None
    assert (replacement.state, replacement.step) == (ReplacementState.SHIPPING, ReplacementStep.CASE_OPENED)
    (case,) = cases(world, replacement_id)
    assert replacement.new_product_number in (case.case.description or "")  # type: ignore[attr-defined]
    sim = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert sim.replacement is not None
    assert (sim.replacement.card_shipped, sim.replacement.awaiting_card) == (True, True)

    await activate(world, replacement_id)
    assert await world.run_replacement().execute(replacement_id) is ReplacementOutcome.WAITING  # Freebit activating
    assert world.sims.world.lines[HANAKO_MSISDN].product_number == OLD_CARD  # the old card still works
    world.clock.advance(121)
    assert await world.run_replacements().execute() == 1

    assert_replaced_once(world, replacement_id)
    sim = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert (sim.replacement, sim.msisdn) == (None, HANAKO_MSISDN)  # the same number, free for other changes again


async def test_esims_duplicates_and_other_customers(world: SimWorld) -> None:
    first = await request(world)
    assert await request(world) == first  # the same key: the same replacement
    with pytest.raises(SimLineBusyError):  # one at a time, and it blocks the line's other changes
        await request(world, key="key-2")
    with pytest.raises(SimLineBusyError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(voice_mail=False))
    for customer, sim_id in ((world.kenji, HANAKO_SIM), (world.hanako, 999)):
        with pytest.raises(NotFoundError):
            await world.request_replacement().execute(customer, sim_id, "lost", "k")
        with pytest.raises(NotFoundError):
            await world.activate_replacement().execute(customer, sim_id, "AX2025110000001")
    assert len(world.replacements.records) == 1


async def test_an_esim_is_not_a_card(world: SimWorld) -> None:
    line = world.sims.world.lines[HANAKO_MSISDN]
    line.eid, line.product_number = "89049032000001000000012345678901", None
    with pytest.raises(PhysicalSimRequiredError):
        await request(world)


async def test_activation_needs_the_card_we_sent(world: SimWorld) -> None:
    replacement_id = await request(world)
    with pytest.raises(ReplacementNotShippedError):
        await world.activate_replacement().execute(world.hanako, HANAKO_SIM, "AX2025110000001")
    await world.run_replacement().execute(replacement_id)
    with pytest.raises(CardNumberMismatchError):
        await world.activate_replacement().execute(world.hanako, HANAKO_SIM, "AX9999999999999")
    await activate(world, replacement_id)
    await activate(world, replacement_id)  # twice: the same activation
    assert world.replacements.records[replacement_id].state is ReplacementState.ACTIVATING


async def test_no_card_in_stock_waits_and_takes_none_twice(world: SimWorld) -> None:
    world.inventory.cards.clear()
    replacement_id = await request(world)
    for _ in range(2):
        assert await world.run_replacement().execute(replacement_id) is ReplacementOutcome.WAITING
    assert cases(world, replacement_id) == []


@pytest.mark.parametrize(
    "method",
    ["assign", "create_case", "swap_card", "get_account", "update_service_custom_fields", "save"],
)
async def test_the_worker_killed_after_any_step_replaces_the_card_once(world: SimWorld, method: str) -> None:
    replacement_id = await request(world)
    await world.run_replacement().execute(replacement_id)  # allocated and shipped
    await activate(world, replacement_id)
    world.clock.advance(121)
    if method in {"assign", "create_case"}:  # those ran already: kill the worker in a fresh replacement's run
        world.replacements.records.clear()
        world.crm.cases.clear()
        replacement_id = await request(world, key="key-2")
        world.crashes.append(Crash(method))
        with pytest.raises(WorkerKilledError):
            await world.run_replacement().execute(replacement_id)
        await world.run_replacement().execute(replacement_id)
        await activate(world, replacement_id)
    else:
        world.crashes.append(Crash(method))
    for _ in range(4):
        try:
            await world.run_replacement().execute(replacement_id)
        except WorkerKilledError:
            continue
        world.clock.advance(121)
    assert_replaced_once(world, replacement_id)


@pytest.mark.parametrize("method", ["swap_card", "update_service_custom_fields"])
async def test_a_lost_answer_is_looked_up_not_sent_again(world: SimWorld, method: str) -> None:
    replacement_id = await shipped(world)
    await activate(world, replacement_id)
    world.crashes.append(Crash(method, error=UpstreamUnavailableError("upstream", "timed out")))
    for _ in range(4):
        with contextlib.suppress(UpstreamUnavailableError):
            await world.run_replacement().execute(replacement_id)
        world.clock.advance(121)
    assert_replaced_once(world, replacement_id)
    assert world.billing.world.calls.count("update_service_custom_fields") == 1


async def test_freebit_down_is_waited_out_by_the_rounds(world: SimWorld) -> None:
    replacement_id = await shipped(world)
    await activate(world, replacement_id)
    world.sims.faults.arm(SimOperation.SWAP_CARD, TwinFault.UNAVAILABLE, times=2)
    for _ in range(2):
        assert await world.run_replacements().execute() == 0
    assert await world.run_replacements().execute() == 0  # sent; Freebit activating
    world.clock.advance(121)
    assert await world.run_replacements().execute() == 1
    assert_replaced_once(world, replacement_id)


async def test_a_swap_freebit_refuses_leaves_the_old_card_and_tells_staff(world: SimWorld) -> None:
    replacement_id = await shipped(world)
    await activate(world, replacement_id)
    card = world.replacements.records[replacement_id].new_product_number
    world.sims.world.used_products.add(card or "")  # Freebit knows the card as used: refused for good

    assert await world.run_replacement().execute(replacement_id) is ReplacementOutcome.FAILED
    assert await world.run_replacement().execute(replacement_id) is ReplacementOutcome.SKIPPED

    replacement = world.replacements.records[replacement_id]
    assert (replacement.state, replacement.error_code) == (ReplacementState.FAILED, "CARD_SWAP_REFUSED")
    assert world.sims.world.lines[HANAKO_MSISDN].product_number == OLD_CARD
    assert len(cases(world, replacement_id)) == 2  # the shipping case and the one telling staff
    assert swaps(world) == 0


async def test_workers_running_at_once_move_the_line_once(world: SimWorld) -> None:
    replacement_id = await shipped(world)
    await activate(world, replacement_id)

    def worker() -> RunSimReplacement:
        return RunSimReplacement(
            Yielding(world.replacements),
            Yielding(world.inventory),
            Yielding(world.cases),
            Yielding(world.sims),
            Yielding(world.sims),
            Yielding(world.billing.services),
            Yielding(world.billing.service_fields),
            world.reads,
            world.clock,
        )

    outcomes = await asyncio.gather(*(worker().execute(replacement_id) for _ in range(3)))
    assert sorted(outcomes) == sorted([ReplacementOutcome.WAITING] + [ReplacementOutcome.SKIPPED] * 2)
    world.clock.advance(121)
    await asyncio.gather(*(worker().execute(replacement_id) for _ in range(3)))
    assert_replaced_once(world, replacement_id)
