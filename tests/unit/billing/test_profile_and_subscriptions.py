"""Profile edits go to WHMCS and clear what showed the old values; subscriptions show what customers see."""

from __future__ import annotations

import msgspec
import pytest

from application.billing.update_billing_profile import AddressChange, ProfileChange
from application.errors import InvalidInputError, UpstreamUnavailableError
from application.outages import BillingUnavailableError
from domain.billing.subscription_status import subscription_status
from domain.errors import DomainError
from tests.unit.billing.world import HANAKO_CUSTOMER, BillingWorld

NEW_ADDRESS = AddressChange(postcode="1600023", prefecture="tokyo", city="Shinjuku-ku", street="4-5-6 Nishi-Shinjuku")


async def test_a_profile_change_is_written_and_the_fresh_profile_returned(world: BillingWorld) -> None:
    await world.profile().execute(HANAKO_CUSTOMER)
    await world.subscriptions().execute(HANAKO_CUSTOMER)
    world.clock.advance(2)
    change = ProfileChange(first_name=" Hana ", phone="090-9999-0000", address=NEW_ADDRESS)
    updated = await world.update_profile().execute(HANAKO_CUSTOMER, change)
    assert (updated.first_name, updated.last_name, updated.phone) == ("Hana", "Tanaka", "090-9999-0000")
    assert (updated.address.postcode, updated.address.state, updated.address.address1) == (
        "160-0023",
        "Tokyo",
        "4-5-6 Nishi-Shinjuku",
    )
    assert world.calls("update_client") == 1
    assert world.calls("get_client") == 2  # the cached profile was dropped and read again
    await world.subscriptions().execute(HANAKO_CUSTOMER)
    assert world.calls("list_services") == 2  # subscriptions too (the brief; they carry the profile's currency)


async def test_half_a_name_is_checked_with_the_other_half(world: BillingWorld) -> None:
    updated = await world.update_profile().execute(HANAKO_CUSTOMER, ProfileChange(last_name="Sato"))
    assert (updated.first_name, updated.last_name) == ("Hanako", "Sato")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (ProfileChange(phone="12345"), "phone"),
        (ProfileChange(first_name="   "), "firstName"),
        (ProfileChange(address=msgspec.structs.replace(NEW_ADDRESS, postcode="1")), "address.postcode"),
        (ProfileChange(address=msgspec.structs.replace(NEW_ADDRESS, prefecture="Gotham")), "address.prefecture"),
        (ProfileChange(address=msgspec.structs.replace(NEW_ADDRESS, street=" ")), "address.street"),
    ],
)
async def test_invalid_values_are_field_errors_and_nothing_is_written(
    world: BillingWorld, change: ProfileChange, field: str
) -> None:
    with pytest.raises(DomainError) as raised:
        await world.update_profile().execute(HANAKO_CUSTOMER, change)
    assert field in raised.value.fields  # type: ignore[attr-defined]
    assert world.calls("update_client") == 0


@pytest.mark.parametrize(
    ("refusal", "change", "field"),
    [
        ("Invalid telephone phone number", ProfileChange(phone="090-1234-5678"), "phone"),
        ("You did not enter your city", ProfileChange(phone="090-1234-5678", address=NEW_ADDRESS), "address.city"),
        ("Something WHMCS-specific", ProfileChange(phone="090-1234-5678"), "phone"),
        ("Something WHMCS-specific", ProfileChange(phone="090-1234-5678", address=NEW_ADDRESS), "profile"),
    ],
)
async def test_values_whmcs_refuses_come_back_as_field_errors(
    world: BillingWorld, refusal: str, change: ProfileChange, field: str
) -> None:
    world.billing.world.fail_next("update_client", InvalidInputError(refusal))
    with pytest.raises(InvalidInputError) as raised:
        await world.update_profile().execute(HANAKO_CUSTOMER, change)
    assert raised.value.fields == {field: refusal}


async def test_an_outage_during_the_write_still_clears_the_caches(world: BillingWorld) -> None:
    await world.profile().execute(HANAKO_CUSTOMER)
    world.billing.world.fail_next("update_client", UpstreamUnavailableError("WHMCS"), after_apply=True)
    with pytest.raises(BillingUnavailableError):
        await world.update_profile().execute(HANAKO_CUSTOMER, ProfileChange(phone="090-9999-0000"))
    world.clock.advance(2)
    assert (await world.profile().execute(HANAKO_CUSTOMER)).phone == "090-9999-0000"


async def test_an_empty_change_writes_nothing(world: BillingWorld) -> None:
    profile = await world.update_profile().execute(HANAKO_CUSTOMER, ProfileChange())
    assert profile.first_name == "Hanako"
    assert world.calls("update_client") == 0


async def test_subscriptions_carry_status_amount_cycle_and_currency(world: BillingWorld) -> None:
    found = await world.subscriptions().execute(HANAKO_CUSTOMER)
    assert [(s.id, s.product_id, s.status) for s in found.services] == [(1, 112, "Active"), (2, 204, "Active")]
    assert found.currency_code == "JPY"
    assert found.services[0].billing_cycle == "Monthly"
    assert str(found.services[0].recurring_amount) == "6300.00"
    assert found.services[0].next_due_date is not None


async def test_a_subscription_lists_the_recent_invoices_that_billed_it(world: BillingWorld) -> None:
    detail = await world.subscription().execute(HANAKO_CUSTOMER, 1)
    # Every invoice but the cancelled one (a weekend-installation line only) billed the Internet service.
    assert [invoice.id for invoice in detail.related_invoices] == [6, 5, 3, 2, 1]
    assert detail.service.name


@pytest.mark.parametrize(
    ("whmcs", "shown"),
    [("Active", "Active"), ("Pending", "Pending"), ("Suspended", "Suspended"), ("Cancelled", "Cancelled"),
     ("Completed", "Completed"), ("Terminated", "Cancelled"), ("Fraud", "Cancelled"), ("Something new", "Pending")],
)  # fmt: skip
def test_whmcs_service_states_show_as_five_subscription_states(whmcs: str, shown: str) -> None:
    assert subscription_status(whmcs) == shown
