from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.identity.password_policy import MAX_LENGTH, MIN_LENGTH, WeakPasswordError, check_password


@pytest.mark.parametrize("password", ["short", "1234567890", "Password123", "aaaaaaaaaaaa", "x" * (MAX_LENGTH + 1)])
def test_weak_or_absurd_passwords_are_refused(password: str) -> None:
    with pytest.raises(WeakPasswordError):
        check_password(password)


def test_the_email_is_not_a_password() -> None:
    with pytest.raises(WeakPasswordError):
        check_password("hanako.tanaka@example.jp", email="hanako.tanaka@example.jp")


@given(st.text(max_size=MAX_LENGTH + 8))
def test_any_input_is_either_accepted_within_bounds_or_refused_with_the_domain_error(password: str) -> None:
    try:
        check_password(password)
    except WeakPasswordError:
        return
    assert MIN_LENGTH <= len(password) <= MAX_LENGTH


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ", min_size=4, max_size=10).map(lambda s: s * 4))
def test_long_passphrases_with_some_variety_are_accepted(phrase: str) -> None:
    if len(set(phrase)) >= 4:
        check_password(phrase)


# The policy's own numbers, spelled out so that moving a threshold fails here (ASVS 6.2: at least 8, we ask 10;
# at least 64 must be allowed, we allow 128).
POLICY_MIN, POLICY_MAX = 10, 128
VARIED = "Tq9#mZ2!vL"  # ten characters, all different


def varied(length: int) -> str:
    return (VARIED * (length // len(VARIED) + 1))[:length]


def test_the_shortest_password_allowed_has_ten_characters() -> None:
    check_password(varied(POLICY_MIN))
    with pytest.raises(WeakPasswordError, match=f"at least {POLICY_MIN} characters"):
        check_password(varied(POLICY_MIN - 1))


def test_the_longest_password_allowed_has_128_characters() -> None:
    check_password(varied(POLICY_MAX))
    with pytest.raises(WeakPasswordError, match=f"at most {POLICY_MAX} characters"):
        check_password(varied(POLICY_MAX + 1))


def test_a_password_needs_at_least_four_different_characters() -> None:
    check_password("abcdabcdabcd")
    with pytest.raises(WeakPasswordError, match="too easy to guess"):
        check_password("abcabcabcabc")


@pytest.mark.parametrize("well_known", ["password123", "PASSWORD123", "Qwertyuiop", "iloveyou123", "sakura12345"])
def test_well_known_passwords_are_refused_in_any_case(well_known: str) -> None:
    with pytest.raises(WeakPasswordError, match="too easy to guess"):
        check_password(well_known)


@pytest.mark.parametrize("email", ["Hanako.Tanaka2026@example.jp", "hanako.tanaka2026@EXAMPLE.JP"])
@pytest.mark.parametrize("password", ["hanako.tanaka2026@example.jp", "HANAKO.TANAKA2026"])
def test_neither_the_address_nor_its_local_part_is_a_password_in_any_case(email: str, password: str) -> None:
    with pytest.raises(WeakPasswordError, match="email address"):
        check_password(password, email=email)
    check_password(password, email="someone.else@example.jp")
    check_password(password)
