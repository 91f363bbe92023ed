"""The WHMCS hook module's JSON (integrations/whmcs/README.md), decoded into a `BillingChange`."""

from __future__ import annotations

from typing import Annotated

import msgspec

from application.billing.billing_changes import KNOWN_CHANGES, BillingChange
from domain.identity.whmcs_client_id import MAX_WHMCS_ID
from entrypoints.http.input_rules import JsonTooDeepError, JsonTooManyValuesError, check_json_shape

# WHMCS ids are signed 32-bit INTs (0: "none", e.g. a service it could not attribute): a larger number is refused
# here, before it could reach a lookup against our INTEGER columns.
WhmcsId = Annotated[int, msgspec.Meta(ge=0, le=MAX_WHMCS_ID)]
Word = Annotated[str, msgspec.Meta(max_length=64)]


class HookData(msgspec.Struct, frozen=True, kw_only=True):
    client_id: WhmcsId
    invoice_id: WhmcsId | None = None
    service_id: WhmcsId | None = None


class HookEnvelope(msgspec.Struct, frozen=True, kw_only=True):
    type: Word
    timestamp: Word  # when the change happened (WHMCS server time); the signed timestamp is what we check
    data: HookData


class MalformedPayloadError(ValueError):
    pass


def decode_change(body: bytes) -> BillingChange | None:
    """None for an event type we do not know (newer hook module): acknowledged, nothing to do."""
    try:
        check_json_shape(body)
        envelope = msgspec.json.decode(body, type=HookEnvelope)
    except (msgspec.DecodeError, JsonTooDeepError, JsonTooManyValuesError, RecursionError) as error:
        raise MalformedPayloadError(str(error) or "nested too deeply") from error
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
