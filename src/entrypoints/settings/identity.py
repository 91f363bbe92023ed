"""Sessions, attempt limits, password hashing and what the API trusts about the network in front of it."""

from __future__ import annotations

from typing import Annotated

from application.identity.policy import IdentityPolicy
from entrypoints.settings.process import Doc, ProcessSettings

_IDENTITY = IdentityPolicy()  # the defaults are the policy's (one home each), in this file's units


class IdentitySettings(ProcessSettings, frozen=True, kw_only=True):
    session_cookie_secure: Annotated[
        bool,
        Doc(description="Secure, `__Host-` prefixed session cookie; false only for plain-HTTP local development."),
    ] = True
    session_idle_minutes: Annotated[int, Doc(ge=1, le=24 * 60, description="Session ends after this idle time.")] = (
        _IDENTITY.session_idle_seconds // 60
    )
    session_absolute_hours: Annotated[int, Doc(ge=1, le=24 * 30, description="Session ends this long after login.")] = (
        _IDENTITY.session_absolute_seconds // 3600
    )
    auth_attempts_per_window: Annotated[
        int,
        Doc(
            ge=1,
            le=1000,
            description="Attempts at login, password change, sign-up, link and reset allowed per IP and per account "
            "per window, counted before the secret is checked (a correct login or password change gives its back).",
        ),
    ] = _IDENTITY.attempts_per_window
    auth_attempt_window_minutes: Annotated[int, Doc(ge=1, le=24 * 60, description="The window of that limit.")] = (
        _IDENTITY.attempt_window_seconds // 60
    )
    password_hashing_concurrency: Annotated[
        int,
        Doc(ge=1, le=64, description="Password hashes computed at once per process (each takes 64 MiB of memory)."),
    ] = 2
    password_hashing_wait_seconds: Annotated[
        float, Doc(gt=0, le=30, description="How long a login waits for a hashing slot before a 503.")
    ] = 2.0
    http_max_requests_with_body: Annotated[
        int,
        Doc(ge=1, le=10_000, description="Requests carrying a body handled at once per process; more get a 503."),
    ] = 128
    frontend_url: Annotated[
        str, Doc(description="Public URL of the portal frontend (links in emails point there).")
    ] = "http://127.0.0.1:3000"
    trusted_proxy_header: Annotated[
        str,
        Doc(
            description="Header carrying the client IP, set by your load balancer (e.g. X-Forwarded-For), or `none` "
            "(clients connect directly); production demands one of the two, stated."
        ),
    ] = ""
    trusted_proxy_count: Annotated[
        int, Doc(ge=1, le=10, description="How many trusted proxies append to that header (the right-most N hops).")
    ] = 1
