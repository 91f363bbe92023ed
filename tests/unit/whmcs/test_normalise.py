"""The normaliser accepts every shape WHMCS uses for the same value."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.whmcs import normalise as n

TOKYO = ZoneInfo("Asia/Tokyo")
ids = st.integers(min_value=0, max_value=2**31)


@given(ids, st.sampled_from([int, str, lambda v: f" {v} "]))
def test_ids_as_ints_or_strings(value: int, shape: object) -> None:
    assert n.to_int(shape(value)) == value  # type: ignore[operator]


@given(st.lists(st.tuples(ids, st.booleans()), max_size=8))
def test_mixed_id_types_in_one_document(rows: list[tuple[int, bool]]) -> None:
    wire = {"product": [{"id": str(v) if as_text else v} for v, as_text in rows]}
    assert [n.to_int(row["id"]) for row in n.items(wire, "product")] == [v for v, _ in rows]


@pytest.mark.parametrize("nothing", [None, "", 0, "0", "  "])
def test_no_id(nothing: object) -> None:
    assert n.to_optional_int(nothing) is None


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_money_from_decimal_strings(amount: Decimal) -> None:
    assert n.to_decimal(f"{amount:.2f}") == amount
    assert n.to_decimal("") == Decimal("0.00")


def test_garbage_money_is_an_error_not_zero() -> None:
    with pytest.raises(ValueError, match="not a decimal"):
        n.to_decimal("¥1,200 JPY")


@pytest.mark.parametrize(("value", "expected"), [(1, True), ("1", True), (True, True), ("true", True), ("on", True),
                                                 ("yes", True), (0, False), ("0", False), ("", False), (False, False),
                                                 ("false", False), (None, False)])  # fmt: skip
def test_booleans_in_every_spelling(value: object, expected: bool) -> None:
    assert n.to_bool(value) is expected


@given(st.text(alphabet=st.characters(blacklist_characters="&"), max_size=40))
def test_escaped_strings_round_trip(original: str) -> None:
    assert n.text(html.escape(original, quote=True).replace("&#x27;", "&#039;")) == original


@given(st.sampled_from(["invoice", "product", "order", "customfield"]), st.lists(st.integers(), max_size=4))
def test_every_collection_shape(key: str, values: list[int]) -> None:
    rows = [{"id": v} for v in values]
    empties: tuple[object, ...] = (None, "", [], {}, {key: []}, {key: ""}, {key: None})
    for empty in empties:
        assert n.items(empty, key) == []
    assert n.items({key: rows}, key) == rows
    assert n.items(rows, key) == rows
    if rows:
        assert n.items({key: rows[0]}, key) == rows[:1]  # one object instead of a list
        assert n.items(rows[0], key) == rows[:1]


def test_dates_and_sentinels() -> None:
    assert n.to_date("0000-00-00") is None
    assert n.to_date("") is None
    assert n.to_date("2026-11-01") == dt.date(2026, 11, 1)
    assert n.to_date("2026-11-01 10:00:00") == dt.date(2026, 11, 1)
    assert n.to_datetime("0000-00-00 00:00:00", TOKYO) is None
    moment = n.to_datetime("2026-11-01 18:30:00", TOKYO)
    assert moment == dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)
    assert moment is not None
    assert moment.utcoffset() == dt.timedelta(hours=9)


@given(st.lists(ids, max_size=6))
def test_csv_ids(values: list[int]) -> None:
    assert n.csv_ids(",".join(map(str, values))) == tuple(values)
    assert n.csv_ids(values) == tuple(values)
    assert n.csv_ids("") == ()
