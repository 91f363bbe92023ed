"""A verification decided in Salesforce reaches the customer's mailbox once per decision, whatever the event stream
repeats; events about eligibility alone mail nothing."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from adapters.memory.cdc_stores import InMemoryAccountLocks
from adapters.memory.clock import FrozenClock
from adapters.memory.crm_data import InMemoryCrmData
from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments
from adapters.memory.mail_outbox import InMemoryMailOutbox
from adapters.memory.mail_queue import InMemoryMailQueue
from adapters.memory.mail_transport import InMemoryMailTransport
from application.cdc.channels import ELIGIBILITY
from application.mail.deliver_mail import DeliverMail
from application.mail.mailer import Mailer
from application.ports.change_stream import PlatformEvent
from application.verification.submit_identity_documents import SubmitIdentityDocuments
from application.verification.verification_outcomes import VerificationOutcomeHandler
from domain.verification.documents import DocumentType
from tests.support.documents import pdf
from tests.unit.verification.test_submit_documents import FRESH_ACCOUNT, customer


class World:
    def __init__(self, crm: InMemoryCrmData) -> None:
        self.crm = crm
        crm.contact_emails["yuki.suzuki@example.jp"] = FRESH_ACCOUNT
        clock = FrozenClock()
        outbox = InMemoryMailOutbox()
        self.mail = InMemoryMailTransport()
        mailer = Mailer(outbox, InMemoryMailQueue(DeliverMail(outbox, self.mail, clock).execute), clock)
        self.documents = InMemoryIdentityDocuments(crm)
        self.handler = VerificationOutcomeHandler(self.documents, mailer, "https://portal.example.jp/")
        self.replay = 0

    async def submit(self) -> None:
        await SubmitIdentityDocuments(self.documents, InMemoryAccountLocks()).execute(
            customer(), DocumentType.OTHER, [pdf()]
        )

    def decide(self, status: str, reason: str | None = None) -> None:
        self.crm.accounts[FRESH_ACCOUNT] = msgspec.structs.replace(
            self.crm.accounts[FRESH_ACCOUNT], id_verification=status
        )
        if reason:
            self.crm.rejection_reasons[FRESH_ACCOUNT] = reason

    async def event(self) -> None:
        self.replay += 1
        await self.handler.handle(
            PlatformEvent(
                channel=ELIGIBILITY,
                replay_id=self.replay,
                created_date=dt.datetime.now(dt.UTC),
                created_by_id="005",
                event_uuid=f"e-{self.replay}",
                fields={"Account_Id__c": FRESH_ACCOUNT},
            )
        )


@pytest.fixture
def world(crm: InMemoryCrmData) -> World:
    return World(crm)


async def test_a_verification_is_mailed_once_however_often_the_event_comes(world: World) -> None:
    await world.submit()
    await world.event()  # the submission itself (Pending): nothing to tell yet
    world.decide("Verified")
    for _ in range(3):
        await world.event()
    assert [(m.to, m.values["outcome"]) for m in world.mail.sent] == [("yuki.suzuki@example.jp", "verified")]


async def test_a_rejection_carries_its_reason_and_a_later_one_is_told_again(world: World) -> None:
    await world.submit()
    world.decide("Rejected", "The photo is blurred.")
    await world.event()
    await world.event()
    world.crm.submitted_at[FRESH_ACCOUNT] += dt.timedelta(days=1)  # resubmitted, rejected again
    await world.event()
    assert [m.values["reason"] for m in world.mail.sent] == ["The photo is blurred."] * 2
    assert world.mail.sent[0].values["portal_url"] == "https://portal.example.jp/account/verification"


async def test_an_event_about_eligibility_alone_mails_nothing(world: World) -> None:
    await world.event()
    assert world.mail.sent == []
