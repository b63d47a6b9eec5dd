"""Round 23 (d) of issue 15: ordinary questions of the FAQ and of the bot's own features.

Citizens ask, in their own words, about fees, certificates, who may take part and how (online or
in person), the reminders (start, stop), the language, their data, where things happen, who
organises, the theme, how to reach the organizers and what the bot can do. Blind paraphrases by
class of the round's first-contact misses (batch 1 of `# --- round 23d` in corpus.txt), written
before any change of their class, other words and other people than the corpus lines. Expected
answers separated by " / " are each right (as in the corpus).

First set (classes A–H, written after batch 1's first contact): 16 of 33 cases right before
the round's changes, other subjects 4/4, guards 9/9; 33/33, 4/4, 9/9 after. Second set
(classes I–Q, written after batch 2's first contact, before its fixes): 7 of 24 right at that
point, other subjects (M) 3/4; 22/24 and 4/4 after, two strict xfails with their reasons.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

FEE = "faq:chi-phi"
CONTEST = "contest / faq:cuoc-thi"
WHO = "faq:ai-tham-gia"
STOP = "unsubscribe"
WHAT_WEEK = "faq:tuan-le-la-gi / theme"
HELP = "help"
DISTRICT = "faq:quan-huyen"

CASES = [
    # A. the fee asked as "có phải nộp / đóng / trả … không", and of a feature of the bot
    ('đi xem mấy hoạt động của tuần lễ thì có phải đóng đồng nào không', FEE),
    ('tham gia tuan le co phai nop khoan gi khong a', FEE),
    ('các lớp học trong tuần lễ có thu khoản phí nào không', FEE),
    ('ông hỏi thật, dự mấy buổi đó có phải bỏ tiền túi ra không', FEE),
    ('nhan tin nhac lich hang ngay co bi tinh tien khong', FEE),
    ('đăng ký nhận thông báo của bot có mất phí gì không', FEE),
    ('tra cuu lich tren bot co ton tien khong', FEE),
    ('mượn sách ở thư viện trong tuần lễ có phải trả phí không',
     FEE + " / library / faq:doc-sach"),
    # B. a certificate for the contest
    ('làm xong bài thi có giấy chứng nhận không ạ', CONTEST),
    ('thi cong dan hoc tap co cap chung nhan khong', CONTEST),
    ('con em thi xong thì có được in giấy chứng nhận để nộp cho trường không', CONTEST),
    ('du thi co duoc giay khen hay bang khen gi khong', CONTEST),
    # C. who may take part, and how: online, not in person, groups of people
    ('nguoi khuyet tat di lai kho khan co tham gia duoc khong', WHO),
    ('tôi ở quê lên Hải Phòng làm công nhân, có được tham gia tuần lễ không', WHO),
    ('không đi được đến nơi thì tham gia trực tuyến có được không', WHO),
    ('o xa khong den truc tiep duoc thi tham gia qua mang dc k', WHO),
    ('người nội trợ ở nhà có tham gia được không', WHO),
    ('bà ngoại em 80 tuổi, bà có tham gia được không', WHO),
    ('tuần lễ có cho người về hưu tham gia không', WHO),
    # D. the reminders stopped, said as a complaint
    ('bot nhắn nhiều quá làm phiền, hủy giùm tôi', STOP),
    ('sang nao cung nhan tin phien qua, cho toi huy di', STOP),
    ('tôi không muốn bot nhắn nữa, hủy đi', STOP),
    ('dung nhan cho toi nua, phien lam', STOP),
    # E. what the Week is, heard of for the first time
    ('lần đầu tôi nghe tới tuần lễ học tập suốt đời, nó là gì vậy', WHAT_WEEK),
    ('chua nghe bao gio, tuan le hoc tap suot doi la gi the', WHAT_WEEK),
    ('tuần lễ học tập suốt đời là hoạt động gì thế bot', WHAT_WEEK),
    # F. what may be asked of the bot
    ('tôi có thể hỏi bot những gì', HELP),
    ('hoi duoc nhung chuyen gi o day vay', HELP),
    ('bot này trả lời được những câu gì', HELP),
    ('ở đây hỏi được cái gì hả ad', HELP),
    # G. the events of one's district, asked "ở đâu để xem"
    ('ở đâu để xem lịch riêng của quận lê chân', DISTRICT),
    ('xem lich rieng cua huyen an duong o dau', DISTRICT),
    ('muon xem cac su kien rieng cua quan minh thi xem o dau', DISTRICT),
]

# Written after batch 2's first contact (its misses' classes), before their fixes.
BODIES = "bodies"
CASES_2 = [
    # I. who the organizers are, asked "là những ai", "gồm những ai"
    ('btc tuan le gom nhung ai vay', BODIES),
    ('ban tổ chức là những cơ quan nào thế', BODIES),
    ('những ai đứng ra làm ban tổ chức tuần lễ', BODIES),
    # J. whom to ask when the bot cannot answer
    ('bot không trả lời được câu của tôi thì tôi hỏi ai', "ask / contacts / faq:lien-he"),
    ('neu bot khong biet thi hoi nguoi nao', "ask / contacts / faq:lien-he"),
    pytest.param('câu này bot không trả lời được thì gửi cho ai', "ask / contacts / faq:lien-he",
                 marks=pytest.mark.xfail(strict=True, reason="'gửi cho ai' alone is no phrase "
                 "(a report is also sent to someone): nothing is found after 'thì', the "
                 "complaint stays small talk")),
    # K. the reminders stopped: "tắt", "nhắn hoài"
    ('làm thế nào để tắt tin nhắn của bot', STOP),
    ('bot gui tin hoai, tat the nao', STOP),
    ('muốn tắt nhắc lịch thì bấm gì', STOP),
    # L. the fee in other words: "góp tiền", "phí đăng ký"
    ('tham gia lớp kỹ năng số có phải góp tiền gì không', FEE),
    ('dang ky du thi co mat phi dang ky khong', "faq:chi-phi / contest / faq:cuoc-thi"),
    ('đi dự ngày hội đọc sách có phải đóng góp gì không', FEE),
    # N. "có phải chỉ X mới được tham gia không"
    ('có phải chỉ học sinh mới được tham gia không', WHO),
    pytest.param('chi giao vien moi duoc tham gia a', WHO, marks=pytest.mark.xfail(
        strict=True, reason="unmarked 'chi' opens a unit's name (chi hội, chi đoàn): the "
        "unit's duty takes 'tham gia' and drops who may take part")),
    ('tuần lễ chỉ dành cho người trong thành phố thôi à', WHO),
    # O. what a good score wins
    ('thi điểm cao có được thưởng gì không', CONTEST),
    ('ai thi gioi co duoc qua khong', CONTEST),
    ('người đứng đầu bảng có nhận được quà gì không', CONTEST + " / leaderboard"),
    # P. who keeps what one typed, and whether it is safe
    ('thông tin tôi đăng ký thi ai giữ vậy', "privacy"),
    ('du lieu cua toi tren bot co duoc bao mat khong', "privacy"),
    ('số điện thoại tôi nhập vào bot có bị lộ không', "privacy"),
    # Q. what the Week is held for, asked with "ra", "lập ra"
    ('tuần lễ học tập đặt ra để làm gì', "theme"),
    ('nguoi ta to chuc ra tuan le nay de lam gi', "theme"),
    ('sao lại có tuần lễ học tập suốt đời, để làm gì', "theme / faq:tuan-le-la-gi"),
]

# H. the cost of other things: no information
ELSEWHERE = [
    'học thêm ở trung tâm tiếng anh thì nộp tiền ở đâu',
    'học bằng lái xe máy hết bao nhiêu tiền',
    'làm lại giấy khai sinh có mất phí không',
    'giấy chứng nhận quyền sử dụng đất làm ở đâu',
    # M. (after batch 2) fees of school and of papers
    'làm căn cước gắn chip mất bao nhiêu tiền',
    'có phải đóng học phí cho con học kỳ này không',
    'làm hộ chiếu ở đâu, mất bao lâu',
    'tiền học thêm ở trường đóng cho ai',
]

# guards: answers right before the round that must stay
GUARDS = [
    ('giá vàng hôm nay', 'dont_know'),
    ('có mất phí không', FEE),
    ('lớp kỹ năng số có mất phí không', FEE),
    ('hủy đăng ký', STOP),
    ('cảm ơn', 'smalltalk:thanks'),
    ('tuần lễ là gì', WHAT_WEEK),
    ('hdsd', HELP),
    ('chọn quận ở đâu', DISTRICT),
    ('dang ky nhan tin', 'subscribe / faq:nhac-lich'),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_case(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), CASES_2)
def test_case_batch_2(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize("text", ELSEWHERE)
def test_elsewhere(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
