"""The CSRF guard and the account guard, each called as Litestar calls a guard: a connection and its handler.

The methods are spelled out here rather than taken from the guard's own list, so that dropping one from the
guard fails a test.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.errors import AuthenticationRequiredError
from application.identity.errors import CsrfTokenError
from application.identity.sessions import ActiveSession
from entrypoints.http.account_access import require_session
from entrypoints.http.auth.csrf import CsrfGuard
from entrypoints.http.auth.request_auth import RequestAuth

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
SAFE = ("GET", "HEAD", "OPTIONS")
TOKEN = "the-session-csrf-token-0123456789abcdef"
SESSION = ActiveSession(session_id="s1", user_id=uuid.UUID(int=1), csrf_token=TOKEN)
HOST = "portal.example.jp"
FRONTEND = "https://app.example.jp"


class _Container:
    def __init__(self, auth: RequestAuth) -> None:
        self._auth = auth

    async def get(self, kind: type[Any]) -> Any:
        assert kind is RequestAuth
        return self._auth


def connection(method: str, headers: dict[str, str], *, session: ActiveSession | None, host: bool = True) -> Any:
    container = _Container(RequestAuth(session=session))
    return SimpleNamespace(
        scope={"method": method},
        headers=({"host": HOST} if host else {}) | {name.lower(): value for name, value in headers.items()},
        state=SimpleNamespace(dishka_container=container),
    )


def handler(**opt: object) -> Any:
    return SimpleNamespace(opt=opt)


class _Guard:
    """A guard built per call, as each app builds its own (a guard built once at import would hide its setup)."""

    async def __call__(self, connection: Any, handler: Any) -> None:
        await CsrfGuard([FRONTEND])(connection, handler)


GUARD = _Guard()


@pytest.mark.parametrize("method", UNSAFE)
async def test_an_unsafe_method_with_a_session_but_without_the_csrf_header_is_refused(method: str) -> None:
    with pytest.raises(CsrfTokenError):
        await GUARD(connection(method, {"content-type": "application/json"}, session=SESSION), handler())


@pytest.mark.parametrize("method", UNSAFE)
async def test_an_unsafe_method_with_the_sessions_token_passes(method: str) -> None:
    await GUARD(connection(method, {"X-CSRF-Token": TOKEN}, session=SESSION), handler())


@given(method=st.sampled_from(UNSAFE), forged=st.text(max_size=60).filter(lambda t: t != TOKEN))
async def test_any_token_but_the_sessions_own_is_refused(method: str, forged: str) -> None:
    with pytest.raises(CsrfTokenError):
        await GUARD(connection(method, {"X-CSRF-Token": forged}, session=SESSION), handler())


@pytest.mark.parametrize("method", UNSAFE)
async def test_another_sessions_token_is_refused(method: str) -> None:
    theirs = "another-session-csrf-token-fedcba987654"
    with pytest.raises(CsrfTokenError):
        await GUARD(connection(method, {"X-CSRF-Token": theirs}, session=SESSION), handler())


@pytest.mark.parametrize("method", SAFE)
async def test_safe_methods_need_no_token(method: str) -> None:
    await GUARD(connection(method, {}, session=SESSION), handler())
    await GUARD(
        connection(method, {"content-type": "text/plain", "origin": "https://evil.example"}, session=None), handler()
    )


@pytest.mark.parametrize("method", UNSAFE)
async def test_only_a_handler_marked_exempt_skips_the_check(method: str) -> None:
    await GUARD(connection(method, {}, session=SESSION), handler(csrf_exempt=True))
    with pytest.raises(CsrfTokenError):
        await GUARD(connection(method, {}, session=SESSION), handler(csrf_exempt=False))


@pytest.mark.parametrize("method", UNSAFE)
@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8", " Application/JSON "])
async def test_without_a_session_a_json_body_from_no_stated_origin_passes(method: str, content_type: str) -> None:
    await GUARD(connection(method, {"content-type": content_type}, session=None), handler())


@pytest.mark.parametrize("method", UNSAFE)
@pytest.mark.parametrize(
    "content_type", ["", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]
)
async def test_without_a_session_a_body_a_cross_site_form_can_send_is_refused(method: str, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    with pytest.raises(CsrfTokenError, match="application/json"):
        await GUARD(connection(method, headers, session=None), handler())


@pytest.mark.parametrize("method", UNSAFE)
@pytest.mark.parametrize("origin", ["https://evil.example", "https://portal.example.jp.evil.example", "null"])
async def test_without_a_session_a_foreign_origin_is_refused(method: str, origin: str) -> None:
    headers = {"content-type": "application/json", "origin": origin}
    with pytest.raises(CsrfTokenError, match="Cross-site"):
        await GUARD(connection(method, headers, session=None), handler())


@pytest.mark.parametrize("origin", [f"https://{HOST}", FRONTEND])
async def test_without_a_session_our_own_origin_and_the_allowed_ones_pass(origin: str) -> None:
    await GUARD(connection("POST", {"content-type": "application/json", "origin": origin}, session=None), handler())


async def test_an_anonymous_caller_of_an_account_route_is_told_to_sign_in() -> None:
    with pytest.raises(AuthenticationRequiredError):
        await require_session(connection("GET", {}, session=None), handler())


async def test_a_caller_with_a_session_reaches_the_account_route() -> None:
    await require_session(connection("GET", {}, session=SESSION), handler())


@pytest.mark.parametrize("host", [True, False])
async def test_an_opaque_origin_is_refused_with_or_without_a_host_header(host: bool) -> None:
    headers = {"content-type": "application/json", "origin": "null"}
    with pytest.raises(CsrfTokenError, match="Cross-site"):
        await GUARD(connection("POST", headers, session=None, host=host), handler())


async def test_without_a_host_header_only_the_allowed_origins_pass() -> None:
    json = {"content-type": "application/json"}
    await GUARD(connection("POST", json | {"origin": FRONTEND}, session=None, host=False), handler())
    with pytest.raises(CsrfTokenError):
        await GUARD(connection("POST", json | {"origin": f"https://{HOST}"}, session=None, host=False), handler())


@pytest.mark.parametrize("origins", [[], ["https://a.example.jp", "https://b.example.jp:8443"]])
async def test_every_allowed_origin_passes_and_no_other(origins: list[str]) -> None:
    guard = CsrfGuard(origins)
    for origin in origins:
        await guard(connection("PUT", {"content-type": "application/json", "origin": origin}, session=None), handler())
    with pytest.raises(CsrfTokenError):
        await guard(
            connection("PUT", {"content-type": "application/json", "origin": "https://c.example.jp"}, session=None),
            handler(),
        )


@given(token=st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0xFF), min_size=1, max_size=40))
async def test_a_header_with_non_ascii_characters_is_refused_not_an_error(token: str) -> None:
    with pytest.raises(CsrfTokenError):
        await GUARD(connection("PATCH", {"X-CSRF-Token": token}, session=SESSION), handler())
