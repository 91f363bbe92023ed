"""Get-started's numbers (the original portal's, §3.3): codes of six digits for 10 minutes, 3 tries each; 5 sends and
10 verifications per 5 minutes per address and per IP; a proven address stays proven for 30 minutes."""

from __future__ import annotations

import hashlib

import msgspec

from application.identity.attempts import AttemptGuard
from application.identity.policy import IdentityPolicy
from application.ports.attempt_counter import AttemptCounter


class GetStartedPolicy(msgspec.Struct, frozen=True, kw_only=True):
    code_ttl_seconds: int = 10 * 60
    code_max_attempts: int = 3
    sends_per_window: int = 5
    verifications_per_window: int = 10
    window_seconds: int = 5 * 60
    proof_ttl_seconds: int = 30 * 60


def code_digest(subject: str, code: str) -> str:
    """Bound to the address: a code sent to one address means nothing for another."""
    return hashlib.sha256(f"{subject}:{code}".encode()).hexdigest()


def proof_digest(proof: str) -> str:
    return hashlib.sha256(proof.encode()).hexdigest()


def limited(counter: AttemptCounter, *, per_window: int, window_seconds: int) -> AttemptGuard:
    """The shared attempt counters (per IP and per address, counted before the work), with this action's limit."""
    return AttemptGuard(counter, IdentityPolicy(attempts_per_window=per_window, attempt_window_seconds=window_seconds))
