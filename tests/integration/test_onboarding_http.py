"""Sign-up and linking through HTTP against the WHMCS and Salesforce emulators, Postgres and Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from application.identity.resume_onboardings import ResumeOnboardings
from entrypoints.ioc.container import build_container
from tests.integration.conftest import disposable_engine
from tests.support.app import flush_redis, real_app, settings_for_tests
from tests.support.clock import ClockProvider, ShiftedClock
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration

YUKI = {
    "email": "yuki.suzuki@example.jp",
    "password": "a fresh portal passphrase",
    "firstName": "Yuki",
    "lastName": "Suzuki",
    "phone": "090-1234-5678",
    "address": {"postcode": "160-0022", "prefecture": "Tokyo", "city": "Shinjuku-ku", "street": "3-1-1 Shinjuku"},
    "customerNumber": "SH-100003",
}


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock()


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox, clock: ShiftedClock) -> AsyncIterator[Litestar]:
    sandbox.reset()
    await flush_redis()
    async with disposable_engine(database_url):
        yield real_app(database_url, ClockProvider(clock), **sandbox.portal_settings())
    await flush_redis()


def whmcs_clients(sandbox: RunningSandbox, email: str) -> list[dict[str, Any]]:
    with sandbox.whmcs() as client:
        state = client.get("/_sandbox/state").json()
    return [c for c in state["clients"] if str(c.get("email", "")).lower() == email]


def crm_account(sandbox: RunningSandbox, number: str) -> dict[str, Any]:
    with sandbox.salesforce() as client:
        records = client.get("/_sandbox/records/Account").json()
    rows = records if isinstance(records, list) else records.get("records", [])
    return next(r for r in rows if r.get("SF_Account_No__c") == number)


async def resume(database_url: str, sandbox: RunningSandbox, clock: ShiftedClock) -> int:
    """The worker's sweep, run as the worker process would: its own container, its own connections."""
    settings = settings_for_tests(database_url, **sandbox.portal_settings())
    container = build_container(settings, ClockProvider(clock))
    try:
        async with container() as request:
            return await (await request.get(ResumeOnboardings)).execute()
    finally:
        await container.close()


async def test_sign_up_creates_the_billing_client_the_link_and_marks_the_crm_account(
    app: Litestar, sandbox: RunningSandbox
) -> None:
    async with AsyncTestClient(app) as client:
        response = await client.post("/api/auth/signup", json=YUKI)
        assert response.status_code == 201, response.text
        me = (await client.get("/api/me")).json()
    [billing] = whmcs_clients(sandbox, "yuki.suzuki@example.jp")
    assert me["linked"]["whmcsClientId"] == int(billing["id"])
    account = crm_account(sandbox, "SH-100003")
    assert account["Portal_Status__c"] == "Active"
    assert account["Portal_Registration_Source__c"] == "New Signup"
    assert me["linked"]["sfAccountId"] == account["Id"]


async def test_an_account_linked_to_another_billing_client_cannot_sign_up(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        response = await client.post(
            "/api/auth/signup", json=YUKI | {"customerNumber": "SH-100008", "email": "ren.nakamura@example.jp"}
        )
    assert response.status_code == 409
    assert response.json()["code"] == "ACCOUNT_ALREADY_EXISTS"


async def test_an_unknown_customer_number_is_a_field_error(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        response = await client.post("/api/auth/signup", json=YUKI | {"customerNumber": "SH-999999"})
    assert response.status_code == 422
    assert response.json()["code"] == "CUSTOMER_NUMBER_NOT_FOUND"
    assert "customerNumber" in response.json()["errors"]


async def test_concurrent_duplicate_sign_ups_make_exactly_one_billing_client(
    app: Litestar, sandbox: RunningSandbox
) -> None:
    async def attempt() -> int:
        async with AsyncTestClient(app) as browser:  # four browsers: no shared session cookie
            return (await browser.post("/api/auth/signup", json=YUKI)).status_code

    statuses = await asyncio.gather(*(attempt() for _ in range(4)))
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {201, 409}
    assert len(whmcs_clients(sandbox, "yuki.suzuki@example.jp")) == 1


async def test_a_sign_up_stopped_by_a_billing_outage_is_finished_by_the_worker(
    app: Litestar, sandbox: RunningSandbox, clock: ShiftedClock, database_url: str
) -> None:
    with sandbox.whmcs() as whmcs:
        whmcs.post("/_sandbox/faults", json={"operation": "AddClient", "kind": "http_error", "status": 503})
    async with AsyncTestClient(app) as client:
        response = await client.post("/api/auth/signup", json=YUKI)
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert whmcs_clients(sandbox, "yuki.suzuki@example.jp") == []
    clock.advance(300)
    assert await resume(database_url, sandbox, clock) == 1
    assert len(whmcs_clients(sandbox, "yuki.suzuki@example.jp")) == 1
    assert crm_account(sandbox, "SH-100003")["Portal_Status__c"] == "Active"
    async with AsyncTestClient(app) as client:
        login = await client.post("/api/auth/login", json={"email": YUKI["email"], "password": YUKI["password"]})
    assert login.status_code == 200


async def test_a_crm_outage_after_the_user_exists_lets_them_in_and_is_retried(
    app: Litestar, sandbox: RunningSandbox, clock: ShiftedClock, database_url: str
) -> None:
    with sandbox.salesforce() as salesforce:
        salesforce.post(
            "/_sandbox/faults",
            json={"operation": "sobject_update:Account", "kind": "http_error", "status": 503, "times": 10},
        )
    async with AsyncTestClient(app) as client:
        assert (await client.post("/api/auth/signup", json=YUKI)).status_code == 201
        assert (await client.get("/api/me")).status_code == 200
    assert crm_account(sandbox, "SH-100003")["Portal_Status__c"] != "Active"
    with sandbox.salesforce() as salesforce:
        salesforce.delete("/_sandbox/faults")
    clock.advance(300)
    assert await resume(database_url, sandbox, clock) == 1
    assert crm_account(sandbox, "SH-100003")["Portal_Status__c"] == "Active"


async def test_linking_an_existing_billing_customer(app: Litestar, sandbox: RunningSandbox) -> None:
    async with AsyncTestClient(app) as client:
        response = await client.post(
            "/api/auth/link",
            json={
                "email": "kenji.sato@example.jp",
                "password": "Sakura-Kenji-2026",
                "newPassword": "kenji's portal pass",
            },
        )
        assert response.status_code == 201, response.text
        me = (await client.get("/api/me")).json()
    assert me["linked"]["whmcsClientId"] == 2
    account = crm_account(sandbox, "SH-100002")
    assert (account["Portal_Status__c"], account["Portal_Registration_Source__c"]) == ("Active", "Migrated")


async def test_linking_a_two_factor_billing_user_is_refused_clearly(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        response = await client.post(
            "/api/auth/link",
            json={"email": "aiko.ito@example.jp", "password": "Sakura-Aiko-2026", "newPassword": "aiko's portal pass"},
        )
    assert response.status_code == 409
    assert response.json()["code"] == "TWO_FACTOR_LINKING_UNSUPPORTED"
