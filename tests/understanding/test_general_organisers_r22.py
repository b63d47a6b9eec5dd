"""Round 22 (d) of issue 15: people who organise or report, writing to the bot.

Ward and commune culture officers, school principals, library staff, members of the Hội
Khuyến học and Đoàn secretaries ask about the results report, the opening ceremony, how a unit
joins, library cooperation and reading spaces, the forums, outreach on Zalo and Facebook, the
steering committee, and ask the bot to pass a message on. Blind paraphrases by class of the
round's first-contact misses (batch 1 of `# --- round 22d` in corpus.txt), written before any
change of the round, other words and other people than the corpus lines. Expected answers
separated by " / " are each right (as in the corpus).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

UNIT_DOES = "activities / faq:hoat-dong / faq:don-vi-tham-gia"
THEME = "theme / faq:chu-de"
BODIES = "bodies / contacts / faq:lien-he"
READING_SPACE = ("programme:khong-gian-doc / event:khong-gian-doc / library / faq:doc-sach / "
                 "faq:don-vi-tham-gia / activities / faq:hoat-dong")
REPORT = "faq:han-bao-cao / bodies"
FORUMS = "event:dien-dan-cong-dan-hoc-tap / event:dien-dan-cong-dan-toan-cau"
ASK = "ask"
OPENING = "event:khai-mac / activities / faq:hoat-dong"

CASES = [
    # A. what a unit posts on Zalo, Facebook, its portal to tell people of the Week
    ('fanpage cua truong nen dang bai gi huong ung tuan le hoc tap', UNIT_DOES),
    ('chúng tôi muốn tuyên truyền tuần lễ trên nhóm zalo của khu phố thì đăng nội dung gì', UNIT_DOES),
    ('cán bộ văn hóa xã cần đăng tin gì lên trang facebook của xã trong tuần lễ', UNIT_DOES),
    ('tuyen truyen tuan le tren mang xa hoi the nao cho dung', UNIT_DOES),
    ('doan truong muon dang bai tuyen truyen hoc tap suot doi len fb thi noi dung ra sao', UNIT_DOES),
    ('có tài liệu tuyên truyền về tuần lễ để đăng lên cổng thông tin của phường không', UNIT_DOES),
    # B. the words to print on a banner: the theme
    ('in băng rôn treo trước ủy ban thì ghi dòng chữ gì', THEME),
    ('bang zon tuan le hoc tap ghi noi dung gi a', THEME),
    ('câu khẩu hiệu để kẻ pano ở cổng trường năm nay là gì', THEME),
    ('nội dung băng rôn hưởng ứng tuần lễ 2020', THEME),
    ('treo bang ron o nha van hoa thon viet chu gi cho dung', THEME),
    # C. the steering committee, in full and in shorthand
    ('bcđ tuần lễ thành phố có những cơ quan nào', BODIES),
    ('bcd thanh pho do so nao chu tri', BODIES),
    ('ban chi dao de an xhht gom nhung ai', BODIES),
    ('BCĐ thành phố ra công văn về tuần lễ gồm những thành viên nào', BODIES),
    ('các đơn vị trong ban chỉ đạo tuần lễ là những đơn vị nào', BODIES),
    ('co quan nao chiu trach nhiem to chuc tuan le o hai phong', BODIES),
    # E. a reading room or corner at a unit
    ('công ty tôi muốn mở một góc thư viện nhỏ cho công nhân đọc lúc nghỉ trưa', READING_SPACE),
    ('xay phong doc sach o nha van hoa to dan pho co duoc tinh la huong ung tuan le k', READING_SPACE),
    ('ủy ban xã muốn làm tủ sách cho cán bộ, có chương trình nào hướng dẫn không', READING_SPACE),
    ('không gian đọc ở trung tâm học tập cộng đồng là gì', READING_SPACE),
    ('co quan minh lam goc doc cho cbcnv thi bat dau tu dau', READING_SPACE),
    # F. the report's two recipients: both or one
    ('báo cáo gửi sở giáo dục rồi thì có phải gửi thêm hội khuyến học không', REPORT),
    ('bc ket qua gui hoi khuyen hoc tp hay gui so gd', REPORT),
    ('nộp báo cáo cho một nơi được không hay phải gửi cả hai', REPORT),
    ('ngoài mail của sở, bản giấy báo cáo gửi về địa chỉ nào', REPORT),
    ('bao cao tuan le gui ve so hay ve hoi khuyen hoc a', REPORT),
    # G. a forum named, then a request of it (speak, send a paper, register, ask)
    ('trường tôi muốn gửi tham luận cho diễn đàn công dân toàn cầu thì gửi thế nào', FORUMS),
    ('dien dan cong dan hoc tap co cho hoc sinh dat cau hoi k', FORUMS),
    ('đăng ký tham dự diễn đàn công dân học tập trực tuyến ở đâu', FORUMS),
    ('muốn phát biểu ở diễn đàn công dân toàn cầu thì đăng ký với ai', FORUMS),
    ('dd cong dan toan cau co can dang ky truoc khong a', FORUMS),
    # H. a message or a call-back for the organizers
    ('nhờ ban tổ chức gọi lại cho tôi số 0987 654 321', ASK),
    ('btc lien he lai voi minh qua sdt nay nhe 0904111222', ASK),
    ('cho tôi để lại lời nhắn cho ban tổ chức', ASK),
    ('nhan giup btc la truong minh da nop bc roi nhe', ASK),
    ('xin chuyển lời tới ban tổ chức: thư viện quận đề nghị được nhận thêm tài liệu tuyên truyền', ASK),
    ('ad báo giúp btc là xã em muốn đăng cai ngày hội đọc sách năm sau', ASK),
    # I. the report late, or its deadline put back
    ('báo cáo nộp chậm vài ngày có sao không', REPORT),
    ('xin gia han nop bao cao tuan le duoc ko', REPORT),
    ('quá hạn 15/10 mới gửi báo cáo thì sao', REPORT),
    ('don vi chua kip tong hop so lieu, lui han bc duoc khong', REPORT),
    ('nếu không kịp gửi báo cáo trước 15 tháng 10 thì phải làm sao', REPORT),
    # J. who attends the opening
    ('lễ khai mạc mời những thành phần nào', OPENING),
    ('dai bieu du le khai mac tuan le gom ai', OPENING),
    ('lễ khai mạc có mời lãnh đạo các phường không', OPENING),
    ('trường học có được cử người đi dự khai mạc không', OPENING),
    ('ai se den du le khai mac ngay 1/10', OPENING),
]

# D. another campaign or another report: the words of the Week's report, not its subject
ELSEWHERE = [
    'tuần lễ hưởng ứng an toàn giao thông có cần gửi báo cáo không',
    'bao cao thang hanh dong vi tre em nop cho ai',
    'hạn nộp báo cáo sơ kết học kỳ 1 cho phòng giáo dục là ngày nào',
    'ngày hội đại đoàn kết toàn dân tộc ở khu dân cư tổ chức thế nào',
    'báo cáo công tác phòng chống dịch covid của trường gửi về đâu',
    'ke hoach tet trung thu cho thieu nhi phuong can lam gi',
]

# guards: answers right before the round that must stay
GUARDS = [
    ('lương giáo viên mầm non bao nhiêu', 'dont_know'),
    ('thủ tục làm căn cước công dân ở phường', 'dont_know'),
    ('thời tiết hải phòng hôm nay', 'dont_know'),
    ('báo cáo kết quả tuần lễ gửi trước ngày nào', REPORT),
    ('lễ khai mạc mấy giờ', 'event:khai-mac / faq:thoi-gian'),
    ('ban chỉ đạo gồm những ai', BODIES),
    ('cho xin số điện thoại ban tổ chức', 'contacts / faq:lien-he'),
    ('đăng ký nhận tin nhắc lịch', 'subscribe / faq:nhac-lich'),
]


def _right(got: str, expected: str) -> bool:
    return got in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_what_an_organiser_asks(understander: Understander, text: str, expected: str) -> None:
    assert _right(answer(understander, text), expected)


@pytest.mark.parametrize("text", ELSEWHERE)
def test_another_campaign_gets_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_guards(understander: Understander, text: str, expected: str) -> None:
    assert _right(answer(understander, text), expected)
