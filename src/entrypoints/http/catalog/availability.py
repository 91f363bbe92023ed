"""The public availability check: anyone may ask whether fibre reaches an address, before signing up."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from application.eligibility.request_public_check import PublicCheckCommand, RequestPublicAvailabilityCheck
from entrypoints.http import body_limits
from entrypoints.http.auth.get_started_schemas import AvailabilityCheckRequest
from entrypoints.http.auth.schemas import Accepted, contact_form
from entrypoints.http.client_ip import ClientIpResolver

CHECK_ACCEPTED = "Thank you. We will check this address and reply by email within two business days."


class PublicAvailabilityController(Controller):
    path = "/availability-checks"
    tags = ["catalog"]

    @post(
        "/",
        operation_id="requestAvailabilityCheck",
        request_max_body_size=body_limits.PUBLIC_AVAILABILITY_CHECK,
        status_code=HTTP_202_ACCEPTED,
        summary="Ask for an NTT availability check without an account; the same answer whatever exists already.",
    )
    @inject
    async def request_check(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[AvailabilityCheckRequest],
        check: FromDishka[RequestPublicAvailabilityCheck],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Accepted:
        await check.execute(
            PublicCheckCommand(
                email=data.email,
                contact=contact_form(data),
                notes=data.notes,
                client_ip=client_ip(request),
            )
        )
        return Accepted(message=CHECK_ACCEPTED)
