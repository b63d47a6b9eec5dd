"""Round 20 (d) of issue 15: off-topic near misses and small talk.

Citizens ask the Week's bot about things that share its words but that it has no information
on (a football match, "thi đấu"; the electricity company, "điện lực"; a factory hiring) and
chat with it in forms it did not read (thanks typed "c.on", "uki" for ok, a call by a word for
a person alone: "cô ơi", thanks followed by what the writer will do: "để em gửi báo cáo",
leaving: "em đi làm đây", praise: "bot giỏi quá").
What the user gets: "no information" for the first, the small-talk line for the second, and
the Week's answer still for a real question typed with the same letters ("gọi điện lúc mấy
giờ", "thi ở đâu"). The phrasings were written for these tests before the fixes, not taken
from the corpus; the results before the round are in BENCHMARKS §8.37.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

SMALL_TALK = [
    # thanks typed as a dotted shorthand ("c.ơn"): not "con" (a child)
    ("c.on nhe", "smalltalk:thanks"),
    ("c.ơn bạn nhiều", "smalltalk:thanks"),
    ("e c.on a", "smalltalk:thanks"),
    ("ok c.on ad", "smalltalk:thanks"),
    ("c.on bot nha", "smalltalk:thanks"),
    # "uki", typed as it is said, is ok
    ("uki ad", "smalltalk:ok"),
    ("ukie", "smalltalk:ok"),
    ("uki nha", "smalltalk:ok"),
    # a call by a word for a person alone greets
    ("chu oi", "smalltalk:greeting"),
    ("chị ơi", "smalltalk:greeting"),
    ("bác ơi", "smalltalk:greeting"),
    ("anh oi", "smalltalk:greeting"),
    ("em ơi", "smalltalk:greeting"),
    ("co oi co", "smalltalk:greeting"),
    # thanks, then what the writer will do next ("để em …", "mình sẽ …"): nothing is asked
    ("cảm ơn ad, để em báo lại với lớp", "smalltalk:thanks"),
    ("dạ em cảm ơn, để em gửi lịch cho phụ huynh", "smalltalk:thanks"),
    ("cam on nhe, toi se tham gia cuoc thi", "smalltalk:thanks"),
    ("cảm ơn bot, mai mình sẽ đến thư viện", "smalltalk:thanks"),
    # leaving: "thôi" before a greeting, or going now to do something ("đi … đây")
    ("thoi chau chao bac a", "smalltalk:goodbye"),
    ("mình đi làm đây, chào nhé", "smalltalk:goodbye"),
    ("thôi em đi học đây", "smalltalk:goodbye"),
    ("e di nau com day ad", "smalltalk:goodbye"),
    ("thoi nhe, chao ban", "smalltalk:goodbye"),
    # praise of the bot
    ("giỏi quá bot ơi", "smalltalk:ok"),
    ("bot xịn thế", "smalltalk:ok"),
    ("ad giỏi ghê", "smalltalk:ok"),
    ("đỉnh quá bot", "smalltalk:ok"),
    ("bot gioi that", "smalltalk:ok"),
]

NO_INFORMATION = [
    # another city's or province's library (read since round 23f: lexicon other_places, said
    # after the thing it owns; "tôi ở hà nội có thi được không" is still the contest's)
    "thư viện hà nội mở cửa chủ nhật không",
    "thu vien hai duong co cho muon sach khong",
    # sports, typed with marks: "thi đấu", "trận đấu", "giải đấu" are no contest of the Week
    "lịch thi đấu bóng rổ tuần này",
    "tối nay việt nam thi đấu mấy giờ",
    "đội hải phòng thi đấu ở sân lạch tray à",
    "giải đấu cờ tướng phường tổ chức khi nào",
    "cầu lông ở nhà văn hóa mấy giờ mở",
    # the electricity company, typed with marks: its number is not the organisers'
    "điện lực kiến an ở đâu",
    "số tổng đài điện lực hải phòng",
    "công ty điện lực khi nào đến sửa",
    "điện lực báo cắt điện mấy giờ",
    "gọi điện lực để báo sự cố",
    # hiring: a company is no unit taking part in the Week
    "cty nào đang tuyển công nhân",
    "tuyển nhân viên bán hàng ở lê chân",
    "xưởng gỗ có tuyển thợ không",
    "cần tuyển người làm part time",
    "có chỗ nào tuyển lao động phổ thông không",
    # a private English centre
    "cho con học trung tâm anh ngữ nào bây giờ",
    "trung tâm anh ngữ nào ở lê chân uy tín",
    # (read since round 23a: "thư viện hà nội" is an elsewhere phrase)
    "thư viện hà nội mở cửa chủ nhật không",
]

# Lines still answered wrongly: text -> why (each stays an xfail(strict=True)).
STILL_WRONG: dict[str, str] = {
    "trận đấu tối nay mấy giờ":
        "'trận' is known only typed with its marks (typed 'tran' it stays unknown, so 'ket "
        "qua thi ... tran phu' keeps no answer), and the repairer still reads it 'trang'",
    # ("hoc ielts o trung tam nao tot": no information since round 34a, "trung tâm nào tốt"
    # a centre chosen, lexicon.toml)
}

# The same letters asking the Week: they keep its answer.
THE_WEEK = [
    ("gọi điện lúc mấy giờ thì gặp được ban tổ chức", "contacts"),
    ("goi dien luc nao thi duoc", "contacts"),
    ("thi ở đâu vậy ad", "contest"),
    ("cuoc thi thi dau vay", "contest"),
    # (a strict xfail of the second opinion from round 28b's examples until BENCHMARKS §8.96's
    # training: the model's contest 0.51, who may take part 0.44; then faq:ai-tham-gia from
    # round 29a's lines of who may take part until round 33b's examples: a knife's edge)
    pytest.param("tôi ở hà nội có tham gia cuộc thi được không", "faq:cuoc-thi",
        marks=pytest.mark.xfail(strict=True, reason=(
        "contest with round 38's examples (§8.157): the vote's contest 0.69 against who may take "
        "part 0.30"))),
    ("thư viện thành phố mở cửa mấy giờ", "library"),
    ("tập huấn internet cho công nhân viên chức khi nào", "event:tap-huan-internet-cbcnv"),
    ("doan xe tuyen truyen chay luc may gio", "event:doan-xe-luu-dong"),
    ("okela bạn ơi", "smalltalk:ok"),
    # after thanks, a question is still asked
    ("cảm ơn ad, cho em hỏi thi ở đâu", "contest"),
    ("cảm ơn, thế mai có gì không", "day:2020-10-02"),
    ("cam on, vay bao cao gui ve dau a", "faq:han-bao-cao"),
    ("em sẽ tham gia cuộc thi thế nào", "faq:cuoc-thi"),
    ("chào, mai có gì", "day:2020-10-02"),
    ("đi đâu chơi", "schedule"),
    ("trung tâm học tập cộng đồng có hoạt động gì", "event:khong-gian-doc"),
    ("học tiếng anh online ở đâu", "courses:khoa-hoc"),
    # where the contest is held: the contest, not one of the two events named after it
    ("thi cong dan hoc tap o dau the ad", "contest"),
    ("làm bài thi công dân học tập ở chỗ nào", "contest"),
    ("cuoc thi cdht dien ra o dau", "contest"),
]


@pytest.mark.parametrize(("text", "expected"), SMALL_TALK)
def test_small_talk_gets_small_talk(understander: Understander, text: str,
                                    expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", [
    *NO_INFORMATION,
    *(pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=why))
      for t, why in STILL_WRONG.items()),
])
def test_off_topic_gets_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), THE_WEEK)
def test_the_week_keeps_its_answer(understander: Understander, text: str,
                                   expected: str) -> None:
    assert answer(understander, text) == expected
