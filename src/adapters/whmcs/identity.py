"""Clients and logins: find, add (safely under timeouts), read, update, validate a password."""

from __future__ import annotations

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.base import WhmcsApi
from adapters.whmcs.php_serialize import serialize_fields
from adapters.whmcs.transport import OutcomeUnknownError
from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing_models import ClientProfile, ClientUpdate, NewClient, ValidatedLogin


class IdentityCalls(WhmcsApi):
    async def find_client_by_email(self, email: str) -> ClientProfile | None:
        try:
            body = await self._read("GetClientsDetails", email=email)
        except NotFoundError:
            return None
        return mappers.client_profile(body["client"], self._config.customer_number_field_id)

    async def get_client(self, client_id: int) -> ClientProfile:
        body = await self._read("GetClientsDetails", clientid=client_id)
        return mappers.client_profile(body["client"], self._config.customer_number_field_id)

    async def add_client(self, client: NewClient) -> int:
        fields = {self._config.customer_number_field_id: client.customer_number, **client.extra_custom_fields}
        try:
            body = await self._write(
                "AddClient",
                firstname=client.first_name,
                lastname=client.last_name,
                companyname=client.company_name or None,
                email=client.email,
                address1=client.address.address1,
                address2=client.address.address2 or None,
                city=client.address.city,
                state=client.address.state,
                postcode=client.address.postcode,
                country=client.address.country,
                phonenumber=client.phone,
                password2=client.password,
                customfields=serialize_fields(fields),
                noemail=True,
            )
        except OutcomeUnknownError:
            # AddClient has no idempotency key: find out whether it happened before anyone tries again.
            existing = await self._ours(client)
            if existing is None:
                raise
            return existing
        except ConflictError:
            # The email is taken: by this very client if an earlier attempt's answer was lost.
            existing = await self._ours(client)
            if existing is None:
                raise
            return existing
        return n.to_int(body["clientid"])

    async def _ours(self, client: NewClient) -> int | None:
        """The id of the client with this email, if it carries our customer number; ConflictError if not ours."""
        existing = await self.find_client_by_email(client.email)
        if existing is None:
            return None
        if existing.customer_number != client.customer_number:
            raise ConflictError("The email address entered is not available for use.")
        return existing.id

    async def update_client(self, client_id: int, update: ClientUpdate) -> None:
        params: dict[str, object] = {
            "firstname": update.first_name,
            "lastname": update.last_name,
            "companyname": update.company_name,
            "email": update.email,
            "phonenumber": update.phone,
            "status": update.status,
        }
        if update.address is not None:
            address = update.address
            params |= {"address1": address.address1, "address2": address.address2, "city": address.city}
            params |= {"state": address.state, "postcode": address.postcode, "country": address.country}
        present = {key: value for key, value in params.items() if value is not None}
        if present:
            await self._write("UpdateClient", clientid=client_id, **present)

    async def validate_login(self, email: str, password: str) -> ValidatedLogin | None:
        try:
            body = await self._write("ValidateLogin", email=email, password2=password)  # not a Get*: not retried
        except InvalidInputError:
            return None  # "Email or Password Invalid": WHMCS never says which
        user_id = n.to_int(body["userid"])  # a User id (WHMCS 8): find the client it owns
        users = await self._read("GetUsers", search=email, limitnum=25)
        user = next((u for u in n.items(users.get("users"), "user") if n.to_int(u["id"]) == user_id), None)
        clients = n.items(user.get("clients") if user else None, "client")
        owned = sorted(clients, key=lambda c: not n.to_bool(c.get("isOwner")))
        if not owned:
            return None
        return ValidatedLogin(
            user_id=user_id,
            client_id=n.to_int(owned[0]["id"]),
            two_factor_enabled=n.to_bool(body.get("twoFactorEnabled")),
        )
