"""A cancellation from request to the end: recorded for staff at once, final at the cut-off (WHMCS told), a SIM line
cancelled at Freebit on its last day; withdrawable until the cut-off; one change at a time on a SIM line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.cancellations.errors import (
    CancellationFinalError,
    CancellationNotOfferedError,
    LineReturnRequiredError,
)
from application.cancellations.request_cancellation import CancellationRequest
from application.cancellations.run_cancellation import RunOutcome
from application.errors import NotFoundError, UpstreamUnavailableError
from application.outages import BillingUnavailableError, SimServiceUnavailableError
from application.ports.cancellation_records import CancellationExistsError
from application.ports.notifications import NotificationKind
from application.ports.sim_models import SimOperation, VoiceOptionChange
from application.sims.errors import SimLineBusyError
from domain.cancellation.cancellation import CancellationState, LineReturn
from domain.cancellation.schedule import TOKYO, CancellationDateError
from tests.unit.cancellations.world import (
    DEC_31,
    HANAKO_INTERNET,
    HANAKO_MSISDN,
    HANAKO_SIM,
    NOV_30,
    CancellationWorld,
)

CUTOFF_NOV = datetime(2026, 11, 26, 0, 0, tzinfo=TOKYO)  # the end of 25 November in Tokyo
COLLECTED = CancellationRequest(end_date=NOV_30, line_return=LineReturn.COLLECTION)
KENJI_VPN = 3


async def test_an_internet_cancellation_is_recorded_for_staff_and_the_customer_is_told(
    world: CancellationWorld,
) -> None:
    view = await world.ask(moving=True)
    assert (view.state, view.end_date, view.withdrawable) == ("scheduled", NOV_30, True)
    assert view.withdrawable_until == CUTOFF_NOV

    assert await world.run_jobs() == [RunOutcome.WAITING]

    fields = world.crm_cancellations.opportunities[world.internet_opportunity].fields
    assert fields == {"kind": "internet", "end_date": "2026-11-30", "moving": "True", "line_return": "ship_back"}
    [case] = world.cases_for(view.id)
    assert case.case.subject == "Cancellation: Home 1G Pro ends 2026-11-30"
    assert "Equipment return: Return by post" in (case.case.description or "")
    assert [d.kind for d in world.notifications.drafts] == [NotificationKind.CANCELLATION_SCHEDULED]
    [mail] = world.mails()
    assert (mail.event_key, mail.to) == (f"cancellation-scheduled:{view.id}", "hanako.tanaka@example.jp")
    assert mail.values["withdraw_until"] == "2026-11-25 23:59 (Tokyo time)"
    assert world.whmcs_requests() == 0  # nothing reaches billing before the cut-off
    assert world.record(view.id).due_at == CUTOFF_NOV


async def test_at_the_cut_off_billing_gets_one_end_of_period_request_and_it_completes(world: CancellationWorld) -> None:
    view = await world.ask()
    await world.run_jobs()
    world.travel_to(CUTOFF_NOV - timedelta(seconds=1))
    assert await world.sweep_c().execute() == 0  # not yet due

    world.travel_to(CUTOFF_NOV)
    assert await world.sweep_c().execute() == 1
    assert await world.run_jobs() == [RunOutcome.COMPLETED]

    assert world.whmcs_requests() == 1
    assert world.whmcs_has_request(HANAKO_INTERNET)
    assert world.record(view.id).state is CancellationState.COMPLETED
    assert len(world.cases_for(view.id)) == 1
    assert await world.sweep_c().execute() == 0
    with pytest.raises(CancellationFinalError):
        await world.withdraw().execute(world.hanako, HANAKO_INTERNET)


async def test_a_withdrawal_before_the_cut_off_undoes_the_crm_records_and_tells_the_customer(
    world: CancellationWorld,
) -> None:
    view = await world.ask()
    await world.run_jobs()
    world.travel_to(CUTOFF_NOV - timedelta(seconds=1))

    withdrawn = await world.withdraw().execute(world.hanako, HANAKO_INTERNET)
    assert withdrawn.state == "withdrawing"
    assert (await world.withdraw().execute(world.hanako, HANAKO_INTERNET)).state == "withdrawing"  # twice: the same
    assert await world.run_jobs() == [RunOutcome.WITHDRAWN]

    assert world.crm_cancellations.opportunities[world.internet_opportunity].fields == {}
    [case] = world.cases_for(view.id)
    assert case.case.is_closed
    assert "withdrew this cancellation" in case.comments[-1].body
    assert world.whmcs_requests() == 0
    assert [d.kind for d in world.notifications.drafts] == [
        NotificationKind.CANCELLATION_SCHEDULED,
        NotificationKind.CANCELLATION_WITHDRAWN,
    ]
    assert sorted(m.event_key.split(":")[0] for m in world.mails()) == [
        "cancellation-scheduled",
        "cancellation-withdrawn",
    ]
    world.travel_to(CUTOFF_NOV + timedelta(days=1))
    assert await world.sweep_c().execute() == 0  # a withdrawn cancellation is never made final
    status = await world.get().execute(world.hanako, HANAKO_INTERNET)
    assert status.current is None
    assert status.end_dates[0].end_date == DEC_31  # November's end is closed now
    again = await world.ask(end=DEC_31, key="key-2")  # and a new one can be asked for
    assert again.state == "scheduled"


async def test_a_withdrawal_before_the_worker_ran_opens_no_case_and_clears_nothing_written(
    world: CancellationWorld,
) -> None:
    view = await world.ask()
    await world.withdraw().execute(world.hanako, HANAKO_INTERNET)
    assert await world.run_jobs() == [RunOutcome.WITHDRAWN]
    assert world.cases_for(view.id) == []
    assert world.record(view.id).state is CancellationState.WITHDRAWN


async def test_withdrawal_closes_at_the_cut_off_even_before_the_worker_got_to_it(world: CancellationWorld) -> None:
    await world.ask()
    await world.run_jobs()
    world.travel_to(CUTOFF_NOV)
    with pytest.raises(CancellationFinalError):
        await world.withdraw().execute(world.hanako, HANAKO_INTERNET)


async def test_a_withdrawal_racing_the_worker_at_the_cut_off_never_leaves_billing_told_and_withdrawn(
    world: CancellationWorld,
) -> None:
    """The worker read the record, then the customer withdrew (a second before the cut-off), then the worker, at
    the cut-off, tried to make it final: its save loses, it reads again, and undoes instead."""
    view = await world.ask()
    await world.run_jobs()
    world.travel_to(CUTOFF_NOV - timedelta(seconds=1))
    stale = await world.cancellations.get(view.id)
    await world.withdraw().execute(world.hanako, HANAKO_INTERNET)
    world.travel_to(CUTOFF_NOV)
    assert stale is not None
    stale.confirm(world.clock.now())
    with pytest.raises(Exception, match="changed"):
        await world.cancellations.save(stale)
    assert await world.run().execute(view.id) is RunOutcome.WITHDRAWN
    assert world.whmcs_requests() == 0


async def test_duplicate_submissions_make_one_cancellation_and_another_is_refused(world: CancellationWorld) -> None:
    first = await world.ask(key="same")
    again = await world.ask(key="same")
    assert again.id == first.id
    with pytest.raises(CancellationExistsError):
        await world.ask(key="other", end=DEC_31)
    await world.run_jobs()
    assert len(world.cases_for(first.id)) == 1
    assert len(world.cancellations.records) == 1


async def test_refusals_change_nothing(world: CancellationWorld) -> None:
    with pytest.raises(CancellationDateError):
        await world.ask(end=datetime(2026, 11, 29, tzinfo=UTC).date())
    with pytest.raises(LineReturnRequiredError):
        await world.ask(line_return=None)
    with pytest.raises(NotFoundError):  # Kenji's service, asked for by Hanako: as unknown
        await world.ask(service_id=KENJI_VPN)
    with pytest.raises(NotFoundError):
        await world.request().execute(world.kenji, "k@example.jp", HANAKO_INTERNET, COLLECTED, "key-k")
    with pytest.raises(CancellationNotOfferedError):
        await world.request().execute(world.kenji, "k@example.jp", KENJI_VPN, COLLECTED, "key-v")
    assert world.cancellations.records == {}
    assert world.cancel_queue.jobs == []


# -- SIM -------------------------------------------------------------------------------------------------------


async def test_a_sim_line_is_cancelled_at_freebit_on_its_last_day_once(world: CancellationWorld) -> None:
    view = await world.ask(service_id=HANAKO_SIM, line_return=LineReturn.COLLECTION)
    assert view.line_return is None  # no equipment to return for a SIM
    await world.run_jobs()
    fields = world.crm_cancellations.opportunities[world.sim_opportunity].fields
    assert fields == {"kind": "sim", "end_date": "2026-11-30", "moving": "False"}

    world.travel_to(CUTOFF_NOV)
    await world.sweep_c().execute()
    assert await world.run_jobs() == [RunOutcome.WAITING]  # billing told; the line waits for its last day
    assert world.whmcs_requests() == 1
    assert world.freebit_cancels() == 0
    last_day = datetime(2026, 11, 30, 0, 0, tzinfo=TOKYO)
    assert world.record(view.id).due_at == last_day

    world.travel_to(last_day)
    await world.sweep_c().execute()
    assert await world.run_jobs() == [RunOutcome.COMPLETED]
    assert world.freebit_cancels() == 1
    account = await world.sims.get_account(HANAKO_MSISDN)
    assert [(p.operation, p.run_on) for p in account.pending] == [(SimOperation.CANCEL, NOV_30)]


async def test_a_scheduled_sim_cancellation_blocks_other_line_changes_and_the_other_way_round(
    world: CancellationWorld,
) -> None:
    await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(voice_mail=False))
    with pytest.raises(SimLineBusyError):  # a change is pending at Freebit: no cancellation meanwhile
        await world.ask(service_id=HANAKO_SIM)
    world.clock.advance(600)  # the change completes
    await world.ask(service_id=HANAKO_SIM)
    with pytest.raises(SimLineBusyError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(call_waiting=False))
    await world.withdraw().execute(world.hanako, HANAKO_SIM)
    await world.run_jobs()
    await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(call_waiting=False))


async def test_an_outage_while_asking_is_a_503_kind_of_error_and_records_nothing(world: CancellationWorld) -> None:
    world.billing.world.fail_next("get_service", UpstreamUnavailableError("WHMCS"))
    with pytest.raises(BillingUnavailableError):
        await world.ask()
    world.sims.faults.arm(SimOperation.GET_ACCOUNT, TwinFault.UNAVAILABLE, times=None)  # reads are retried
    with pytest.raises(SimServiceUnavailableError):
        await world.ask(service_id=HANAKO_SIM)
    assert world.cancellations.records == {}
    assert world.cancel_queue.jobs == []


async def test_a_lost_queue_loses_nothing_the_sweep_queues_it(world: CancellationWorld) -> None:
    class DownQueue:
        async def enqueue(self, cancellation_id: str, *, delay_seconds: float = 0) -> bool:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.")

    world.cancel_queue, real_queue = DownQueue(), world.cancel_queue  # type: ignore[assignment]
    view = await world.ask()
    assert view.state == "scheduled"
    world.cancel_queue = real_queue
    world.clock.advance(world.policy_c.idle_after_seconds)
    assert await world.sweep_c().execute() == 1


async def test_a_scheduled_plan_change_and_a_sim_cancellation_exclude_each_other(world: CancellationWorld) -> None:
    await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, "SIM-20GB-VOICE", "plan-1")
    with pytest.raises(SimLineBusyError):
        await world.ask(service_id=HANAKO_SIM)
    await world.cancel_plan_change().execute(world.hanako, HANAKO_SIM)
    await world.ask(service_id=HANAKO_SIM)
    with pytest.raises(SimLineBusyError):
        await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, "SIM-20GB-VOICE", "plan-2")
