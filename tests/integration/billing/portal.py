"""What the billing and support HTTP tests share: a Redis database of their own, signed-in customers, emulator reads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.engine import create_session_factory
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from adapters.redis import keys
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId
from tests.support.app import create_user
from tests.support.redis_server import redis_url
from tests.support.sandbox import RunningSandbox

# A database of our own: other areas' tests flush theirs while these run.
BILLING_REDIS_URL = redis_url(12)
PASSWORD = "a portal passphrase for tests"


@dataclass(frozen=True)
class DemoCustomer:
    email: str
    customer_number: str
    whmcs_client_id: int


HANAKO = DemoCustomer("hanako.tanaka@example.jp", "SH-100001", 1)
KENJI = DemoCustomer("kenji.sato@example.jp", "SH-100002", 2)


def crm_records(sandbox: RunningSandbox, sobject: str) -> list[dict[str, Any]]:
    with sandbox.salesforce() as client:
        records = client.get(f"/_sandbox/records/{sobject}").json()
    return list(records if isinstance(records, list) else records.get("records", []))


def crm_ids(sandbox: RunningSandbox, customer: DemoCustomer) -> tuple[str, str]:
    """The customer's Salesforce Account and Contact ids, as the emulator's seed made them."""
    account = next(a for a in crm_records(sandbox, "Account") if a.get("SF_Account_No__c") == customer.customer_number)
    contact = next(c for c in crm_records(sandbox, "Contact") if c.get("AccountId") == account["Id"])
    return str(account["Id"]), str(contact["Id"])


async def link_in_database(database_url: str, sandbox: RunningSandbox, customer: DemoCustomer) -> None:
    """A portal user already linked to the customer's WHMCS client and CRM account (as after sign-up)."""
    user = await create_user(database_url, customer.email, PASSWORD)
    account_id, contact_id = crm_ids(sandbox, customer)
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with create_session_factory(engine)() as session:
        uow = PostgresUnitOfWork(session)
        await uow.links.add(
            AccountLink(
                user_id=user.id,
                whmcs_client_id=WhmcsClientId(customer.whmcs_client_id),
                sf_account_id=SalesforceId.parse(account_id),
                sf_contact_id=SalesforceId.parse(contact_id),
                created_at=datetime.now(UTC),
            )
        )
        await uow.commit()
    await engine.dispose()


async def sign_in(client: httpx.AsyncClient, customer: DemoCustomer) -> str:
    """Log in; the client sends the CSRF token on every later request. Returns the token."""
    response = await client.post("/api/auth/login", json={"email": customer.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token = str(response.json()["csrfToken"])
    client.headers["X-CSRF-Token"] = token
    return token


async def cache_keys(pattern: str = "*") -> set[str]:
    redis = Redis.from_url(BILLING_REDIS_URL)
    try:
        found = await redis.keys(keys.cache(pattern))
    finally:
        await redis.aclose()
    return {keys.cache_key_of(key) for key in found}


async def flush_billing_redis() -> None:
    redis = Redis.from_url(BILLING_REDIS_URL)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()


def whmcs_calls(sandbox: RunningSandbox, action: str) -> int:
    with sandbox.whmcs() as client:
        log = client.get("/_sandbox/api-log").json()
    return sum(1 for call in log if call["action"] == action.lower())


def arm_whmcs_fault(sandbox: RunningSandbox, action: str, kind: str, **extra: object) -> None:
    with sandbox.whmcs() as client:
        client.post("/_sandbox/faults", json={"operation": action, "kind": kind, **extra}).raise_for_status()


def new_id() -> str:
    return uuid.uuid4().hex


def keyed(key: str | None = None) -> dict[str, str]:
    """The Idempotency-Key header a frontend sends with a creating request (a fresh one per submission)."""
    return {"Idempotency-Key": key or str(uuid.uuid4())}
