"""Map a command, a button or free Vietnamese text (with or without diacritics) to a feature.

Commands are looked up in the feature registry by name; free text goes through the
understanding layer (handlers/understanding: the words that ask for each answer live in the
edition's lexicon.toml and the content itself). What it finds about one thing (an FAQ entry, an
event) is answered short first (Route("unit", "faq:<id>"), handlers/features/answers.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from content import Edition
from content.loader import INTENTS
from handlers.places import Districts
from handlers.text import clean, fold, has_letter
from handlers.understanding import Understander, Understanding, find_date
from handlers.understanding.index import intent_route
from handlers.understanding.normalise import tokenize

# The understanding's answers about one thing of the content, answered by a short answer.
ONE_THING = frozenset({"faq", "event", "programme"})
# Answers a question may ask for in one quận/huyện ("lịch quận Lê Chân", "sự kiện ở Kiến An hôm
# nay"): what the schedule shows, each district's events under its name.
PLACED = frozenset({"schedule", "today", "day", "next", "activities"})
# What free text can be routed to besides the lexicon's intents: each must be a feature.
UNDERSTOOD = ("day", "today", "unit", "courses", "event", "faq", "clarify", "unknown",
              "smalltalk", "district", "district_offer")


@dataclass(frozen=True)
class Route:
    """Where a message goes: a feature and its argument ('' when none); for free text, also
    what the understanding made of it (clarify candidates, English, the text as typed)."""

    feature: str
    arg: str = ""
    understood: Understanding | None = field(default=None, compare=False, repr=False)
    # The quận/huyện the question is about ("lịch quận Lê Chân"), as content spells it.
    place: str | None = field(default=None, compare=False)


def routed_features() -> tuple[str, ...]:
    """Every feature name free text may be routed to (the registry checks each is declared)."""
    return tuple(dict.fromkeys([*UNDERSTOOD, *(intent_route(i)[0] for i in INTENTS)]))


class Router:
    """Routes commands by name and free text through the understanding."""

    def __init__(self, edition: Edition, commands: Mapping[str, str],
                 understanding: Callable[[], Understander] | None = None) -> None:
        """`commands`: command -> feature, from the feature registry (handlers/registry.py);
        `understanding`: where the understanding comes from when first needed (one shared by
        every router on the same edition); None: built for this router."""
        self.edition = edition
        self.commands = commands
        self._understanding = understanding
        self.districts = Districts(edition)
        self._prepared_later = False

    @cached_property
    def understander(self) -> Understander:
        """Built at the first free text, not at start: its index is about 0.05 s of CPU, which
        the commands that never read a message (db upgrade, questions, schedule list, ...) and
        a `run` that gets none do without."""
        built = (self._understanding() if self._understanding is not None
                 else Understander(self.edition))
        if self._prepared_later:
            built.examples.trained_at_first_use = False
        return built

    def prepare_later(self) -> None:
        """Say, on the event loop, that `prepare` is about to run in a worker thread: until it
        has trained the examples' model, a message is answered without the model and never
        trains it itself (2 s of CPU on a slow machine, 5 s before BENCHMARKS.md §8.96; the
        event loop and every update behind it held: a CI run's bot was silent past 15 s when a
        message built the understanding as the worker thread did and took the training from
        it)."""
        self._prepared_later = True
        if "understander" in vars(self):
            self.understander.examples.trained_at_first_use = False

    def prepare(self) -> None:
        """Build the understanding and its examples' model now (about 2 s of CPU on a slow
        machine, BENCHMARKS.md §8.96, in a worker thread at `run`'s start, `prepare_later`):
        else the first message the phrases leave to the examples would wait for the model, and
        every update behind it."""
        examples = self.understander.examples
        try:
            examples.model  # noqa: B018 (a property: trained now, kept)
        finally:
            examples.trained_at_first_use = True  # (trained, or failed: the next message tries)

    def route(self, text: str, today: date) -> Route:
        """Pick the feature for `text` (already cleaned); 'unknown' when nothing fits."""
        if not text:
            return Route("empty")
        if text.startswith("/"):
            return self._command(text, today)
        # Compatibility forms read as the letters they show: full-width "ＬＩＣＨ ＨＯＭ ＮＡＹ"
        # (East Asian keyboards, some phones' fancy fonts), ligatures, superscript digits.
        text = unicodedata.normalize("NFKC", text)
        understood = self.understander.understand(text, today)
        feature, arg = understood.feature, understood.arg
        placed = self._placed(text, today, understood)
        if placed is not None:
            return placed
        if (feature == "unknown" or understood.voted) and (
                said := self.districts.said(text)) is not None:
            # Only a quận/huyện: "tôi ở quận Lê Chân" chooses it, "Kiến An" is offered (also
            # where the examples would answer: what is like "em ở huyện …" among them is the
            # FAQ on districts, but the message says where one lives).
            feature, arg = ("district" if said.stated else "district_offer"), said.unit_id
        elif feature in ONE_THING and arg:
            feature, arg = "unit", f"{feature}:{arg}"
        return Route(feature, arg, understood)

    def _placed(self, text: str, today: date, understood: Understanding) -> Route | None:
        """A question about the schedule set in one quận/huyện ("lịch quận Lê Chân", "sự kiện
        ở Kiến An hôm nay"): the schedule with that district's events, which the message asks
        for even where its words alone would lead elsewhere (the FAQ on districts); None
        when the message names no district or, without it, asks for something else ("lễ khai
        mạc quận Lê Chân" is that district's event)."""
        rest = self.districts.without(text)
        if rest is None:
            return None
        if understood.feature in PLACED:
            return Route(understood.feature, understood.arg, understood, rest[1])
        again = self.understander.understand(rest[0], today)
        if again.feature in PLACED:
            return Route(again.feature, again.arg, replace(again, typed=text), rest[1])
        return None

    def _command(self, text: str, today: date) -> Route:
        # "/ lich", "//lich": slashes and spaces typed by mistake before the name
        body = text.lstrip("/ ")
        head, _, arg = body.partition(" ")
        name = fold(head.split("@", 1)[0])  # "/lich@hoctap_bot" in group chats
        feature = self.commands.get(name)
        if feature is None:
            # Words typed after a "/" ("/số điện thoại", "/lịch hôm nay ạ"): read as a message
            # when they ask for something the bot answers; else the command does not exist.
            understood = self.route(body, today) if has_letter(body) else None
            if understood is not None and understood.feature not in ("unknown", "clarify",
                                                                      "empty"):
                return understood
            return Route("unknown_command", head.split("@", 1)[0])  # as typed
        if feature == "schedule" and arg.strip():
            return Route("day", arg.strip())
        return Route(feature, arg.strip())


def find_day(text: str, edition: Edition, today: date) -> date | None:
    """The first day named in `text`: 03/10, 3-10-2020, 'ngày 3', 'thứ hai', 'ngày mai'."""
    ref = find_date(tokenize(clean(text)), today, edition)
    return ref.days[0] if ref is not None and ref.days else None
