"""Query pages: the first one runs the SOQL and opens a cursor; `nextRecordsUrl` walks it."""

from __future__ import annotations

import re
from typing import Any

from sandbox.salesforce.errors import ApiError, malformed_query
from sandbox.salesforce.soql.parser import parse_soql
from sandbox.salesforce.state import SalesforceState

_LOCATOR = re.compile(r"^(?P<locator>[A-Za-z0-9]{18})-(?P<position>\d+)$")


def first_page(state: SalesforceState, version: str, endpoint: str, text: str | None, size: int) -> dict[str, Any]:
    if not text:
        raise malformed_query("A query string is required: ?q=SELECT ...")
    query = parse_soql(text)
    include_deleted = endpoint == "queryAll"
    if query.is_count_only:
        return {"totalSize": state.runner.count(query, include_deleted=include_deleted), "done": True, "records": []}
    records = state.runner.run(query, include_deleted=include_deleted)
    locator = state.open_cursor(records)
    return _page(state, version, endpoint, locator, start=0, size=size)


def next_page(state: SalesforceState, version: str, endpoint: str, locator: str, size: int) -> dict[str, Any]:
    match = _LOCATOR.match(locator)
    if match is None:
        raise ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
    start = int(match.group("position"))
    return _page(state, version, endpoint, match.group("locator"), start=start, size=size)


def _page(
    state: SalesforceState, version: str, endpoint: str, locator: str, *, start: int, size: int
) -> dict[str, Any]:
    cursor = state.cursor(locator)
    if cursor is None:
        raise ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
    end = start + size
    page: dict[str, Any] = {"totalSize": len(cursor.records), "done": end >= len(cursor.records)}
    if not page["done"]:
        page["nextRecordsUrl"] = f"/services/data/{version}/{endpoint}/{locator}-{end}"
    page["records"] = cursor.records[start:end]
    return page
