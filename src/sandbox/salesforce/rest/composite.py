"""`POST /composite`: up to 25 subrequests in one transaction, later ones referring to earlier results."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sandbox.salesforce.changes import WriteOrigin
from sandbox.salesforce.errors import ApiError, not_found
from sandbox.salesforce.rest import sobjects
from sandbox.salesforce.rest.queries import first_page
from sandbox.salesforce.state import SalesforceState

MAX_SUBREQUESTS = 25
_REFERENCE = re.compile(r"@\{(?P<ref>[A-Za-z0-9_]+)\.(?P<path>[^}]+)\}")
_PATH = re.compile(r"^/services/data/(?P<version>v\d{2}\.\d)/(?P<rest>.+?)/?$")
_FORBIDDEN_HEADERS = {"accept", "authorization", "content-type"}
_HALTED = "The transaction was rolled back since another operation in the same transaction failed."


class _RollBackError(Exception):
    pass


def run_composite(state: SalesforceState, body: Any, origin: WriteOrigin) -> tuple[int, Any]:
    subrequests = body.get("compositeRequest") if isinstance(body, dict) else None
    if not isinstance(subrequests, list) or not subrequests:
        raise ApiError(400, "INVALID_API_INPUT", "compositeRequest must be a non-empty array")
    if len(subrequests) > MAX_SUBREQUESTS:
        raise ApiError(400, "INVALID_API_INPUT", f"Composite API supports only {MAX_SUBREQUESTS} subrequests")
    references = [s.get("referenceId") if isinstance(s, dict) else None for s in subrequests]
    if len(set(references)) != len(references) or not all(isinstance(r, str) and r for r in references):
        raise ApiError(400, "INVALID_API_INPUT", "Every subrequest needs a unique referenceId")
    all_or_none = bool(body.get("allOrNone", False))
    results: list[dict[str, Any]] = []
    outputs: dict[str, tuple[int, Any]] = {}
    failed_at: int | None = None
    try:
        with state.store.transaction(origin):
            for index, sub in enumerate(subrequests):
                status, out, headers = _run_one(state, sub, outputs, origin)
                outputs[sub["referenceId"]] = (status, out)
                results.append(
                    {"body": out, "httpHeaders": headers, "httpStatusCode": status, "referenceId": sub["referenceId"]}
                )
                if status >= 400 and all_or_none:
                    failed_at = index
                    raise _RollBackError
    except _RollBackError:
        halted = [{"errorCode": "PROCESSING_HALTED", "message": _HALTED}]
        results = [
            r if i == failed_at else {**r, "body": halted, "httpHeaders": {}, "httpStatusCode": 400}
            for i, r in enumerate(results)
        ] + [
            {"body": halted, "httpHeaders": {}, "httpStatusCode": 400, "referenceId": s["referenceId"]}
            for s in subrequests[len(results) :]
        ]
    return 200, {"compositeResponse": results}


def _run_one(
    state: SalesforceState, sub: dict[str, Any], outputs: dict[str, tuple[int, Any]], origin: WriteOrigin
) -> tuple[int, Any, dict[str, str]]:
    try:
        if any(h.lower() in _FORBIDDEN_HEADERS for h in (sub.get("httpHeaders") or {})):
            raise ApiError(
                400, "INVALID_API_INPUT", "Accept, Authorization and Content-Type cannot be set on subrequests"
            )
        url = _substitute(sub.get("url", ""), outputs)
        body = _substitute(sub.get("body"), outputs)
        status, out = _dispatch(state, str(sub.get("method", "GET")).upper(), str(url), body, origin)
    except ApiError as error:
        return error.status, error.body(), {}
    headers = (
        {"Location": sobjects.record_url(_version(str(url)), _entity(str(url)), out["id"])} if status == 201 else {}
    )
    return status, out, headers


def _dispatch(state: SalesforceState, method: str, url: str, body: Any, origin: WriteOrigin) -> tuple[int, Any]:
    parts = urlsplit(url)
    match = _PATH.match(parts.path)
    if match is None:
        raise not_found()
    version, segments = match.group("version"), match.group("rest").split("/")
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if segments[0] in ("query", "queryAll") and len(segments) == 1 and method == "GET":
        return 200, first_page(state, version, segments[0], params.get("q"), state.query_batch_size)
    if segments[0] != "sobjects" or len(segments) < 2:
        raise not_found()
    entity = segments[1]
    if len(segments) == 2 and method == "POST":
        return sobjects.create_record(state, version, entity, body, origin)
    if len(segments) == 3:
        record_id = segments[2]
        if method == "GET":
            return sobjects.get_record(state, version, entity, record_id, params.get("fields"))
        if method == "PATCH":
            return sobjects.update_record(state, entity, record_id, body, origin)
        if method == "DELETE":
            return sobjects.delete_record(state, entity, record_id, origin)
    if len(segments) == 4 and method == "GET":
        return sobjects.get_by_external_id(state, version, entity, segments[2], segments[3])
    raise ApiError(405, "METHOD_NOT_ALLOWED", f"HTTP Method '{method}' not allowed. Allowed are GET,PATCH,DELETE,POST")


def _version(url: str) -> str:
    match = _PATH.match(urlsplit(url).path)
    return match.group("version") if match else "v62.0"


def _entity(url: str) -> str:
    match = _PATH.match(urlsplit(url).path)
    return match.group("rest").split("/")[1] if match else ""


def _substitute(value: Any, outputs: dict[str, tuple[int, Any]]) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, outputs) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, outputs) for v in value]
    if not isinstance(value, str):
        return value
    whole = _REFERENCE.fullmatch(value)
    if whole:
        return _lookup(whole.group("ref"), whole.group("path"), outputs)
    return _REFERENCE.sub(lambda m: str(_lookup(m.group("ref"), m.group("path"), outputs)), value)


def _lookup(ref: str, path: str, outputs: dict[str, tuple[int, Any]]) -> Any:
    status, current = outputs.get(ref, (0, None))
    for step in path.split("."):
        name, _, index = step.partition("[")
        if not (200 <= status < 300) or not isinstance(current, dict) or name not in current:
            raise ApiError(
                400,
                "PROCESSING_HALTED",
                f"Invalid reference specified. No value for {ref}.{path} found in {ref}. "
                f"Provided referenceId ('{ref}') or field ('{path}') are invalid.",
            )
        current = current[name]
        if index:
            position = int(index.rstrip("]"))
            current = current[position] if isinstance(current, list) and position < len(current) else None
    return current
