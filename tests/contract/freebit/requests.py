"""Port requests built from the demo world's Freebit seed."""

from __future__ import annotations

from datetime import date, timedelta, timezone

from adapters.memory.clock import FrozenClock
from application.ports.sim_models import (
    EsimActivation,
    MnpTransfer,
    PhysicalSimActivation,
    SimKind,
)
from sandbox.freebit import seed

JST = timezone(timedelta(hours=9))

FREE_SIM = seed.PHYSICAL_SIMS[0]
OTHER_SIM = seed.PHYSICAL_SIMS[1]
ESIM_NUMBER = seed.ESIM_MSISDNS[0]
EID = seed.SAMPLE_EIDS[0]
OTHER_EID = seed.SAMPLE_EIDS[1]


def physical(sim: seed.PhysicalSim = FREE_SIM, **changes: object) -> PhysicalSimActivation:
    values: dict[str, object] = {"msisdn": sim.msisdn, "product_number": sim.product_number, "plan_code": "PNEW_3G"}
    values.update(changes)
    return PhysicalSimActivation(**values)  # type: ignore[arg-type]


def esim(msisdn: str = ESIM_NUMBER, eid: str = EID, **changes: object) -> EsimActivation:
    values: dict[str, object] = {"msisdn": msisdn, "eid": eid, "plan_code": "PNEW_20G", "sim_kind": SimKind.VOICE}
    values.update(changes)
    return EsimActivation(**values)  # type: ignore[arg-type]


def mnp(today: date, **changes: object) -> MnpTransfer:
    reservation = seed.MNP_RESERVATION
    values: dict[str, object] = {
        "reserve_number": reservation.reserve_number,
        "reserve_expires_on": today + timedelta(days=reservation.valid_days),
        "last_name_kanji": reservation.last_name_kanji,
        "first_name_kanji": reservation.first_name_kanji,
        "last_name_kana": reservation.last_name_kana,
        "first_name_kana": reservation.first_name_kana,
        "gender": reservation.gender,
        "birthday": reservation.birthday,
    }
    values.update(changes)
    return MnpTransfer(**values)  # type: ignore[arg-type]


def port_in(today: date, **mnp_changes: object) -> EsimActivation:
    return esim(seed.MNP_RESERVATION.msisdn, mnp=mnp(today, **mnp_changes))


def today_in_japan(clock: FrozenClock) -> date:
    return clock.now().astimezone(JST).date()
