from __future__ import annotations

from application.errors import ApplicationError, AuthenticationRequiredError, InvalidInputError


class InvalidCredentialsError(AuthenticationRequiredError):
    """Unknown email, wrong password and disabled account all look exactly like this."""

    code = "INVALID_CREDENTIALS"
    default_message = "The email or password is incorrect."


class RateLimitedError(ApplicationError):
    code = "RATE_LIMITED"
    default_message = "Too many attempts. Please wait and try again."

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds


class InvalidResetTokenError(InvalidInputError):
    code = "INVALID_RESET_TOKEN"
    default_message = "This reset link is invalid or has expired. Request a new one."


class CsrfTokenError(ApplicationError):
    code = "CSRF_TOKEN_INVALID"
    default_message = "The request is missing its CSRF token, or the token is wrong. Reload and try again."
