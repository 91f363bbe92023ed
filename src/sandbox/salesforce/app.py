"""The Salesforce emulator as one Litestar app: OAuth, REST, the streaming hub and the control API.

state = SalesforceState(EmulatorConfig(jwt_certificate_path=...))
app = create_app(state)
# serve over TLS: simple-salesforce only speaks https (see `sandbox.salesforce.tls`)
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, Response, Router
from litestar.exceptions import MethodNotAllowedException, NotFoundException

from sandbox.control_docs import control_openapi
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.control_routes import control_routes
from sandbox.salesforce.errors import ApiError, not_found
from sandbox.salesforce.identity import identity_routes
from sandbox.salesforce.oauth import oauth_routes
from sandbox.salesforce.rest.composite_routes import composite_routes
from sandbox.salesforce.rest.describe_routes import describe_routes
from sandbox.salesforce.rest.gate import error_response
from sandbox.salesforce.rest.query_routes import query_routes
from sandbox.salesforce.rest.sobject_routes import sobject_routes
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.streaming.hub import StreamingHub
from sandbox.salesforce.streaming.routes import streaming_route_handlers


def create_app(state: SalesforceState | None = None, *, config: EmulatorConfig | None = None) -> Litestar:
    state = state or SalesforceState(config)
    hub = StreamingHub(state.tokens.is_valid, clock=state.clock.now, api_version=state.config.api_version)
    # Registered after seeding: the seed is the org's history, not a stream of changes.
    state.store.add_listener(hub.on_commit)
    state.publish_platform_event = hub.publish_platform_event
    wire = [
        *oauth_routes(state),
        *identity_routes(state),
        *query_routes(state),
        *describe_routes(state),
        *sobject_routes(state),
        *composite_routes(state),
    ]
    app = Litestar(
        route_handlers=[
            Router("/", route_handlers=wire, include_in_schema=False),  # Salesforce documents its own API
            control_routes(state, on_reset=hub.reset),
            *streaming_route_handlers(hub),
        ],
        openapi_config=control_openapi(
            "Salesforce emulator: control API",
            "Reset, seed, inspect and steer the emulated org and its Streaming API (tests, demos, other teams' tools). "
            "The org's own REST, OAuth and CometD endpoints answer as Salesforce documents them.",
        ),
        exception_handlers={NotFoundException: _not_found, MethodNotAllowedException: _method_not_allowed},
        debug=False,
    )
    app.state.salesforce = state
    app.state.streaming_hub = hub
    return app


def _not_found(_: Request[Any, Any, Any], __: NotFoundException) -> Response[bytes]:
    """Unknown routes answer as Salesforce does, not with the web framework's own JSON."""
    return error_response(not_found())


def _method_not_allowed(request: Request[Any, Any, Any], error: MethodNotAllowedException) -> Response[bytes]:
    allowed = (error.headers or {}).get("allow", "")
    methods = [m.strip() for m in allowed.split(",") if m.strip() and m.strip() != "OPTIONS"]
    message = f"HTTP Method '{request.method}' not allowed. Allowed are {','.join(methods)}"
    return error_response(ApiError(405, "METHOD_NOT_ALLOWED", message))
