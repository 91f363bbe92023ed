from __future__ import annotations

import msgspec


class IdentityPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """Lifetimes and limits of sessions, reset links and attempts (ASVS 7.3, 6.3; the issue's 5 per 15 min)."""

    session_idle_seconds: int = 30 * 60
    session_absolute_seconds: int = 12 * 60 * 60
    # Refresh the idle expiry at most this often: one Redis write per minute per user, not one per request.
    session_touch_interval_seconds: int = 60
    reset_token_ttl_seconds: int = 30 * 60
    attempts_per_window: int = 5
    attempt_window_seconds: int = 15 * 60
    reset_url: str = "http://127.0.0.1:3000/reset-password"
