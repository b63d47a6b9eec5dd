"""The text router: commands, buttons and free Vietnamese text, with or without diacritics."""

from __future__ import annotations

from datetime import date

import pytest

from content import Edition
from handlers.core import REGISTRY
from handlers.paging import parse_more
from handlers.router import Route, Router, find_day
from handlers.text import clean, tokens
from handlers.understanding.index import intent_route

TODAY = date(2020, 10, 1)

# (what a citizen types, the feature it must reach). Half are typed without diacritics.
CASES = [
    ("lich hom nay", "today"),
    ("Lịch hôm nay", "today"),
    ("hôm nay có gì", "today"),
    ("hom nay co gi vay", "today"),
    ("homnay", "today"),
    ("sự kiện hôm nay", "today"),
    ("su kien sap dien ra", "next"),
    ("Sự kiện tiếp theo là gì?", "next"),
    ("sap toi co gi", "next"),
    ("lịch sự kiện", "schedule"),
    ("lich su kien ca tuan", "schedule"),
    ("lihc trinh", "schedule"),
    # The FAQ entry written for exactly this question ("Chủ đề của Tuần lễ năm 2020 là gì?").
    ("chủ đề năm nay là gì", "unit"),
    ("chu de nam nay la gi", "unit"),
    ("mục đích của tuần lễ", "theme"),
    ("hoạt động trong tuần lễ", "activities"),
    ("co nhung hoat dong gi", "activities"),
    ("khoa hoc truc tuyen", "courses"),
    ("Khóa học trực tuyến miễn phí ở đâu", "courses"),
    ("tai nguyen giao duc mo", "courses"),
    ("hoc truc tuyen", "courses"),
    ("khao hoc truc tuyen", "courses"),
    ("có mất tiền không", "unit"),
    ("ai duoc tham gia", "unit"),
    ("thư viện", "library"),
    ("van hoa doc", "library"),
    ("tủ sách lớp học là gì", "unit"),
    ("thu vien 50k", "unit"),  # one programme: its short answer (programme:thu-vien-50k)
    ("cuoc thi cong dan hoc tap", "contest"),
    ("Cuộc thi Công dân học tập", "contest"),
    ("dang ky du thi", "contest_take"),  # registration is the first step of taking part
    ("so dien thoai lien he", "contacts"),
    ("Số điện thoại liên hệ", "contacts"),
    ("lien he", "contacts"),
    ("email ban to chuc", "contacts"),
    ("hỏi đáp", "faq"),
    ("tro giup", "help"),
    ("Hướng dẫn sử dụng", "help"),
    ("xin chào", "smalltalk"),  # a short greeting with the menu, not the whole welcome
    ("chao ban", "smalltalk"),
    ("menu", "menu"),
    ("ngôn ngữ", "language"),
    ("english", "language"),
    ("lich ngay 3/10", "day"),
    ("thứ bảy có sự kiện gì", "day"),
    ("ngay mai co gi", "day"),
    ("lễ khai mạc khi nào", "unit"),  # "Tuần lễ diễn ra khi nào?": the opening is on 01/10
    ("don vi to chuc", "bodies"),
    ("asdfghjkl", "unknown"),
    ("😀😀😀", "smalltalk"),  # (round 33 c: laughing faces alone are a laugh, an ok)
    ("😐", "unknown"),
    ("'; DROP TABLE users; --", "unknown"),
    ("", "empty"),
]


@pytest.fixture(scope="module")
def router(edition: Edition) -> Router:
    return Router(edition, REGISTRY.commands())


@pytest.mark.parametrize(("text", "feature"), CASES)
def test_free_text_reaches_the_feature(router: Router, text: str, feature: str) -> None:
    assert router.route(clean(text), TODAY).feature == feature


def test_table_is_large_and_half_without_diacritics() -> None:
    assert len(CASES) >= 40
    ascii_only = [t for t, _ in CASES if t.isascii() and t.strip()]
    assert len(ascii_only) >= len(CASES) // 2 - 5


@pytest.mark.parametrize(
    ("command", "route"),
    [
        ("/start", Route("start")),
        ("/start cuocthi", Route("start", "cuocthi")),
        ("/lich", Route("schedule")),
        ("/lich 03/10", Route("day", "03/10")),
        ("/homnay", Route("today")),
        ("/sapdienra", Route("next")),
        ("/khoahoc khoa-hoc", Route("courses", "khoa-hoc")),
        ("/LIENHE", Route("contacts")),
        ("/lienhe@hoctap_test_bot", Route("contacts")),
        ("/khongco", Route("unknown_command", "khongco")),
        # slashes and spaces typed by mistake before the name
        ("/ lich", Route("schedule")), ("//homnay", Route("today")),
        ("/  lienhe", Route("contacts")), ("/", Route("unknown_command", "")),
        ("/Thời tiết", Route("unknown_command", "Thời")),
    ],
)
def test_commands(router: Router, command: str, route: Route) -> None:
    assert router.route(command, TODAY) == route


