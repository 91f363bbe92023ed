"""OAuth 2.0 access tokens for Salesforce (JWT bearer or client credentials), shared by REST and streaming.

Salesforce never tells a client when its token expires; callers learn it from a 401 `INVALID_SESSION_ID`
and call `invalidate()`, and we also refetch after `session_max_age_seconds` to keep long idle gaps cheap.
"""

from __future__ import annotations

import asyncio
import ssl
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import msgspec

from adapters.salesforce.config import SalesforceConfig
from adapters.system_clock import SystemClock
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.clock import Clock

SYSTEM = "Salesforce"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Salesforce rejects assertions valid for longer than three minutes.
_ASSERTION_LIFETIME = timedelta(minutes=3)


class SalesforceSession(msgspec.Struct, frozen=True, kw_only=True):
    access_token: str
    instance_url: str
    issued_at: datetime
    user_id: str | None = None  # the integration user (last segment of the reply's identity URL)


class _TokenReply(msgspec.Struct, frozen=True):
    access_token: str
    instance_url: str
    id: str = ""


def build_ssl_context(config: SalesforceConfig) -> ssl.SSLContext:
    """Trust the configured CA bundle (the emulator's local CA) or else the system store."""
    if config.ca_bundle:
        return ssl.create_default_context(cafile=config.ca_bundle)
    return ssl.create_default_context()


class SalesforceTokenProvider:
    def __init__(
        self,
        config: SalesforceConfig,
        *,
        clock: Clock | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._config = config
        self._clock = clock or SystemClock()
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(
            verify=build_ssl_context(config),
            trust_env=False,  # REQUESTS_CA_BUNDLE/SSL_CERT_FILE must not replace the configured CA
            timeout=httpx.Timeout(config.read_timeout_seconds, connect=config.connect_timeout_seconds),
        )
        self._current: SalesforceSession | None = None
        self._lock = asyncio.Lock()

    async def session(self) -> SalesforceSession:
        current = self._current
        if current is not None and not self._too_old(current):
            return current
        async with self._lock:
            # Another caller may have fetched while we waited for the lock.
            current = self._current
            if current is None or self._too_old(current):
                current = await self._fetch()
                self._current = current
            return current

    async def invalidate(self, access_token: str) -> None:
        """Forget `access_token` after Salesforce rejected it; a token fetched since then is kept."""
        async with self._lock:
            if self._current is not None and self._current.access_token == access_token:
                self._current = None

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    def _too_old(self, session: SalesforceSession) -> bool:
        age = self._clock.now() - session.issued_at
        return age.total_seconds() >= self._config.session_max_age_seconds

    async def _fetch(self) -> SalesforceSession:
        url = self._config.login_url.rstrip("/") + "/services/oauth2/token"
        try:
            response = await self._http.post(url, data=self._grant_form())
        except httpx.TimeoutException as exc:
            raise UpstreamUnavailableError(SYSTEM, "Salesforce login timed out.") from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailableError(SYSTEM, "Salesforce login is unreachable.") from exc
        if response.status_code >= 500:
            raise UpstreamUnavailableError(SYSTEM, f"Salesforce login answered {response.status_code}.")
        if response.status_code != 200:
            raise UpstreamConfigurationError(SYSTEM, f"Salesforce login refused: {_oauth_error(response)}")
        try:
            reply = msgspec.json.decode(response.content, type=_TokenReply)
        except msgspec.ValidationError as exc:
            raise UpstreamUnavailableError(SYSTEM, "Salesforce login sent an unreadable reply.") from exc
        return SalesforceSession(
            access_token=reply.access_token,
            instance_url=reply.instance_url,
            issued_at=self._clock.now(),
            user_id=reply.id.rstrip("/").rsplit("/", 1)[-1] or None,
        )

    def _grant_form(self) -> dict[str, str]:
        config = self._config
        if config.grant == "client_credentials":
            return {
                "grant_type": "client_credentials",
                "client_id": config.client_id,
                "client_secret": config.client_secret,
            }
        return {"grant_type": JWT_BEARER_GRANT, "assertion": self._assertion()}

    def _assertion(self) -> str:
        config = self._config
        try:
            key = Path(config.private_key_path).read_bytes()
        except OSError as exc:
            raise UpstreamConfigurationError(SYSTEM, "The Salesforce JWT private key cannot be read.") from exc
        claims: dict[str, Any] = {
            "iss": config.client_id,
            "sub": config.username,
            "aud": config.jwt_audience,
            "exp": int((self._clock.now() + _ASSERTION_LIFETIME).timestamp()),
        }
        try:
            return jwt.encode(claims, key, algorithm="RS256")
        except (ValueError, TypeError, jwt.PyJWTError) as exc:
            raise UpstreamConfigurationError(SYSTEM, "The Salesforce JWT private key is not a valid RSA key.") from exc


def _oauth_error(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(body, dict):
        return f"{body.get('error', 'error')}: {body.get('error_description', '')}".strip()
    return f"HTTP {response.status_code}"
