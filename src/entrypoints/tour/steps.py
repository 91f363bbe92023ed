"""The journeys, in the order a customer meets them. Each names the API operations it needs: a step whose
operations are not in the OpenAPI document is reported as not built yet, never faked."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from application.cdc.channels import ELIGIBILITY, ORDER
from entrypoints.demo.world import DEMO_LOGINS
from entrypoints.tour.browser import Browser, TourStepError
from entrypoints.tour.sandbox_control import SandboxControl

HANAKO = DEMO_LOGINS[0]


@dataclass
class TourContext:
    browser: Browser
    sandbox: SandboxControl
    memory: dict[str, Any]


@dataclass(frozen=True)
class Step:
    title: str
    needs: tuple[tuple[str, str], ...]  # (method, OpenAPI path)
    run: Callable[[TourContext], Awaitable[str]]
    # Why the step cannot run against this deployment (e.g. a process it needs is not running), or None.
    unavailable: Callable[[TourContext], Awaitable[str | None]] | None = None


def _money(value: dict[str, str] | None) -> str:
    return "-" if value is None else f"{value['amount']} {value['currency']}"


async def browse_catalog(ctx: TourContext) -> str:
    index = await ctx.browser.call("GET", "/api/public/services")
    internet = await ctx.browser.call("GET", "/api/public/services/internet")
    families = ", ".join(
        f"{family['family']} ({family['planCount']} plans from {_money(family['lowestMonthlyPrice'])})"
        for family in index["services"]
    )
    offerings = ", ".join(offering["offeringType"] for offering in internet["offerings"])
    return f"{families}; Internet offerings: {offerings}"


async def sign_up(ctx: TourContext) -> str:
    number = f"SH-7{random.randint(0, 99_999):05d}"  # noqa: S311 - a demo customer number, not a secret
    await ctx.sandbox.create_crm_account(number, "Tour Customer")
    email = f"tour.{number.lower()}@example.jp"
    ctx.browser.forget_session()
    session = await ctx.browser.call(
        "POST",
        "/api/auth/signup",
        json={
            "email": email,
            "password": "a tour passphrase",
            "firstName": "Tour",
            "lastName": "Customer",
            "phone": "03-1234-5678",
            "address": {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3"},
            "customerNumber": number,
        },
        expect=201,
    )
    me = await ctx.browser.call("GET", "/api/me")
    ctx.memory["new_customer_email"] = email
    return f"{number} signed up as {email}; WHMCS client #{me['linked']['whmcsClientId']} (user {session['userId']})"


async def reset_password_by_mail(ctx: TourContext) -> str:
    """The reset link travels as a customer's would: the worker sends it over SMTP to the sandbox's mail catcher."""
    email = ctx.memory["new_customer_email"]
    ctx.browser.forget_session()
    await ctx.browser.call("POST", "/api/auth/password-reset", json={"email": email}, expect=202)
    mail = await ctx.sandbox.wait_for_mail(email, "Reset your")
    token = mail["body"].split("token=", 1)[1].split()[0]
    await ctx.browser.call(
        "POST", "/api/auth/password-reset/confirm", json={"token": token, "newPassword": "a new tour passphrase"}
    )
    await ctx.browser.call("POST", "/api/auth/login", json={"email": email, "password": "a new tour passphrase"})
    return f"reset link read from the mail catcher (message {mail['messageId']}); signed in with the new password"


async def check_availability(ctx: TourContext) -> str:
    """Before any account: "just submit a request". The CRM gets an Account, an Opportunity and a Case."""
    email = f"tour.prospect.{random.randint(0, 999_999):06d}@example.jp"  # noqa: S311 - a demo address
    ctx.browser.forget_session()
    await ctx.browser.call("POST", "/api/availability-checks", json={"email": email, **_PROSPECT}, expect=202)
    mail = await ctx.sandbox.wait_for_mail(email, "availability check")
    return f"request filed for {email}; confirmation mailed: {mail['subject']!r}"


async def get_started(ctx: TourContext) -> str:
    """Get-started with an email code (read from the mail catcher), then "create an account and submit"."""
    email = f"tour.aoi.{random.randint(0, 999_999):06d}@example.jp"  # noqa: S311 - a demo address
    ctx.browser.forget_session()
    await ctx.browser.call("POST", "/api/auth/get-started/code", json={"email": email}, expect=202)
    mail = await ctx.sandbox.wait_for_mail(email, "Your Sakura Hikari code")
    code = mail["subject"].rsplit(" ", 1)[-1]
    verified = await ctx.browser.call("POST", "/api/auth/get-started/verify", json={"email": email, "code": code})
    if verified["nextStep"] != "signUp":
        raise TourStepError(f"a new address should sign up, not {verified['nextStep']}")
    await ctx.browser.call(
        "POST",
        "/api/auth/get-started/complete",
        json={"proof": verified["proof"], "password": "a tour passphrase", **_PROSPECT,
              "checkInternetAvailability": True},
        expect=201,
    )  # fmt: skip
    me = await ctx.browser.call("GET", "/api/me")
    ctx.memory["new_customer"] = {"email": email, "account": me["linked"]["sfAccountId"]}
    return f"code {code} read from the mail catcher; {email} is a customer (WHMCS #{me['linked']['whmcsClientId']})"


async def upload_identity_document(ctx: TourContext) -> str:
    """The customer who just got started uploads a residence card (front and back) for SIM orders."""
    card = {"front": ("front.png", _PHOTO), "back": ("back.png", _PHOTO)}
    before = await _verification_task(ctx)
    sent = await ctx.browser.upload("/api/account/verification/documents", {"document": "residence_card"}, card)
    status = await ctx.browser.call("GET", "/api/account/verification")
    after = await _verification_task(ctx)
    return (
        f"{sent['files']} files stored on the CRM account; verification {status['status']}; "
        f"dashboard task {before!r} → {after!r}"
    )


async def _verification_task(ctx: TourContext) -> str | None:
    dashboard = await ctx.browser.call("GET", "/api/me/status")
    found = [t["title"] for t in dashboard["tasks"] if str(t["type"]).startswith("VERIFICATION")]
    return found[0] if found else None


async def verify_identity(ctx: TourContext) -> str:
    """Staff verify it in Salesforce; the consumer hears the event and the worker mails the customer."""
    customer = ctx.memory["new_customer"]
    await ctx.sandbox.decide_verification(customer["account"], "Verified")
    mail = await ctx.sandbox.wait_for_mail(customer["email"], "identity is verified", within_seconds=60)
    status = await ctx.browser.call("GET", "/api/account/verification")
    page = await ctx.browser.call("GET", "/api/account/notifications?limit=5")
    told = [n["title"] for n in page["items"] if n["kind"] == "verification.verified"]
    if status["status"] != "Verified" or not told:
        raise TourStepError(f"verification {status['status']}, notifications {[n['kind'] for n in page['items']]}")
    task = await _verification_task(ctx)
    return (
        f"verification {status['status']}; notification {told[0]!r}; dashboard task now {task!r}; "
        f"mailed: {mail['subject']!r}"
    )


async def consumer_not_running(ctx: TourContext) -> str | None:
    health = await ctx.browser.call("GET", "/api/health/services/cache")
    channels = {c["channel"]: c for c in health.get("channels", [])}
    if channels.get(ELIGIBILITY, {}).get("connected"):
        return None
    return "verification outcomes arrive through `portal cdc` (Postgres and Redis); it is not running here"


# A valid 1×1 PNG: the tour's photo of a document.
_PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8ffff3f0005fe02fe"
    "0def46b80000000049454e44ae426082"
)


_PROSPECT = {
    "firstName": "Aoi",
    "lastName": "Kato",
    "phone": "090-5555-1234",
    "address": {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae"},
}


async def log_in(ctx: TourContext) -> str:
    ctx.browser.forget_session()
    await ctx.browser.call("POST", "/api/auth/login", json={"email": HANAKO.email, "password": HANAKO.password})
    me = await ctx.browser.call("GET", "/api/me")
    return f"signed in as {me['email']} (WHMCS client #{me['linked']['whmcsClientId']})"


async def view_invoices(ctx: TourContext) -> str:
    page = await ctx.browser.call("GET", "/api/billing/invoices")
    items = page.get("items", page) if isinstance(page, dict) else page
    unpaid = [i for i in items if str(i.get("status", "")).lower() in {"unpaid", "overdue"}]
    if unpaid:
        ctx.memory["unpaid_invoice"] = unpaid[0]["id"]
    return f"{len(items)} invoices: " + ", ".join(sorted({str(i.get("status")) for i in items}))


async def pay_link(ctx: TourContext) -> str:
    invoice = ctx.memory.get("unpaid_invoice")
    if invoice is None:
        raise TourStepError("no unpaid invoice to pay")
    link = await ctx.browser.call("POST", f"/api/billing/invoices/{invoice}/pay-link", expect=(200, 201))
    return f"single-use WHMCS link for invoice #{invoice}: {str(link.get('url', link))[:60]}..."


async def view_subscriptions(ctx: TourContext) -> str:
    body = await ctx.browser.call("GET", "/api/subscriptions")
    items = body.get("items", body) if isinstance(body, dict) else body
    return f"{len(items)} subscriptions: " + ", ".join(str(s.get("productName") or s.get("name")) for s in items)


async def sim_usage(ctx: TourContext) -> str:
    body = await ctx.browser.call("GET", "/api/subscriptions")
    sims = [s for s in body["items"] if s.get("groupName") == "SIM"]
    if not sims:
        raise TourStepError("the demo customer has no SIM subscription")
    sim_id = sims[0]["id"]
    ctx.memory["sim_id"] = sim_id
    sim = await ctx.browser.call("GET", f"/api/sims/{sim_id}")
    usage = await ctx.browser.call("GET", f"/api/sims/{sim_id}/usage")
    ctx.memory["remaining_mb"] = usage["remainingMb"]
    return (
        f"{sim['msisdn']} on {sim['planCode']} ({sim['form']}, {sim['networkType']}): {usage['remainingMb']} MB left, "
        f"{usage['usedTodayMb']} MB used today (read {usage['asOf']}, at most {usage['maxAgeSeconds']} s old)"
    )


async def top_up_1gb(ctx: TourContext) -> str:
    sim_id = ctx.memory["sim_id"]
    top_up = await ctx.browser.call(
        "POST",
        f"/api/sims/{sim_id}/top-ups",
        json={"quotaMb": 1024},
        expect=202,
        headers={"Idempotency-Key": str(uuid.uuid4())},  # one per purchase: a double click sends the same one
    )
    for _ in range(60):
        top_up = await ctx.browser.call("GET", f"/api/sims/{sim_id}/top-ups/{top_up['id']}")
        if top_up["state"] != "pending":
            break
        await asyncio.sleep(1)
    if top_up["state"] != "completed":
        raise TourStepError(f"the top-up is {top_up['state']} ({top_up['step']}): {top_up.get('errorMessage')}")
    usage = await ctx.browser.call("GET", f"/api/sims/{sim_id}/usage")
    return (
        f"{top_up['billedGb']} GB bought for {_money(top_up['price'])} (invoice #{top_up['invoiceId']}, paid by card); "
        f"{usage['remainingMb']} MB left now (was {ctx.memory['remaining_mb']})"
    )


async def change_plan_and_cancel(ctx: TourContext) -> str:
    sim_id = ctx.memory["sim_id"]
    change = await ctx.browser.call(
        "POST",
        f"/api/sims/{sim_id}/plan-change",
        json={"planSku": "SIM-20GB-VOICE"},
        expect=202,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    shown = (await ctx.browser.call("GET", f"/api/sims/{sim_id}"))["planChange"]
    if not shown or shown["id"] != change["id"] or shown["state"] != "scheduled":
        raise TourStepError(f"the SIM does not show the scheduled change: {shown}")
    cancelled = await ctx.browser.call("DELETE", f"/api/sims/{sim_id}/plan-change")
    if cancelled["state"] != "cancelled":
        raise TourStepError(f"the plan change is {cancelled['state']}, not cancelled")
    return (
        f"{change['fromPlan']['name']} -> {change['toPlan']['name']} ({_money(change['toPlan']['monthlyPrice'])} a "
        f"month) scheduled for {change['effectiveOn']}, then cancelled (cancellable until {change['cancellableUntil']})"
    )


async def switch_roaming(ctx: TourContext) -> str:
    sim_id = ctx.memory["sim_id"]
    before = (await ctx.browser.call("GET", f"/api/sims/{sim_id}"))["voiceOptions"]["internationalRoaming"]
    sim = await ctx.browser.call(
        "PATCH", f"/api/sims/{sim_id}/voice-options", json={"internationalRoaming": not before}, expect=202
    )
    pending = ", ".join(f"{c['operation']} from {c['runsOn']}" for c in sim["pendingChanges"]) or "nothing pending"
    return f"international roaming {'off' if before else 'on'} requested: {pending} (Freebit applies it in minutes)"


async def cancel_and_withdraw_internet(ctx: TourContext) -> str:
    """Hanako schedules the end of her Internet line, gets the confirmation by mail, and changes her mind before the
    cut-off: staff's case is closed and nothing reaches billing. Her SIM stays untouched for the other steps."""
    body = await ctx.browser.call("GET", "/api/subscriptions")
    internet = next((s for s in body["items"] if s.get("groupName") == "Internet" and s["status"] == "Active"), None)
    if internet is None:
        raise TourStepError("the demo customer has no active Internet subscription")
    path = f"/api/subscriptions/{internet['id']}/cancellation"
    options = await ctx.browser.call("GET", path)
    if options["current"] is not None:
        raise TourStepError(f"a cancellation already holds it ({options['current']['state']})")
    first = options["endDates"][0]
    asked = await ctx.browser.call(
        "POST",
        path,
        json={"endDate": first["endDate"], "moving": False, "lineReturn": "ship_back"},
        expect=202,
        headers={"Idempotency-Key": str(uuid.uuid4())},  # one per form submission
    )
    mail = await ctx.sandbox.wait_for_mail(HANAKO.email, "will end on", within_seconds=60)
    await ctx.browser.call("POST", f"{path}/withdrawal", expect=202)
    for _ in range(60):
        if (await ctx.browser.call("GET", path))["current"] is None:
            break
        await asyncio.sleep(1)
    else:
        raise TourStepError("the withdrawal was not carried out within a minute")
    await ctx.sandbox.wait_for_mail(HANAKO.email, "continues", within_seconds=60)
    return (
        f"{internet['productName']} to end on {asked['endDate']} (withdrawable until {first['withdrawableUntil']}); "
        f'mailed "{mail["subject"]}"; withdrawn, the staff case closed, and a second mail says it continues'
    )


