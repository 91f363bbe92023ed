"""The WHMCS hook module's JSON (integrations/whmcs/README.md), decoded into a `BillingChange`."""

from __future__ import annotations

import msgspec

from application.billing.billing_changes import KNOWN_CHANGES, BillingChange


class HookData(msgspec.Struct, frozen=True, kw_only=True):
    client_id: int
    invoice_id: int | None = None
    service_id: int | None = None


class HookEnvelope(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    timestamp: str  # when the change happened (WHMCS server time); the signed timestamp is what we check
    data: HookData


class MalformedPayloadError(ValueError):
    pass


def decode_change(body: bytes) -> BillingChange | None:
    """None for an event type we do not know (newer hook module): acknowledged, nothing to do."""
    try:
        envelope = msgspec.json.decode(body, type=HookEnvelope)
    except msgspec.DecodeError as error:
        raise MalformedPayloadError(str(error)) from error
    if envelope.type not in KNOWN_CHANGES:
        return None
    data = envelope.data
    return msgspec.convert(
        {
            "kind": envelope.type,
            "client_id": data.client_id,
            "invoice_id": data.invoice_id,
            "service_id": data.service_id,
        },
        BillingChange,
    )
