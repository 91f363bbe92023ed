"""The `mnp` block of an eSIM port-in: the reservation must exist, be current, and name its holder."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import Reservation, jst_date
from sandbox.freebit.operations.common import Call

HOLDER_FIELDS = ("lastnameKanji", "firstnameKanji", "lastnameZenKana", "firstnameZenKana", "gender", "birthday")


def reservation_for(call: Call, msisdn: str) -> Reservation:
    mnp = fields.obj(call.body, "mnp")
    assert mnp is not None
    number = fields.text(mnp, "reserveNumber")
    if not fields.RESERVE_NUMBER.fullmatch(number):
        raise FreebitError(codes.BAD_MNP, "reserveNumber must be 10 digits")
    expires = fields.day(mnp, "reserveExpireDate", required=True)
    for name in HOLDER_FIELDS:
        fields.text(mnp, name)
    for name in ("lastnameZenKana", "firstnameZenKana"):
        fields.matching(mnp, name, fields.ZEN_KANA)
    fields.one_of(mnp, "gender", ("M", "W", "C"))
    fields.day(mnp, "birthday", required=True)

    reservation = call.state.mnp_reservations.get(number)
    if reservation is None or reservation.msisdn != msisdn:
        raise FreebitError(codes.BAD_MNP, f"no reservation {number} for {msisdn}")
    if reservation.used:
        raise FreebitError(codes.ALREADY_REGISTERED, msisdn)
    if reservation.expires_on < jst_date(call.now):
        raise FreebitError(codes.MNP_EXPIRED, number)
    if expires != reservation.expires_on:
        raise FreebitError(codes.BAD_MNP, "reserveExpireDate does not match the reservation")
    if any(mnp[name] != value for name, value in reservation.holder.items()):
        raise FreebitError(codes.BAD_MNP, "the holder does not match the reservation")
    return reservation
