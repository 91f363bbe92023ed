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
