"""SIM details and usage through HTTP, against the WHMCS and Freebit emulators, Postgres and Redis."""

from __future__ import annotations

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.billing.portal import KENJI, link_in_database, sign_in
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
HANAKO_SIM = 2


def arm_freebit_fault(sandbox: RunningSandbox, operation: str, kind: str, **extra: object) -> None:
    with sandbox.freebit() as client:
        client.post("/_sandbox/faults", json={"operation": operation, "kind": kind, **extra}).raise_for_status()


async def test_hanako_sees_her_sim_and_its_usage_privately(hanako: httpx.AsyncClient) -> None:
    sim = await hanako.get(f"/api/sims/{HANAKO_SIM}")
    assert sim.status_code == 200, sim.text
    body = sim.json()
    assert (body["msisdn"], body["planCode"], body["form"], body["networkType"]) == (
        "08012345678",
        "PNEW_10G",
        "physical",
        "4G",
    )
    assert body["voiceOptions"] == {"voiceMail": True, "callWaiting": True, "internationalRoaming": False}
    assert set(sim.headers["cache-control"].split(", ")) == {"private", "no-store"}

    usage = await hanako.get(f"/api/sims/{HANAKO_SIM}/usage")
    assert usage.status_code == 200, usage.text
    assert usage.json()["usedTodayMb"] == 312
    assert usage.json()["maxAgeSeconds"] == 120
    assert usage.json()["asOf"]


async def test_another_customers_sim_is_the_same_404_as_an_unknown_one(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, KENJI)
    async with AsyncTestClient(app) as kenji:
        await sign_in(kenji, KENJI)
        theirs = await kenji.get(f"/api/sims/{HANAKO_SIM}")
        unknown = await kenji.get("/api/sims/987654")
        usage = await kenji.get(f"/api/sims/{HANAKO_SIM}/usage")
    assert theirs.status_code == unknown.status_code == usage.status_code == 404
    assert theirs.json()["detail"] == unknown.json()["detail"]


async def test_a_freebit_outage_is_503_with_retry_after_and_no_partial_data(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    arm_freebit_fault(sandbox, "mvno/getTrafficInfo", "http_error", times=10)
    response = await hanako.get(f"/api/sims/{HANAKO_SIM}/usage")
    assert response.status_code == 503
    assert response.json()["code"] == "SIM_SERVICE_UNAVAILABLE"
    assert int(response.headers["retry-after"]) > 0
    assert "remainingMb" not in response.text


async def test_a_voice_option_switch_is_pending_and_a_second_change_meanwhile_is_409(
    hanako: httpx.AsyncClient,
) -> None:
    switched = await hanako.patch(f"/api/sims/{HANAKO_SIM}/voice-options", json={"internationalRoaming": True})
    assert switched.status_code == 202, switched.text
    assert [c["operation"] for c in switched.json()["pendingChanges"]] == ["voice_options"]

    again = await hanako.patch(f"/api/sims/{HANAKO_SIM}/voice-options", json={"voiceMail": False})
    network = await hanako.put(f"/api/sims/{HANAKO_SIM}/network-type", json={"networkType": "5G"})
    assert (again.status_code, again.json()["code"]) == (409, "SIM_CHANGE_IN_PROGRESS")
    assert (network.status_code, network.json()["code"]) == (409, "SIM_CHANGE_IN_PROGRESS")
    unknown = await hanako.patch(f"/api/sims/{HANAKO_SIM}/voice-options", json={"voicemail": True})
    assert unknown.status_code == 400  # a misspelt option is a client bug, not silently ignored
