"""Freebit publishes no client library (its PA spec sheets go to partner MVNOs privately), so the Freebit emulator is
held to the wire as those sheets describe it, driven by Node's own HTTP client (fetch) rather than our httpx adapter:
form field `json`, trailing slashes, authKey inside the JSON, resultCode "100"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sandbox.freebit import seed
from tests.clients.conftest import run_scenario
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
OK = {"http": 200, "resultCode": "100", "statusCode": "200"}


@pytest.fixture(scope="module")
def observed(node_clients: Path, sandbox: RunningSandbox) -> dict[str, Any]:
    sandbox.reset()
    return run_scenario(node_clients, sandbox, "freebit.js")


def test_oem_authentication_issues_an_auth_key_and_refuses_a_wrong_key(observed: dict[str, Any]) -> None:
    assert observed["auth"] == OK
    assert observed["authKeyIssued"] is True
    assert observed["refusedAuth"]["http"] == 200
    assert observed["refusedAuth"]["resultCode"] != "100"


def test_detail_and_a_top_up_answer_as_the_spec_describes(observed: dict[str, Any]) -> None:
    assert observed["detail"] == {**OK, "account": seed.HANAKO_MSISDN, "plan": "PNEW_10G"}
    assert observed["topUp"] == OK
    assert observed["quotaAfterMb"] == observed["quotaBeforeMb"] + 1000


def test_an_activation_is_accepted_once_and_registered(observed: dict[str, Any], sandbox: RunningSandbox) -> None:
    with sandbox.freebit() as control:
        state = control.get("/_sandbox/state").json()

    assert observed["activation"] == OK
    assert observed["activationTwice"]["resultCode"] != "100"
    assert seed.PHYSICAL_SIMS[0].msisdn in str(state)


def test_failures_are_result_codes_in_a_200_body_and_paths_need_their_slash(observed: dict[str, Any]) -> None:
    for failure in (observed["unknownAccount"], observed["badKey"]):
        assert failure["http"] == 200
        assert failure["resultCode"] != "100"
    assert observed["withoutTrailingSlash"] == 404
