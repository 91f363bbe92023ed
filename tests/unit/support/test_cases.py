"""Support cases: live, scoped to the linked account, internal notes hidden, outages told as "support"."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_cases import InMemoryCaseDesk
from adapters.memory.crm_data import InMemoryCrmData
from application.errors import InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.outages import SupportUnavailableError
from application.ports.case_desk import CaseComment, SupportCase
from application.ports.crm_models import CrmAddress, CustomerAccount, InternetEligibility
from application.support.comment_on_case import CommentOnCase
from application.support.get_case import GetCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase, OpenCaseCommand

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


@pytest.fixture
def crm() -> InMemoryCrmData:
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
    public = CaseComment(id="00aMEM000000001YBA", body="Lamp colours?", published=True, created_at=now,
                         created_by_portal=False)  # fmt: skip
    internal = CaseComment(id="00aMEM000000002YBA", body="Customer sounds annoyed", published=False,
                           created_at=now, created_by_portal=False)  # fmt: skip
    data.add_case(HANAKO.sf_account_id, _case("500MEM000000001YBA", "00001001", now), [public, internal])
    data.add_case(KENJI.sf_account_id, _case("500MEM000000002YBA", "00001002", now))
    return data


async def test_only_the_accounts_own_cases_are_listed(crm: InMemoryCrmData) -> None:
    cases = await ListCases(InMemoryCaseDesk(crm)).execute(HANAKO)
    assert [case.id for case in cases] == ["500MEM000000001YBA"]


async def test_a_case_shows_only_published_comments(crm: InMemoryCrmData) -> None:
    detail = await GetCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000001YBA")
    assert [comment.body for comment in detail.comments] == ["Lamp colours?"]


@pytest.mark.parametrize("case_id", ["500MEM000000002YBA", "500MEM000000002", "500MEM000000099YBA", "nope", "x" * 300])
async def test_another_accounts_case_or_an_impossible_id_is_not_found(crm: InMemoryCrmData, case_id: str) -> None:
    desk = InMemoryCaseDesk(crm)
    with pytest.raises(NotFoundError, match="Case not found"):
        await GetCase(desk).execute(HANAKO, case_id)
    with pytest.raises(NotFoundError, match="Case not found"):
        await CommentOnCase(desk).execute(HANAKO, case_id, "hello")
    assert [c.body for c in crm.cases["500MEM000000002YBA"].comments] == []


async def test_a_new_case_is_filed_for_the_account_from_the_portal(crm: InMemoryCrmData) -> None:
    command = OpenCaseCommand(subject=" No signal ", description="Since this morning.", category="Technical")
    case = await OpenCase(InMemoryCaseDesk(crm)).execute(HANAKO, command)
    assert (case.subject, case.status, case.origin, case.priority, case.type) == (
        "No signal",
        "New",
        "Portal Website",
        "Medium",
        "Technical",
    )
    assert crm.cases[case.id].account_id == HANAKO.sf_account_id
    assert case.id in [c.id for c in await ListCases(InMemoryCaseDesk(crm)).execute(HANAKO)]


@pytest.mark.parametrize(("subject", "description", "field"), [("  ", "x", "subject"), ("x", "", "description")])
async def test_a_case_needs_a_subject_and_a_description(
    crm: InMemoryCrmData, subject: str, description: str, field: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        await OpenCase(InMemoryCaseDesk(crm)).execute(HANAKO, OpenCaseCommand(subject=subject, description=description))
    assert field in raised.value.fields


async def test_a_comment_is_added_to_the_accounts_case(crm: InMemoryCrmData) -> None:
    comment = await CommentOnCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000001YBA", " Green, then red. ")
    assert (comment.body, comment.created_by_portal) == ("Green, then red.", True)
    with pytest.raises(InvalidInputError):
        await CommentOnCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000001YBA", "x" * 4001)


async def test_a_crm_outage_is_support_unavailable(crm: InMemoryCrmData) -> None:
    crm.fail_next(UpstreamUnavailableError("Salesforce", retry_after=3))
    with pytest.raises(SupportUnavailableError) as raised:
        await ListCases(InMemoryCaseDesk(crm)).execute(HANAKO)
    assert (raised.value.code, raised.value.retry_after) == ("SUPPORT_UNAVAILABLE", 3)
    assert "support system is unavailable" in raised.value.message
