"""Opening a case and commenting, safe to retry: over HTTP against the Salesforce emulator and Postgres's keys."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import msgspec
import pytest
from dishka import Provider, Scope, provide
from litestar.testing import AsyncTestClient

from adapters.salesforce.crm import SalesforceCrm
from application.ports.case_desk import CaseDesk
from application.ports.clock import Clock
from entrypoints.settings import Settings
from tests.integration.billing.conftest import AppFactory
from tests.integration.billing.portal import HANAKO, crm_records, keyed, link_in_database, sign_in
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
NEW_CASE = {"subject": "No dial tone", "description": "The home phone is silent.", "category": "Technical"}
ROUTER_CASE = "Router keeps restarting in the evening"


class QuickToGiveUpCases(Provider):
    """Cases on a Salesforce client that abandons an answer after 0.5 s (the real one waits 30 s)."""

    @provide(scope=Scope.APP)
    async def case_desk(self, settings: Settings, clock: Clock) -> AsyncIterator[CaseDesk]:
        config = msgspec.structs.replace(settings.salesforce(), read_timeout_seconds=0.5)
        crm = SalesforceCrm.from_config(config, clock=clock)
        yield crm.cases
        await crm.aclose()


def cases_titled(sandbox: RunningSandbox, subject: str) -> list[dict[str, Any]]:
    return [c for c in crm_records(sandbox, "Case") if c.get("Subject") == subject]


def comments_saying(sandbox: RunningSandbox, body: str) -> list[dict[str, Any]]:
    return [c for c in crm_records(sandbox, "CaseComment") if c.get("CommentBody") == body]


def router_case(sandbox: RunningSandbox) -> str:
    return str(cases_titled(sandbox, ROUTER_CASE)[0]["Id"])


def arm_salesforce_fault(sandbox: RunningSandbox, operation: str, kind: str, **extra: object) -> None:
    with sandbox.salesforce() as salesforce:
        fault = {"operation": operation, "kind": kind, **extra}
        salesforce.post("/_sandbox/faults", json=fault).raise_for_status()


async def test_without_a_key_nothing_is_filed_and_the_problem_says_why(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    case = await hanako.post("/api/support/cases", json=NEW_CASE)
    comment = await hanako.post(f"/api/support/cases/{router_case(sandbox)}/comments", json={"body": "Still red."})

    for response in (case, comment):
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "IDEMPOTENCY_KEY_MISSING"
    assert "second case" in case.json()["detail"]
    assert cases_titled(sandbox, "No dial tone") == []
    assert comments_saying(sandbox, "Still red.") == []


async def test_a_double_submit_opens_one_case_and_answers_with_it_again(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    key = keyed()
    first = await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)
    again = await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(cases_titled(sandbox, "No dial tone")) == 1


async def test_the_same_key_with_another_case_is_refused(hanako: httpx.AsyncClient, sandbox: RunningSandbox) -> None:
    key = keyed()
    assert (await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)).status_code == 201

    reused = await hanako.post("/api/support/cases", json=NEW_CASE | {"subject": "Other"}, headers=key)

    assert (reused.status_code, reused.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")
    assert cases_titled(sandbox, "Other") == []


async def test_concurrent_submits_with_one_key_open_one_case(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    key = keyed()

    answers = await asyncio.gather(*(hanako.post("/api/support/cases", json=NEW_CASE, headers=key) for _ in range(6)))

    statuses = [answer.status_code for answer in answers]
    assert 201 in statuses
    assert set(statuses) <= {201, 409}
    assert all(a.json()["code"] == "IDEMPOTENCY_REQUEST_IN_PROGRESS" for a in answers if a.status_code == 409)
    assert all(a.headers["retry-after"] for a in answers if a.status_code == 409)
    assert len({a.json()["id"] for a in answers if a.status_code == 201}) == 1
    assert len(cases_titled(sandbox, "No dial tone")) == 1


async def test_a_case_salesforce_made_before_its_answer_was_lost_is_found_not_opened_twice(
    make_app: AppFactory, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(make_app(QuickToGiveUpCases())) as client:
        await sign_in(client, HANAKO)
        arm_salesforce_fault(sandbox, "sobject_create:Case", "apply_then_timeout", delay_ms=1500)
        key = keyed()

        first = await client.post("/api/support/cases", json=NEW_CASE, headers=key)
        retried = await client.post("/api/support/cases", json=NEW_CASE, headers=key)

    assert first.status_code == 201, first.text
    assert retried.json()["id"] == first.json()["id"]
    [made] = cases_titled(sandbox, "No dial tone")
    assert made["Id"] == first.json()["id"]


async def test_after_an_outage_the_retry_with_the_same_key_opens_the_case(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    arm_salesforce_fault(sandbox, "sobject_create:Case", "http_error", status=503)
    key = keyed()

    failed = await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)
    retried = await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)

    assert (failed.status_code, failed.json()["code"]) == (503, "SUPPORT_UNAVAILABLE")
    assert retried.status_code == 201, retried.text  # the outage was not recorded as the key's answer
    assert len(cases_titled(sandbox, "No dial tone")) == 1


async def test_a_double_submitted_comment_is_posted_once(hanako: httpx.AsyncClient, sandbox: RunningSandbox) -> None:
    path, key = f"/api/support/cases/{router_case(sandbox)}/comments", keyed()

    answers = [await hanako.post(path, json={"body": "Still red."}, headers=key) for _ in range(2)]
    reused = await hanako.post(path, json={"body": "Now green."}, headers=key)

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[1].content == answers[0].content
    assert (reused.status_code, reused.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")
    assert len(comments_saying(sandbox, "Still red.")) == 1
    assert comments_saying(sandbox, "Now green.") == []


async def test_one_key_for_a_case_and_for_a_comment_are_two_requests(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    key = keyed()
    case = await hanako.post("/api/support/cases", json=NEW_CASE, headers=key)
    comment = await hanako.post(f"/api/support/cases/{case.json()['id']}/comments", json={"body": "Hi"}, headers=key)

    assert (case.status_code, comment.status_code) == (201, 201)
    assert comment.json()["body"] == "Hi"
