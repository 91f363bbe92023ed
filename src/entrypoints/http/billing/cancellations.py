"""`/api/subscriptions/{id}/cancellation`: end one of the caller's Internet or SIM services at the end of a month, and
withdraw it until its cut-off. Another customer's subscription is the same 404 as an unknown one."""

from __future__ import annotations

from typing import Annotated, Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from application.cancellations.get_cancellation import GetCancellation
from application.cancellations.request_cancellation import CancellationRequest, RequestCancellation
from application.cancellations.withdraw_cancellation import WithdrawCancellation
from application.idempotent_requests import IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.ports.sessions import Caller
from domain.cancellation.cancellation import LineReturn
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.cancellation_schemas import (
    CancellationOut,
    CancellationRequestBody,
    CancellationStatusOut,
    cancellation_out,
    cancellation_status_out,
)
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.idempotent_answers import IDEMPOTENCY_RULES, answer_once, key_header, keyed_request

IdempotencyKey = Annotated[str | None, key_header("cancellation", never="files a cancellation twice")]
RULES = (
    "A service ends at the end of a month (Tokyo). Each month's cut-off is the end of its 25th day "
    "(`PORTAL_CANCELLATION_CUTOFF_DAY`): before it that month's end may be chosen and a cancellation ending then "
    "withdrawn; from it on, that month-end is closed and such a cancellation is final. "
)


class CancellationsController(Controller):
    path = "/subscriptions/{subscription_id:int}/cancellation"
    tags = ["subscriptions"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="getCancellation",
        summary="The subscription's cancellation, if any, and the month-ends a new one may choose now.",
        description=RULES + "Internet lines and SIM lines only (422 CANCELLATION_NOT_OFFERED for anything else).",
    )
    @inject
    async def get_cancellation(
        self,
        subscription_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        get_cancellation: FromDishka[GetCancellation],
    ) -> CancellationStatusOut:
        return cancellation_status_out(await get_cancellation.execute(customer, subscription_id))

    @post(
        "/",
        operation_id="requestCancellation",
        request_max_body_size=body_limits.CANCELLATION,
        status_code=HTTP_202_ACCEPTED,
        summary="Cancel the subscription at the end of a month (one of `endDates`).",
        description=(
            RULES
            + IDEMPOTENCY_RULES
            + "one cancellation per key. Accepted at once (202, `scheduled`): the worker records it for our staff and "
            "mails a confirmation. After the cut-off the billing system gets the cancellation request, and a SIM line "
            "is cancelled on its last day. 422 CANCELLATION_DATE_NOT_ALLOWED for a date not offered, 422 "
            "LINE_RETURN_REQUIRED for an Internet line without `lineReturn`, 409 CANCELLATION_ALREADY_REQUESTED "
            "while another holds the service, 409 SUBSCRIPTION_NOT_ACTIVE, 409 SIM_CHANGE_IN_PROGRESS while another "
            "change is pending on the SIM line (and, the other way round, a scheduled cancellation refuses other "
            "changes of the line with that code)."
        ),
    )
    @inject
    async def request_cancellation(
        self,
        request: Request[Any, Any, Any],
        subscription_id: FromPath[int],
        data: JSONBody[CancellationRequestBody],
        customer: FromDishka[LinkedCustomer],
        caller: FromDishka[Caller],
        cancel: FromDishka[RequestCancellation],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[CancellationOut]:
        body = msgspec.json.encode({"subscriptionId": subscription_id, "request": data})
        scope = keyed_request(
            idempotency,
            f"user:{customer.user_id}",
            idempotency_key,
            body,
            missing="Send an Idempotency-Key header (a fresh UUID per cancellation) so a retry never files it twice.",
        )
        wanted = CancellationRequest(
            end_date=data.end_date,
            moving=data.moving,
            line_return=LineReturn(data.line_return) if data.line_return else None,
        )

        async def file() -> bytes:
            view = await cancel.execute(customer, caller.email, subscription_id, wanted, scope.key)
            return msgspec.json.encode(cancellation_out(view))

        answer = await answer_once(request, idempotency, scope, file, status=HTTP_202_ACCEPTED)
        return cast("Response[CancellationOut]", answer)

    @post(
        "/withdrawal",
        operation_id="withdrawCancellation",
        status_code=HTTP_202_ACCEPTED,
        summary="Withdraw the subscription's cancellation, until its cut-off.",
        description=(
            "Accepted (202, `withdrawing`): the worker clears it from our records, closes the staff case and mails a "
            "confirmation; nothing had reached billing or the SIM network yet. Asking twice answers the withdrawal "
            "under way. 404 when there is no cancellation, 409 CANCELLATION_FINAL past the cut-off."
        ),
    )
    @inject
    async def withdraw_cancellation(
        self,
        subscription_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        withdraw: FromDishka[WithdrawCancellation],
    ) -> CancellationOut:
        return cancellation_out(await withdraw.execute(customer, subscription_id))
