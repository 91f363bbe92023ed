"""The plan change saga's fault matrix on twins: each step killed, each upstream down, a lost answer and a definite
refusal at each write, two workers at once. Whatever happens: exactly one Freebit plan change and one WHMCS product
change per scheduled change, or (after a definite refusal) none more and one staff case."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import InvalidInputError, UpstreamUnavailableError
from application.ports.sim_models import SimAccountState, SimOperation, VoiceOptionChange
from application.sims.apply_plan_change import ApplyOutcome, ApplyPlanChange
from domain.sims.plan_change import PlanChangeState, PlanChangeStep
from tests.unit.orders.world import Crash, WorkerKilledError
from tests.unit.sims.test_plan_change import CUT_OFF
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, START, SimWorld

NEW_PID = 207  # SIM 20GB Voice


async def due_change(world: SimWorld) -> str:
    view = await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, "SIM-20GB-VOICE", "key-1")
    world.clock.advance((CUT_OFF - START).total_seconds())
    return view.id


def freebit_changes(world: SimWorld) -> int:
    return world.sims.changes.count((SimOperation.PLAN_CHANGE, HANAKO_MSISDN))


def whmcs_changes(world: SimWorld) -> int:
    return world.billing.world.calls.count("change_product")


def cases(world: SimWorld, change_id: str) -> int:
    return sum(1 for c in world.crm.cases.values() if c.request_key and change_id in c.request_key)


def assert_applied_once(world: SimWorld, change_id: str) -> None:
    change = world.plan_changes.records[change_id]
    assert (change.state, change.step) == (PlanChangeState.COMPLETED, PlanChangeStep.PRODUCT_CHANGED)
    assert world.sims.world.lines[HANAKO_MSISDN].plan_code == "PNEW_20G"
    assert world.billing.world.services[HANAKO_SIM].product_id == NEW_PID
    assert freebit_changes(world) == 1
    assert whmcs_changes(world) <= 1 or world.billing.world.services[HANAKO_SIM].recurring == Decimal("3280.00")
    assert cases(world, change_id) == 0


async def rounds(world: SimWorld, change_id: str, *, times: int = 4) -> None:
    """The worker's rounds: a killed or failed round is followed by the next one."""
    for _ in range(times):
        try:
            outcome = await world.apply_plan_change().execute(change_id)
        except (WorkerKilledError, UpstreamUnavailableError):
            continue
        if outcome is not ApplyOutcome.WAITING:
            return


@pytest.mark.parametrize(
    "method",
    [
        "save",  # the claim: "applying"
        "change_plan",
        "get_account",  # the look-up on a resume (reached only after a lost Freebit answer)
        "change_product",
        "get_service",  # the look-up on a resume (reached only after a lost WHMCS answer)
    ],
)
async def test_the_worker_killed_after_any_step_applies_the_change_once(world: SimWorld, method: str) -> None:
    change_id = await due_change(world)
    if method in {"get_account", "get_service"}:  # lose the write's answer first, so the resume looks it up
        earlier = "change_plan" if method == "get_account" else "change_product"
        world.crashes.append(Crash(earlier, error=UpstreamUnavailableError("upstream", "timed out")))
    world.crashes.append(Crash(method))

    await rounds(world, change_id)

    assert not any(crash.armed for crash in world.crashes)  # it did die there
    assert_applied_once(world, change_id)
    assert whmcs_changes(world) == 1


@pytest.mark.parametrize("method", ["change_plan", "change_product"])
async def test_a_write_whose_answer_is_lost_is_looked_up_and_never_sent_again(world: SimWorld, method: str) -> None:
    change_id = await due_change(world)
    world.crashes.append(Crash(method, error=UpstreamUnavailableError("upstream", "timed out")))

    with pytest.raises(UpstreamUnavailableError):
        await world.apply_plan_change().execute(change_id)
    assert await world.apply_plan_change().execute(change_id) is ApplyOutcome.COMPLETED

    assert_applied_once(world, change_id)
    assert whmcs_changes(world) == 1


async def test_whmcs_applying_then_losing_the_answer_is_reconciled(world: SimWorld) -> None:
    change_id = await due_change(world)
    world.billing.world.fail_next("change_product", UpstreamUnavailableError("WHMCS"), after_apply=True)
    await rounds(world, change_id)
    assert_applied_once(world, change_id)
    assert whmcs_changes(world) == 1


async def test_freebit_applying_then_losing_the_answer_is_reconciled(world: SimWorld) -> None:
    change_id = await due_change(world)
    world.sims.faults.arm(SimOperation.PLAN_CHANGE, TwinFault.APPLY_THEN_TIMEOUT)
    await rounds(world, change_id)
    assert_applied_once(world, change_id)


