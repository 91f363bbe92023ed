"""Checks across settings, after each value parsed: URLs that must be URLs, CORS origins that can carry credentials,
and what production refuses (development defaults, insecure cookies, an unstated proxy choice)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from entrypoints.settings import Settings

PREFIX = "PORTAL_"


def env_name(field: str) -> str:
    return PREFIX + field.upper()


_URL_SCHEMES = {
    "database_url": ("postgresql+asyncpg://",),
    "redis_url": ("redis://", "rediss://", "unix://"),
}


def url_problems(settings: Settings) -> list[str]:
    return [
        f"{env_name(name)}: (secret hidden) is not a URL; expected one starting with {' or '.join(schemes)}"
        for name, schemes in _URL_SCHEMES.items()
        if not getattr(settings, name).reveal().startswith(schemes)
    ] + cluster_problems(settings)


def cluster_problems(settings: Settings) -> list[str]:
    """A cluster has database 0 only and no unix sockets: say so before the client refuses at the first command."""
    if not settings.redis_cluster:
        return []
    url = urlsplit(settings.redis_url.reveal())
    if url.scheme not in ("redis", "rediss"):
        return [f"{env_name('redis_url')}: a Redis Cluster is reached over TCP (redis:// or rediss://)"]
    if url.path.strip("/") not in ("", "0"):
        return [f"{env_name('redis_url')}: a Redis Cluster has database 0 only; drop the /<db> from the URL"]
    return []


# Settings whose development default (local servers, sandbox credentials) must never reach production.
PRODUCTION_REQUIRED = (
    "database_url",
    "redis_url",
    "whmcs_url",
    "whmcs_identifier",
    "whmcs_secret",
    "whmcs_webhook_secret",
    "salesforce_login_url",
    "salesforce_client_id",
    "freebit_url",
    "freebit_oem_id",
    "freebit_oem_key",
)


def production_problems(settings: Settings) -> list[str]:
    if settings.environment != "production":
        return []
    defaults = Settings()
    problems = []
    if settings.demo_seed_logins:
        problems.append(f"{env_name('demo_seed_logins')}: demo logins with published passwords are not for production")
    if settings.adapters == "memory":
        problems.append(f"{env_name('adapters')}: 'memory' keeps data in one process; production needs 'real'")
    for name in PRODUCTION_REQUIRED:
        if getattr(settings, name) == getattr(defaults, name):
            problems.append(f"{env_name(name)}: missing; production needs an explicit value")
    if not settings.session_cookie_secure:
        problems.append(f"{env_name('session_cookie_secure')}: production serves sessions over HTTPS only; set it true")
    if not settings.trusted_proxy_header:
        problems.append(
            f"{env_name('trusted_proxy_header')}: choose explicitly: the header your load balancer sets (e.g. "
            "X-Forwarded-For), or 'none' when clients connect directly"
        )
    insecure = [origin for origin in settings.cors_allowed_origins if not origin.startswith("https://")]
    if insecure:
        problems.append(f"{env_name('cors_allowed_origins')}: production allows https:// origins only, not {insecure}")
    return problems


def cors_problems(settings: Settings) -> list[str]:
    """Origins are sent credentials (the session cookie): a wildcard or a path would be refused by browsers."""
    return [
        f"{env_name('cors_allowed_origins')}: {origin!r} is not an origin; expected scheme://host[:port] (no * or path)"
        for origin in settings.cors_allowed_origins
        if not _ORIGIN.match(origin)
    ]


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
