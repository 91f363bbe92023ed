from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get

from application.identity.get_me import GetMe, Me
from application.identity.sessions import ActiveSession
from entrypoints.http.problems import problem_responses


class MeController(Controller):
    path = "/me"
    tags = ["auth"]

    @get(
        "/",
        operation_id="getMe",
        summary="The signed-in user and which accounts it is linked to.",
        responses=problem_responses(401),
    )
    @inject
    async def me(self, session: FromDishka[ActiveSession], get_me: FromDishka[GetMe]) -> Me:
        return await get_me.execute(session)
