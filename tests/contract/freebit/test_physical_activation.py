"""PA02-01 physical SIM activation: accepted, pending, completed after Freebit's delay; refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.errors import ConflictError, InvalidInputError
from application.ports.sim_models import (
    AcceptedOperation,
    ContractLine,
    PendingOperation,
    SimAccountState,
    SimOperation,
)
from sandbox.freebit import seed
from tests.contract.freebit.requests import FREE_SIM, OTHER_SIM, physical, today_in_japan
from tests.contract.freebit.worlds import COMPLETION_DELAY, World


async def test_activation_is_pending_until_freebit_completes_it(world: World) -> None:
    accepted = await world.provisioner.activate_physical_sim(physical(contract_line=ContractLine.FIVE_G))

    assert accepted == AcceptedOperation(msisdn=FREE_SIM.msisdn, operation=SimOperation.ACTIVATE_PHYSICAL)
    today = today_in_japan(world.clock)
    pending = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert pending.state is SimAccountState.ACTIVATING
    assert pending.activation_pending
    assert pending.pending == (PendingOperation(operation=SimOperation.ACTIVATE_PHYSICAL, run_on=today),)
    assert pending.product_number == FREE_SIM.product_number
    assert pending.plan_code == "PNEW_3G"
    assert pending.contract_line is ContractLine.FIVE_G

    world.clock.advance(COMPLETION_DELAY - 1)
    assert (await world.provisioner.get_account(FREE_SIM.msisdn)).activation_pending

    world.clock.advance(1)
    done = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert done.activation_complete
    assert done.pending == ()
    assert done.started_on == today
    assert world.activations(FREE_SIM.msisdn) == 1


async def test_scheduled_activation_starts_on_its_date(world: World) -> None:
    start_on = today_in_japan(world.clock) + timedelta(days=3)
    await world.provisioner.activate_physical_sim(physical(start_on=start_on))

    world.clock.advance(COMPLETION_DELAY * 2)
    account = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert account.activation_pending
    assert account.pending == (PendingOperation(operation=SimOperation.ACTIVATE_PHYSICAL, run_on=start_on),)

    world.clock.advance(timedelta(days=3).total_seconds() + COMPLETION_DELAY)
    account = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert account.activation_complete
    assert account.started_on == start_on


async def test_registering_the_same_sim_twice_is_a_conflict(world: World) -> None:
    await world.provisioner.activate_physical_sim(physical())

    with pytest.raises(ConflictError, match="500-501"):
        await world.provisioner.activate_physical_sim(physical())
    assert world.activations(FREE_SIM.msisdn) == 1


async def test_product_number_must_be_bound_to_the_number(world: World) -> None:
    with pytest.raises(InvalidInputError, match="400-413") as raised:
        await world.provisioner.activate_physical_sim(physical(msisdn=OTHER_SIM.msisdn))
    assert "product_number" in raised.value.fields


async def test_unknown_product_number_is_invalid_input(world: World) -> None:
    with pytest.raises(InvalidInputError, match="300-302") as raised:
        await world.provisioner.activate_physical_sim(physical(product_number="AX9999999999999"))
    assert "product_number" in raised.value.fields


@pytest.mark.parametrize("product_number", ["AX123", "ax2025110000001", "AX20251100000011", "1234567890ABCDE"])
async def test_malformed_product_number_is_invalid_input(world: World, product_number: str) -> None:
    with pytest.raises(InvalidInputError, match="400-402"):
        await world.provisioner.activate_physical_sim(physical(product_number=product_number))


@pytest.mark.parametrize("plan_code", ["PNEW_1G", "pnew_3g", "LTE3G_P01"])
async def test_unknown_plan_is_invalid_input(world: World, plan_code: str) -> None:
    with pytest.raises(InvalidInputError, match="400-406") as raised:
        await world.provisioner.activate_physical_sim(physical(plan_code=plan_code))
    assert "plan_code" in raised.value.fields
    assert world.activations(FREE_SIM.msisdn) == 0


async def test_hanakos_number_is_already_registered(world: World) -> None:
    with pytest.raises(InvalidInputError, match="400-413"):
        await world.provisioner.activate_physical_sim(physical(msisdn=seed.HANAKO_MSISDN))
