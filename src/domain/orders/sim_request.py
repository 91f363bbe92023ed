"""How a SIM order wants its SIM: physical card or eSIM (with the device's EID), new number or ported in (MNP)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.orders.errors import InvalidEidError, InvalidMnpError, SimTypeRequiredError

EID = re.compile(r"\d{32}")
RESERVATION_NUMBER = re.compile(r"\d{10}")
MOBILE_NUMBER = re.compile(r"0[789]0\d{8}")
FULL_WIDTH_KANA = re.compile(r"[ァ-ヶー　]+")
GENDERS = ("M", "W", "C")  # Freebit's codes: male, female, corporate


class SimType(StrEnum):
    PHYSICAL = "physical"
    ESIM = "eSIM"


@dataclass(frozen=True, slots=True)
class MnpHolder:
    """The person named on the porting reservation, exactly as the donor carrier registered them."""

    last_name_kanji: str
    first_name_kanji: str
    last_name_kana: str
    first_name_kana: str
    gender: str
    birthday: date


@dataclass(frozen=True, slots=True)
class MnpRequest:
    reservation_number: str
    expires_on: date
    phone_number: str  # digits only
    holder: MnpHolder


@dataclass(frozen=True, slots=True)
class SimRequest:
    sim_type: SimType
    eid: str | None = None
    mnp: MnpRequest | None = None


def digits(value: str) -> str:
    return value.replace("-", "").replace(" ", "")


def check_sim_request(sim_type: str | None, eid: str | None, mnp: MnpRequest | None, *, today: date) -> SimRequest:
    if sim_type not in (SimType.PHYSICAL.value, SimType.ESIM.value):
        raise SimTypeRequiredError("Choose a physical SIM or an eSIM.", field="sim.type")
    kind = SimType(sim_type)
    if kind is SimType.ESIM:
        if eid is None or not EID.fullmatch(digits(eid)):
            raise InvalidEidError("The EID is the 32 digits shown in your phone's settings.", field="sim.eid")
        eid = digits(eid)
    elif eid:
        raise InvalidEidError("Only an eSIM order takes an EID.", field="sim.eid")
    if mnp is not None:
        if kind is not SimType.ESIM:
            raise InvalidMnpError("Porting a number in is available with an eSIM.", field="sim.mnp")
        mnp = check_mnp(mnp, today=today)
    return SimRequest(sim_type=kind, eid=eid, mnp=mnp)


def check_mnp(mnp: MnpRequest, *, today: date) -> MnpRequest:
    number = digits(mnp.reservation_number)
    if not RESERVATION_NUMBER.fullmatch(number):
        raise InvalidMnpError("The MNP reservation number has 10 digits.", field="sim.mnp.reservationNumber")
    if mnp.expires_on < today:
        raise InvalidMnpError("This MNP reservation has expired.", field="sim.mnp.expiresOn")
    phone = digits(mnp.phone_number)
    if not MOBILE_NUMBER.fullmatch(phone):
        raise InvalidMnpError("The number to port is a mobile number (070, 080 or 090).", field="sim.mnp.phoneNumber")
    holder = mnp.holder
    for name, value in (("lastNameKanji", holder.last_name_kanji), ("firstNameKanji", holder.first_name_kanji)):
        if not value.strip():
            raise InvalidMnpError("Give the name as registered with your current carrier.", field=f"sim.mnp.{name}")
    for name, value in (("lastNameKana", holder.last_name_kana), ("firstNameKana", holder.first_name_kana)):
        if not FULL_WIDTH_KANA.fullmatch(value):
            raise InvalidMnpError("Write the reading in full-width katakana.", field=f"sim.mnp.{name}")
    if holder.gender not in GENDERS:
        raise InvalidMnpError("Gender is M, W or C.", field="sim.mnp.gender")
    if holder.birthday >= today:
        raise InvalidMnpError("The birthday must be in the past.", field="sim.mnp.birthday")
    return MnpRequest(reservation_number=number, expires_on=mnp.expires_on, phone_number=phone, holder=holder)
