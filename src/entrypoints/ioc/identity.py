from __future__ import annotations

from dishka import AnyOf, Provider, Scope, provide

from adapters.argon2.password_hasher import Argon2PasswordHasher
from adapters.memory.attempt_counter import InMemoryAttemptCounter
from adapters.memory.cache import InMemoryCache
from adapters.memory.email_codes import InMemoryEmailCodes
from adapters.memory.reset_tokens import InMemoryResetTokenStore
from adapters.memory.sessions import InMemorySessionStore
from adapters.redis.attempt_counter import RedisAttemptCounter
from adapters.redis.cache import RedisCache
from adapters.redis.client import RedisClient
from adapters.redis.email_codes import RedisEmailCodes
from adapters.redis.reset_tokens import RedisResetTokenStore
from adapters.redis.sessions import RedisSessionStore
from application.identity.account_lookup import CustomerNumberLookup
from application.identity.attempts import AttemptGuard
from application.identity.change_password import ChangePassword
from application.identity.complete_get_started import CompleteGetStarted
from application.identity.get_me import GetMe
from application.identity.get_started_policy import GetStartedPolicy
from application.identity.link_billing_account import LinkBillingAccount
from application.identity.log_in import LogIn
from application.identity.log_out import LogOut
from application.identity.onboarding_steps import OnboardingSteps
from application.identity.policy import IdentityPolicy
from application.identity.request_password_reset import RequestPasswordReset
from application.identity.reset_password import ResetPassword
from application.identity.resolve_caller import ResolveCaller
from application.identity.resume_onboardings import ResumeOnboardings
from application.identity.send_email_code import SendEmailCode
from application.identity.sessions import SessionManager
from application.identity.sign_up import SignUp
from application.identity.verify_email_code import VerifyEmailCode
from application.ports.attempt_counter import AttemptCounter
from application.ports.cache import Cache
from application.ports.cache_purge import CachePurge
from application.ports.clock import Clock
from application.ports.email_codes import EmailCodes
from application.ports.password_hasher import PasswordHasher
from application.ports.reset_tokens import ResetTokenStore
from application.ports.sessions import SessionStore
from entrypoints.settings import Settings


class IdentityProvider(Provider):
    """Sessions, attempts and the identity use cases; the stores come from one of the two providers below. Who is
    calling (cookie, session, linked customer) is the HTTP side's to provide."""

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> IdentityPolicy:
        return settings.identity_policy()

    @provide(scope=Scope.APP)
    def hasher(self, settings: Settings) -> PasswordHasher:
        return Argon2PasswordHasher(
            concurrency=settings.password_hashing_concurrency, wait_seconds=settings.password_hashing_wait_seconds
        )

    @provide(scope=Scope.APP)
    def get_started_policy(self) -> GetStartedPolicy:
        return GetStartedPolicy()

    session_manager = provide(SessionManager, scope=Scope.APP)
    attempts = provide(AttemptGuard, scope=Scope.APP)


class IdentityUseCases(Provider):
    scope = Scope.REQUEST
    log_in = provide(LogIn)
    log_out = provide(LogOut)
    get_me = provide(GetMe)
    resolve_caller = provide(ResolveCaller)
    change_password = provide(ChangePassword)
    request_password_reset = provide(RequestPasswordReset)
    reset_password = provide(ResetPassword)
    customer_number_lookup = provide(CustomerNumberLookup)
    onboarding_steps = provide(OnboardingSteps)
    sign_up = provide(SignUp)
    link_billing_account = provide(LinkBillingAccount)
    resume_onboardings = provide(ResumeOnboardings)
    send_email_code = provide(SendEmailCode)
    verify_email_code = provide(VerifyEmailCode)
    complete_get_started = provide(CompleteGetStarted)


class RedisIdentityStoresProvider(Provider):
    scope = Scope.APP

    @provide
    def sessions(self, redis: RedisClient) -> SessionStore:
        return RedisSessionStore(redis)

    @provide
    def reset_tokens(self, redis: RedisClient) -> ResetTokenStore:
        return RedisResetTokenStore(redis)

    @provide
    def attempt_counter(self, redis: RedisClient) -> AttemptCounter:
        return RedisAttemptCounter(redis)

    @provide
    def email_codes(self, redis: RedisClient) -> EmailCodes:
        return RedisEmailCodes(redis)

    @provide(provides=AnyOf[Cache, CachePurge])
    def cache(self, redis: RedisClient) -> RedisCache:
        return RedisCache(redis)


class InMemoryIdentityStoresProvider(Provider):
    scope = Scope.APP

    @provide
    def sessions(self, clock: Clock) -> SessionStore:
        return InMemorySessionStore(clock)

    @provide
    def reset_tokens(self, clock: Clock) -> ResetTokenStore:
        return InMemoryResetTokenStore(clock)

    @provide
    def attempt_counter(self, clock: Clock) -> AttemptCounter:
        return InMemoryAttemptCounter(clock)

    @provide
    def email_codes(self, clock: Clock) -> EmailCodes:
        return InMemoryEmailCodes(clock)

    @provide(provides=AnyOf[Cache, CachePurge])
    def cache(self, clock: Clock) -> InMemoryCache:
        return InMemoryCache(clock)
