"""The shipped edition is valid and faithful to the letter; broken editions are reported."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from content import ContentError, Edition, default_edition_path, load_edition

SHIPPED = default_edition_path("2020")


def test_shipped_edition_matches_the_letter(edition: Edition) -> None:
    assert edition.theme.vi == "Chuyển đổi số thúc đẩy Học tập suốt đời"
    assert (edition.start, edition.end, edition.opening) == (
        date(2020, 10, 1), date(2020, 10, 7), date(2020, 10, 1))
    assert edition.report.deadline == date(2020, 10, 15)
    assert edition.report.email == "dohonghai@haiphong.edu.vn"
    phones = {p for c in edition.contacts for p in c.phones}
    assert {"(02253)810486", "0913575506", "02253.747533"} <= phones
    assert any("22 Lê Đại Hành" in (c.address or "") for c in edition.contacts)
    assert {a.section for a in edition.activities} == {"4a", "4b", "4c"}
    assert {b.id for b in edition.bodies} and len(edition.bodies) >= 3


def test_shipped_schedule_covers_every_day(edition: Edition) -> None:
    assert edition.schedule_is_sample
    for day in edition.days():
        assert edition.events_on(day), f"no event on {day}"
    opening = [e for e in edition.events if e.start.date() == edition.opening]
    assert opening and any(e.remind for e in opening)
    titles = " ".join(e.title.vi.lower() for e in edition.events)
    for needed in ("khai mạc", "internet", "tủ sách lớp học", "thư viện 50k"):
        assert needed in titles, needed


def test_shipped_resources_cover_the_categories(edition: Edition) -> None:
    assert {c.id for c in edition.categories} == {
        "khoa-hoc", "sach-dien-tu", "bai-giang", "ky-nang-so", "van-hoa-doc"}
    assert all(r.url.startswith("https://") for r in edition.resources)


def test_every_shipped_string_is_nfc() -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for path in SHIPPED.glob("*.toml"):
        for s in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            assert unicodedata.normalize("NFC", s) == s, (path.name, s)


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str, str, str], Path]:
    """Copy the shipped edition and replace one snippet of one file."""
    target = tmp_path / "2020"
    shutil.copytree(SHIPPED, target)

    def apply(file: str, old: str, new: str) -> Path:
        path = target / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return target

    return apply


def _problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_edition(path)
    return [str(p) for p in info.value.problems]


def _first_event_id() -> str:
    data = tomllib.loads((SHIPPED / "schedule.toml").read_text(encoding="utf-8"))
    return data["events"][0]["id"]


def test_end_before_start(broken: Callable[[str, str, str], Path]) -> None:
    data = tomllib.loads((SHIPPED / "schedule.toml").read_text(encoding="utf-8"))
    ev = data["events"][0]
    end = ev["end"].strftime("%Y-%m-%dT%H:%M:%S")
    early = ev["start"].replace(hour=max(ev["start"].hour - 1, 0)).strftime("%Y-%m-%dT%H:%M:%S")
    path = broken("schedule.toml", f"end = {end}", f"end = {early}")
    problems = _problems(path)
    assert any(p.startswith(f"schedule.toml: events[{ev['id']}]: end: kết thúc") for p in problems)


def test_event_outside_the_week(broken: Callable[[str, str, str], Path]) -> None:
    data = tomllib.loads((SHIPPED / "schedule.toml").read_text(encoding="utf-8"))
    ev = data["events"][-1]
    start = ev["start"].strftime("%Y-%m-%dT%H:%M:%S")
    path = broken("schedule.toml", f"start = {start}", "start = 2020-10-09T08:00:00")
    assert any(f"events[{ev['id']}]: start" in p and "nằm ngoài Tuần lễ" in p
               for p in _problems(path))


def test_duplicate_id(broken: Callable[[str, str, str], Path]) -> None:
    data = tomllib.loads((SHIPPED / "activities.toml").read_text(encoding="utf-8"))
    first, second = data["activities"][0]["id"], data["activities"][1]["id"]
    path = broken("activities.toml", f'id = "{second}"', f'id = "{first}"')
    assert any(p.startswith(f"activities.toml: activities[{first}]: id: trùng mã")
               for p in _problems(path))


def test_edition_facts_are_content(edition: Edition) -> None:
    """The letter's sections, the quiz topics, the opening activity and the reading resources
    are the edition's data, not constants in code: a new year names its own."""
    assert [(s.id, s.title.vi) for s in edition.sections] == [
        ("4a", "Thông tin, tuyên truyền"), ("4b", "Lễ khai mạc"),
        ("4c", "Hoạt động trực tiếp kết hợp trực tuyến")]
    assert set(edition.topics) == {q.topic for q in edition.questions}
    assert edition.opening_activity in {a.id for a in edition.activities}
    assert edition.reading_category in {c.id for c in edition.categories}


