"""Clients and logins, the same in both worlds."""

from __future__ import annotations

import pytest

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing.clients import ClientUpdate, NewClient
from application.ports.billing.values import PostalAddress
from sandbox.whmcs.seed import AIKO, CUSTOMER_NUMBER_FIELD_ID, HANAKO, KENJI
from tests.contract.whmcs.worlds import World


def new_client(**overrides: object) -> NewClient:
    fields: dict[str, object] = {
        "first_name": "Yuki",
        "last_name": "Suzuki",
        "email": "yuki.suzuki@example.jp",
        "password": "Sakura-Yuki-2026",
        "phone": "080-3333-0003",
        "address": PostalAddress(address1="3-3-3 Ginza", city="Chuo-ku", state="Tokyo", postcode="104-0061"),
        "customer_number": "SH-100003",
    }
    fields.update(overrides)
    return NewClient(**fields)  # type: ignore[arg-type]


async def test_reads_a_client_with_its_customer_number(world: World) -> None:
    client = await world.billing.clients.get_client(HANAKO.client_id)
    assert (client.id, client.first_name, client.last_name) == (1, "Hanako", "Tanaka")
    assert client.email == HANAKO.email
    assert client.customer_number == "SH-100001"
    assert client.address.postcode == "150-0001"
    assert client.address.country == "JP"
    assert (client.status, client.currency_code, client.owner_user_id) == ("Active", "JPY", 1)
    assert [(f.id, f.value) for f in client.custom_fields] == [(CUSTOMER_NUMBER_FIELD_ID, "SH-100001")]


async def test_finds_a_client_by_email_or_says_none(world: World) -> None:
    found = await world.billing.clients.find_client_by_email(KENJI.email.upper())
    assert found is not None
    assert found.id == KENJI.client_id
    assert await world.billing.clients.find_client_by_email("nobody@example.jp") is None


async def test_an_unknown_client_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError):
        await world.billing.clients.get_client(3)  # ids are fixed and 3 was never used


async def test_adds_a_client_and_reads_back_what_was_stored(world: World) -> None:
    client_id = await world.billing.clients.add_client(new_client(company_name="O'Brien & Sons <Tokyo>"))
    assert client_id == 10  # after the seeded fixed ids
    stored = await world.billing.clients.get_client(client_id)
    assert stored.customer_number == "SH-100003"
    assert stored.company_name == "O'Brien & Sons <Tokyo>"  # stored HTML-encoded, read back plain
    assert stored.address.address1 == "3-3-3 Ginza"
    found = await world.billing.clients.find_client_by_email("yuki.suzuki@example.jp")
    assert found is not None
    assert found.id == client_id


async def test_adding_the_same_client_again_returns_it(world: World) -> None:
    first = await world.billing.clients.add_client(new_client())
    assert await world.billing.clients.add_client(new_client()) == first
    assert world.clients_with_email("yuki.suzuki@example.jp") == 1


async def test_an_email_already_in_use_is_a_conflict(world: World) -> None:
    with pytest.raises(ConflictError):
        await world.billing.clients.add_client(new_client(email=KENJI.email))
    assert world.clients_with_email(KENJI.email) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": ""}, "You did not enter your first name"),
        (
            {"address": PostalAddress(address1="", city="c", state="Tokyo", postcode="1")},
            "You did not enter your  address line 1",
        ),
        (
            {"address": PostalAddress(address1="1", city="c", state="Tokyo", postcode="1", country="Japan")},
            "Valid country required",
        ),
        ({"email": "not-an-email"}, "The email address you entered was not valid"),
        ({"phone": "call me"}, "Invalid telephone phone number"),
    ],
)
async def test_whmcs_validation_messages_reach_the_caller(
    world: World, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        await world.billing.clients.add_client(new_client(**overrides))
    assert raised.value.message == message


async def test_updates_profile_fields_and_status(world: World) -> None:
    address = PostalAddress(address1="9-9 Shiba", city="Minato-ku", state="Tokyo", postcode="105-0014")
    await world.billing.clients.update_client(KENJI.client_id, ClientUpdate(phone="090-0000-1111", address=address))
    await world.billing.clients.update_client(KENJI.client_id, ClientUpdate(status="Inactive"))
    client = await world.billing.clients.get_client(KENJI.client_id)
    assert (client.phone, client.address.city, client.status) == ("090-0000-1111", "Minato-ku", "Inactive")
    assert client.first_name == "Kenji"  # absent fields are left alone


async def test_update_refuses_a_taken_email_and_unknown_clients(world: World) -> None:
    with pytest.raises(ConflictError):
        await world.billing.clients.update_client(KENJI.client_id, ClientUpdate(email=HANAKO.email))
    with pytest.raises(NotFoundError):
        await world.billing.clients.update_client(404, ClientUpdate(first_name="X"))


async def test_validates_a_login_and_maps_the_user_to_its_client(world: World) -> None:
    login = await world.billing.logins.validate_login(KENJI.email, "Sakura-Kenji-2026")
    assert login is not None
    assert (login.user_id, login.client_id, login.two_factor_enabled) == (2, KENJI.client_id, False)


async def test_a_two_factor_user_is_recognisable(world: World) -> None:
    login = await world.billing.logins.validate_login(AIKO.email, "Sakura-Aiko-2026")
    assert login is not None
    assert (login.client_id, login.two_factor_enabled) == (AIKO.client_id, True)


async def test_wrong_credentials_give_no_client(world: World) -> None:
    assert await world.billing.logins.validate_login(KENJI.email, "wrong") is None
    assert await world.billing.logins.validate_login("nobody@example.jp", "Sakura-Kenji-2026") is None
