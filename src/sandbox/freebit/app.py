"""The Freebit PA API emulator as a Litestar app (one process, state in memory)."""

from __future__ import annotations

from litestar import Litestar

from sandbox.control_docs import control_openapi
from sandbox.freebit.api import api_handler
from sandbox.freebit.config import FreebitEmulatorConfig
from sandbox.freebit.control import control_router
from sandbox.freebit.state import FreebitState


def create_app(state: FreebitState | None = None, *, config: FreebitEmulatorConfig | None = None) -> Litestar:
    state = state or FreebitState()
    config = config or FreebitEmulatorConfig()
    app = Litestar(
        route_handlers=[api_handler(state, config), control_router(state)],
        openapi_config=control_openapi(
            "Freebit emulator: control API",
            "Reset, seed, inspect and steer the emulated PA API (time, asynchronous completion, faults). The PA API "
            "itself is `/emptool/api/<group>/<operation>/` with the form field `json`.",
        ),
    )
    app.state.freebit = state
    return app