def test_a_new_edition_names_its_own_sections_and_topics(
        broken: Callable[[str, str, str], Path]) -> None:
    path = broken("quiz.toml", '"van-hoa-doc"]', '"van-hoa-doc", "an-toan-giao-thong"]')
    broken("quiz.toml", 'topic = "van-hoa-doc"', 'topic = "an-toan-giao-thong"')
    activities = path / "activities.toml"
    activities.write_text(activities.read_text(encoding="utf-8").replace('"4c"', '"4d"'),
                          encoding="utf-8")
    edition = load_edition(path)
    assert edition.sections[-1].id == "4d" and "an-toan-giao-thong" in edition.topics


def test_unknown_section_topic_and_opening_activity(
        broken: Callable[[str, str, str], Path]) -> None:
    broken("activities.toml", 'section = "4b"', 'section = "4x"')
    broken("quiz.toml", 'topic = "tuan-le"', 'topic = "the-thao"')
    broken("edition.toml", 'opening_activity = "khai-mac"', 'opening_activity = "le-mo-man"')
    path = broken("reading.toml", 'category = "van-hoa-doc"', 'category = "sach-noi"')
    problems = _problems(path)
    assert any(p.startswith("activities.toml: activities[") and ": section: phải là một trong "
               "4a, 4b, 4c; nhưng đang là 4x" in p for p in problems)
    assert any(p.startswith("quiz.toml: questions[") and ": topic: phải là một trong" in p
               and "the-thao" in p for p in problems)
    assert "edition.toml: [week]: opening_activity: không có hoạt động mã le-mo-man trong " \
        "activities.toml" in problems
    assert "reading.toml: category: không có nhóm mã sach-noi" in problems


