"""Who may reach a handler, checked once per request before its arguments are read: the CSRF rule on every unsafe
method, then — on routes marked `opt=SESSION_REQUIRED` — a signed-in session (401 before any validation).

The checks are the guards' (`CsrfGuard`, `require_session`), run from the app's one `before_request` hook instead
of as Litestar guards: Litestar hands each guard its own copy of the route handler, on every request, and those two
copies were 8 % of a warm `GET /api/orders` and 16 % of `GET /api/me` (instructions counted under callgrind).
Litestar resolves `before_request` from the nearest layer only, so no controller or handler may declare its own
(`tests/unit/http/test_access_rules.py` fails if one does).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request

from entrypoints.http.account_access import require_session
from entrypoints.http.auth.csrf import CsrfGuard

SESSION_REQUIRED_KEY = "session_required"
SESSION_REQUIRED = {SESSION_REQUIRED_KEY: True}


def needs_session(opt: dict[str, Any]) -> bool:
    return bool(opt.get(SESSION_REQUIRED_KEY))


class AccessRules:
    def __init__(self, csrf: CsrfGuard, then: Callable[[Request[Any, Any, Any]], Awaitable[None]]) -> None:
        self.csrf = csrf
        self._then = then

    async def __call__(self, request: Request[Any, Any, Any]) -> None:
        handler = request.route_handler
        await self.csrf(request, handler)
        if needs_session(handler.opt):
            await require_session(request, handler)
        await self._then(request)
