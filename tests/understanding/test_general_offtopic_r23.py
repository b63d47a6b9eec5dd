"""Round 23 (f) of issue 15: off-topic near misses and small talk, the worst failure a public
bot has: a confident answer to a question it has no information on.

Blind paraphrases written before the fixes of their class (other people, other words than the
round's corpus batches): other contests and exams, other cities' libraries and events, health,
shopping and devices, jobs, the bot's own nature, jokes and insults, emoji and numbers,
greetings, thanks, ok and goodbye in many styles, and real questions said beside small talk.
Guards: the Week's questions that share those words keep their answers. Figures in
BENCHMARKS §8.58.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO: tuple[str, ...] = ("dont_know",)
SORRY = ("dont_know", "smalltalk:sorry")
HI = ("smalltalk:greeting",)
THANKS = ("smalltalk:thanks",)
OK = ("smalltalk:ok",)
BYE = ("smalltalk:goodbye",)

NEAR_MISSES = [
    # other contests and exams: "thi" is the Week's only for its own quiz
    ("giải bóng đá thiếu niên phường tổ chức ngày mấy", NO),
    ("cuoc thi ve tranh thieu nhi cua nha van hoa quan khi nao het han nop bai", NO),
    ("thi ielts ở hải phòng đăng ký chỗ nào", NO),
    ("ky thi hoc sinh gioi thanh pho lop 12 thi ngay nao", NO),
    ("lich thi giua ky cua truong thcs tran phu", NO),
    ("đề thi toán vào lớp 10 năm ngoái có không bạn", NO),
    ("thi chung chi tieng anh b1 o dau", NO),
    ("đăng ký thi lại môn toán đại học thế nào", NO),
    ("kết quả thi học kỳ của con xem ở đâu", NO),
    ("bảng xếp hạng bóng đá ngoại hạng anh", NO),
    ("giải thưởng xổ số vietlott tối qua", NO),
    ("điểm thi ielts của em bao giờ có", NO),
    ("con thi môn văn được mấy điểm thì đỗ", NO),
    ("cuộc thi hát karaoke của phường đăng ký ở đâu", NO),
    ("thi kể chuyện cho học sinh tiểu học hạn nộp bài ngày nào", NO),
    # other weeks, festivals, other cities' libraries and events
    ("tuan le van hoa du lich cat ba co gi", NO),
    ("tuần lễ áo dài năm nay có diễu hành không", NO),
    ("tuần lễ thời trang quốc tế tổ chức ở đâu", NO),
    ("ngày hội đọc sách của trường đại học hải phòng tổ chức ở đâu", NO),
    ("thu vien truong dai hoc y co cho nguoi ngoai vao doc ko", NO),
    ("thư viện ở Hà Nội nào mở cửa chủ nhật", NO),
    ("thu vien da nang co muon sach ve nha dc ko", NO),
    ("lễ hội chọi trâu đồ sơn năm nay ngày nào", NO),
    # papers and procedures
    ("lam ho chieu o dau hai phong", NO),
    ("thủ tục sang tên sổ đỏ hết bao lâu", NO),
    ("đăng ký tạm trú cho người thuê trọ làm ở đâu", NO),
    ("cap lai giay khai sinh cho con mat bao nhieu tien", NO),
    # prices, shopping, devices to buy
    ("giá iphone 12 bao nhiêu", NO),
    ("mua sach tham khao lop 5 o dau re", NO),
    ("shop quan ao tre em nao dep o le chan", NO),
    ("ban oi tu van dien thoai duoi 3 trieu", NO),
    ("laptop nào học online tốt mà rẻ", NO),
    ("nen mua may tinh bang hang nao cho con hoc", NO),
    ("tai nghe bluetooth loai nao tot", NO),
    # transport and weather
    ("xe buýt từ cát bi đi đồ sơn mấy giờ có chuyến", NO),
    ("duong lach tray hom nay co tac duong k", NO),
    ("ve tau cao toc di cat ba bao nhieu", NO),
    ("chiều nay có mưa to không", NO),
    ("mai nhiet do bao nhieu", NO),
    ("tuần sau có rét không", NO),
    # health
    ("bị ho mấy ngày không khỏi thì uống gì", NO),
    ("phong kham nhi nao tot o hai phong", NO),
    ("con toi bi sot 39 do phai lam sao", NO),
    ("tu sang den gio bi dau bung", NO),
    ("đau răng quá uống thuốc gì cho đỡ", NO),
    ("chau bi cam cum thi co nen di hoc k", NO),
    # jobs
    ("có việc làm thêm buổi tối cho sinh viên không", NO),
    ("tuyen giao vien mam non luong the nao", NO),
    ("tôi muốn xin việc ở thư viện thành phố", NO),
    ("thu vien co tuyen nhan vien khong", NO),
    # lessons of other kinds, read through a typo of a word the bot knows
    ("học đàn piano cho bé ở đâu", NO),
    ("lop hoc ve cho tre o ngo quyen", NO),
    # a second set, written after the first fixes: everyday errands, lessons, a grade's school
    ("cho hỏi tiệm sửa xe gần nhất", NO),
    ("quan pho nao ngon o hp", NO),
    ("cay xang gan nhat o dau", NO),
    ("lich cup nuoc phuong cat bi", NO),
    ("học đàn organ cho bé ở đâu", NO),
    ("lop hoc mua ballet cho be", NO),
    ("dang ky gui xe thang o chung cu", NO),
    ("thue xe may o cat ba", NO),
    ("tập gym ở đâu rẻ", NO),
    ("sửa tủ lạnh ở lê chân", NO),
    ("may gio co phim hay tren vtv", NO),
    ("le hoi hoa phuong do nam nay bao gio", NO),
    ("hom nay co mua khong", NO),
    ("thứ 7 này có nắng không", NO),
    ("chủ nhật đi biển đồ sơn được không", NO),
    ("ngày mai đi chùa nào đẹp", NO),
    ("cho nha toi bi om", NO),
    ("hoc lop 5 can nhung sach gi", NO),
    ("lop 1 co phai hoc them khong", NO),
    ("học phí lớp 10 trường chuyên trần phú", NO),
    ("lich hoc lop 12 tuan sau", NO),
    ("lịch thi lớp 9 học kỳ 1", NO),
    ("thi hsg tinh lop 9 khi nao", NO),
    ("ket qua thi thu vao 10", NO),
    ("lịch khám sức khỏe cho học sinh", NO),
    ("trường mầm non hoa sen tuyển sinh chưa", NO),
    # a third set, after batch 2: health, language exams, driving licences, other cities
    ("chau nha toi bi di ung hai san", NO),
    ("con bị tiêu chảy có nên cho đi học không", NO),
    ("đăng ký thi toefl junior cho con ở đâu", NO),
    ("thi lấy bằng lái xe máy ở kiến an", NO),
    ("hội sách ở đà lạt tháng này tổ chức ngày nào", NO),
    ("trường thcs ở nam định tổ chức tuần lễ đọc sách khi nào", NO),
    # a fourth set, written at the end and not fixed: where the next round may look (dates
    # said of one's own life, prizes, shops, lessons met in the evening)
    ("kết quả xét nghiệm covid xem ở đâu", NO),
    ("ket qua bong da dem qua", NO),
    ("giải thưởng văn học năm nay ai được", NO),
    ("lịch cúp điện ngày mai ở an dương", NO),
    ("lich tiem vacxin cho tre thang 10", NO),
    ("so dien thoai cong an phuong", NO),
    ("số tổng đài điện lực hải phòng", NO),
    ("đăng ký xe máy mới ở đâu", NO),
    ("dang ky nhap hoc lop 1 online the nao", NO),
    ("đăng ký internet cáp quang", NO),
    ("lớp học tiếng anh giao tiếp buổi tối ở lê chân", NO),
    ("hoc lien thong dai hoc buoi toi", NO),
    ("học bằng lái xe b2 ở đâu rẻ", NO),
    ("thi cong chuc nam 2020 khi nao", NO),
    ("mai con tôi thi học kỳ", NO),
    ("chúc mừng ngày phụ nữ việt nam", NO),
    ("trung thu năm nay vào ngày nào", NO),
    ("ngày 20/11 có được nghỉ không", NO),
    ("sinh nhật tôi ngày 5/10", NO),
    ("thứ 2 tuần sau con được nghỉ học không", NO),
    ("hôm nay có đi làm không", NO),
    ("hôm nay tôi buồn quá", NO),
    ("hom nay ban the nao", NO),
    ("sáng mai mấy giờ mặt trời mọc", NO),
    ("cuối tuần này có bão không", NO),
    ("tuần sau giá xăng tăng không", NO),
    ("mien phi ship khong shop", NO),
    ("sach nay bao nhieu tien shop oi", NO),
    ("có bán sách cũ không", NO),
    ("muốn quyên góp quần áo cho vùng lũ", NO),
    ("khóa học làm bánh online miễn phí", NO),
    ("thư viện pháp luật tra văn bản ở đâu", NO),
    ("hỏi về chế độ thai sản", NO),
    ("lương giáo viên năm 2020 tăng bao nhiêu", NO),
    ("cho hỏi hội khuyến học có cấp học bổng cho con tôi không", NO),
    ("khai mạc seagames khi nào", NO),
    ("lễ khai giảng năm học mới ngày nào", NO),
    ("bế giảng lớp 12 ngày nào", NO),
    ("tổng kết năm học của trường con tôi hôm nào", NO),
    ("cuộc thi đường lên đỉnh olympia tuần này ai thắng", NO),
]

TALK = [
    # the bot's own nature, jokes, insults
    ("em ơi anh có thể xin số của em không", (*NO, "contacts")),
    ("bot bao nhieu tuoi", NO),
    ("ai tạo ra bạn vậy", NO),
    ("bạn có phải người thật không", NO),
    ("ban thich an gi", NO),
    ("bot co buon khong", NO),
    ("làm người yêu anh nhé", NO),
    ("hat cho toi nghe 1 bai di", NO),
    ("đố vui: con gì càng to càng nhỏ", NO),
    ("bot như cái đầu gối", SORRY),
    ("chán bot này quá, hỏi gì cũng không biết", SORRY),
    ("tra loi nhu khong", SORRY),
    # emoji, numbers, signs
    ("🙄", (*NO, *OK)),
    ("🤔🤔", (*NO, *OK)),
    ("12345678", NO),
    ("0912 345", NO),
    ("???", NO),
    # greetings, thanks, ok, goodbye
    ("xin chào bot ạ", HI),
    ("chao buoi toi", HI),
    ("hi hi chào bạn", HI),
    ("alooo có ai không", HI),
    ("em chào anh chị ban tổ chức", HI),
    ("cam on ban rat nhieu nhe", THANKS),
    ("thank bot", THANKS),
    ("cảm ơn nhé, bot dễ thương ghê", THANKS),
    ("thanks nhiu", THANKS),
    ("ok rồi", OK),
    ("uk", OK),
    ("da em biet roi a", OK),
    ("vâng", OK),
    ("tạm biệt nhé", BYE),
    ("bye bye", BYE),
    ("thoi chao ban, mai hoi tiep", BYE),
    ("thôi mai em hỏi tiếp nhé, chào ad", BYE),
    ("hẹn mai nói chuyện tiếp nha bot", BYE),
    ("chúc bot ngủ ngon", BYE),
    ("bot oi ke chuyen ma di", NO),
    ("bot có vợ chưa", NO),
    ("bot nam hay nu", NO),
    ("ai lam ra bot nay", NO),
    ("bot thong minh ko", NO),
    ("tao ghet may", SORRY),
    ("555", NO),
    ("😡😡", NO),
    ("chào bot, mai mình nhắn tiếp nhé", BYE),
    ("thôi chào cháu, để mai bà hỏi thêm", BYE),
    ("ok doki", OK),
]

# The Week's questions that share the near misses' words, or said beside small talk.
GUARDS = [
    ("chào bot, cho mình xin số liên hệ ban tổ chức", ("contacts", "faq:lien-he")),
    ("cảm ơn nhé, thế cuối tuần có gì không", ("day:2020-10-03+2020-10-04",)),
    ("trời mưa to quá, mà cho hỏi tham gia tuần lễ có mất tiền không", ("faq:chi-phi",)),
    ("hi ad, cuộc thi công dân học tập thi thế nào vậy", ("contest", "faq:cuoc-thi")),
    ("thư viện thành phố hải phòng mở cửa mấy giờ", ("library",)),
    ("cuoi tuan nay di dau choi", ("day:2020-10-03+2020-10-04",)),
    ("chủ nhật có gì cho trẻ con đi chơi không", ("day:2020-10-04",)),
    ("thi lại được mấy lần", ("contest", "faq:cuoc-thi")),
    ("học sinh lớp 9 có được thi không", ("contest", "faq:cuoc-thi", "faq:ai-tham-gia")),
    ("mai có gì", ("day:2020-10-02",)),
    ("mai có lớp kỹ năng số không", ("day:2020-10-02", "event:lop-ky-nang-so")),
    ("thư viện quốc gia việt nam có sách điện tử không",
     ("courses:van-hoa-doc", "courses:sach-dien-tu", "courses", "library")),
    ("tôi ở hà nội có thi online được không", ("contest", "faq:cuoc-thi", "faq:ai-tham-gia")),
    ("con tôi hay chơi điện thoại, có lớp nào dạy dùng internet an toàn không",
     ("faq:internet-an-toan",)),
    ("hạn nộp báo cáo kết quả tuần lễ là ngày nào", ("faq:han-bao-cao",)),
    ("mai có gì cho học sinh lớp 5 không", ("day:2020-10-02",)),
    ("lich hoc lop ky nang so", ("event:lop-ky-nang-so",)),
    ("học tiếng hàn ở đâu tốt", ("courses", "courses:khoa-hoc")),
    ("ngày hội sách ở phố sách hà nội có gì", NO),
    ("tôi là người hà nội đang ở hải phòng, có được tham gia không", ("faq:ai-tham-gia",)),
    ("thôi ông đi ngủ đây, mai hỏi tiếp", BYE),
    ("xin lỗi, nhầm, ý là chủ nhật", ("day:2020-10-04",)),
    ("ngay mai co cj hay k ad oi", ("day:2020-10-02",)),
    # an exam of one's own told around a Week question (why "toeic" is no elsewhere subject)
    ("em đang ôn thi toeic, có trang nào học tiếng anh online không",
     ("courses", "courses:khoa-hoc", "faq:khoa-hoc-truc-tuyen")),
]

# Left after the round (strict xfail): the answer they get and why.
LEFT: dict[str, str] = {
    # ("thoi chao ban, mai hoi tiep", "thôi chào cháu, để mai bà hỏi thêm": a farewell that
    # opens a plan for a day is heard since round 38, _plan_told, §8.156)
    "giải thưởng văn học năm nay ai được":
        "contest: 'giải thưởng' is the contest's prizes; another prize named by 'văn học' is "
        "not read as elsewhere",
    "lớp học tiếng anh giao tiếp buổi tối ở lê chân":
        "day:2020-10-01@toi: 'buổi tối' alone is read as this evening, though it names when a "
        "class meets",
    # ("thi cong chuc nam 2020 khi nao" is no information since round 25e: "thi công chức" is
    # a subject elsewhere)
    "trung thu năm nay vào ngày nào":
        "day:2020-10-01: 'năm' is read as the number five ('5 nay'), and the elsewhere 'trung "
        "thu' gives way to the day",
    "sinh nhật tôi ngày 5/10":
        "day:2020-10-05: a date told as one's own (a birthday) is read as a day asked",
    "hôm nay có đi làm không":
        "day:2020-10-01: 'đi', 'làm' are fillers, so the day is all the message says",
    "hom nay ban the nao":
        "day:2020-10-01: 'bạn thế nào' (how are you) is no small talk the bot knows",
    "mien phi ship khong shop":
        "clarify: 'miễn phí' is the fee's; 'ship' and 'shop' are not read as shopping",
    # ("sach nay bao nhieu tien shop oi": answered since round 36, BENCHMARKS §8.140)
    # ("khóa học làm bánh online miễn phí" is answered since round 31b's "làm bánh" elsewhere)
    "cuoc thi ve tranh thieu nhi cua nha van hoa quan khi nao het han nop bai":
        "faq:han-bao-cao: 'hạn nộp' owns the whole story before it; 'thi ve' typed without "
        "marks is also 'thi về', so 'thi vẽ' is not read",
    "cay xang gan nhat o dau":
        "next since the merge of rounds 23d-23f ('gần nhất' asks the next event; on the branch "
        "alone 'xăng' kept it elsewhere); not traced",
    # ("lop hoc ve cho tre o ngo quyen": the classroom bookshelf on 'lớp học' until round 36's
    # examples; no information since, by the examples' second opinion)
    "cho nha toi bi om": "smalltalk:ok: 'om' is repaired to 'ừ'",
    "bot thong minh ko":
        "event:an-duong-ky-nang-so: 'thông minh' names the smartphone class ('điện thoại "
        "thông minh')",
}


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(TALK, LEFT))
def test_talk(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


def test_left_are_cases() -> None:
    texts = {text for text, _ in NEAR_MISSES + TALK + GUARDS}
    assert set(LEFT) <= texts
