"""How one emulated org is set up: its integration credentials, session lifetime and limits."""

from __future__ import annotations

import msgspec

DEFAULT_CONSUMER_KEY = "3MVG9sakura.hikari.portal.bff"
DEFAULT_CLIENT_SECRET = "sandbox-client-secret"  # noqa: S105 - a published demo credential of the emulator
DEFAULT_USERNAME = "integration@sakura-hikari.example"
ORG_ID = "00DRO0000000001AAA"


class EmulatorConfig(msgspec.Struct, frozen=True, kw_only=True):
    consumer_key: str = DEFAULT_CONSUMER_KEY  # client_id for both grants; the JWT `iss`
    client_secret: str = DEFAULT_CLIENT_SECRET
    username: str = DEFAULT_USERNAME  # the only pre-authorised JWT `sub`
    # PEM certificate (or public key) of the connected app: JWT assertions must be signed by its private key.
    # None refuses the JWT bearer grant.
    jwt_certificate_path: str | None = None
    jwt_audiences: tuple[str, ...] = ("https://login.salesforce.com", "https://test.salesforce.com")
    session_ttl_seconds: float = 7200.0  # the org's session timeout
    query_batch_size: int = 2000  # records per query page (Sforce-Query-Options may ask for fewer)
    daily_api_limit: int = 100_000
    api_version: str = "62.0"
    # The CA that signed the TLS certificate, served at /_sandbox/ca.pem; None: not served.
    ca_certificate_path: str | None = None
    # What token replies name as `instance_url`; None: the URL the token request came in on.
    instance_url: str | None = None
