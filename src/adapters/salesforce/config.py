"""Settings of the Salesforce adapters (REST and streaming); the entrypoints build it from PORTAL_SALESFORCE_* vars."""

from __future__ import annotations

from typing import Literal

import msgspec

Grant = Literal["jwt_bearer", "client_credentials"]


class SalesforceConfig(msgspec.Struct, frozen=True, kw_only=True):
    # Where the OAuth token endpoint lives: https://login.salesforce.com, a My Domain URL, or the emulator.
    login_url: str = "https://login.salesforce.com"
    grant: Grant = "jwt_bearer"
    client_id: str = ""  # the connected app's consumer key (JWT `iss`)
    client_secret: str = ""  # client-credentials grant only
    username: str = ""  # JWT `sub`: the integration user
    private_key_path: str = ""  # PEM RSA key whose certificate is uploaded to the connected app
    # JWT `aud`: login.salesforce.com for production, test.salesforce.com for sandboxes.
    jwt_audience: str = "https://login.salesforce.com"
    api_version: str = "62.0"
    ca_bundle: str | None = None  # extra trust anchor (the emulator's local CA); None = system trust store
    # Sent as `Sforce-Call-Options: client=<name>` on our writes so CDC `changeOrigin` marks them as ours.
    call_options_client: str = "portal-bff"
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 30.0
    # Salesforce never says when a token expires; refetch after this age even without a 401.
    session_max_age_seconds: float = 900.0
    max_worker_threads: int = 8  # simple-salesforce is synchronous: the bounded pool it runs on
    portal_pricebook_name: str = "Portal"
