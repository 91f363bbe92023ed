"""eSIM reissue to a new device: a valid 32-digit EID, eSIMs only, the old profile working until the new one is
active, one change at a time, never sent twice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.sim_provisioner import TwinFault
from application.ports.sim_models import SimOperation
from application.sims.errors import EsimRequiredError, SimLineBusyError
from domain.sims.eid import NewEidInvalidError, parse_eid
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, SimWorld

OLD_EID = "89049032000001000000012345678901"
NEW_EID = "89049032000001000000012345678902"


def as_esim(world: SimWorld) -> None:
    """Hanako's line as an eSIM on her old phone."""
    line = world.sims.world.lines[HANAKO_MSISDN]
    line.eid, line.product_number = OLD_EID, None


async def test_the_profile_moves_to_the_new_device_only_when_it_is_active(world: SimWorld) -> None:
    as_esim(world)
    details = await world.reissue_esim().execute(world.hanako, HANAKO_SIM, "8904 9032 0000 0100 0000 0123 4567 8902")
    assert [p.operation for p in details.pending] == [SimOperation.REISSUE_ESIM]
    assert world.sims.world.lines[HANAKO_MSISDN].eid == OLD_EID  # the old phone still works meanwhile

    world.clock.advance(121)  # Freebit finishes
    world.sims.world.settle()
    assert world.sims.world.lines[HANAKO_MSISDN].eid == NEW_EID


async def test_a_physical_sim_is_not_reissued(world: SimWorld) -> None:
    with pytest.raises(EsimRequiredError):
        await world.reissue_esim().execute(world.hanako, HANAKO_SIM, NEW_EID)
    assert world.sims.changes == []


async def test_a_second_reissue_while_the_first_runs_is_409(world: SimWorld) -> None:
    as_esim(world)
    await world.reissue_esim().execute(world.hanako, HANAKO_SIM, NEW_EID)
    with pytest.raises(SimLineBusyError):
        await world.reissue_esim().execute(world.hanako, HANAKO_SIM, OLD_EID)
    assert len(world.sims.changes) == 1


async def test_a_lost_answer_is_reconciled_not_resent(world: SimWorld) -> None:
    as_esim(world)
    world.sims.faults.arm(SimOperation.REISSUE_ESIM, TwinFault.APPLY_THEN_TIMEOUT)
    await world.reissue_esim().execute(world.hanako, HANAKO_SIM, NEW_EID)
    assert len(world.sims.changes) == 1


@given(st.text(alphabet="0123456789", min_size=0, max_size=40).filter(lambda s: len(s) != 32))
def test_an_eid_is_exactly_32_digits(value: str) -> None:
    with pytest.raises(NewEidInvalidError):
        parse_eid(value)


@given(st.text(alphabet="0123456789", min_size=32, max_size=32))
def test_any_32_digits_are_an_eid(value: str) -> None:
    assert parse_eid(value) == value
