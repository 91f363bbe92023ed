"""Rule: every route of the app is reached only through the app's one access hook (`AccessRules`: CSRF on unsafe
methods, then a session where the route is marked), and every handler that takes the caller's account is marked.

Litestar resolves `before_request` from the nearest layer only: a controller declaring its own hook would silently
switch CSRF and the session check off for its routes — that is what the first test catches."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from litestar import Controller, Litestar, Request, get
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute

from application.errors import AuthenticationRequiredError
from application.identity.errors import CsrfTokenError
from application.identity.linked_customer import LinkedCustomer
from application.ports.sessions import Caller
from entrypoints.http.access_rules import SESSION_REQUIRED, AccessRules, needs_session
from entrypoints.http.app import create_app
from entrypoints.http.auth.csrf import CsrfGuard
from entrypoints.http.problem_docs import injected
from entrypoints.secret import Secret
from entrypoints.settings import Settings
from tests.unit.http.test_csrf_guard import SESSION, TOKEN, connection


@pytest.fixture(scope="module")
def app() -> Litestar:
    return create_app(
        Settings(adapters="memory", log_level="ERROR", database_url=Secret("postgresql+asyncpg://nobody@127.0.0.1:1/x"))
    )


def handlers(app: Litestar) -> Iterator[tuple[str, HTTPRouteHandler]]:
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                yield route.path, handler


def bypassing_access_rules(app: Litestar) -> list[str]:
    return sorted(
        f"{sorted(h.http_methods)} {path}"
        for path, h in handlers(app)
        if not isinstance(h.resolve_before_request(), AccessRules)
    )


def test_every_route_goes_through_the_apps_access_hook(app: Litestar) -> None:
    assert bypassing_access_rules(app) == []


def test_a_controller_with_its_own_before_request_hook_is_caught() -> None:
    async def own_hook(_: Request) -> None:  # type: ignore[type-arg]
        return None

    async def nothing(_: Request) -> None:  # type: ignore[type-arg]
        return None

    class Careless(Controller):
        path = "/careless"
        before_request = own_hook

        @get("/")
        async def read(self) -> str:
            return "no CSRF, no session check"

    @get("/fine")
    async def fine() -> str:
        return "checked"

    app = Litestar([Careless, fine], before_request=AccessRules(CsrfGuard([]), then=nothing))
    assert bypassing_access_rules(app) == ["['GET'] /careless", "['OPTIONS'] /careless"]


def test_every_handler_that_takes_the_callers_account_requires_a_session(app: Litestar) -> None:
    unmarked = sorted(
        f"{sorted(h.http_methods)} {path}"
        for path, h in handlers(app)
        if h.resolve_include_in_schema() and {Caller, LinkedCustomer} & set(injected(h)) and not needs_session(h.opt)
    )
    assert unmarked == []


class Then:
    """The next check (parameters), which must be handed the request itself."""

    def __init__(self) -> None:
        self.called = 0

    async def __call__(self, request: Any) -> None:
        assert request.route_handler is not None
        self.called += 1


def request(method: str, headers: dict[str, str], *, session: Any, **opt: object) -> Any:
    built = connection(method, headers, session=session)
    built.route_handler = SimpleNamespace(opt=opt)
    return built


async def test_an_anonymous_caller_of_a_marked_route_is_told_to_sign_in_and_nothing_else_runs() -> None:
    then = Then()
    with pytest.raises(AuthenticationRequiredError):
        await AccessRules(CsrfGuard([]), then)(request("GET", {}, session=None, **SESSION_REQUIRED))
    assert then.called == 0


async def test_an_unmarked_route_lets_an_anonymous_reader_through_to_the_next_check() -> None:
    then = Then()
    await AccessRules(CsrfGuard([]), then)(request("GET", {}, session=None))
    assert then.called == 1


async def test_a_signed_in_reader_of_a_marked_route_goes_on() -> None:
    then = Then()
    await AccessRules(CsrfGuard([]), then)(request("GET", {}, session=SESSION, **SESSION_REQUIRED))
    assert then.called == 1


@pytest.mark.parametrize("marked", [True, False])
async def test_csrf_is_checked_on_every_route_and_before_the_session(marked: bool) -> None:
    then = Then()
    opt = SESSION_REQUIRED if marked else {}
    form = request("POST", {"content-type": "application/x-www-form-urlencoded"}, session=None, **opt)
    with pytest.raises(CsrfTokenError):
        await AccessRules(CsrfGuard([]), then)(form)
    with pytest.raises(CsrfTokenError):
        await AccessRules(CsrfGuard([]), then)(request("POST", {"x-csrf-token": "stale"}, session=SESSION, **opt))
    await AccessRules(CsrfGuard([]), then)(request("POST", {"x-csrf-token": TOKEN}, session=SESSION, **opt))
    assert then.called == 1
