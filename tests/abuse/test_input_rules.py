"""Input that used to end in 500 now ends in a problem naming the field: control characters (NUL reached Postgres),
deeply nested JSON (it overflowed the decoder's recursion), JSON of very many values, and a signed webhook whose
client id overflows our INTEGER column."""

from __future__ import annotations

import json
import string
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import AsyncTestClient
from standardwebhooks import Webhook

from entrypoints.http.input_rules import (
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    JsonTooDeepError,
    JsonTooManyValuesError,
    check_json_shape,
    check_json_text,
)
from entrypoints.secret import Secret
from entrypoints.settings import Settings
from tests.abuse.conftest import ABUSE_REDIS_URL
from tests.abuse.routes import BodyRoute, RunningApp, body_routes, memory_app, running
from tests.support.app import real_app

# JSON bodies (the upload's multipart form is held by its own tests: files, sizes, counts).
ROUTES = [
    r
    for r in body_routes(memory_app())
    if not r.path.startswith("/api/webhooks") and r.content_type == "application/json"
]
CONTROL = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SAFE_TEXT = st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\t\n\r"), max_size=20)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**31), 2**31) | SAFE_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(SAFE_TEXT, children, max_size=4),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def api() -> Iterator[RunningApp]:
    with running(memory_app()) as app:
        yield app


# --- the rules themselves --------------------------------------------------------------------------------------


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def structure(value: Any) -> int:
    """Containers + separators: what `check_json_shape` counts as the number of values."""
    if isinstance(value, list | dict):
        children = list(value.values()) if isinstance(value, dict) else value
        return 1 + max(0, len(children) - 1) + sum(structure(c) for c in children)
    return 0


def nest(value: Any, kinds: list[bool]) -> Any:
    for as_list in kinds:
        value = [value] if as_list else {"k": value}
    return value


@EXAMPLES
@given(value=JSON_VALUES, extra_levels=st.lists(st.booleans(), max_size=60))
def test_the_shape_rule_refuses_exactly_the_too_deep_then_the_too_many(value: Any, extra_levels: list[bool]) -> None:
    value = nest(value, extra_levels)
    body = msgspec.json.encode(value)
    if depth(value) > MAX_JSON_DEPTH:
        with pytest.raises(JsonTooDeepError):
            check_json_shape(body)
    elif structure(value) >= MAX_JSON_VALUES:
        with pytest.raises(JsonTooManyValuesError):
            check_json_shape(body)
    else:
        check_json_shape(body)  # brackets and commas inside strings are text and do not count


@EXAMPLES
@given(count=st.integers(MAX_JSON_VALUES, 5 * MAX_JSON_VALUES), shape=st.sampled_from([b"[],", b"{},", b"1,", b'"",']))
def test_many_small_values_are_refused_before_decoding(count: int, shape: bytes) -> None:
    with pytest.raises(JsonTooManyValuesError):
        check_json_shape(b"[" + shape * count + b"0]")


@EXAMPLES
@given(value=JSON_VALUES)
def test_text_without_control_characters_passes_line_breaks_and_tabs_included(value: Any) -> None:
    check_json_text(value)


# --- through HTTP, on every route that takes a body ------------------------------------------------------------


def with_bad_text(base: dict[str, Any], path: list[str | int], bad: str) -> tuple[dict[str, Any], str]:
    """Put `bad` at `path` inside `base` (creating objects/lists as needed); return the body and the field name."""
    body: Any = base
    node = body
    for step, following in zip(path, [*path[1:], None], strict=True):
        child: Any = bad if following is None else ([] if isinstance(following, int) else {})
        if isinstance(step, int):
            node.extend([None] * (step + 1 - len(node)))
            node[step] = child
        else:
            node[step] = child
        node = child
    name = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path).lstrip(".")
    return body, name


