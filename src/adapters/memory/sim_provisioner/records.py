"""The twin's mutable records: one line per MSISDN, with Freebit's asynchronous orders queued on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from application.ports.sim_models import SimAccountState, SimKind, SimOperation, VoiceOptionChange, VoiceOptions

JST = timezone(timedelta(hours=9), "JST")


def jst_date(moment: datetime) -> date:
    return moment.astimezone(JST).date()


def start_of_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=JST)


@dataclass
class Order:
    operation: SimOperation
    starts_at: datetime
    due_at: datetime
    voice_options: VoiceOptions | None = None
    voice_change: VoiceOptionChange | None = None  # PA05-06: only the options it names
    contract_line: str | None = None  # PA05-38
    eid: str | None = None  # PA05-41 reissue: the new device
    product_number: str | None = None  # a card swap: the new card


@dataclass
class Line:
    msisdn: str
    plan_code: str
    contract_line: str
    state: SimAccountState
    remaining_mb: int
    product_number: str | None = None
    eid: str | None = None
    sim_kind: SimKind | None = None
    voice_options: VoiceOptions = field(default_factory=VoiceOptions)
    started_on: date | None = None
    cancelled_on: date | None = None
    orders: list[Order] = field(default_factory=list)
    usage_mb: dict[date, int] = field(default_factory=dict)
    quota_codes: list[str] = field(default_factory=list)

    def processing(self, now: datetime) -> bool:
        return any(order.starts_at <= now for order in self.orders)


@dataclass(frozen=True)
class Registration:
    """One accepted activation: what tests count to prove nothing was registered twice."""

    operation: SimOperation
    msisdn: str
    product_number: str | None
    eid: str | None


@dataclass
class Reservation:
    msisdn: str
    expires_on: date
    holder: tuple[str, str, str, str, str, date]  # kanji last/first, kana last/first, gender, birthday
    used: bool = False
