"""A verification decided in Salesforce reaches the status read model, the customer's notifications and mailbox once
per decision, whatever the event stream repeats; events about eligibility alone tell nothing."""

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
from adapters.memory.notifications import InMemoryNotifications
from application.cdc.channels import ELIGIBILITY
from application.errors import UpstreamUnavailableError
from application.mail.deliver_mail import DeliverMail
from application.mail.mailer import Mailer
from application.ports.change_stream import PlatformEvent, ResyncReason, ResyncRequired
from application.ports.notifications import NotificationKind
from application.verification.submit_identity_documents import SubmitIdentityDocuments
from application.verification.verification_outcomes import VerificationOutcomeHandler
from domain.verification.documents import DocumentType
from tests.support.documents import pdf
from tests.unit.verification.conftest import verification_model
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
        self.model = verification_model(crm)
        self.notifications = InMemoryNotifications(clock)
        self.handler = VerificationOutcomeHandler(self.model, self.notifications, mailer, "https://portal.example.jp/")
        self.replay = 0

    async def submit(self) -> None:
        await SubmitIdentityDocuments(self.documents, InMemoryAccountLocks(), self.model).execute(
            customer(), DocumentType.OTHER, [pdf()]
        )

    async def told(self) -> list[tuple[NotificationKind, str]]:
        page = await self.notifications.page(FRESH_ACCOUNT, before=None, limit=50)
        return [(n.kind, n.body) for n in page.items]

    def decide(self, status: str, reason: str | None = None) -> None:
        self.crm.accounts[FRESH_ACCOUNT] = msgspec.structs.replace(
            self.crm.accounts[FRESH_ACCOUNT], id_verification=status
        )
        if reason:
            self.crm.rejection_reasons[FRESH_ACCOUNT] = reason

    async def event(self, *, again: bool = False) -> None:
        self.replay += 0 if again else 1  # again: the same event delivered a second time
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
    assert [kind for kind, _ in await world.told()] == [NotificationKind.VERIFICATION_VERIFIED]


async def test_the_event_refreshes_the_read_model_that_checkout_and_the_dashboard_read(world: World) -> None:
    await world.submit()
    assert (await world.model.get(FRESH_ACCOUNT)).status == "Pending"  # stored
    world.decide("Rejected", "The photo is blurred.")
    assert (await world.model.get(FRESH_ACCOUNT)).status == "Pending"  # no event yet: the stored copy
    await world.event()
    world.crm.fail_next(UpstreamUnavailableError("salesforce"), times=5)  # served without asking the CRM again
    state = await world.model.get(FRESH_ACCOUNT)
    assert (state.status, state.rejection_reason) == ("Rejected", "The photo is blurred.")


async def test_a_decision_delivered_twice_is_notified_once(world: World) -> None:
    await world.submit()
    world.decide("Rejected", "The photo is blurred.")
    await world.event()
    await world.event(again=True)
    rejected = (NotificationKind.VERIFICATION_REJECTED, "We could not accept it: The photo is blurred.")
    assert await world.told() == [rejected]
    assert len(world.mail.sent) == 1


async def test_a_crash_before_telling_is_made_good_by_the_redelivery(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.submit()
    world.decide("Verified")
    real = world.notifications.record

    async def down(draft: object) -> bool:
        raise UpstreamUnavailableError("postgres")

    monkeypatch.setattr(world.notifications, "record", down)
    with pytest.raises(UpstreamUnavailableError):
        await world.event()  # the consumer retries the event (it is not acknowledged)
    monkeypatch.setattr(world.notifications, "record", real)
    assert await world.told() == []
    await world.event(again=True)
    assert [kind for kind, _ in await world.told()] == [NotificationKind.VERIFICATION_VERIFIED]


async def test_a_resync_makes_every_status_stale(world: World) -> None:
    await world.submit()
    await world.model.get(FRESH_ACCOUNT)
    world.decide("Verified")  # its event was lost
    await world.handler.handle(ResyncRequired(channel=ELIGIBILITY, reason=ResyncReason.GAP))
    assert (await world.model.get(FRESH_ACCOUNT)).status == "Verified"


async def test_a_rejection_carries_its_reason_and_a_later_one_is_told_again(world: World) -> None:
    await world.submit()
    world.decide("Rejected", "The photo is blurred.")
    await world.event()
    await world.event()
    world.crm.submitted_at[FRESH_ACCOUNT] += dt.timedelta(days=1)  # resubmitted, rejected again
    await world.event()
    assert [m.values["reason"] for m in world.mail.sent] == ["The photo is blurred."] * 2
    assert [kind for kind, _ in await world.told()] == [NotificationKind.VERIFICATION_REJECTED] * 2
    assert world.mail.sent[0].values["portal_url"] == "https://portal.example.jp/account/verification"


async def test_an_event_about_eligibility_alone_mails_nothing(world: World) -> None:
    await world.event()
    assert world.mail.sent == []
    assert await world.told() == []
