"""What the cancellation journeys answer, in plain types (the HTTP layer renders them)."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from domain.cancellation.cancellation import Cancellation
from domain.cancellation.schedule import cutoff_of


class CancellationView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    subscription_id: int
    kind: str  # internet | sim
    state: str  # scheduled | withdrawing | withdrawn | confirmed | completed | needs_staff
    end_date: date
    withdrawable_until: datetime  # the cut-off: withdrawable before it
    withdrawable: bool
    moving: bool
    line_return: str | None
    requested_at: datetime
    withdrawn_at: datetime | None


class EndDateOption(msgspec.Struct, frozen=True, kw_only=True):
    end_date: date
    withdrawable_until: datetime


class CancellationStatus(msgspec.Struct, frozen=True, kw_only=True):
    subscription_id: int
    kind: str
    current: CancellationView | None  # the cancellation holding the service, if any
    end_dates: tuple[EndDateOption, ...]  # what a new request may choose now (empty while one holds it)


def cancellation_view(cancellation: Cancellation, now: datetime) -> CancellationView:
    return CancellationView(
        id=cancellation.id,
        subscription_id=cancellation.service_id,
        kind=cancellation.kind.value,
        state=cancellation.state.value,
        end_date=cancellation.end_date,
        withdrawable_until=cancellation.cutoff_at,
        withdrawable=cancellation.withdrawable(now),
        moving=cancellation.moving,
        line_return=cancellation.line_return.value if cancellation.line_return else None,
        requested_at=cancellation.created_at,
        withdrawn_at=cancellation.withdrawn_at,
    )


def end_date_options(ends: tuple[date, ...], cutoff_day: int) -> tuple[EndDateOption, ...]:
    return tuple(EndDateOption(end_date=end, withdrawable_until=cutoff_of(end, cutoff_day)) for end in ends)
