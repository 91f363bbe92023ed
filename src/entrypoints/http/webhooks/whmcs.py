"""`POST /api/webhooks/whmcs`: WHMCS tells us billing data changed; we drop exactly the caches that went stale.

Authenticated by its Standard Webhooks signature (no session, so no CSRF token), verified over the raw bytes
before anything is parsed. Answers as soon as the keys are deleted: WHMCS's hook module waits at most 2 s.
"""

from __future__ import annotations

from typing import Literal

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, post
from litestar.exceptions import ValidationException

from application.billing.apply_billing_change import ApplyBillingChange
from entrypoints.http import body_limits
from entrypoints.http.webhooks.payload import MalformedPayloadError, decode_change
from entrypoints.http.webhooks.signature import WebhookVerifier


class WebhookReceipt(msgspec.Struct, frozen=True, kw_only=True):
    outcome: Literal["applied", "duplicate", "not-linked", "ignored"]


class WebhooksController(Controller):
    path = "/webhooks"
    tags = ["webhooks"]

    @post(
        "/whmcs",
        operation_id="receiveWhmcsWebhook",
        status_code=200,
        summary="Signed change notifications from WHMCS (Standard Webhooks); clears the billing caches they stale.",
        raises=[ValidationException],  # an unreadable payload
        opt={"csrf_exempt": True},
        request_max_body_size=body_limits.WEBHOOK,
    )
    @inject
    async def whmcs(
        self,
        request: Request,  # type: ignore[type-arg]
        verifier: FromDishka[WebhookVerifier],
        apply_change: FromDishka[ApplyBillingChange],
    ) -> WebhookReceipt:
        body = await request.body()
        delivery_id = verifier.verify(body, request.headers)
        try:
            change = decode_change(body)
        except MalformedPayloadError as error:
            raise ValidationException(f"Unreadable webhook payload: {error}") from error
        if change is None:
            return WebhookReceipt(outcome="ignored")
        return WebhookReceipt(outcome=await apply_change.execute(delivery_id, change))
