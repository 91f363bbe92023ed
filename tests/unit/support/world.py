"""The support unit tests' CRM: two linked customers, each with a case."""

from __future__ import annotations

import datetime as dt
import uuid

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_data import InMemoryCrmData
from application.identity.linked_customer import LinkedCustomer
from application.ports.case_desk import CaseComment, SupportCase
from application.ports.crm_models import CrmAddress, CustomerAccount, InternetEligibility

HANAKO = LinkedCustomer(
    user_id=uuid.uuid4(),
    whmcs_client_id=1,
    sf_account_id="001MEM000000001YBA",
    sf_contact_id="003MEM000000001YBA",
)
KENJI = LinkedCustomer(user_id=uuid.uuid4(), whmcs_client_id=2, sf_account_id="001MEM000000002YBA", sf_contact_id=None)


def _case(case_id: str, number: str, created: dt.datetime) -> SupportCase:
    return SupportCase(
        id=case_id, case_number=number, subject="Router restarts", description="Every evening.", status="In Progress",
        priority="Medium", type="Technical", origin="Portal Website", is_closed=False, created_at=created,
        last_modified_at=created, closed_at=None,
    )  # fmt: skip


def support_crm() -> InMemoryCrmData:
    """Hanako's and Kenji's accounts; Hanako's case with a public comment and an internal note; Kenji's case."""
    clock = FrozenClock()
    data = InMemoryCrmData(clock=clock)
    for customer, number in ((HANAKO, "SH-100001"), (KENJI, "SH-100002")):
        account = CustomerAccount(
            id=customer.sf_account_id, customer_number=number, name=number, portal_status="Active",
            portal_source="Migrated", whmcs_client_id=customer.whmcs_client_id, id_verification=None,
            billing_address=CrmAddress(), primary_contact_id=customer.sf_contact_id,
        )  # fmt: skip
        status = InternetEligibility(
            account_id=account.id, status="Not Requested", offering_type=None, checked_at=None, notes=None
        )
        data.add_account(account, status)
    now = clock.now()
    public = CaseComment(id="00aMEM000000901YBA", body="Lamp colours?", published=True, created_at=now,
                         created_by_portal=False)  # fmt: skip
    internal = CaseComment(id="00aMEM000000902YBA", body="Customer sounds annoyed", published=False,
                           created_at=now, created_by_portal=False)  # fmt: skip
    data.add_case(HANAKO.sf_account_id, _case("500MEM000000901YBA", "00001001", now), [public, internal])
    data.add_case(KENJI.sf_account_id, _case("500MEM000000902YBA", "00001002", now))
    return data
