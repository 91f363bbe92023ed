"""How large a request body may be, declared per route (Litestar's `request_max_body_size`).

Each cap sits just above the largest body its route can validly receive — every text field at its `maxLength` in
4-byte UTF-8, every list at its `maxItems` — so no real request is refused and nothing much larger is ever read:
Litestar refuses a larger `Content-Length` before reading, and stops a chunked body as soon as it passes the cap
(413 PAYLOAD_TOO_LARGE). `tests/abuse/test_body_limits.py` recomputes the largest valid body of every route from
the OpenAPI document and holds each cap within reach of it; the README lists them.

Uploads are their own case: the identity documents' route (multipart, two files of at most 5 MB) declares its own,
larger cap, and the edge gives that one path a location of its own with the same cap (`deploy/nginx/`).
"""

from __future__ import annotations

KIB = 1024

DEFAULT = 1 * KIB  # the app's cap: routes that take no body, and any route that forgets to declare one
LOGIN = 6 * KIB  # an email and a password of up to 1,024 characters
PASSWORD_RESET_REQUEST = 2 * KIB  # an email
PASSWORD_RESET_CONFIRM = 6 * KIB  # a token and a new password
PASSWORD_CHANGE = 10 * KIB  # the current and the new password
LINK = 12 * KIB  # a billing login (email and password) and the new portal password
SIGN_UP = 10 * KIB  # email, password, name, phone, address, customer number
PROFILE = 4 * KIB  # billing profile changes
ELIGIBILITY_CHECK = 6 * KIB  # an internet availability check: an address and 1,000 characters of notes
ORDER = 16 * KIB  # checkout: up to 24 items, an address, a SIM with its port-in details
CASE_COMMENT = 16 * KIB  # a comment on a support case: up to 4,000 characters
NEW_CASE = 128 * KIB  # a support case: a description of up to 32,000 characters
TOP_UP = 1 * KIB  # a quota in MB
SIM_CHANGE = 1 * KIB  # three voice option flags, or a network type
CANCELLATION = 1 * KIB  # an end date, a flag and an answer
EMAIL_CODE_REQUEST = 2 * KIB  # an email
EMAIL_CODE_VERIFICATION = 2 * KIB  # an email and a code
GET_STARTED_COMPLETION = 12 * KIB  # a proof, a password, name, phone, address, 1,000 characters of notes
PUBLIC_AVAILABILITY_CHECK = 8 * KIB  # an email, name, phone, address, 1,000 characters of notes
WEBHOOK = 1 * KIB  # the WHMCS hook module's notifications: a type, a timestamp, ids (under 400 bytes in practice)
ID_DOCUMENTS = 10 * 1024 * KIB + 64 * KIB  # multipart: two files of at most 5 MiB each, their headers, one field
