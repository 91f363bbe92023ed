"""The in-memory CRM every CRM twin shares: accounts, eligibility, the portal catalog, orders and cases.

It behaves as the Salesforce emulator does where the contract suites look (case-insensitive text matching,
length limits, price-book integrity, account scoping), and tests can make the next calls fail.
Seed it with `add_*`; tests build the demo world from `sandbox.salesforce.seed`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime

from adapters.system_clock import SystemClock
from application.errors import ApplicationError, NotFoundError
from application.ports.case_desk import CaseComment, SupportCase
from application.ports.catalog_source import CatalogEntry
from application.ports.clock import Clock
from application.ports.crm_models import CustomerAccount, InternetEligibility
from application.ports.identity_documents import DocumentFile
from application.ports.order_desk import Order

_ID = re.compile(r"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")
_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
PORTAL_USER_ID = "005MEM000000001AAA"


def to_18(record_id: str) -> str:
    """The 18-character form of an id; NotFoundError for anything that cannot be one (as Salesforce refuses it)."""
    if not _ID.match(record_id):
        raise NotFoundError()
    suffix = ""
    for start in range(0, 15, 5):
        bits = sum(1 << i for i, c in enumerate(record_id[start : start + 5]) if "A" <= c <= "Z")
        suffix += _SUFFIX[bits]
    if len(record_id) == 18 and record_id[15:].upper() != suffix:
        raise NotFoundError()
    return record_id[:15] + suffix


@dataclass
class StoredOrder:
    order: Order
    key: str


@dataclass
class StoredCase:
    account_id: str
    case: SupportCase
    comments: list[CaseComment] = field(default_factory=list)
    address_key: str | None = None
    opportunity_id: str | None = None
    request_key: str | None = None  # Case.Portal_Request_Key__c (unique)


@dataclass
class StoredOpportunity:
    account_id: str
    stage: str
    product: str | None = None
    whmcs_service_id: str | None = None
    registration: str | None = None


class InMemoryCrmData:
    def __init__(self, *, clock: Clock | None = None, portal_pricebook_id: str = "01sMEM000000001AAA") -> None:
        self.clock = clock or SystemClock()
        self.portal_pricebook_id = portal_pricebook_id
        self.accounts: dict[str, CustomerAccount] = {}
        self.eligibility: dict[str, InternetEligibility] = {}
        self.entries: dict[str, CatalogEntry] = {}
        self.orders: dict[str, StoredOrder] = {}
        self.cases: dict[str, StoredCase] = {}
        self.opportunities: dict[str, StoredOpportunity] = {}
        self.prospect_keys: dict[str, str] = {}  # Account.Portal_Prospect_Key__c -> account id
        self.contact_emails: dict[str, str] = {}  # a contact's email (casefolded) -> account id
        self.documents: dict[str, list[tuple[str, DocumentFile]]] = {}  # account -> (submission, file)
        self.rejection_reasons: dict[str, str] = {}
        self.submitted_at: dict[str, datetime] = {}
        self.opportunity_writes: list[str] = []  # every write-back of a service onto an Opportunity, by id
        self._numbers = itertools.count(1)
        self._failures: list[ApplicationError] = []

    # -- seeding -------------------------------------------------------------------------------------------

    def add_account(self, account: CustomerAccount, eligibility: InternetEligibility) -> None:
        self.accounts[account.id] = account
        self.eligibility[account.id] = eligibility

    def add_entry(self, entry: CatalogEntry) -> None:
        self.entries[entry.entry_id] = entry

    def add_case(self, account_id: str, case: SupportCase, comments: list[CaseComment] | None = None) -> None:
        self.cases[case.id] = StoredCase(account_id, case, list(comments or []))

    def add_opportunity(
        self, opportunity_id: str, account_id: str, stage: str, product: str | None = None, **fields: str | None
    ) -> None:
        self.opportunities[opportunity_id] = StoredOpportunity(account_id, stage, product, **fields)

    # -- what the twins use --------------------------------------------------------------------------------

    def fail_next(self, error: ApplicationError, times: int = 1) -> None:
        """Make the next `times` calls (to any CRM twin) raise `error`, as an outage or refusal would."""
        self._failures += [error] * times

    def check_failure(self) -> None:
        if self._failures:
            raise self._failures.pop(0)

    def new_id(self, prefix: str) -> str:
        return to_18(f"{prefix}MEM{next(self._numbers):09d}")

    def next_order_number(self) -> str:
        taken = [int(o.order.order_number) for o in self.orders.values()]
        return f"{max(taken, default=99) + 1:08d}"

    def next_case_number(self) -> str:
        # Autonumbers continue after whatever was seeded.
        taken = [int(c.case.case_number) for c in self.cases.values()]
        return f"{max(taken, default=999) + 1:08d}"

    def account(self, account_id: str) -> CustomerAccount:
        found = self.accounts.get(to_18(account_id))
        if found is None:
            raise NotFoundError("Customer account not found.")
        return found