def test_malformed_url(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("resources.toml", 'url = "https://', 'url = "htps//')
    assert any("resources.toml: resources[" in p
               and ": url: không phải địa chỉ http(s) hợp lệ" in p for p in _problems(path))


def test_missing_text(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("edition.toml", "theme = ", "theme_missing = ")
    problems = _problems(path)
    assert "edition.toml: [week]: theme: còn thiếu" in problems
    assert "edition.toml: [week]: theme_missing: trường không xác định" in problems


def test_text_not_nfc(broken: Callable[[str, str, str], Path]) -> None:
    nfd = unicodedata.normalize("NFD", "Chuyển đổi số thúc đẩy Học tập suốt đời")
    path = broken("edition.toml", '"Chuyển đổi số thúc đẩy Học tập suốt đời"', f'"{nfd}"')
    assert "edition.toml: [week]: theme: chưa ở dạng NFC (dấu tiếng Việt bị tách rời); " \
        "hãy lưu lại ở dạng NFC" in _problems(path)


def test_not_toml(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("faq.toml", "[[faq]]", "[[faq]")
    assert any(p.startswith("faq.toml: không đúng cú pháp TOML ở dòng") for p in _problems(path))


def test_a_file_saved_by_a_windows_editor_is_read(tmp_path: Path) -> None:
    """Notepad saves 'UTF-8' with a byte order mark, CRLF line ends, and tabs: the edition is
    the same (before: 'quiz.toml: không phải TOML hợp lệ: Invalid statement (at line 1,
    column 1)', at a character no editor shows)."""
    target = tmp_path / "2020"
    shutil.copytree(SHIPPED, target)
    for name in ("quiz.toml", "schedule.toml"):
        path = target / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    edition = load_edition(target)
    assert edition.questions == load_edition(SHIPPED).questions


@pytest.mark.parametrize(("raw", "expected"), [
    # A syntax error says where, in Vietnamese, and shows the line (tomllib's English was
    # shown, and every table of the file was then reported missing too).
    (lambda t: t.replace("remind = true", "remind = true,", 1),
     ["schedule.toml: không đúng cú pháp TOML ở dòng {line}, cột 14: “remind = true,” "
      "(thường do thiếu ngoặc kép, dấu = hay dấu ngoặc vuông, hoặc một tên được viết hai "
      "lần)"]),
    # Saved in another encoding (UTF-16, or an old Vietnamese one): which line, and what to do.
    (lambda t: t.encode("utf-16"),
     ["schedule.toml: không phải văn bản UTF-8 (có thể do lưu ở dạng UTF-16): hãy lưu lại "
      "tệp ở dạng UTF-8"]),
    (lambda t: t.encode("utf-8").replace("Lễ khai mạc".encode(), b"L\xd5 khai m\xb9c", 1),
     ["schedule.toml: không phải văn bản UTF-8 (ở dòng {line}): hãy lưu lại tệp ở dạng "
      "UTF-8"]),
])
def test_an_unreadable_file_is_one_problem_saying_where(
    tmp_path: Path, raw: Callable[[str], str | bytes], expected: list[str]
) -> None:
    target = tmp_path / "2020"
    shutil.copytree(SHIPPED, target)
    text = (SHIPPED / "schedule.toml").read_text(encoding="utf-8")
    broken = raw(text)
    data = broken if isinstance(broken, bytes) else broken.encode()
    mark = "remind = true" if b"remind = true," in data else "Lễ khai mạc"
    line = text[:text.index(mark)].count("\n") + 1
    (target / "schedule.toml").write_bytes(data)
    assert _problems(target) == [e.format(line=line) for e in expected]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    # Two options that show alike (a doubled space, a trailing space, a capital): a citizen
    # cannot tell the right one from the wrong one.
    ("quiz.toml", '"Ngày 07/10/2020", "Ngày 15/10/2020"',
     '"Ngày 07/10/2020", "ngày  07/10/2020 "',
     "quiz.toml: questions[q003]: options: các phương án phải khác nhau"),
    # A byte order mark left inside a title by files pasted together, a soft hyphen and a
    # zero-width space pasted from a document.
    ("schedule.toml", 'title = "Lễ khai mạc', 'title = "\ufeffLễ khai mạc',
     "schedule.toml: events[khai-mac]: title: có ký tự không hiện ra (U+FEFF) ở ký tự thứ 1: "
     "hãy xóa ký tự đó"),
    ("quiz.toml", '"Ngày 15/10/2020"', '"Ngày 15/10/\u00ad2020"',
     "quiz.toml: questions[q003]: options[3]: có ký tự không hiện ra (U+00AD) ở ký tự thứ 12: "
     "hãy xóa ký tự đó"),
    ("faq.toml", '"khẩu hiệu"', '"khẩu\u200bhiệu"',
     "faq.toml: faq[chu-de]: keywords[3]: có ký tự không hiện ra (U+200B) ở ký tự thứ 5: "
     "hãy xóa ký tự đó"),
])
def test_texts_that_show_alike_or_hide_characters(
    broken: Callable[[str, str, str], Path], file: str, old: str, new: str, expected: str
) -> None:
    assert expected in _problems(broken(file, old, new))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('answer = "B"', 'answer = "E"',
     "quiz.toml: questions[q001]: answer: phải là một trong A, B, C, D; nhưng đang là E"),
    ('answer = "B"', "answer = 2",
     "quiz.toml: questions[q001]: answer: phải là chuỗi, nhưng đang là số nguyên"),
    ('"Ngày 07/10/2020", "Ngày 15/10/2020"', '"Ngày 07/10/2020", "Ngày 07/10/2020"',
     "quiz.toml: questions[q003]: options: các phương án phải khác nhau"),
])
def test_one_mistake_in_a_question_is_one_problem(
    broken: Callable[[str, str, str], Path], old: str, new: str, expected: str
) -> None:
    """A question with a mistake was left out of the checks across questions, so its group
    was reported as having one question left (questions[q007]: exclusive: nhóm chu-de chỉ
    có một câu), an error in an entry the organizer did not touch."""
    assert _problems(broken("quiz.toml", old, new)) == [expected]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    # An entry refused for its own mistake is still there for the entries that name it
    # (before: every event of the activity, every resource of the category, the week's
    # opening activity reported 'không có ... mã ...' too).
    ("activities.toml", 'id = "khai-mac"\n', 'id = "khai-mac"\nbogus = 1\n',
     "activities.toml: activities[khai-mac]: bogus: trường không xác định"),
    ("resources.toml", 'id = "khoa-hoc"\n', 'id = "khoa-hoc"\ntitle_x = "x"\n',
     "resources.toml: categories[khoa-hoc]: title_x: trường không xác định"),
    ("edition.toml", 'kind = "quan"', "kind = 5",
     "edition.toml: units[hong-bang]: kind: phải là chuỗi, nhưng đang là số nguyên"),
    # A file that cannot be read: the entries of the others that name its entries are not
    # all reported (19 events named a unit of edition.toml).
    ("edition.toml", 'id = "so-gddt"\nkind = "so-nganh"',
     'id = "so-gddt"\nkind = 3\nkind = "so-nganh"',
     "edition.toml: không đúng cú pháp TOML ở dòng {line}, cột {column}: “kind = \"so-nganh\"”"
     " (thường do thiếu ngoặc kép, dấu = hay dấu ngoặc vuông, hoặc một tên được viết hai lần)"),
])
def test_a_refused_entry_is_not_reported_again_where_it_is_named(
    broken: Callable[[str, str, str], Path], file: str, old: str, new: str, expected: str
) -> None:
    problems = _problems(broken(file, old, new))
    assert len(problems) == 1, problems
    if "{line}" in expected:
        assert problems[0].startswith(expected.partition("{line}")[0]), problems
        assert problems[0].endswith(expected.partition("}: ")[2]), problems
    else:
        assert problems == [expected]


