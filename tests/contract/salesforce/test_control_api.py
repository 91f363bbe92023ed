"""The emulator's `/_sandbox/` control API, as tests, the demo and its tour drive it over HTTP."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest

from tests.contract.salesforce.conftest import Emulator

pytestmark = pytest.mark.integration


@pytest.fixture
def control(fresh_emulator: Emulator) -> Iterator[httpx.Client]:
    context = ssl.create_default_context(cafile=str(fresh_emulator.credentials.ca_bundle))
    with httpx.Client(base_url=f"{fresh_emulator.url}/_sandbox", verify=context, trust_env=False) as client:
        yield client


def test_seed_ids_records_and_agent_changes(control: httpx.Client, fresh_emulator: Emulator) -> None:
    ids = control.get("/seed").json()
    account_id = ids["accounts"]["SH-100005"]

    changed = control.patch(f"/records/Account/{account_id}", json={"Id_Verification_Status__c": "Rejected"})
    refused = control.patch(f"/records/Account/{account_id}", json={"Nope__c": 1})

    assert changed.status_code == 200
    assert changed.json()["Id_Verification_Status__c"] == "Rejected"
    assert changed.json()["LastModifiedById"] == "005RO0000000002AAA"  # the agent, not the API user
    assert refused.status_code == 400
    assert refused.json()[0]["errorCode"] == "INVALID_FIELD"
    accounts = control.get("/records/Account").json()
    assert len(accounts) == 8


def test_seeding_extra_records_and_resetting_to_the_demo_world(control: httpx.Client) -> None:
    created = control.post("/seed", json={"records": [{"type": "Account", "fields": {"Name": "Extra"}}]})
    assert created.status_code == 201
    assert len(control.get("/records/Account").json()) == 9

    assert control.post("/reset").status_code == 204

    assert len(control.get("/records/Account").json()) == 8


def test_an_eligibility_decision_updates_the_account(control: httpx.Client) -> None:
    account_id = control.get("/seed").json()["accounts"]["SH-100004"]

    decided = control.post(f"/accounts/{account_id}/eligibility", json={"status": "Eligible", "offering": "Home 1G"})

    assert decided.status_code == 200
    assert (decided.json()["Internet_Eligibility_Status__c"], decided.json()["Internet_Eligibility__c"]) == (
        "Eligible",
        "Home 1G",
    )


def test_faults_tokens_clock_and_limits(control: httpx.Client, fresh_emulator: Emulator) -> None:
    fault = {"operation": "query", "kind": "http_error", "status": 503, "times": 2}
    assert control.post("/faults", json=fault).status_code == 204
    assert control.get("/faults").json()[0]["operation"] == "query"
    assert control.delete("/faults").status_code == 204
    assert control.get("/faults").json() == []

    token, _ = fresh_emulator.state.tokens.issue()
    assert control.post("/tokens/revoke", json={"access_token": token}).json() == {"revoked": True}
    assert not fresh_emulator.state.tokens.is_valid(token)
    assert control.post("/tokens/expire").json()["expired"] >= 1

    before = fresh_emulator.state.clock.now()
    control.post("/clock/advance", json={"seconds": 90})
    assert (fresh_emulator.state.clock.now() - before).total_seconds() == 90

    limits = control.put("/limits", json={"daily_api_requests": 5, "used": 5, "query_batch_size": 3}).json()
    assert limits == {"max": 5, "used": 5, "query_batch_size": 3}
