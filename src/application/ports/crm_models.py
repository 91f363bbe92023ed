"""What the CRM (the system of record for accounts, catalog, orders and cases) tells us, in plain types.

Ids are the CRM's 18-character record ids (opaque strings); money is Decimal (JPY, excluding tax); times
are timezone-aware; dates are dates. Nothing here knows the wire.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

CRM_CURRENCY = "JPY"  # every amount the CRM holds (prices, orders)

PortalStatus = Literal["Not Yet", "Active", "Suspended"]
PortalSource = Literal["New Signup", "Migrated", "Agent"]
EligibilityStatus = Literal["Not Requested", "Pending", "Eligible", "Not Eligible"]
IdVerificationStatus = Literal["Not Submitted", "Pending", "Verified", "Rejected"]


class CrmAddress(msgspec.Struct, frozen=True, kw_only=True):
    street: str = ""
    city: str = ""
    prefecture: str = ""
    postcode: str = ""  # NNN-NNNN
    country: str = "Japan"


class CustomerAccount(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    customer_number: str | None  # SF_Account_No__c, equal to WHMCS custom field 198
    name: str
    portal_status: PortalStatus | None
    portal_source: PortalSource | None
    whmcs_client_id: int | None
    id_verification: IdVerificationStatus | None
    billing_address: CrmAddress
    primary_contact_id: str | None  # the account's first contact, if any (cases are filed under it)


class InternetEligibility(msgspec.Struct, frozen=True, kw_only=True):
    account_id: str
    status: EligibilityStatus
    offering_type: str | None  # e.g. "Home 1G": Internet plans must match it
    checked_at: dt.datetime | None
    notes: str | None
