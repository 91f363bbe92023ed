from __future__ import annotations

import pytest

from application.errors import NotFoundError
from tests.contract.salesforce.conftest import Crm


async def test_finds_an_account_by_customer_number(crm: Crm) -> None:
    account = await crm.accounts.find_by_customer_number("SH-100001")

    assert account is not None
    assert account.id == crm.ids.accounts["SH-100001"]
    assert (account.name, account.customer_number, account.whmcs_client_id) == ("Hanako Tanaka", "SH-100001", 1)
    assert (account.portal_status, account.portal_source, account.id_verification) == (
        "Active",
        "New Signup",
        "Verified",
    )
    assert account.billing_address.postcode == "150-0002"
    assert account.primary_contact_id == crm.ids.contacts["SH-100001"]


async def test_an_account_without_a_billing_client(crm: Crm) -> None:
    account = await crm.accounts.find_by_customer_number("SH-100003")

    assert account is not None
    assert account.whmcs_client_id is None
    assert account.portal_status == "Not Yet"


@pytest.mark.parametrize("number", ["SH-999999", "", "SH-100001' OR Name != '", "%", "SH-10000_"])
async def test_unknown_customer_numbers_find_nothing(crm: Crm, number: str) -> None:
    assert await crm.accounts.find_by_customer_number(number) is None


async def test_customer_numbers_match_regardless_of_case_as_soql_does(crm: Crm) -> None:
    account = await crm.accounts.find_by_customer_number("sh-100002")

    assert account is not None
    assert account.customer_number == "SH-100002"


@pytest.mark.parametrize("account_id", ["001RO00000000ZZYAA", "001RO0000000zzz", "not-an-id", "' OR Id != '"])
async def test_get_of_an_unknown_or_malformed_id_is_not_found(crm: Crm, account_id: str) -> None:
    with pytest.raises(NotFoundError):
        await crm.accounts.get(account_id)


async def test_get_accepts_the_15_character_form(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100004"]

    account = await crm.accounts.get(account_id[:15])

    assert account.id == account_id


async def test_links_an_account_to_the_portal_and_its_billing_client(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100003"]

    await crm.accounts.update_portal_link(account_id, status="Active", source="New Signup", whmcs_client_id=42)

    account = await crm.accounts.get(account_id)
    assert (account.portal_status, account.portal_source, account.whmcs_client_id) == ("Active", "New Signup", 42)


async def test_linking_an_unknown_account_is_not_found(crm: Crm) -> None:
    with pytest.raises(NotFoundError):
        await crm.accounts.update_portal_link("001RO00000000ZZYAA", status="Active", whmcs_client_id=3)
