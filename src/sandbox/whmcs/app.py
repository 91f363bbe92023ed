"""The WHMCS emulator as a Litestar app: the External API, the SSO landing page and the control API."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, Response, Router, get, post
from litestar.response import Redirect

from sandbox.control_docs import control_openapi
from sandbox.whmcs.api import ApiEndpoint
from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.control import control_router
from sandbox.whmcs.seed import seed_state
from sandbox.whmcs.state import WhmcsState
from sandbox.whmcs.webhooks import WebhookDispatcher


def create_app(state: WhmcsState | None = None, *, config: WhmcsEmulatorConfig | None = None) -> Litestar:
    """`state` None: a fresh installation seeded with the demo world (wall-clock time)."""
    if state is None:
        state = WhmcsState()
        seed_state(state)
    config = config or WhmcsEmulatorConfig()
    endpoint = ApiEndpoint(state, config)
    dispatcher = WebhookDispatcher(state, config)

    @post("/includes/api.php", status_code=200)
    async def api_post(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await endpoint.handle(request)

    @get("/includes/api.php")
    async def api_get(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await endpoint.handle(request)

    @get("/oauth/singlesignon.php")
    async def sso_landing(request: Request[Any, Any, Any]) -> Redirect:
        token = state.sso_tokens.get(request.query_params.get("access_token", ""))
        if token is None or token.used or state.clock.now() >= token.expires_at:
            return Redirect(path="/login.php?sso=invalid")  # the token is spent, expired or unknown
        token.used = True
        return Redirect(path="/" + token.redirect_path, headers={"set-cookie": f"WHMCSsandbox={token.user_id}"})

    @get(["/login.php", "/clientarea.php", "/viewinvoice.php", "/index.php"], media_type="text/html")
    async def client_area(request: Request[Any, Any, Any]) -> str:
        who = request.cookies.get("WHMCSsandbox")
        status = f"signed in as user {who}" if who else "not signed in"
        return f"<html><body><h1>WHMCS sandbox client area</h1><p>{request.url.path}: {status}</p></body></html>"

    wire = Router("/", route_handlers=[api_post, api_get, sso_landing, client_area], include_in_schema=False)
    return Litestar(
        route_handlers=[wire, control_router(state, dispatcher)],
        openapi_config=control_openapi(
            "WHMCS emulator: control API",
            "Reset, seed, inspect and act as a WHMCS admin (firing the hook module's signed webhooks). The External "
            "API itself is `/includes/api.php`, as WHMCS documents it.",
        ),
        on_startup=[dispatcher.start],
        on_shutdown=[dispatcher.stop],
        debug=False,
    )
