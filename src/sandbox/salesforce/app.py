"""The Salesforce emulator as one Litestar app: OAuth, REST, the streaming hub and the control API.

state = SalesforceState(EmulatorConfig(jwt_certificate_path=...))
app = create_app(state)
# serve over TLS: simple-salesforce only speaks https (see `sandbox.salesforce.tls`)
"""

from __future__ import annotations

from litestar import Litestar

from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.control_routes import control_routes
from sandbox.salesforce.oauth import oauth_routes
from sandbox.salesforce.rest.composite_routes import composite_routes
from sandbox.salesforce.rest.query_routes import query_routes
from sandbox.salesforce.rest.sobject_routes import sobject_routes
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.streaming.hub import StreamingHub


def create_app(state: SalesforceState | None = None, *, config: EmulatorConfig | None = None) -> Litestar:
    state = state or SalesforceState(config)
    hub = StreamingHub(state.tokens.is_valid, clock=state.clock.now, api_version=state.config.api_version)
    # Registered after seeding: the seed is the org's history, not a stream of changes.
    state.store.add_listener(hub.on_commit)
    state.publish_platform_event = hub.publish_platform_event
    app = Litestar(
        route_handlers=[
            *oauth_routes(state),
            *query_routes(state),
            *sobject_routes(state),
            *composite_routes(state),
            control_routes(state, on_reset=hub.reset),
            *hub.route_handlers(),
        ],
        openapi_config=None,
        debug=False,
    )
    app.state.salesforce = state
    app.state.streaming_hub = hub
    return app
