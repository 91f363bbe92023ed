"""The cancellation saga's fault matrix on twins: each step killed, each upstream down, a lost answer and a definite
refusal at each write, duplicates. Whatever happens: exactly one Case, at most one WHMCS cancellation request and
one Freebit cancellation per cancellation, and the customer told once."""

from __future__ import annotations

from datetime import datetime

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.cancellations.run_cancellation import RunOutcome
from application.errors import InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.ports.sim_models import SimOperation
from domain.cancellation.cancellation import CancellationState, LineReturn
from domain.cancellation.schedule import TOKYO
from tests.unit.cancellations.world import HANAKO_INTERNET, HANAKO_MSISDN, HANAKO_SIM, CancellationWorld
from tests.unit.orders.world import Crash

CUTOFF_NOV = datetime(2026, 11, 26, 0, 0, tzinfo=TOKYO)
LAST_DAY = datetime(2026, 11, 30, 0, 0, tzinfo=TOKYO)
LOST = UpstreamUnavailableError("upstream", "timed out")


async def sim_cancellation(world: CancellationWorld) -> str:
    return (await world.ask(service_id=HANAKO_SIM, line_return=None)).id


def assert_done_once(world: CancellationWorld, cancellation_id: str, *, sim: bool) -> None:
    record = world.record(cancellation_id)
    assert record.state is CancellationState.COMPLETED, record.history
    assert len(world.cases_for(cancellation_id)) == 1
    assert world.whmcs_has_request(HANAKO_SIM if sim else HANAKO_INTERNET)
    lines = world.sims.world.lines
    cancels = [o for o in lines[HANAKO_MSISDN].orders if o.operation is SimOperation.CANCEL]
    assert len(cancels) == (1 if sim else 0)  # the line's cancellation was applied once (or not at all)
    assert len(world.notifications.drafts) == 1
    assert len(world.mails()) == 1


async def run_all_days(world: CancellationWorld, cancellation_id: str) -> None:
    """The worker through the saga's whole life: at once, at the cut-off, on the last day — with retries."""
    for moment in (None, CUTOFF_NOV, LAST_DAY):
        if moment is not None:
            world.travel_to(moment)
        for _ in range(4):
            await world.run_until_settled(cancellation_id)


@pytest.mark.parametrize(
    "method",
    [
        "save",
        "find_service_opportunity",
        "record_cancellation",
        "create_case",
        "request_cancellation",
        "cancellation_requested",
        "cancel",
        "get_account",
    ],
)
async def test_the_worker_killed_after_any_step_finishes_on_restart_once(world: CancellationWorld, method: str) -> None:
    cancellation_id = await sim_cancellation(world)
    if method in {"cancellation_requested", "get_account"}:  # reached only on a resume: lose the write first
        world.crashes.append(Crash("request_cancellation" if method == "cancellation_requested" else "cancel", LOST))
    world.crashes.append(Crash(method))

    await run_all_days(world, cancellation_id)

    assert not any(crash.armed for crash in world.crashes)  # it did die there
    assert_done_once(world, cancellation_id, sim=True)
    assert world.whmcs_requests() == 1
    assert world.freebit_cancels() == 1


@pytest.mark.parametrize("method", ["create_case", "request_cancellation", "cancel", "record_cancellation"])
async def test_a_lost_answer_is_looked_up_before_anything_is_sent_again(world: CancellationWorld, method: str) -> None:
    cancellation_id = await sim_cancellation(world)
    world.crashes.append(Crash(method, LOST))
    await run_all_days(world, cancellation_id)
    assert_done_once(world, cancellation_id, sim=True)
    assert world.whmcs_requests() == 1
    assert world.freebit_cancels() == 1


async def test_whmcs_applying_then_losing_the_answer_is_found_by_the_look_up(world: CancellationWorld) -> None:
    view = await world.ask()
    world.billing.world.fail_next("request_cancellation", LOST, after_apply=True)
    await run_all_days(world, view.id)
    assert_done_once(world, view.id, sim=False)
    assert world.whmcs_requests() == 1
    assert world.billing.world.calls.count("cancellation_requested") == 1


async def test_freebit_applying_then_losing_the_answer_is_reconciled(world: CancellationWorld) -> None:
    cancellation_id = await sim_cancellation(world)
    world.sims.faults.arm(SimOperation.CANCEL, TwinFault.APPLY_THEN_TIMEOUT)
    await run_all_days(world, cancellation_id)
    assert_done_once(world, cancellation_id, sim=True)
    assert world.freebit_cancels() == 1


async def test_the_crm_down_during_registration_is_retried_and_opens_one_case(world: CancellationWorld) -> None:
    view = await world.ask()
    world.crm.fail_next(UpstreamUnavailableError("Salesforce"), times=3)
    await run_all_days(world, view.id)
    assert_done_once(world, view.id, sim=False)


