"""Get-started with an email code and the public availability check, on in-memory twins of every system.

The rules: codes are six CSPRNG digits, stored as digests, valid 10 minutes and 3 tries; sending is limited to 5 and
verifying to 10 per 5 minutes per address and per IP; the send answer (and mail) is the same for every address;
only a proven mailbox learns whether a login exists; completing creates the CRM account once and signs up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.memory.cdc_stores import InMemoryAccountLocks
from adapters.memory.crm_eligibility_requests import InMemoryEligibilityRequests
from adapters.memory.crm_opportunities import InMemoryOrderOpportunities
from adapters.memory.crm_prospects import InMemoryProspectAccounts
from adapters.memory.email_codes import InMemoryEmailCodes
from application.eligibility.prospect_intake import ProspectIntake
from application.eligibility.request_public_check import PublicCheckCommand, RequestPublicAvailabilityCheck
from application.identity.complete_get_started import CompleteGetStarted, CompleteGetStartedCommand
from application.identity.contact_form import CONTACT_FIELDS, ContactForm
from application.identity.errors import (
    AccountAlreadyExistsError,
    EmailCodeExpiredError,
    EmailCodeWrongError,
    EmailProofInvalidError,
    RateLimitedError,
)
from application.identity.get_started_policy import GetStartedPolicy
from application.identity.send_email_code import SendEmailCode
from application.identity.verify_email_code import NextStep, VerifyEmailCode
from application.opportunities.reserve_opportunity import ReserveOpportunity
from tests.unit.identity.onboarding_world import PASSWORD, OnboardingWorld

IP = "203.0.113.20"
NEW = "aoi.kato@example.jp"


@dataclass
class GetStartedWorld(OnboardingWorld):
    def __post_init__(self) -> None:
        super().__post_init__()
        self.codes = InMemoryEmailCodes(self.clock)
        self.get_started = GetStartedPolicy()
        self.prospects = InMemoryProspectAccounts(self.crm)
        self.requests = InMemoryEligibilityRequests(self.crm)
        self.locks = InMemoryAccountLocks()

    def send(self) -> SendEmailCode:
        return SendEmailCode(self.codes, self.mailer, self.attempt_counter, self.get_started)

    def verify(self) -> VerifyEmailCode:
        return VerifyEmailCode(self.codes, self.uow(), self.billing.clients, self.attempt_counter, self.get_started)

    def intake(self) -> ProspectIntake:
        opportunities = ReserveOpportunity(InMemoryOrderOpportunities(self.crm), self.locks)
        return ProspectIntake(self.prospects, self.requests, self.locks, opportunities)

    def complete(self) -> CompleteGetStarted:
        return CompleteGetStarted(self.codes, self.intake(), self.sign_up())

    def public_check(self) -> RequestPublicAvailabilityCheck:
        return RequestPublicAvailabilityCheck(self.intake(), self.mailer, self.attempt_counter)

    def mailed_code(self, to: str) -> str:
        mails = [m for m in self.mail.sent if m.to == to and m.template.value == "email_code"]
        return mails[-1].values["code"]


@pytest.fixture
def world() -> GetStartedWorld:
    return GetStartedWorld()


def completion(proof: str, **changes: object) -> CompleteGetStartedCommand:
    values: dict[str, object] = {
        "proof": proof, "password": PASSWORD, "first_name": "Aoi", "last_name": "Kato", "phone": "090-5555-1234",
        "postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae",
        "check_internet": False, "notes": "", "client_ip": IP,
    }  # fmt: skip
    values.update(changes)
    contact = ContactForm(**{k: str(values.pop(k)) for k in CONTACT_FIELDS})
    return CompleteGetStartedCommand(contact=contact, **values)  # type: ignore[arg-type]


async def proven(world: GetStartedWorld, email: str = NEW) -> str:
    await world.send().execute(email=email, client_ip=IP)
    verified = await world.verify().execute(email=email, code=world.mailed_code(email), client_ip=IP)
    assert verified.next_step is NextStep.SIGN_UP
    assert verified.proof is not None
    return verified.proof


async def test_a_code_is_six_digits_mailed_to_the_address_and_only_its_digest_is_kept(world: GetStartedWorld) -> None:
    assert await world.send().execute(email="Aoi.Kato@Example.jp", client_ip=IP) == 600
    code = world.mailed_code(NEW)
    assert re.fullmatch(r"\d{6}", code)
    assert code not in repr(world.codes._codes)


async def test_the_send_answer_and_the_mail_are_the_same_for_every_address(world: GetStartedWorld) -> None:
    await world.add_user("hanako.tanaka@example.jp")
    await world.existing_billing_client()
    answers = [
        await world.send().execute(email=email, client_ip=f"198.51.100.{n}")
        for n, email in enumerate(("hanako.tanaka@example.jp", "kenji.sato@example.jp", NEW))
    ]
    assert len(set(answers)) == 1
    shapes = {(m.template, m.values["purpose"], len(m.values["code"])) for m in world.mail.sent}
    assert len(shapes) == 1
    assert len(world.mail.sent) == 3


async def test_verifying_names_the_next_step_only_to_the_mailbox_owner(world: GetStartedWorld) -> None:
    await world.add_user("hanako.tanaka@example.jp")
    await world.existing_billing_client()
    steps = {}
    for email in ("hanako.tanaka@example.jp", "kenji.sato@example.jp", NEW):
        await world.send().execute(email=email, client_ip=IP)
        verified = await world.verify().execute(email=email, code=world.mailed_code(email), client_ip=IP)
        steps[email] = (verified.next_step, verified.proof is not None)
    assert steps == {
        "hanako.tanaka@example.jp": (NextStep.LOG_IN, False),
        "kenji.sato@example.jp": (NextStep.LINK_BILLING, False),
        NEW: (NextStep.SIGN_UP, True),
    }


async def test_three_wrong_codes_use_it_up(world: GetStartedWorld) -> None:
    await world.send().execute(email=NEW, client_ip=IP)
    code = world.mailed_code(NEW)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(2):
        with pytest.raises(EmailCodeWrongError):
            await world.verify().execute(email=NEW, code=wrong, client_ip=IP)
    with pytest.raises(EmailCodeWrongError):
        await world.verify().execute(email=NEW, code=wrong, client_ip=IP)
    with pytest.raises(EmailCodeExpiredError):
        await world.verify().execute(email=NEW, code=code, client_ip=IP)


async def test_a_code_expires_after_ten_minutes_and_is_used_once(world: GetStartedWorld) -> None:
    await world.send().execute(email=NEW, client_ip=IP)
    code = world.mailed_code(NEW)
    world.clock.advance(601)
    with pytest.raises(EmailCodeExpiredError):
        await world.verify().execute(email=NEW, code=code, client_ip=IP)
    await world.send().execute(email=NEW, client_ip=IP)
    code = world.mailed_code(NEW)
    await world.verify().execute(email=NEW, code=code, client_ip=IP)
    with pytest.raises(EmailCodeExpiredError):  # reused
        await world.verify().execute(email=NEW, code=code, client_ip=IP)


async def test_a_code_for_one_address_proves_nothing_for_another(world: GetStartedWorld) -> None:
    await world.send().execute(email=NEW, client_ip=IP)
    await world.send().execute(email="other@example.jp", client_ip=IP)
    with pytest.raises(EmailCodeWrongError):
        await world.verify().execute(email="other@example.jp", code=world.mailed_code(NEW), client_ip=IP)


async def test_sending_is_limited_to_five_per_five_minutes_per_address_and_per_ip(world: GetStartedWorld) -> None:
    for n in range(5):
        await world.send().execute(email=NEW, client_ip=f"198.51.100.{n}")
    with pytest.raises(RateLimitedError):
        await world.send().execute(email=NEW, client_ip="198.51.100.99")  # the address's allowance is spent
    for n in range(4):
        await world.send().execute(email=f"someone{n}@example.jp", client_ip="192.0.2.1")
    await world.send().execute(email="one-more@example.jp", client_ip="192.0.2.1")
    with pytest.raises(RateLimitedError):
        await world.send().execute(email="and-another@example.jp", client_ip="192.0.2.1")  # the IP's is spent
    world.clock.advance(301)
    await world.send().execute(email=NEW, client_ip="198.51.100.99")
    assert len(world.mail.sent) == 11


async def test_verifying_is_limited_to_ten_per_five_minutes(world: GetStartedWorld) -> None:
    for n in range(10):
        if n % 3 == 0:
            await world.send().execute(email=NEW, client_ip=f"198.51.100.{n}")
        with pytest.raises(EmailCodeWrongError):
            await world.verify().execute(email=NEW, code="000000x", client_ip=IP)
    await world.send().execute(email=NEW, client_ip="198.51.100.77")
    with pytest.raises(RateLimitedError):
        await world.verify().execute(email=NEW, code=world.mailed_code(NEW), client_ip="198.51.100.78")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(guess=st.text(alphabet="0123456789 ", min_size=1, max_size=8))
async def test_only_the_mailed_code_proves_the_address(guess: str) -> None:
    world = GetStartedWorld()
    await world.send().execute(email=NEW, client_ip=IP)
    code = world.mailed_code(NEW)
    if guess.strip() == code:
        assert (await world.verify().execute(email=NEW, code=guess, client_ip=IP)).proof
    else:
        with pytest.raises(EmailCodeWrongError):
            await world.verify().execute(email=NEW, code=guess, client_ip=IP)


async def test_completing_creates_the_crm_account_and_signs_up_with_its_number(world: GetStartedWorld) -> None:
    proof = await proven(world)
    session = await world.complete().execute(completion(proof, check_internet=True))
    assert session.user_id is not None
    [created] = [a for a in world.crm.accounts.values() if a.name == "Kato Aoi"]
    assert created.customer_number == "SH-200001"
    assert [c["email"] for c in world.billing_clients()] == [NEW]
    assert [c.case.type for c in world.crm.cases.values() if c.account_id == created.id] == ["Eligibility"]
    with pytest.raises(EmailProofInvalidError):  # the proof is spent
        await world.complete().execute(completion(proof))


async def test_a_forged_or_expired_proof_changes_nothing(world: GetStartedWorld) -> None:
    with pytest.raises(EmailProofInvalidError):
        await world.complete().execute(completion("made-up"))
    proof = await proven(world)
    world.clock.advance(1801)
    with pytest.raises(EmailProofInvalidError):
        await world.complete().execute(completion(proof))
    assert world.billing_clients() == []
    assert [a for a in world.crm.accounts.values() if a.name == "Kato Aoi"] == []


async def test_a_crm_account_already_in_the_portal_is_refused_and_nothing_is_created(world: GetStartedWorld) -> None:
    await world.public_check().execute(public_check())
    [account] = [a for a in world.crm.accounts.values() if a.name == "Kato Aoi"]
    world.crm.accounts[account.id] = msgspec.structs.replace(account, portal_status="Active")
    proof = await proven(world)
    with pytest.raises(AccountAlreadyExistsError):
        await world.complete().execute(completion(proof))
    assert world.billing_clients() == []


def public_check(**changes: str) -> PublicCheckCommand:
    values = {
        "email": NEW, "first_name": "Aoi", "last_name": "Kato", "phone": "090-5555-1234", "postcode": "150-0001",
        "prefecture": "Tokyo", "city": "Shibuya-ku", "street": "1-2-3 Jingumae", "notes": "", "client_ip": IP,
    }  # fmt: skip
    values.update(changes)
    return PublicCheckCommand(contact=ContactForm(**{k: values.pop(k) for k in CONTACT_FIELDS}), **values)


async def test_a_public_check_files_one_account_opportunity_and_case_however_often_asked(
    world: GetStartedWorld,
) -> None:
    for _ in range(3):
        assert await world.public_check().execute(public_check()) is None
    accounts = [a for a in world.crm.accounts.values() if a.name == "Kato Aoi"]
    assert len(accounts) == 1
    assert len([o for o in world.crm.opportunities.values() if o.account_id == accounts[0].id]) == 1
    assert len([c for c in world.crm.cases.values() if c.account_id == accounts[0].id]) == 1
    confirmations = [m for m in world.mail.sent if m.template.value == "availability_requested"]
    assert len(confirmations) == 1  # one mail per request filed
    await world.public_check().execute(public_check(street="9-9-9 Jingumae"))  # another address: another case
    assert len([c for c in world.crm.cases.values() if c.account_id == accounts[0].id]) == 2


async def test_public_checks_are_limited_per_ip_and_per_email(world: GetStartedWorld) -> None:
    for n in range(5):
        await world.public_check().execute(public_check(client_ip=f"198.51.100.{n}"))
    with pytest.raises(RateLimitedError):
        await world.public_check().execute(public_check(client_ip="198.51.100.50"))
    for n in range(5):
        await world.public_check().execute(public_check(email=f"p{n}@example.jp", client_ip="192.0.2.9"))
    with pytest.raises(RateLimitedError):
        await world.public_check().execute(public_check(email="p9@example.jp", client_ip="192.0.2.9"))


async def test_a_public_check_and_get_started_share_the_crm_account(world: GetStartedWorld) -> None:
    await world.public_check().execute(public_check())
    proof = await proven(world)
    await world.complete().execute(completion(proof, check_internet=True))
    accounts = [a for a in world.crm.accounts.values() if a.name == "Kato Aoi"]
    assert len(accounts) == 1
    assert len([c for c in world.crm.cases.values() if c.account_id == accounts[0].id]) == 1
