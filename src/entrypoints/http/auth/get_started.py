"""Getting started with an email code: send a code, verify it, complete the account (or be sent to link or log in)."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED

from application.identity.complete_get_started import CompleteGetStarted, CompleteGetStartedCommand
from application.identity.send_email_code import SendEmailCode
from application.identity.verify_email_code import NextStep, VerifyEmailCode
from entrypoints.http import body_limits
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.get_started_schemas import (
    EmailCodeRequest,
    EmailCodeSent,
    EmailCodeVerification,
    EmailVerified,
    GetStartedCompletion,
)
from entrypoints.http.auth.responses import signed_in
from entrypoints.http.auth.schemas import SessionView, contact_form
from entrypoints.http.client_ip import ClientIpResolver

CODE_SENT = "We have sent a six-digit code to this address. Enter it to continue."
NEXT_STEPS = {NextStep.SIGN_UP: "signUp", NextStep.LINK_BILLING: "linkBilling", NextStep.LOG_IN: "logIn"}


class GetStartedController(Controller):
    path = "/auth/get-started"
    tags = ["auth"]

    @post(
        "/code",
        operation_id="sendEmailCode",
        request_max_body_size=body_limits.EMAIL_CODE_REQUEST,
        status_code=HTTP_202_ACCEPTED,
        summary="Mail a six-digit code (10 minutes, 3 tries). The answer is the same for every address.",
    )
    @inject
    async def send_code(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[EmailCodeRequest],
        send: FromDishka[SendEmailCode],
        client_ip: FromDishka[ClientIpResolver],
    ) -> EmailCodeSent:
        expires = await send.execute(email=data.email, client_ip=client_ip(request))
        return EmailCodeSent(message=CODE_SENT, expires_in_seconds=expires)

    @post(
        "/verify",
        operation_id="verifyEmailCode",
        request_max_body_size=body_limits.EMAIL_CODE_VERIFICATION,
        status_code=200,
        summary="Prove the mailbox with its code; the answer names the next step (sign up, link, or log in).",
    )
    @inject
    async def verify_code(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[EmailCodeVerification],
        verify: FromDishka[VerifyEmailCode],
        client_ip: FromDishka[ClientIpResolver],
    ) -> EmailVerified:
        verified = await verify.execute(email=data.email, code=data.code, client_ip=client_ip(request))
        return EmailVerified(
            next_step=NEXT_STEPS[verified.next_step],  # type: ignore[arg-type]
            proof=verified.proof,
            proof_expires_in_seconds=verified.proof_expires_in_seconds,
        )

    @post(
        "/complete",
        operation_id="completeGetStarted",
        request_max_body_size=body_limits.GET_STARTED_COMPLETION,
        status_code=HTTP_201_CREATED,
        summary="Become a customer with the proven address: CRM account, billing account and portal login.",
    )
    @inject
    async def complete(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[GetStartedCompletion],
        complete: FromDishka[CompleteGetStarted],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        session = await complete.execute(
            CompleteGetStartedCommand(
                proof=data.proof,
                password=data.password,
                contact=contact_form(data),
                check_internet=data.check_internet_availability,
                notes=data.notes,
                client_ip=client_ip(request),
            )
        )
        return signed_in(session, cookie, status=HTTP_201_CREATED)
