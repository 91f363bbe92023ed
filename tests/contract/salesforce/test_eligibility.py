from __future__ import annotations

import pytest

from application.errors import NotFoundError
from application.ports.crm_models import CrmAddress
from application.ports.eligibility_requests import EligibilityRequest
from tests.contract.salesforce.conftest import Crm

ADDRESS = CrmAddress(street="6-10-1 Roppongi", city="Minato-ku", prefecture="Tokyo", postcode="106-0032")


@pytest.mark.parametrize(
    ("number", "status", "offering"),
    [
        ("SH-100001", "Eligible", "Home 1G"),
        ("SH-100003", "Not Requested", None),
        ("SH-100004", "Pending", None),
        ("SH-100005", "Not Eligible", None),
        ("SH-100008", "Eligible", "Home 10G"),
    ],
)
async def test_reads_each_eligibility_state(crm: Crm, number: str, status: str, offering: str | None) -> None:
    eligibility = await crm.eligibility.get_eligibility(crm.ids.accounts[number])

    assert (eligibility.status, eligibility.offering_type) == (status, offering)
    assert (eligibility.checked_at is not None) == (status in ("Eligible", "Not Eligible"))


async def test_eligibility_of_an_unknown_account_is_not_found(crm: Crm) -> None:
    with pytest.raises(NotFoundError):
        await crm.eligibility.get_eligibility("001RO00000000ZZYAA")


async def test_a_first_request_files_a_case_under_the_opportunity_and_marks_the_account_pending(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100003"]
    opportunity = await crm.opportunities.create(account_id, "Internet", "Introduction")

    receipt = await crm.eligibility_requests.submit(request(account_id, opportunity))

    assert receipt.case_created
    assert receipt.case_id.startswith("500")
    assert (await crm.eligibility.get_eligibility(account_id)).status == "Pending"
    cases = await crm.cases.list_cases(account_id)
    assert [(c.id, c.origin, c.status) for c in cases] == [(receipt.case_id, "Portal Website", "New")]


async def test_repeating_a_request_reuses_the_open_case(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100003"]
    opportunity = await crm.opportunities.create(account_id, "Internet", "Introduction")
    first = await crm.eligibility_requests.submit(request(account_id, opportunity))

    again = await crm.eligibility_requests.submit(request(account_id, opportunity))

    assert again.case_id == first.case_id
    assert not again.case_created


async def test_a_pending_account_gets_a_new_case_for_a_new_address(crm: Crm) -> None:
    account_id = crm.ids.accounts["SH-100004"]

    receipt = await crm.eligibility_requests.submit(request(account_id, crm.ids.opportunities["SH-100004"]))

    assert receipt.case_created
    assert len(await crm.cases.list_cases(account_id)) == 2


async def test_a_request_for_an_unknown_account_is_not_found(crm: Crm) -> None:
    with pytest.raises(NotFoundError):
        await crm.eligibility_requests.submit(request("001RO00000000ZZYAA", "006RO00000000ZZYAA"))


def request(account_id: str, opportunity_id: str) -> EligibilityRequest:
    return EligibilityRequest(account_id=account_id, opportunity_id=opportunity_id, address=ADDRESS)
