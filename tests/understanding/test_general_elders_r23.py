"""Round 23 (c) of issue 15: parents and older people, polite and long, kin words for
themselves and for the one they ask about.

Blind paraphrases written before any change of the round, by class of what the round's tuned
misses of batch 1 ask: the writer introduced with a kin word or a role ("bác là …", "tôi là bà
nội của …") before the question; "có gì dành cho <someone>" (what is on, for them); a story
told as done before what is asked now; contacts asked in person; reminders and too many
messages said in everyday words. Guards: near misses and small talk that must stay. Figures in
BENCHMARKS §8.55.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

ACTIVITIES = ("activities", "faq:hoat-dong")
ELDER_CLASS = ("activities", "faq:hoat-dong", "event:an-duong-ky-nang-so")
WHO = ("faq:ai-tham-gia",)
CONTEST = ("contest", "faq:cuoc-thi")
BOARD = ("leaderboard",)
CONTACTS = ("contacts", "faq:lien-he")
REMIND = ("subscribe", "faq:nhac-lich")
STOP = ("unsubscribe",)
WHEN = ("faq:thoi-gian", "schedule")
FEE = ("faq:chi-phi",)
LIBRARY = ("library", "faq:doc-sach")
NO = ("dont_know",)


@pytest.mark.parametrize(("text", "expected"), [
    # the writer introduced (kin word or role, then "là") before the question
    ('bac la chu tich hoi nguoi cao tuoi phuong, muon hoi tuan le co nhung hoat dong gi',
     ACTIVITIES),
    ('ông là hội viên hội cựu giáo chức, tuần lễ này có những hoạt động gì hả cháu', ACTIVITIES),
    ('tôi là bà nội của một học sinh lớp 4, cho tôi hỏi cuộc thi công dân học tập thi thế nào',
     CONTEST),
    ('cô là giáo viên về hưu, tuần lễ học tập bắt đầu từ ngày nào vậy em', WHEN),
    ('em la phu huynh hoc sinh, cho em hoi tham gia co mat phi khong a', FEE),
    ('con là con gái của bà Lan ở tổ 5, con muốn hỏi thư viện thành phố mượn sách thế nào ạ',
     LIBRARY),
    # "có gì dành cho <someone>": what is on, for them
    ('tuần lễ có gì dành cho người cao tuổi không cháu', ELDER_CLASS),
    pytest.param('co gi danh cho cac ong ba khong chau', ELDER_CLASS, marks=pytest.mark.xfail(
        strict=True, reason="'có gì' alone is the schedule's phrase before the activities'; "
        "the schedule is first and stays")),
    ('trong tuan le co nhung gi danh cho phu huynh a', ACTIVITIES),
    ('có hoạt động nào dành riêng cho các cụ không ạ', ELDER_CLASS),
    # a story told as done, then what is asked now
    ('cháu nhà tôi thi công dân học tập xong rồi, giờ bà muốn xem cháu được mấy điểm', BOARD),
    ('con toi lam bai thi hom qua roi, bay gio xem ket qua o dau a', BOARD),
    ('chau thi xong roi, ong muon biet chau dung thu may', BOARD),
    # contacts asked in person
    ('bac muon den gap truc tiep nguoi phu trach thi den dau a', CONTACTS),
    ('muốn hỏi trực tiếp thì gặp ai hả cháu', CONTACTS),
    # (a strict xfail until round 38: answered since the model's probabilities of the answers
    # accepted together are summed, contacts 0.27 and its FAQ's over "no information" 0.30,
    # BENCHMARKS §8.154)
    pytest.param('bà muốn đến tận nơi hỏi cho rõ thì đến chỗ nào', CONTACTS,
        marks=pytest.mark.xfail(strict=True, reason=(
        "dont_know with round 38's examples (§8.157): the model's no information 0.31 against the"
        " contacts 0.24, though its nearest examples are the contacts' (0.65, 0.55)"))),
    # reminders said in everyday words
    ('khi nao co lop hoc thi bao cho bac biet voi nhe', REMIND),
    ('có buổi nào mới thì báo cho ông biết với nhé cháu', REMIND),
    ('lam the nao de duoc bao tin khi co su kien moi', REMIND),
    # too many messages, stop them
    ('tin nhắn nhiều quá, bà đọc không hết, cháu tắt đi giúp bà', STOP),
    ('bac khong muon nhan tin nua, tat di chau', STOP),
    # apology and kin words around the question
    ('xin loi chau nhe, cho bac hoi tuan le hoc tap keo dai den bao gio', WHEN),
    ('bà xin lỗi làm phiền cháu, cho bà xin số điện thoại ban tổ chức', CONTACTS),
    # (written after the second fixes, not blind: a letter that goes on telling of the writer
    # after "tôi là …" before it asks)
    ('Kính gửi ban tổ chức, tôi là cựu cán bộ hưu trí, năm nay 75 tuổi, ở phường Cát Dài. Tôi '
     'xin hỏi tuần lễ học tập kéo dài mấy ngày ạ', WHEN),
    ('bac la nong dan, nha o thuy nguyen, con cai di lam xa het. bac muon hoi cac lop hoc co '
     'mat tien khong', FEE),
    ('facebook cua ong bi nguoi ta lay mat, ong phai lam the nao', ("faq:internet-an-toan",)),
    # guards: near misses and small talk
    ('bac la thuong binh, cho bac hoi tien tro cap thang nay bao gio co', NO),
    ('con ơi bà muốn hỏi lịch tiêm phòng cho cháu nội', NO),
    ('ông là hội viên hội người cao tuổi', ("smalltalk:greeting", "help", "dont_know",
                                            "smalltalk:ok", "faq:ai-tham-gia")),
    ('xin lỗi cháu, bà bấm nhầm', ("smalltalk:ok",)),
    ('vâng bác cảm ơn cháu nhiều nhé', ("smalltalk:thanks",)),
    ('người cao tuổi có được tham gia không', WHO),
    ('tôi là người cao tuổi, có được tham gia không', WHO),
    ('mai có gì cho người già tham gia không', ("day:2020-10-02",)),
    ('tôi là cựu chiến binh, năm nay 72 tuổi, cho tôi hỏi chế độ trợ cấp bao giờ tăng', NO),
])
def test_elders(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
