"""Changing a password, and resetting a forgotten one by email."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from application.identity.change_password import ChangePassword
from application.identity.request_password_reset import RequestPasswordReset
from application.identity.reset_password import ResetPassword
from application.identity.sessions import ActiveSession
from entrypoints.http import body_limits
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.responses import signed_in
from entrypoints.http.auth.schemas import (
    Accepted,
    ChangePasswordRequest,
    PasswordResetConfirmation,
    PasswordResetRequest,
    SessionView,
)
from entrypoints.http.client_ip import ClientIpResolver

RESET_ACCEPTED = "If an account uses this email, we have sent it a link to choose a new password."


class PasswordsController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/password",
        operation_id="changePassword",
        request_max_body_size=body_limits.PASSWORD_CHANGE,
        status_code=200,
        summary="Change the password; every other session ends and this one gets a new id.",
    )
    @inject
    async def change_password(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[ChangePasswordRequest],
        session: FromDishka[ActiveSession],
        change_password: FromDishka[ChangePassword],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        renewed = await change_password.execute(
            session,
            current_password=data.current_password,
            new_password=data.new_password,
            client_ip=client_ip(request),
        )
        return signed_in(renewed, cookie)

    @post(
        "/password-reset",
        operation_id="requestPasswordReset",
        request_max_body_size=body_limits.PASSWORD_RESET_REQUEST,
        status_code=HTTP_202_ACCEPTED,
        summary="Email a single-use reset link. The answer is the same whether or not the email has an account.",
    )
    @inject
    async def request_reset(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[PasswordResetRequest],
        request_reset: FromDishka[RequestPasswordReset],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Accepted:
        await request_reset.execute(email=data.email, client_ip=client_ip(request))
        return Accepted(message=RESET_ACCEPTED)

    @post(
        "/password-reset/confirm",
        operation_id="confirmPasswordReset",
        request_max_body_size=body_limits.PASSWORD_RESET_CONFIRM,
        status_code=200,
        summary="Set a new password with the emailed token; signs this browser in and every other session out.",
    )
    @inject
    async def confirm_reset(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[PasswordResetConfirmation],
        reset_password: FromDishka[ResetPassword],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        session = await reset_password.execute(
            token=data.token, new_password=data.new_password, client_ip=client_ip(request)
        )
        return signed_in(session, cookie)