@pytest.mark.parametrize("operation", [SimOperation.PLAN_CHANGE, SimOperation.GET_ACCOUNT])
async def test_freebit_down_is_waited_out_and_the_plan_changed_once(world: SimWorld, operation: SimOperation) -> None:
    change_id = await due_change(world)
    if operation is SimOperation.GET_ACCOUNT:
        world.crashes.append(Crash("change_plan", error=UpstreamUnavailableError("Freebit", "timed out")))
    # Three rounds' worth: a write is tried once per round, a read three times (the adapter's retries).
    world.sims.faults.arm(operation, TwinFault.UNAVAILABLE, times=3 if operation is SimOperation.PLAN_CHANGE else 6)

    for _ in range(3):  # the sweep's rounds: each outage deferred, nothing sent twice
        assert await world.apply_due_plan_changes().execute() == 0
    assert await world.apply_due_plan_changes().execute() == 1

    assert_applied_once(world, change_id)


@pytest.mark.parametrize("operation", ["change_product", "get_service"])
async def test_whmcs_down_is_waited_out_and_the_product_changed_once(world: SimWorld, operation: str) -> None:
    change_id = await due_change(world)
    if operation == "get_service":
        world.crashes.append(Crash("change_product", error=UpstreamUnavailableError("WHMCS", "timed out")))
    world.billing.world.fail_next(operation, UpstreamUnavailableError("WHMCS"), times=2)

    for _ in range(3 if operation == "get_service" else 2):
        assert await world.apply_due_plan_changes().execute() == 0
    assert await world.apply_due_plan_changes().execute() == 1

    assert_applied_once(world, change_id)
    # Calls, not effects: WHMCS refused the first two outright (down); only one ever reached the service.
    assert whmcs_changes(world) == (3 if operation == "change_product" else 1)


async def test_a_plan_freebit_refuses_changes_nothing_in_billing_and_opens_one_case(world: SimWorld) -> None:
    change_id = await due_change(world)
    world.sims.world.lines[HANAKO_MSISDN].state = SimAccountState.CANCELLED  # cancelled meanwhile: refused

    assert await world.apply_plan_change().execute(change_id) is ApplyOutcome.FAILED
    assert await world.apply_plan_change().execute(change_id) is ApplyOutcome.SKIPPED

    change = world.plan_changes.records[change_id]
    assert (change.state, change.error_code) == (PlanChangeState.FAILED, "PLAN_CHANGE_REFUSED")
    assert (world.sims.world.lines[HANAKO_MSISDN].plan_code, freebit_changes(world), whmcs_changes(world)) == (
        "PNEW_10G",
        0,
        0,
    )
    assert cases(world, change_id) == 1
    view = (await world.get_sim().execute(world.hanako, HANAKO_SIM)).plan_change
    assert view is None  # finished: the SIM is free for other changes again


async def test_a_product_whmcs_refuses_after_freebit_is_left_to_staff_with_one_case(world: SimWorld) -> None:
    change_id = await due_change(world)
    world.billing.world.fail_next("change_product", InvalidInputError("Product ID Not Found"))
    world.crashes.append(Crash("create_case"))  # killed right after opening the case: a resume opens no second

    with pytest.raises(WorkerKilledError):
        await world.apply_plan_change().execute(change_id)
    assert await world.apply_plan_change().execute(change_id) is ApplyOutcome.FAILED

    change = world.plan_changes.records[change_id]
    assert (change.state, change.step, change.error_code) == (
        PlanChangeState.FAILED,
        PlanChangeStep.CASE_OPENED,
        "BILLING_CHANGE_REFUSED",
    )
    assert (freebit_changes(world), whmcs_changes(world)) == (1, 1)
    assert world.billing.world.services[HANAKO_SIM].product_id == 204
    assert cases(world, change_id) == 1
    case = next(c for c in world.crm.cases.values() if c.request_key and change_id in c.request_key)
    assert "product 207" in (case.case.description or "")


async def test_a_line_busy_on_the_day_waits_for_the_next_round(world: SimWorld) -> None:
    change_id = await due_change(world)
    world.sims.world.schedule(world.sims.world.lines[HANAKO_MSISDN], SimOperation.VOICE_OPTIONS)  # staff's change
    world.sims.world.lines[HANAKO_MSISDN].orders[-1].voice_change = VoiceOptionChange(voice_mail=False)

    assert await world.apply_plan_change().execute(change_id) is ApplyOutcome.WAITING
    world.clock.advance(600)
    assert await world.apply_due_plan_changes().execute() == 1

    assert_applied_once(world, change_id)


class Yielding:
    """A port that lets other tasks run before each call, as a real database or network would."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        async def call(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(0)
            return await attribute(*args, **kwargs)

        return call


@pytest.mark.parametrize("rounds_at_once", [2, 3])
async def test_workers_running_at_once_apply_it_once(world: SimWorld, rounds_at_once: int) -> None:
    change_id = await due_change(world)

    def worker() -> ApplyPlanChange:
        return ApplyPlanChange(
            Yielding(world.plan_changes),
            Yielding(world.sims),
            Yielding(world.sims),
            Yielding(world.billing.services),
            Yielding(world.billing.service_products),
            Yielding(world.cases),
            world.reads,
            world.clock,
        )

    outcomes = await asyncio.gather(*(worker().execute(change_id) for _ in range(rounds_at_once)))

    assert sorted(outcomes) == sorted([ApplyOutcome.COMPLETED] + [ApplyOutcome.SKIPPED] * (rounds_at_once - 1))
    assert_applied_once(world, change_id)
    assert whmcs_changes(world) == 1