async def worker_not_running(ctx: TourContext) -> str | None:
    """Top-ups are carried out by `portal worker`, which runs only on Postgres (with `portal cdc`, which the cache
    health lists)."""
    if await fulfilment_not_running(ctx) is None:
        return None
    return "top-ups are carried out by `portal worker` (Postgres and Redis); it is not running here"


async def open_case(ctx: TourContext) -> str:
    case = await ctx.browser.call(
        "POST",
        "/api/support/cases",
        json={"subject": "Router light is red", "description": "Since this morning.", "category": "Technical",
              "priority": "Medium"},
        expect=(200, 201),
        headers={"Idempotency-Key": str(uuid.uuid4())},  # one per form submission: a double click sends it again
    )  # fmt: skip
    return f"case {case.get('caseNumber') or case.get('id')} opened"


async def place_order(ctx: TourContext) -> str:
    order = await ctx.browser.call(
        "POST",
        "/api/orders",
        json={"orderType": "VPN", "items": [{"sku": "VPN-USA-SF", "quantity": 1},
                                            {"sku": "VPN-ACTIVATION-FEE", "quantity": 1}]},
        expect=(200, 201, 202),
        headers={"Idempotency-Key": str(uuid.uuid4())},  # a double click would send the same one
    )  # fmt: skip
    ctx.memory["order_id"] = order["id"]
    ctx.memory["opportunity_id"] = order.get("opportunityId")
    opportunity = await ctx.sandbox.opportunity(str(order.get("opportunityId")))
    return (
        f"order {order['orderNumber']} ({order['id']}) is {order.get('status')}, {_money(order['totalAmount'])}; "
        f"its Opportunity {opportunity['Id']} is at {opportunity['StageName']!r}"
    )


