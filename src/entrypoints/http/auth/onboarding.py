"""Becoming a portal customer: sign up with a customer number, or link an existing billing login."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED

from application.identity.link_billing_account import LinkBillingAccount, LinkBillingAccountCommand
from application.identity.sign_up import SignUp, SignUpCommand
from entrypoints.http import body_limits
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.responses import signed_in
from entrypoints.http.auth.schemas import (
    LinkRequest,
    SessionView,
    SignUpRequest,
    contact_form,
)
from entrypoints.http.client_ip import ClientIpResolver


class OnboardingController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/signup",
        operation_id="signUp",
        request_max_body_size=body_limits.SIGN_UP,
        status_code=HTTP_201_CREATED,
        summary="Create a portal login, a billing account and the links between them from a customer number.",
    )
    @inject
    async def sign_up(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[SignUpRequest],
        sign_up: FromDishka[SignUp],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        command = SignUpCommand(
            email=data.email,
            password=data.password,
            contact=contact_form(data),
            customer_number=data.customer_number,
            client_ip=client_ip(request),
        )
        return signed_in(await sign_up.execute(command), cookie, status=HTTP_201_CREATED)

    @post(
        "/link",
        operation_id="linkBillingAccount",
        request_max_body_size=body_limits.LINK,
        status_code=HTTP_201_CREATED,
        summary="Link an existing billing (WHMCS) customer: prove the billing login, choose a portal password.",
    )
    @inject
    async def link(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[LinkRequest],
        link: FromDishka[LinkBillingAccount],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        command = LinkBillingAccountCommand(
            email=data.email, password=data.password, new_password=data.new_password, client_ip=client_ip(request)
        )
        return signed_in(await link.execute(command), cookie, status=HTTP_201_CREATED)
