"""WHMCS's refusal of a profile update, told as errors on the fields the customer filled in.

WHMCS answers a bad value with one English sentence ("You did not enter your city", "Invalid telephone phone
number"); the words in it say which field it means. A sentence naming none of them is reported on the form.
"""

from __future__ import annotations

from collections.abc import Iterable

from application.errors import InvalidInputError

# Checked in order: "address line 1" must win over "address", "phone" over nothing.
_FIELD_WORDS = (
    ("first name", "firstName"),
    ("last name", "lastName"),
    ("phone", "phone"),
    ("postcode", "address.postcode"),
    ("state", "address.prefecture"),
    ("city", "address.city"),
    ("address line 2", "address.street2"),
    ("address", "address.street"),
)
FORM = "profile"


def as_field_errors(rejection: InvalidInputError, sent: Iterable[str]) -> InvalidInputError:
    """`sent`: the field names of this update, so an error is only ever pinned on a field the customer sent."""
    if rejection.fields:
        return rejection
    sent = set(sent)
    text = rejection.message.lower()
    field = next((name for words, name in _FIELD_WORDS if words in text and name in sent), None)
    if field is None and len(sent) == 1:
        field = next(iter(sent))  # only one thing was sent: it is the one refused
    message = f"The billing system refused this value: {rejection.message}"
    return InvalidInputError(message, fields={field or FORM: rejection.message})
