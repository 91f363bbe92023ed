"""`GET /api/me/status` with the real stores and the emulators: Hanako's dashboard, every part current; then with
the billing system failing, the billing parts unavailable (no values, no tasks from them) and the rest current."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.billing.portal import arm_whmcs_fault
from tests.integration.orders.portal import sign_in
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration


async def test_hanakos_dashboard_with_every_part_current(app: Litestar) -> None:
    async with AsyncTestClient(app) as hanako:
        await sign_in(hanako, "Hanako")
        answer = await hanako.get("/api/me/status")
    assert answer.status_code == 200, answer.text
    assert "no-store" in answer.headers["cache-control"]
    status = answer.json()
    summary = status["summary"]
    assert summary["activeServices"] == {"state": "current", "count": 2}  # fibre and one SIM
    unpaid = summary["unpaidInvoices"]
    assert (unpaid["state"], unpaid["total"]["currency"], unpaid["nextDue"]["overdue"]) == ("current", "JPY", True)
    assert unpaid["count"] >= unpaid["overdueCount"] >= 1
    assert summary["openCases"] == {"state": "current", "count": 1}
    assert summary["recentActivity"]["state"] == "current"
    assert [a["kind"] for a in summary["recentActivity"]["items"]] == ["eligibility.decided"]  # the demo's
    assert status["internetEligibility"] == {"state": "current", "status": "Eligible", "offeringType": "Home 1G"}
    assert status["paymentMethods"] == {"state": "current", "totalCount": 1}
    assert status["residenceCardVerification"]["state"] == "current"
    assert status["onboarding"] == {"state": "current", "finished": True}
    assert status["tasks"][0]["type"] == "INVOICE_OVERDUE"
    assert "ADD_PAYMENT_METHOD" not in {t["type"] for t in status["tasks"]}


async def test_billing_down_makes_only_the_billing_parts_unavailable(app: Litestar, sandbox: RunningSandbox) -> None:
    for action in ("GetInvoices", "GetClientsProducts", "GetPayMethods", "GetClientsDetails"):
        arm_whmcs_fault(sandbox, action, "http_error", status=503, times=None)
    async with AsyncTestClient(app) as hanako:
        await sign_in(hanako, "Hanako")
        answer = await hanako.get("/api/me/status")
    assert answer.status_code == 200, answer.text
    status = answer.json()
    assert status["summary"]["unpaidInvoices"] == {
        "state": "unavailable", "count": None, "overdueCount": None, "total": None, "nextDue": None,
    }  # fmt: skip
    assert status["summary"]["activeServices"] == {"state": "unavailable", "count": None}
    assert status["paymentMethods"] == {"state": "unavailable", "totalCount": None}
    assert status["internetEligibility"]["state"] == "current"
    assert status["summary"]["openCases"]["state"] == "current"
    types = {t["type"] for t in status["tasks"]}
    assert not types & {"INVOICE_OVERDUE", "INVOICE_DUE", "ADD_PAYMENT_METHOD"}  # never from data we do not have
