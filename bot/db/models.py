"""SQLAlchemy models. Every platform identity is (channel, external_id as text)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Store instants as naive UTC (SQLite keeps no offset); read them back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


# Integer ids that stay 64-bit on PostgreSQL and become SQLite's rowid alias.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_users_channel_external"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(128))
    locale: Mapped[str | None] = mapped_column(String(8))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An organizer (in [organizers]) when first seen: not a new citizen in the report. Set at
    # write time, so a later change of the organizer list does not rewrite past figures.
    organizer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The quận/huyện they live in, as content names it (/quan, or their contest registration):
    # their schedule shows its events and its reminders reach them. Erased with their data.
    district: Mapped[str | None] = mapped_column(String(64))


class MessageLog(Base):
    """One row per handled message: the organizers' statistics come from here.

    `organizer`: written by an organizer, as [organizers] said at that moment; the report counts
    citizens' messages only.
    """

    __tablename__ = "message_log"
    __table_args__ = (Index("ix_message_log_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    feature: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    organizer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ConversationState(Base):
    """Where a user is in a multi-step flow (contest registration, an announcement draft)."""

    __tablename__ = "conversation_state"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ContestParticipant(Base):
    """A registration; `identity_hash` outlives an erasure (the one-attempt rule needs it)."""

    __tablename__ = "contest_participants"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    # HMAC-SHA256 of the platform identity (bot/db/contest.py identity_hash), hex; NULL only for
    # rows anonymised before it existed. Not unique: a person may register again after erasing
    # their data, while attempts are left; the ranking counts each person once.
    identity_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    full_name: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(128))
    phone: Mapped[str | None] = mapped_column(String(20))
    consented_at: Mapped[datetime] = mapped_column(UtcDateTime())
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str | None] = mapped_column(String(200))


class ContestAttempt(Base):
    __tablename__ = "contest_attempts"
    __table_args__ = (
        UniqueConstraint("participant_id", "number", name="uq_contest_attempts_number"),
        Index("ix_contest_attempts_finished", "finished_at", "score", "total_ms"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    participant_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("contest_participants.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    current: Mapped[int] = mapped_column(Integer, default=0)
    question_started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    score: Mapped[int] = mapped_column(Integer, default=0)
    total_ms: Mapped[int] = mapped_column(Integer, default=0)


class ContestAnswer(Base):
    __tablename__ = "contest_answers"

    attempt_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("contest_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64))
    chosen: Mapped[int | None] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    # Chosen after the question's time ran out (then never correct); the summary says so.
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    elapsed_ms: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AppSecret(Base):
    """A secret the bot generated for itself on first start (never defaulted in the repo)."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProcessedUpdate(Base):
    """A platform update already applied (Telegram update_id, Zalo msg_id)."""

    __tablename__ = "processed_updates"
    __table_args__ = (Index("ix_processed_updates_processed_at", "processed_at"),)

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    update_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class JournaledBatch(Base):
    """Updates a polling channel fetched and made durable before confirming them to the
    platform (Telegram's getUpdates `offset`), as their raw JSON; deleted once every one of
    them was applied (or given up). A start applies what is left, claims keeping it once."""

    __tablename__ = "update_journal"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(String())  # a JSON array of the platform's updates
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ZaloToken(Base):
    """The Zalo OA's current token pair: the refresh token is single-use, so it lives here.

    `lease_owner`/`lease_until` let one process at a time call Zalo's refresh endpoint; the
    swap itself is a compare-and-swap on `refresh_token`.
    """

    __tablename__ = "zalo_tokens"

    app_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    access_token: Mapped[str] = mapped_column(String())
    refresh_token: Mapped[str] = mapped_column(String())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Choice(Base):
    """A user's last numbered buttons, on a channel that shows them as numbered lines (Zalo
    beyond its 5 buttons, Zalo Bot always): typing "6" presses button 6."""

    __tablename__ = "choices"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # JSON object {"6": "/thuvien", ...}
    commands: Mapped[str] = mapped_column(String())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


