"""Round 32 (a) of issue 15: the Week's ordinary questions asked plainly in words the content
does not use.

Citizens ask for the bot's base answers (the theme, the activities, a day, the next event, an
event by name, contacts, the organisers, fees, reminders, the contest, courses and open
resources, the reading programmes, the safe-Internet classes, the forums, the report) in their
own words: a synonym ("lễ ra mắt" for the opening ceremony, "quy chế" for the contest's rules,
"kệ sách" for the classroom bookshelf, "bảng vàng" for the leaderboard), an everyday word
("tiết mục", "lát nữa", "ghi tên"), an indirect opening ("cho mình hỏi chút về…", "muốn biết
thêm về…") or the thing's purpose. The round mended such words as families in the lexicon (a
synonym read as the content's head word), so these blind cases are other members of each family
than the round's corpus lines. Guards: the same new words about another thing stay "dont_know".
Figures in BENCHMARKS §8.113.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

OPENING = "event:khai-mac / day:2020-10-01"
FORUMS = "event:dien-dan-cong-dan-hoc-tap / event:dien-dan-cong-dan-toan-cau / clarify"
WEEK = "faq:tuan-le-la-gi / theme"
THEME = "theme / faq:chu-de"
ACTIVITIES = "activities / faq:hoat-dong"
CONTACTS = "contacts / faq:lien-he"
CONTEST = "contest / faq:cuoc-thi"
TAKE = "contest_take / contest / faq:cuoc-thi"
SUBSCRIBE = "subscribe / faq:nhac-lich"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
SAFE = "faq:internet-an-toan / event:tap-huan-internet-hoc-sinh / event:tap-huan-internet-cbcnv"
BOOKSHELF = "programme:tu-sach-lop-hoc / library / event:tu-sach-lop-hoc"
REPORT = "faq:han-bao-cao / bodies"

# A synonym of the content's head word (one family a line: the word the content does not use).
SYNONYMS = [
    ("le ra mat tuan le o dau", OPENING),                    # ra mắt: khai mạc
    ("lễ khởi động tuần lễ học tập mấy giờ", OPENING),       # khởi động
    ("le khai truong tuan le", OPENING),                      # khai trương
    ("buoi khep lai tuan le to chuc o dau", "event:tong-ket"),  # khép lại: bế mạc
    ("buổi lễ kết thúc tuần lễ ở đâu", "event:tong-ket"),
    ("hoi thao truc tuyen cua tuan le xem o dau", FORUMS),     # hội thảo trực tuyến: diễn đàn
    ("buoi noi chuyen online ve cong dan hoc tap", "event:dien-dan-cong-dan-hoc-tap"),
    ("tọa đàm trên mạng về công dân học tập mấy giờ", "event:dien-dan-cong-dan-hoc-tap"),
    ("chu diem cua tuan le nam nay", THEME),                  # chủ điểm: chủ đề
    ("tuan le nam nay de cao dieu gi", THEME),                # đề cao: thông điệp
    ("quy che cuoc thi cong dan hoc tap", CONTEST),           # quy chế: thể lệ
    ("điều lệ cuộc thi thế nào", CONTEST),
    ("quy dinh lam bai the nao", CONTEST),
    ("bang vang cuoc thi o dau", "leaderboard"),               # bảng vàng: bảng xếp hạng
    ("danh sach nguoi chien thang", "leaderboard"),            # người chiến thắng: đạt giải
    ("ai thang thi duoc gi", CONTEST),                         # thắng được gì: giải thưởng
    ("xoa dang ky nhan tin giup toi", "unsubscribe"),          # xóa đăng ký: hủy đăng ký
    ("rút đăng ký nhắc lịch", "unsubscribe"),
    ("bo theo doi lich su kien", "unsubscribe"),
    ("ke sach cho lop hoc la phong trao gi", BOOKSHELF),       # kệ sách: tủ sách
    ("tu truyen lop hoc", BOOKSHELF),
    ("sach mem doc o dau", "courses:sach-dien-tu"),            # sách mềm: sách điện tử
    ("tuan le co nhung tiet muc nao", ACTIVITIES),             # tiết mục: hoạt động
    ("chu nhat nay co muc gi", "day:2020-10-04"),              # có mục gì
    ("hom nay co tiet muc gi", "day:2020-10-01"),
    ("ti nua co gi", "next"),                                  # tí nữa: sắp tới
    ("chốc nữa có sự kiện gì", "next"),
    ("toi muon ghi ten du thi", TAKE),                         # ghi tên: đăng ký
    ("bao danh cuoc thi o dau", TAKE),
    ("hoc qua dien thoai o dau", COURSES),                     # học qua điện thoại: trên mạng
    ("muon hoc tren internet thi vao dau", COURSES),
    ("phai bo ra bao nhieu tien", "faq:chi-phi"),              # bỏ ra: mất tiền
    ("tap huan an ninh mang", SAFE),                           # an ninh mạng: an toàn
    ("thoi khoa bieu tuan le", "schedule"),
    ("ai cung vao duoc a", "faq:ai-tham-gia"),
    ("bao cao tong ket gui cho ai", REPORT),
    ("dien dan cong dan the gioi", "event:dien-dan-cong-dan-toan-cau"),
    ("dien dan ve cong dan the gioi", "event:dien-dan-cong-dan-toan-cau"),
]

# An indirect opening ("cho mình hỏi chút về…", "muốn biết thêm về…", "hiểu hơn về…"): typed
# without marks, its "ve" is "về", not the fee's "vé".
INDIRECT = [
    ("cho minh hoi mot chut ve tuan le hoc tap suot doi", WEEK),
    ("cho em hoi 1 chut ve tuan le", WEEK),
    ("muon tim hieu mot chut ve cuoc thi", CONTEST),
    ("cho toi biet them chut ve thu vien", "library / faq:doc-sach"),
    ("ke cho minh nghe ve thu vien 50k", "programme:thu-vien-50k / library / event:thu-vien-50k"),
    ("hoi ti xiu ve cuoc thi", CONTEST),
    ("minh muon hieu hon ve tuan le hoc tap", WEEK),
    ("gioi thieu qua ve tuan le", WEEK),
    ("muon tim hieu them ve tuan le hoc tap suot doi", WEEK),
    ("tuan hoc tap nay la gi the", WEEK),
]

# Asked through what the thing does, or through a condition ("có sự kiện thì nhắc mình").
PURPOSE = [
    ("co su kien thi nhac minh voi", SUBSCRIBE),
    ("khi nao co su kien thi bao cho toi", SUBSCRIBE),
    ("co hoat dong thi nhan cho em nhe", SUBSCRIBE),
    ("tuan le bay ra nhung gi", ACTIVITIES),
    ("thứ bày có gì", "day:2020-10-03"),  # "bày" of "bày ra" stays a slip of "bảy" alone
    ("năm nay tuần lễ bày ra những thứ gì", ACTIVITIES),
    ("nguoi dan tham gia duoc nhung gi", ACTIVITIES),
    ("o dau cho muon sach khong mat tien", "library / faq:doc-sach"),
    ("hoc cach len mang khong bi lua", SAFE),
    ("thu hai tuan sau co tiet muc gi", "day:2020-10-05"),
    ("cho em xin thong tin lien lac", CONTACTS),
    ("sap co su kien thi nhan tin cho toi nhe", SUBSCRIBE),
]

# Guards: the new words about another thing.
GUARDS = [
    ("lễ ra mắt sản phẩm mới của vinfast ở đâu", "dont_know"),
    ("hội thảo trực tuyến của công ty bảo hiểm mấy giờ", "dont_know"),
    ("quy chế thi tốt nghiệp thpt năm nay", "dont_know"),
    ("bảng vàng học sinh giỏi trường trần phú", "dont_know"),
    ("điều lệ giải bóng đá phường", "dont_know"),
    ("lát nữa trời có mưa không", "dont_know"),
    ("tiết mục văn nghệ của trường con tôi mấy giờ", "dont_know"),
    ("kệ sách gỗ mua ở đâu rẻ", "dont_know"),
    ("ghi tên học lớp múa ở nhà văn hóa", "dont_know"),
    ("tọa đàm trực tuyến về chứng khoán tối nay", "dont_know"),
    ("bỏ ra bao nhiêu để mua xe máy cũ", "dont_know"),
    ("cách tính điểm thi vào lớp 10 hải phòng", "dont_know"),
    ("luật chơi cờ tướng", "dont_know"),
    ("tuần lễ kết thúc ngày nào", "faq:thoi-gian / schedule / event:tong-ket"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    # (round 35 mended "nguoi dan tham gia duoc nhung gi", what to take part in asked with
    # "gì": _what_to_do; and "sap co su kien thi nhan tin cho toi nhe", a request to be told
    # when something happens: _told_when_it_happens)
    "dien dan ve cong dan the gioi": (
        "event:dien-dan-cong-dan-hoc-tap: 'diễn đàn về công dân' is expanded first (longest "
        "match from its first word), so 'công dân thế giới' is no longer read as a whole"),
}


@pytest.mark.parametrize(("text", "expected"), with_left(SYNONYMS, LEFT))
def test_synonym(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(INDIRECT, LEFT))
def test_indirect(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(PURPOSE, LEFT))
def test_purpose(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
