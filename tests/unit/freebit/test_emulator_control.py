"""The /_sandbox/ control API: reset, seed, state, time and faults."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from sandbox.freebit import FreebitState, seed
from tests.unit.freebit.emulator_client import auth_key, call, code

Client = TestClient[Any]
SIM = seed.PHYSICAL_SIMS[0]


def register(client: Client, sim: seed.PhysicalSim = SIM) -> dict[str, Any]:
    item = {"kind": "MVNO", "account": sim.msisdn, "productNumber": sim.product_number, "planCode": "PNEW_3G"}
    return call(client, "master/addAcnt", {"createType": "new", "requestDatas": [item]})


def test_state_counts_activations_per_account(client: Client) -> None:
    register(client)
    register(client)  # refused as a duplicate: not counted

    state = client.get("/_sandbox/state").json()
    assert state["activationsPerAccount"] == {SIM.msisdn: 1}
    assert state["accounts"][SIM.msisdn]["state"] == "activating"
    assert state["inventory"]["physicalSims"][0] == {
        "productNumber": SIM.product_number,
        "msisdn": SIM.msisdn,
        "used": True,
    }


def test_advance_completes_what_is_due(client: Client) -> None:
    register(client)
    assert client.post("/_sandbox/advance", json={"seconds": 299}).json()["accounts"][SIM.msisdn]["state"] == (
        "activating"
    )
    assert client.post("/_sandbox/advance", json={"seconds": 1}).json()["accounts"][SIM.msisdn]["state"] == "active"


def test_complete_finishes_even_scheduled_orders(client: Client) -> None:
    call(client, "master/cnclAcnt", {"kind": "MVNO", "account": seed.HANAKO_MSISDN, "runDate": "20991231"})

    answer = client.post("/_sandbox/complete").json()

    assert answer["accounts"][seed.HANAKO_MSISDN]["state"] == "cancelled"


def test_reset_restores_the_seed(client: Client, state: FreebitState) -> None:
    register(client)
    client.post("/_sandbox/faults", json={"operation": "*", "kind": "http_error"})

    snapshot = client.post("/_sandbox/reset").json()

    assert list(snapshot["accounts"]) == [seed.HANAKO_MSISDN]
    assert snapshot["registrations"] == []
    assert snapshot["faults"] == []
    assert state.auth_keys == {}


def test_seed_adds_inventory_and_credentials(client: Client) -> None:
    extra = seed.PhysicalSim(product_number="AX2099000000001", msisdn="07099990001")
    client.post(
        "/_sandbox/seed",
        json={
            "physicalSims": [{"productNumber": extra.product_number, "msisdn": extra.msisdn}],
            "oemCredentials": {"PDEMO": "demo-key"},
        },
    )

    assert register(client, extra)["resultCode"] == "100"
    other = call(client, "authOem", {"oemId": "PDEMO", "oemKey": "demo-key"}, auth=False)
    assert other["resultCode"] == "100"


def test_faults_are_armed_listed_consumed_and_cleared(client: Client) -> None:
    key = auth_key(client)
    client.post("/_sandbox/faults", json={"operation": "mvno/getDetail", "kind": "auth_failure", "times": 1})
    assert [f["operation"] for f in client.get("/_sandbox/faults").json()] == ["mvno/getDetail"]

    detail = {"authKey": key, "requestDatas": [{"kind": "MVNO", "account": seed.HANAKO_MSISDN}]}
    assert code(call(client, "mvno/getDetail", detail, auth=False)) == "200-210"
    assert call(client, "mvno/getDetail", detail, auth=False)["resultCode"] == "100"

    client.post("/_sandbox/faults", json={"operation": "mvno/getDetail", "kind": "http_error", "status": 502})
    client.delete("/_sandbox/faults")
    assert client.get("/_sandbox/faults").json() == []


def test_http_error_and_non_json_faults(client: Client) -> None:
    client.post("/_sandbox/faults", json={"operation": "authOem", "kind": "http_error", "status": 502})
    assert client.post("/emptool/api/authOem/", data={"json": "{}"}).status_code == 502
    client.post("/_sandbox/faults", json={"operation": "authOem", "kind": "non_json"})
    page = client.post("/emptool/api/authOem/", data={"json": "{}"})
    assert page.headers["content-type"].startswith("text/html")


def test_auth_failure_on_auth_oem_is_the_credentials_error(client: Client) -> None:
    client.post("/_sandbox/faults", json={"operation": "authOem", "kind": "auth_failure"})
    answer = call(client, "authOem", {"oemId": seed.OEM_ID, "oemKey": seed.OEM_KEY}, auth=False)
    assert code(answer) == "200-201"


def test_expiring_keys_by_hand(client: Client) -> None:
    key = auth_key(client)
    client.post("/_sandbox/auth/expire")
    detail = {"authKey": key, "requestDatas": [{"kind": "MVNO", "account": seed.HANAKO_MSISDN}]}
    assert code(call(client, "mvno/getDetail", detail, auth=False)) == "200-210"
    assert client.get("/_sandbox/state").json()["liveAuthKeys"] == 0
