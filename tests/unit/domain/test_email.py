from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidEmailError
from domain.identity.email import EmailAddress

local_parts = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}", fullmatch=True).filter(lambda s: ".." not in s)
domains = st.from_regex(r"[a-z0-9-]{1,20}\.(jp|com|co\.jp|net)", fullmatch=True)


@given(local=local_parts, domain=domains, padding=st.sampled_from(["", " ", "\t", "  "]))
def test_any_casing_and_padding_normalises_to_one_form(local: str, domain: str, padding: str) -> None:
    canonical = EmailAddress.parse(f"{local}@{domain}")
    shouted = EmailAddress.parse(f"{padding}{local.upper()}@{domain.upper()}{padding}")
    assert shouted == canonical
    assert canonical.value == f"{local}@{domain}"


@given(local=local_parts, domain=domains)
def test_normalising_twice_changes_nothing(local: str, domain: str) -> None:
    once = EmailAddress.parse(f"{local}@{domain}")
    assert EmailAddress.parse(once.value) == once


def test_full_width_characters_typed_on_a_japanese_keyboard_are_folded() -> None:
    assert EmailAddress.parse("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ").value == "hanako@example.jp"


@pytest.mark.parametrize(
    "raw", ["", "hanako", "hanako@", "@example.jp", "a@b@example.jp", "han ako@example.jp", "a@example", "a@ex..jp"]
)
def test_undeliverable_shapes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidEmailError):
        EmailAddress.parse(raw)


def test_overlong_addresses_are_refused() -> None:
    with pytest.raises(InvalidEmailError):
        EmailAddress.parse("a" * 60 + "@" + "b" * 200 + ".jp")