async def approve_order(ctx: TourContext) -> str:
    await ctx.sandbox.approve_order(ctx.memory["order_id"])
    return f"an agent approved order {ctx.memory['order_id']} in Salesforce"


async def fulfilment_not_running(ctx: TourContext) -> str | None:
    """Activation is done by `portal cdc` and `portal worker`; the API's cache health lists the consumer's channels."""
    health = await ctx.browser.call("GET", "/api/health/services/cache")
    channels = {c["channel"]: c for c in health.get("channels", [])}
    if channels.get(ORDER, {}).get("connected"):
        return None
    return "order fulfilment needs `portal cdc` and `portal worker` (Postgres and Redis); they are not running here"


async def watch_activation(ctx: TourContext) -> str:
    for _ in range(60):
        order = await ctx.browser.call("GET", f"/api/orders/{ctx.memory['order_id']}")
        if str(order.get("activationStatus")) in {"Activated", "Failed"}:
            if order["activationStatus"] != "Activated":
                raise TourStepError(f"activation failed: {order.get('errorCode')} {order.get('errorMessage')}")
            opportunity = await ctx.sandbox.opportunity(str(ctx.memory.get("opportunity_id")))
            if not opportunity.get("WHMCS_Service_ID__c"):
                raise TourStepError(f"the Opportunity {opportunity['Id']} does not name the WHMCS service")
            return (
                f"order {ctx.memory['order_id']} activated (WHMCS order created and accepted); its Opportunity "
                f"{opportunity['Id']} records WHMCS service #{opportunity['WHMCS_Service_ID__c']} registered "
                f"{opportunity['WH_Registeration__c']}"
            )
        await asyncio.sleep(1)
    raise TourStepError("the order did not activate within a minute")


