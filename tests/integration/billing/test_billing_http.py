"""Every billing and subscription endpoint through HTTP, against the WHMCS emulator, Postgres and Redis."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.billing.portal import whmcs_calls
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration


async def test_invoices_come_newest_first_in_stable_pages(hanako: httpx.AsyncClient) -> None:
    seen: list[int] = []
    for offset in (0, 2, 4, 6):
        response = await hanako.get("/api/billing/invoices", params={"offset": offset, "limit": 2})
        assert response.status_code == 200, response.text
        page = response.json()
        assert (page["total"], page["offset"], page["limit"]) == (6, offset, 2)
        seen += [invoice["id"] for invoice in page["items"]]
    assert seen == [6, 5, 4, 3, 2, 1]
    assert set(response.headers["cache-control"].split(", ")) == {"private", "no-store"}


@pytest.mark.parametrize(
    ("status", "ids"),
    [("Overdue", [5]), ("Unpaid", [6, 5]), ("Paid", [3, 2]), ("Cancelled", [4]), ("Refunded", [1])],
)
async def test_invoices_filter_by_status(hanako: httpx.AsyncClient, status: str, ids: list[int]) -> None:
    page = (await hanako.get("/api/billing/invoices", params={"status": status})).json()
    assert [invoice["id"] for invoice in page["items"]] == ids
    assert page["total"] == len(ids)


@pytest.mark.parametrize("params", [{"status": "Lost"}, {"limit": 0}, {"limit": 101}, {"offset": -1}])
async def test_bad_list_parameters_are_400(hanako: httpx.AsyncClient, params: dict[str, str | int]) -> None:
    response = await hanako.get("/api/billing/invoices", params=params)
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_FAILED"


async def test_an_invoice_has_lines_tax_payments_dates_and_currency(hanako: httpx.AsyncClient) -> None:
    paid = (await hanako.get("/api/billing/invoices/3")).json()
    assert paid["status"] == "Paid"
    yen = {"currency": "JPY"}
    assert [(line["relatedId"], line["amount"]) for line in paid["lines"]] == [
        (1, {"amount": "6300.00", **yen}),
        (2, {"amount": "2480.00", **yen}),
    ]
    assert paid["subtotal"] == {"amount": "8780.00", **yen}
    assert paid["tax"] == {"amount": "878.00", **yen}
    assert paid["total"] == {"amount": "9658.00", **yen}
    assert paid["taxRatePercent"] == "10"
    assert paid["paidDate"] is not None
    assert paid["dueDate"] > paid["date"]
    assert paid["transactions"][0]["amountIn"] == {"amount": "9658.00", **yen}
    overdue = (await hanako.get("/api/billing/invoices/5")).json()
    assert (overdue["status"], overdue["overdue"], overdue["paidDate"]) == ("Unpaid", True, None)


async def test_a_pay_link_lands_on_the_invoice_once(hanako: httpx.AsyncClient) -> None:
    first = await hanako.post("/api/billing/invoices/6/pay-link")
    second = await hanako.post("/api/billing/invoices/6/pay-link")
    assert first.status_code == second.status_code == 200
    assert "no-store" in first.headers["cache-control"]
    url = first.json()["url"]
    assert url != second.json()["url"]  # a new token every time: never cached
    async with httpx.AsyncClient(follow_redirects=False) as browser:
        landing = await browser.get(url)
        assert landing.headers["location"] == "/viewinvoice.php?id=6"
        again = await browser.get(url)
        assert again.headers["location"] == "/login.php?sso=invalid"  # single use


async def test_the_payment_methods_link_opens_the_card_page_once(hanako: httpx.AsyncClient) -> None:
    url = (await hanako.post("/api/billing/payment-methods/manage-link")).json()["url"]
    async with httpx.AsyncClient(follow_redirects=False) as browser:
        assert (await browser.get(url)).headers["location"] == "/index.php?rp=/account/paymentmethods"
        assert (await browser.get(url)).headers["location"] == "/login.php?sso=invalid"


async def test_payment_methods_are_masked(hanako: httpx.AsyncClient) -> None:
    [card] = (await hanako.get("/api/billing/payment-methods")).json()["items"]
    assert (card["cardType"], card["cardLastFour"], card["expiry"]) == ("Visa", "4242", "12/28")
    assert set(card) == {"id", "type", "description", "gateway", "cardType", "cardLastFour", "expiry", "bankName"}


async def test_gateways_are_listed(hanako: httpx.AsyncClient) -> None:
    gateways = (await hanako.get("/api/billing/gateways")).json()["items"]
    assert {g["module"]: g["displayName"] for g in gateways} == {
        "stripe": "Credit Card",
        "banktransfer": "Bank Transfer",
    }


async def test_the_profile_is_read_and_updated_in_whmcs(
    hanako: httpx.AsyncClient,
    sandbox: RunningSandbox,
) -> None:
    profile = (await hanako.get("/api/billing/profile")).json()
    assert (profile["firstName"], profile["customerNumber"], profile["address"]["prefecture"]) == (
        "Hanako",
        "SH-100001",
        "Tokyo",
    )
    change = {
        "phone": "090-7777-1234",
        "address": {"postcode": "1500002", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "2-21-1 Shibuya"},
    }
    updated = await hanako.patch("/api/billing/profile", json=change)
    assert updated.status_code == 200, updated.text
    assert (updated.json()["phone"], updated.json()["address"]["postcode"]) == ("090-7777-1234", "150-0002")
    with sandbox.whmcs() as whmcs:
        [client] = [c for c in whmcs.get("/_sandbox/state").json()["clients"] if c["id"] == 1]
    assert (client["phonenumber"], client["address1"], client["postcode"]) == (
        "090-7777-1234",
        "2-21-1 Shibuya",
        "150-0002",
    )
    assert (await hanako.get("/api/billing/profile")).json()["phone"] == "090-7777-1234"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "not a phone"}, "phone"),
        ({"firstName": " "}, "firstName"),
        ({"address": {"postcode": "15", "prefecture": "Tokyo", "city": "a", "street": "b"}}, "address.postcode"),
    ],
)
async def test_invalid_profile_values_are_field_errors_and_reach_no_one(
    hanako: httpx.AsyncClient,
    sandbox: RunningSandbox,
    change: dict[str, object],
    field: str,
) -> None:
    response = await hanako.patch("/api/billing/profile", json=change)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert whmcs_calls(sandbox, "UpdateClient") == 0


async def test_fields_the_profile_does_not_offer_are_never_applied(
    hanako: httpx.AsyncClient, sandbox: RunningSandbox
) -> None:
    response = await hanako.patch("/api/billing/profile", json={"email": "someone.else@example.jp", "status": "Closed"})
    assert response.status_code == 200
    assert response.json()["email"] == "hanako.tanaka@example.jp"
    assert whmcs_calls(sandbox, "UpdateClient") == 0


async def test_subscriptions_show_status_amount_cycle_and_next_due_date(hanako: httpx.AsyncClient) -> None:
    items = (await hanako.get("/api/subscriptions")).json()["items"]
    assert [(s["id"], s["status"], s["amount"], s["billingCycle"]) for s in items] == [
        (1, "Active", {"amount": "6300.00", "currency": "JPY"}, "Monthly"),
        (2, "Active", {"amount": "2480.00", "currency": "JPY"}, "Monthly"),
    ]
    assert all(s["nextDueDate"] and s["registrationDate"] for s in items)


async def test_a_subscription_lists_the_invoices_that_billed_it(hanako: httpx.AsyncClient) -> None:
    detail = (await hanako.get("/api/subscriptions/2")).json()
    assert (detail["productId"], detail["status"]) == (204, "Active")
    assert [invoice["id"] for invoice in detail["relatedInvoices"]] == [6, 5, 3, 2, 1]


async def test_a_suspended_service_shows_suspended(hanako: httpx.AsyncClient, sandbox: RunningSandbox) -> None:
    with sandbox.whmcs() as whmcs:
        whmcs.post("/_sandbox/services/2/status", json={"status": "Terminated"}).raise_for_status()
    assert (await hanako.get("/api/subscriptions/2")).json()["status"] == "Cancelled"


@pytest.mark.parametrize("path", ["/api/billing/invoices/999", "/api/subscriptions/999", "/api/billing/invoices/0"])
async def test_what_does_not_exist_is_404(hanako: httpx.AsyncClient, path: str) -> None:
    response = await hanako.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"
