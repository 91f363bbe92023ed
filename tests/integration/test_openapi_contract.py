"""Schemathesis over our own OpenAPI document: no 5xx, every response matches its schema, every problem has a code.

Runs against the real app on in-memory stores, talking to the emulators, so generated bodies reach real
validation and real upstream error mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.support.app import CheapArgon2
from tests.support.sandbox import running_sandbox

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with running_sandbox(Path(tmp_path_factory.mktemp("schemathesis"))) as sandbox:
        settings_ = Settings(
            adapters="memory", session_cookie_secure=False, log_level="ERROR", log_format="json",
            auth_attempts_per_window=1000, **sandbox.portal_settings(),  # type: ignore[arg-type]
        )  # fmt: skip
        app = create_app(settings_, CheapArgon2())
        yield schemathesis.openapi.from_asgi("/schema/openapi.json", app)


def check_case(case: Any) -> None:
    # Business rules (an unknown reset token, a weak password, an unknown customer number) reject schema-valid
    # bodies with 422 by design, so "positive data is accepted" does not hold; every other check does.
    response = case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/problem+json"), response.text
        assert response.json()["code"]


def test_every_operation_honours_its_schema(api_schema: Any) -> None:
    # schemathesis' pytest plugin does not run on pytest 9 yet, so Hypothesis drives each operation here.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        run = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)(
            given(case=operation.as_strategy())(check_case)
        )
        run()
