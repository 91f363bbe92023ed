"""Customers' mail: the outbox every journey writes to, the worker's delivery and sweep, and the transport."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.mail_outbox import InMemoryMailOutbox
from adapters.memory.mail_queue import InMemoryMailQueue
from adapters.postgres.mail_outbox import PostgresMailOutbox
from adapters.procrastinate.mail_queue import ProcrastinateMailQueue
from adapters.smtp.transport import SmtpMailTransport
from application.mail.deliver_mail import DeliverMail
from application.mail.mailer import Mailer
from application.mail.sweep_mail import SweepMail
from application.ports.mail import MailOutbox, MailQueue, MailTransport
from entrypoints.settings import Settings
from entrypoints.settings_mail import smtp_config


class MailProvider(Provider):
    """The mail server is reached over SMTP with either kind of store (with `portal demo --memory` too, the mail
    reaches the sandbox's catcher); tests that read mail swap in `InMemoryMailTransport`."""

    scope = Scope.APP
    mailer = provide(Mailer)
    deliver = provide(DeliverMail)
    sweep = provide(SweepMail)

    @provide
    def transport(self, settings: Settings) -> MailTransport:
        return SmtpMailTransport(smtp_config(settings))


class PostgresMailStoresProvider(Provider):
    """The outbox in Postgres, delivery by `portal worker` over SMTP."""

    scope = Scope.APP

    @provide
    def outbox(self, engine: AsyncEngine) -> MailOutbox:
        return PostgresMailOutbox(engine)

    @provide
    def queue(self, app: App) -> MailQueue:
        return ProcrastinateMailQueue(app)


class InMemoryMailStoresProvider(Provider):
    """No worker: a mail is delivered at once, by the process that wrote it."""

    scope = Scope.APP
    outbox = provide(InMemoryMailOutbox, provides=MailOutbox)

    @provide
    def queue(self, deliver: DeliverMail) -> MailQueue:
        return InMemoryMailQueue(deliver.execute)
