"""`/api/support/cases`: read live from Salesforce; opening a case and commenting are idempotent by key."""

from __future__ import annotations

from typing import Annotated, Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from application.idempotent_requests import IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.ports.case_desk import CaseComment, SupportCase
from application.support.comment_on_case import CommentOnCase
from application.support.get_case import GetCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase, OpenCaseCommand
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.idempotent_answers import IDEMPOTENCY_RULES, answer_once, key_header, keyed_request
from entrypoints.http.support.schemas import (
    CaseDetailView,
    CaseListView,
    CaseView,
    CommentView,
    NewCaseRequest,
    NewCommentRequest,
)

CaseKey = Annotated[str | None, key_header("new case (one per submission of the form)", never="opens a second case")]
CommentKey = Annotated[str | None, key_header("comment", never="posts the comment twice")]


def _case_fields(case: SupportCase) -> dict[str, Any]:
    return {
        "id": case.id,
        "case_number": case.case_number,
        "subject": case.subject,
        "description": case.description,
        "status": case.status,
        "priority": case.priority,
        "category": case.type,
        "origin": case.origin,
        "is_closed": case.is_closed,
        "created_at": case.created_at,
        "last_modified_at": case.last_modified_at,
        "closed_at": case.closed_at,
    }


def _comment(comment: CaseComment) -> CommentView:
    return CommentView(
        id=comment.id, body=comment.body, created_at=comment.created_at, from_customer=comment.created_by_portal
    )


class CasesController(Controller):
    """Read and written live in Salesforce: never cached, always scoped to the linked account."""

    path = "/support/cases"
    tags = ["support"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="listCases",
        summary="The account's support cases, newest first.",
    )
    @inject
    async def list_cases(self, customer: FromDishka[LinkedCustomer], list_cases: FromDishka[ListCases]) -> CaseListView:
        return CaseListView(items=[CaseView(**_case_fields(case)) for case in await list_cases.execute(customer)])

    @get(
        "/{case_id:str}",
        operation_id="getCase",
        summary="One case with its comments. Another account's case is not found.",
    )
    @inject
    async def get_case(
        self, case_id: FromPath[str], customer: FromDishka[LinkedCustomer], get_case: FromDishka[GetCase]
    ) -> CaseDetailView:
        detail = await get_case.execute(customer, case_id)
        return CaseDetailView(**_case_fields(detail.case), comments=[_comment(c) for c in detail.comments])

    @post(
        "/",
        operation_id="openCase",
        request_max_body_size=body_limits.NEW_CASE,
        status_code=HTTP_201_CREATED,
        summary='File a case (Origin "Portal Website", Status "New") for the account.',
        description=(
            IDEMPOTENCY_RULES
            + "a case Salesforce made before its answer was lost is found by its key and returned, never "
            "opened twice."
        ),
    )
    @inject
    async def open_case(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[NewCaseRequest],
        customer: FromDishka[LinkedCustomer],
        open_case: FromDishka[OpenCase],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: CaseKey = None,
    ) -> Response[CaseView]:
        scope = keyed_request(
            idempotency,
            f"user:{customer.user_id}:support-cases",
            idempotency_key,
            msgspec.json.encode(data),
            missing="Send an Idempotency-Key header (a fresh UUID per new case) so a retry never opens a second case.",
        )
        command = OpenCaseCommand(
            idempotency_key=scope.key,
            subject=data.subject,
            description=data.description,
            category=data.category,
            priority=data.priority,
        )

        async def run() -> bytes:
            return msgspec.json.encode(CaseView(**_case_fields(await open_case.execute(customer, command))))

        return cast("Response[CaseView]", await answer_once(request, idempotency, scope, run))

    @post(
        "/{case_id:str}/comments",
        operation_id="commentOnCase",
        request_max_body_size=body_limits.CASE_COMMENT,
        status_code=HTTP_201_CREATED,
        summary="Add a comment to one of the account's cases.",
        description=(
            IDEMPOTENCY_RULES + "a comment Salesforce made before its answer was lost is found among the case's "
            "comments; only if Salesforce cannot be read either may a retry post it again. Another account's case "
            "is not found (404)."
        ),
    )
    @inject
    async def comment(
        self,
        request: Request[Any, Any, Any],
        case_id: FromPath[str],
        data: JSONBody[NewCommentRequest],
        customer: FromDishka[LinkedCustomer],
        comment_on_case: FromDishka[CommentOnCase],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: CommentKey = None,
    ) -> Response[CommentView]:
        scope = keyed_request(
            idempotency,
            f"user:{customer.user_id}:case-comments",
            idempotency_key,
            msgspec.json.encode([case_id, data]),
            missing="Send an Idempotency-Key header (a fresh UUID per comment) so a retry never posts it twice.",
        )

        async def run() -> bytes:
            return msgspec.json.encode(_comment(await comment_on_case.execute(customer, case_id, data.body)))

        return cast("Response[CommentView]", await answer_once(request, idempotency, scope, run))
