"""The conversation core: route an incoming message to a feature and return its replies."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from content import Edition
from handlers.context import Ctx
from handlers.features import (
    announce,
    console,
    contest,
    contest_admin,
    contest_info,
    general,
    learning,
    privacy,
    report,
    schedule,
    subscriptions,
    week,
)
from handlers.router import Route, Router
from handlers.text import clean
from handlers.types import Clock, Incoming, Outcome, Reply, Store, UserView

log = logging.getLogger(__name__)

Feature = Callable[[Ctx], Awaitable[list[Reply]]]
# A flow step; None means the flow let go of the message (its moment passed): it is then routed
# like any other.
Flow = Callable[[Ctx], Awaitable[list[Reply] | None]]

FEATURES: dict[str, Feature] = {
    "start": general.start,
    "menu": general.menu,
    "help": general.help_,
    "language": general.language,
    "unknown": general.unknown,
    "unknown_command": general.unknown_command,
    "empty": general.empty,
    "media": general.media,
    "theme": week.theme,
    "bodies": week.bodies,
    "activities": week.activities,
    "contacts": week.contacts,
    "faq": week.faq,
    "schedule": schedule.week,
    "day": schedule.day,
    "today": schedule.today,
    "next": schedule.upcoming,
    "event": schedule.event,
    "courses": learning.courses,
    "library": learning.library,
    "contest": contest_info.contest,
    "contest_take": contest.take,
    "contest_answer": contest.answer,
    "leaderboard": contest.leaderboard,
    "contest_export": contest_admin.export,
    "contest_void": contest_admin.void,
    "subscribe": subscriptions.subscribe,
    "unsubscribe": subscriptions.unsubscribe,
    "announce": announce.start,
    "announce_list": announce.list_,
    "announce_cancel": announce.cancel,
    "report": report.report,
    "stats": report.stats,
    "privacy": privacy.erase,
    "console": console.link,
}


# Multi-step flows: while a user is in one, their text (and flow buttons, whose commands do not
# start with "/") go to the flow; any /command leaves the flow first. Issues add their flows here.
FLOWS: dict[str, Flow] = {
    "contest_register": contest.register,
    "announce": announce.flow,
    "privacy": privacy.confirm,
    contest.QUESTION: contest.question,
}
# Flows that get commands and media too, and decide themselves what leaves them: an open
# contest question must not lose its answer to the menu (its answer buttons are commands).
HOLDING = frozenset({contest.QUESTION})


class Conversation:
    """One conversation core for every channel."""

    def __init__(self, edition: Edition, clock: Clock) -> None:
        self.edition = edition
        self.clock = clock
        self.router = Router(edition)

    def route(self, text: str) -> Route:
        """Route cleaned `text` as of now (for the message log and tests)."""
        return self.router.route(text, self.clock().astimezone(self.edition.tz).date())

    async def handle(self, msg: Incoming, user: UserView, store: Store) -> Outcome:
        """Answer one message. The caller sets the locale and owns the transaction."""
        now = self.clock().astimezone(self.edition.tz)
        text = clean(msg.text)
        state = user.state
        if state is not None and state.flow not in HOLDING and (
                msg.is_media or text.startswith("/") or state.flow not in FLOWS):
            await store.clear_state()
            state, user = None, replace(user, state=None)
        if state is not None:
            ctx = Ctx(edition=self.edition, now=now, user=user, store=store,
                      route=Route(state.flow, text), is_private=msg.is_private)
            replies = await FLOWS[state.flow](ctx)
            if replies is not None:
                return Outcome(state.flow, replies)
            user = replace(user, state=None)  # the flow cleared it
        route = Route("media") if msg.is_media else self.router.route(text, now.date())
        if route.feature == "start" and route.arg:
            # Deep link (t.me/<bot>?start=lich): open the named feature directly.
            target = general.START_PAYLOADS.get(route.arg.lower())
            route = self.router.route(target, now.date()) if target else Route("start")
        feature = FEATURES[route.feature]
        ctx = Ctx(edition=self.edition, now=now, user=user, store=store, route=route,
                  is_private=msg.is_private)
        replies = await feature(ctx)
        log.debug("handled %s message as %s", msg.channel, route.feature)
        return Outcome(route.feature, replies)