def test_wrong_type_and_every_problem_reported(broken: Callable[[str, str, str], Path]) -> None:
    broken("contest.toml", "questions_per_attempt = 10", 'questions_per_attempt = "mười"')
    path = broken("resources.toml", 'url = "https://', 'url = "ftp://')
    problems = _problems(path)
    assert "contest.toml: [contest]: questions_per_attempt: phải là số nguyên, nhưng đang là " \
        "chuỗi" in problems
    assert any("resources.toml" in p for p in problems)


def test_lexicon_problems_name_file_entry_and_field(
        broken: Callable[[str, str, str], Path]) -> None:
    """An organizer's slip in lexicon.toml is named like any other content problem."""
    broken("lexicon.toml", 'typed = ["dc", "đc",', 'typed = ["ko", "Đc",')
    broken("lexicon.toml", 'id = "next"', 'id = "thoi-tiet"')
    broken("lexicon.toml", '"trợ giúp", "hướng dẫn",', '"trợ giúp", "lịch",')
    path = broken("lexicon.toml", 'phrases = ["hỏi đáp",', 'phrases = ["hỏi đáp!",')
    problems = _problems(path)
    assert "lexicon.toml: abbreviations[được]: typed[0]: “ko” đã có ở abbreviations[không]" \
        in problems
    assert "lexicon.toml: abbreviations[được]: typed[1]: viết thường: Đc" in problems
    assert any(p.startswith("lexicon.toml: intents[thoi-tiet]: id: phải là một trong schedule,")
               for p in problems)
    assert "lexicon.toml: intents[help]: phrases[1]: “lịch” đã có ở intents[schedule]" \
        in problems
    assert "lexicon.toml: intents[faq]: phrases[0]: chỉ dùng chữ, chữ số và dấu cách: hỏi đáp!" \
        in problems


