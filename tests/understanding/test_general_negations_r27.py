"""Round 27 (b) of issue 15: negations, corrections, exclusions and comparisons as citizens
write them.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches. What must hold (BENCHMARKS §8.84):
- a correction answers what is asked after it, not what is set aside ("không phải lịch, mình
  hỏi số điện thoại");
- an exclusion's item is never the answer ("ngoài X ra", "trừ X", "bỏ qua X", "không tính X");
- a negation does not flip the answer into its opposite: stopping the reminders is no
  subscribing ("khỏi nhắc", "đừng nhắn", "không cần gửi nữa"), "không mất phí" asks the fee;
- a comparison is answered by what both share (the fee, who may take part, the reading list)
  or a question back, not by one side alone;
- "chưa … thì", "không có … thì" ask of the condition's subject;
- near misses: a correction or an exclusion that leaves the Week for a subject elsewhere.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

FEE = "faq:chi-phi"
WHO = "faq:ai-tham-gia"
CONTACTS = "contacts / faq:lien-he"
ACTIVITIES = "activities / faq:hoat-dong"
READING = "library / faq:doc-sach"
CONTEST = "contest / faq:cuoc-thi"
NO = "dont_know"

CORRECTIONS = [
    ("không phải hỏi cuộc thi, tôi cần địa chỉ hội khuyến học", CONTACTS),
    ("ko phai chu de, e hoi tuan le keo dai bao lau", "faq:thoi-gian / schedule"),
    ("nhầm, ý em là thư viện chứ không phải khóa học", READING),
    ("y minh la phi tham gia ay, ko phai lich", FEE),
    ("không, tôi hỏi bảng xếp hạng cơ", "leaderboard / contest"),
    ("k phai hom nay, y la thu 2 tuan sau", "day:2020-10-05"),
    ("sai rồi, tôi muốn hỏi ai được tham gia chứ không hỏi đăng ký", WHO),
    ("ko phai nhan tin nhac, e muon huy", "unsubscribe"),
]

EXCLUSIONS = [
    ("ngoài đọc sách ra tuần lễ có hoạt động gì khác", ACTIVITIES),
    ("ngoai le khai mac con su kien nao khac ko ad", "schedule / " + ACTIVITIES),
    ("trừ cuộc thi ra thì tuần lễ còn những gì", ACTIVITIES),
    ("bo qua thu vien di, con hd nao khac k", ACTIVITIES),
    ("không tính lễ khai mạc thì còn hôm nào có sự kiện",
     "schedule / faq:thoi-gian / " + ACTIVITIES),
    ("khong ke thu bay, chu nhat co gi", "day:2020-10-04"),
    ("bỏ qua hôm nay đi, ngày kia có gì", "day:2020-10-03"),
    ("ngoai so hoi khuyen hoc con so nao lien he dc nua ko", CONTACTS),
    ("ngoài cuộc thi ra còn diễn đàn nào không",
     "event:dien-dan-cong-dan-hoc-tap / event:dien-dan-cong-dan-toan-cau / schedule / "
     + ACTIVITIES),
]

NOT_FLIPPED = [
    ("khỏi nhắn lịch cho tôi nữa", "unsubscribe"),
    ("khoi gui tin nhac nua nhe", "unsubscribe"),
    ("đừng nhắc tôi nữa, phiền lắm", "unsubscribe"),
    ("dung gui thong bao cho e nua", "unsubscribe"),
    ("thoi ko nhan tin nua dau", "unsubscribe"),
    ("không cần báo lịch hằng ngày nữa", "unsubscribe"),
    ("tuần lễ không thu tiền phải không", FEE),
    ("ko mat xu nao a", FEE),
    ("thi có phải nộp lệ phí không hay miễn phí", FEE + " / " + CONTEST),
    ("muốn nhận tin nhắc thì làm sao, trước giờ chưa nhận bao giờ",
     "subscribe / faq:nhac-lich"),
]

CONDITIONS = [
    ("chưa có tài khoản thì thi được không", CONTEST + " / contest_take"),
    ("chua dang ky ma muon lam bai thi thi sao", CONTEST + " / contest_take"),
    ("ko co dien thoai thong minh thi tham gia kieu gi", WHO),
    ("chưa học hết cấp 2 có được tham gia không", WHO),
    ("không ở hải phòng thì có thi được không", CONTEST + " / " + WHO),
]

COMPARISONS = [
    ("cái nào mất tiền cái nào không", FEE),
    ("lop nao free lop nao phai dong tien", FEE),
    ("tham gia online với đến tận nơi thì cái nào cũng được à", WHO),
    ("đi học trực tiếp có tốn tiền hơn học online không", FEE),
    ("thu vien 50k khac tu sach lop hoc cho nao",
     READING + " / programme:thu-vien-50k / programme:tu-sach-lop-hoc / clarify"),
]

NEAR_MISSES = [
    ("không phải tuần lễ đâu, tôi hỏi lịch cắt điện phường mình", NO),
    ("ngoai chuyen hoc hanh ra, cho hoi gia xang hom nay", NO),
    ("ko hoi ve thu vien, e hoi diem thi vao lop 10", NO),
    ("trừ đọc sách ra tôi còn thích đá bóng, sân nào ở Lê Chân thuê được", NO),
]

GUARDS = [
    ("hủy đăng ký", "unsubscribe"),
    ("đăng ký nhận tin nhắc", "subscribe"),
    ("có mất phí không", FEE),
    ("ngoài cuộc thi ra còn có hoạt động nào khác", ACTIVITIES),
    ("không cần đâu, cảm ơn ad", "smalltalk:thanks / smalltalk:ok"),
    ("thư viện 50k là gì", "programme:thu-vien-50k / library"),
]

# Written after the round's first fixes (other words again), run once before the last two
# fixes (8 of 11 at that first run).
AFTER_FIXES = [
    ("khoi gui lich nua, minh tu xem tren web", "unsubscribe"),
    ("tru ngay khai mac, cac ngay khac co lop hoc nao khong", "schedule / " + ACTIVITIES),
    ("khong tinh hom nay thi thu may co su kien", "schedule"),
    ("lop hoc online voi lop o nha van hoa cai nao mien phi", FEE),
    ("ko phai hoi the le, e hoi giai thuong cuoc thi", CONTEST),
    ("chua co smartphone thi tham gia the nao", WHO),
    ("học online với đến lớp bên nào mất tiền", FEE),
    ("ngoài sở giáo dục ra còn ai tổ chức tuần lễ nữa", "bodies"),
    ("thôi đừng gửi lịch cho bác nữa cháu ạ", "unsubscribe"),
    ("bỏ qua ngày mai đi, thứ 7 có gì không", "day:2020-10-03"),
    ("không hỏi chủ đề, tôi hỏi ai được tham gia", WHO),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "tru ngay khai mac, cac ngay khac co lop hoc nao khong":
        "event:khai-mac with round 36's examples (§8.142): "
        "the examples' model 0.69 and the nearest example "
        "(0.446) the opening ceremony; the exclusion 'trừ' is not read by the model",
    "khoi gui lich nua, minh tu xem tren web":
        "dont_know: 'gửi lịch' is no phrase of the reminders, so 'khỏi' before it cancels "
        "nothing; 'khỏi gửi' in the lexicon made unmarked 'khoi' a known word and lost "
        "'cuoc thi hoa khoi nam nay ai thang' (test_invariance), taken back",
    # ("thu vien 50k khac tu sach lop hoc cho nao" is answered since round 38: the model's
    # probabilities of the answers accepted together summed, BENCHMARKS §8.154)
    "khong tinh hom nay thi thu may co su kien":
        "contest_take: the day set aside is dropped, but 'thi thu' without marks is read as "
        "thi thử (a trial quiz), not 'thì thứ'",
    "lop hoc online voi lop o nha van hoa cai nao mien phi":
        "courses: 'miễn phí' is read as wanted (the free courses), as 'khóa học nào miễn phí' "
        "asks; after 'cái nào' comparing two it asks which is free",
}


@pytest.mark.parametrize(("text", "expected"), with_left(CORRECTIONS, LEFT))
def test_correction(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(EXCLUSIONS, LEFT))
def test_exclusion(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NOT_FLIPPED, LEFT))
def test_negation_not_flipped(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(CONDITIONS, LEFT))
def test_condition(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(COMPARISONS, LEFT))
def test_comparison(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
