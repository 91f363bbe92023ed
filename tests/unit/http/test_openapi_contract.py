"""The OpenAPI document tells the whole truth, operation by operation, for every route there is or will be: how to
authenticate, which headers to send, which headers come back, that every error is a Problem, and that every request
member's limits are in its schema."""

from __future__ import annotations

import re
from typing import Any

import pytest

from entrypoints.http.openapi_contract import CSRF_HEADER, IDEMPOTENCY_HEADER, SESSION_SCHEME
from entrypoints.http.problems import MEDIA_TYPE
from tests.unit.http.openapi_walk import openapi_document, operations, resolve

DOCUMENT = openapi_document()
OPERATIONS = sorted(((m, p, o) for m, p, o in operations(DOCUMENT)), key=lambda item: (item[1], item[0]))
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]
PROBLEM_MEMBERS = {"type", "title", "status", "code"}
MAY_BE_EMPTY = {("InternetCheckIn", "notes")}  # optional free text: empty means "nothing to add"


def _responses(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    responses: dict[str, dict[str, Any]] = operation["responses"]
    return responses


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_error_is_a_problem(method: str, path: str, operation: dict[str, Any]) -> None:
    for status, response in _responses(operation).items():
        if int(status) >= 400:
            assert list(response["content"]) == [MEDIA_TYPE], (status, response)
            schema = resolve(DOCUMENT, response["content"][MEDIA_TYPE]["schema"])
            assert set(schema["properties"]) >= PROBLEM_MEMBERS


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_answer_declares_its_headers(method: str, path: str, operation: dict[str, Any]) -> None:
    for status, response in _responses(operation).items():
        headers = response.get("headers", {})
        assert {"Cache-Control", "Vary", "X-Request-ID"} <= set(headers), status
        if status == "401":
            assert headers["WWW-Authenticate"]["required"] is True
        if "Retry-After" in response["description"]:
            assert headers["Retry-After"]["required"] is True
        if status in ("429", "503") and "Problem" in response["description"]:
            assert "Retry-After" in headers


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_says_how_to_authenticate(method: str, path: str, operation: dict[str, Any]) -> None:
    requirements = operation["security"]
    if "401" in operation["responses"] and "AUTHENTICATION_REQUIRED" in operation["responses"]["401"]["description"]:
        assert requirements == [{SESSION_SCHEME: []}]
    if path.startswith("/api/public/"):
        assert requirements == []
    assert all(set(requirement) <= set(DOCUMENT["components"]["securitySchemes"]) for requirement in requirements)


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_unsafe_operations_declare_the_csrf_header_and_creating_ones_their_key(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
    if method in ("POST", "PUT", "PATCH", "DELETE") and not path.startswith("/api/webhooks/"):
        assert CSRF_HEADER in headers
        assert headers[CSRF_HEADER]["required"] is (operation["security"] == [{SESSION_SCHEME: []}])
    if "IDEMPOTENCY_KEY_MISSING" in str(operation["responses"]):
        assert headers[IDEMPOTENCY_HEADER]["required"] is True
        assert headers[IDEMPOTENCY_HEADER]["schema"] == {"type": "string", "minLength": 1, "maxLength": 255}


def test_every_tag_is_declared_with_a_description() -> None:
    declared = {tag["name"]: tag.get("description") for tag in DOCUMENT["tags"]}
    used = {tag for _, _, operation in OPERATIONS for tag in operation["tags"]}
    assert used <= set(declared)
    assert all(declared.values())
    assert all(len(operation["tags"]) == 1 for _, _, operation in OPERATIONS)


def _request_schemas() -> set[str]:
    found: set[str] = set()

    def walk(schema: dict[str, Any]) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            if name not in found:
                found.add(name)
                walk(DOCUMENT["components"]["schemas"][name])
            return
        for key in ("oneOf", "anyOf", "allOf"):
            for option in schema.get(key, []):
                walk(option)
        for child in (*schema.get("properties", {}).values(), *([schema["items"]] if "items" in schema else [])):
            walk(child)

    for _, _, operation in OPERATIONS:
        for content in operation.get("requestBody", {}).get("content", {}).values():
            walk(content["schema"])
    return found


def test_every_request_text_is_bounded_and_required_text_is_non_empty() -> None:
    """The limits the server enforces are in the schema: every string has a maxLength; a string that must be
    present must also be non-empty (a form field left blank is refused at the edge, 400)."""
    unbounded, blank = set(), set()
    for name in _request_schemas():
        schema = DOCUMENT["components"]["schemas"][name]
        for prop, member in schema.get("properties", {}).items():
            options = member.get("oneOf", [member])
            strings = [o for o in options if o.get("type") == "string" and "enum" not in o and "format" not in o]
            for string in strings:
                bounds = {**member, **string}  # Litestar puts a nullable string's bounds beside its oneOf
                if "maxLength" not in bounds:
                    unbounded.add(f"{name}.{prop}")
                non_empty = bounds.get("minLength", 0) >= 1 or (
                    "pattern" in bounds and not re.match(bounds["pattern"], "")
                )
                if prop in schema.get("required", []) and not non_empty:
                    blank.add(f"{name}.{prop}")
    assert unbounded == set()
    assert blank - {f"{n}.{p}" for n, p in MAY_BE_EMPTY} == set()


def test_the_document_states_the_conventions_once() -> None:
    description = DOCUMENT["info"]["description"]
    for convention in ("Money", "problem+json", "Idempotency-Key", "X-CSRF-Token", "no-store", "HEAD", "brotli"):
        assert convention in description


NOT_RECORDED = {
    "receiveWhmcsWebhook",  # signed by the billing system's hook module: its tests show real deliveries
    "confirmPasswordReset",  # its token only ever travels by email (the refusal is recorded)
    "reissueEsim",  # the demo customer's SIM is a physical card (the refusal is recorded; tests show a reissue)
}


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_answer_with_a_body_has_a_realistic_example(method: str, path: str, operation: dict[str, Any]) -> None:
    """Examples come from the demo world (`scripts/record_openapi_examples.py`), never generated noise; the
    Redocly lint in `scripts/check-openapi.sh` fails on one that does not match its schema."""
    if operation["operationId"] in NOT_RECORDED:
        return
    successes = {
        s: r for s, r in _responses(operation).items() if s.startswith("2") and s != "204" and r.get("content")
    }
    if successes:
        assert any("example" in c for r in successes.values() for c in r["content"].values()), successes.keys()
    for content in operation.get("requestBody", {}).get("content", {}).values():
        assert "example" in content
