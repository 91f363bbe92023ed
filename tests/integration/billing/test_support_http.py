"""Support cases through HTTP against the Salesforce emulator: always live, only the linked account's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from entrypoints.http.problem_types import PROBLEM_TYPES
from tests.integration.billing.portal import HANAKO, crm_ids, crm_records, keyed
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
ROUTER_CASE = "Router keeps restarting in the evening"  # Hanako's open case in the demo world


def case_of(sandbox: RunningSandbox, subject: str) -> dict[str, Any]:
    return next(c for c in crm_records(sandbox, "Case") if c.get("Subject") == subject)


def comments_on(sandbox: RunningSandbox, case_id: str) -> list[dict[str, Any]]:
    return [c for c in crm_records(sandbox, "CaseComment") if c.get("ParentId") == case_id]


def as_agent(sandbox: RunningSandbox, method: str, path: str, body: dict[str, Any]) -> None:
    with sandbox.salesforce() as salesforce:
        salesforce.request(method, f"/_sandbox{path}", json=body).raise_for_status()


async def test_the_account_sees_its_own_cases(hanako: httpx.AsyncClient) -> None:
    response = await hanako.get("/api/support/cases")
    assert response.status_code == 200
    [case] = response.json()["items"]
    assert (case["subject"], case["status"], case["category"], case["origin"]) == (
        ROUTER_CASE,
        "In Progress",
        "Technical",
        "Portal Website",
    )


async def test_a_case_is_read_live_with_its_public_comments_only(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    case_id = case_of(sandbox, ROUTER_CASE)["Id"]
    first = (await hanako.get(f"/api/support/cases/{case_id}")).json()
    assert [c["fromCustomer"] for c in first["comments"]] == [False]  # the agent's reply
    note = {"ParentId": case_id, "CommentBody": "Internal: replace the unit", "IsPublished": False}
    as_agent(sandbox, "POST", "/seed", {"records": [{"type": "CaseComment", "fields": note}]})
    as_agent(sandbox, "PATCH", f"/records/Case/{case_id}", {"Status": "Escalated"})
    second = (await hanako.get(f"/api/support/cases/{case_id}")).json()
    assert second["status"] == "Escalated"  # no cache between the customer and the CRM
    assert [c["body"] for c in second["comments"]] == [c["body"] for c in first["comments"]]


async def test_a_new_case_is_filed_from_the_portal_under_the_contact(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    body = {"subject": "No dial tone", "description": "The home phone is silent.", "category": "Technical"}
    response = await hanako.post("/api/support/cases", json=body | {"priority": "High"}, headers=keyed())
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["status"], created["origin"], created["priority"]) == ("New", "Portal Website", "High")
    record = case_of(sandbox, "No dial tone")
    account_id, contact_id = crm_ids(sandbox, HANAKO)
    assert (record["AccountId"], record["ContactId"], record["Type"]) == (account_id, contact_id, "Technical")
    listed = (await hanako.get("/api/support/cases")).json()["items"]
    assert listed[0]["id"] == created["id"]  # newest first


async def test_a_comment_is_added_to_the_case(hanako: httpx.AsyncClient, sandbox: RunningSandbox) -> None:
    case_id = case_of(sandbox, ROUTER_CASE)["Id"]
    response = await hanako.post(
        f"/api/support/cases/{case_id}/comments", json={"body": "Green, then red."}, headers=keyed()
    )
    assert response.status_code == 201, response.text
    assert response.json()["fromCustomer"] is True
    comments = (await hanako.get(f"/api/support/cases/{case_id}")).json()["comments"]
    assert comments[-1]["body"] == "Green, then red."


@pytest.mark.parametrize("case_id", ["other-account", "500000000000000", "nonsense!", "0" * 40])
async def test_another_accounts_case_or_a_wrong_id_is_404_and_untouched(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox, case_id: str
) -> None:
    if case_id == "other-account":
        case_id = case_of(sandbox, "Internet availability check")["Id"]  # Daichi's
    before = len(comments_on(sandbox, case_id))
    read = await hanako.get(f"/api/support/cases/{case_id}")
    write = await hanako.post(f"/api/support/cases/{case_id}/comments", json={"body": "hello"}, headers=keyed())
    for response in (read, write):
        assert response.status_code == 404
        assert response.json()["code"] == "NOT_FOUND"
        assert "Minatomirai" not in response.text
    assert len(comments_on(sandbox, case_id)) == before


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"subject": "", "description": "x"}, 400),
        ({"subject": "x" * 256, "description": "x"}, 400),
        ({"subject": "   ", "description": "x"}, 422),
        ({"subject": "x", "description": "x", "priority": "Whenever"}, 400),
    ],
)
async def test_invalid_cases_are_refused(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox, body: dict[str, Any], status: int
) -> None:
    before = len(crm_records(sandbox, "Case"))
    assert (await hanako.post("/api/support/cases", json=body, headers=keyed())).status_code == status
    assert len(crm_records(sandbox, "Case")) == before


async def test_a_case_is_always_filed_for_the_callers_account(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    daichi = case_of(sandbox, "Internet availability check")["AccountId"]
    body = {"subject": "Mine", "description": "x", "accountId": daichi, "AccountId": daichi, "contactId": daichi}
    assert (await hanako.post("/api/support/cases", json=body, headers=keyed())).status_code == 201
    assert case_of(sandbox, "Mine")["AccountId"] == crm_ids(sandbox, HANAKO)[0]


async def test_a_crm_outage_is_503_support_unavailable(hanako: httpx.AsyncClient, sandbox: RunningSandbox) -> None:
    as_agent(sandbox, "POST", "/faults", {"operation": "query", "kind": "http_error", "status": 503, "times": None})
    response = await hanako.get("/api/support/cases")
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert response.json()["code"] == "SUPPORT_UNAVAILABLE"
    assert response.json()["detail"] == PROBLEM_TYPES["SUPPORT_UNAVAILABLE"].customer_detail  # no system named
