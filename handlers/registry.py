"""One declaration per feature, checked once.

A feature module declares what it offers next to its handlers, like an aiogram Router:

    features = FeatureSet()

    @features.feature("today", label=N_("Lịch hôm nay"), commands=("homnay",),
                      help=N_("sự kiện hôm nay"), payloads=("homnay",))
    async def today(ctx: Ctx) -> list[Reply]: ...

A module of organizers' commands says so once, `FeatureSet(organizer_only=True)` (a router-level
filter): the core refuses everyone else before the handler runs. Multi-step conversations are
`Flow`s with named steps (aiogram's StatesGroup) instead of bare strings. handlers/core.py builds
the `Registry` from every module's set; a mistake (a command declared twice, a missing label, a
name the router routes to that no feature declares) stops the start-up with every problem listed.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from handlers.context import Ctx
from handlers.i18n import _
from handlers.store import Store
from handlers.types import FlowState, Reply

Handler = Callable[[Ctx], Awaitable[list[Reply]]]
# A flow step; None means the flow let go of the message (its moment passed): it is then routed
# like any other.
FlowHandler = Callable[[Ctx], Awaitable[list[Reply] | None]]
H = TypeVar("H", bound=Handler)
FH = TypeVar("FH", bound=FlowHandler)
S = TypeVar("S", bound=StrEnum)

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")  # Telegram's rule for a BotCommand
PAYLOAD_RE = re.compile(r"^[a-z0-9_-]{1,64}$")  # Telegram's /start parameter, lower case


@dataclass(frozen=True)
class Feature:
    """What one feature offers, and to whom."""

    name: str  # logged with each message it answers: the report counts it, so keep it stable
    handler: Handler
    label: str  # catalog msgid: how organizers name the feature in the report
    commands: tuple[str, ...] = ()  # without "/"; ASCII, so every platform can show them
    help: str | None = None  # catalog msgid of its line in /trogiup and Telegram's menu
    payloads: tuple[str, ...] = ()  # deep links (t.me/<bot>?start=<payload>) that open it
    organizer_only: bool = False
    # Output with personal data (an organizer's file, a citizen's own messages, contest result or
    # data to erase): never posted in a group, where every member reads it.
    private_only: bool = False
    # A long answer shown in screens: "/xemthem <its command> <page>" shows another screen.
    # (The words that name a feature in free text are content: lexicon.toml's intents.)
    paged: bool = False
    # May an announcement carry a button that opens it? Not one that only acts on what the
    # reader is doing at that moment (stopping a flow): pressed from an announcement it does
    # nothing the reader asked for.
    announced: bool = True


@dataclass(frozen=True)
class Flow(Generic[S]):
    """A multi-step conversation: its name (kept in the user's state, so stable) and its steps.

    While a user is in a flow, their text and its buttons (whose commands do not start with "/")
    go to the flow; any /command or media leaves it first, unless the flow is `holding`: an open
    contest question must not lose its answer to the menu (its answer buttons are commands).
    Text that says stop ("thôi", "hủy", "không đăng ký nữa": the lexicon's `stop` intent) or asks
    for the menu leaves any flow, holding or not, and nothing of its steps is kept.
    """

    name: str
    steps: type[S]
    label: str | None = None  # catalog msgid; None: logged as the feature of the same name
    holding: bool = False
    organizer_only: bool = False
    left: str | None = None  # catalog msgid said when the citizen stops it; None: the usual words
    # A choice offered in passing (/quan's list, where a typed name chooses too), not a task
    # under way: another command leaves it without a word.
    passing: bool = False

    def step(self, state: FlowState | None) -> S | None:
        """The step `state` is at, or None when it is not at one of this flow's steps."""
        if state is None or state.flow != self.name:
            return None
        try:
            return self.steps(state.step)
        except ValueError:
            return None

    async def enter(self, store: Store, step: S, data: Mapping[str, Any] | None = None) -> None:
        """Put the user at `step`: their next message comes to this flow."""
        await store.set_state(self.name, step.value, dict(data or {}))


@dataclass(frozen=True)
class FlowEntry:
    """A flow and the handler of its steps."""

    flow: Flow[Any]
    handler: FlowHandler
    # The current step's question again, in the current locale: with it, /ngonngu changes the
    # language without leaving the flow. None: /ngonngu leaves it, like any command.
    prompt: Handler | None = None


class FeatureSet:
    """One feature module's declarations: its features and flows, with the module's defaults."""

    def __init__(self, *, organizer_only: bool = False) -> None:
        self.organizer_only = organizer_only
        self.features: list[Feature] = []
        self.flows: list[FlowEntry] = []

    def feature(self, name: str, *, label: str, commands: tuple[str, ...] = (),
                help: str | None = None, payloads: tuple[str, ...] = (),
                organizer_only: bool | None = None,
                private_only: bool = False, paged: bool = False,
                announced: bool = True) -> Callable[[H], H]:
        """Declare the decorated handler as feature `name`."""
        def declare(handler: H) -> H:
            self.features.append(Feature(
                name, handler, label, commands, help, payloads,
                self.organizer_only if organizer_only is None else organizer_only,
                private_only, paged, announced))
            return handler
        return declare

    def flow(self, flow: Flow[Any], prompt: Handler | None = None) -> Callable[[FH], FH]:
        """Declare the decorated handler as the handler of `flow`'s steps (`prompt`: see
        FlowEntry)."""
        if self.organizer_only and not flow.organizer_only:
            raise RegistryError([f"flow {flow.name}: declared in an organizers' module, "
                                 "so it must be organizer_only too"])

        def declare(handler: FH) -> FH:
            self.flows.append(FlowEntry(flow, handler, prompt))
            return handler
        return declare


class RegistryError(Exception):
    """The feature declarations are inconsistent; `problems` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("feature registry: " + "; ".join(problems))


class Registry:
    """Every feature and flow, checked once; what the core, the router and the adapters read."""

    def __init__(self, *sets: FeatureSet,
                 required: Mapping[str, Iterable[str]] | None = None) -> None:
        """Check the declarations of `sets`; `required` maps who routes to feature names
        ("the router's cues": [...]) to the names they route to, which must be declared."""
        self.features = tuple(f for s in sets for f in s.features)
        self.flows = tuple(e for s in sets for e in s.flows)
        problems: list[str] = []
        self._features: dict[str, Feature] = {}
        self._commands: dict[str, Feature] = {}
        self._payloads: dict[str, Feature] = {}
        self._flows: dict[str, FlowEntry] = {}
        for f in self.features:
            problems += _feature_problems(f)
            _claim(self._features, f.name, f, "feature name ", problems)
            for command in f.commands:
                _claim(self._commands, command, f, "command /", problems)
            for payload in f.payloads:
                _claim(self._payloads, payload, f, "deep-link payload ", problems)
        for e in self.flows:
            name = e.flow.name
            if name in self._flows:
                problems.append(f"flow {name}: declared twice")
            self._flows[name] = e
            if not NAME_RE.match(name):
                problems.append(f"flow {name}: its name must match {NAME_RE.pattern}")
            if not e.flow.label and name not in self._features:
                problems.append(f"flow {name}: no label, and no feature of that name to take it "
                                "from")
        for who, names in (required or {}).items():
            for name in names:
                if name not in self._features:
                    problems.append(f"{who} routes to {name!r}, which no feature declares")
        if problems:
            raise RegistryError(problems)

    def feature(self, name: str) -> Feature:
        """The feature `name` (the router and the core only route to declared ones)."""
        return self._features[name]

    def by_command(self, command: str) -> Feature | None:
        return self._commands.get(command)

    def by_payload(self, payload: str) -> Feature | None:
        return self._payloads.get(payload)

    def flow(self, name: str) -> FlowEntry | None:
        return self._flows.get(name)

    def commands(self) -> dict[str, str]:
        """Command -> feature name, for the router."""
        return {command: f.name for command, f in self._commands.items()}

    def command_for(self, name: str, arg: str = "") -> str | None:
        """The /command that opens feature `name` with `arg` (a button for a clarifying
        question's choice), or None when no command does. A day opens with /lich's argument."""
        feature = self._features.get("schedule" if name == "day" else name)
        if feature is None or not feature.commands:
            return None
        command = f"/{feature.commands[0]}"
        return f"{command} {arg}" if arg else command

    def label(self, name: str) -> str:
        """A logged feature or flow as organizers name it; an unknown one shows its id."""
        feature = self._features.get(name)
        if feature is not None:
            return _(feature.label)
        entry = self._flows.get(name)
        return _(entry.flow.label) if entry is not None and entry.flow.label else name

    def button_features(self) -> list[tuple[str, str, str]]:
        """(name, label msgid, command) of the features an announcement's button may open:
        those every citizen may use and /trogiup lists, in its order, unless declared not
        `announced`."""
        return [(f.name, f.label, "/" + f.commands[0]) for f in self.features
                if f.help and f.announced and not f.organizer_only]

    def help_lines(self) -> list[tuple[str, str]]:
        """(command, help line) in the current locale: /trogiup and Telegram's command menu."""
        return [(f.commands[0], _(f.help)) for f in self.features if f.help]


def _claim(table: dict[str, Feature], key: str, feature: Feature, what: str,
           problems: list[str]) -> None:
    held = table.setdefault(key, feature)
    if held is not feature:
        problems.append(f"{what}{key}: declared by both {held.name} and {feature.name}")


def _feature_problems(f: Feature) -> list[str]:
    where = f"feature {f.name}"
    problems = []
    if not NAME_RE.match(f.name):
        problems.append(f"{where}: its name must match {NAME_RE.pattern}")
    if not f.label.strip():
        problems.append(f"{where}: no label (the report names it)")
    problems += [f"{where}: command /{c} must match {COMMAND_RE.pattern}"
                 for c in f.commands if not COMMAND_RE.match(c)]
    problems += [f"{where}: deep-link payload {p!r} must match {PAYLOAD_RE.pattern}"
                 for p in f.payloads if not PAYLOAD_RE.match(p)]
    if f.help is not None and not f.help.strip():
        problems.append(f"{where}: an empty help line (leave it out instead)")
    if f.help and not f.commands:
        problems.append(f"{where}: a help line but no command to show it with")
    if f.help and f.organizer_only:
        problems.append(f"{where}: organizer-only, so not in the public /trogiup (drop help)")
    if f.private_only and not f.commands:
        problems.append(f"{where}: private-only needs a command (its refusal names it)")
    return problems
