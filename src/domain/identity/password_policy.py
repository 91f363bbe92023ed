"""What a portal password must be (OWASP ASVS 6.2): long enough, not absurdly long, not a well-known one.

No composition rules (they push people to predictable patterns); instead a floor on length and a refusal of
the passwords attackers try first.
"""

from __future__ import annotations

from domain.errors import DomainError

MIN_LENGTH = 10
MAX_LENGTH = 128  # long passphrases are welcome; beyond this only denial-of-service payloads remain

# The most-tried passwords and keyboard walks of 10+ characters, plus this portal's own obvious choices.
_WELL_KNOWN = frozenset(
    {
        "1234567890",
        "0123456789",
        "12345678910",
        "1q2w3e4r5t",
        "qwertyuiop",
        "1qaz2wsx3edc",
        "asdfghjkl;",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou123",
        "qwerty1234",
        "qwerty12345",
        "abcdefghij",
        "abc1234567",
        "aaaaaaaaaa",
        "1111111111",
        "0000000000",
        "9876543210",
        "letmein123",
        "welcome123",
        "administrator",
        "changeme123",
        "sakurahikari",
        "sakura12345",
        "portal12345",
        "internet123",
    }
)


class WeakPasswordError(DomainError):
    code = "WEAK_PASSWORD"
    field = "password"


def check_password(password: str, *, email: str | None = None) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPasswordError(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _WELL_KNOWN or len(set(password)) < 4:
        raise WeakPasswordError("This password is too easy to guess; choose another.")
    if email and lowered in {email.lower(), email.split("@")[0].lower()}:
        raise WeakPasswordError("Do not use your email address as your password.")
