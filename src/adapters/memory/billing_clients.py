"""The twin's billing clients, validated the way WHMCS validates them (first failure wins)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adapters.memory import billing_views as views
from adapters.memory.billing_tables import TwinClient, TwinUser
from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import ConflictError, InvalidInputError
from application.ports.billing.clients import ClientProfile, ClientUpdate, NewClient

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+\-(). ]+$")


def _validate(client: NewClient) -> None:
    address = client.address
    required = (
        (client.first_name, "You did not enter your first name"),
        (client.last_name, "You did not enter your last name"),
        (client.email, "You did not enter your email address"),
        (address.address1, "You did not enter your  address line 1"),
        (address.city, "You did not enter your city"),
        (address.state, "You did not enter your state"),
        (address.postcode, "You did not enter your postcode"),
    )
    for value, message in required:
        if not value.strip():
            raise InvalidInputError(message)
        if value is client.email and not _EMAIL.match(client.email):
            raise InvalidInputError("The email address you entered was not valid")
    if not re.fullmatch(r"[A-Z]{2}", address.country):
        raise InvalidInputError("Valid country required")
    if not client.phone.strip():
        raise InvalidInputError("You did not enter your phone number")
    if not _PHONE.match(client.phone):
        raise InvalidInputError("Invalid telephone phone number")
    if not client.password:
        raise InvalidInputError("You did not enter a password")


@dataclass
class TwinClients:
    world: BillingTwinWorld

    def _by_email(self, email: str) -> TwinClient | None:
        wanted = email.strip().lower()
        return next((c for c in self.world.clients.values() if c.values["email"].lower() == wanted), None)

    @operation
    async def find_client_by_email(self, email: str) -> ClientProfile | None:
        client = self._by_email(email)
        return views.profile(self.world, client) if client else None

    @operation
    async def get_client(self, client_id: int) -> ClientProfile:
        return views.profile(self.world, self.world.client(client_id))

    @operation
    async def add_client(self, client: NewClient) -> int:
        _validate(client)
        existing = self._by_email(client.email)
        if (
            existing is not None
            and existing.custom_fields.get(self.world.customer_number_field_id) == client.customer_number
        ):
            return existing.id  # a repeat of a sign-up that already happened
        wanted = client.email.strip().lower()
        if any(u.email.lower() == wanted for u in self.world.users.values()):
            raise ConflictError("A user already exists with that email address")
        if self._by_email(client.email) is not None:
            raise ConflictError("The email address entered is not available for use.")
        client_id, user_id = self.world.next_id("client"), self.world.next_id("user")
        self.world.users[user_id] = TwinUser(user_id, client.email, client.password, False, [client_id])
        address = client.address
        values = {
            "firstname": client.first_name,
            "lastname": client.last_name,
            "companyname": client.company_name,
            "email": client.email,
            "address1": address.address1,
            "address2": address.address2,
            "city": address.city,
            "state": address.state,
            "postcode": address.postcode,
            "country": address.country,
            "phonenumber": client.phone,
            "status": "Active",
        }
        fields = {self.world.customer_number_field_id: client.customer_number, **client.extra_custom_fields}
        self.world.clients[client_id] = TwinClient(client_id, user_id, values, fields)
        return client_id

    @operation
    async def update_client(self, client_id: int, update: ClientUpdate) -> None:
        client = self.world.client(client_id, "Client ID Not Found")
        changes = {
            "firstname": update.first_name,
            "lastname": update.last_name,
            "companyname": update.company_name,
            "email": update.email,
            "phonenumber": update.phone,
            "status": update.status,
        }
        if update.address is not None:
            a = update.address
            changes |= {"address1": a.address1, "address2": a.address2, "city": a.city, "state": a.state}
            changes |= {"postcode": a.postcode, "country": a.country}
        if update.email is not None:
            if not _EMAIL.match(update.email):
                raise InvalidInputError("The email address entered is not valid")
            other = self._by_email(update.email)
            if other is not None and other.id != client_id:
                raise ConflictError("Duplicate Email Address")
        for key, value in changes.items():
            if value:  # WHMCS ignores empty values
                client.values[key] = value
