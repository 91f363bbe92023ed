"""`authOem/`: OEM id and key for an authKey that every other call carries inside its `json`."""

from __future__ import annotations

import secrets

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.operations.common import Call, Reply


def auth_oem(call: Call) -> Reply:
    call.state.auth_requests += 1
    oem_id = fields.text(call.body, "oemId")
    oem_key = fields.text(call.body, "oemKey")
    expected = call.state.oem_credentials.get(oem_id)
    if expected is None or not secrets.compare_digest(expected, oem_key):
        raise FreebitError(codes.AUTH_REJECTED)
    key = secrets.token_hex(24)
    call.state.new_auth_key(key, call.config.auth_key_ttl_seconds)
    return {"authKey": key}
