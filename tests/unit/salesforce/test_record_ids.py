"""Record ids are the only values that reach SOQL unchecked by a placeholder's escaping *and* a shape check:
anything that is not a Salesforce id cannot name a record, so it is "not found" before any query is sent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.salesforce.records import (
    children,
    day,
    flag,
    id18,
    instant,
    money,
    parent,
    require_id,
    sku_list,
    text,
    whole,
)
from application.errors import NotFoundError

# Salesforce's documented example and ids of the demo world, with the suffix Salesforce answers with.
KNOWN = [
    ("001A0000006Vm9r", "001A0000006Vm9rIAC"),
    ("001RO0000000001", "001RO0000000001YAA"),
    ("003D000000QmRqZ", "003D000000QmRqZIAV"),
]
# One suffix letter per five characters: bit i set when character i is A-Z, read in "A…Z0…5".
CHUNKS = [("00000", "A"), ("A0000", "B"), ("0000Z", "Q"), ("ZZZZZ", "5"), ("aaaaa", "A"), ("AbCdE", "V")]


@pytest.mark.parametrize(("short", "long"), KNOWN)
def test_the_18_character_form_carries_salesforces_case_suffix(short: str, long: str) -> None:
    assert id18(short) == long
    assert id18(long) == long


@pytest.mark.parametrize(("chunk", "letter"), CHUNKS)
def test_each_five_characters_give_one_suffix_letter(chunk: str, letter: str) -> None:
    assert id18(chunk * 3) == chunk * 3 + letter * 3
    assert id18("00000" + chunk + "00000")[15:] == "A" + letter + "A"


@pytest.mark.parametrize(("short", "long"), KNOWN)
def test_ids_in_either_form_and_either_suffix_case_are_accepted(short: str, long: str) -> None:
    for value in (short, long, long[:15] + long[15:].lower()):
        assert require_id(value) == value


@pytest.mark.parametrize(("short", "long"), KNOWN)
def test_an_18_character_id_whose_suffix_does_not_match_is_refused(short: str, long: str) -> None:
    wrong = long[:15] + ("AAA" if long[15:] != "AAA" else "AAB")
    with pytest.raises(NotFoundError):
        require_id(wrong)
    with pytest.raises(NotFoundError):
        require_id(short.swapcase() + long[15:])


@given(st.text(max_size=20).filter(lambda v: not (v.isascii() and v.isalnum() and len(v) in (15, 18))))
def test_anything_not_shaped_like_an_id_is_not_found(value: str) -> None:
    with pytest.raises(NotFoundError):
        require_id(value)


def test_field_readers_take_salesforces_nulls_as_absent() -> None:
    record = {
        "Name": "Hanako",
        "Ok": True,
        "Price": 2480.5,
        "Count": 3.0,
        "At": "2026-11-01T09:00:00+09:00",
        "On": "2026-11-01",
        "Account": {"Name": "A"},
        "Items": {"records": [{"Id": "1"}]},
        "Skus": '["SIM-1", "SIM-2"]',
        "Legacy": "SIM-1; SIM-2 ;",
        "Odd": '{"not": "a list"}',
    }
    assert (text(record, "Name"), text(record, "Nope")) == ("Hanako", None)
    assert (flag(record, "Ok"), flag(record, "Nope")) == (True, False)
    assert (money(record, "Price"), money(record, "Nope")) == (Decimal("2480.5"), Decimal(0))
    assert (whole(record, "Count"), whole(record, "Nope")) == (3, None)
    assert instant(record, "At") == dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert (instant(record, "Nope"), day(record, "Nope")) == (None, None)
    assert day(record, "On") == dt.date(2026, 11, 1)
    assert (parent(record, "Account"), parent(record, "Nope"), parent({"Account": None}, "Account")) == (
        {"Name": "A"},
        {},
        {},
    )
    assert (children(record, "Items"), children({"Items": None}, "Items")) == ([{"Id": "1"}], [])
    assert children({"Items": {}}, "Items") == []
    assert sku_list(record, "Skus") == ("SIM-1", "SIM-2")
    assert sku_list(record, "Legacy") == ("SIM-1", "SIM-2")
    assert (sku_list(record, "Odd"), sku_list(record, "Nope"), sku_list({"S": ""}, "S")) == ((), (), ())
