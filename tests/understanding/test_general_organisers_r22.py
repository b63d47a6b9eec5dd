"""Round 22 (d) of issue 15: people who organise or report, writing to the bot.

Ward and commune culture officers, school principals, library staff, members of the Hội
Khuyến học and Đoàn secretaries ask about the results report, the opening ceremony, how a unit
joins, library cooperation and reading spaces, the forums, outreach on Zalo and Facebook, the
steering committee, and ask the bot to pass a message on. Blind paraphrases by class of the
round's first-contact misses (batch 1 of `# --- round 22d` in corpus.txt), written before any
change of the round, other words and other people than the corpus lines. Expected answers
separated by " / " are each right (as in the corpus).

First set (classes A–J, written after batch 1's first contact): 41 of 62 right before the
round's changes (cases 29/48, other campaigns 4/6, guards 8/8), 62/62 after. Second set
(classes K–U and R, written after batch 2's first contact, before its fixes): 30 of 56 right
at that point (cases 28/50, other campaigns 2/6), 53/56 after; three strict xfails with their
reasons. Guards added at the end (six, right at main 42b4c5a): all kept.
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
SHARING = "library / programme:hop-tac-thu-vien / programme:luan-chuyen-sach"

CASES = [
    # A. what a unit posts on Zalo, Facebook, its portal to tell people of the Week
    ('fanpage cua truong nen dang bai gi huong ung tuan le hoc tap', UNIT_DOES),
    ('chúng tôi muốn tuyên truyền tuần lễ trên nhóm zalo của khu phố thì đăng nội dung gì',
     UNIT_DOES),
    ('cán bộ văn hóa xã cần đăng tin gì lên trang facebook của xã trong tuần lễ', UNIT_DOES),
    ('tuyen truyen tuan le tren mang xa hoi the nao cho dung', UNIT_DOES),
    ('doan truong muon dang bai tuyen truyen hoc tap suot doi len fb thi noi dung ra sao',
     UNIT_DOES),
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
    ('xay phong doc sach o nha van hoa to dan pho co duoc tinh la huong ung tuan le k',
     READING_SPACE),
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
    ('xin chuyển lời tới ban tổ chức: thư viện quận đề nghị được nhận thêm tài liệu tuyên truyền',
     ASK),
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

# Written after batch 2's first contact (its misses' classes), before their fixes.
DONATE = "library / faq:doc-sach"
CASES_2 = [
    # K. books given to a library, a book drive
    ('chi đoàn chúng tôi quyên được hơn 100 cuốn truyện, muốn tặng thư viện trường thì liên hệ ai',
     DONATE),
    ('hoi phu nu phuong muon ung ho sach cho tu sach cua thon thi gui dau', DONATE),
    ('nhà tôi còn nhiều sách cũ của con, có thể mang đến thư viện nào để tặng', DONATE),
    ('phat dong quyen gop sach trong truong thi lam nhu the nao', DONATE),
    ('công ty muốn trao tặng một tủ sách cho trường vùng khó khăn của huyện', DONATE),
    ('lop em gom duoc 3 thung sach muon gui tang thu vien xa', DONATE),
    # L. what the report holds
    ('báo cáo có phải nêu số người tham gia từng hoạt động không', REPORT),
    ('trong bao cao can thong ke so buoi doc sach va so nguoi du khong a', REPORT),
    ('số liệu về tủ sách lớp học có đưa vào báo cáo tuần lễ không', REPORT),
    ('báo cáo kết quả gồm những mục nào, có cần kèm ảnh không', REPORT),
    ('bc can ghi so lop tap huan internet k ad', REPORT),
    # M. the opening named with its day, the hour asked
    ('khai mạc sáng 1/10 mấy giờ bắt đầu', 'event:khai-mac / faq:thoi-gian'),
    ('le khai mac ngay 1 thang 10 may gio a', 'event:khai-mac / faq:thoi-gian'),
    ('kmac hom nay luc may h', 'event:khai-mac / faq:thoi-gian'),
    ('lễ khai mạc thứ năm này bắt đầu lúc mấy giờ', 'event:khai-mac / faq:thoi-gian'),
    ('khai mac tuan le sang nay may gio vay ad', 'event:khai-mac / faq:thoi-gian'),
    # N. libraries that share with one another
    ('thư viện phường và thư viện trường có thể trao đổi sách cho nhau không', SHARING),
    ('tv xa muon lien ket voi tv truong thcs de cho muon sach', SHARING),
    ('các thư viện cùng khu dân cư chia sẻ sách với nhau thế nào', SHARING),
    # (left by round 22d, read by round 38: borrowing asked of the place named)
    ('thu vien trung tam hoc tap cong dong muon muon sach cua thu vien huyen', SHARING),
    ('hai thư viện muốn đổi sách qua lại thì làm thế nào', SHARING),
    # O. a message for the organizers, its words after a colon
    ('nhờ bot nhắn Ban tổ chức: trường chúng tôi đã tổ chức ngày hội đọc sách thành công', ASK),
    ('chuyen loi toi btc: xa an hong de nghi to chuc them lop tin hoc cho nguoi gia', ASK),
    ('bot ghi lại ý kiến giúp tôi: nên kéo dài cuộc thi thêm vài ngày', ASK),
    ('ad bao btc giup: thu vien phuong muon nhan them sach', ASK),
    ('gửi ý kiến tới Ban tổ chức: lịch diễn đàn nên để buổi tối cho người đi làm', ASK),
    ('nhan toi btc giup minh: truong minh muon duoc ho tro bang ron', ASK),
    # P. the Department and the office typed short
    ('bc gui sgd truoc ngay nao', REPORT),
    ('sđt của sgd hải phòng', 'contacts / faq:lien-he'),
    pytest.param('bao cao nop cho pgd quan hay sgd', REPORT, marks=pytest.mark.xfail(
        strict=True, reason="two units named after 'nộp cho' (both also a resource's name) weigh "
        "four times the report, and _destination wants the report a quarter as strong")),
    ('sgddt co nhiem vu gi trong tuan le', BODIES),
    ('pgd huyen can lam gi huong ung tuan le', "faq:don-vi-tham-gia / bodies"),
    # Q. a forum named loosely ("diễn đàn về …")
    ('diễn đàn về công dân toàn cầu xem ở đâu', FORUMS),
    ('dien dan ve cong dan hoc tap to chuc ngay nao', FORUMS),
    ('diễn đàn chủ đề công dân toàn cầu có cho học sinh tham gia không', FORUMS),
    ('cho xin link dien dan ve cong dan toan cau toi 6/10', FORUMS),
    ('diễn đàn trực tuyến về công dân học tập mấy giờ', FORUMS),
    # S. who may attend the opening
    ('người dân có được vào dự lễ khai mạc không', OPENING),
    ('giáo viên có được đi dự lễ khai mạc tuần lễ không', OPENING),
    ('hs co duoc du le khai mac k hay chi dai bieu', OPENING),
    ('phụ huynh có được tham dự lễ khai mạc không', OPENING),
    ('sinh vien co the den xem le khai mac duoc khong', OPENING),
    # T. where the unit's money for the Week comes from
    ('kinh phí tổ chức hoạt động hưởng ứng tuần lễ của phường lấy ở đâu',
     "bodies / faq:don-vi-tham-gia"),
    pytest.param('nguồn kinh phí cho các hoạt động của tuần lễ do ai chi',
                 "bodies / faq:don-vi-tham-gia", marks=pytest.mark.xfail(
                     strict=True, reason="the bodies are found ('kinh phí cho các hoạt động'), "
                     "but 'nguồn' before the phrase and 'do ai chi' after it stay unexplained: "
                     "not confident, no information")),
    ('kinh phi to chuc tuan le o xa chi tu nguon nao', "bodies / faq:don-vi-tham-gia"),
    ('trường tổ chức hưởng ứng tuần lễ thì kinh phí lấy từ đâu', "bodies / faq:don-vi-tham-gia"),
    # U. a hashtag for the posts: the theme is the nearest (the letter names no hashtag)
    ('hashtag cho bài đăng tuần lễ học tập suốt đời là gì', "theme / faq:chu-de / dont_know"),
    ('dang bai tuan le thi gan hashtag gi ad', "theme / faq:chu-de / dont_know"),
    ('có hashtag chung cho các đơn vị đăng bài không', "theme / faq:chu-de / dont_know"),
    ('hastag tuan le hoc tap suot doi 2020', "theme / faq:chu-de / dont_know"),
]

# D. another campaign or another report: the words of the Week's report, not its subject
ELSEWHERE = [
    'tuần lễ hưởng ứng an toàn giao thông có cần gửi báo cáo không',
    'bao cao thang hanh dong vi tre em nop cho ai',
    'hạn nộp báo cáo sơ kết học kỳ 1 cho phòng giáo dục là ngày nào',
    'ngày hội đại đoàn kết toàn dân tộc ở khu dân cư tổ chức thế nào',
    'báo cáo công tác phòng chống dịch covid của trường gửi về đâu',
    'ke hoach tet trung thu cho thieu nhi phuong can lam gi',
    # R. (after batch 2) another "tuần lễ", "tháng", "ngày hội" of another campaign
    'tuần lễ dinh dưỡng có phải nộp báo cáo không',
    'tuan le ao dai nam nay to chuc ngay nao',
    'tháng an toàn thực phẩm phường cần làm gì',
    'ngày hội hiến máu ở phường tổ chức ở đâu',
    'tuần lễ biển và hải đảo có những hoạt động gì',
    'bao cao tuan le phong chong thien tai gui ve dau',
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
    # (after the round's rules: a phone number beside another question is still unknown; a
    # hanging banners stays the activity; who may take part, named with no event, stays the FAQ)
    ('gọi cho tôi số 0912 345 678 về chuyện gửi xe', 'dont_know'),
    ('phường có phải treo băng rôn không', UNIT_DOES),
    ('người già có được tham gia không', 'faq:ai-tham-gia'),
    ('kinh phí sửa chữa thư viện trường xin ở đâu', 'dont_know'),
    ('học kỹ năng số ở đâu', 'courses:ky-nang-so / faq:internet-an-toan'),
    ('mua sách giáo khoa lớp 1 ở đâu', 'dont_know'),
]


def _right(got: str, expected: str) -> bool:
    return got in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_what_an_organiser_asks(understander: Understander, text: str, expected: str) -> None:
    assert _right(answer(understander, text), expected)


@pytest.mark.parametrize(("text", "expected"), CASES_2)
def test_what_an_organiser_asks_after_batch_2(understander: Understander, text: str,
                                              expected: str) -> None:
    assert _right(answer(understander, text), expected)


@pytest.mark.parametrize("text", ELSEWHERE)
def test_another_campaign_gets_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_guards(understander: Understander, text: str, expected: str) -> None:
    assert _right(answer(understander, text), expected)
