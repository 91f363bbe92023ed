"""Identity documents through HTTP (multipart), against the Salesforce emulator: stored as Files on the Account,
refused while under review; an executable, a bad count or an over-size body is a clear problem and stores nothing."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from application.cdc.channels import ELIGIBILITY
from application.ports.change_stream import PlatformEvent
from application.verification.verification_outcomes import VerificationOutcomeHandler
from entrypoints.secret import Secret
from tests.integration.conftest import disposable_engine
from tests.support.app import real_app
from tests.support.documents import EXECUTABLE, EXIF, jpeg, pdf
from tests.support.redis_server import redis_url
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
JOURNEYS_REDIS_URL = redis_url(11)  # this area's own database: codes and attempt counters meet no other flush


async def flush_redis() -> None:
    client = Redis.from_url(JOURNEYS_REDIS_URL)
    await client.flushdb()
    await client.aclose()


YUKI = {
    "email": "yuki.suzuki@example.jp", "password": "a fresh portal passphrase", "firstName": "Yuki",
    "lastName": "Suzuki", "phone": "090-1234-5678", "customerNumber": "SH-100003",
    "address": {"postcode": "160-0022", "prefecture": "Tokyo", "city": "Shinjuku-ku", "street": "3-1-1 Shinjuku"},
}  # fmt: skip
UPLOAD = "/api/account/verification/documents"


@pytest.fixture
async def client(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[AsyncTestClient[Litestar]]:
    sandbox.reset()
    await flush_redis()
    app = real_app(database_url, redis_url=Secret(JOURNEYS_REDIS_URL), **sandbox.portal_settings())
    async with disposable_engine(database_url), AsyncTestClient(app) as client:
        signed_up = await client.post("/api/auth/signup", json=YUKI)
        assert signed_up.status_code == 201, signed_up.text
        client.headers["X-CSRF-Token"] = signed_up.json()["csrfToken"]
        yield client
    await flush_redis()


def files_on_the_account(sandbox: RunningSandbox) -> list[dict[str, Any]]:
    with sandbox.salesforce() as crm:
        records = crm.get("/_sandbox/records/ContentVersion").json()
    return records if isinstance(records, list) else records.get("records", [])


async def test_a_residence_card_becomes_two_files_on_the_account_without_their_metadata(
    client: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    assert (await client.get("/api/account/verification")).json()["status"] == "Not Submitted"
    sent = await client.post(
        UPLOAD,
        data={"document": "residence_card"},
        files={"front": ("front.jpg", jpeg(), "image/jpeg"), "back": ("IMG_0001.jpg", pdf(), "image/jpeg")},
    )
    assert sent.status_code == 201, sent.text
    assert sent.json() == {"status": "Pending", "files": 2}
    stored = files_on_the_account(sandbox)
    assert sorted(f["PathOnClient"] for f in stored) == ["residence-card-back.pdf", "residence-card-front.jpg"]
    front = next(f for f in stored if f["PathOnClient"].endswith(".jpg"))
    assert EXIF not in base64.b64decode(front["VersionData"])
    view = (await client.get("/api/account/verification")).json()
    assert (view["status"], view["canSubmit"]) == ("Pending", False)
    again = await client.post(UPLOAD, data={"document": "other"}, files={"front": ("id.pdf", pdf(), "application/pdf")})
    assert (again.status_code, again.json()["code"]) == (409, "VERIFICATION_UNDER_REVIEW")
    assert len(files_on_the_account(sandbox)) == 2


@pytest.mark.parametrize(
    ("form", "files", "code"),
    [
        ({"document": "other"}, {"front": ("photo.jpg", EXECUTABLE, "image/jpeg")}, "DOCUMENT_TYPE_NOT_ACCEPTED"),
        ({"document": "residence_card"}, {"front": ("front.jpg", jpeg(), "image/jpeg")}, "DOCUMENT_COUNT"),
        ({"document": "other"}, {"front": ("big.pdf", pdf() + b" " * (6 * 1024 * 1024), "application/pdf")},
         "DOCUMENT_TOO_LARGE"),
    ],
)  # fmt: skip
async def test_bad_uploads_are_clear_problems_and_store_nothing(
    client: AsyncTestClient[Litestar], sandbox: RunningSandbox, form: dict[str, str], files: dict[str, Any], code: str
) -> None:
    refused = await client.post(UPLOAD, data=form, files=files)
    assert (refused.status_code, refused.json()["code"]) == (422, code)
    assert files_on_the_account(sandbox) == []
    assert (await client.get("/api/account/verification")).json()["status"] == "Not Submitted"


async def test_a_thirty_megabyte_upload_is_refused_unread(client: AsyncTestClient[Litestar]) -> None:
    refused = await client.post(
        UPLOAD, data={"document": "other"}, files={"front": ("huge.pdf", pdf() + bytes(30 * 1024 * 1024))}
    )
    assert (refused.status_code, refused.json()["code"]) == (413, "PAYLOAD_TOO_LARGE")


async def test_the_upload_needs_a_session(database_url: str, sandbox: RunningSandbox) -> None:
    async with AsyncTestClient(
        real_app(database_url, redis_url=Secret(JOURNEYS_REDIS_URL), **sandbox.portal_settings())
    ) as anonymous:
        answer = await anonymous.post(UPLOAD, data={"document": "other"}, files={"front": ("a.pdf", pdf())})
    assert answer.status_code in (401, 403)


async def dashboard_tasks(client: AsyncTestClient[Litestar]) -> list[tuple[str, str]]:
    status = (await client.get("/api/me/status")).json()
    return [(t["type"], t["title"]) for t in status["tasks"] if t["type"].startswith("VERIFICATION")]


async def test_a_decision_reaches_the_status_the_dashboard_and_the_notifications_once(
    client: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    """Staff reject in the org; `portal cdc`'s handler (run here on the API's container) takes the event twice."""
    assert await dashboard_tasks(client) == [("VERIFICATION_NEEDED", "Submit your ID (needed for SIM orders)")]
    sent = await client.post(UPLOAD, data={"document": "other"}, files={"front": ("id.pdf", pdf(), "application/pdf")})
    assert sent.status_code == 201, sent.text
    assert await dashboard_tasks(client) == [("VERIFICATION_UNDER_REVIEW", "Your ID is under review")]
    with sandbox.salesforce() as crm:
        seed = crm.get("/_sandbox/seed").json()
        account_id = seed["accounts"]["SH-100003"]
        decided = crm.post(
            f"/_sandbox/accounts/{account_id}/verification",
            json={"status": "Rejected", "reason": "The photo is blurred", "publish": False},
        )
        assert decided.status_code == 200, decided.text
    assert (await client.get("/api/account/verification")).json()["status"] == "Pending"  # no event yet: stored

    portal = client.blocking_portal  # the app's own event loop, where its clients live
    handler = await asyncio.to_thread(portal.call, client.app.state.dishka_container.get, VerificationOutcomeHandler)
    event = PlatformEvent(
        channel=ELIGIBILITY, replay_id=7, created_date=dt.datetime.now(dt.UTC), created_by_id="005",
        event_uuid="decision-1", fields={"Account_Id__c": account_id},
    )  # fmt: skip
    for _ in range(2):  # delivered twice
        await asyncio.to_thread(portal.call, handler.handle, event)

    view = (await client.get("/api/account/verification")).json()
    assert (view["status"], view["rejectionReason"], view["canSubmit"]) == ("Rejected", "The photo is blurred", True)
    assert await dashboard_tasks(client) == [("VERIFICATION_REJECTED", "Resubmit your ID: The photo is blurred")]
    listed = (await client.get("/api/account/notifications")).json()
    told = [(n["kind"], n["body"]) for n in listed["items"] if n["kind"].startswith("verification")]
    assert told == [("verification.rejected", "We could not accept it: The photo is blurred.")]