# ---- subscriptions, scheduled items and the broadcast outbox (issue 6) ------------------------


class Subscription(Base):
    """A user who asked for reminders (/dangky); deleting the row unsubscribes."""

    __tablename__ = "subscriptions"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScheduledItem(Base):
    """A reminder planned from content or an organizer's announcement: the source of truth.

    `key` is derived from content ids ("digest:2020-10-01", "remind:khai-mac") so planning twice
    changes nothing; announcements get "announce:<uuid>". status: scheduled -> sending -> done,
    or cancelled / missed.
    """

    __tablename__ = "scheduled_items"
    __table_args__ = (Index("ix_scheduled_items_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # "all", "contest", "district:NAME", "channel:NAME", "home:NAME", "home-except:A|B|…"
    # (scheduler/store.py); 255: the fifteen districts' names fit.
    audience: Mapped[str] = mapped_column(String(255), default="all")
    text: Mapped[str | None] = mapped_column(String())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    note: Mapped[str | None] = mapped_column(String(200))
    creator_channel: Mapped[str | None] = mapped_column(String(16))
    creator_external_id: Mapped[str | None] = mapped_column(String(64))
    progress_ref: Mapped[str | None] = mapped_column(String(64))
    total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    fired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class OutboxRow(Base):
    """One message of one item to one recipient: pending -> sending -> sent | failed | skipped |
    uncertain. Unique per (item, user), so firing an item twice cannot send twice."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("item_id", "user_id", name="uq_outbox_item_user"),
        Index("ix_outbox_claim", "channel", "status", "id"),
        Index("ix_outbox_item_status", "item_id", "status"),
        # A claim looks for each row's earlier open rows of the same recipient. Not (user_id,
        # status): with its statistics (ANALYZE), SQLite 3.40 answers `status IN (...) AND
        # id < ?` on that index wrongly (tests/scheduler/test_outbox_order.py).
        Index("ix_outbox_user", "user_id", "id"),
        # A claim skips a recipient answered within the chat's interval, whichever process
        # sent to it.
        Index("ix_outbox_answered", "answered_at", "user_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("scheduled_items.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(96))
    # Real (not simulated) time: staleness is about processes, not about the week.
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Real time the platform answered this row's last request (or the request failed on the
    # way): the chat's next message waits its interval from here, in every process. Not
    # sent_at, which is the week's (possibly simulated) time, shown to users.
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Lease(Base):
    """A named lease (SQLite's stand-in for PostgreSQL's advisory lock): who fires items."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(96))
    until: Mapped[datetime] = mapped_column(UtcDateTime())


# ---- the organizers' web console (issue 17) ---------------------------------------------------


class LoginToken(Base):
    """A one-time sign-in link for an organizer: only the token's SHA-256 is kept.

    Single use (`used_at`), short-lived (`expires_at`, real time: it is about people, not the
    simulated week).
    """

    __tablename__ = "login_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class WebSession(Base):
    """A signed-in organizer's browser: the cookie's SHA-256, the CSRF token of its forms."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class AuditEntry(Base):
    """One organizer action (who, what, when): signing in, sending, voiding, downloading."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(500), default="")


class CitizenQuestion(Base):
    """A question the bot could not answer, asked back about, or was asked to pass on.

    kind: handlers.question_types.QuestionKind. `normalised` groups the same question typed
    differently (no marks, abbreviations written out). An organizer's answer (`answer`,
    `answered_at`, `answered_by` as "channel:external id") reaches the citizen through the
    outbox; NULL until then.
    """

    __tablename__ = "citizen_questions"
    __table_args__ = (Index("ix_citizen_questions_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(String(1000))
    normalised: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_by: Mapped[str | None] = mapped_column(String(96))
    answer: Mapped[str | None] = mapped_column(String())
