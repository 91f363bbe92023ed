"""Freebit's answers as our types. Field casing varies in production, so both spellings are read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from adapters.freebit.errors import SYSTEM
from application.errors import UpstreamUnavailableError
from application.ports.sim_models import (
    ContractLine,
    DailyUsage,
    PendingOperation,
    SimAccount,
    SimAccountState,
    SimKind,
    SimOperation,
    TrafficInfo,
    VoiceOptions,
)

_SIM_KINDS = {"E0": SimKind.VOICE, "E2": SimKind.DATA, "E3": SimKind.DATA_SMS}
_ORDER_KINDS = {
    "addAcnt": SimOperation.ACTIVATE_PHYSICAL,
    "esimAddAcnt": SimOperation.ACTIVATE_ESIM,
    "esimReissue": SimOperation.REISSUE_ESIM,
    "talkOption": SimOperation.VOICE_OPTIONS,
    "cnclAcnt": SimOperation.CANCEL,
    "contractLine": SimOperation.NETWORK_TYPE,
    "planChange": SimOperation.PLAN_CHANGE,
    "simSwap": SimOperation.SWAP_CARD,
}


class UnexpectedAnswerError(UpstreamUnavailableError):
    """Freebit answered "100" in a shape we cannot read."""


def _unexpected(what: str) -> UnexpectedAnswerError:
    return UnexpectedAnswerError(SYSTEM, f"Freebit answered {what} in an unexpected shape")


def _first(item: dict[str, Any], *names: str) -> str:
    for name in names:
        value = item.get(name)
        if value is not None:
            return str(value)
    return ""


def _day(value: str) -> date | None:
    return datetime.strptime(value, "%Y%m%d").date() if value else None


def account(payload: dict[str, Any]) -> SimAccount:
    items = payload.get("responseDatas")
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        raise _unexpected("account detail")
    item: dict[str, Any] = items[0]
    try:
        return SimAccount(
            msisdn=_first(item, "account"),
            state=SimAccountState(_first(item, "state", "status")),
            plan_code=_first(item, "planCode"),
            contract_line=ContractLine(_first(item, "contractLine", "networkType") or "4G"),
            voice_options=VoiceOptions(
                voice_mail=_first(item, "voicemail", "voiceMail") == "10",
                call_waiting=_first(item, "callwaiting", "callWaiting") == "10",
                international_roaming=_first(item, "worldwing", "worldWing") == "10",
            ),
            pending=tuple(_pending(order) for order in item.get("pendingOrders") or ()),
            sim_kind=_SIM_KINDS.get(_first(item, "simKind")),
            product_number=_first(item, "productNumber") or None,
            eid=_first(item, "eid") or None,
            started_on=_day(_first(item, "startDate")),
            cancelled_on=_day(_first(item, "cancelDate")),
        )
    except (ValueError, TypeError, AttributeError) as exc:
        raise _unexpected("account detail") from exc


def _pending(order: dict[str, Any]) -> PendingOperation:
    run_on = _day(_first(order, "runDate"))
    if run_on is None:
        raise ValueError("pending order without runDate")
    return PendingOperation(operation=_ORDER_KINDS.get(_first(order, "orderKind"), SimOperation.OTHER), run_on=run_on)


class _Day(msgspec.Struct):
    date: str
    traffic: str


class _Traffic(msgspec.Struct, rename="camel"):
    account: str
    remaining_quota: str
    today_traffic: str
    recent_traffic: list[_Day] = []


def traffic(payload: dict[str, Any]) -> TrafficInfo:
    try:
        wire = msgspec.convert(payload.get("traffic"), _Traffic)
        return TrafficInfo(
            msisdn=wire.account,
            remaining_mb=int(wire.remaining_quota),
            used_today_mb=int(wire.today_traffic),
            recent_days=tuple(
                DailyUsage(day=datetime.strptime(d.date, "%Y%m%d").date(), used_mb=int(d.traffic))
                for d in wire.recent_traffic
            ),
        )
    except (msgspec.ValidationError, ValueError) as exc:
        raise _unexpected("traffic info") from exc


def quota_codes(payload: dict[str, Any]) -> set[str]:
    history = payload.get("quotaHistory")
    if not isinstance(history, list):
        raise _unexpected("quota history")
    return {str(entry.get("quotaCode", "")) for entry in history if isinstance(entry, dict)}
