"""The demo world's Salesforce side (DEMO-WORLD.md): the catalog, the eight customers and their open work.

Import the fixed facts (`CUSTOMERS`, `CATALOG`, `PORTAL_PRICEBOOK_NAME`) from here rather than repeating them.
`seed_store` writes them into an empty record store in a fixed order, so record ids are the same every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sandbox.salesforce.seed_catalog import (
    CATALOG,
    HIDDEN_SKUS,
    PORTAL_PRICEBOOK_NAME,
    STANDARD_PRICEBOOK_NAME,
    SeedProduct,
)
from sandbox.salesforce.store import AGENT_USER_ID, RecordStore
from sandbox.whmcs.seed import HANAKO_INTERNET_SERVICE_ID, HANAKO_SIM_SERVICE_ID


@dataclass(frozen=True)
class SeedCustomer:
    customer_number: str
    first_name: str
    last_name: str
    email: str
    phone: str
    postcode: str
    prefecture: str
    city: str
    street: str
    whmcs_client_id: int | None
    portal_status: str  # Not Yet / Active
    portal_source: str | None
    eligibility_status: str  # Not Requested / Pending / Eligible / Not Eligible
    eligibility: str | None  # the offering type the address qualifies for
    id_verification: str = "Not Submitted"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


CUSTOMERS: tuple[SeedCustomer, ...] = (
    SeedCustomer("SH-100001", "Hanako", "Tanaka", "hanako.tanaka@example.jp", "080-1234-5678", "150-0002", "Tokyo",
                 "Shibuya-ku", "2-21-1 Shibuya", 1, "Active", "New Signup", "Eligible", "Home 1G", "Verified"),
    SeedCustomer("SH-100002", "Kenji", "Sato", "kenji.sato@example.jp", "090-2345-6789", "160-0022", "Tokyo",
                 "Shinjuku-ku", "3-38-1 Shinjuku", 2, "Not Yet", None, "Eligible", "Apartment 1G"),
    SeedCustomer("SH-100003", "Yuki", "Suzuki", "yuki.suzuki@example.jp", "03-3456-7890", "106-0032", "Tokyo",
                 "Minato-ku", "6-10-1 Roppongi", None, "Not Yet", None, "Not Requested", None),
    SeedCustomer("SH-100004", "Daichi", "Kobayashi", "daichi.kobayashi@example.jp", "080-4567-8901", "220-0012",
                 "Kanagawa", "Yokohama-shi Nishi-ku", "2-2-1 Minatomirai", 4, "Active", "New Signup", "Pending", None),
    SeedCustomer("SH-100005", "Mei", "Watanabe", "mei.watanabe@example.jp", "090-5678-9012", "330-0853", "Saitama",
                 "Saitama-shi Omiya-ku", "1-7-5 Nishikicho", 5, "Active", "Migrated", "Not Eligible", None),
    SeedCustomer("SH-100006", "Sota", "Yamamoto", "sota.yamamoto@example.jp", "080-6789-0123", "135-0063", "Tokyo",
                 "Koto-ku", "3-1-1 Ariake", 6, "Active", "New Signup", "Eligible", "Apartment 1G", "Verified"),
    SeedCustomer("SH-100007", "Aiko", "Ito", "aiko.ito@example.jp", "090-7890-1234", "113-0033", "Tokyo",
                 "Bunkyo-ku", "7-3-1 Hongo", 7, "Not Yet", None, "Not Requested", None),
    SeedCustomer("SH-100008", "Ren", "Nakamura", "ren.nakamura@example.jp", "080-8901-2345", "530-0001", "Osaka",
                 "Osaka-shi Kita-ku", "3-1-3 Umeda", 9, "Not Yet", None, "Eligible", "Home 10G"),
)  # fmt: skip


@dataclass
class SeedIds:
    """Record ids the seed produced, for tests and the control API."""

    accounts: dict[str, str] = field(default_factory=dict)  # customer number → Account id
    contacts: dict[str, str] = field(default_factory=dict)  # customer number → Contact id
    products: dict[str, str] = field(default_factory=dict)  # SKU → Product2 id
    portal_entries: dict[str, str] = field(default_factory=dict)  # SKU → PricebookEntry id in "Portal"
    portal_pricebook: str = ""
    standard_pricebook: str = ""
    cases: dict[str, list[str]] = field(default_factory=dict)  # customer number → Case ids
    opportunities: dict[str, str] = field(default_factory=dict)
    service_opportunities: dict[int, str] = field(default_factory=dict)  # WHMCS service id -> Opportunity


def seed_store(store: RecordStore) -> SeedIds:
    ids = SeedIds()
    # The org's history was typed in by its staff, not by the portal's integration user.
    with store.acting_as(AGENT_USER_ID):
        _seed_catalog(store, ids)
        for customer in CUSTOMERS:
            _seed_customer(store, ids, customer)
        _seed_open_work(store, ids)
        _seed_service_opportunities(store, ids)
    return ids


def _seed_catalog(store: RecordStore, ids: SeedIds) -> None:
    ids.standard_pricebook = store.create("Pricebook2", {"Name": STANDARD_PRICEBOOK_NAME, "IsActive": True})
    store.set_system_value("Pricebook2", ids.standard_pricebook, "IsStandard", True)
    ids.portal_pricebook = store.create(
        "Pricebook2", {"Name": PORTAL_PRICEBOOK_NAME, "IsActive": True, "Description": "Prices shown in the portal"}
    )
    for product in CATALOG:
        product_id = store.create("Product2", product.product2_body())
        ids.products[product.sku] = product_id
        store.create("PricebookEntry", _entry(ids.standard_pricebook, product_id, product, active=True))
        ids.portal_entries[product.sku] = store.create(
            "PricebookEntry", _entry(ids.portal_pricebook, product_id, product, active=product.entry_active)
        )


def _entry(book: str, product_id: str, product: SeedProduct, *, active: bool) -> dict[str, Any]:
    return {
        "Pricebook2Id": book,
        "Product2Id": product_id,
        "UnitPrice": float(product.price),
        "IsActive": active,
        "UseStandardPrice": False,
    }


def _seed_customer(store: RecordStore, ids: SeedIds, c: SeedCustomer) -> None:
    account: dict[str, Any] = {
        "Name": c.name,
        "Phone": c.phone,
        "BillingStreet": c.street,
        "BillingCity": c.city,
        "BillingState": c.prefecture,
        "BillingPostalCode": c.postcode,
        "BillingCountry": "Japan",
        "SF_Account_No__c": c.customer_number,
        "Portal_Status__c": c.portal_status,
        "Portal_Registration_Source__c": c.portal_source,
        "Internet_Eligibility_Status__c": c.eligibility_status,
        "Internet_Eligibility__c": c.eligibility,
        "Id_Verification_Status__c": c.id_verification,
    }
    if c.whmcs_client_id is not None:
        account["WHMCS_Client_ID__c"] = c.whmcs_client_id
        account["WH_Account__c"] = f"#{c.whmcs_client_id} - {c.name}"
    if c.eligibility_status in ("Eligible", "Not Eligible"):
        account["Internet_Eligibility_Checked_At__c"] = (store.now() - timedelta(days=30)).isoformat()
    account_id = store.create("Account", account)
    ids.accounts[c.customer_number] = account_id
    ids.contacts[c.customer_number] = store.create(
        "Contact",
        {
            "FirstName": c.first_name,
            "LastName": c.last_name,
            "Email": c.email,
            "Phone": c.phone,
            "AccountId": account_id,
        },
    )


def _seed_open_work(store: RecordStore, ids: SeedIds) -> None:
    hanako = "SH-100001"
    case_id = store.create(
        "Case",
        {
            "Subject": "Router keeps restarting in the evening",
            "Description": "Since last week the home gateway restarts two or three times every evening.",
            "Status": "In Progress",
            "Priority": "Medium",
            "Origin": "Portal Website",
            "Type": "Technical",
            "AccountId": ids.accounts[hanako],
            "ContactId": ids.contacts[hanako],
        },
    )
    reply = "Thank you for the report. Could you tell us the lamp colours on the gateway when it restarts?"
    store.create("CaseComment", {"ParentId": case_id, "IsPublished": True, "CommentBody": reply})
    ids.cases[hanako] = [case_id]
    daichi = "SH-100004"
    opportunity = store.create(
        "Opportunity",
        {
            "Name": "Daichi Kobayashi - Internet",
            "AccountId": ids.accounts[daichi],
            "StageName": "Introduction",
            "CloseDate": (store.now() + timedelta(days=30)).date().isoformat(),
            "Application_Stage__c": "INTRO-1",
            "Product_Type__c": "Internet",
        },
    )
    ids.opportunities[daichi] = opportunity
    ids.cases[daichi] = [
        store.create(
            "Case",
            {
                "Subject": "Internet availability check",
                "Description": "Please check NTT fibre availability for 220-0012 2-2-1 Minatomirai.",
                "Status": "New",
                "Origin": "Portal Website",
                "Type": "Eligibility",
                "AccountId": ids.accounts[daichi],
                "ContactId": ids.contacts[daichi],
                "Opportunity__c": opportunity,
                "Eligibility_Address_Key__c": "220-0012:2-2-1 Minatomirai",
            },
        )
    ]


# The demo customers' active Internet and SIM lines as the WHMCS emulator seeds them (fixed ids; a VPN is not
# cancelled in the portal): each was sold through an Opportunity that carries its WHMCS service id (§5.3), where a
# cancellation is recorded.
SERVICE_OPPORTUNITIES = (
    ("SH-100001", HANAKO_INTERNET_SERVICE_ID, "Hanako Tanaka - Home 1G Pro", "Internet"),
    ("SH-100001", HANAKO_SIM_SERVICE_ID, "Hanako Tanaka - SIM 10GB Voice", "SIM"),
    ("SH-100007", 4, "Aiko Ito - SIM", "SIM"),
)


def _seed_service_opportunities(store: RecordStore, ids: SeedIds) -> None:
    sold = (store.now() - timedelta(days=120)).date().isoformat()  # the services' registration date in WHMCS
    for customer, service_id, name, product_type in SERVICE_OPPORTUNITIES:
        ids.service_opportunities[service_id] = store.create(
            "Opportunity",
            {
                "Name": name,
                "AccountId": ids.accounts[customer],
                "StageName": "Closed Won",
                "CloseDate": sold,
                "Product_Type__c": product_type,
                "WHMCS_Service_ID__c": str(service_id),
                "WH_Registeration__c": sold,
            },
        )


__all__ = [
    "CATALOG",
    "CUSTOMERS",
    "HIDDEN_SKUS",
    "PORTAL_PRICEBOOK_NAME",
    "SeedCustomer",
    "SeedIds",
    "SeedProduct",
    "seed_store",
]
