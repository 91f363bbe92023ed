"""Record the OpenAPI document's examples from the demo world: every operation called as Hanako Tanaka (or
anonymously), its request body and answer written to `src/entrypoints/http/openapi_examples.json`.

    .venv/bin/python scripts/record_openapi_examples.py

Runs the demo's app on in-memory stores against the emulators, in this process. Lists are cut to two items so the
document stays readable. Run it again when an answer's shape changes: `scripts/check-openapi.sh` fails on an
example that no longer matches its schema.
"""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from dishka import Provider, Scope, provide  # noqa: E402
from litestar.testing import TestClient  # noqa: E402
from tests.support.app import CheapArgon2  # noqa: E402
from tests.support.sandbox import RunningSandbox, running_sandbox  # noqa: E402

from adapters.memory.mail_transport import InMemoryMailTransport  # noqa: E402
from application.ports.mail import MailTransport  # noqa: E402
from application.sims.run_sim_replacements import RunSimReplacements  # noqa: E402
from entrypoints.demo.api import create_demo_app  # noqa: E402
from entrypoints.settings import Settings  # noqa: E402

OUTPUT = ROOT / "src" / "entrypoints" / "http" / "openapi_examples.json"
HANAKO = {"email": "hanako.tanaka@example.jp", "password": "Sakura-Hanako-2026"}


def trimmed(value: Any) -> Any:
    if isinstance(value, list):
        return [trimmed(item) for item in value[:2]]
    if isinstance(value, dict):
        return {key: trimmed(item) for key, item in value.items()}
    return value


class RecordedMail(Provider):
    """The mail the recorder reads codes from (the demo's in-memory stores deliver in-process)."""

    def __init__(self, transport: InMemoryMailTransport) -> None:
        super().__init__()
        self._transport = transport

    @provide(scope=Scope.APP)
    def transport(self) -> MailTransport:
        return self._transport


def run_worker_round(r: Recorder, use_case: type[RunSimReplacements]) -> None:
    """What `portal worker` would do next, in the app's own container and event loop."""
    container = r.client.app.state.dishka_container

    async def run() -> None:
        async with container() as request:
            await (await request.get(use_case)).execute()

    assert r.client.blocking_portal is not None
    r.client.blocking_portal.call(run)


class Recorder:
    def __init__(self, client: TestClient[Any], mail: InMemoryMailTransport) -> None:
        self.client = client
        self.mail = mail
        self.examples: dict[str, dict[str, Any]] = {}
        self.csrf = ""

    def call(self, operation: str, method: str, path: str, body: Any = None, **headers: str) -> Any:
        if self.csrf and method != "GET":
            headers.setdefault("X-CSRF-Token", self.csrf)
        response = self.client.request(method, path, json=body, headers=headers)
        entry = self.examples.setdefault(operation, {"responses": {}})
        if body is not None:
            entry["request"] = body
        if response.content:
            entry["responses"].setdefault(str(response.status_code), trimmed(response.json()))
        return response.json() if response.content else None

    def upload(self, operation: str, path: str, form: dict[str, str], files: dict[str, tuple[str, bytes]]) -> Any:
        """A multipart request (the document upload): its example names each file part instead of its bytes."""
        response = self.client.post(path, data=form, files=files, headers={"X-CSRF-Token": self.csrf})
        entry = self.examples.setdefault(operation, {"responses": {}})
        entry["request"] = {**form, **{part: f"(the bytes of {name})" for part, (name, _) in files.items()}}
        if response.content:
            entry["responses"].setdefault(str(response.status_code), trimmed(response.json()))
        return response.json() if response.content else None


def tiny_png() -> bytes:
    """A valid 1×1 PNG, to stand for a photo of a document."""
    import struct  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(
        b"IEND", b""
    )