async def watch_live(ctx: TourContext) -> str:
    """The order's live stream: each `order.updated` is followed by a fetch of the order, as the frontend does."""
    order_id = ctx.memory["order_id"]
    seen: list[str] = []

    async def activated(kind: str, _: dict[str, Any]) -> bool:
        if kind not in ("open", "order.updated"):  # open: look once, in case it all happened before
            return False
        order = await ctx.browser.call("GET", f"/api/orders/{order_id}")
        seen.append(str(order.get("activationStatus")))
        if order.get("activationStatus") == "Failed":
            raise TourStepError(f"activation failed: {order.get('errorCode')}")
        return bool(order.get("activationStatus") == "Activated")

    events = await ctx.browser.events(f"/api/orders/{order_id}/events", until=activated, within=90)
    return f"{events} live events on order {order_id}: {' → '.join(seen)}"


async def read_notifications(ctx: TourContext) -> str:
    unread = await ctx.browser.call("GET", "/api/account/notifications/unread-count")
    page = await ctx.browser.call("GET", "/api/account/notifications?limit=5")
    titles = [n["title"] for n in page["items"]]
    if page["items"]:
        await ctx.browser.call("POST", f"/api/account/notifications/{page['items'][0]['id']}/read", expect=204)
    marked = await ctx.browser.call("POST", "/api/account/notifications/read-all")
    return f"{unread['unreadCount']} unread: {'; '.join(titles) or 'none'} (then {marked['marked'] + 1} marked read)"


