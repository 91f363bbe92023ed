"""aiosfstream-ng authentication through our shared OAuth token provider (JWT bearer / client credentials)."""

from __future__ import annotations

from typing import Any, Protocol

from aiosfstream_ng.auth import AuthenticatorBase

from adapters.salesforce.auth import SalesforceSession


class AccessTokens(Protocol):
    async def session(self) -> SalesforceSession: ...

    async def invalidate(self, access_token: str) -> None: ...


class TokenProviderAuthenticator(AuthenticatorBase):
    """Called once when a client opens, and again after any 401/403 from the Streaming API.

    The second and later calls mean Salesforce refused the token we hold, so it is invalidated first and the
    provider fetches a fresh one (shared with REST, which then benefits too).
    """

    def __init__(self, tokens: AccessTokens) -> None:
        super().__init__()
        self._tokens = tokens

    async def _authenticate(self) -> tuple[int, dict[str, Any]]:
        refused = self.access_token
        if refused is not None:
            await self._tokens.invalidate(refused)
        session = await self._tokens.session()
        reply = {"access_token": session.access_token, "instance_url": session.instance_url, "token_type": "Bearer"}
        return 200, reply