def record(r: Recorder, sandbox: RunningSandbox) -> None:
    r.call("getLiveness", "GET", "/api/health")
    r.call("getReadiness", "GET", "/api/health/ready")
    r.call("getPublicCatalogIndex", "GET", "/api/public/services")
    for family, operation in (("internet", "Internet"), ("sim", "Sim"), ("vpn", "Vpn")):
        r.call(f"getPublic{operation}Catalog", "GET", f"/api/public/services/{family}")
    r.call("getSession", "GET", "/api/auth/session")
    r.call("getMe", "GET", "/api/me")  # 401 before signing in
    r.call("logIn", "POST", "/api/auth/login", {"email": HANAKO["email"], "password": "not her password"})
    r.call("signUp", "POST", "/api/auth/signup", {
        "email": "yuki.suzuki@example.jp", "password": "short", "firstName": "Yuki", "lastName": "Suzuki",
        "phone": "090-1234-5678", "customerNumber": "SH-100003",
        "address": {"postcode": "160-0022", "prefecture": "Tokyo", "city": "Shinjuku-ku", "street": "3-1-1 Shinjuku"},
    })  # fmt: skip
    r.call("requestPasswordReset", "POST", "/api/auth/password-reset", {"email": HANAKO["email"]})
    r.call("confirmPasswordReset", "POST", "/api/auth/password-reset/confirm",
           {"token": "an-expired-token", "newPassword": "Sakura-Hanako-2027!"})  # fmt: skip
    r.call("linkBillingAccount", "POST", "/api/auth/link",
           {"email": "kenji.sato@example.jp", "password": "not-his-password", "newPassword": "Sakura-Kenji-2027!"})  # fmt: skip
    session = r.call("logIn", "POST", "/api/auth/login", HANAKO)
    r.csrf = session["csrfToken"]
    r.call("getSession", "GET", "/api/auth/session")
    r.call("getMe", "GET", "/api/me")
    r.call("listInvoices", "GET", "/api/billing/invoices?limit=2")
    r.call("getInvoice", "GET", "/api/billing/invoices/3")
    r.call("getInvoice", "GET", "/api/billing/invoices/999999")
    r.call("createInvoicePayLink", "POST", "/api/billing/invoices/5/pay-link")
    r.call("createPaymentMethodsLink", "POST", "/api/billing/payment-methods/manage-link")
    r.call("listPaymentMethods", "GET", "/api/billing/payment-methods")
    r.call("listPaymentGateways", "GET", "/api/billing/gateways")
    r.call("getBillingProfile", "GET", "/api/billing/profile")
    r.call("updateBillingProfile", "PATCH", "/api/billing/profile", {"phone": "03-1234-5678"})
    r.call("listSubscriptions", "GET", "/api/subscriptions")
    r.call("getSubscription", "GET", "/api/subscriptions/2")
    options = r.call("getCancellation", "GET", "/api/subscriptions/1/cancellation")
    r.call("requestCancellation", "POST", "/api/subscriptions/1/cancellation", {"endDate": "2020-01-31",
           "lineReturn": "ship_back"}, **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    if options and options.get("endDates"):
        r.call("requestCancellation", "POST", "/api/subscriptions/1/cancellation",
               {"endDate": options["endDates"][0]["endDate"], "moving": False, "lineReturn": "ship_back"},
               **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
        r.call("getCancellation", "GET", "/api/subscriptions/1/cancellation")
        r.call("withdrawCancellation", "POST", "/api/subscriptions/1/cancellation/withdrawal")
    r.call("getSim", "GET", "/api/sims/2")
    r.call("getSim", "GET", "/api/sims/1")  # her Internet service: not a SIM, 404
    r.call("getSimUsage", "GET", "/api/sims/2/usage")
    r.call("requestTopUp", "POST", "/api/sims/2/top-ups", {"quotaMb": 60000}, **{"Idempotency-Key": str(uuid.uuid4())})
    top_up = r.call("requestTopUp", "POST", "/api/sims/2/top-ups", {"quotaMb": 1500},
                    **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    r.call("schedulePlanChange", "POST", "/api/sims/2/plan-change", {"planSku": "SIM-20GB-DATA"},
           **{"Idempotency-Key": str(uuid.uuid4())})  # another kind: 422  # fmt: skip
    r.call("schedulePlanChange", "POST", "/api/sims/2/plan-change", {"planSku": "SIM-20GB-VOICE"},
           **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    r.call("getSim", "GET", "/api/sims/2")  # the change shown as scheduled
    r.call("cancelPlanChange", "DELETE", "/api/sims/2/plan-change")
    r.call("cancelPlanChange", "DELETE", "/api/sims/2/plan-change")  # nothing left: 404
    r.call("changeVoiceOptions", "PATCH", "/api/sims/2/voice-options", {"internationalRoaming": True})
    r.call("changeVoiceOptions", "PATCH", "/api/sims/2/voice-options", {"voiceMail": False})  # busy: 409
    with sandbox.freebit() as freebit:  # Freebit finishes the change
        freebit.post("/_sandbox/complete").raise_for_status()
    r.call("changeNetworkType", "PUT", "/api/sims/2/network-type", {"networkType": "5G"})
    r.call("reissueEsim", "POST", "/api/sims/2/reissue", {"eid": "89049032000001000000012345678903"})  # physical
    if top_up and "id" in top_up:
        r.call("getTopUp", "GET", f"/api/sims/2/top-ups/{top_up['id']}")
    with sandbox.freebit() as freebit:  # Freebit finishes the line change: the line takes a replacement
        freebit.post("/_sandbox/complete").raise_for_status()
    r.call("activateReplacementCard", "POST", "/api/sims/2/replacement/activation",
           {"productNumber": "AX2025110000001"})  # nothing under way: 404  # fmt: skip
    r.call("requestSimReplacement", "POST", "/api/sims/2/replacement", {"reason": "lost"},
           **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    r.call("activateReplacementCard", "POST", "/api/sims/2/replacement/activation",
           {"productNumber": "AX2025110000001"})  # not shipped yet: 409  # fmt: skip
    run_worker_round(r, RunSimReplacements)  # the worker allocates the first card in stock and ships it
    r.call("activateReplacementCard", "POST", "/api/sims/2/replacement/activation",
           {"productNumber": "AX2025110000001"})  # fmt: skip
    r.call("getAccountEligibility", "GET", "/api/account/eligibility")
    for family, operation in (("internet", "Internet"), ("sim", "Sim"), ("vpn", "Vpn")):
        r.call(f"getAccount{operation}Catalog", "GET", f"/api/account/services/{family}")
    r.call("requestInternetEligibilityCheck", "POST", "/api/account/eligibility/internet", {
        "address": {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae"},
        "notes": "Fourth floor, no elevator",
    })  # fmt: skip
    order = {"orderType": "VPN", "items": [{"sku": "VPN-USA-SF"}, {"sku": "VPN-ACTIVATION-FEE"}]}
    placed = r.call("placeOrder", "POST", "/api/orders", order, **{"Idempotency-Key": str(uuid.uuid4())})
    r.call("placeOrder", "POST", "/api/orders", {"orderType": "SIM", "items": [{"sku": "SIM-NOT-SOLD"}]},
           **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    r.call("listOrders", "GET", "/api/orders")
    if placed and "id" in placed:
        r.call("getOrder", "GET", f"/api/orders/{placed['id']}")
    case = {"subject": "Router light is red", "description": "Since this morning the router's light is red.",
            "category": "Technical"}  # fmt: skip
    opened = r.call("openCase", "POST", "/api/support/cases", case, **{"Idempotency-Key": str(uuid.uuid4())})
    r.call("listCases", "GET", "/api/support/cases")
    if opened and "id" in opened:
        r.call("getCase", "GET", f"/api/support/cases/{opened['id']}")
        r.call("commentOnCase", "POST", f"/api/support/cases/{opened['id']}/comments",
               {"body": "It is green again after a restart."}, **{"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    notifications = r.call("listNotifications", "GET", "/api/account/notifications?limit=2")
    r.call("countUnreadNotifications", "GET", "/api/account/notifications/unread-count")
    if notifications and notifications.get("items"):
        r.call("markNotificationRead", "POST", f"/api/account/notifications/{notifications['items'][0]['id']}/read")
    r.call("markNotificationRead", "POST", "/api/account/notifications/999999/read")
    r.call("markAllNotificationsRead", "POST", "/api/account/notifications/read-all")
    r.call("getMeStatus", "GET", "/api/me/status")
    # Streams never end, so they are not recorded: what a client reads, as the demo world would send it.
    r.examples["streamAccountEvents"] = {"responses": {"200": (
        ": live\nretry: 2000\n\n"
        f"id: 1733312345678-0\nevent: order.updated\ndata: {{\"orderId\":\"{(placed or {}).get('id', '801RO00000001AAYAA')}\"}}\n\n"
        "event: heartbeat\ndata: {}\n\n"
    )}}  # fmt: skip
    r.examples["streamOrderEvents"] = r.examples["streamAccountEvents"]
    r.call("getCacheHealth", "GET", "/api/health/services/cache")
    r.call("getUpstreamProblems", "GET", "/api/health/upstreams")
    r.call("changePassword", "POST", "/api/auth/password",
           {"currentPassword": "not-the-current-one", "newPassword": "Sakura-Hanako-2027!"})  # fmt: skip
    r.call("changePassword", "POST", "/api/auth/password",
           {"currentPassword": HANAKO["password"], "newPassword": "Sakura-Hanako-2027!"})  # fmt: skip
    r.call("logOut", "POST", "/api/auth/logout")
    r.client.cookies.clear()
    r.csrf = ""
    r.call("signUp", "POST", "/api/auth/signup", {
        "email": "yuki.suzuki@example.jp", "password": "Sakura-Yuki-2026!", "firstName": "Yuki", "lastName": "Suzuki",
        "phone": "090-1234-5678", "customerNumber": "SH-100003",
        "address": {"postcode": "160-0022", "prefecture": "Tokyo", "city": "Shinjuku-ku", "street": "3-1-1 Shinjuku"},
    })  # fmt: skip
    r.client.cookies.clear()
    r.call("linkBillingAccount", "POST", "/api/auth/link",
           {"email": "kenji.sato@example.jp", "password": "Sakura-Kenji-2026", "newPassword": "Sakura-Kenji-2027!"})  # fmt: skip
    r.client.cookies.clear()
    get_started(r)


def get_started(r: Recorder) -> None:
    aoi = "aoi.kato@example.jp"
    profile = {"firstName": "Aoi", "lastName": "Kato", "phone": "090-5555-1234", "address": {
        "postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae"}}  # fmt: skip
    r.call("requestAvailabilityCheck", "POST", "/api/availability-checks",
           {"email": aoi, **profile, "notes": "Fourth floor, no elevator"})  # fmt: skip
    r.call("sendEmailCode", "POST", "/api/auth/get-started/code", {"email": aoi})
    code = r.mail.sent[-1].values["code"]
    r.call("verifyEmailCode", "POST", "/api/auth/get-started/verify", {"email": aoi, "code": "000000"})
    verified = r.call("verifyEmailCode", "POST", "/api/auth/get-started/verify", {"email": aoi, "code": code})
    r.call("completeGetStarted", "POST", "/api/auth/get-started/complete", {
        "proof": "an-expired-proof", "password": "Sakura-Aoi-2026!", **profile})  # fmt: skip
    session = r.call("completeGetStarted", "POST", "/api/auth/get-started/complete", {
        "proof": verified["proof"], "password": "Sakura-Aoi-2026!", **profile, "checkInternetAvailability": True,
        "notes": ""})  # fmt: skip
    r.csrf = session["csrfToken"]
    r.call("getVerification", "GET", "/api/account/verification")
    card = {"front": ("front.png", tiny_png()), "back": ("back.png", tiny_png())}
    r.upload("submitIdentityDocuments", "/api/account/verification/documents", {"document": "residence_card"}, card)
    r.upload("submitIdentityDocuments", "/api/account/verification/documents", {"document": "residence_card"}, card)
    r.call("getVerification", "GET", "/api/account/verification")


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch, running_sandbox(Path(scratch)) as sandbox:
        settings = Settings(
            adapters="memory", session_cookie_secure=False, log_level="ERROR", log_format="json",
            demo_seed_logins=True, **sandbox.portal_settings(),  # type: ignore[arg-type]
        )  # fmt: skip
        mail = InMemoryMailTransport()
        app = create_demo_app(settings, CheapArgon2(), RecordedMail(mail))
        with TestClient(app, base_url="http://portal.example.jp") as client:
            recorder = Recorder(client, mail)
            record(recorder, sandbox)
    OUTPUT.write_text(json.dumps(recorder.examples, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(recorder.examples)} operations recorded in {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
