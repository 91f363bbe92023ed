from __future__ import annotations

import pytest

from application.errors import InvalidInputError, NotFoundError
from application.ports.case_desk import NewCase
from tests.contract.salesforce.conftest import Crm


async def test_lists_an_accounts_cases(crm: Crm) -> None:
    cases = await crm.cases.list_cases(crm.ids.accounts["SH-100001"])

    assert [(c.id, c.status, c.origin, c.is_closed) for c in cases] == [
        (crm.ids.cases["SH-100001"][0], "In Progress", "Portal Website", False)
    ]
    assert await crm.cases.list_cases(crm.ids.accounts["SH-100003"]) == ()


async def test_reads_a_case_with_its_comments(crm: Crm) -> None:
    detail = await crm.cases.get_case(crm.ids.accounts["SH-100001"], crm.ids.cases["SH-100001"][0])

    assert detail.case.subject == "Router keeps restarting in the evening"
    assert [(c.published, c.created_by_portal) for c in detail.comments] == [(True, False)]
    assert detail.comments[0].body.startswith("Thank you for the report")


@pytest.mark.parametrize("case_id", ["500RO00000000ZZYAA", "nope", "' OR AccountId != '"])
async def test_unknown_cases_are_not_found(crm: Crm, case_id: str) -> None:
    with pytest.raises(NotFoundError):
        await crm.cases.get_case(crm.ids.accounts["SH-100001"], case_id)


async def test_another_accounts_case_is_not_found(crm: Crm) -> None:
    hanakos_case = crm.ids.cases["SH-100001"][0]

    with pytest.raises(NotFoundError):
        await crm.cases.get_case(crm.ids.accounts["SH-100004"], hanakos_case)
    with pytest.raises(NotFoundError):
        await crm.cases.add_comment(crm.ids.accounts["SH-100004"], hanakos_case, "let me in")


async def test_files_a_case_from_the_portal(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100001"]
    new_case = NewCase(
        account_id=account_id,
        request_key="pc-contract-1",
        subject="Invoice question 'quoted' \\ 100%",
        description="Why two charges?\nThanks",
        contact_id=crm.ids.contacts["SH-100001"],
        priority="High",
        type="Billing",
    )

    case = await crm.cases.create_case(new_case)

    assert (case.status, case.origin, case.priority, case.type) == ("New", "Portal Website", "High", "Billing")
    assert (case.subject, case.description) == (new_case.subject, new_case.description)
    assert (await crm.cases.list_cases(account_id))[0].id == case.id


async def test_comments_on_a_case_as_the_customer(crm: Crm) -> None:
    account_id, case_id = crm.ids.accounts["SH-100001"], crm.ids.cases["SH-100001"][0]

    comment = await crm.cases.add_comment(account_id, case_id, "The lamp blinks red.")

    assert (comment.body, comment.published, comment.created_by_portal) == ("The lamp blinks red.", True, True)
    detail = await crm.cases.get_case(account_id, case_id)
    assert [c.id for c in detail.comments][-1] == comment.id


async def test_a_subject_over_255_characters_is_refused(crm: Crm) -> None:
    new_case = NewCase(
        account_id=crm.ids.accounts["SH-100001"], request_key="pc-long", subject="x" * 256, description="d"
    )

    with pytest.raises(InvalidInputError) as refused:
        await crm.cases.create_case(new_case)

    assert "Subject" in refused.value.fields


async def test_a_case_for_an_unknown_account_is_refused(crm: Crm) -> None:
    with pytest.raises((InvalidInputError, NotFoundError)):
        await crm.cases.create_case(
            NewCase(account_id="001RO0000000999", request_key="pc-nobody", subject="s", description="d")
        )
