"""When a cancellation may end a service, and until when the customer may change their mind (Tokyo time).

A service ends at the end of a month (its last day, 23:59:59 in Tokyo). Each month has one cut-off: the end of its
`cutoff_day` (25 by default). Before a month's cut-off the customer may still choose that month's end, and may
withdraw a cancellation ending then; from the cut-off on, that month-end is out of reach and a cancellation ending
then is final (billing is told, the line and equipment work is planned). So a request on 25 March may end the
service on 31 March; one on 26 March ends it on 30 April at the earliest. One moment closes both the choice and the
withdrawal, so a customer can never choose a date they could not also withdraw from a minute later.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import DomainError

TOKYO = ZoneInfo("Asia/Tokyo")
LATEST_CUTOFF_DAY = 28  # every month has it


class CancellationDateError(DomainError):
    code = "CANCELLATION_DATE_NOT_ALLOWED"
    field = "endDate"

    def __init__(self, allowed: tuple[date, ...]) -> None:
        offered = ", ".join(day.isoformat() for day in allowed)
        super().__init__(f"A cancellation ends at the end of a month; the dates open now are {offered}.")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_month_end(end: date) -> date:
    following = end + timedelta(days=1)
    return month_end(following.year, following.month)


def cutoff_of(end: date, cutoff_day: int) -> datetime:
    """The moment a cancellation ending on `end` becomes final: midnight after `cutoff_day` of its month, Tokyo."""
    return datetime.combine(date(end.year, end.month, cutoff_day) + timedelta(days=1), time(0), tzinfo=TOKYO)


def service_ends_at(end: date) -> datetime:
    """The last second the service runs (the Opportunity's ScheduledCancellationDateAndTime__c)."""
    return datetime.combine(end, time(23, 59, 59), tzinfo=TOKYO)


def allowed_end_dates(now: datetime, *, cutoff_day: int, months: int) -> tuple[date, ...]:
    """The month-ends a request made at `now` may choose: the earliest whose cut-off is ahead, and the next ones."""
    if not 1 <= cutoff_day <= LATEST_CUTOFF_DAY:
        raise ValueError(f"the cut-off day must be 1-{LATEST_CUTOFF_DAY}")
    today = now.astimezone(TOKYO).date()
    end = month_end(today.year, today.month)
    if now >= cutoff_of(end, cutoff_day):
        end = next_month_end(end)
    ends = [end]
    while len(ends) < months:
        ends.append(next_month_end(ends[-1]))
    return tuple(ends)


def checked_end_date(wanted: date, now: datetime, *, cutoff_day: int, months: int) -> date:
    allowed = allowed_end_dates(now, cutoff_day=cutoff_day, months=months)
    if wanted not in allowed:
        raise CancellationDateError(allowed)
    return wanted


def tokyo_day_starts(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TOKYO)
