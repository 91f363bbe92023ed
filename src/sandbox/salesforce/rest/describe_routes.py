"""HTTP routes of the describe resources: `sobjects`, `sobjects/<type>` and `sobjects/<type>/describe`."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.describe import basic_information, describe, global_describe
from sandbox.salesforce.rest.gate import guarded
from sandbox.salesforce.state import SalesforceState

_SOBJECTS = "/services/data/{version:str}/sobjects"


def describe_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    """Fault operation: `describe` (optionally `describe:<sObject>`)."""

    @get(_SOBJECTS, include_in_schema=False)
    async def describe_global(request: Request[Any, Any, Any], version: FromPath[str]) -> Response[bytes]:
        return await guarded(request, state, "describe", lambda: (200, global_describe(version)))

    @get(_SOBJECTS + "/{sobject:str}", include_in_schema=False)
    async def basic_info(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str]
    ) -> Response[bytes]:
        return await guarded(
            request, state, "describe", lambda: (200, basic_information(version, sobject)), entity=sobject
        )

    @get(_SOBJECTS + "/{sobject:str}/describe", include_in_schema=False)
    async def describe_sobject(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str]
    ) -> Response[bytes]:
        return await guarded(request, state, "describe", lambda: (200, describe(version, sobject)), entity=sobject)

    return [describe_global, basic_info, describe_sobject]
