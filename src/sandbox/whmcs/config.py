"""Settings of the WHMCS emulator: the API credential, the lockout, the wire dialect and the hook module."""

from __future__ import annotations

import msgspec

DEFAULT_IDENTIFIER = "portal-sandbox-identifier"
DEFAULT_SECRET = "portal-sandbox-secret"  # noqa: S105 - a public sandbox credential, documented in the README
DEFAULT_WEBHOOK_SECRET = "whsec_cG9ydGFsLXNhbmRib3gtd2htY3Mtd2ViaG9vaw=="  # noqa: S105 - sandbox only


class WhmcsEmulatorConfig(msgspec.Struct, frozen=True, kw_only=True):
    identifier: str = DEFAULT_IDENTIFIER
    secret: str = DEFAULT_SECRET
    # `$api_access_key` of configuration.php; when set and sent, it replaces the IP allow-list check.
    access_key: str | None = None
    # None: every caller allowed (as if the allow-list were switched off).
    allowed_ips: tuple[str, ...] | None = None
    # None: the API role allows every action; otherwise lowercase normalised names.
    allowed_actions: tuple[str, ...] | None = None
    failed_logins_before_ban: int = 3
    failure_window_seconds: int = 30 * 60
    ban_seconds: int = 60 * 60
    # "8.x": ids and counts mostly ints (GetClientsProducts still strings); "legacy": everything a string.
    dialect: str = "8.x"
    # Public root of the installation, for SSO redirect URLs; None: the URL the request came in on.
    system_url: str | None = None
    sso_token_seconds: int = 60
    # The portal's hook module: where it posts change notifications (None: switched off).
    webhook_url: str | None = None
    webhook_secret: str = DEFAULT_WEBHOOK_SECRET
    webhook_attempts: int = 3
    webhook_timeout_seconds: float = 3.0
    webhook_retry_seconds: float = 0.2
