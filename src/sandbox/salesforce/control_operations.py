"""Control API under `/_sandbox/`: faults, sessions, the org's clock and limits, and the CA to trust."""

from __future__ import annotations

from pathlib import Path

import msgspec
from litestar import Response, delete, get, post, put
from litestar.params import JSONBody
from litestar.types import ControllerRouterHandler

from sandbox.faults import Fault
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.rest.gate import error_response
from sandbox.salesforce.state import SalesforceState


class TokenIn(msgspec.Struct, frozen=True, kw_only=True):
    access_token: str


class SecondsIn(msgspec.Struct, frozen=True, kw_only=True):
    seconds: float


class LimitsIn(msgspec.Struct, frozen=True, kw_only=True):
    daily_api_requests: int | None = None
    used: int | None = None
    query_batch_size: int | None = None


def _ca_route(state: SalesforceState) -> ControllerRouterHandler:
    path = state.config.ca_certificate_path
    pem = Path(path).read_bytes() if path else None

    @get("/ca.pem", media_type="application/x-pem-file")
    async def ca_certificate() -> Response[bytes]:
        """The local CA that signed the emulator's TLS certificate: trust it (e.g. NODE_EXTRA_CA_CERTS) to connect."""
        if pem is None:
            return error_response(ApiError(404, "NOT_FOUND", "this emulator was started without a CA certificate"))
        return Response(pem, media_type="application/x-pem-file")

    return ca_certificate


def operations_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    """Faults, sessions, time and limits."""

    @post("/faults", status_code=204)
    async def arm(data: JSONBody[Fault]) -> None:
        """Arm a fault for a REST operation.

        Operations: query, sobject_get, sobject_create, sobject_update, sobject_delete, composite, collections,
        describe, limits, resources, token; `:<sObject>` narrows one to a type; `*` is every call.
        """
        state.faults.arm(data)

    @get("/faults")
    async def armed() -> list[Fault]:
        """The faults still armed."""
        return state.faults.armed()

    @delete("/faults", status_code=204)
    async def clear_faults() -> None:
        """Disarm every fault."""
        state.faults.clear()

    @post("/tokens/expire", status_code=200)
    async def expire_tokens() -> dict[str, int]:
        """End every session now: the next REST call answers 401 INVALID_SESSION_ID."""
        return {"expired": state.tokens.expire_all()}

    @post("/tokens/revoke", status_code=200)
    async def revoke_token(data: JSONBody[TokenIn]) -> dict[str, bool]:
        """Revoke one access token."""
        return {"revoked": state.tokens.revoke(data.access_token)}

    @post("/clock/advance", status_code=200)
    async def advance_clock(data: JSONBody[SecondsIn]) -> dict[str, str]:
        """Move the org's clock forward (session lifetimes, SOQL date literals, CreatedDate of new records)."""
        state.clock.advance(data.seconds)
        return {"now": state.clock.now().isoformat()}

    @put("/limits")
    async def set_limits(data: JSONBody[LimitsIn]) -> dict[str, int]:
        """Set the daily API request limit, the requests used so far and the default query page size.

        The page size applies to queries sent without `Sforce-Query-Options` (a sandbox knob: Salesforce's is 2,000).
        """
        if data.daily_api_requests is not None:
            state.daily_api_limit = data.daily_api_requests
        if data.used is not None:
            state.api_requests = data.used
        if data.query_batch_size is not None:
            state.query_batch_size = data.query_batch_size
        return {"max": state.daily_api_limit, "used": state.api_requests, "query_batch_size": state.query_batch_size}

    return [arm, armed, clear_faults, expire_tokens, revoke_token, advance_clock, set_limits, _ca_route(state)]
