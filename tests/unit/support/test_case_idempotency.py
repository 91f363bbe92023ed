"""Opening a case once per request: the case carries the key of (user, Idempotency-Key), so a retry finds it."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.crm_cases import CaseDeskFault, InMemoryCaseDesk
from adapters.memory.crm_data import InMemoryCrmData
from application.errors import ConflictError
from application.identity.linked_customer import LinkedCustomer
from application.outages import SupportUnavailableError
from application.support.comment_on_case import CommentOnCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase, OpenCaseCommand, case_key
from tests.unit.support.world import HANAKO, KENJI, support_crm

ROUTER_CASE = "500MEM000000901YBA"  # Hanako's (ids the twin never hands out)


def no_signal(key: str, subject: str = "No signal") -> OpenCaseCommand:
    return OpenCaseCommand(idempotency_key=key, subject=subject, description="Since this morning.")


@pytest.fixture
def crm() -> InMemoryCrmData:
    return support_crm()


@pytest.fixture
def desk(crm: InMemoryCrmData) -> InMemoryCaseDesk:
    return InMemoryCaseDesk(crm)


async def cases_of(desk: InMemoryCaseDesk, customer: LinkedCustomer) -> list[str]:
    return [case.id for case in await ListCases(desk).execute(customer)]


async def test_the_same_key_opens_one_case_and_answers_with_it_again(desk: InMemoryCaseDesk) -> None:
    first = await OpenCase(desk).execute(HANAKO, no_signal("k-1"))
    again = await OpenCase(desk).execute(HANAKO, no_signal("k-1"))

    assert again == first
    assert await cases_of(desk, HANAKO) == [first.id, ROUTER_CASE]


async def test_another_key_is_another_case(desk: InMemoryCaseDesk) -> None:
    first = await OpenCase(desk).execute(HANAKO, no_signal("k-1"))
    second = await OpenCase(desk).execute(HANAKO, no_signal("k-2"))

    assert first.id != second.id
    assert len(await cases_of(desk, HANAKO)) == 3


async def test_a_key_is_the_users_own_another_customer_with_it_opens_their_own_case(desk: InMemoryCaseDesk) -> None:
    hanakos = await OpenCase(desk).execute(HANAKO, no_signal("same-uuid"))
    kenjis = await OpenCase(desk).execute(KENJI, no_signal("same-uuid"))

    assert hanakos.id != kenjis.id
    assert kenjis.id in await cases_of(desk, KENJI)
    assert kenjis.id not in await cases_of(desk, HANAKO)


async def test_an_answer_lost_and_found_again_is_the_case(desk: InMemoryCaseDesk) -> None:
    desk.arm("create_case", CaseDeskFault.APPLY_THEN_TIMEOUT)

    case = await OpenCase(desk).execute(HANAKO, no_signal("k-1"))

    assert await cases_of(desk, HANAKO) == [case.id, ROUTER_CASE]


async def test_a_lost_answer_then_a_retry_with_the_same_key_makes_exactly_one_case(desk: InMemoryCaseDesk) -> None:
    desk.arm("create_case", CaseDeskFault.APPLY_THEN_UNAVAILABLE)  # made, but neither answer nor look-up came back

    with pytest.raises(SupportUnavailableError):
        await OpenCase(desk).execute(HANAKO, no_signal("k-1"))
    retried = await OpenCase(desk).execute(HANAKO, no_signal("k-1"))  # the customer's retry

    assert await cases_of(desk, HANAKO) == [retried.id, ROUTER_CASE]
    assert retried.subject == "No signal"


async def test_a_key_taken_on_another_account_is_a_conflict_not_that_case(
    crm: InMemoryCrmData, desk: InMemoryCaseDesk
) -> None:
    # Only if a user were re-linked to another account could this happen: never show the other account's case.
    await OpenCase(desk).execute(HANAKO, no_signal("k-1"))
    moved = LinkedCustomer(
        user_id=HANAKO.user_id, whmcs_client_id=2, sf_account_id=KENJI.sf_account_id, sf_contact_id=None
    )

    with pytest.raises(ConflictError):
        await OpenCase(desk).execute(moved, no_signal("k-1"))
    assert len(crm.cases) == 3


async def test_a_comment_whose_answer_was_lost_and_found_is_posted_once(
    crm: InMemoryCrmData, desk: InMemoryCaseDesk
) -> None:
    desk.arm("add_comment", CaseDeskFault.APPLY_THEN_TIMEOUT)

    comment = await CommentOnCase(desk).execute(HANAKO, ROUTER_CASE, "Green, then red.")

    assert [c.id for c in crm.cases[ROUTER_CASE].comments if c.created_by_portal] == [comment.id]


async def test_a_comment_whose_answer_and_look_up_were_lost_is_support_unavailable(
    crm: InMemoryCrmData, desk: InMemoryCaseDesk
) -> None:
    desk.arm("add_comment", CaseDeskFault.APPLY_THEN_UNAVAILABLE)

    with pytest.raises(SupportUnavailableError):
        await CommentOnCase(desk).execute(HANAKO, ROUTER_CASE, "Green, then red.")
    assert [c.body for c in crm.cases[ROUTER_CASE].comments if c.created_by_portal] == ["Green, then red."]


@given(user=st.uuids(), key=st.text(min_size=1, max_size=255), other=st.text(min_size=1, max_size=255))
def test_a_case_key_fits_the_field_and_names_one_user_and_key(user: uuid.UUID, key: str, other: str) -> None:
    made = case_key(user, key)

    assert made == case_key(user, key)
    assert made.startswith("pc-")
    assert len(made) <= 64  # Case.Portal_Request_Key__c is 64 characters
    assert made.isascii()
    assert (made == case_key(user, other)) == (key == other)
    assert made != case_key(uuid.UUID(int=user.int ^ 1), key)
