"""Who the token belongs to, and what the org offers: the identity URL the token reply names (`/id/<org>/<user>`),
OpenID Connect `userinfo`, the versions list `/services/data` and one version's resources `/services/data/vXX.X`.

Identity and userinfo refuse with Salesforce's plain-text reasons: 403 Missing_OAuth_Token, Bad_OAuth_Token and
Wrong_Org, 404 Bad_Id, 406 Invalid_Version.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.api_versions import supported_versions
from sandbox.salesforce.config import ORG_ID
from sandbox.salesforce.rest.gate import JSON, bearer_token, guarded, json_response
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.store import INTEGRATION_USER_ID

USER_DISPLAY_NAME = "Portal Integration"
_USER_UPDATED = "2026-01-05T00:00:00Z"


def instance_url(state: SalesforceState, request: Request[Any, Any, Any]) -> str:
    return state.config.instance_url or str(request.base_url).rstrip("/")


def identity_url(state: SalesforceState, request: Request[Any, Any, Any]) -> str:
    return f"{instance_url(state, request)}/id/{ORG_ID}/{INTEGRATION_USER_ID}"


def _urls(base: str) -> dict[str, str]:
    # `{version}` stays a placeholder, as in Salesforce's answer: the caller picks the API version.
    rest = f"{base}/services/data/v{{version}}/"
    return {
        "rest": rest,
        "sobjects": rest + "sobjects/",
        "query": rest + "query/",
        "profile": f"{base}/{INTEGRATION_USER_ID}",
        "custom_domain": base,
    }


def identity(state: SalesforceState, request: Request[Any, Any, Any]) -> dict[str, Any]:
    base, username = instance_url(state, request), state.config.username
    return {
        "id": identity_url(state, request),
        "asserted_user": True,
        "user_id": INTEGRATION_USER_ID,
        "organization_id": ORG_ID,
        "username": username,
        "nick_name": username.split("@")[0],
        "display_name": USER_DISPLAY_NAME,
        "email": username,
        "email_verified": True,
        "first_name": "Portal",
        "last_name": "Integration",
        "timezone": "Asia/Tokyo",
        "photos": {"picture": f"{base}/profilephoto/005/F", "thumbnail": f"{base}/profilephoto/005/T"},
        "addr_street": None,
        "addr_city": None,
        "addr_state": None,
        "addr_country": "JP",
        "addr_zip": None,
        "mobile_phone": None,
        "mobile_phone_verified": False,
        "is_lightning_login_user": False,
        "status": {"created_date": None, "body": None},
        "urls": _urls(base),
        "active": True,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "ja_JP",
        "utcOffset": 32_400_000,
        "last_modified_date": "2026-01-05T00:00:00.000+0000",
        "is_app_installed": True,
    }


def userinfo(state: SalesforceState, request: Request[Any, Any, Any]) -> dict[str, Any]:
    facts = identity(state, request)
    return {
        "sub": facts["id"],
        "user_id": facts["user_id"],
        "organization_id": facts["organization_id"],
        "preferred_username": facts["username"],
        "nickname": facts["nick_name"],
        "name": facts["display_name"],
        "email": facts["email"],
        "email_verified": True,
        "given_name": facts["first_name"],
        "family_name": facts["last_name"],
        "zoneinfo": facts["timezone"],
        "photos": facts["photos"],
        "profile": facts["urls"]["profile"],
        "picture": facts["photos"]["picture"],
        "address": {"country": "JP"},
        "is_salesforce_integration_user": False,
        "urls": facts["urls"],
        "active": True,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "ja_JP",
        "utcOffset": facts["utcOffset"],
        "updated_at": _USER_UPDATED,
    }


def _refused(reason: str, status: int = 403) -> Response[bytes]:
    return Response(reason.encode(), status_code=status, media_type="text/plain;charset=UTF-8")


def _token_problem(state: SalesforceState, request: Request[Any, Any, Any]) -> Response[bytes] | None:
    token = bearer_token(request) or request.query_params.get("oauth_token")
    if not token:
        return _refused("Missing_OAuth_Token")
    if not state.tokens.is_valid(token):
        return _refused("Bad_OAuth_Token")
    return None


def identity_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    @get("/id/{org_id:str}/{user_id:str}", include_in_schema=False)
    async def identity_service(
        request: Request[Any, Any, Any], org_id: FromPath[str], user_id: FromPath[str]
    ) -> Response[bytes]:
        refused = _token_problem(state, request)
        if refused is not None:
            return refused
        if org_id[:15] != ORG_ID[:15]:
            return _refused("Wrong_Org")
        if user_id[:15] != INTEGRATION_USER_ID[:15]:
            return _refused("Bad_Id", 404)
        body = identity(state, request)
        version = request.query_params.get("version")
        if version and not re.fullmatch(r"\d{2}\.\d", version):
            return _refused("Invalid_Version", 406)
        if version:
            body["urls"] = {k: v.replace("{version}", version) for k, v in body["urls"].items()}
        return Response(msgspec.json.encode(body), status_code=200, media_type=JSON)

    @get("/services/oauth2/userinfo", include_in_schema=False)
    async def userinfo_get(request: Request[Any, Any, Any]) -> Response[bytes]:
        refused = _token_problem(state, request)
        return refused or json_response(200, userinfo(state, request))

    @post("/services/oauth2/userinfo", status_code=200, include_in_schema=False)
    async def userinfo_post(request: Request[Any, Any, Any]) -> Response[bytes]:
        refused = _token_problem(state, request)
        return refused or json_response(200, userinfo(state, request))

    @get(["/services/data", "/services/data/"], include_in_schema=False)
    async def versions() -> Response[bytes]:
        return json_response(200, supported_versions())  # public: no token needed

    @get("/services/data/{version:str}", include_in_schema=False)
    async def resources(request: Request[Any, Any, Any], version: FromPath[str]) -> Response[bytes]:
        def listing() -> tuple[int, Any]:
            base = f"/services/data/{version}"
            served = ("sobjects", "query", "queryAll", "composite", "limits")
            return 200, {"identity": identity_url(state, request)} | {name: f"{base}/{name}" for name in served}

        return await guarded(request, state, "resources", listing)

    return [identity_service, userinfo_get, userinfo_post, versions, resources]
