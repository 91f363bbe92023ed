"""The cut-off rule, for any moment: the month-ends offered are exactly those whose cut-off is still ahead."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cancellation.schedule import (
    TOKYO,
    CancellationDateError,
    allowed_end_dates,
    checked_end_date,
    cutoff_of,
    month_end,
    next_month_end,
)

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC))
days = st.integers(min_value=1, max_value=28)


@given(moments, days, st.integers(min_value=1, max_value=12))
def test_every_offered_end_is_a_month_end_whose_cut_off_is_ahead(now: datetime, cutoff_day: int, months: int) -> None:
    ends = allowed_end_dates(now, cutoff_day=cutoff_day, months=months)
    assert len(ends) == months
    for end in ends:
        assert next_month_end(end - timedelta(days=40)) == end or end == month_end(end.year, end.month)
        assert (end + timedelta(days=1)).day == 1
        assert now < cutoff_of(end, cutoff_day)
    assert list(ends) == sorted(set(ends))
    assert all(next_month_end(a) == b for a, b in itertools.pairwise(ends))


@given(moments, days)
def test_the_month_end_before_the_first_offered_is_already_closed(now: datetime, cutoff_day: int) -> None:
    first = allowed_end_dates(now, cutoff_day=cutoff_day, months=1)[0]
    previous = first.replace(day=1) - timedelta(days=1)
    assert now >= cutoff_of(previous, cutoff_day)
    assert first - now.astimezone(TOKYO).date() < timedelta(days=62)


@pytest.mark.parametrize(
    ("tokyo_moment", "first_end"),
    [
        (datetime(2026, 3, 25, 23, 59, 59, tzinfo=TOKYO), date(2026, 3, 31)),  # the 25th, last second: this month
        (datetime(2026, 3, 26, 0, 0, tzinfo=TOKYO), date(2026, 4, 30)),  # the 26th: next month
        (datetime(2026, 3, 25, 15, 30, tzinfo=UTC), date(2026, 4, 30)),  # 00:30 on the 26th in Tokyo
        (datetime(2026, 2, 1, 0, 0, tzinfo=TOKYO), date(2026, 2, 28)),
        (datetime(2028, 2, 20, 0, 0, tzinfo=TOKYO), date(2028, 2, 29)),  # leap year
        (datetime(2026, 12, 31, 12, 0, tzinfo=TOKYO), date(2027, 1, 31)),  # across the year
    ],
)
def test_the_cut_off_is_the_end_of_the_25th_in_tokyo(tokyo_moment: datetime, first_end: date) -> None:
    assert allowed_end_dates(tokyo_moment, cutoff_day=25, months=1) == (first_end,)


def test_a_date_not_offered_is_refused_with_the_dates_that_are() -> None:
    now = datetime(2026, 3, 10, tzinfo=TOKYO)
    assert checked_end_date(date(2026, 4, 30), now, cutoff_day=25, months=6) == date(2026, 4, 30)
    for wrong in (date(2026, 3, 30), date(2026, 2, 28), date(2026, 9, 30), date(2027, 3, 31)):
        with pytest.raises(CancellationDateError, match="2026-03-31"):
            checked_end_date(wrong, now, cutoff_day=25, months=6)


def test_a_cut_off_day_that_some_month_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="cut-off"):
        allowed_end_dates(datetime(2026, 3, 10, tzinfo=TOKYO), cutoff_day=29, months=1)
