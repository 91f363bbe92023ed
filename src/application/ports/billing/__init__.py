"""The billing system of record (WHMCS), one port per role a use case needs (one module per role).

What every role shares: values are already normalised (ids are ints, money is Decimal, times are timezone-aware,
dates are dates, display strings are unescaped, an empty collection is an empty tuple; nothing knows the wire).
Errors (from `application.errors`): NotFoundError (no such record, or it belongs to another client: the two
look the same), InvalidInputError (the billing system refused the values; its message kept),
UpstreamConfigurationError (our credentials or allow-list are wrong: never retried), UpstreamUnavailableError
(down, slow or garbled: retryable). A role names its own ConflictErrors.

Creating writes are never blindly repeated: their role says how a lost answer is looked up.

A new role is a new module here; each billing adapter adds a class for it, and the composition root one provider.
"""
