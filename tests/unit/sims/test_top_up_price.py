"""A top-up's price: ¥500 per started GB (1 GB = 1,024 MB) for 100 to 51,200 MB; anything else is not offered."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.sims.top_up import MAX_TOP_UP_MB, MIN_TOP_UP_MB, TopUpAmountError, billed_gb, top_up_price


@pytest.mark.parametrize(
    ("quota_mb", "gb", "yen"),
    [(100, 1, 500), (1024, 1, 500), (1025, 2, 1000), (1500, 2, 1000), (2048, 2, 1000), (51_200, 50, 25_000)],
)
def test_examples_from_the_original_portal(quota_mb: int, gb: int, yen: int) -> None:
    assert (billed_gb(quota_mb), top_up_price(quota_mb)) == (gb, Decimal(yen))


@given(st.integers(MIN_TOP_UP_MB, MAX_TOP_UP_MB))
def test_every_started_gb_is_billed_and_never_one_more(quota_mb: int) -> None:
    gb = billed_gb(quota_mb)
    assert (gb - 1) * 1024 < quota_mb <= gb * 1024
    assert top_up_price(quota_mb) == Decimal(500) * math.ceil(quota_mb / 1024)


@given(st.one_of(st.integers(max_value=MIN_TOP_UP_MB - 1), st.integers(min_value=MAX_TOP_UP_MB + 1)))
def test_amounts_outside_the_offer_are_refused(quota_mb: int) -> None:
    with pytest.raises(TopUpAmountError):
        top_up_price(quota_mb)
