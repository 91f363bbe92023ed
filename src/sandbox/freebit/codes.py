"""Result codes the emulator answers with, in Freebit's `resultCode`-`statusCode` notation.

Only "100" (success) and 400-356 (unsupported pattern) are documented publicly; the rest is our assumption,
grouped by class so an adapter can tell them apart: 2xx auth, 3xx not found, 4xx invalid request,
5xx state conflict, 9xx Freebit-side failure.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    result_code: str
    status_code: str
    message: str


OK = Code("100", "200", "OK")
AUTH_REJECTED = Code("200", "201", "OEM authentication failed")
AUTH_KEY_INVALID = Code("200", "210", "authKey is invalid or expired")
ACCOUNT_NOT_FOUND = Code("300", "301", "account not found")
PRODUCT_NOT_FOUND = Code("300", "302", "productNumber is not in the SIM inventory")
NO_ESIM_PROFILE = Code("300", "303", "no eSIM profile is available for this account")
MISSING_PARAMETER = Code("400", "401", "required parameter is missing")
BAD_FORMAT = Code("400", "402", "parameter has an invalid format")
BAD_EID = Code("400", "403", "eid must be 32 digits")
BAD_MNP = Code("400", "404", "MNP reservation is invalid")
MNP_EXPIRED = Code("400", "405", "MNP reservation has expired")
UNKNOWN_PLAN = Code("400", "406", "planCode is not available")
QUOTA_OUT_OF_RANGE = Code("400", "407", "quota must be between 1 and 512000 MB")
NOT_CONFIRMED = Code("400", "408", "userConfirmed must be 10")
EMPTY_TALK_OPTION = Code("400", "409", "talkOption must not be empty")
MASTER_NOT_ALLOWED = Code("400", "410", "master accounts cannot be cancelled by this API")
ADD_NOT_ALLOWED = Code("400", "411", "createType add requires the User Management Service")
NOT_VOICE_SIM = Code("400", "412", "voice options require a voice SIM")
SIM_MISMATCH = Code("400", "413", "productNumber is not bound to this account")
UNSUPPORTED_PATTERN = Code("400", "356", "unsupported pattern")
ALREADY_REGISTERED = Code("500", "501", "already registered")
LOCKED = Code("500", "502", "account is locked by an operation in progress")
NOT_IN_SERVICE = Code("500", "503", "account is not in service")
ALREADY_REQUESTED = Code("500", "504", "a cancellation is already requested")


class FreebitError(Exception):
    """Raised by an operation handler; rendered as the error envelope (always HTTP 200)."""

    def __init__(self, code: Code, detail: str = "") -> None:
        self.code = code
        self.message = f"{code.message}: {detail}" if detail else code.message
        super().__init__(self.message)


def envelope(code: Code, message: str | None = None) -> dict[str, object]:
    return {
        "resultCode": code.result_code,
        "status": {"message": message or code.message, "statusCode": code.status_code},
    }
