"""Everything the streaming hub serves: the CometD endpoint and the control API under `/_sandbox/streaming/`."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from sandbox.salesforce.streaming.controls import control_routes
from sandbox.salesforce.streaming.hub import StreamingHub


def streaming_route_handlers(hub: StreamingHub) -> list[ControllerRouterHandler]:
    return [*hub.cometd_route_handlers(), *control_routes(hub)]
