"""The adapter's encoders and the emulator's decoders agree, for any input (PHP forms, serialize, JSON)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from adapters.whmcs.php_serialize import serialize_fields
from adapters.whmcs.transport import encode_form
from sandbox.whmcs.wire_input import Params, php_unserialize_map
from sandbox.whmcs.wire_output import json_body

texts = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@given(st.dictionaries(st.integers(min_value=1, max_value=99_999), texts, max_size=6))
def test_customfields_survive_serialize_and_unserialize(fields: dict[int, str]) -> None:
    assert php_unserialize_map(serialize_fields(fields)) == {str(k): v for k, v in fields.items()}


@given(st.lists(st.integers(min_value=1, max_value=999), min_size=1, max_size=5), st.booleans())
def test_aligned_arrays_and_booleans_reach_php_as_sent(pids: list[int], flag: bool) -> None:
    params = Params(encode_form({"pid": pids, "billingcycle": ["monthly"] * len(pids), "noinvoice": flag}))
    assert params.array("pid") == [str(p) for p in pids]
    assert len(params.array("billingcycle")) == len(pids)
    assert params.truthy("noinvoice") is flag  # sent as 1/0: "false" would have been true


@given(st.dictionaries(keys, texts, max_size=4))
def test_nested_maps_become_bracket_keys(preferences: dict[str, str]) -> None:
    params = Params(encode_form({"email_preferences": preferences}))
    stored = params.values.get("email_preferences", {})
    assert set(stored) == set(preferences)


@given(st.recursive(texts | st.integers() | st.booleans() | st.none(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
                    max_leaves=12))  # fmt: skip
def test_whmcs_json_is_ascii_and_decodes_to_the_same_document(value: Any) -> None:
    body = json_body({"result": "success", "value": value})
    assert body.isascii()
    for raw in (b"<", b">", b"&", b"'"):
        assert raw not in body.replace(b'"result"', b"")
    assert json.loads(body) == {"result": "success", "value": value}