@EXAMPLES
@given(
    route=st.sampled_from(ROUTES),
    path=st.lists(st.text(string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=3).flatmap(
        lambda keys: st.just(keys) if len(keys) < 2 else st.sampled_from([keys, [keys[0], 0, *keys[1:]]])
    ),
    text=SAFE_TEXT,
    control=st.sampled_from(CONTROL),
    at=st.integers(0, 20),
)
def test_a_control_character_in_any_field_of_any_body_is_a_400_naming_the_field(
    api: RunningApp, route: BodyRoute, path: list[str | int], text: str, control: str, at: int
) -> None:
    bad = text[:at] + control + text[at:]
    body, field = with_bad_text({}, path, bad)
    answer = api.send(route.method, route.example_path, [msgspec.json.encode(body)], headers=api.signed_in)
    problem = answer.problem()
    assert (answer.status, problem["code"]) == (400, "CONTROL_CHARACTERS"), problem
    assert list(problem["errors"]) == [field]


@EXAMPLES
@given(
    route=st.sampled_from(ROUTES),
    kinds=st.lists(st.booleans(), min_size=MAX_JSON_DEPTH + 1, max_size=5000),
    filler=st.sampled_from([b"", b'"[[[{{{"']),
)
def test_deeply_nested_json_is_a_problem_never_a_500(
    api: RunningApp, route: BodyRoute, kinds: list[bool], filler: bytes
) -> None:
    body = b"".join(b"[" if k else b'{"a":' for k in kinds) + filler  # unterminated, as an attacker needs not close
    answer = api.send(route.method, route.example_path, [body], headers=api.signed_in)
    expected = (413, "PAYLOAD_TOO_LARGE") if len(body) > route.cap else (400, "JSON_TOO_DEEP")
    assert (answer.status, answer.problem()["code"]) == expected


def test_two_kilobytes_of_brackets_is_the_issues_reproduction(api: RunningApp) -> None:
    answer = api.send("POST", "/api/auth/login", [b"[" * 2048 + b"]" * 2048])
    assert (answer.status, answer.problem()["code"]) == (400, "JSON_TOO_DEEP")


@EXAMPLES
@given(control=st.sampled_from([*CONTROL, "\t", "\n", "\r"]), where=st.sampled_from(["path", "query"]))
def test_a_control_character_in_a_path_or_query_parameter_is_a_400_naming_it(
    api: RunningApp, control: str, where: str
) -> None:
    if where == "path":
        answer = api.send("GET", f"/api/orders/801000000000001{control}", [], headers=api.signed_in)
        field = "order_id"
    else:
        query = f"status={quote('Unpaid' + control)}".encode()
        answer = api.send("GET", "/api/billing/invoices", [], headers=api.signed_in, query=query)
        field = "status"
    assert (answer.status, answer.problem()["code"], list(answer.problem()["errors"])) == (
        400,
        "CONTROL_CHARACTERS",
        [field],
    )


# --- on the real Postgres: what used to reach it ---------------------------------------------------------------


@pytest.fixture
async def real_client(database_url: str) -> AsyncIterator[AsyncTestClient[Any]]:
    app = real_app(database_url, redis_url=Secret(ABUSE_REDIS_URL), auth_attempts_per_window=1000)
    async with AsyncTestClient(app) as client:
        yield client


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(control=st.sampled_from(CONTROL), route=st.sampled_from(["/api/auth/login", "/api/auth/password-reset"]))
async def test_a_nul_in_an_email_never_reaches_postgres(database_url: str, control: str, route: str) -> None:
    app = real_app(database_url, redis_url=Secret(ABUSE_REDIS_URL), auth_attempts_per_window=1000)
    async with AsyncTestClient(app) as client:
        body = {"email": f"hanako{control}@example.jp", "password": "whatever it is"}
        response = await client.post(route, json=body if route.endswith("login") else {"email": body["email"]})
    assert (response.status_code, response.json()["code"], list(response.json()["errors"])) == (
        400,
        "CONTROL_CHARACTERS",
        ["email"],
    )


def signed(body: bytes) -> dict[str, str]:
    secret = Settings().whmcs_webhook_secret.reveal()
    msg_id, at = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, body.decode()),
    }


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    client_id=st.integers(2**31, 2**80) | st.integers(-(2**80), -1) | st.integers(1, 2**31 - 1),
    field=st.sampled_from(["client_id", "invoice_id", "service_id"]),
)
async def test_a_signed_webhook_with_an_out_of_range_id_is_refused_not_overflowed(
    real_client: AsyncTestClient[Any], client_id: int, field: str
) -> None:
    data = {"client_id": 7, field: client_id}
    body = json.dumps({"type": "invoice.paid", "timestamp": "2026-11-01T18:00:00+09:00", "data": data}).encode()
    response = await real_client.post("/api/webhooks/whmcs", content=body, headers=signed(body))
    if 0 <= client_id <= 2**31 - 1:
        assert (response.status_code, response.json()) == (200, {"outcome": "not-linked"})
    else:
        assert (response.status_code, response.json()["code"]) == (400, "VALIDATION_FAILED")
