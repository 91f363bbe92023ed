"""The emulator's mutable records (one per Freebit account, inventory item and pending order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")

ON, OFF = "10", "20"
VOICE_OPTION_NAMES = ("voiceMail", "callWaiting", "worldWing", "callTransfer")


def jst_date(moment: datetime) -> date:
    return moment.astimezone(JST).date()


def start_of_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=JST)


@dataclass
class PendingOrder:
    kind: str  # addAcnt | esimAddAcnt | esimReissue | talkOption | cnclAcnt | contractLine | planChange | simSwap
    starts_at: datetime
    due_at: datetime
    payload: dict[str, str] = field(default_factory=dict)

    def processing(self, now: datetime) -> bool:
        return self.starts_at <= now


@dataclass
class QuotaRecord:
    quota_mb: int
    quota_code: str
    expire: str  # YYYYMMDD or ""
    added_at: datetime


@dataclass
class Account:
    msisdn: str
    plan_code: str
    contract_line: str
    state: str  # activating | active | cancelled
    remaining_mb: int
    product_number: str = ""
    eid: str = ""
    sim_kind: str = ""  # E0/E2/E3 for eSIM
    voice: dict[str, str] = field(default_factory=lambda: dict.fromkeys(VOICE_OPTION_NAMES, OFF))
    started_on: date | None = None
    cancelled_on: date | None = None
    pending: list[PendingOrder] = field(default_factory=list)
    usage_mb: dict[date, int] = field(default_factory=dict)
    quota_history: list[QuotaRecord] = field(default_factory=list)

    def processing(self, now: datetime) -> bool:
        return any(order.processing(now) for order in self.pending)


@dataclass
class Registration:
    """One accepted activation request: what tests count to prove nothing was registered twice."""

    operation: str  # the Freebit path, e.g. master/addAcnt
    account: str
    product_number: str
    eid: str
    add_kind: str
    accepted_at: datetime


@dataclass
class StockSim:
    product_number: str
    msisdn: str
    used: bool = False


@dataclass
class Reservation:
    reserve_number: str
    msisdn: str
    expires_on: date
    holder: dict[str, str]  # lastnameKanji, firstnameKanji, lastnameZenKana, firstnameZenKana, gender, birthday
    used: bool = False
