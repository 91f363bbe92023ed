from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidCustomerNumberError, InvalidWhmcsClientIdError
from domain.identity.customer_number import CustomerNumber
from domain.identity.whmcs_client_id import WhmcsClientId


@pytest.mark.parametrize("raw", ["SH-100001", " sh-100001 ", "ＳＨ－１００００１", "SH- 100001"])
def test_customer_numbers_typed_from_paper_are_understood(raw: str) -> None:
    assert CustomerNumber.parse(raw).value == "SH-100001"


@pytest.mark.parametrize("raw", ["", "SH100001", "SH-10001", "S-100001", "SH-100001'--", "SH-1000011"])
def test_other_shapes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidCustomerNumberError):
        CustomerNumber.parse(raw)


@given(st.text(max_size=20))
def test_parsing_never_fails_with_anything_but_the_domain_error(raw: str) -> None:
    try:
        parsed = CustomerNumber.parse(raw)
    except InvalidCustomerNumberError:
        return
    assert CustomerNumber.parse(parsed.value) == parsed


@given(st.integers(min_value=1, max_value=2**31 - 1))
def test_positive_client_ids_are_accepted(value: int) -> None:
    assert WhmcsClientId(value).value == value


@pytest.mark.parametrize("value", [0, -1, True])
def test_non_positive_client_ids_are_refused(value: int) -> None:
    with pytest.raises(InvalidWhmcsClientIdError):
        WhmcsClientId(value)
