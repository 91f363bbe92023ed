"""The twin's own hooks: fault firings and finishing pending orders by hand."""

from __future__ import annotations

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.sim_provisioner import InMemorySimProvisioner, TwinFault, TwinFaults
from application.errors import UpstreamUnavailableError
from application.ports.sim_models import PhysicalSimActivation, SimOperation
from sandbox.freebit import seed

SIM = seed.PHYSICAL_SIMS[0]
REQUEST = PhysicalSimActivation(msisdn=SIM.msisdn, product_number=SIM.product_number, plan_code="PNEW_3G")


def test_a_fault_fires_as_often_as_armed() -> None:
    faults = TwinFaults()
    faults.arm(SimOperation.CANCEL, TwinFault.UNAVAILABLE, times=2)

    fired = [faults.take(SimOperation.CANCEL) for _ in range(3)]

    assert fired == [TwinFault.UNAVAILABLE, TwinFault.UNAVAILABLE, None]


def test_a_fault_armed_without_a_count_fires_until_cleared() -> None:
    faults = TwinFaults()
    faults.arm(SimOperation.GET_ACCOUNT, TwinFault.UNAVAILABLE, times=None)
    assert all(faults.take(SimOperation.GET_ACCOUNT) for _ in range(5))
    faults.clear()
    assert faults.take(SimOperation.GET_ACCOUNT) is None


async def test_complete_pending_finishes_orders_without_moving_time() -> None:
    twin = InMemorySimProvisioner(FrozenClock())
    await twin.activate_physical_sim(REQUEST)

    twin.complete_pending()

    assert (await twin.get_account(SIM.msisdn)).activation_complete
    assert twin.registrations[0].product_number == SIM.product_number


async def test_an_unavailable_write_applies_nothing() -> None:
    twin = InMemorySimProvisioner(FrozenClock())
    twin.faults.arm(SimOperation.ACTIVATE_PHYSICAL, TwinFault.UNAVAILABLE)

    with pytest.raises(UpstreamUnavailableError):
        await twin.activate_physical_sim(REQUEST)
    assert twin.activations_for(SIM.msisdn) == 0
