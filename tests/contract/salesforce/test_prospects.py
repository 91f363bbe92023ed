"""Prospects (people not customers yet) on the emulator and the twin: found by their key or their contact's email,
else created once with a Contact, and numbered by the org so they can sign up."""

from __future__ import annotations

import asyncio
import re

from application.identity.attempts import email_key
from application.ports.crm_models import CrmAddress
from application.ports.prospects import Prospect
from tests.contract.salesforce.conftest import Crm

ADDRESS = CrmAddress(street="1-2-3 Jingumae", city="Shibuya-ku", prefecture="Tokyo", postcode="150-0001")


def prospect(email: str = "aoi.kato@example.jp") -> Prospect:
    return Prospect(
        key=email_key(email), email=email, first_name="Aoi", last_name="Kato", phone="090-5555-1234", address=ADDRESS
    )


async def test_a_new_prospect_gets_one_numbered_account_with_a_contact(crm: Crm) -> None:
    created = await crm.prospects.find_or_create(prospect())
    assert created.customer_number is not None
    assert re.fullmatch(r"SH-2\d{5}", created.customer_number)
    assert created.primary_contact_id is not None
    assert created.portal_status == "Not Yet"
    assert created.billing_address.postcode == "150-0001"
    again = await crm.prospects.find_or_create(prospect())
    assert again.id == created.id
    found = await crm.accounts.find_by_customer_number(created.customer_number)
    assert found is not None
    assert found.id == created.id


async def test_two_prospects_get_two_accounts_with_their_own_numbers(crm: Crm) -> None:
    first = await crm.prospects.find_or_create(prospect("one@example.jp"))
    second = await crm.prospects.find_or_create(prospect("two@example.jp"))
    assert first.id != second.id
    assert first.customer_number != second.customer_number


async def test_an_existing_customer_is_found_by_their_contact_email(crm: Crm) -> None:
    found = await crm.prospects.find_or_create(prospect("yuki.suzuki@example.jp"))
    assert found.id == crm.ids.accounts["SH-100003"]
    assert found.customer_number == "SH-100003"


async def test_concurrent_requests_for_one_prospect_end_at_one_account(crm: Crm) -> None:
    # Callers hold a lock per key; without it the org's unique key still leaves one Account.
    results = await asyncio.gather(*(crm.prospects.find_or_create(prospect()) for _ in range(3)))
    assert len({account.id for account in results}) == 1
