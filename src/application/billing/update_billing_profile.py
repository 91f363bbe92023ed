"""Change the customer's name, phone or address in WHMCS, then drop every cache that showed the old values."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.billing.billing_changes import PROFILE_CHANGED
from application.billing.get_billing_profile import GetBillingProfile
from application.billing.invalidate_billing_caches import InvalidateBillingCaches
from application.billing.profile_rejections import as_field_errors
from application.errors import InvalidInputError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.clients import BillingClients, ClientProfile, ClientUpdate
from application.ports.billing.values import PostalAddress
from domain.identity.contact_details import InvalidContactDetailsError, JapaneseAddress, PersonName, PhoneNumber


class AddressChange(msgspec.Struct, frozen=True, kw_only=True):
    postcode: str
    prefecture: str
    city: str
    street: str
    street2: str | None = None  # None: leave the second line as it is


class ProfileChange(msgspec.Struct, frozen=True, kw_only=True):
    """Only what is set changes; an address is always given whole."""

    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    address: AddressChange | None = None


class UpdateBillingProfile:
    raises: ClassVar[Raises] = (InvalidInputError, InvalidContactDetailsError, *BILLING_OUTAGES)

    def __init__(
        self, clients: BillingClients, profile: GetBillingProfile, invalidate: InvalidateBillingCaches
    ) -> None:
        self._clients = clients
        self._profile = profile
        self._invalidate = invalidate

    async def execute(self, customer: LinkedCustomer, change: ProfileChange) -> ClientProfile:
        update, sent = await self._validated(customer, change)
        if not sent:
            return await self._profile.execute(customer)
        try:
            with reported_as(BillingUnavailableError):
                await self._clients.update_client(customer.whmcs_client_id, update)
        except InvalidInputError as rejection:
            raise as_field_errors(rejection, sent) from rejection
        finally:
            # Also after an outage: the update may have been applied before the answer was lost.
            await self._invalidate.execute(customer.cache_scope, PROFILE_CHANGED)
        return await self._profile.execute(customer)

    async def _validated(self, customer: LinkedCustomer, change: ProfileChange) -> tuple[ClientUpdate, list[str]]:
        sent: list[str] = []
        name: PersonName | None = None
        if change.first_name is not None or change.last_name is not None:
            name = await self._name(customer, change)
            sent += [f for f, v in (("firstName", change.first_name), ("lastName", change.last_name)) if v is not None]
        phone = PhoneNumber.parse(change.phone) if change.phone is not None else None
        if phone is not None:
            sent.append("phone")
        address = self._address(change.address) if change.address is not None else None
        if address is not None:
            sent += ["address.postcode", "address.prefecture", "address.city", "address.street", "address.street2"]
        update = ClientUpdate(
            first_name=name.first if name else None,
            last_name=name.last if name else None,
            phone=phone.value if phone else None,
            address=address,
        )
        return update, sent

    async def _name(self, customer: LinkedCustomer, change: ProfileChange) -> PersonName:
        first, last = change.first_name, change.last_name
        if first is None or last is None:  # a name is checked whole: the missing half is the current one
            current = await self._profile.execute(customer)
            first = current.first_name if first is None else first
            last = current.last_name if last is None else last
        return PersonName.parse(first, last)

    @staticmethod
    def _address(change: AddressChange) -> PostalAddress:
        parsed = JapaneseAddress.parse(
            postcode=change.postcode, prefecture=change.prefecture, city=change.city, street=change.street
        )
        return PostalAddress(
            address1=parsed.street,
            address2=(change.street2 or "").strip(),  # empty: WHMCS keeps the current line
            city=parsed.city,
            state=parsed.prefecture,
            postcode=parsed.postcode,
        )
