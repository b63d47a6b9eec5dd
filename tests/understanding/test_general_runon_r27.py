"""Round 27 (a) of issue 15: long run-on messages typed or dictated on a phone, without any
punctuation and often without marks.

Blind paraphrases (written before any change of the round, in other words than the round's
corpus batches): several sentences run together, a greeting, who the writer is, a situation,
then one question on a subject of the Week (the days, the contest, the reminders, the fee, the
contacts, reading and libraries, online courses, the safe Internet, the theme, the report),
sometimes the question first or in the middle, sometimes two questions. And guards: long
stories whose only question the Week does not answer (no information, or small talk).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

THEME = "theme / faq:chu-de"
WHAT = "faq:tuan-le-la-gi / theme"
ACTIVITIES = "activities / faq:hoat-dong"
WHEN = "faq:thoi-gian / schedule"
FEES = "faq:chi-phi"
CONTACTS = "contacts / faq:lien-he"
CONTEST = "contest / faq:cuoc-thi"
TAKE = "contest_take / contest / faq:cuoc-thi"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
READING = "library / faq:doc-sach"
SAFETY = "faq:internet-an-toan"
REMIND = "subscribe / faq:nhac-lich"
STOP = "unsubscribe"
REPORT = "faq:han-bao-cao / bodies"
UNIT = "faq:don-vi-tham-gia / bodies"
WHO = "faq:ai-tham-gia"
RANK = "leaderboard / contest"
NO = "dont_know"

CASES = [
    # greeting, who I am, a situation, the question at the end (marks typed)
    ("chào bot tôi là bác sĩ về hưu ở lê chân ngày nào cũng rảnh muốn đi học thêm cái gì đó cho "
     "vui tuần lễ học tập có những hoạt động nào cho người về hưu", ACTIVITIES + " / " + WHO),
    ("em chào ban tổ chức em là giáo viên tiếng anh trường tiểu học em được giao treo khẩu hiệu "
     "ở sảnh trường chủ đề tuần lễ năm nay là gì ạ", THEME),
    ("tôi là công nhân xây dựng làm cả tuần không nghỉ vợ tôi muốn đưa con đi mấy buổi đọc sách "
     "của tuần lễ mà sợ tốn kém có phải đóng tiền gì không", FEES),
    ("chào bạn mình là trưởng khu dân cư khu mình muốn xin tài liệu tuyên truyền về tuần lễ để "
     "phát cho bà con thì liên hệ với ai số điện thoại bao nhiêu", CONTACTS),
    ("cháu là học sinh lớp mười một cô giáo chủ nhiệm bảo cả lớp phải thi công dân học tập trước "
     "chủ nhật cháu chưa biết thi ở đâu và thi thế nào", CONTEST + " / contest_take"),
    ("bạn ơi mẹ mình bảy mươi tuổi hay quên lắm mình đi làm xa không nhắc được bot nhắn tin báo "
     "lịch cho mẹ mình được không đăng ký thế nào", REMIND),
    ("tôi là hiệu trưởng trường mầm non hoa sen trường đã làm xong các hoạt động đọc sách cho "
     "trẻ và phụ huynh báo cáo kết quả phải gửi trước ngày bao nhiêu", REPORT),
    ("chị ơi em làm văn phòng hay phải dùng máy tính mà không biết gì về excel em muốn tìm khóa "
     "học trực tuyến để tự học buổi tối tuần lễ có giới thiệu trang nào không", COURSES),
    # the same, typed without marks
    ("chao ad minh la cong nhan ca dem o cang chua ve tuan nay ban ngay minh ranh tuan le hoc "
     "tap dien ra den ngay nao vay", WHEN),
    ("e chao anh chi e o thuy nguyen nha e co ong noi 78 tuoi rat thich doc bao ong muon muon "
     "sach ve doc thi den dau muon duoc a", READING),
    ("toi la cuu chien binh o kien an toi nghe dai noi nhieu ve tuan le hoc tap suot doi ma "
     "khong hieu lam tuan le do la gi vay", WHAT),
    ("ad oi hom qua e dang ky nhan tin nhac lich roi nhung tin nhan den nhieu qua lam e bi lam "
     "phien trong gio lam e muon huy khong nhan nua", STOP),
    ("chao ban toi la giao vien day tin hoc thcs truong toi muon cho hoc sinh du buoi tap huan "
     "dung internet an toan tuan le co buoi nao danh cho hoc sinh khong",
     SAFETY + " / event:tap-huan-internet-hoc-sinh"),
    ("ba e 70t o an duong moi dung dien thoai cam ung hay bam nham lung tung e nghe noi co lop "
     "day nguoi gia dung smartphone lop do hoc ngay nao",
     "event:an-duong-ky-nang-so / " + SAFETY + " / event:lop-ky-nang-so / day:2020-10-03"),
    ("con trai toi 15 tuoi suot ngay choi game online va hay nhan tin voi nguoi la toi so con bi "
     "du do tuan le co huong dan phu huynh cach quan ly con tren mang ko",
     SAFETY + " / event:lop-ky-nang-so"),
    ("chao ad e la thu thu truong tieu hoc truong e muon tham gia tuan le nhung khong biet truong "
     "can lam nhung viec gi co phai dang ky khong", UNIT),
    ("me e vua bi mot nguoi la goi dien bao trung thuong xe may roi doi chuyen tien phi van "
     "chuyen may e can kip me e that tha lam sao de me khong bi lua nua", SAFETY),
    ("chau chao ad chau hoc lop 9 vua thi xong cuoc thi cong dan hoc tap duoc 10 diem chau muon "
     "biet minh dung thu may", RANK),
    # the question first or in the middle
    ("cho hoi tuan le co mat phi khong vi toi la nguoi gia song mot minh luong huu it lam muon "
     "tham gia cho vui", FEES),
    ("số điện thoại ban tổ chức là gì vậy tôi là cán bộ phường muốn hỏi về việc tổ chức ngày hội "
     "đọc sách ở nhà văn hóa", CONTACTS),
    ("chủ đề năm nay là gì vậy ad mình làm ở đài phát thanh huyện đang viết tin về tuần lễ",
     THEME),
    ("em la sv nam 3 cho em hoi co khoa hoc online mien phi nao ve ky nang mem khong vi em sap "
     "di thuc tap ma chua biet gi", COURSES + " / " + FEES),
    ("toi o tien lang muon biet lam sao xem su kien cua tuan le rieng o huyen minh vi o xa khong "
     "len thanh pho duoc", "faq:quan-huyen"),
    # days, told in a long message
    ("hôm nay tôi được nghỉ vì cơ quan đi họp cả chỉ còn mình tôi trực xong việc rồi hôm nay "
     "tuần lễ có sự kiện gì không", "day:2020-10-01"),
    ("e la cong nhan may chi duoc nghi chu nhat ma chu nhat nay e muon dua be di choi co ich "
     "chu nhat tuan le co gi ko ad", "day:2020-10-04"),
    ("chao ban minh la sinh vien mai minh khong co tiet hoc nao ma o ky tuc xa buon qua ngay mai "
     "co hoat dong gi cua tuan le khong", "day:2020-10-02"),
    ("toi la chu tich hoi nguoi cao tuoi phuong cac cu muon di xem le khai mac tuan le cho hoi "
     "le khai mac may gio", "event:khai-mac / day:2020-10-01"),
    # two questions in one run
    ("tôi là giáo viên về hưu muốn đi lớp dạy dùng điện thoại lớp đó học ở đâu và có mất tiền "
     "không", "clarify / " + FEES + " / event:an-duong-ky-nang-so / event:lop-ky-nang-so / "
     + SAFETY),
    ("chao ad e la doan vien thanh nien muon tham gia cuoc thi cong dan hoc tap thi bao gio het "
     "han va lien he ai de hoi them", "clarify / " + CONTEST + " / " + CONTACTS
     + " / event:cuoc-thi-dong"),
    # the Week named in the story, the story long, the question short
    ("minh moi ve lam dau o hai phong chua quen ai nghe chong noi tuan nay co tuan le hoc tap "
     "suot doi minh muon tham gia cho biet ai cung duoc tham gia a", WHO),
    ("cong doan cong ty toi vua bao moi cong nhan vao chatbot thi trac nghiem cong dan hoc tap "
     "ngay trong tuan nay toi muon lam bai luon bay gio", TAKE),
    ("tôi là mẹ của một cháu học lớp hai cháu rất thích đọc truyện tranh mà nhà xa thư viện tuần "
     "lễ có chỗ nào gần dân cho mượn sách không", READING),
]

GUARDS = [
    ("chào bạn tôi là công nhân nhà máy xi măng dạo này hay ho khan đi khám thì bác sĩ bảo phổi "
     "yếu cho tôi hỏi bệnh viện phổi hải phòng ở đâu", NO),
    ("ad oi e la hs lop 9 sap thi vao lop 10 truong e o ngo quyen cho e hoi diem chuan truong "
     "thpt thai phien nam ngoai bao nhieu", NO),
    ("toi la tai xe xe tai hom nay cho hang tu dinh vu ve ha noi cho hoi duong cao toc hom nay "
     "co bi tac khong", NO),
    ("em chào anh chị em là sinh viên năm nhất em mới lên hải phòng học chưa biết đường cho em "
     "hỏi đi xe buýt từ cầu rào ra bến xe niệm nghĩa số mấy", NO),
    ("chao ban minh la me bim o nha trong con minh muon hoi con 8 thang bi sot 38 do thi co can "
     "dua di vien khong", NO),
    ("tôi là giáo viên tiểu học lương mấy tháng nay chưa tăng cho tôi hỏi năm nay lương cơ sở là "
     "bao nhiêu", NO),
    ("ad oi nha e o le chan hom qua mat dien ca toi dien lanh hong het e muon hoi sua tu lanh o "
     "dau gan nha", NO),
    ("chào bạn tôi đọc sách ở thư viện thành phố về thì bị mất ví ở bãi gửi xe bạn cho tôi hỏi "
     "phải báo công an phường nào", NO),
    ("e la cong nhan cty giay o an duong thang nay bi tru luong vo ly muon hoi khieu nai o "
     "dau", NO),
    ("bác ơi cháu là học sinh lớp năm cô giao bài văn tả cây bàng sân trường bác viết giúp "
     "cháu mở bài được không", NO),
    ("tôi về hưu rồi nên rảnh hay đi đánh cờ ở công viên cho tôi hỏi giải cờ tướng của quận năm "
     "nay tổ chức khi nào", NO),
    # long thanks or wishes, nothing asked
    ("cam on ad nhieu nha nho ad ma hom qua ca nha e da di ngay hoi doc sach roi chuc ad luon "
     "vui khoe", "smalltalk:thanks"),
    ("dạ cháu chào ban tổ chức ạ cháu là học sinh lớp bảy cháu chúc tuần lễ học tập năm nay "
     "thành công tốt đẹp ạ", "smalltalk:greeting / smalltalk:thanks"),
]


# Left after the round (strict xfail): the first words of each, with the answer it gets and why.
# (an xfail until round 35: "chao ban toi la giao vien day tin hoc thcs …" is answered since
# round 35's examples were added to examples.toml, the examples' model's reading; no rule of
# the round names it; a strict xfail again once round 35's fresh dev sets were made examples)
# ("chao ban toi la giao vien day tin hoc thcs …" is answered since round 38: the safe Internet
# and its training summed as the answers accepted together, BENCHMARKS §8.154)
LEFT: dict[str, str] = {}

# ("tôi về hưu rồi nên rảnh hay đi đánh cờ …", left until round 36: answered since the examples'
# model's "no information" refuses the rules' answer found on a part only, BENCHMARKS §8.140)
GUARDS_LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT, by_start=True))
def test_run_on_message(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, GUARDS_LEFT, by_start=True))
def test_run_on_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert all(any(text.startswith(start) for text, _ in CASES) for start in LEFT)
    assert all(any(text.startswith(start) for text, _ in GUARDS) for start in GUARDS_LEFT)
