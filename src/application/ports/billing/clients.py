"""Billing clients: the customer's billing identity (name, contact, address, Customer Number).

ConflictError when an email is already taken by another client.
"""

from __future__ import annotations

from typing import Literal, Protocol

import msgspec

from application.ports.billing.values import CustomFieldValue, PostalAddress

ClientStatus = Literal["Active", "Inactive", "Closed"]


class NewClient(msgspec.Struct, frozen=True, kw_only=True):
    first_name: str
    last_name: str
    email: str
    password: str  # WHMCS client-area password of the new owner user; never logged
    phone: str
    address: PostalAddress
    customer_number: str  # Salesforce SF_Account_No__c, stored in the Customer Number custom field
    company_name: str = ""
    extra_custom_fields: dict[int, str] = msgspec.field(default_factory=dict)


class ClientUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """Only the fields that are set are written (WHMCS applies only the keys present)."""

    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: PostalAddress | None = None
    status: ClientStatus | None = None


class ClientProfile(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    owner_user_id: int | None
    first_name: str
    last_name: str
    company_name: str
    email: str
    phone: str
    address: PostalAddress
    status: str
    currency_code: str
    customer_number: str | None  # the Customer Number custom field, None when empty
    custom_fields: tuple[CustomFieldValue, ...]


class BillingClients(Protocol):
    async def find_client_by_email(self, email: str) -> ClientProfile | None: ...

    async def add_client(self, client: NewClient) -> int:
        """The new client's id.

        Idempotent on (email, customer number): a client already holding both is returned, not duplicated.
        ConflictError when the email belongs to a client with another (or no) customer number. When the
        outcome is unknown, the client is looked up by email and returned if it was created.
        """
        ...

    async def get_client(self, client_id: int) -> ClientProfile: ...

    async def update_client(self, client_id: int, update: ClientUpdate) -> None: ...
