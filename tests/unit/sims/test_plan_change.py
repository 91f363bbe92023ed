"""SIM plan changes on twins: scheduled for the first of next month (Tokyo), only between plans the account catalog
offers of the same kind, shown on the SIM, cancellable until the cut-off, blocking other line changes meanwhile."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.errors import NotFoundError
from application.ports.sim_models import ContractLine, SimOperation, VoiceOptionChange
from application.sims.cancel_plan_change import CancelPlanChange, PlanChangeNotCancellableError
from application.sims.errors import SimLineBusyError
from domain.sims.plan_change import (
    TOKYO,
    PlanChange,
    PlanChangeState,
    PlanNotOfferedError,
    PlanUnchangedError,
    cut_off,
    effective_date,
)
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, START, SimWorld

EFFECTIVE = date(2026, 12, 1)  # START is 2 November in Tokyo
CUT_OFF = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 00:00 on 1 December in Tokyo


async def schedule(world: SimWorld, sku: str = "SIM-20GB-VOICE", key: str = "key-1") -> str:
    view = await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, sku, key)
    return view.id


def plan_changes_sent(world: SimWorld) -> int:
    return world.sims.changes.count((SimOperation.PLAN_CHANGE, HANAKO_MSISDN))


def product_changes_sent(world: SimWorld) -> int:
    return world.billing.world.calls.count("change_product")


async def test_a_plan_change_is_scheduled_for_the_first_of_next_month_and_shown_on_the_sim(world: SimWorld) -> None:
    view = await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, "SIM-20GB-VOICE", "key-1")

    assert (view.state, view.effective_on, view.cancellable_until) == ("scheduled", EFFECTIVE, CUT_OFF)
    assert (view.from_plan.sku, view.to_plan.sku, view.to_plan.monthly_price) == (
        "SIM-10GB-VOICE",
        "SIM-20GB-VOICE",
        Decimal(3280),
    )
    assert view.cancellable
    sim = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert sim.plan_change is not None
    assert sim.plan_change.id == view.id
    assert (sim.plan_code, sim.product_name) == ("PNEW_10G", "SIM 10GB Voice")  # nothing applied before its day
    assert (plan_changes_sent(world), product_changes_sent(world)) == (0, 0)


async def test_family_pricing_is_offered_as_the_catalog_shows_it(world: SimWorld) -> None:
    view = await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, "SIM-20GB-VOICE-FAMILY", "k")
    assert (view.to_plan.sku, view.to_plan.monthly_price) == ("SIM-20GB-VOICE-FAMILY", Decimal(2980))


@pytest.mark.parametrize(
    ("sku", "error"),
    [
        ("SIM-20GB-DATA", PlanNotOfferedError),  # another kind: voice moves to voice only
        ("SIM-3GB-DATA-SMS", PlanNotOfferedError),
        ("SIM-1GB-DATA", PlanNotOfferedError),  # retired: not in the catalog
        ("INTERNET-HOME-1G-PRO", PlanNotOfferedError),
        ("NO-SUCH-SKU", PlanNotOfferedError),
        ("SIM-10GB-VOICE", PlanUnchangedError),
    ],
)
async def test_only_other_offered_plans_of_the_same_kind_are_accepted(
    world: SimWorld, sku: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await world.schedule_plan_change().execute(world.hanako, HANAKO_SIM, sku, "key-1")
    assert world.plan_changes.records == {}


async def test_another_customers_sim_is_the_same_404_as_none(world: SimWorld) -> None:
    for sim_id in (HANAKO_SIM, 999):
        with pytest.raises(NotFoundError):
            await world.schedule_plan_change().execute(world.kenji, sim_id, "SIM-20GB-VOICE", "key-1")
    await schedule(world)
    with pytest.raises(NotFoundError):
        await world.cancel_plan_change().execute(world.kenji, HANAKO_SIM)


async def test_a_duplicate_submission_is_the_first_change_and_a_second_change_is_409(world: SimWorld) -> None:
    first = await schedule(world, key="key-1")
    assert await schedule(world, key="key-1") == first
    assert len(world.plan_changes.records) == 1

    with pytest.raises(SimLineBusyError) as busy:
        await schedule(world, "SIM-50GB-VOICE", key="key-2")
    assert busy.value.code == "SIM_CHANGE_IN_PROGRESS"
    assert len(world.plan_changes.records) == 1


async def test_a_scheduled_plan_change_blocks_every_other_line_change_with_the_same_409(world: SimWorld) -> None:
    await schedule(world)
    with pytest.raises(SimLineBusyError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(voice_mail=False))
    with pytest.raises(SimLineBusyError):
        await world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G)
    assert world.sims.changes == []

    await world.cancel_plan_change().execute(world.hanako, HANAKO_SIM)
    await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(voice_mail=False))
    assert world.sims.changes == [(SimOperation.VOICE_OPTIONS, HANAKO_MSISDN)]


async def test_a_pending_freebit_change_blocks_scheduling_a_plan_change(world: SimWorld) -> None:
    await world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G)
    with pytest.raises(SimLineBusyError):
        await schedule(world)


async def test_a_cancelled_change_is_never_applied(world: SimWorld) -> None:
    await schedule(world)
    world.clock.advance((CUT_OFF - START).total_seconds() - 1)  # the last second of November in Tokyo

    view = await world.cancel_plan_change().execute(world.hanako, HANAKO_SIM)

    assert (view.state, view.cancellable) == ("cancelled", False)
    assert (await world.get_sim().execute(world.hanako, HANAKO_SIM)).plan_change is None
    world.clock.advance(3600)
    assert await world.apply_due_plan_changes().execute() == 0
    assert (plan_changes_sent(world), product_changes_sent(world)) == (0, 0)
    with pytest.raises(NotFoundError):  # nothing left to cancel
        await world.cancel_plan_change().execute(world.hanako, HANAKO_SIM)


async def test_from_the_cut_off_a_change_can_no_longer_be_cancelled(world: SimWorld) -> None:
    await schedule(world)
    world.clock.advance((CUT_OFF - START).total_seconds())  # the worker has not even run yet
    with pytest.raises(PlanChangeNotCancellableError):
        await world.cancel_plan_change().execute(world.hanako, HANAKO_SIM)
    assert await world.apply_due_plan_changes().execute() == 1
    assert (plan_changes_sent(world), product_changes_sent(world)) == (1, 1)


class ClaimedAfterRead:
    """The plan change store, with the worker claiming the change right after the cancellation has read it."""

    def __init__(self, world: SimWorld) -> None:
        self._records = world.plan_changes
        self._clock = world.clock

    async def open_for_sim(self, sim_id: int) -> PlanChange | None:
        found = await self._records.open_for_sim(sim_id)
        claimed = await self._records.open_for_sim(sim_id)
        assert claimed is not None
        claimed.move(PlanChangeState.APPLYING, self._clock.now())  # what ApplyPlanChange saves first
        await self._records.save(claimed)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._records, name)


async def test_a_cancellation_racing_the_worker_loses_to_its_claim(world: SimWorld) -> None:
    change_id = await schedule(world)
    world.clock.advance((CUT_OFF - START).total_seconds() - 1)  # still before the cut-off by the API's clock
    racing = CancelPlanChange(world.lines(), ClaimedAfterRead(world), world.clock)

    with pytest.raises(PlanChangeNotCancellableError):
        await racing.execute(world.hanako, HANAKO_SIM)
    assert world.plan_changes.records[change_id].state is PlanChangeState.APPLYING


async def test_on_its_day_the_worker_changes_the_plan_at_freebit_and_the_product_in_billing(world: SimWorld) -> None:
    change_id = await schedule(world)
    await world.get_sim().execute(world.hanako, HANAKO_SIM)  # cached with the old plan
    assert await world.apply_due_plan_changes().execute() == 0  # not due yet

    world.clock.advance((CUT_OFF - START).total_seconds())
    assert await world.apply_due_plan_changes().execute() == 1

    change = world.plan_changes.records[change_id]
    assert (change.state, change.step.value) == (PlanChangeState.COMPLETED, "product_changed")
    assert world.sims.world.lines[HANAKO_MSISDN].plan_code == "PNEW_20G"
    service = world.billing.world.services[HANAKO_SIM]
    assert (service.product_id, service.recurring) == (207, Decimal("3280.00"))
    sim = await world.get_sim().execute(world.hanako, HANAKO_SIM)  # the number carried over, the caches cleared
    assert (sim.msisdn, sim.plan_code, sim.product_name, sim.plan_change) == (
        HANAKO_MSISDN,
        "PNEW_20G",
        "SIM 20GB Voice",
        None,
    )
    assert (plan_changes_sent(world), product_changes_sent(world)) == (1, 1)
    assert await world.apply_due_plan_changes().execute() == 0  # finished: never again


async def test_a_family_twin_of_the_same_size_changes_billing_only(world: SimWorld) -> None:
    await schedule(world, "SIM-10GB-VOICE-FAMILY")
    world.clock.advance((CUT_OFF - START).total_seconds())
    assert await world.apply_due_plan_changes().execute() == 1
    assert (plan_changes_sent(world), product_changes_sent(world)) == (0, 1)
    assert world.billing.world.services[HANAKO_SIM].product_id == 224


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)))
def test_a_change_applies_on_the_first_of_the_next_month_in_tokyo(now: datetime) -> None:
    today = now.astimezone(TOKYO).date()
    day = effective_date(now)
    assert day.day == 1
    assert today < day <= today + timedelta(days=31)
    assert (day.year * 12 + day.month) - (today.year * 12 + today.month) == 1
    assert cut_off(day) > now
    assert cut_off(day).astimezone(TOKYO).date() == day
