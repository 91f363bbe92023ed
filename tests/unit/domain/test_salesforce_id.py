from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidSalesforceIdError
from domain.identity.salesforce_id import SalesforceId

id15s = st.text(alphabet=string.ascii_letters + string.digits, min_size=15, max_size=15)


def test_known_id_gets_salesforces_own_suffix() -> None:
    # The example from Salesforce's own documentation of the 18-character id.
    assert SalesforceId.parse("001D000000IqhSL").value == "001D000000IqhSLIAZ"


@given(id15s)
def test_15_and_18_character_forms_name_the_same_record(id15: str) -> None:
    long = SalesforceId.parse(id15)
    assert len(long.value) == 18
    assert SalesforceId.parse(long.value) == long
    # The suffix exists so case-insensitive systems can compare ids: any casing of the suffix is accepted.
    assert SalesforceId.parse(long.value[:15] + long.value[15:].lower()) == long


@given(id15s, id15s)
def test_ids_differing_only_in_case_get_different_suffixes(a: str, b: str) -> None:
    if a != b and a.lower() == b.lower():
        assert SalesforceId.parse(a).value[15:] != SalesforceId.parse(b).value[15:]


@given(id15s)
def test_a_wrong_suffix_is_refused(id15: str) -> None:
    good = SalesforceId.parse(id15).value
    bad_suffix = "AAA" if good[15:] != "AAA" else "BBB"
    with pytest.raises(InvalidSalesforceIdError):
        SalesforceId.parse(id15 + bad_suffix)


@pytest.mark.parametrize("raw", ["", "001", "001D000000IqhSL1", "001D000000IqhS'", "001D000000IqhSL OR 1=1"])
def test_malformed_ids_are_refused(raw: str) -> None:
    with pytest.raises(InvalidSalesforceIdError):
        SalesforceId.parse(raw)


def test_key_prefix_names_the_object() -> None:
    assert SalesforceId.parse("001D000000IqhSL").key_prefix == "001"
