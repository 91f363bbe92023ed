from __future__ import annotations

from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.identity.password_policy import check_password
from domain.identity.user import User


async def replace_password(
    user: User,
    new_password: str,
    *,
    uow: UnitOfWork,
    hasher: PasswordHasher,
    sessions: SessionManager,
    clock: Clock,
) -> ActiveSession:
    """Store a new password, end every session of the user (ASVS 7.4.3) and start a fresh one for this browser."""
    check_password(new_password, email=user.email.value)
    user.password_hash = await hasher.hash(new_password)
    user.updated_at = clock.now()
    await uow.users.update(user)
    await uow.commit()
    await sessions.end_all(user.id)
    return await sessions.start(user.id)