STEPS = (
    Step("Browse the public catalog", (("get", "/api/public/services"), ("get", "/api/public/services/internet")),
         browse_catalog),
    Step("Sign up a new customer", (("post", "/api/auth/signup"),), sign_up),
    Step("Reset the new customer's password by mail",
         (("post", "/api/auth/password-reset"), ("post", "/api/auth/password-reset/confirm")), reset_password_by_mail),
    Step("Ask whether fibre reaches an address, without an account", (("post", "/api/availability-checks"),),
         check_availability),
    Step("Get started with an email code",
         (("post", "/api/auth/get-started/code"), ("post", "/api/auth/get-started/verify"),
          ("post", "/api/auth/get-started/complete")), get_started),
    Step("Upload an identity document", (("post", "/api/account/verification/documents"), ("get", "/api/me/status")),
         upload_identity_document),
    Step("Staff verify it; the customer is told in the portal and by mail",
         (("get", "/api/account/verification"), ("get", "/api/me/status"), ("get", "/api/account/notifications")),
         verify_identity, consumer_not_running),
    Step("Log in as the demo customer", (("post", "/api/auth/login"), ("get", "/api/me")), log_in),
    Step("View invoices", (("get", "/api/billing/invoices"),), view_invoices),
    Step("Get a pay link", (("post", "/api/billing/invoices/{invoice_id}/pay-link"),), pay_link),
    Step("View subscriptions", (("get", "/api/subscriptions"),), view_subscriptions),
    Step("Check the SIM's data usage", (("get", "/api/sims/{sim_id}"), ("get", "/api/sims/{sim_id}/usage")),
         sim_usage),
    Step("Buy 1 GB of data for the SIM", (("post", "/api/sims/{sim_id}/top-ups"),
                                          ("get", "/api/sims/{sim_id}/top-ups/{top_up_id}")),
         top_up_1gb, worker_not_running),
    Step("Schedule a plan change (10 GB -> 20 GB voice) and cancel it",
         (("post", "/api/sims/{sim_id}/plan-change"), ("delete", "/api/sims/{sim_id}/plan-change")),
         change_plan_and_cancel),
    Step("Switch international roaming", (("patch", "/api/sims/{sim_id}/voice-options"),), switch_roaming),
    Step("Schedule an Internet cancellation, then withdraw it",
         (("get", "/api/subscriptions/{subscription_id}/cancellation"),
          ("post", "/api/subscriptions/{subscription_id}/cancellation"),
          ("post", "/api/subscriptions/{subscription_id}/cancellation/withdrawal")),
         cancel_and_withdraw_internet, worker_not_running),
    Step("Open a support case", (("post", "/api/support/cases"),), open_case),
    Step("Place an order", (("post", "/api/orders"),), place_order),
    Step("Approve it in the Salesforce emulator", (("post", "/api/orders"),), approve_order),
    Step("Watch the order live", (("get", "/api/orders/{order_id}/events"),), watch_live, fulfilment_not_running),
    Step("Watch it activate", (("get", "/api/orders/{order_id}"),), watch_activation, fulfilment_not_running),
    Step("Read my notifications", (("get", "/api/account/notifications"),
                                   ("post", "/api/account/notifications/read-all")), read_notifications),
)  # fmt: skip
