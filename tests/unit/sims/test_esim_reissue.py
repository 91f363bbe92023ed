"""eSIM reissue to a new device: a valid 32-digit EID, eSIMs only, the old profile working until the new one is
active, one change at a time, never sent twice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.sim_provisioner import TwinFault
from application.errors import UpstreamUnavailableError
from application.outages import SimServiceUnavailableError
from application.ports.sim_models import SimOperation
from application.sims.errors import EsimRequiredError, SimLineBusyError
from application.sims.record_reissued_eid import EidOutcome, ReissueStillRunningError
from application.sims.reissue_esim import ReissueEsim
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


def billing_eid(world: SimWorld) -> str:
    service = world.billing.world.services[HANAKO_SIM]
    field_id = next(f.id for f in world.billing.world.products[service.product_id].custom_fields if f.name == "EID")
    return service.custom_fields.get(field_id, "")


async def run_eid_jobs(world: SimWorld) -> list[EidOutcome]:
    outcomes = []
    for job in world.eid_jobs.take():
        outcome = await world.record_reissued_eid().execute(
            client_id=job.client_id, service_id=job.service_id, msisdn=job.msisdn
        )
        outcomes.append(outcome)
    return outcomes


async def test_the_new_eid_reaches_the_billing_service_once_the_profile_is_active(world: SimWorld) -> None:
    as_esim(world)
    await world.reissue_esim().execute(world.hanako, HANAKO_SIM, NEW_EID)
    (job,) = world.eid_jobs.jobs
    with pytest.raises(ReissueStillRunningError):  # the queue retries it later: the old EID is still the line's
        await world.record_reissued_eid().execute(client_id=job.client_id, service_id=job.service_id, msisdn=job.msisdn)
    assert billing_eid(world) == ""

    world.clock.advance(121)
    assert await run_eid_jobs(world) == [EidOutcome.WRITTEN]
    assert billing_eid(world) == NEW_EID
    again = await world.record_reissued_eid().execute(client_id=job.client_id, service_id=job.service_id,
                                                      msisdn=job.msisdn)  # fmt: skip
    assert again is EidOutcome.ALREADY
    assert world.billing.world.calls.count("update_service_custom_fields") == 1


async def test_a_lost_billing_answer_is_looked_up_and_not_written_again(world: SimWorld) -> None:
    as_esim(world)
    await world.reissue_esim().execute(world.hanako, HANAKO_SIM, NEW_EID)
    world.clock.advance(121)
    job = world.eid_jobs.jobs[0]
    world.billing.world.fail_next("update_service_custom_fields", UpstreamUnavailableError("WHMCS"), after_apply=True)
    with pytest.raises(UpstreamUnavailableError):
        await world.record_reissued_eid().execute(client_id=job.client_id, service_id=job.service_id, msisdn=job.msisdn)
    assert await run_eid_jobs(world) == [EidOutcome.ALREADY]  # the queue's retry reads the field first
    assert billing_eid(world) == NEW_EID
    assert world.billing.world.calls.count("update_service_custom_fields") == 1


class QueueDown:
    async def record_later(self, *, client_id: int, service_id: int, msisdn: str) -> None:
        raise UpstreamUnavailableError("postgres", "The job queue is unavailable.")


async def test_a_queue_that_cannot_be_reached_is_503_with_nothing_sent(world: SimWorld) -> None:
    as_esim(world)
    reissue = ReissueEsim(world.gate(), world.sims, world.get_sim(), QueueDown())
    with pytest.raises(SimServiceUnavailableError):
        await reissue.execute(world.hanako, HANAKO_SIM, NEW_EID)
    assert world.sims.changes == []
