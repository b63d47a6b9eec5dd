"""The feature registry: one declaration per feature, checked once; the organizer-only and
private-only rules applied by the core, from the flags, with one wording."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.db.models import ScheduledItem
from handlers.context import Ctx
from handlers.core import (
    FEATURE_SETS,
    REGISTRY,
    Conversation,
    build_registry,
    organizer_refusal,
)
from handlers.i18n import N_, use_locale
from handlers.registry import FeatureSet, Flow, Registry, RegistryError
from handlers.router import routed_features
from handlers.types import Incoming, Reply
from tests.conftest import Chat, make_settings

REFUSAL = "Xin lỗi, chức năng này chỉ dành cho Ban tổ chức."


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    with use_locale("vi"):
        yield


async def _noop(ctx: Ctx) -> list[Reply]:
    return [Reply("ok")]


def _problems(*sets: FeatureSet, required: dict[str, tuple[str, ...]] | None = None) -> str:
    with pytest.raises(RegistryError) as info:
        Registry(*sets, required=required)
    return "\n".join(info.value.problems)


# ---- the shipped declarations ---------------------------------------------------------------


def test_every_command_and_deep_link_is_declared_once() -> None:
    assert set(REGISTRY.commands()) == {
        "start", "menu", "chude", "tochuc", "hoatdong", "lich", "homnay", "sapdienra", "sukien",
        "khoahoc", "thuvien", "cuocthi", "thi", "traloi", "xephang", "ketquathi", "loaithi",
        "lienhe", "hoidap", "trogiup", "ngonngu", "dangky", "huydangky", "thongbao",
        "dsthongbao", "huythongbao", "baocao", "thongke", "xoadulieu", "quan", "xemlai",
        "guicauhoi", "xemthem", "quantri", "tin", "huy"}
    assert {p: f.name for f in REGISTRY.features for p in f.payloads} == {
        "lich": "schedule", "homnay": "today", "cuocthi": "contest", "khoahoc": "courses",
        "thuvien": "library", "lienhe": "contacts", "quan": "district"}
    organizers = {f.name for f in REGISTRY.features if f.organizer_only}
    assert organizers == {"contest_export", "contest_void", "announce", "announce_list",
                          "announce_cancel", "report", "stats", "console"}
    # Answers with one person's data: organizers' files, and a citizen's own messages,
    # contest result and data to erase.
    assert {f.name for f in REGISTRY.features if f.private_only} == {
        "contest_export", "report", "console", "bulletin", "contest_review", "privacy"}


def test_every_logged_name_has_a_label_and_the_help_lists_public_commands() -> None:
    logged = {f.name for f in REGISTRY.features} | {e.flow.name for e in REGISTRY.flows}
    for name in logged:
        assert REGISTRY.label(name) != name, name
    assert REGISTRY.label("contest_register") == "Đăng ký dự thi"
    assert REGISTRY.label("no_such_feature") == "no_such_feature"
    helped = [command for command, _text in REGISTRY.help_lines()]
    assert "lich" in helped and "baocao" not in helped and "thongbao" not in helped
    assert dict(REGISTRY.help_lines())["homnay"] == "sự kiện hôm nay"


def test_every_feature_the_router_names_is_declared() -> None:
    for name in (*routed_features(), "empty", "unknown", "unknown_command"):
        assert REGISTRY.feature(name).name == name


# ---- the check at start-up -----------------------------------------------------------------


def test_a_command_declared_twice_stops_the_start_up() -> None:
    clash = FeatureSet()
    clash.feature("calendar", label=N_("Lịch"), commands=("lich",))(_noop)
    with pytest.raises(RegistryError) as info:
        build_registry(clash)
    assert "command /lich: declared by both schedule and calendar" in str(info.value)


def test_every_problem_is_listed_at_once() -> None:
    class One(StrEnum):
        ONLY = "only"

    a, b = FeatureSet(), FeatureSet(organizer_only=True)
    a.feature("twice", label=N_("Một"), commands=("mot",), payloads=("mot",))(_noop)
    a.feature("twice", label=N_("Hai"), commands=("Hai Ba",), payloads=("mot",))(_noop)
    a.feature("nolabel", label=" ", help=N_("không có lệnh"))(_noop)
    b.feature("secret", label=N_("Bí mật"), commands=("bimat",), help=N_("lộ ra"))(_noop)
    b.feature("files", label=N_("Tệp"), private_only=True)(_noop)
    a.flow(Flow("orphan", One))(_noop)
    problems = _problems(a, b, required={"the router": ("twice", "ghost")})
    assert "feature name twice: declared by both twice and twice" in problems
    assert "feature twice: command /Hai Ba must match" in problems
    assert "deep-link payload mot: declared by both twice and twice" in problems
    assert "feature nolabel: no label" in problems
    assert "feature nolabel: a help line but no command" in problems
    assert "feature secret: organizer-only, so not in the public /trogiup" in problems
    assert "feature files: private-only needs a command" in problems
    assert "flow orphan: no label, and no feature of that name" in problems
    assert "the router routes to 'ghost', which no feature declares" in problems
    assert "'twice'" not in problems


def test_a_flow_of_an_organizers_module_must_say_so() -> None:
    class One(StrEnum):
        ONLY = "only"

    with pytest.raises(RegistryError, match="flow draft: declared in an organizers' module"):
        FeatureSet(organizer_only=True).flow(Flow("draft", One, label=N_("Nháp")))


def test_the_router_cues_must_name_declared_features() -> None:
    without_faq = [s for s in FEATURE_SETS if all(f.name != "faq" for f in s.features)]
    assert len(without_faq) == len(FEATURE_SETS) - 1
    with pytest.raises(RegistryError, match="the router routes to 'faq'"):
        Registry(*without_faq, required={"the router": ("faq",)})


# ---- adding a feature touches one feature file (and the catalogs) --------------------------


class Step(StrEnum):
    NAME = "name"


async def test_a_new_feature_module_is_all_it_takes(app: App) -> None:
    """What a new feature module declares is all the core, the router, /trogiup, the deep links,
    Telegram's command menu and the report need: no table elsewhere to edit."""
    features = FeatureSet()
    flow = Flow("volunteer_pick", Step, label=N_("Chọn điểm tình nguyện"))

    @features.feature("volunteer", label=N_("Tình nguyện viên"), commands=("tinhnguyen",),
                      help=N_("đăng ký làm tình nguyện viên"), payloads=("tinhnguyen",))
    async def volunteer(ctx: Ctx) -> list[Reply]:
        await flow.enter(ctx.store, Step.NAME)
        return [Reply(f"Điểm nào? ({ctx.route.arg or 'chưa chọn'})")]

    @features.flow(flow)
    async def pick(ctx: Ctx) -> list[Reply]:
        assert flow.step(ctx.user.state) is Step.NAME
        await ctx.store.clear_state()
        return [Reply(f"Tình nguyện ở {ctx.route.arg}")]

    registry = build_registry(features)
    app.dispatcher.conversation = Conversation(app.edition, app.clock, registry)
    chat = Chat(app, "citizen-new")
    assert await chat.text("/tinhnguyen Lê Chân") == "Điểm nào? (Lê Chân)"
    assert await chat.text("Ngô Quyền") == "Tình nguyện ở Ngô Quyền"  # the flow's step
    assert await chat.text("/start tinhnguyen") == "Điểm nào? (chưa chọn)"  # the deep link
    help_pages = [await chat.text("/trogiup")]
    help_pages += [await chat.text(f"/xemthem trogiup {n}") for n in range(2, 6)]
    assert any("/tinhnguyen — đăng ký làm tình nguyện viên" in page for page in help_pages)
    assert ("tinhnguyen", "đăng ký làm tình nguyện viên") in registry.help_lines()  # setMyCommands
    assert registry.label("volunteer") == "Tình nguyện viên"  # the report's feature names
    assert registry.label("volunteer_pick") == "Chọn điểm tình nguyện"


