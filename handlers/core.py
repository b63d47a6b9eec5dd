"""The conversation core: route an incoming message to a feature and return its replies."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from content import Edition
from handlers.broadcast_types import BroadcastStore
from handlers.contest_types import ContestStore
from handlers.context import Ctx, Left
from handlers.features import (
    announce,
    answers,
    bulletin,
    console,
    contest,
    contest_admin,
    contest_info,
    dialogue,
    district,
    general,
    learning,
    privacy,
    report,
    schedule,
    subscriptions,
    week,
)
from handlers.format import back_button, private_only_reply
from handlers.i18n import _
from handlers.paging import parse_more
from handlers.privacy_types import PrivacyStore
from handlers.question_types import QuestionStore
from handlers.registry import Feature, FeatureSet, Handler, Registry
from handlers.report_types import ReportStore
from handlers.router import Route, Router, routed_features
from handlers.store import Store
from handlers.text import clean, has_letter
from handlers.types import Button, Clock, Incoming, Outcome, Reply, UserView
from handlers.understanding import Understander
from handlers.understanding.normalise import fold

log = logging.getLogger(__name__)

# Every feature module's declarations. Their order is the order of /trogiup and of Telegram's
# command menu.
FEATURE_SETS: tuple[FeatureSet, ...] = (
    general.features,
    week.features,
    schedule.features,
    district.features,
    learning.features,
    contest_info.features,
    contest.features,
    subscriptions.features,
    bulletin.features,
    privacy.features,
    answers.features,
    dialogue.features,
    contest_admin.features,
    announce.features,
    report.features,
    console.features,
)
# Names the core and the router route to without a command: each must be a declared feature.
CORE_ROUTES = ("start", "empty", "media", "unknown", "unknown_command", "stop", "menu",
               "stale_button")
# What free text inside a flow may be routed to that leaves the flow instead of going to it.
LEAVING = ("stop", "menu")
# Features that say themselves which flow the message ended (the core says it for the others).
SAYS_LEFT = ("stop",)
ROUTER_ROUTES = routed_features()
# One message that asks several things ("Lịch hôm nay có gì? Cuộc thi khi nào kết thúc? Số điện
# thoại liên hệ?") gets an answer to each, up to this many: each is a screen of its own.
MAX_ANSWERS = 3
# What a citizen asks the bot to do (not only to show): in a message of several sentences, done
# only when the whole message asks it too, else offered as a button (Conversation._plan).
ACTIONS = ("subscribe", "unsubscribe", "contest_take", "privacy", "district", "ask",
           "language")
# Answers about the schedule overlap (the week holds today): one of them per message.
SCHEDULE_ANSWERS = ("schedule", "day", "today", "next")
# Where one question ends and the next begins; a full stop only before a space or the end
# ("TP. Hải Phòng" stays whole only when written without one, "7.30" always).
_SENTENCES = re.compile(r"[?!\n;]+|\.(?=\s|$)")
# A flow's own button sends NAME:VALUE ("nut:homnay", "district:Lê Chân", "channel:zalo"): once
# its flow is over it is no message to read, whatever words VALUE holds.
_FLOW_PAYLOAD = re.compile(r"[a-z]+:\S")
# A sentence that tells who writes: a pronoun and "là" near its start, after a greeting ("chào
# bạn, tôi là người lao động tự do, …", "Dạ em là hiệu trưởng …") (round 25 e).
_INTRODUCES = re.compile(r"^(?:\W*\w+){0,4}?\W*\b(?:toi|em|e|minh|chau|tui|chung toi|chung em)"
                         r" la\b")
# A salutation that opens a letter ("Kính gửi ban tổ chức."): it names whom it is to, asks nothing.
_SALUTATION = re.compile(r"\W*(?:kinh gui|kinh thua)\b")
# Within a sentence, "và" joins two questions ("lịch hôm nay và số điện thoại liên hệ") as often
# as the parts of one ("kỹ năng số và an toàn trên mạng", "có bao nhiêu câu và làm trong bao
# lâu"): two only when each part alone is an answer this strong (a distinctive phrase of its
# own, as strong as a named day) and the answers differ.
_AND = re.compile(r"\s+(?:và|va|với cả|voi ca|với lại|voi lai)\s+", re.IGNORECASE)
ON_ITS_OWN = 5.0


def build_registry(*extra: FeatureSet) -> Registry:
    """The checked registry of every feature module (and `extra` ones, for tests)."""
    return Registry(*FEATURE_SETS, *extra,
                    required={"the core": (*CORE_ROUTES, *SCHEDULE_ANSWERS, *ACTIONS),
                              "the router": ROUTER_ROUTES})


# Built when the package is imported, so a bad declaration stops the start-up at once.
REGISTRY = build_registry()


def _says_only(route: Route) -> bool:
    """Does the message say just that (stop, the menu), not ask a question that holds the words
    ("hủy đăng ký dự thi thì làm thế nào" is a question for the organizers, "Trường THCS Dừng
    Lại" a unit's name)? A word in three may be left unexplained ("thoi" may be "thời")."""
    u = route.understood
    return u is None or (not u.asks and 3 * u.unexplained <= u.words)


@dataclass(frozen=True)
class _Plan:
    """The answers to a message of several questions, and what it asked to do besides."""

    answers: list[Route]
    offers: list[Route]


def _clear(route: Route) -> bool:
    """Is a sentence's answer what the sentence asks? Most of its words explained by it (a
    greeting that names "ban tổ chức" is not about the contacts)."""
    u = route.understood
    return u is None or u.unexplained == 0 or 2 * u.unexplained < u.words


def _same_answer(a: Route, b: Route) -> bool:
    if a.feature in SCHEDULE_ANSWERS and b.feature in SCHEDULE_ANSWERS:
        return True
    return (a.feature, a.arg.strip()) == (b.feature, b.arg.strip())


class _Watched:
    """The update's store, noting the flows a feature enters: a flow begun again (/thi in the
    middle of the registration) was restarted, not stopped."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.entered: set[str] = set()

    async def set_locale(self, locale: str) -> None:
        await self._store.set_locale(locale)

    async def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        self.entered.add(flow)
        await self._store.set_state(flow, step, data)

    async def clear_state(self) -> None:
        await self._store.clear_state()

    async def console_link(self) -> str:
        return await self._store.console_link()

    async def set_district(self, district: str | None) -> None:
        await self._store.set_district(district)

    @property
    def contest(self) -> ContestStore:
        return self._store.contest

    @property
    def broadcast(self) -> BroadcastStore:
        return self._store.broadcast

    @property
    def report(self) -> ReportStore:
        return self._store.report

    @property
    def privacy(self) -> PrivacyStore:
        return self._store.privacy

    @property
    def questions(self) -> QuestionStore:
        return self._store.questions


def organizer_refusal() -> list[Reply]:
    """The one answer to anyone but an organizer who tries an organizers' command or flow."""
    return [Reply(_("Xin lỗi, chức năng này chỉ dành cho Ban tổ chức."), (back_button(),))]


# In a state's data: the step was asked in a group (see _InGroup).
IN_GROUP = "asked_in_group"


class _InGroup(_Watched):
    """The store of a message in a group: a step asked there is marked so. In a group the bot
    reads commands only, so the citizen cannot answer it there; their next private message,
    which knows nothing of it ("có" taken as consent to erase their data, "lịch hôm nay" sent
    to the organizers as a question), must not be taken as the answer."""

    async def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        await super().set_state(flow, step, {**data, IN_GROUP: True})


def private_refusal(feature: Feature) -> list[Reply]:
    """Every member of a group reads what the bot posts there, and a message, once posted, stays
    (a file with participants' data, a sign-in link that lets in whoever opens it first)."""
    return [private_only_reply(f"/{feature.commands[0]}")]


class Conversation:
    """One conversation core for every channel."""

    def __init__(self, edition: Edition, clock: Clock, registry: Registry = REGISTRY,
                 understanding: Callable[[], Understander] | None = None) -> None:
        """`understanding`: where the router gets the understanding of free text (Router)."""
        self.edition = edition
        self.clock = clock
        self.registry = registry
        self.router = Router(edition, registry.commands(), understanding)

    def route(self, text: str) -> Route:
        """Route cleaned `text` as of now (for the message log and tests)."""
        return self.router.route(text, self.clock().astimezone(self.edition.tz).date())

    async def handle(self, msg: Incoming, user: UserView, store: Store) -> Outcome:
        """Answer one message. The caller sets the locale and owns the transaction."""
        now = self.clock().astimezone(self.edition.tz)
        text = clean(msg.text)
        if not msg.is_private:
            store = _InGroup(store)
        state = user.state
        if state is not None and msg.is_private and state.data.get(IN_GROUP):
            # Asked in a group: the citizen never saw this step in this chat (_InGroup).
            await store.clear_state()
            state, user = None, replace(user, state=None)
        elif state is not None and not msg.is_private and not state.data.get(IN_GROUP):
            # Asked in the private chat (a contest question, with its time running): not the
            # group's to read or answer. It waits there; the group gets the command's answer.
            state, user = None, replace(user, state=None)
        entry = self.registry.flow(state.flow) if state is not None else None
        if (entry is not None and entry.prompt is not None and not entry.flow.holding
                and not msg.is_media and text.startswith("/")):
            wanted = self.router.route(text, now.date())
            if wanted.feature == "language":
                in_flow = self._ctx(msg, now, user, store, wanted)
                return Outcome("language", await self._language_in_flow(in_flow, entry.prompt))
        said: Route | None = None  # the text routed, when a flow had to know where it leads
        leaving = False
        if entry is not None and text and not msg.is_media and not text.startswith("/"):
            # Text that says stop or asks for the menu leaves any flow (never taken as a name,
            # a question or a draft); any other text is the flow's.
            said = self.router.route(text, now.date())
            leaving = said.feature in LEAVING and _says_only(said)
        left: Left | None = None
        state_flow = state.flow if state is not None else None
        if state is not None and (entry is None or leaving or (
                not entry.flow.holding and (msg.is_media or text.startswith("/")))):
            await store.clear_state()
            if entry is not None and (leaving or not entry.flow.passing):
                left = Left(self.registry.label(entry.flow.name), entry.flow.left)
            state, entry, user = None, None, replace(user, state=None)
        if state is not None and entry is not None:
            if entry.flow.organizer_only and not user.is_organizer:
                await store.clear_state()  # no longer an organizer: the draft goes
                return Outcome(state.flow, organizer_refusal())
            # The flow reads what the text would have asked outside it (a question typed where
            # a name is due is not a name).
            ctx = self._ctx(msg, now, user, store, Route(
                state.flow, text, understood=said.understood if said is not None else None))
            replies = await entry.handler(ctx)
            if replies is not None:
                return Outcome(state.flow, replies)
            user = replace(user, state=None)  # the flow cleared it
        plan: _Plan | None = None
        if msg.is_media:
            route = Route("media")
        else:  # routed already when a flow was asked first and left it to the core
            route = said if said is not None else self.router.route(text, now.date())
            if msg.is_button and not text.startswith("/"):
                if route.feature in ("unknown", "clarify") or _FLOW_PAYLOAD.match(text):
                    # A flow's button ("Bỏ qua", "Xác nhận gửi") pressed after its flow ended:
                    # not a question to answer or to keep for the organizers.
                    route = Route("stale_button")
            elif not text.startswith("/") and left is None:
                plan = self._plan(text, route, now)
                if plan is not None and not plan.answers:
                    return Outcome("clarify", [self._offer(plan.offers)])
                if plan is not None:
                    route = plan.answers[0]
        if route.feature == "start" and route.arg:
            # Deep link (t.me/<bot>?start=lich): open the named feature directly.
            target = self.registry.by_payload(route.arg.lower())
            route = Route(target.name if target else "start")
        page = 1
        if route.feature == "more":
            # "Xem thêm": the same answer again, at the page the button names.
            command, page = parse_more(route.arg)
            route = self.router.route(command, now.date())
            if not self.registry.feature(route.feature).paged:
                route, page = Route("unknown_command", command[1:].split(" ", 1)[0]), 1
        watched = _Watched(store)
        ctx = replace(self._ctx(msg, now, user, watched, route, page), left=left)
        replies = await self._answer(ctx)
        if (left is not None and state_flow is not None and route.feature not in SAYS_LEFT
                and route.feature != state_flow and state_flow not in watched.entered):
            # A command or a photo ended the flow: say so first, or the citizen types its next
            # step into whatever comes next. Not when the command is the flow's own (/quan 3,
            # a button of /quan's list) or begins it again (/thi). Named in the locale of the
            # answer: /ngonngu may just have changed it.
            said_left = replace(left, label=self.registry.label(state_flow))
            replies = [Reply(said_left.text()), *replies]
        if plan is not None:
            for other in plan.answers[1:]:
                replies += await self._answer(self._ctx(msg, now, user, watched, other))
            if plan.offers:
                replies.append(self._offer(plan.offers))
        offer = dialogue.english_offer(route)
        if offer is not None:
            replies = [*replies, offer]
        log.debug("handled %s message as %s", msg.channel, route.feature)
        return Outcome(route.feature, replies)

    async def _language_in_flow(self, ctx: Ctx, prompt: Handler) -> list[Reply]:
        """/ngonngu in a flow that can ask its step again: the language changes, the step is
        asked again in it, and the citizen keeps their place (the choice of languages first,
        when /ngonngu names none: its buttons come back here)."""
        replies = await self._answer(ctx)
        if any(b.command.startswith("/ngonngu") for b in replies[0].buttons):
            return replies
        return [Reply(replies[0].text), *await prompt(ctx)]

    async def _answer(self, ctx: Ctx) -> list[Reply]:
        """The replies of the feature `ctx.route` names, or its policy's refusal."""
        feature = self.registry.feature(ctx.route.feature)
        return list(self._refusal(feature, ctx) or await feature.handler(ctx))

    def _shows_only(self, name: str) -> bool:
        """Does the feature only show something? A paged answer does: /xemthem runs it again
        for each screen, so it changes nothing (never "đăng ký", /thi or erasing one's
        data)."""
        feature = self.registry.feature(name)
        return feature.paged and not feature.organizer_only


    def _plan(self, text: str, route: Route, now: datetime) -> _Plan | None:
        """The answers to a message of several sentences, each read as a question of its own;
        None when that changes nothing (one question, however long).

        Answers that only show something come in the order asked, MAX_ANSWERS in all. Something
        to do is done only when the whole message asks it too, and last (it may open a flow);
        another is offered as a button: the understanding of the whole message can mix the
        words of two sentences ("Tôi muốn đăng ký thi. Hủy đăng ký nhận tin." is neither
        "đăng ký nhận tin" nor both).
        """
        # Sentences, and the parts "và" joins when each is a question of its own (commas join
        # the parts of one question as often as two: "lễ khai mạc, tổ chức ở đâu").
        parts = [q for p in _SENTENCES.split(text) if has_letter(p)
                 for q in self._questions_joined(p.strip(), now)]
        if len(parts) < 2:
            return None
        shows: list[Route] = []
        acts: list[Route] = []
        telling = False  # within the writer's story: who they are, and what follows asking nothing
        asking = 0
        for part in parts:
            asked = self.router.route(part, now.date())
            u = asked.understood
            folded = fold(part)
            telling = (telling or _INTRODUCES.search(folded) is not None) and not (
                u is None or u.asks)
            if (telling or _SALUTATION.match(folded)) and self._shows_only(asked.feature) and (
                    u is None or not u.asks):
                # "Kính gửi ban tổ chức. Tôi là cán bộ Mặt trận phường, đang soạn bài tuyên
                # truyền về tuần lễ. Xin cho biết chủ đề năm 2020 là gì?": the salutation and
                # the sentences that tell who writes and what they did ask nothing: one
                # question, the whole message's (round 25 e)
                continue
            asking += 1
            if _same_answer(asked, route):
                asked = route  # the whole message's reading keeps what the others said
            elif not _clear(asked):
                continue  # "Dạ em chào ban tổ chức ạ" is not a question about the contacts
            if self._shows_only(asked.feature):
                if not any(_same_answer(asked, s) for s in shows):
                    shows.append(asked)
            elif asked.feature in ACTIONS and not any(_same_answer(asked, a) for a in acts):
                acts.append(asked)
        if asking < 2:
            return None
        done = route if any(a is route for a in acts) else None
        offers = [a for a in acts
                  if a is not route and self.registry.command_for(a.feature, a.arg)]
        answers = shows[:MAX_ANSWERS - (1 if done else 0)] + ([done] if done else [])
        if answers == [route] and not offers:
            return None
        if not answers and not offers:
            return None
        return _Plan(answers, offers)

    def _questions_joined(self, sentence: str, now: datetime) -> list[str]:
        """The questions "và" joins in `sentence`, or the sentence whole (_AND)."""
        parts = [p for p in _AND.split(sentence) if has_letter(p)]
        if len(parts) < 2:
            return [sentence]
        routes = [self.router.route(p, now.date()) for p in parts]
        for k, asked in enumerate(routes):
            u = asked.understood
            if (u is None or u.feature in ("unknown", "clarify", "smalltalk")
                    or u.score < ON_ITS_OWN or not _clear(asked)
                    or any(_same_answer(asked, other) for other in routes[:k])):
                return [sentence]
        return parts

    def _offer(self, offers: list[Route]) -> Reply:
        """What the message also asked to do, each a button: nothing done on the side."""
        buttons = tuple(Button(self.registry.label(r.feature), command) for r in offers
                        if (command := self.registry.command_for(r.feature, r.arg)))
        return Reply(_("Quý vị muốn làm việc nào sau đây? Xin bấm nút:"), buttons)

    def _ctx(self, msg: Incoming, now: datetime, user: UserView, store: Store,
             route: Route, page: int = 1) -> Ctx:
        received = msg.received_at
        return Ctx(edition=self.edition, now=now, user=user, store=store, route=route,
                   features=self.registry, is_private=msg.is_private,
                   is_button=msg.is_button, page=page,
                   received_at=received.astimezone(self.edition.tz) if received else None)

    @staticmethod
    def _refusal(feature: Feature, ctx: Ctx) -> list[Reply] | None:
        """The feature's policy, checked here once for every feature that declares it."""
        if feature.organizer_only and not ctx.user.is_organizer:
            return organizer_refusal()
        if feature.private_only and not ctx.is_private:
            return private_refusal(feature)
        return None
