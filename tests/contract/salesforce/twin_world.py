"""The demo world loaded into the in-memory CRM twin, with the very ids the emulator's seed produces."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.case_desk import CaseComment, SupportCase
from application.ports.catalog_source import CatalogEntry
from application.ports.clock import Clock
from application.ports.crm_models import CrmAddress, CustomerAccount, InternetEligibility
from sandbox.salesforce.seed import CATALOG, CUSTOMERS, SeedIds, SeedProduct
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.values import Value


def _entry(ids: SeedIds, product: SeedProduct) -> CatalogEntry:
    f = product.fields

    def skus(name: str) -> tuple[str, ...]:
        return tuple(json.loads(f[name])) if name in f else ()

    return CatalogEntry(
        entry_id=ids.portal_entries[product.sku], product_id=ids.products[product.sku],
        pricebook_id=ids.portal_pricebook, sku=product.sku, name=product.name, unit_price=product.price,
        entry_active=product.entry_active, product_active=True, portal_catalog=product.portal_catalog,
        portal_accessible=product.portal_catalog, category=product.category, item_class=product.item_class,
        billing_cycle=product.billing_cycle, whmcs_product_id=product.whmcs_pid,
        internet_offering_type=f.get("Internet_Offering_Type__c"), internet_plan_tier=f.get("Internet_Plan_Tier__c"),
        installment_months=f.get("Installment_Months__c"), sim_data_size=f.get("SIM_Data_Size__c"),
        sim_plan_type=f.get("SIM_Plan_Type__c"), sim_family_discount=bool(f.get("SIM_Has_Family_Discount__c")),
        freebit_plan_code=f.get("Freebit_Plan_Code__c"), vpn_region=f.get("VPN_Region__c"),
        display_order=f.get("Display_Order__c"), is_default=bool(f.get("Is_Default__c")),
        auto_add=bool(f.get("Auto_Add__c")), eligibility_condition=f.get("Eligibility_Condition__c"),
        required_skus=skus("Required_Products__c"), dependent_skus=skus("Dependent_Products__c"),
        exclusive_skus=skus("Mutually_Exclusive__c"),
    )  # fmt: skip


def _case(record: dict[str, Value]) -> SupportCase:
    created, modified = record["CreatedDate"], record["LastModifiedDate"]
    assert isinstance(created, dt.datetime)
    assert isinstance(modified, dt.datetime)
    return SupportCase(
        id=str(record["Id"]), case_number=str(record["CaseNumber"]), subject=str(record["Subject"]),
        description=str(record["Description"]), status=str(record["Status"]), priority=str(record["Priority"]),
        type=str(record["Type"]), origin=str(record["Origin"]), is_closed=bool(record["IsClosed"]),
        created_at=created, last_modified_at=modified, closed_at=None,
    )  # fmt: skip


def seeded_twin(state: SalesforceState, clock: Clock) -> InMemoryCrmData:
    """`state` is a seeded (never served) emulator state: its seed ids are reused so both sides agree."""
    ids = state.seed_ids
    data = InMemoryCrmData(clock=clock, portal_pricebook_id=ids.portal_pricebook)
    checked_at = state.clock.now() - dt.timedelta(days=30)
    for c in CUSTOMERS:
        account_id = ids.accounts[c.customer_number]
        address = CrmAddress(street=c.street, city=c.city, prefecture=c.prefecture, postcode=c.postcode)
        account = CustomerAccount(
            id=account_id, customer_number=c.customer_number, name=c.name, portal_status=c.portal_status,  # type: ignore[arg-type]
            portal_source=c.portal_source, whmcs_client_id=c.whmcs_client_id,  # type: ignore[arg-type]
            id_verification=c.id_verification, billing_address=address,  # type: ignore[arg-type]
            primary_contact_id=ids.contacts[c.customer_number],
        )  # fmt: skip
        decided = c.eligibility_status in ("Eligible", "Not Eligible")
        eligibility = InternetEligibility(
            account_id=account_id, status=c.eligibility_status, offering_type=c.eligibility,  # type: ignore[arg-type]
            checked_at=checked_at if decided else None, notes=None,
        )  # fmt: skip
        data.add_account(account, eligibility)
    for product in CATALOG:
        data.add_entry(_entry(ids, product))
    comments = state.store.rows("CaseComment")
    for case_record in state.store.rows("Case"):
        account_id = str(case_record["AccountId"])
        case_comments = [
            CaseComment(id=str(c["Id"]), body=str(c["CommentBody"]), published=bool(c["IsPublished"]),
                        created_at=c["CreatedDate"], created_by_portal=False)  # type: ignore[arg-type]
            for c in comments if c["ParentId"] == case_record["Id"]
        ]  # fmt: skip
        data.add_case(account_id, _case(case_record), case_comments)
        stored = data.cases[str(case_record["Id"])]
        stored.address_key = str(case_record["Eligibility_Address_Key__c"] or "") or None
        stored.opportunity_id = str(case_record["Opportunity__c"] or "") or None
    for contact in state.store.rows("Contact"):
        if contact.get("Email") and contact.get("AccountId"):
            data.contact_emails[str(contact["Email"]).casefold()] = str(contact["AccountId"])
    for opportunity in state.store.rows("Opportunity"):
        data.add_opportunity(
            str(opportunity["Id"]),
            str(opportunity["AccountId"]),
            str(opportunity["StageName"]),
            opportunity.get("Product_Type__c"),
            whmcs_service_id=opportunity.get("WHMCS_Service_ID__c"),
            registration=opportunity.get("WH_Registeration__c"),
        )
    return data


__all__ = ["Decimal", "seeded_twin"]
