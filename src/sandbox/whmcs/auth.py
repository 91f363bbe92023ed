"""WHMCS's gatekeeping before an action runs: bans, access key / IP allow-list, credentials, lockout."""

from __future__ import annotations

import hmac
from datetime import timedelta

from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.state import WhmcsState
from sandbox.whmcs.wire_input import Params


class RefusedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def check_ip(state: WhmcsState, config: WhmcsEmulatorConfig, params: Params, ip: str) -> None:
    """Steps 1 and 2: a banned IP, then the access key or the IP allow-list."""
    until = state.banned_until.get(ip)
    if until is not None:
        if state.clock.now() < until:
            raise RefusedError(403, "IP Banned")
        del state.banned_until[ip]
    key = params.get("accesskey")
    if config.access_key and key:
        if not _same(key, config.access_key):
            raise RefusedError(403, "Invalid Access Key")
        return  # a valid key replaces the allow-list
    if config.allowed_ips is not None and ip not in config.allowed_ips:
        raise RefusedError(403, f"Invalid IP {ip}")


def check_credentials(state: WhmcsState, config: WhmcsEmulatorConfig, params: Params, ip: str) -> None:
    """Step 4: identifier/secret, or the same pair sent as username/password."""
    identifier = params.get("identifier") or params.get("username")
    secret = params.get("secret") if params.has("identifier") else params.get("password")
    if not identifier or (params.has("identifier") and not _same(identifier, config.identifier)):
        raise RefusedError(403, "Invalid or missing credentials")  # does not count towards a ban
    if _same(identifier, config.identifier) and _same(secret, config.secret):
        state.auth_failures.pop(ip, None)
        return
    _count_failure(state, config, ip)
    raise RefusedError(403, "Authentication Failed")


def _count_failure(state: WhmcsState, config: WhmcsEmulatorConfig, ip: str) -> None:
    now = state.clock.now()
    window = timedelta(seconds=config.failure_window_seconds)
    recent = [t for t in state.auth_failures.get(ip, []) if now - t < window] + [now]
    state.auth_failures[ip] = recent
    if len(recent) >= config.failed_logins_before_ban:
        state.banned_until[ip] = now + timedelta(seconds=config.ban_seconds)
        state.auth_failures.pop(ip, None)
