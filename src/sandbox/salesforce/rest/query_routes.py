"""`GET query/?q=`, `queryAll/?q=` and their `nextRecordsUrl` pages."""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.rest.gate import guarded
from sandbox.salesforce.rest.queries import first_page, next_page
from sandbox.salesforce.state import SalesforceState

_BATCH_SIZE = re.compile(r"batchSize\s*=\s*(\d+)", re.IGNORECASE)
MIN_BATCH_SIZE = 200
MAX_BATCH_SIZE = 2000


def batch_size(request: Request[Any, Any, Any], state: SalesforceState) -> int:
    """The page size: `Sforce-Query-Options: batchSize=N` held to Salesforce's 200-2,000 ("no guarantee that the
    requested batch size is the actual batch size"); without it the org's (2,000, or a test's smaller value)."""
    match = _BATCH_SIZE.search(request.headers.get("sforce-query-options", ""))
    if match is None:
        return state.query_batch_size
    return max(MIN_BATCH_SIZE, min(int(match.group(1)), MAX_BATCH_SIZE))


def query_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    @get(["/services/data/{version:str}/query", "/services/data/{version:str}/queryAll"])
    async def query(request: Request[Any, Any, Any], version: FromPath[str]) -> Response[bytes]:
        endpoint = "queryAll" if request.url.path.rstrip("/").endswith("queryAll") else "query"
        text, size = request.query_params.get("q"), batch_size(request, state)
        return await guarded(request, state, "query", lambda: (200, first_page(state, version, endpoint, text, size)))

    @get(["/services/data/{version:str}/query/{locator:str}", "/services/data/{version:str}/queryAll/{locator:str}"])
    async def query_more(
        request: Request[Any, Any, Any], version: FromPath[str], locator: FromPath[str]
    ) -> Response[bytes]:
        endpoint = "queryAll" if "/queryAll/" in request.url.path else "query"
        size = batch_size(request, state)
        return await guarded(request, state, "query", lambda: (200, next_page(state, version, endpoint, locator, size)))

    return [query, query_more]
