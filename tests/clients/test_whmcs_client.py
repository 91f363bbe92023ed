"""node-whmcs (npm `whmcs` 1.2.2, apocas/node-whmcs) holds the WHMCS emulator to the External API as a library
written against real WHMCS reads and writes it. No WHMCS client is widely used in any registry this project
reaches (WHMCS ships only sample PHP); node-whmcs is the best known open-source one and our reference cites it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clients.conftest import run_scenario
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def observed(node_clients: Path, sandbox: RunningSandbox) -> dict[str, Any]:
    sandbox.reset()
    return run_scenario(node_clients, sandbox, "whmcs.js")


def test_node_whmcs_reads_the_demo_world(observed: dict[str, Any]) -> None:
    assert observed["hanako"] == {"email": "hanako.tanaka@example.jp", "fullname": "Hanako Tanaka"}
    assert observed["invoiceStatuses"] == ["Cancelled", "Paid", "Paid", "Refunded", "Unpaid", "Unpaid"]
    assert observed["servicePids"] == [112, 204]
    assert observed["kenjiLogin"] == "success"


def test_node_whmcs_surfaces_whmcs_errors(observed: dict[str, Any]) -> None:
    assert observed["wrongPassword"] == "WHMCS Error (200): Email or Password Invalid"
    assert observed["missingClient"] == "WHMCS Error (200): Client Not Found"


def test_node_whmcs_writes_a_client_an_order_and_a_change(observed: dict[str, Any], sandbox: RunningSandbox) -> None:
    with sandbox.whmcs() as control:
        state = control.get("/_sandbox/state").json()
    client = next(c for c in state["clients"] if int(c["id"]) == observed["newClientId"])
    orders = [o for o in state["orders"] if int(o["id"]) == observed["order"]["orderid"]]

    assert (client["email"], client["city"]) == ("saki.mori@example.jp", "Shibuya-ku")
    assert observed["changedCity"] == "Shibuya-ku"
    assert [o["status"] for o in orders] == ["Active"]
    assert observed["acceptedStatuses"] == ["Active", "Active"]
    assert observed["newInvoiceTotals"] == ["4620.00"]  # VPN 1,200 + activation 3,000, plus 10 % tax