@pytest.mark.parametrize("operation", ["request_cancellation", "cancellation_requested"])
async def test_whmcs_down_is_retried_and_files_one_request(world: CancellationWorld, operation: str) -> None:
    cancellation_id = await sim_cancellation(world)
    if operation == "cancellation_requested":
        world.crashes.append(Crash("request_cancellation", LOST))
    world.billing.world.fail_next(operation, UpstreamUnavailableError("WHMCS"), times=2)
    await run_all_days(world, cancellation_id)
    assert_done_once(world, cancellation_id, sim=True)
    # Refused twice for the outage (nothing applied), then filed once; a lost one is found by the look-up instead.
    assert world.whmcs_requests() == (3 if operation == "request_cancellation" else 1)
    assert world.whmcs_has_request(HANAKO_SIM)


@pytest.mark.parametrize("operation", [SimOperation.CANCEL, SimOperation.GET_ACCOUNT])
async def test_freebit_down_is_retried_and_cancels_the_line_once(
    world: CancellationWorld, operation: SimOperation
) -> None:
    cancellation_id = await sim_cancellation(world)
    world.travel_to(LAST_DAY)  # straight to the last day: everything runs in one go
    if operation is SimOperation.GET_ACCOUNT:
        world.crashes.append(Crash("cancel", LOST))
    world.sims.faults.arm(operation, TwinFault.UNAVAILABLE, times=2)
    for _ in range(6):
        await world.run_until_settled(cancellation_id)
    assert_done_once(world, cancellation_id, sim=True)
    assert world.freebit_cancels() <= 3  # refused twice for the outage (nothing applied), then once accepted


async def test_whmcs_refusing_for_good_hands_the_rest_to_staff(world: CancellationWorld) -> None:
    view = await world.ask()
    await world.run_jobs()
    world.travel_to(CUTOFF_NOV)
    world.billing.world.fail_next("request_cancellation", NotFoundError("Service ID Not Found"))
    assert await world.run().execute(view.id) is RunOutcome.NEEDS_STAFF
    record = world.record(view.id)
    assert (record.state, record.error_code) == (CancellationState.NEEDS_STAFF, "BILLING_REFUSED")
    [case] = world.cases_for(view.id)
    assert "finish this cancellation by hand" in case.comments[-1].body
    assert await world.sweep_c().execute() == 0  # never retried by itself


async def test_freebit_refusing_for_good_hands_the_rest_to_staff(world: CancellationWorld) -> None:
    cancellation_id = await sim_cancellation(world)
    world.travel_to(LAST_DAY)
    del world.sims.world.lines[HANAKO_MSISDN]  # Freebit no longer knows the line: a definite refusal
    assert await world.run().execute(cancellation_id) is RunOutcome.NEEDS_STAFF
    assert world.record(cancellation_id).error_code == "LINE_REFUSED"
    assert world.whmcs_requests() == 1


async def test_a_service_without_an_opportunity_gets_one_carrying_its_service_id_once(
    world: CancellationWorld,
) -> None:
    del world.crm_cancellations.opportunities[world.internet_opportunity]
    view = await world.ask(line_return=LineReturn.NOTHING_RENTED)
    world.crashes.append(Crash("create_service_opportunity", LOST))  # created, answer lost
    await run_all_days(world, view.id)
    created = [o for o in world.crm_cancellations.opportunities.values() if o.service_id == HANAKO_INTERNET]
    assert len(created) == 1
    assert created[0].fields["line_return"] == "nothing_rented"
    assert_done_once(world, view.id, sim=False)


async def test_a_job_lost_with_its_worker_is_queued_again_by_the_sweep(world: CancellationWorld) -> None:
    view = await world.ask()
    world.cancel_queue.take()  # the job is lost
    assert await world.sweep_c().execute() == 0  # too fresh: it may still be running somewhere
    world.clock.advance(world.policy_c.idle_after_seconds)
    assert await world.sweep_c().execute() == 1
    assert await world.run_jobs() == [RunOutcome.WAITING]
    assert len(world.cases_for(view.id)) == 1


async def test_the_crm_refusing_the_registration_for_good_stops_without_looping(world: CancellationWorld) -> None:
    view = await world.ask()
    world.crm.fail_next(InvalidInputError("FIELD_CUSTOM_VALIDATION_EXCEPTION: closed accounts take no changes"))
    assert await world.run_jobs() == [RunOutcome.NEEDS_STAFF]
    record = world.record(view.id)
    assert (record.state, record.error_code, record.due_at) == (CancellationState.NEEDS_STAFF, "CRM_REFUSED", None)
    world.clock.advance(3600)
    assert await world.sweep_c().execute() == 0
    assert world.whmcs_requests() == 0
