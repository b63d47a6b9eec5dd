"""Round 15 (a) of issue 15: a unit or its staff (a school, a kindergarten, a library, a
community learning centre, a cultural house, a club, a commune or ward committee, an
association, a teacher) asking what it must or should do for the Week, or about the results
report (who sends it, where, by when, must we send one). The phrasings are written for these
tests, before the bot was asked them, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

# what a unit does for the Week: the FAQ entry, or the organizing bodies
TAKE_PART = frozenset({"faq:don-vi-tham-gia", "bodies"})
REPORT = frozenset({"faq:han-bao-cao"})

_UNIT_ASKS = [
    "trường thcs của em cần làm gì để hưởng ứng tuần lễ học tập suốt đời",
    "trg thcs chung toi phai lam gi trong tuan le",
    "trường mẫu giáo cần chuẩn bị gì cho Tuần lễ học tập suốt đời",
    "thu vien truong em muon tham gia tuan le thi can lam thu tuc gi",
    "ttht cđ phường mình phải làm gì trong tuần lễ",
    "trung tam hoc tap cong dong xa can lam gi de huong ung tuan le",
    "nvh tổ dân phố có cần tổ chức gì cho tuần lễ không",
    "nha van hoa khu pho huong ung tuan le nhu the nao",
    "ubnd xã cần triển khai tuần lễ học tập thế nào",
    "ủy ban phường phải làm những gì trong tuần lễ học tập suốt đời",
    "chi hội khuyến học thôn tham gia tuần lễ thế nào ạ",
    "hoi khuyen hoc xa can lam gi cho tuan le hoc tap",
    "clb thơ của phường muốn hưởng ứng tuần lễ thì làm thế nào",
    "câu lạc bộ dưỡng sinh xã muốn tham gia tuần lễ cần thủ tục gì không",
    "giáo viên chúng tôi cần làm gì trong tuần lễ học tập suốt đời",
    "gv tieu hoc phai lam gi de huong ung tuan le",
    "trường thpt có bắt buộc tổ chức hoạt động trong tuần lễ không",
    "truong mam non co phai dang ky tham gia tuan le khong a",
    "co quan minh muon tham gia tuan le hoc tap thi bat dau tu dau",
    "trường đại học hưởng ứng tuần lễ học tập suốt đời như thế nào",
    "thư viện huyện nên tổ chức gì để hưởng ứng tuần lễ",
    "thu vien xa can lam gi trong tuan le hoc tap suot doi",
    "hội phụ nữ phường muốn tham gia tuần lễ thì phải làm gì",
    "đoàn thanh niên xã tham gia tuần lễ học tập cần làm những gì",
    "phòng giáo dục quận phải triển khai tuần lễ thế nào",
    "trường em có phải lập kế hoạch tuần lễ không ạ",
    "doanh nghiệp muốn đồng hành cùng tuần lễ thì làm sao",
]

_REPORT_ASKS = [
    "trường gửi báo cáo tuần lễ về đâu ạ",
    "trg thcs nop bc tuan le cho ai",
    "bc ket qua tuan le gui ve dau vay ad",
    "ubnd phường nộp báo cáo tuần lễ hạn cuối ngày nào",
    "ttht cd xa co phai gui bc khong a",
    "thu vien quan co phai nop bao cao tuan le khong",
    "nvh thôn gửi báo cáo kết quả cho ai",
    "hội khuyến học xã gửi bc lên sở hay lên hội thành phố",
    "báo cáo tuần lễ học tập nộp trước ngày mấy",
    "mam non chung em gui bc qua email nao",
    "gv có phải làm báo cáo tuần lễ không ạ",
    "bao cao tuan le gui cho so gd hay phong gd",
    "khi nào hết hạn nộp bc tuần lễ",
    "truong minh nop bao cao muon co sao khong",
    "clb gửi bc tuần lễ ở đâu",
    "trường tiểu học báo cáo kết quả tuần lễ thế nào, gửi ai",
    "uy ban xa gui bc tuan le hoc tap qua buu dien ve dia chi nao",
    "đơn vị em phải báo cáo số liệu gì sau tuần lễ",
    "cho hỏi bc tuần lễ của trường gửi về phòng gdtx hay hội khuyến học",
]

# phrasings the rules of this round do not read yet: strict, so a fix shows
# (round 17 a: "… gửi về phòng gdtx hay hội khuyến học" is read, Understander._destination)
_STILL: dict[str, str] = {}


def _cases(texts: list[str], expected: frozenset[str]) -> list[object]:
    return [pytest.param(t, expected, marks=pytest.mark.xfail(reason=_STILL[t], strict=True))
            if t in _STILL else pytest.param(t, expected) for t in texts]


@pytest.mark.parametrize(("text", "expected"), _cases(_UNIT_ASKS, TAKE_PART))
def test_a_unit_asks_what_to_do(understander: Understander, text: str,
                                expected: frozenset[str]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), _cases(_REPORT_ASKS, REPORT))
def test_a_unit_asks_about_the_report(understander: Understander, text: str,
                                      expected: frozenset[str]) -> None:
    assert answer(understander, text) in expected
