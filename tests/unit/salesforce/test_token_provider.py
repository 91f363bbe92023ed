from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.memory.clock import FrozenClock
from adapters.salesforce.auth import JWT_BEARER_GRANT, SalesforceTokenProvider
from adapters.salesforce.config import SalesforceConfig
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError

Handler = Callable[[httpx.Request], httpx.Response]


class Login:
    """A fake token endpoint counting how often it is asked."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.status = 200

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.status != 200:
            return httpx.Response(
                self.status, json={"error": "invalid_grant", "error_description": "authentication failure"}
            )
        body = {
            "access_token": f"token-{len(self.requests)}",
            "instance_url": "https://org.example",
            "id": "https://login.example/id/00D000000000001AAA/005000000000001AAA",
            "token_type": "Bearer",
        }
        return httpx.Response(200, json=body)


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "key.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return path


@pytest.fixture
def login() -> Login:
    return Login()


@pytest.fixture
async def provider(login: Login, key_path: Path) -> AsyncIterator[tuple[SalesforceTokenProvider, FrozenClock]]:
    clock = FrozenClock()
    config = SalesforceConfig(
        login_url="https://login.example",
        client_id="consumer",
        username="integration@example.jp",
        private_key_path=str(key_path),
        session_max_age_seconds=600,
    )
    async with httpx.AsyncClient(transport=httpx.MockTransport(login)) as http:
        yield SalesforceTokenProvider(config, clock=clock, http=http), clock


async def test_signs_a_jwt_bearer_assertion(
    provider: tuple[SalesforceTokenProvider, FrozenClock], login: Login
) -> None:
    tokens, clock = provider

    session = await tokens.session()

    assert (session.access_token, session.instance_url, session.user_id) == (
        "token-1",
        "https://org.example",
        "005000000000001AAA",
    )
    form = dict(httpx.QueryParams(login.requests[0].content.decode()))
    assert form["grant_type"] == JWT_BEARER_GRANT
    claims = jwt.decode(form["assertion"], options={"verify_signature": False})
    assert (claims["iss"], claims["sub"], claims["aud"]) == (
        "consumer",
        "integration@example.jp",
        "https://login.salesforce.com",
    )
    assert claims["exp"] == int(clock.now().timestamp()) + 180


async def test_caches_the_session_until_it_is_invalidated(
    provider: tuple[SalesforceTokenProvider, FrozenClock], login: Login
) -> None:
    tokens, _ = provider
    first = await tokens.session()
    assert await tokens.session() == first

    await tokens.invalidate("some-older-token")
    assert await tokens.session() == first
    await tokens.invalidate(first.access_token)

    assert (await tokens.session()).access_token == "token-2"
    assert len(login.requests) == 2


async def test_refetches_after_the_maximum_age(
    provider: tuple[SalesforceTokenProvider, FrozenClock], login: Login
) -> None:
    tokens, clock = provider
    await tokens.session()
    clock.advance(599)
    assert (await tokens.session()).access_token == "token-1"

    clock.advance(1)

    assert (await tokens.session()).access_token == "token-2"


async def test_concurrent_callers_share_one_login(
    provider: tuple[SalesforceTokenProvider, FrozenClock], login: Login
) -> None:
    tokens, _ = provider

    sessions = await asyncio.gather(*(tokens.session() for _ in range(10)))

    assert {s.access_token for s in sessions} == {"token-1"}
    assert len(login.requests) == 1


LOGIN_FAILURES = [
    (400, UpstreamConfigurationError),
    (401, UpstreamConfigurationError),
    (500, UpstreamUnavailableError),
    (503, UpstreamUnavailableError),
]


@pytest.mark.parametrize(("status", "error"), LOGIN_FAILURES)
async def test_login_failures_are_mapped(
    provider: tuple[SalesforceTokenProvider, FrozenClock], login: Login, status: int, error: type[Exception]
) -> None:
    tokens, _ = provider
    login.status = status

    with pytest.raises(error):
        await tokens.session()


async def test_client_credentials_send_the_secret() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"access_token": "t", "instance_url": "https://org.example"})

    config = SalesforceConfig(grant="client_credentials", client_id="id", client_secret="secret")
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        session = await SalesforceTokenProvider(config, http=http).session()

    assert session.user_id is None
    assert dict(httpx.QueryParams(seen[0].content.decode())) == {
        "grant_type": "client_credentials",
        "client_id": "id",
        "client_secret": "secret",
    }


async def test_an_unreachable_login_is_unavailable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    config = SalesforceConfig(grant="client_credentials", client_id="id", client_secret="secret")
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        with pytest.raises(UpstreamUnavailableError):
            await SalesforceTokenProvider(config, http=http).session()


async def test_an_unusable_private_key_is_a_configuration_error(tmp_path: Path, login: Login) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    config = SalesforceConfig(private_key_path=str(bad))
    async with httpx.AsyncClient(transport=httpx.MockTransport(login)) as http:
        with pytest.raises(UpstreamConfigurationError):
            await SalesforceTokenProvider(config, http=http).session()
    assert login.requests == []
