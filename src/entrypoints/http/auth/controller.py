from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from application.identity.change_password import ChangePassword
from application.identity.link_billing_account import LinkBillingAccount, LinkBillingAccountCommand
from application.identity.log_in import LogIn, LogInCommand
from application.identity.log_out import LogOut
from application.identity.request_password_reset import RequestPasswordReset
from application.identity.reset_password import ResetPassword
from application.identity.sessions import ActiveSession
from application.identity.sign_up import SignUp, SignUpCommand
from entrypoints.http import body_limits
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.request_auth import RequestAuth
from entrypoints.http.auth.schemas import (
    Accepted,
    ChangePasswordRequest,
    LinkRequest,
    LogInRequest,
    PasswordResetConfirmation,
    PasswordResetRequest,
    SessionView,
    SignUpRequest,
)
from entrypoints.http.client_ip import ClientIpResolver

RESET_ACCEPTED = "If an account uses this email, we have sent it a link to choose a new password."


def signed_in(session: ActiveSession, cookie: SessionCookie, *, status: int = 200) -> Response[SessionView]:
    response = Response(
        SessionView(authenticated=True, user_id=session.user_id, csrf_token=session.csrf_token), status_code=status
    )
    cookie.set(response, session.session_id)
    return response


def signed_out(cookie: SessionCookie) -> Response[None]:
    response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
    cookie.clear(response)
    return response


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/login",
        operation_id="logIn",
        request_max_body_size=body_limits.LOGIN,
        status_code=200,
        summary="Sign in with email and password; starts a new session (a new id every time).",
    )
    @inject
    async def log_in(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[LogInRequest],
        log_in: FromDishka[LogIn],
        auth: FromDishka[RequestAuth],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        command = LogInCommand(
            email=data.email,
            password=data.password,
            client_ip=client_ip(request),
            current_session_id=cookie.read(request) if auth.session else None,
        )
        return signed_in(await log_in.execute(command), cookie)

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
            first_name=data.first_name,
            last_name=data.last_name,
            phone=data.phone,
            postcode=data.address.postcode,
            prefecture=data.address.prefecture,
            city=data.address.city,
            street=data.address.street,
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

    @post(
        "/logout",
        operation_id="logOut",
        status_code=HTTP_204_NO_CONTENT,
        summary="End this session.",
    )
    @inject
    async def log_out(
        self, session: FromDishka[ActiveSession], log_out: FromDishka[LogOut], cookie: FromDishka[SessionCookie]
    ) -> Response[None]:
        await log_out.execute(session)
        return signed_out(cookie)

    @post(
        "/logout-everywhere",
        operation_id="logOutEverywhere",
        status_code=HTTP_204_NO_CONTENT,
        summary="End every session of this user, on every device.",
    )
    @inject
    async def log_out_everywhere(
        self, session: FromDishka[ActiveSession], log_out: FromDishka[LogOut], cookie: FromDishka[SessionCookie]
    ) -> Response[None]:
        await log_out.execute(session, everywhere=True)
        return signed_out(cookie)

    @get("/session", operation_id="getSession", summary="Whether this browser is signed in, and its CSRF token.")
    @inject
    async def session(self, auth: FromDishka[RequestAuth]) -> SessionView:
        if auth.session is None:
            return SessionView(authenticated=False)
        return SessionView(authenticated=True, user_id=auth.session.user_id, csrf_token=auth.session.csrf_token)

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
