"""Standard Webhooks verification: HMAC-SHA256 over `<id>.<timestamp>.<raw body>`, a ±5 minute window.

Several secrets may verify at once, so a secret can be rotated without losing deliveries: the hook module
moves to the new secret while the old one still verifies. The comparison is constant-time (the library's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from standardwebhooks import Webhook, WebhookVerificationError

from application.errors import AuthenticationRequiredError, Raises


class WebhookSignatureError(AuthenticationRequiredError):
    code = "WEBHOOK_SIGNATURE_INVALID"
    default_message = "The webhook signature is missing, stale or does not match."


class WebhookVerifier:
    raises: ClassVar[Raises] = (WebhookSignatureError,)

    def __init__(self, secrets: list[str]) -> None:
        if not secrets:
            raise ValueError("at least one webhook secret is needed")
        self._verifiers = [Webhook(secret) for secret in secrets]

    def verify(self, body: bytes, headers: Mapping[str, str]) -> str:
        """The delivery id (`webhook-id`) of a genuine, fresh delivery; WebhookSignatureError otherwise."""
        wanted = {name: headers.get(name, "") for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
        for verifier in self._verifiers:
            try:
                verifier.verify(body, wanted, json_parse=False)
            except (WebhookVerificationError, ValueError):  # ValueError: garbled base64, headers or UTF-8
                continue
            return wanted["webhook-id"]
        raise WebhookSignatureError()
