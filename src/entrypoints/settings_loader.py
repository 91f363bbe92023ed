from __future__ import annotations

import json
import os
import typing
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import msgspec

from entrypoints.secret import Secret
from entrypoints.settings import Settings

PREFIX = "PORTAL_"


class SettingsError(Exception):
    """Every problem with the configuration, one per line, without secret values."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))


def env_name(field: str) -> str:
    return PREFIX + field.upper()


def _field_types() -> dict[str, Any]:
    return typing.get_type_hints(Settings, include_extras=True)


def _is_secret(annotation: Any) -> bool:
    return typing.get_args(annotation)[0] is Secret if typing.get_origin(annotation) else annotation is Secret


def _expected(annotation: Any) -> str:
    base, *metas = typing.get_args(annotation) or (annotation,)
    if typing.get_origin(base) is typing.Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(base))
    bounds = [
        f"{label} {getattr(meta, attr)}"
        for meta in metas
        for attr, label in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"))
        if getattr(meta, attr, None) is not None
    ]
    name = {Secret: "text", str: "text", int: "a whole number", float: "a number", bool: "true or false"}.get(
        base, "a comma-separated list" if typing.get_origin(base) is list else str(base)
    )
    return ", ".join([name, *bounds])


def _parse(raw: str, annotation: Any) -> Any:
    base = typing.get_args(annotation)[0] if typing.get_args(annotation) else annotation
    if typing.get_origin(base) is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    if base in (int, float):
        return json.loads(raw)
    if base is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return raw


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    problems: list[str] = []
    for name, annotation in _field_types().items():
        variable = env_name(name)
        if variable not in environ:
            continue
        value = environ[variable]
        shown = "(secret hidden)" if _is_secret(annotation) else repr(value)
        try:
            parsed = _parse(value, annotation)
            raw[name] = Secret(parsed) if _is_secret(annotation) else parsed
            msgspec.convert({name: raw[name]}, Settings, dec_hook=_keep_secret, strict=False)
        except (ValueError, msgspec.ValidationError):
            problems.append(f"{variable}: got {shown}; expected {_expected(annotation)}")
            raw.pop(name, None)
    # Invalid values were dropped above, so this builds; the cross-field checks then see every other value.
    settings = msgspec.convert(raw, Settings, dec_hook=_keep_secret, strict=False)
    problems += url_problems(settings) + production_problems(settings)
    if problems:
        raise SettingsError(problems)
    return settings


def _keep_secret(kind: type, value: Any) -> Any:
    if kind is Secret and isinstance(value, Secret):
        return value
    raise NotImplementedError


_URL_SCHEMES = {
    "database_url": ("postgresql+asyncpg://",),
    "redis_url": ("redis://", "rediss://", "unix://"),
}


def url_problems(settings: Settings) -> list[str]:
    problems = [
        f"{env_name(name)}: (secret hidden) is not a URL; expected one starting with {' or '.join(schemes)}"
        for name, schemes in _URL_SCHEMES.items()
        if not getattr(settings, name).reveal().startswith(schemes)
    ]
    return problems + cluster_problems(settings)


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
    return problems
