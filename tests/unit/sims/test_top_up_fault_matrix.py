"""The top-up saga's fault matrix on twins: each step killed, each upstream down, a lost answer and a definite
refusal at each write, duplicate submissions. Whatever happens: exactly one WHMCS invoice, at most one capture and
one Freebit quota add per top-up, money taken is either turned into data or given back (with a staff case), and the
customer sees the state at every point."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.ports.notifications import NotificationKind
from application.ports.sim_models import SimOperation, VoiceOptions
from application.sims.run_top_up import RunOutcome
from domain.sims.top_up import TopUpState, TopUpStep
from tests.unit.orders.world import Crash, WorkerKilledError
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, SimWorld

REMAINING = 10240 - 312 - 845 - 129  # Hanako's line in the demo world


async def request(world: SimWorld, quota_mb: int = 1500, key: str = "key-1") -> str:
    view = await world.request_top_up().execute(world.hanako, HANAKO_SIM, quota_mb, key)
    return view.id


async def assert_topped_up_once(world: SimWorld, top_up_id: str, quota_mb: int = 1500) -> None:
    top_up = world.records.records[top_up_id]
    assert (top_up.state, top_up.step) == (TopUpState.COMPLETED, TopUpStep.NOTIFIED)
    invoices = world.invoices_for(top_up_id)
    assert len(invoices) == 1
    assert invoices[0].status == "Paid"
    assert world.payments_for(top_up_id) == 1
    assert world.quota_adds() == 1
    assert world.sims.world.lines[HANAKO_MSISDN].remaining_mb == REMAINING + quota_mb
    assert [d.kind for d in world.notifications.drafts] == [NotificationKind.TOP_UP_DONE]


async def test_a_top_up_invoices_captures_adds_the_quota_and_tells_the_customer(world: SimWorld) -> None:
    top_up_id = await request(world, 1500)
    view = await world.get_top_up().execute(world.hanako, HANAKO_SIM, top_up_id)
    assert (view.state, view.step, view.amount, view.billed_gb) == ("pending", "accepted", Decimal(1000), 2)

    assert await world.run_jobs() == [RunOutcome.COMPLETED]

    await assert_topped_up_once(world, top_up_id)
    invoice = world.invoices_for(top_up_id)[0]
    assert invoice.lines[0].description == "SIM Data Top-up: 2GB for 08012345678"
    assert invoice.lines[0].amount == Decimal("1000.00")
    assert (invoice.due_date - invoice.date).days == 7
    assert world.sims.world.lines[HANAKO_MSISDN].quota_codes == [f"topup-{top_up_id}"]
    view = await world.get_top_up().execute(world.hanako, HANAKO_SIM, top_up_id)
    assert (view.state, view.step, view.invoice_id) == ("completed", "notified", invoice.id)


async def test_the_usage_shows_the_new_quota_at_once(world: SimWorld) -> None:
    before = await world.get_usage().execute(world.hanako, HANAKO_SIM)
    await request(world, 1024)
    await world.run_jobs()
    after = await world.get_usage().execute(world.hanako, HANAKO_SIM)
    assert after.remaining_mb == before.remaining_mb + 1024


@pytest.mark.parametrize(
    "method",
    [
        "save",  # the first recovery point: "about to create the invoice"
        "create_invoice",
        "find_invoice",
        "capture_payment",
        "quota_added",
        "add_quota",
    ],
)
async def test_the_worker_killed_after_any_step_and_restarted_tops_up_once(world: SimWorld, method: str) -> None:
    top_up_id = await request(world)
    if method in {"find_invoice", "quota_added"}:  # only reached on a resume: lose the write before it first
        earlier = "create_invoice" if method == "find_invoice" else "add_quota"
        world.crashes.append(Crash(earlier, error=UpstreamUnavailableError("upstream", "timed out")))
    world.crashes.append(Crash(method))

    for _ in range(3):  # the queue's retries; a killed job is handed out again
        try:
            await world.run_top_up().execute(top_up_id)
            break
        except (WorkerKilledError, UpstreamUnavailableError):
            continue
    assert not any(crash.armed for crash in world.crashes)  # it did die there
    await world.run_top_up().execute(top_up_id)
    world.queue.take()

    await assert_topped_up_once(world, top_up_id)


@pytest.mark.parametrize("method", ["create_invoice", "capture_payment", "add_quota"])
async def test_a_write_whose_answer_is_lost_is_looked_up_before_anything_is_sent_again(
    world: SimWorld, method: str
) -> None:
    top_up_id = await request(world)
    world.crashes.append(Crash(method, error=UpstreamUnavailableError("upstream", "timed out")))
    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()

    await world.run_top_up().execute(top_up_id)  # the queue's retry

    await assert_topped_up_once(world, top_up_id)
    assert world.billing.world.calls.count("create_invoice") == 1
    assert world.billing.world.calls.count(method) <= 1 or method == "add_quota"
    assert world.sims.world.lines[HANAKO_MSISDN].quota_codes.count(f"topup-{top_up_id}") == 1


@pytest.mark.parametrize("operation", ["create_invoice", "capture_payment", "find_invoice"])
async def test_whmcs_down_at_any_step_is_retried_and_tops_up_once(world: SimWorld, operation: str) -> None:
    top_up_id = await request(world)
    if operation == "find_invoice":
        world.crashes.append(Crash("capture_payment", error=UpstreamUnavailableError("WHMCS", "timed out")))
    world.billing.world.fail_next(operation, UpstreamUnavailableError("WHMCS"), times=2)
    for _ in range(3):
        try:
            await world.run_top_up().execute(top_up_id)
        except UpstreamUnavailableError:
            continue
    await world.run_top_up().execute(top_up_id)

    await assert_topped_up_once(world, top_up_id)


@pytest.mark.parametrize("operation", [SimOperation.ADD_QUOTA, SimOperation.GET_QUOTA_HISTORY])
async def test_freebit_down_is_retried_and_adds_the_quota_once(world: SimWorld, operation: SimOperation) -> None:
    top_up_id = await request(world)
    if operation is SimOperation.GET_QUOTA_HISTORY:
        world.crashes.append(Crash("add_quota", error=UpstreamUnavailableError("Freebit", "timed out")))
    world.sims.faults.arm(operation, TwinFault.UNAVAILABLE, times=4 if operation is SimOperation.ADD_QUOTA else 3)
    for _ in range(5):
        try:
            await world.run_top_up().execute(top_up_id)
        except UpstreamUnavailableError:
            continue

    await assert_topped_up_once(world, top_up_id)


async def test_freebit_applying_then_losing_the_answer_is_reconciled(world: SimWorld) -> None:
    top_up_id = await request(world)
    world.sims.faults.arm(SimOperation.ADD_QUOTA, TwinFault.APPLY_THEN_TIMEOUT)
    await world.run_jobs()
    await assert_topped_up_once(world, top_up_id)


async def test_a_refused_card_charges_nothing_cancels_the_invoice_and_says_so(world: SimWorld) -> None:
    for key in [k for k, v in world.billing.world.pay_methods.items() if v[0] == 1]:
        del world.billing.world.pay_methods[key]
    top_up_id = await request(world)

    assert await world.run_jobs() == [RunOutcome.STOPPED]

    top_up = world.records.records[top_up_id]
    assert (top_up.state, top_up.error_code) == (TopUpState.PAYMENT_FAILED, "PAYMENT_FAILED")
    assert [i.status for i in world.invoices_for(top_up_id)] == ["Cancelled"]
    assert (world.payments_for(top_up_id), world.quota_adds()) == (0, 0)
    assert [d.kind for d in world.notifications.drafts] == [NotificationKind.TOP_UP_FAILED]


async def test_a_refused_invoice_ends_the_top_up_with_nothing_charged(world: SimWorld) -> None:
    top_up_id = await request(world)
    world.billing.world.fail_next("create_invoice", InvalidInputError("Client ID Not Found"))
    assert await world.run_jobs() == [RunOutcome.STOPPED]
    assert world.records.records[top_up_id].state is TopUpState.PAYMENT_FAILED
    assert (world.invoices_for(top_up_id), world.quota_adds()) == ([], 0)


async def refuse_quota(world: SimWorld) -> None:
    """Freebit refuses the quota add for good: the line was moved into a share group (PA04-04 refuses those)."""
    world.crashes.append(Crash("capture_payment"))  # after the money is taken...
    top_up_id = next(iter(world.records.records))
    with pytest.raises(WorkerKilledError):
        await world.run_top_up().execute(top_up_id)
    world.sims.world.lines[HANAKO_MSISDN].state = world.sims.world.lines[HANAKO_MSISDN].state.__class__("cancelled")


async def test_a_quota_freebit_refuses_after_payment_is_made_good_with_a_refund_and_a_staff_case(
    world: SimWorld,
) -> None:
    top_up_id = await request(world)
    await refuse_quota(world)

    assert await world.run_top_up().execute(top_up_id) == RunOutcome.STOPPED
    world.queue.take()

    top_up = world.records.records[top_up_id]
    assert (top_up.state, top_up.step, top_up.error_code) == (
        TopUpState.REFUNDED,
        TopUpStep.NOTIFIED,
        "QUOTA_REFUSED",
    )
    assert (world.payments_for(top_up_id), world.quota_adds()) == (1, 0)
    assert world.credits_for(top_up_id) == 1
    assert [amount for _, amount, _ in world.billing.world.credits] == [Decimal(1000)]
    assert world.cases_for(top_up_id) == 1
    assert top_up.case_id is not None
    assert [d.kind for d in world.notifications.drafts] == [NotificationKind.TOP_UP_FAILED]
    view = await world.get_top_up().execute(world.hanako, HANAKO_SIM, top_up_id)
    assert (view.state, view.error_code) == ("refunded", "QUOTA_REFUSED")


@pytest.mark.parametrize("method", ["add_credit", "create_case"])
async def test_making_good_killed_or_lost_midway_credits_once_and_opens_one_case(world: SimWorld, method: str) -> None:
    top_up_id = await request(world)
    await refuse_quota(world)
    world.crashes.append(Crash(method, error=UpstreamUnavailableError("upstream", "timed out")))
    with pytest.raises(UpstreamUnavailableError):
        await world.run_top_up().execute(top_up_id)
    await world.run_top_up().execute(top_up_id)
    await world.run_top_up().execute(top_up_id)  # a duplicate run afterwards changes nothing

    assert world.records.records[top_up_id].state is TopUpState.REFUNDED
    assert (world.credits_for(top_up_id), world.cases_for(top_up_id)) == (1, 1)
    assert len(world.notifications.drafts) == 1


async def test_a_credit_whmcs_refuses_leaves_the_refund_to_staff_and_says_so(world: SimWorld) -> None:
    top_up_id = await request(world)
    await refuse_quota(world)
    world.billing.world.fail_next("add_credit", InvalidInputError("Amount must be greater than zero"))
    await world.run_top_up().execute(top_up_id)

    top_up = world.records.records[top_up_id]
    assert top_up.state is TopUpState.REFUND_PENDING
    assert world.cases_for(top_up_id) == 1
    case = next(c for c in world.crm.cases.values() if c.request_key and top_up_id in c.request_key)
    assert "refund it by hand" in (case.case.description or "")


async def test_a_line_busy_with_another_change_waits_and_then_tops_up_once(world: SimWorld) -> None:
    """Freebit locks the line while a change runs (here a voice option change, two minutes): the top-up is neither
    refused nor refunded, it comes back later."""
    await world.sims.add_voice_options(HANAKO_MSISDN, VoiceOptions(voice_mail=True))
    top_up_id = await request(world)

    outcomes = await world.run_jobs()

    assert outcomes[0] is RunOutcome.WAITING
    assert outcomes[-1] is RunOutcome.COMPLETED
    await assert_topped_up_once(world, top_up_id)


async def test_the_same_submission_twice_is_one_top_up(world: SimWorld) -> None:
    first, second = await asyncio.gather(request(world, key="double"), request(world, key="double"))
    again = await request(world, key="double")
    assert first == second == again
    assert len(world.records.records) == 1
    await world.run_jobs()
    await world.run_top_up().execute(first)  # a stray second job
    await assert_topped_up_once(world, first)


async def test_a_job_lost_with_its_worker_is_queued_again_by_the_sweep(world: SimWorld) -> None:
    top_up_id = await request(world)
    world.queue.take()  # the job is gone
    assert await world.sweep().execute() == 0  # not idle long enough yet
    world.clock.advance(world.policy.idle_after_seconds + 1)
    assert await world.sweep().execute() == 1
    await world.run_jobs()
    await assert_topped_up_once(world, top_up_id)


async def test_another_customers_top_up_is_not_found(world: SimWorld) -> None:
    top_up_id = await request(world)
    with pytest.raises(NotFoundError):
        await world.get_top_up().execute(world.kenji, HANAKO_SIM, top_up_id)
    with pytest.raises(NotFoundError):
        await world.request_top_up().execute(world.kenji, HANAKO_SIM, 1024, "k")