def test_a_word_said_alone_may_mean_several_intents_but_never_also_a_phrase(
        broken: Callable[[str, str, str], Path]) -> None:
    """"đăng ký" alone is in the `alone` of two intents (the bot asks which); a phrase of one
    intent may not be another's `alone`, nor an `alone` listed twice in one intent."""
    path = broken("lexicon.toml", 'alone = ["tiếng anh", "tiếng việt"]',
                  'alone = ["tiếng anh", "tiếng việt", "lịch", "tiếng anh"]')
    problems = _problems(path)
    assert "lexicon.toml: intents[language]: alone[2]: “lịch” đã có ở intents[schedule]" \
        in problems
    assert "lexicon.toml: intents[language]: alone[3]: “tiếng anh” đã có ở intents[language]" \
        in problems
    assert not any("đăng ký" in p for p in problems)


def test_item_keywords_are_strings(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("resources.toml", 'keywords = ["bài giảng",', 'keywords = [3, "bài giảng",')
    assert "resources.toml: categories[bai-giang]: keywords[0]: phải là chuỗi, nhưng đang là " \
        "số nguyên" in _problems(path)


@pytest.mark.parametrize(("new", "expected"), [
    ('keywords = ["liên kết thư viện", 5]',
     "reading.toml: programmes[hop-tac-thu-vien]: keywords[1]: phải là chuỗi, nhưng đang là số "
     "nguyên"),
    ('keywords = ["liên kết thư viện", " "]',
     "reading.toml: programmes[hop-tac-thu-vien]: keywords[1]: đang để trống"),
    ('keywords = ["liên kết thư viện", "Liên kết thư viện"]',
     "reading.toml: programmes[hop-tac-thu-vien]: keywords[1]: trùng từ khóa Liên kết thư viện"),
    ('keywords = "liên kết thư viện"',
     "reading.toml: programmes[hop-tac-thu-vien]: keywords: phải là danh sách chuỗi, nhưng "
     "đang là chuỗi"),
])
def test_programme_keywords_are_checked(broken: Callable[[str, str, str], Path], new: str,
                                        expected: str) -> None:
    # the programme's whole list of keywords, as shipped (organizers add to it: read it here)
    text = (SHIPPED / "reading.toml").read_text(encoding="utf-8")
    start = text.index('keywords = ["liên kết thư viện"')
    path = broken("reading.toml", text[start:text.index("]\n", start) + 1], new)
    assert expected in _problems(path)


def test_an_edition_needs_its_lexicon(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("faq.toml", "[[faq]]", "[[faq]]")
    (path / "lexicon.toml").unlink()
    assert "lexicon.toml: thiếu tệp" in _problems(path)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_cli_content_check_ok() -> None:
    result = _cli("content", "check", str(SHIPPED))
    assert result.returncode == 0, result.stderr
    assert "hợp lệ" in result.stdout


def test_cli_content_check_reports_and_fails(broken: Callable[[str, str, str], Path]) -> None:
    path = broken("resources.toml", 'url = "https://', 'url = "htps//')
    result = _cli("content", "check", str(path))
    assert result.returncode == 1
    assert "resources.toml: resources[" in result.stderr
    assert "Traceback" not in result.stderr


def test_bot_refuses_to_start_on_invalid_content(
    broken: Callable[[str, str, str], Path], tmp_path: Path
) -> None:
    path = broken("edition.toml", "theme = ", "theme_missing = ")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"], input="/start\n", capture_output=True,
        text=True, timeout=60, check=False, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOCTAP_BOT_CONTENT_DIR": str(path.parent)},
    )
    assert result.returncode == 1
    assert "edition.toml: [week]: theme: còn thiếu" in result.stderr
    assert "Traceback" not in result.stderr


def test_shipped_edition_is_local_and_truthful(edition: Edition) -> None:
    # The 15 quận/huyện of Hải Phòng (2020) are units, and the contest offers them.
    assert len(edition.districts) == 15 and edition.contest.districts == edition.districts
    assert all(edition.unit(e.unit) is not None for e in edition.events)
    # A named official's mobile and mailbox are for the units only.
    public = [c for c in edition.contacts if c.public]
    assert not any("0913575506" in c.phones or c.email for c in public)
    phones = [p for c in edition.contacts for p in c.phones]
    assert len(phones) == len(set(phones))  # each number once
    # No prize the organizers did not decide; the law in force, from content.
    assert edition.contest.prizes == ()
    assert edition.privacy_law is not None and "91/2025/QH15" in edition.privacy_law.vi
    # Enough questions, the overlapping ones grouped.
    assert len(edition.questions) >= 80
    groups = {q.id: q.exclusive for q in edition.questions}
    assert groups["q002"] == groups["q003"] is not None
    assert groups["q066"] == groups["q071"] == groups["q072"] is not None


def test_event_unit_and_district_are_checked(broken: Callable[[str, str, str], Path]) -> None:
    broken("schedule.toml", 'unit = "so-gddt"', 'unit = "so-khong-co"')
    path = broken("schedule.toml", 'unit = "thanh-pho"',
                  'unit = "thanh-pho"\ndistrict = "so-gddt"')
    problems = _problems(path)
    assert any(": unit: không có đơn vị mã so-khong-co" in p for p in problems)
    assert any(": district: so-gddt không phải mã một quận, huyện" in p for p in problems)


def test_a_lone_exclusive_group_and_no_public_contact(
        broken: Callable[[str, str, str], Path]) -> None:
    broken("quiz.toml", 'exclusive = "so-hoa"', 'exclusive = "mot-minh"')
    path = broken("edition.toml", 'phones = ["(02253)810486"]',
                  'phones = ["(02253)810486"]\npublic = false')
    text = (path / "edition.toml").read_text(encoding="utf-8")
    (path / "edition.toml").write_text(text.replace(
        'phones = ["02253.747533"]', 'phones = ["02253.747533"]\npublic = false'),
        encoding="utf-8")
    problems = _problems(path)
    assert any("exclusive: nhóm mot-minh chỉ có một câu" in p for p in problems)
    assert any("contacts: cần ít nhất một đầu mối public = true" in p for p in problems)


def test_cli_content_check_warns_about_a_sample_schedule_and_a_short_time(
        broken: Callable[[str, str, str], Path]) -> None:
    path = broken("contest.toml", "seconds_per_question = 60", "seconds_per_question = 20")
    result = _cli("content", "check", str(path))
    assert result.returncode == 0, result.stderr
    assert "Cảnh báo: schedule.toml: sample: đây là lịch mẫu" in result.stderr
    assert "Cảnh báo: contest.toml: [contest]: seconds_per_question: 20 giây ngắn hơn" \
        in result.stderr


def test_an_edition_is_read_again_whenever_a_file_changes(tmp_path: Path) -> None:
    """Loaded once per state of its files (the console's content page and every app of a
    process share it); an organizer's edit, a file added or removed, is always seen."""
    path = tmp_path / "2020"
    shutil.copytree(SHIPPED, path)
    first = load_edition(path)
    assert load_edition(path) is first  # the same files: not parsed again
    faq = path / "faq.toml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace(first.faq[0].question.vi, "Câu hỏi đã sửa?", 1),
                   encoding="utf-8")
    changed = load_edition(path)
    assert changed is not first and changed.faq[0].question.vi == "Câu hỏi đã sửa?"
    (path / "extra.toml").write_text("", encoding="utf-8")
    with pytest.raises(ContentError):  # a file added: read again, and refused
        load_edition(path)
    (path / "extra.toml").unlink()
    faq.write_text(text, encoding="utf-8")
    assert load_edition(path).faq[0].question.vi == first.faq[0].question.vi


def test_together_names_answers_of_the_examples(
        broken: Callable[[str, str, str], Path], edition: Edition) -> None:
    """examples.toml's [together] (scripts/examples_from_corpus.py): each answer one the
    examples name, never an action or "no information"."""
    assert ("contacts", ("faq:lien-he",)) in edition.together
    path = broken("examples.toml", '"contacts" = ["faq:lien-he"]',
                  '"contacts" = ["faq:lien-he", "subscribe", "dont_know"]')
    assert any(p.startswith("examples.toml: [together]: contacts: ")
               and "subscribe, dont_know" in p for p in _problems(path))
