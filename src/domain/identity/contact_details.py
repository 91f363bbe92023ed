"""A customer's name, phone and Japanese postal address, as the sign-up form gives them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import DomainError

PREFECTURES = (
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki", "Tochigi", "Gunma",
    "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano",
    "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori",
    "Shimane", "Okayama", "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga",
    "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa",
)  # fmt: skip
PREFECTURES_JA = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
_POSTCODE = re.compile(r"^(\d{3})-?(\d{4})$")
_PHONE = re.compile(r"^0\d{9,10}$")


class InvalidContactDetailsError(DomainError):
    code = "INVALID_CONTACT_DETAILS"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.fields = {field: message}


def _clean(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _required(field: str, value: str, max_length: int) -> str:
    cleaned = _clean(value)
    if not cleaned:
        raise InvalidContactDetailsError(field, "This field is required.")
    if len(cleaned) > max_length or any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise InvalidContactDetailsError(field, f"Use at most {max_length} printable characters.")
    return cleaned


@dataclass(frozen=True, slots=True)
class PersonName:
    first: str
    last: str

    @classmethod
    def parse(cls, first: str, last: str) -> PersonName:
        return cls(_required("firstName", first, 60), _required("lastName", last, 60))


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A domestic number (03-…, 080-…), stored with its hyphens as the customer wrote them."""

    value: str

    @classmethod
    def parse(cls, raw: str) -> PhoneNumber:
        cleaned = _clean(raw).replace("−", "-").replace("ー", "-")
        digits = re.sub(r"[\s()-]", "", cleaned)
        if not _PHONE.match(digits):
            raise InvalidContactDetailsError("phone", "Enter a Japanese phone number such as 03-1234-5678.")
        return cls(cleaned if re.fullmatch(r"[\d-]+", cleaned) else digits)


@dataclass(frozen=True, slots=True)
class JapaneseAddress:
    postcode: str  # NNN-NNNN
    prefecture: str
    city: str  # city / ward
    street: str  # town, block, building and room

    @classmethod
    def parse(cls, *, postcode: str, prefecture: str, city: str, street: str) -> JapaneseAddress:
        match = _POSTCODE.match(_clean(postcode))
        if not match:
            raise InvalidContactDetailsError("address.postcode", "A postcode looks like 150-0001.")
        pref = _clean(prefecture)
        known = {p.lower(): p for p in PREFECTURES} | {p: p for p in PREFECTURES_JA}
        if pref.lower() not in known and pref not in known:
            raise InvalidContactDetailsError("address.prefecture", "Choose one of the 47 prefectures.")
        return cls(
            postcode=f"{match[1]}-{match[2]}",
            prefecture=known.get(pref.lower(), known.get(pref, pref)),
            city=_required("address.city", city, 100),
            street=_required("address.street", street, 200),
        )