# ---- the organizer-only rule, once ---------------------------------------------------------


@pytest.mark.parametrize("feature", [f for f in REGISTRY.features if f.organizer_only],
                         ids=lambda f: f.name)
async def test_a_citizen_gets_the_one_refusal_for_every_organizer_command(
        app: App, feature: object) -> None:
    from handlers.registry import Feature

    assert isinstance(feature, Feature)
    citizen = Chat(app, "citizen-7")
    for private in (True, False):  # a private chat, then a group
        replies = await app.dispatcher.handle(Incoming(
            "console", "citizen-7", f"/{feature.commands[0]} 1 lý do", is_private=private))
        assert replies is not None
        assert [r.text for r in replies] == [REFUSAL]
        assert replies == organizer_refusal() and not any(r.files for r in replies)
    async with app.sessions() as s:
        assert (await s.execute(select(ScheduledItem))).first() is None
    # Nothing was started: the citizen's next word is routed as usual.
    assert "Lịch sự kiện" in await citizen.text("lịch sự kiện")


async def test_the_rule_is_checked_before_any_handler_runs(app: App) -> None:
    calls: list[str] = []
    organizers = FeatureSet(organizer_only=True)

    @organizers.feature("audit", label=N_("Kiểm tra"), commands=("kiemtra",))
    async def audit(ctx: Ctx) -> list[Reply]:
        calls.append(ctx.user.external_id)
        return [Reply("bí mật")]

    app.dispatcher.conversation = Conversation(app.edition, app.clock,
                                               build_registry(organizers))
    assert await Chat(app, "citizen-8").text("/kiemtra") == REFUSAL
    assert await Chat(app, "console").text("/kiemtra") == "bí mật"  # the console organizer
    assert calls == ["console"]


async def test_a_former_organizer_loses_an_open_draft(sqlite_url: str) -> None:
    """An organizer's draft, then a restart without them among the organizers: the core refuses
    the next step once, from the flow's flag, and forgets the draft."""
    first = build_app(make_settings(sqlite_url))
    await first.start()
    try:
        assert "Soạn thông báo" in await Chat(first, "console").text("/thongbao")
    finally:
        await first.close()
    demoted = build_app(make_settings(sqlite_url, HOCTAP_ORGANIZERS_CONSOLE_IDS="someone"))
    await demoted.start()
    try:
        chat = Chat(demoted, "console")
        assert await chat.text("Khai mạc lúc 8 giờ") == REFUSAL
        assert "Xin lỗi, Chatbot chưa có thông tin về “all”" in await chat.text("all")  # no draft
        async with demoted.sessions() as s:
            assert (await s.execute(select(ScheduledItem))).first() is None
    finally:
        await demoted.close()
