"""PA05-21 plan change, the same in both worlds: the plan replaced at once, unknown plans and busy lines refused, and
a lost answer found on the line (its plan) instead of being sent again."""

from __future__ import annotations

from typing import cast

import pytest

from application.errors import ConflictError, InvalidInputError
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_models import ContractLine, SimOperation
from application.ports.sim_plan_changes import SimPlanChanges
from application.sims.errors import SimLineBusyError
from sandbox.faults import FaultKind
from sandbox.freebit import seed
from tests.contract.freebit.requests import FREE_SIM, physical
from tests.contract.freebit.worlds import EmulatorWorld, TwinWorld, World

HANAKO = seed.HANAKO_MSISDN


def plans(world: World) -> SimPlanChanges:
    return cast(SimPlanChanges, world.provisioner)


def sent(world: World) -> int:
    if isinstance(world, EmulatorWorld):
        return len(world.state.plan_changes)
    assert isinstance(world, TwinWorld)
    return sum(1 for operation, _ in world.twin.changes if operation is SimOperation.PLAN_CHANGE)


async def test_the_plan_is_replaced_at_once(world: World) -> None:
    accepted = await plans(world).change_plan(HANAKO, "PNEW_20G")
    assert (accepted.operation, accepted.reconciled) == (SimOperation.PLAN_CHANGE, False)
    account = await world.provisioner.get_account(HANAKO)
    assert (account.plan_code, account.pending) == ("PNEW_20G", ())
    assert sent(world) == 1


async def test_an_unknown_plan_is_refused(world: World) -> None:
    with pytest.raises(InvalidInputError, match="400-406"):
        await plans(world).change_plan(HANAKO, "PNEW_999G")
    assert (await world.provisioner.get_account(HANAKO)).plan_code == "PNEW_10G"


async def test_a_busy_line_or_one_not_in_service_is_refused(world: World) -> None:
    await cast(SimLineChanges, world.provisioner).change_network_type(HANAKO, ContractLine.FIVE_G)
    with pytest.raises(SimLineBusyError, match="500-502"):
        await plans(world).change_plan(HANAKO, "PNEW_20G")
    await world.provisioner.activate_physical_sim(physical())
    with pytest.raises(ConflictError, match="500-50"):  # still activating
        await plans(world).change_plan(FREE_SIM.msisdn, "PNEW_20G")


async def test_a_lost_answer_is_found_on_the_line_not_sent_again(world: World) -> None:
    world.inject(SimOperation.PLAN_CHANGE, FaultKind.APPLY_THEN_TIMEOUT)

    accepted = await plans(world).change_plan(HANAKO, "PNEW_20G")

    assert accepted.reconciled
    assert (await world.provisioner.get_account(HANAKO)).plan_code == "PNEW_20G"
    assert sent(world) == 1
