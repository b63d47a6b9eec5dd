"""Round 15 (b) of issue 15: off-topic questions that share the Week's words (near misses).

Citizens ask the bot about other schools' exams and admissions, school fees, other libraries,
other contests and the lottery, the weather on a named day, traffic, health, paid courses and
jobs, driving licences, ward procedures, football, television, prices, cuts of electricity,
water or internet, their Zalo or Facebook account, or about the bot itself. None of these is
about the Lifelong Learning Week: the bot must say it has no information, never answer as if
the question were about the Week. The phrasings are written for these tests (before running
them), not taken from the corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

SCHOOLS = [  # other schools' exams, results, admissions, timetables
    "lịch thi vào 10 năm nay ngày nào",
    "lich thi vao lop 10 hai phong 2021",
    "điểm chuẩn vào 10 trường Trần Phú",
    "diem chuan dai hoc hang hai 2020",
    "bao giờ có kết quả thi tốt nghiệp thpt",
    "tra điểm thi đại học ở đâu",
    "xem kq thi vao 10 o dau",
    "thi thpt quốc gia năm nay thi mấy môn",
    "lịch thi học kỳ 1 trường thcs Lê Chân",
    "đăng ký xét tuyển đại học hạn cuối khi nào",
    "hồ sơ nhập học lớp 1 cần những gì",
    "tuyển sinh lớp 6 trường chuyên trần phú bao giờ",
    "lich hoc cua truong dh hai phong tuan sau",
    "thời khóa biểu lớp 8A",
    "con tôi học lớp 3 mai có được nghỉ học không",
    "thu 7 nay hoc sinh co phai di hoc ko",
    "khi nào học sinh nghỉ tết",
    "lịch họp phụ huynh trường tiểu học",
    "điểm thi học sinh giỏi thành phố có chưa",
    "kết quả thi ioe của con xem ở đâu",
    "thi violympic toán đăng ký thế nào",
    "cuộc thi an toàn giao thông cho nụ cười trẻ thơ nộp bài ở đâu",
    "hs lop 12 thi tn ngay nao",
    "đk học bằng 2 đh mở hn cần gì",
    "cuộc thi viết chữ đẹp của sở gd kết quả có chưa",
    "học online trên vnedu bị lỗi",
    "tra điểm trên vnedu kiểu gì",
    "chuyến xe đưa đón học sinh mấy giờ",
]

FEES = [  # school fees, tuition, grants
    "học phí đại học hàng hải bao nhiêu 1 kỳ",
    "hoc phi mam non cong lap hai phong",
    "nộp học phí online qua app nào",
    "được miễn học phí không nếu là con thương binh",
    "tien hoc them mot thang bao nhieu",
    "hoc bong du hoc nhat ban",
    "sv năm nhất vay vốn ngân hàng chính sách thế nào",
    "đóng bảo hiểm y tế học sinh ở đâu",
]

LIBRARIES = [  # other libraries and bookshops
    "thư viện trường đại học hải phòng mở cửa mấy giờ",
    "thư viện quốc gia hà nội có mở chủ nhật không",
    "làm thẻ thư viện trường cần gì",
    "mượn sách giáo khoa cũ ở đâu",
    "nha sach tien tho mo cua may gio",
    "mua sách giáo khoa lớp 4 ở đâu",
]

CONTESTS = [  # other contests, prizes, the lottery
    "kết quả xổ số miền bắc hôm nay",
    "xsmb thu 7",
    "vietlott tối nay ai trúng",
    "giải đặc biệt xổ số hải phòng bao nhiêu tiền",
    "cuộc thi hoa hậu việt nam 2020 ai thắng",
    "thi đường lên đỉnh olympia tuần này ai vào chung kết",
    "giải thưởng rung chuông vàng bao nhiêu",
    "game show ai là triệu phú đăng ký thi thế nào",
    "minigame shopee nhận thưởng ở đâu",
    "cuộc thi ảnh đẹp du lịch hải phòng hạn nộp",
]

WEATHER = [  # weather, tides, storms on a named day
    "mai trời có mưa không",
    "thoi tiet thu 7 hai phong",
    "bão số 7 bao giờ vào hải phòng",
    "lich thuy trieu do son hom nay",
    "chủ nhật này đi biển cát bà được không, sóng có to không",
    "nhiet do hom nay bao nhieu do",
    "cuối tuần có rét không",
    "có áp thấp nhiệt đới không",
    "what's the weather tomorrow",
]

TRAFFIC = [  # traffic, transport
    "cầu Hoàng Văn Thụ có bị cấm đường không",
    "đường lạch tray hôm nay có tắc không",
    "phạt nguội xe máy tra ở đâu",
    "xe buyt so 2 chay may gio",
    "lịch tàu hỏa hải phòng hà nội",
    "vé máy bay cát bi đi sài gòn bao nhiêu",
    "phà gót cát bà mấy giờ chuyến cuối",
    "đăng kiểm ô tô ở đâu gần nhất",
]

HEALTH = [  # COVID, vaccination, hospitals
    "hải phòng hôm nay có ca covid mới không",
    "tiêm vắc xin covid đăng ký ở đâu",
    "lịch tiêm chủng mở rộng tháng 10 phường",
    "khám sức khỏe đi làm ở bệnh viện nào",
    "bệnh viện việt tiệp khám thứ 7 không",
    "số điện thoại bệnh viện trẻ em hải phòng",
    "test nhanh covid bao nhieu tien",
    "bị sốt xuất huyết thì làm gì",
    "mua khẩu trang ở đâu rẻ",
]

JOBS = [  # jobs, paid training, allowances
    "tìm việc làm thêm cho sinh viên",
    "tuyển dụng công nhân khu công nghiệp đình vũ",
    "hoc nghe han co duoc tro cap khong",
    "khóa học kế toán thực hành học phí bao nhiêu",
    "lớp học nấu ăn cuối tuần giá bao nhiêu",
    "học lái máy xúc ở đâu",
    "xuất khẩu lao động nhật bản có mất phí không",
    "ngay hoi viec lam thang 10 o dau",
    "học thiết kế đồ họa ra trường lương bao nhiêu",
    "trợ cấp thất nghiệp nộp hồ sơ ở đâu",
    "bn tiền 1 khóa học bơi",
    "lop hoc boi cho tre he nay",
    "bao gio co luong huu thang 10",
    "nhận lương hưu ở bưu điện nào",
    "người cao tuổi được trợ cấp bao nhiêu",
]

ENGLISH_CENTRES = [  # paid language centres, certificates
    "trung tâm tiếng anh nào tốt ở lê chân",
    "hoc ielts o hai phong het bao nhieu tien",
    "thi toeic lịch tháng 11",
    "học phí apollo english bao nhiêu",
    "thi chung chi tieng anh b1 o dau",
    "lớp tiếng trung buổi tối",
    "gia sư tiếng anh lớp 9",
]

DRIVING = [  # driving licences
    "lịch thi bằng lái xe máy tháng 10",
    "thi bang lai b2 o dau",
    "học lái xe ô tô mất bao nhiêu tiền",
    "đổi bằng lái xe quốc tế cần giấy tờ gì",
    "thi sat hach a1 thu 7 co thi khong",
]

PAPERS = [  # ward and commune procedures, offices
    "làm căn cước công dân ở đâu",
    "lam cccd gan chip mat bao lau",
    "đăng ký tạm trú cần giấy tờ gì",
    "ubnd phường mở cửa thứ 7 không",
    "xin giấy khai sinh cho con",
    "công chứng giấy tờ ở đâu nhanh",
    "làm hộ chiếu mất mấy ngày",
    "đăng ký kết hôn ở phường cần gì",
    "tách hộ khẩu thế nào",
    "số điện thoại công an phường",
    "nộp thuế đất ở đâu",
    "ngày mai ủy ban có làm việc không",
    "chủ nhật ngân hàng vietcombank có mở không",
    "buu dien mo cua den may gio",
]

FOOTBALL_TV = [  # football, television
    "tối nay hải phòng fc đá với ai",
    "lich thi dau v league vong 20",
    "ket qua bong da hom qua",
    "mua vé xem bóng đá sân lạch tray",
    "việt nam đá với thái lan mấy giờ",
    "đội hải phòng có vô địch không",
    "lịch phát sóng vtv3 tối nay",
    "phim hay trên htv tối mai",
    "mấy giờ có thời sự",
    "kênh nào chiếu bóng đá tối nay",
    "chương trình truyền hình thứ 7",
]

PRICES = [  # markets, prices, shops
    "giá xăng hôm nay",
    "gia vang sjc",
    "chợ sắt mở cửa mấy giờ",
    "giá thịt lợn hôm nay bao nhiêu 1 cân",
    "siêu thị big c có khuyến mãi gì cuối tuần",
    "tỉ giá đô la hôm nay",
    "mua điện thoại trả góp ở đâu",
    "hội chợ hàng việt tháng 10 ở đâu",
]

UTILITIES = [  # electricity, water, internet
    "lịch cắt điện ngày mai",
    "lich cup dien thu 7 quan ngo quyen",
    "sao nhà tôi mất nước từ sáng",
    "tiền điện tháng này tăng sao cao thế",
    "mạng viettel bị chậm phải làm sao",
    "wifi nhà mình mất mạng gọi tổng đài nào",
    "cap quang bien bi dut bao gio sua xong",
    "đăng ký lắp mạng fpt",
]

ACCOUNTS = [  # Zalo and Facebook accounts, not their safety
    "quên mật khẩu zalo lấy lại thế nào",
    "sao zalo không gửi được ảnh",
    "cach doi ten facebook",
    "làm sao để tải video từ facebook",
    "zalo bị lỗi không đăng nhập được trên máy tính",
    "cách tạo nhóm zalo cho lớp",
    "cách livestream trên facebook",
]

OTHER_EVENTS = [  # other festivals, shows, holidays, the calendar
    "lễ hội hoa phượng đỏ năm nay tổ chức ngày nào",
    "lịch bắn pháo hoa tết",
    "trung thu ở phố đi bộ có gì",
    "chương trình ca nhạc ở nhà hát lớn tối thứ 7",
    "đua thuyền rồng cát bà khi nào",
    "triển lãm ô tô tháng 10",
    "lịch nghỉ lễ 2/9",
    "lịch âm hôm nay",
    "ngày mai là mùng mấy âm lịch",
    "câu lạc bộ dưỡng sinh phường tập mấy giờ",
    "lottery results today",
]

CHAT = [  # about the bot itself
    "bot mấy tuổi",
    "bot có người yêu chưa",
    "ban ten gi",
    "bạn là người hay máy",
    "bot an com chua",
    "bạn có biết hát không",
    "kể chuyện cười đi",
    "bot sống ở đâu",
    "mình buồn quá",
    "bạn thích màu gì",
    "bot có mệt không",
    "how old are you bot",
]

CLASSES = {
    "schools": SCHOOLS, "fees": FEES, "libraries": LIBRARIES, "contests": CONTESTS,
    "weather": WEATHER, "traffic": TRAFFIC, "health": HEALTH, "jobs": JOBS,
    "english": ENGLISH_CENTRES, "driving": DRIVING, "papers": PAPERS,
    "football_tv": FOOTBALL_TV, "prices": PRICES, "utilities": UTILITIES,
    "accounts": ACCOUNTS, "other_events": OTHER_EVENTS, "chat": CHAT,
}

# Lines the rules still answer wrongly: text -> why (each stays an xfail(strict=True)).
STILL_WRONG: dict[str, str] = {
    "làm thẻ thư viện trường cần gì":
        "the rules say no information (a school's library); the five examples most like it "
        "all ask for the city's library (examples.py), which is then given",
    # ("thu 7 nay hoc sinh co phai di hoc ko": left until round 34c, no information since)
    "lớp học nấu ăn cuối tuần giá bao nhiêu":
        "'nấu' is repaired to 'lau' (a word the bot knows: 'lâu'), so the weekend's words "
        "outweigh the rest",
    "người cao tuổi được trợ cấp bao nhiêu":
        "'người cao tuổi' names who takes part; 'trợ cấp' cannot be a subject elsewhere "
        "(people tell it of themselves: 'sống bằng trợ cấp, tham gia có mất tiền không')",
    "hoc ielts o hai phong het bao nhieu tien":
        "'bao nhiêu tiền' is the fee question; 'ielts' cannot be a subject elsewhere (the "
        "tuned corpus has 'đang ôn thi ielts, có trang nào học tiếng anh')",
    # ("cách livestream trên facebook" is no information since round 26a: how a thing is
    # done on an app found only on its name.)
}


def _cases() -> list[object]:
    cases: list[object] = []
    for name, texts in CLASSES.items():
        for text in texts:
            marks = ([pytest.mark.xfail(strict=True, reason=STILL_WRONG[text])]
                     if text in STILL_WRONG else [])
            cases.append(pytest.param(text, id=f"{name}-{text}", marks=marks))
    return cases


def test_the_list_is_long_enough() -> None:
    texts = [t for texts in CLASSES.values() for t in texts]
    assert len(texts) >= 150
    assert len(set(texts)) == len(texts)
    assert set(STILL_WRONG) <= set(texts)


@pytest.mark.parametrize("text", _cases())
def test_off_topic_gets_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    # a word the bot knows only from a subject that is not the Week's still says something else
    ("lịch tiêm phòng dại cho chó", "dont_know"),
    ("lich kham benh tre em thu 7", "dont_know"),
    # opening hours asked of the organisers or of a resource online: no hours to give
    ("giờ làm việc của ubnd quận", "dont_know"),
    # the library's hours are the library's answer; what a body does is the bodies' answer
    ("thư viện mở cửa mấy giờ vậy", "library"),
    ("ubnd quận làm gì trong tuần lễ", "bodies"),
])
def test_the_rules_of_the_round(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
