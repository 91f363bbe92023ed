"""Problems (RFC 9457) as a client developer meets them: a `type` URI per code that resolves to its description, a
stable title per code, and for our own failures words that name nothing of our insides."""

from __future__ import annotations

import importlib
import pkgutil
import re
from html import escape

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from entrypoints.http.problem_docs import documented_codes
from entrypoints.http.problem_types import PROBLEM_TYPES, type_uri
from entrypoints.http.problems import HTTP_CODES, PROBLEM_STATUSES, VALIDATION_FAILED, status_for
from tests.unit.http.openapi_walk import memory_app, route_handlers

INTERNAL_NAMES = re.compile(r"whmcs|salesforce|freebit|postgres|redis|database|credential|sql|api key", re.IGNORECASE)
BY_THE_HTTP_LAYER = {*HTTP_CODES.values(), VALIDATION_FAILED, "INTERNAL_ERROR", "OVERLOADED", "NOT_READY"}


def _subclasses(kind: type[Exception]) -> set[type[Exception]]:
    found = set(kind.__subclasses__())
    return found.union(*(_subclasses(k) for k in found)) if found else found


def every_error_class() -> set[type[Exception]]:
    """Every class the problem table maps, after importing every module that could define one."""
    for package in ("domain", "application", "adapters", "entrypoints"):
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            importlib.import_module(module.name)
    return {kind for listed in PROBLEM_STATUSES for kind in {listed, *_subclasses(listed)}}


def test_every_code_an_error_or_the_http_layer_answers_with_has_a_type_and_title() -> None:
    codes = {str(getattr(kind, "code", "")) for kind in every_error_class()} | BY_THE_HTTP_LAYER
    documented = {code.split(" ")[0] for _, h in route_handlers(memory_app()) for c in documented_codes(h).values()
                  for code in c}  # fmt: skip
    assert sorted((codes | documented) - set(PROBLEM_TYPES)) == []


def test_the_table_names_only_codes_that_exist() -> None:
    codes = {str(getattr(kind, "code", "")) for kind in every_error_class()} | BY_THE_HTTP_LAYER
    assert set(PROBLEM_TYPES) - codes == set()


@pytest.fixture(scope="module")
def client() -> TestClient[Litestar]:
    return TestClient(memory_app())


def test_every_type_uri_resolves_to_its_description(client: TestClient[Litestar]) -> None:
    with client:
        for code, row in PROBLEM_TYPES.items():
            page = client.get(type_uri(code))
            assert page.status_code == 200, code
            assert page.headers["content-type"].startswith("text/html")
            assert code in page.text
            assert escape(row.title) in page.text
        index = client.get("/api/problems")
        assert all(type_uri(code) in index.text for code in PROBLEM_TYPES)
        assert client.get("/api/problems/no-such-code").json()["code"] == "ROUTE_NOT_FOUND"


def test_a_problem_carries_its_type_and_the_codes_stable_title(client: TestClient[Litestar]) -> None:
    with client:
        problem = client.get("/api/me").json()  # no session
    assert problem["type"] == "/api/problems/authentication-required"
    assert problem["title"] == PROBLEM_TYPES["AUTHENTICATION_REQUIRED"].title


def test_our_own_failures_speak_to_customers_without_naming_our_insides() -> None:
    """Every 5xx code has customer words of its own (the error's message goes to the log and health), and none of
    them — nor any title — names a system, a store or credentials."""
    server_side = {str(k.code) for k in every_error_class() if status_for(k)[0] >= 500 and hasattr(k, "code")}
    assert {code for code in server_side if not PROBLEM_TYPES[code].customer_detail} == set()
    leaky = {code for code, row in PROBLEM_TYPES.items() if INTERNAL_NAMES.search(f"{row.title} {row.customer_detail}")}
    assert leaky == set()
