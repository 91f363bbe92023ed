"""The public and account catalog over HTTP, against the emulators, Postgres and Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import msgspec
import pytest
import stamina
from litestar import Litestar
from litestar.testing import AsyncTestClient

from entrypoints.http.encodings import identity_etag
from tests.integration.catalog.portal import catalog_app, flush_catalog_redis, sign_in
from tests.integration.conftest import disposable_engine
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.integration
PUBLIC = "/api/public/services"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    stamina.set_testing(True)
    with running_sandbox(Path(tmp_path_factory.mktemp("catalog"))) as running:
        yield running
    stamina.set_testing(False)


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    sandbox.reset()
    await flush_catalog_redis()
    async with disposable_engine(database_url):
        yield catalog_app(database_url, sandbox)


async def test_public_documents_carry_public_caching_a_strong_etag_and_revalidate_to_304(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        for path in ("/", "/internet", "/sim", "/vpn"):
            response = await client.get(PUBLIC + path)
            assert response.status_code == 200, response.text
            assert response.headers["cache-control"] == "public, max-age=300, s-maxage=300"
            etag = response.headers["etag"]
            assert etag.startswith('"')
            assert not etag.startswith("W/")
            again = await client.get(PUBLIC + path, headers={"If-None-Match": f'W/"other", W/{etag}'})
            assert again.status_code == 304
            assert again.content == b""
            assert again.headers["etag"] == etag


async def test_warm_answers_from_the_fast_path_equal_the_framework_handlers(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        cold = await client.get(f"{PUBLIC}/internet")  # no verified copy yet: the Litestar handler loads it
        warm = await client.get(f"{PUBLIC}/internet")  # answered before the framework stack
    assert cold.content == warm.content
    for header in ("cache-control", "etag", "content-type", "content-length"):
        assert cold.headers[header] == warm.headers[header], header
    assert cold.headers["x-request-id"] != warm.headers["x-request-id"]


async def test_warm_revalidations_from_the_fast_path_equal_the_framework_handlers(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        cold = await client.get(f"{PUBLIC}/vpn", headers={"If-None-Match": "*"})  # loads, then answers 304
        warm = await client.get(f"{PUBLIC}/vpn", headers={"If-None-Match": "*"})
    assert (cold.status_code, warm.status_code) == (304, 304)
    assert cold.content == warm.content == b""
    assert dict(cold.headers) | {"x-request-id": ""} == dict(warm.headers) | {"x-request-id": ""}


async def test_each_family_in_the_index_links_to_where_its_document_is_served(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        index = (await client.get(PUBLIC)).json()
        for service in index["services"]:
            linked = await client.get(service["path"])
            assert linked.status_code == 200, service
            assert identity_etag(linked.headers["etag"]) == service["etag"]  # the index names the plain copy's tag
    assert [s["family"] for s in index["services"]] == ["internet", "sim", "vpn"]


def _sample(metrics: str, series: str) -> float:
    return next((float(line.split()[-1]) for line in metrics.splitlines() if line.startswith(series + " ")), 0.0)


async def test_cache_health_and_metrics_describe_the_catalog_read_model(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        fills_before = _sample((await client.get("/metrics")).text, 'portal_read_model_fills_total{model="catalog"}')
        etag = identity_etag((await client.get(f"{PUBLIC}/vpn")).headers["etag"])
        await client.get(f"{PUBLIC}/vpn")
        health = (await client.get("/api/health/services/cache")).json()
        metrics = (await client.get("/metrics")).text
    catalog = next(m for m in health["readModels"] if m["name"] == "catalog")
    assert catalog["present"] is True
    assert catalog["etags"]["vpn"] == etag
    assert catalog["misses"] == 1
    assert catalog["fills"] == 1
    assert catalog["localHits"] >= 1
    assert catalog["lastRebuildAt"]
    assert catalog["lastRebuildSeconds"] > 0
    assert health["storeAvailable"] is True
    # the process's counters live as long as the process (other apps of this test session added theirs before)
    assert _sample(metrics, 'portal_read_model_fills_total{model="catalog"}') - fills_before == 1
    assert 'portal_read_model_present{model="catalog"} 1.0' in metrics


async def test_public_endpoints_ignore_cookies_and_authorization(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        plain = await client.get(f"{PUBLIC}/sim")
        await sign_in(client, "Hanako")
        personal = await client.get(f"{PUBLIC}/sim", headers={"Authorization": "Bearer whatever"})
        client.cookies.clear()
        client.cookies.set("__Host-session", "forged")
        forged = await client.get(f"{PUBLIC}/sim")
    assert plain.content == personal.content == forged.content
    assert msgspec.json.decode(personal.content)["familyPlans"] == []  # Hanako has a SIM, but this is public
    assert all("set-cookie" not in r.headers and "cookie" not in r.headers.get("vary", "").lower()
               for r in (plain, personal, forged))  # fmt: skip


async def test_public_rate_limit_is_per_client_ip_from_the_trusted_header(
    database_url: str, sandbox: RunningSandbox
) -> None:
    await flush_catalog_redis()
    async with disposable_engine(database_url):
        limited = catalog_app(database_url, sandbox, public_rate_limit_requests=3, demo_seed_logins=False)
        async with AsyncTestClient(limited) as client:
            first = {"X-Forwarded-For": "198.51.100.7"}
            codes = [(await client.get(f"{PUBLIC}/vpn", headers=first)).status_code for _ in range(4)]
            refused = await client.get(f"{PUBLIC}/vpn", headers=first)
            other = await client.get(f"{PUBLIC}/vpn", headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"})
    assert codes == [200, 200, 200, 429]
    assert refused.json()["code"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) >= 1
    assert other.status_code == 200  # the right-most hop is the client our proxy saw


async def test_account_catalog_needs_a_session_and_is_never_cached_by_browsers(app: Litestar) -> None:
    async with AsyncTestClient(app) as client:
        for family in ("internet", "sim", "vpn"):
            assert (await client.get(f"/api/account/services/{family}")).status_code == 401
        await sign_in(client, "Hanako")
        for family in ("internet", "sim", "vpn"):
            response = await client.get(f"/api/account/services/{family}")
            assert response.status_code == 200
            assert response.headers["cache-control"] == "private, no-store"


async def test_internet_plans_follow_eligibility_and_family_plans_need_an_active_sim(app: Litestar) -> None:
    async with AsyncTestClient(app) as hanako:
        await sign_in(hanako, "Hanako")
        internet = (await hanako.get("/api/account/services/internet")).json()
        assert internet["eligibility"]["status"] == "Eligible"
        assert [o["offeringType"] for o in internet["offerings"]] == ["Home 1G"]
        assert internet["hasActiveInternetService"] is True
        sim = (await hanako.get("/api/account/services/sim")).json()
        assert sim["hasActiveSimService"] is True
        assert len(sim["familyPlans"]) == 12
        hanako.cookies.clear()
        await sign_in(hanako, "Mei")
        assert (await hanako.get("/api/account/services/internet")).json()["offerings"] == []
        hanako.cookies.clear()
        await sign_in(hanako, "Sota")
        sota_sim = (await hanako.get("/api/account/services/sim")).json()
        assert sota_sim["familyPlans"] == []
        assert len(sota_sim["plans"]) == 12


async def test_an_internet_check_is_filed_once_per_address_even_when_sent_twice_at_once(app: Litestar) -> None:
    address = {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae"}
    async with AsyncTestClient(app) as mei:
        await sign_in(mei, "Mei")
        assert (await mei.get("/api/account/eligibility")).json()["status"] == "Not Eligible"
        both = await asyncio.gather(
            *(mei.post("/api/account/eligibility/internet", json={"address": address}) for _ in range(2))
        )
        assert sorted(r.status_code for r in both) == [200, 201]
        assert len({r.json()["caseId"] for r in both}) == 1
        again = await mei.post("/api/account/eligibility/internet", json={"address": address, "notes": "again"})
        assert again.status_code == 200
        assert again.json()["alreadyRequested"] is True
        assert (await mei.get("/api/account/eligibility")).json()["status"] == "Pending"  # our write invalidated it
        bad = await mei.post("/api/account/eligibility/internet", json={"address": {**address, "postcode": "1500001"}})
        assert bad.status_code == 400
        assert bad.json()["code"] == "VALIDATION_FAILED"
