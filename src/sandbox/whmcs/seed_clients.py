"""The demo world's WHMCS clients (shared/DEMO-WORLD.md): fixed ids, customer numbers, emails and logins."""

from __future__ import annotations

import msgspec

CUSTOMER_NUMBER_FIELD_ID = 198  # the client custom field holding the Salesforce customer number


class DemoClient(msgspec.Struct, frozen=True, kw_only=True):
    client_id: int  # also the id of the owner user
    customer_number: str
    first_name: str
    last_name: str
    email: str
    password: str  # the WHMCS client-area password (ValidateLogin)
    phone: str
    address1: str
    city: str
    state: str
    postcode: str
    two_factor: bool = False
    card: tuple[str, str, str] | None = None  # (card type, last four, MM/YY)
    bank_name: str | None = None


def _client(client_id: int, number: str, first: str, last: str, **rest: object) -> DemoClient:
    email = f"{first.lower()}.{last.lower()}@example.jp"
    password = f"Sakura-{first}-2026"
    return msgspec.convert(
        {
            "client_id": client_id,
            "customer_number": number,
            "first_name": first,
            "last_name": last,
            "email": email,
            "password": password,
            **rest,
        },
        DemoClient,
    )


HANAKO = _client(
    1,
    "SH-100001",
    "Hanako",
    "Tanaka",
    phone="080-1111-0001",
    address1="1-2-3 Jingumae",
    city="Shibuya-ku",
    state="Tokyo",
    postcode="150-0001",
    card=("Visa", "4242", "12/28"),
)
KENJI = _client(
    2,
    "SH-100002",
    "Kenji",
    "Sato",
    phone="090-2222-0002",
    address1="4-5-6 Nishi-Shinjuku",
    city="Shinjuku-ku",
    state="Tokyo",
    postcode="160-0023",
    card=("MasterCard", "5454", "08/27"),
)
DAICHI = _client(
    4,
    "SH-100004",
    "Daichi",
    "Kobayashi",
    phone="03-4444-0004",
    address1="2-1-1 Minatomirai",
    city="Yokohama-shi Nishi-ku",
    state="Kanagawa",
    postcode="220-0012",
    card=("Visa", "1881", "03/29"),
)
MEI = _client(
    5,
    "SH-100005",
    "Mei",
    "Watanabe",
    phone="080-5555-0005",
    address1="3-7-1 Umeda",
    city="Osaka-shi Kita-ku",
    state="Osaka",
    postcode="530-0001",
    bank_name="Mizuho Bank",
)
SOTA = _client(
    6,
    "SH-100006",
    "Sota",
    "Yamamoto",
    phone="090-6666-0006",
    address1="1-1-1 Sakae",
    city="Nagoya-shi Naka-ku",
    state="Aichi",
    postcode="460-0008",
)
AIKO = _client(
    7,
    "SH-100007",
    "Aiko",
    "Ito",
    phone="080-7777-0007",
    address1="5-3-2 Kichijoji-Honcho",
    city="Musashino-shi",
    state="Tokyo",
    postcode="180-0004",
    two_factor=True,
    card=("JCB", "0505", "10/28"),
)
REN = _client(
    9,
    "SH-100008",
    "Ren",
    "Nakamura",
    phone="03-9999-0009",
    address1="2-4-1 Hakata-ekimae",
    city="Fukuoka-shi Hakata-ku",
    state="Fukuoka",
    postcode="812-0011",
    card=("Visa", "1111", "05/30"),
)
DEMO_CLIENTS = (HANAKO, KENJI, DAICHI, MEI, SOTA, AIKO, REN)