@pytest.mark.parametrize(("typed", "feature"), [
    ("/số điện thoại", "contacts"), ("/lịch hôm nay ạ", "day"), ("/cuoc thi", "contest"),
    ("/thu vien", "library"),
])
def test_words_after_a_slash_are_read_as_a_message(router: Router, typed: str,
                                                   feature: str) -> None:
    """A citizen who types "/" and then words (a button's habit) gets the answer they ask."""
    assert router.route(typed, TODAY).feature == feature


def test_decomposed_input_is_understood(router: Router) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Lịch hôm nay")
    assert nfd != "Lịch hôm nay"
    assert router.route(clean(nfd), TODAY).feature == "today"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("lich 03/10", date(2020, 10, 3)),
        ("lịch ngày 5-10-2020", date(2020, 10, 5)),
        ("ngay 7 co gi", date(2020, 10, 7)),
        ("chủ nhật có gì", date(2020, 10, 4)),  # 04/10/2020 was a Sunday
        ("thu hai co su kien gi", date(2020, 10, 5)),
        ("ngày mai có gì", date(2020, 10, 2)),
    ],
)
def test_days_in_free_text(router: Router, text: str, day: date) -> None:
    assert router.route(clean(text), TODAY) == Route("day", day.isoformat())


def named_features(text: str, edition: Edition) -> set[str]:
    """The answers `text` names besides the FAQ: a feature by one of its lexicon phrases, a
    resource category or an event by one of its own keywords, and a day's schedule when it
    names a day."""
    words = f" {' '.join(tokens(text))} "

    def said(phrase: str) -> bool:
        return f" {' '.join(tokens(phrase))} " in words

    named = {intent_route(i.id)[0] for i in edition.lexicon.intents
             for p in (*i.phrases, *i.alone) if said(p)}
    named |= {"courses" for c in edition.categories for k in c.keywords if said(k)}
    named |= {"event" for e in edition.events for k in e.keywords if said(k)}
    if "schedule" in named or find_day(text, edition, TODAY) is not None:
        named.add("day")
    return named


def test_faq_keywords_from_content(router: Router, edition: Edition) -> None:
    """Each FAQ keyword typed alone reaches that entry's answer, or the feature or item its own
    words name ("liên hệ" opens the contacts, "sách điện tử" that category of resources); each
    question typed as written reaches its entry, so no entry is left unreachable."""
    for entry in edition.faq:
        for keyword in entry.keywords:
            route = router.route(clean(keyword), TODAY)
            if route != Route("unit", f"faq:{entry.id}"):
                assert route.feature in named_features(keyword, edition), (entry.id, keyword,
                                                                           route)
        for question in (entry.question.vi, entry.question.en or entry.question.vi):
            assert router.route(clean(question), TODAY) == Route("unit", f"faq:{entry.id}"), \
                question


@pytest.mark.parametrize(("text", "route"), [
    ("ＬＩＣＨ ＨＯＭ ＮＡＹ", Route("today")),  # full-width letters
    ("ｌịｃｈ ｍａｉ", Route("day", "2020-10-02")),
    ("lịch ngày ３/１０", Route("day", "2020-10-03")),  # full-width digits
])
def test_compatibility_forms_read_as_the_letters_they_show(router: Router, text: str,
                                                           route: Route) -> None:
    assert router.route(clean(text), date(2020, 10, 1)) == route


@pytest.mark.parametrize(("arg", "parsed"), [
    ("lich 2020-10-03 2", ("/lich 2020-10-03", 2)), ("cuocthi 2", ("/cuocthi", 2)),
    ("/lich 2", ("/lich", 2)), ("//quantri 2", ("/quantri", 2)), ("trogiup", ("/trogiup", 1)),
    ("", ("/", 1)),
])
def test_more_reads_its_command_once_however_typed(arg: str, parsed: tuple[str, int]) -> None:
    """/xemthem's argument, from its button or typed by hand ("/xemthem /lich 2"): the command
    it pages, with one slash (the answer to a command that does not page named '//quantri')."""
    assert parse_more(arg) == parsed
