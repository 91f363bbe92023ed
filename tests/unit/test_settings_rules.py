"""What the settings mean once turned into policies: units, the secrets in rotation, the URLs derived."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook

from entrypoints.http.webhooks.signature import WebhookSignatureError, WebhookVerifier
from entrypoints.settings_loader import load_settings

NEW_SECRET = "whsec_bmV3LXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw=="
OLD_SECRET = "whsec_b2xkLXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw=="
BODY = b'{"type":"invoice.paid"}'


def signed_with(secret: str) -> dict[str, str]:
    at = datetime.now(UTC)
    return {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign("msg_1", at, BODY.decode()),
    }


def test_during_rotation_deliveries_signed_with_the_previous_secret_still_verify() -> None:
    settings = load_settings(
        {"PORTAL_WHMCS_WEBHOOK_SECRET": NEW_SECRET, "PORTAL_WHMCS_WEBHOOK_PREVIOUS_SECRET": OLD_SECRET}
    )
    verifier = WebhookVerifier(settings.whmcs_webhook_secrets())
    assert verifier.verify(BODY, signed_with(NEW_SECRET)) == "msg_1"
    assert verifier.verify(BODY, signed_with(OLD_SECRET)) == "msg_1"


def test_without_a_previous_secret_only_the_current_one_verifies() -> None:
    settings = load_settings({"PORTAL_WHMCS_WEBHOOK_SECRET": NEW_SECRET})
    assert settings.whmcs_webhook_secrets() == [NEW_SECRET]
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier(settings.whmcs_webhook_secrets()).verify(BODY, signed_with(OLD_SECRET))


@given(minutes=st.integers(1, 24 * 60), hours=st.integers(1, 24 * 30), window=st.integers(1, 24 * 60))
def test_lifetimes_and_the_attempt_window_are_read_in_their_stated_units(minutes: int, hours: int, window: int) -> None:
    policy = load_settings(
        {
            "PORTAL_SESSION_IDLE_MINUTES": str(minutes),
            "PORTAL_SESSION_ABSOLUTE_HOURS": str(hours),
            "PORTAL_AUTH_ATTEMPT_WINDOW_MINUTES": str(window),
            "PORTAL_AUTH_ATTEMPTS_PER_WINDOW": "7",
        }
    ).identity_policy()
    assert policy.session_idle_seconds == minutes * 60
    assert policy.session_absolute_seconds == hours * 3600
    assert policy.attempt_window_seconds == window * 60
    assert policy.attempts_per_window == 7


def test_the_default_attempt_limit_is_five_per_fifteen_minutes() -> None:
    policy = load_settings({}).identity_policy()
    assert (policy.attempts_per_window, policy.attempt_window_seconds) == (5, 15 * 60)


@pytest.mark.parametrize("frontend", ["https://portal.example.jp", "https://portal.example.jp/"])
def test_reset_links_point_at_the_frontends_reset_page(frontend: str) -> None:
    policy = load_settings({"PORTAL_FRONTEND_URL": frontend}).identity_policy()
    assert policy.reset_url == "https://portal.example.jp/reset-password"


def test_the_sim_activation_timeout_is_read_in_minutes() -> None:
    policy = load_settings({"PORTAL_FULFILMENT_SIM_TIMEOUT_MINUTES": "7"}).fulfilment_policy()
    assert policy.sim_activation_timeout_seconds == 7 * 60
