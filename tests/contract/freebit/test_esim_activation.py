"""PA05-41 eSIM activation: EID validation, the number pool, port-in (MNP) and its refusals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.errors import ConflictError, InvalidInputError
from application.ports.sim_models import SimAccountState, SimKind, SimOperation
from sandbox.freebit import seed
from tests.contract.freebit.requests import (
    ESIM_NUMBER,
    FREE_SIM,
    OTHER_EID,
    esim,
    port_in,
    today_in_japan,
)
from tests.contract.freebit.worlds import COMPLETION_DELAY, World

MNP_NUMBER = seed.MNP_RESERVATION.msisdn


async def test_new_esim_completes_with_its_eid(world: World) -> None:
    request = esim(sim_kind=SimKind.DATA_SMS)
    accepted = await world.provisioner.activate_esim(request)

    assert accepted.operation is SimOperation.ACTIVATE_ESIM
    assert accepted.reconciled is False
    pending = await world.provisioner.get_account(ESIM_NUMBER)
    assert pending.activation_pending
    assert [p.operation for p in pending.pending] == [SimOperation.ACTIVATE_ESIM]

    world.clock.advance(COMPLETION_DELAY)
    account = await world.provisioner.get_account(ESIM_NUMBER)
    assert account.state is SimAccountState.ACTIVE
    assert account.eid == request.eid
    assert account.sim_kind is SimKind.DATA_SMS
    assert account.product_number is None
    assert account.plan_code == request.plan_code
    assert world.activations(ESIM_NUMBER) == 1


not_an_eid = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 32),
    st.text(min_size=32, max_size=32).filter(lambda s: not (s.isascii() and s.isdigit())),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(eid=not_an_eid)
async def test_anything_but_32_digits_is_a_bad_eid(world: World, eid: str) -> None:
    with pytest.raises(InvalidInputError, match="400-403") as raised:
        await world.provisioner.activate_esim(esim(eid=eid))
    assert "eid" in raised.value.fields


@pytest.mark.parametrize("field", ["eid", "plan_code"])
async def test_an_empty_value_is_a_missing_parameter(world: World, field: str) -> None:
    with pytest.raises(InvalidInputError, match="400-401"):
        await world.provisioner.activate_esim(esim(**{field: ""}))


async def test_an_esim_needs_its_number_from_our_inventory(world: World) -> None:
    with pytest.raises(InvalidInputError) as raised:
        await world.provisioner.activate_esim(esim(msisdn=""))
    assert "msisdn" in raised.value.fields
    assert world.activations(ESIM_NUMBER) == 0


async def test_any_32_digit_eid_gets_a_profile(world: World) -> None:
    for number, eid in zip(
        seed.ESIM_MSISDNS[:3], ("0" * 32, "9" * 32, "12345678901234567890123456789012"), strict=True
    ):
        await world.provisioner.activate_esim(esim(msisdn=number, eid=eid))
        assert world.activations(number) == 1


async def test_a_number_outside_the_esim_pool_has_no_profile(world: World) -> None:
    with pytest.raises(ConflictError, match="300-303"):
        await world.provisioner.activate_esim(esim(msisdn=FREE_SIM.msisdn))


async def test_an_eid_holding_a_profile_is_refused(world: World) -> None:
    await world.provisioner.activate_esim(esim())

    with pytest.raises(ConflictError, match="500-501"):
        await world.provisioner.activate_esim(esim(msisdn=seed.ESIM_MSISDNS[1]))
    with pytest.raises(ConflictError, match="500-501"):
        await world.provisioner.activate_esim(esim(eid=OTHER_EID))


async def test_port_in_with_a_valid_reservation(world: World) -> None:
    await world.provisioner.activate_esim(port_in(today_in_japan(world.clock)))
    world.clock.advance(COMPLETION_DELAY)

    account = await world.provisioner.get_account(MNP_NUMBER)
    assert account.activation_complete
    assert world.activations(MNP_NUMBER) == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"reserve_number": "12345"}, "400-404"),  # not 10 digits
        ({"reserve_number": "4099999999"}, "400-404"),  # no such reservation
        ({"first_name_kanji": "花子"}, "400-404"),  # not the holder
        ({"gender": "M"}, "400-404"),
        ({"last_name_kana": "ｽｽﾞｷ"}, "400-402"),  # half-width kana
        ({"last_name_kana": "すずき"}, "400-402"),  # hiragana
    ],
)
async def test_port_in_refusals(world: World, changes: dict[str, object], code: str) -> None:
    with pytest.raises(InvalidInputError, match=code) as raised:
        await world.provisioner.activate_esim(port_in(today_in_japan(world.clock), **changes))
    assert world.activations(MNP_NUMBER) == 0
    if code == "400-404":
        assert "mnp" in raised.value.fields


async def test_port_in_for_another_number_is_refused(world: World) -> None:
    request = port_in(today_in_japan(world.clock))
    with pytest.raises(InvalidInputError, match="400-404"):
        await world.provisioner.activate_esim(esim(msisdn="09011112222", mnp=request.mnp))


async def test_expired_reservation_is_refused(world: World) -> None:
    seeded_on = today_in_japan(world.clock)
    world.clock.advance(16 * 86_400)

    with pytest.raises(InvalidInputError, match="400-405"):
        await world.provisioner.activate_esim(port_in(seeded_on))


async def test_a_reservation_ports_one_number_once(world: World) -> None:
    today = today_in_japan(world.clock)
    await world.provisioner.activate_esim(port_in(today))

    with pytest.raises(ConflictError, match="500-501"):
        await world.provisioner.activate_esim(esim(MNP_NUMBER, OTHER_EID, mnp=port_in(today).mnp))
    assert world.activations(MNP_NUMBER) == 1


async def test_port_in_needs_the_reservations_expiry_date(world: World) -> None:
    today = today_in_japan(world.clock)
    with pytest.raises(InvalidInputError, match="400-404"):
        await world.provisioner.activate_esim(port_in(today, reserve_expires_on=today))
