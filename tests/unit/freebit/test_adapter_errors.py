"""How Freebit's answers become application errors, and what the transport makes of broken answers."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.freebit.errors import FreebitRejected, OutcomeUnknownError, to_application_error
from adapters.freebit.transport import FreebitTransport
from application.errors import (
    ApplicationError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.sims.errors import SimLineBusyError


@pytest.mark.parametrize(
    ("result_code", "status_code", "expected", "field"),
    [
        ("200", "201", UpstreamConfigurationError, None),
        ("300", "301", NotFoundError, None),
        ("300", "302", InvalidInputError, "product_number"),
        ("300", "303", ConflictError, None),
        ("400", "403", InvalidInputError, "eid"),
        ("400", "356", InvalidInputError, "add_kind"),
        ("400", "402", InvalidInputError, None),
        ("500", "502", SimLineBusyError, None),  # locked by a running change: later, not never
        ("900", "901", OutcomeUnknownError, None),
        ("700", "777", ConflictError, None),  # a code we have never seen: surfaced, not retried
    ],
)
def test_result_code_classes(
    result_code: str, status_code: str, expected: type[ApplicationError], field: str | None
) -> None:
    error = to_application_error(FreebitRejected(result_code, status_code, "upstream says no"))

    assert type(error) is expected
    assert f"upstream says no (Freebit {result_code}-{status_code})" in error.message
    if field is not None:
        assert isinstance(error, InvalidInputError)
        assert error.fields == {field: "upstream says no"}


@given(result_code=st.text(min_size=1, max_size=4), status_code=st.text(max_size=4), message=st.text(max_size=30))
def test_every_rejection_maps_to_an_application_error_keeping_the_codes(
    result_code: str, status_code: str, message: str
) -> None:
    error = to_application_error(FreebitRejected(result_code, status_code, message))
    assert isinstance(error, ApplicationError)
    assert f"{result_code}-{status_code}" in error.message


def transport(handler: Callable[[httpx.Request], httpx.Response]) -> FreebitTransport:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="https://freebit.test/emptool/api/")
    return FreebitTransport(client)


async def test_the_request_is_one_urlencoded_json_field() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"resultCode": 100, "status": {"message": "OK", "statusCode": 200}})

    payload = await transport(handler).post("mvno/getTrafficInfo/", {"authKey": "k", "account": "08012345678"})

    assert payload["resultCode"] == 100  # a numeric 100 is success too
    assert seen[0].url.path == "/emptool/api/mvno/getTrafficInfo/"
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert seen[0].content == b"json=%7B%22authKey%22%3A%22k%22%2C%22account%22%3A%2208012345678%22%7D"


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (httpx.Response(503, text="Service Unavailable"), OutcomeUnknownError),
        (httpx.Response(200, text="<html>Bad Gateway</html>"), OutcomeUnknownError),
        (httpx.Response(200, json={"ok": True}), OutcomeUnknownError),
        (httpx.Response(404, text="Not Found"), UpstreamConfigurationError),
        (httpx.Response(403, text="Forbidden"), UpstreamConfigurationError),
        (httpx.Response(429, text="slow down", headers={"Retry-After": "3"}), UpstreamUnavailableError),
    ],
)
async def test_answers_without_an_envelope(response: httpx.Response, expected: type[Exception]) -> None:
    with pytest.raises(expected) as raised:
        await transport(lambda _: response).post("master/addAcnt/", {})
    assert type(raised.value) is expected
    if response.status_code == 429:
        assert isinstance(raised.value, UpstreamUnavailableError)
        assert raised.value.retry_after == 3.0


async def test_an_error_envelope_on_http_500_is_still_freebits_answer() -> None:
    body = {"resultCode": "500", "status": {"message": "locked", "statusCode": "502"}}
    with pytest.raises(FreebitRejected) as raised:
        await transport(lambda _: httpx.Response(500, json=body)).post("master/cnclAcnt/", {})
    assert (raised.value.result_code, raised.value.status_code) == ("500", "502")


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (httpx.ConnectError("refused"), UpstreamUnavailableError),
        (httpx.ConnectTimeout("slow"), UpstreamUnavailableError),
        (httpx.ReadTimeout("no answer"), OutcomeUnknownError),
        (httpx.RemoteProtocolError("cut"), OutcomeUnknownError),
    ],
)
async def test_transport_failures_say_whether_the_request_may_have_landed(
    failure: Exception, expected: type[Exception]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(expected) as raised:
        await transport(handler).post("master/addAcnt/", {})
    assert type(raised.value) is expected
