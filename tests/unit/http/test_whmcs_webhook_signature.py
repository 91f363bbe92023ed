"""Standard Webhooks verification over the raw body, secret rotation, and payload decoding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook

from application.billing.billing_changes import BillingChange
from entrypoints.http.webhooks.payload import MalformedPayloadError, decode_change
from entrypoints.http.webhooks.signature import WebhookSignatureError, WebhookVerifier

SECRET = "whsec_cG9ydGFsLXNhbmRib3gtd2htY3Mtd2ViaG9vaw=="
OLD_SECRET = "whsec_b2xkLXNlY3JldC1zdGlsbC12YWxpZA=="
BODY = b'{"type":"invoice.paid","timestamp":"2026-11-01T18:00:00+09:00","data":{"invoice_id":6,"client_id":1}}'


def signed(body: bytes, *, secret: str = SECRET, at: datetime | None = None, msg_id: str = "msg_1") -> dict[str, str]:
    at = at or datetime.now(UTC)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, body.decode()),
    }


def test_a_genuine_delivery_gives_its_id() -> None:
    assert WebhookVerifier([SECRET]).verify(BODY, signed(BODY, msg_id="msg_abc")) == "msg_abc"


def test_the_previous_secret_still_verifies_while_rotating() -> None:
    verifier = WebhookVerifier([SECRET, OLD_SECRET])
    assert verifier.verify(BODY, signed(BODY, secret=OLD_SECRET)) == "msg_1"
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier([SECRET]).verify(BODY, signed(BODY, secret=OLD_SECRET))


@pytest.mark.parametrize("minutes", [-6, 6])
def test_deliveries_outside_the_five_minute_window_are_refused(minutes: int) -> None:
    at = datetime.now(UTC) + timedelta(minutes=minutes)
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier([SECRET]).verify(BODY, signed(BODY, at=at))


NOW = str(int(datetime.now(UTC).timestamp()))


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"webhook-id": "msg_1", "webhook-timestamp": "soon", "webhook-signature": "v1,AAAA"},
        {"webhook-id": "msg_1", "webhook-timestamp": NOW, "webhook-signature": "v1"},
        {"webhook-id": "msg_1", "webhook-timestamp": NOW, "webhook-signature": "v1,%%%"},
        {"webhook-id": "msg_1", "webhook-timestamp": NOW, "webhook-signature": "v2,AAAA"},
    ],
)
def test_missing_or_garbled_headers_are_refused(headers: dict[str, str]) -> None:
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier([SECRET]).verify(BODY, headers)


def test_another_id_with_the_same_signature_is_refused() -> None:
    headers = signed(BODY) | {"webhook-id": "msg_2"}
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier([SECRET]).verify(BODY, headers)


@given(st.integers(min_value=0, max_value=len(BODY) - 1), st.integers(min_value=1, max_value=255))
def test_any_change_to_the_body_breaks_the_signature(position: int, flip: int) -> None:
    headers = signed(BODY)
    forged = bytearray(BODY)
    forged[position] ^= flip
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier([SECRET]).verify(bytes(forged), headers)


def test_the_payload_becomes_a_billing_change() -> None:
    assert decode_change(BODY) == BillingChange(kind="invoice.paid", client_id=1, invoice_id=6)
    service = b'{"type":"service.updated","timestamp":"t","data":{"service_id":4,"client_id":2,"status":"Suspended"}}'
    assert decode_change(service) == BillingChange(kind="service.updated", client_id=2, service_id=4)


def test_an_event_type_we_do_not_know_is_none() -> None:
    assert decode_change(b'{"type":"domain.renewed","timestamp":"t","data":{"client_id":1}}') is None


@pytest.mark.parametrize("body", [b"", b"[]", b'{"type":"invoice.paid"}', b'{"type":1,"timestamp":"t","data":{}}'])
def test_an_unreadable_payload_is_malformed(body: bytes) -> None:
    with pytest.raises(MalformedPayloadError):
        decode_change(body)


def test_a_verifier_needs_a_secret() -> None:
    with pytest.raises(ValueError, match="secret"):
        WebhookVerifier([])


def test_a_genuine_delivery_verifies_whatever_its_body_holds() -> None:
    """Verification is over the raw bytes: whether the body is a payload we understand is decided afterwards
    (400 MALFORMED), never mistaken for a bad signature (401)."""
    for body in (b"not json at all", b"", b"[1, 2"):
        assert WebhookVerifier([SECRET]).verify(body, signed(body)) == "msg_1"
