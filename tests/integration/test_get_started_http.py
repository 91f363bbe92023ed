"""Get-started and the public availability check through HTTP, against the emulators, Postgres and Redis: the code is
read from the mail outbox, as the worker would send it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from entrypoints.secret import Secret
from tests.integration.conftest import disposable_engine
from tests.support.app import create_user, real_app
from tests.support.redis_server import redis_url
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
JOURNEYS_REDIS_URL = redis_url(11)  # this area's own database: codes and attempt counters meet no other flush


async def flush_redis() -> None:
    client = Redis.from_url(JOURNEYS_REDIS_URL)
    await client.flushdb()
    await client.aclose()


AOI = "aoi.kato@example.jp"
ADDRESS = {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae"}
PROFILE = {"firstName": "Aoi", "lastName": "Kato", "phone": "090-5555-1234", "address": ADDRESS}


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    sandbox.reset()
    await flush_redis()
    async with disposable_engine(database_url):
        yield real_app(database_url, redis_url=Secret(JOURNEYS_REDIS_URL), **sandbox.portal_settings())
    await flush_redis()


async def outbox(database_url: str, to: str) -> list[dict[str, Any]]:
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        rows = (
            await connection.execute(
                text("SELECT template, mail_values FROM mail_outbox WHERE recipient = :to ORDER BY created_at"),
                {"to": to},
            )
        ).all()
    await engine.dispose()
    return [{"template": row.template, **row.mail_values} for row in rows]


async def mailed_code(database_url: str, to: str) -> str:
    return str([m for m in await outbox(database_url, to) if m["template"] == "email_code"][-1]["code"])


def crm_accounts(sandbox: RunningSandbox, name: str) -> list[dict[str, Any]]:
    with sandbox.salesforce() as client:
        records = client.get("/_sandbox/records/Account").json()
    rows = records if isinstance(records, list) else records.get("records", [])
    return [r for r in rows if r.get("Name") == name]


async def test_get_started_sends_verifies_and_completes_a_new_customer(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    async with AsyncTestClient(app) as client:
        sent = await client.post("/api/auth/get-started/code", json={"email": AOI})
        assert sent.status_code == 202, sent.text
        assert sent.json()["expiresInSeconds"] == 600
        code = await mailed_code(database_url, AOI)
        verified = await client.post("/api/auth/get-started/verify", json={"email": AOI, "code": code})
        assert verified.status_code == 200, verified.text
        body = verified.json()
        assert body["nextStep"] == "signUp"
        done = await client.post(
            "/api/auth/get-started/complete",
            json={"proof": body["proof"], "password": "a fresh portal passphrase", **PROFILE,
                  "checkInternetAvailability": True},
        )  # fmt: skip
        assert done.status_code == 201, done.text
        me = (await client.get("/api/me")).json()
    assert me["email"] == AOI
    [account] = crm_accounts(sandbox, "Kato Aoi")
    assert account["Portal_Status__c"] == "Active"
    assert account["SF_Account_No__c"].startswith("SH-2")
    assert me["linked"]["sfAccountId"] == account["Id"]


async def test_the_send_answer_is_the_same_for_an_address_with_a_login_and_one_without(
    app: Litestar, database_url: str
) -> None:
    await create_user(database_url, "hanako.tanaka@example.jp", "correct horse battery")
    async with AsyncTestClient(app) as client:
        answers = [
            await client.post("/api/auth/get-started/code", json={"email": email})
            for email in ("hanako.tanaka@example.jp", AOI)
        ]
        assert {a.status_code for a in answers} == {202}
        assert answers[0].json() == answers[1].json()
        code = await mailed_code(database_url, "hanako.tanaka@example.jp")
        verified = await client.post(
            "/api/auth/get-started/verify", json={"email": "hanako.tanaka@example.jp", "code": code}
        )
    assert verified.json() == {"nextStep": "logIn"}  # only the mailbox's owner learns it


async def test_a_wrong_then_a_reused_code_are_clear_problems(app: Litestar, database_url: str) -> None:
    async with AsyncTestClient(app) as client:
        await client.post("/api/auth/get-started/code", json={"email": AOI})
        code = await mailed_code(database_url, AOI)
        wrong = await client.post(
            "/api/auth/get-started/verify", json={"email": AOI, "code": f"{(int(code) + 1) % 10**6:06d}"}
        )
        assert (wrong.status_code, wrong.json()["code"]) == (422, "EMAIL_CODE_WRONG")
        assert (await client.post("/api/auth/get-started/verify", json={"email": AOI, "code": code})).status_code == 200
        reused = await client.post("/api/auth/get-started/verify", json={"email": AOI, "code": code})
        assert (reused.status_code, reused.json()["code"]) == (422, "EMAIL_CODE_EXPIRED")
        forged = await client.post(
            "/api/auth/get-started/complete", json={"proof": "forged", "password": "a fresh passphrase", **PROFILE}
        )
        assert (forged.status_code, forged.json()["code"]) == (422, "EMAIL_PROOF_INVALID")


async def test_the_sixth_code_in_five_minutes_is_refused(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        for _ in range(5):
            assert (await client.post("/api/auth/get-started/code", json={"email": AOI})).status_code == 202
        refused = await client.post("/api/auth/get-started/code", json={"email": AOI})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0


async def test_a_public_check_files_the_request_once_and_mails_a_confirmation(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    async with AsyncTestClient(app) as client:
        for _ in range(2):
            answer = await client.post("/api/availability-checks", json={"email": AOI, **PROFILE})
            assert answer.status_code == 202, answer.text
    [account] = crm_accounts(sandbox, "Kato Aoi")
    with sandbox.salesforce() as crm:
        cases = crm.get("/_sandbox/records/Case").json()
    rows = cases if isinstance(cases, list) else cases.get("records", [])
    mine = [c for c in rows if c.get("AccountId") == account["Id"]]
    assert [c["Eligibility_Address_Key__c"] for c in mine] == ["150-0001:1-2-3 Jingumae"]
    assert [m["template"] for m in await outbox(database_url, AOI)] == ["availability_requested"]
