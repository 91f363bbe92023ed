"""Support cases: live, scoped to the linked account, internal notes hidden, outages told as "support"."""

from __future__ import annotations

import pytest

from adapters.memory.crm_cases import InMemoryCaseDesk
from adapters.memory.crm_data import InMemoryCrmData
from application.errors import InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.outages import SupportUnavailableError
from application.support.comment_on_case import CommentOnCase
from application.support.get_case import GetCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase, OpenCaseCommand
from tests.unit.support.world import HANAKO, support_crm


@pytest.fixture
def crm() -> InMemoryCrmData:
    return support_crm()


async def test_only_the_accounts_own_cases_are_listed(crm: InMemoryCrmData) -> None:
    cases = await ListCases(InMemoryCaseDesk(crm)).execute(HANAKO)
    assert [case.id for case in cases] == ["500MEM000000901YBA"]


async def test_a_case_shows_only_published_comments(crm: InMemoryCrmData) -> None:
    detail = await GetCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000901YBA")
    assert [comment.body for comment in detail.comments] == ["Lamp colours?"]


@pytest.mark.parametrize("case_id", ["500MEM000000902YBA", "500MEM000000902", "500MEM000000099YBA", "nope", "x" * 300])
async def test_another_accounts_case_or_an_impossible_id_is_not_found(crm: InMemoryCrmData, case_id: str) -> None:
    desk = InMemoryCaseDesk(crm)
    with pytest.raises(NotFoundError, match="Case not found"):
        await GetCase(desk).execute(HANAKO, case_id)
    with pytest.raises(NotFoundError, match="Case not found"):
        await CommentOnCase(desk).execute(HANAKO, case_id, "hello")
    assert [c.body for c in crm.cases["500MEM000000902YBA"].comments] == []


async def test_a_new_case_is_filed_for_the_account_from_the_portal(crm: InMemoryCrmData) -> None:
    command = OpenCaseCommand(
        idempotency_key="k1", subject=" No signal ", description="Since this morning.", category="Technical"
    )
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
        await OpenCase(InMemoryCaseDesk(crm)).execute(
            HANAKO, OpenCaseCommand(idempotency_key="k", subject=subject, description=description)
        )
    assert field in raised.value.fields


async def test_a_comment_is_added_to_the_accounts_case(crm: InMemoryCrmData) -> None:
    comment = await CommentOnCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000901YBA", " Green, then red. ")
    assert (comment.body, comment.created_by_portal) == ("Green, then red.", True)
    with pytest.raises(InvalidInputError):
        await CommentOnCase(InMemoryCaseDesk(crm)).execute(HANAKO, "500MEM000000901YBA", "x" * 4001)


async def test_a_crm_outage_is_support_unavailable(crm: InMemoryCrmData) -> None:
    crm.fail_next(UpstreamUnavailableError("Salesforce", retry_after=3))
    with pytest.raises(SupportUnavailableError) as raised:
        await ListCases(InMemoryCaseDesk(crm)).execute(HANAKO)
    assert (raised.value.code, raised.value.retry_after) == ("SUPPORT_UNAVAILABLE", 3)
    assert "support system is unavailable" in raised.value.message
