from __future__ import annotations

import msgspec


class WhmcsConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Settings of the WHMCS adapter (the entrypoints build it from PORTAL_WHMCS_* variables)."""

    base_url: str  # the installation root, e.g. https://billing.example.jp/ (api.php is under includes/)
    identifier: str  # API credential (Setup > Staff > Manage API Credentials)
    secret: str
    access_key: str | None = None  # `$api_access_key`: lets us past the IP allow-list from changing egress IPs
    server_timezone: str = "Asia/Tokyo"  # WHMCS dates carry no offset: they are in the server's zone
    customer_number_field_id: int = 198  # client custom field holding the Salesforce customer number
    connect_timeout_seconds: float = 3.0
    read_timeout_seconds: float = 15.0
    write_timeout_seconds: float = 5.0
    pool_timeout_seconds: float = 3.0
    max_connections: int = 15
    max_keepalive_connections: int = 10
    # After WHMCS refuses our credentials we stop calling for this long: three failures ban our IP.
    auth_failure_pause_seconds: float = 300.0
    sso_token_seconds: int = 60
