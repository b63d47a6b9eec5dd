"""Round 20 (a) of issue 15: parents and elderly people, who write long and polite, often
without marks, call themselves by kin words ("bác", "bà", "ông") and tell a story before the
question.

The phrasings are the round's blind paraphrases of each class of miss, written before its fix
and not taken from the corpus: 35 of 69 right before the round's fixes, 55 after. The classes:
an older writer's kin word holds the phrases written with "tôi" ("nhắn cho bác"); help asked of
a device, not the bot, is the digital skills answer; scams told as stories; what is on near
home is the district's; a day's events asked "cho <someone> tham gia" stay the day's; money
told as lost beside a scam's words is no fee; story words of older people are known. The 14 it
left are marked xfail (strict), with the answer they get. What they check is the answer the
user gets.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import SECOND_OPINION, answer

# the digital skills answers: the FAQ on Internet safety and the two classes
SKILLS = ("faq:internet-an-toan", "event:an-duong-ky-nang-so", "event:lop-ky-nang-so")
@pytest.mark.parametrize(("text", "expected"), [
    # C1: story words of older people (pension, grandchildren, forgetting)
    ('ông bà tôi sống bằng lương hưu, tham gia các lớp có mất tiền không', ('faq:chi-phi',)),
    ('mẹ tôi đã nghỉ hưu, ở nhà trông cháu, bà có được tham gia không', ('faq:ai-tham-gia',)),
    ('bac dang nau com, chau cho bac hoi mai co su kien gi', ('day:2020-10-02',)),
    ('tôi hay quên lắm, nhắc lịch cho tôi với nhé', ('subscribe', 'faq:nhac-lich')),
    ('chau noi chau ngoai nha toi deu thich doc sach, thu vien o dau',
     ('library', 'faq:doc-sach')),
    # C2: thanks with wishes, leaving for a chore
    ('cảm ơn cháu đã giúp bà, chúc cháu mạnh khỏe', ('smalltalk:thanks',)),
    ('cam on chau nhe, chuc chau khoe', ('smalltalk:thanks',)),
    ('bac chao chau nhe, bac di cho day', ('smalltalk:goodbye',)),
    ('được rồi, bà cảm ơn cháu tận tình quá', ('smalltalk:thanks',)),
    # C3: scams told as stories
    ('có người nhắn tin giả làm con tôi xin tiền, tôi phải làm sao', ('faq:internet-an-toan',)),
    ('co dua mao danh cong an goi cho me toi bat chuyen tien vao tai khoan',
     ('faq:internet-an-toan',)),
    ('ba toi muon hoc cach chuyen khoan an toan, so bi lua', SKILLS),
    # C4: help asked of a device, not of the bot
    ('mẹ tôi không biết dùng điện thoại thông minh, có ai dạy không', SKILLS),
    ('ong toi moi duoc tang dien thoai moi ma chua biet su dung, co lop nao khong', SKILLS),
    ('bà không biết dùng zalo, có chỗ nào dạy không cháu', SKILLS),
    ('bo toi khong biet xai smartphone, o dau huong dan', SKILLS),
    ('tôi già rồi không biết dùng máy tính, có lớp cho người như tôi không', SKILLS),
    ('bác muốn học dùng ipad để xem tin tức, có lớp không', SKILLS),
    # C5: what is on near home
    ('nhà tôi ở Thủy Nguyên, gần đấy có hoạt động gì không', ('faq:quan-huyen',)),
    ('o gan cho toi o co su kien nao khong', ('faq:quan-huyen',)),
    # (read while round 27a's examples were merged; overruled again at the end)
    pytest.param('bà ở Vĩnh Bảo, quanh nhà có gì tham gia được không', ('faq:quan-huyen',),
                 marks=pytest.mark.xfail(strict=True, reason=SECOND_OPINION + (
                     "who may take part at p 0.73, since round 27's five rounds merged"))),
    ('gần nhà mình có lớp hay sự kiện gì không ad', ('faq:quan-huyen',)),
    # C6: a fee asked after a story
    ('cháu nhà tôi học lớp 4, muốn cho cháu thi thử, thi có phải nộp tiền không',
     ('faq:chi-phi',)),
    ('con toi thich doc sach lam, muon cho chau vao thu vien, vao thu vien co '
     'mat tien khong',
     ('faq:chi-phi', 'library', 'faq:doc-sach')),
    ('bà nghe nói có cuộc thi trên mạng, thi có tốn tiền không', ('faq:chi-phi',)),
    ('con gái tôi muốn thi công dân học tập nhưng nhà nghèo, có phải đóng phí '
     'không',
     ('faq:chi-phi',)),
    ('cháu tôi đang học lớp 7, muốn đi thư viện, thư viện có thu tiền không',
     ('faq:chi-phi', 'library', 'faq:doc-sach')),
    # C7: reminders for the writer called by a kin word
    ('bác hay quên, cháu nhắc bác trước mỗi sự kiện nhé', ('subscribe', 'faq:nhac-lich')),
    ('dang ky nhan tin nhac cho ong voi, ong muon biet lich cac lop',
     ('subscribe', 'faq:nhac-lich')),
    ('có lớp học nào thì báo cho bà biết trước nhé', ('subscribe', 'faq:nhac-lich')),
    ('cu co su kien thi nhan cho bac nhe', ('subscribe', 'faq:nhac-lich')),
    # C8: a day's events asked for someone
    ('mai có hoạt động gì cho người cao tuổi tham gia không', ('day:2020-10-02',)),
    ('thu bay co gi cho ong ba tham gia khong', ('day:2020-10-03',)),
    ('chủ nhật này có gì cho các cụ không', ('day:2020-10-04',)),
    ('hom nay co lop nao cho nguoi gia khong', ('day:2020-10-01',)),
    ('tối nay có gì cho phụ huynh tham gia không ạ', ('day:2020-10-01@toi',)),
    # D1: money lost to a scam, prizes and gifts
    ('có người nhắn bà là được tặng quà, bảo đóng tiền phí ship trước, có phải '
     'lừa không cháu',
     ('faq:internet-an-toan',)),
    ('ong bi mat tien trong the atm sau khi doc ma cho nguoi la, phai lam sao',
     ('faq:internet-an-toan',)),
    # D2: stopping the reminders
    ('tin nhắn gửi về nhiều quá, tôi không muốn nhận nữa', ('unsubscribe',)),
    ('bà không cần nhận tin nữa đâu cháu', ('unsubscribe',)),
    ('thôi đừng gửi lịch cho ông nữa', ('unsubscribe',)),
    ('mẹ tôi không muốn nhận tin nhắn của bot nữa, tắt đi giúp', ('unsubscribe',)),
    # D3: digital tasks to learn (shopping, video calls)
    ('bà muốn học cách mua hàng trên mạng, có lớp nào dạy không', SKILLS),
    ('làm sao để con tôi không xem những trang web không lành mạnh', ('faq:internet-an-toan',)),
    ('bác muốn học xem youtube trên ti vi, có chỗ nào hướng dẫn không', SKILLS),
    # D4: old age: may I still learn
    ('bà 75 tuổi rồi có học được không cháu', ('faq:ai-tham-gia',)),
    ('người già như tôi có được đi học lớp nào không', ('faq:ai-tham-gia',)),
    ('ông ngoài 70 rồi thì có đi học được không', ('faq:ai-tham-gia',)),
    ('tôi già rồi, đi học còn được không', ('faq:ai-tham-gia',)),
    ('các cụ trên 80 tuổi có được tham gia không', ('faq:ai-tham-gia',)),
    # D5: the An Dương phone class: when
    ('lớp điện thoại cho người lớn tuổi ở An Dương học ngày nào',
     ('event:an-duong-ky-nang-so', 'day:2020-10-03')),
    ('lop day dung smartphone cho nguoi gia o an duong hoc luc may gio',
     ('event:an-duong-ky-nang-so', 'day:2020-10-03')),
    ('lớp học điện thoại ở An Dương khi nào học', ('event:an-duong-ky-nang-so', 'day:2020-10-03')),
    ('ở an dương dạy người già dùng điện thoại hôm nào',
     ('event:an-duong-ky-nang-so', 'day:2020-10-03')),
    ('lop huong dan dien thoai cho nguoi cao tuoi an duong bao gio',
     ('event:an-duong-ky-nang-so', 'day:2020-10-03')),
    # read since round 22e (the safe Internet's troubles as ordinary adults name them; a
    # phone named as the thing used gives way to the safe Internet)
    ('ba nhận được tin nhắn trúng giải iphone, bảo gửi phí vận chuyển, có nên '
     'gửi không',
     ('faq:internet-an-toan',)),
    pytest.param('mẹ tôi muốn học chuyển khoản bằng điện thoại, có lớp không', SKILLS,
        marks=pytest.mark.xfail(strict=True, reason=(
        "courses with round 38's examples (§8.157): the model's safe Internet 0.74, the class "
        "0.14; the nearest two tie (0.48), one of each"))),
    ('nick facebook của chị tôi bị ai đó dùng để vay tiền bạn bè, làm sao bây '
     'giờ',
     ('faq:internet-an-toan',)),
    # read since round 24a ('bấm vào đường link' a phrase of the safe Internet)
    ('tài khoản ngân hàng của mẹ tôi tự dưng mất tiền sau khi bấm vào đường '
     'link, giờ làm sao',
     ('faq:internet-an-toan',)),
    # read since round 24a (a phrase of posing, 'giả danh', is not modified by whom it poses as)
    ('bố tôi bị người ta gọi điện giả danh ngân hàng đòi mã số, làm thế nào cho '
     'an toàn',
     ('faq:internet-an-toan',)),
    # read since the examples' second opinion (BENCHMARKS §8.81): story words of older people;
    # what is on near home
    ('ong ba o que ra choi, tuan le dien ra den ngay nao', ('faq:thoi-gian', 'schedule')),
    # (the rules read 'hong' as 'không'; the examples' second opinion gives the district's
    # events, p 0.51: a strict xfail during round 27's merges, read again at its end)
    pytest.param('o quan hong bang co sk gi gan nha khong', ('faq:quan-huyen',),
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "schedule with round 36's examples (§8.142): "
                     "the model's district list 0.68, but the "
                     "nearest example (0.579) is the next event's"))),
    # read since round 26a
    ('bố tôi được gọi điện báo trúng thưởng ô tô, bảo nộp thuế trước mới nhận, '
     'có phải lừa không',
     ('faq:internet-an-toan',)),
])
def test_parents_and_elderly(understander: Understander, text: str,
                             expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.xfail(strict=True, reason="round 20a left them: a story word read as a day "
                   "('ngủ trưa'), a farewell said as 'chào nhé', scams told with words of "
                   "their own (thuế, iphone, phí vận chuyển), 'nhắn cho mẹ tôi lịch' read as "
                   "the calendar")
@pytest.mark.parametrize(("text", "expected"), [
    # C2: thanks with wishes, leaving for a chore
    # gets day:2020-10-01@trua
    ('thôi ông đi ngủ trưa đây, chào cháu', ('smalltalk:goodbye',)),
    # gets smalltalk:greeting
    ('chúc cháu công tác tốt, bác chào nhé', ('smalltalk:goodbye',)),
    # C3: scams told as stories
    # gets ask
    ('người lạ nhắn zalo nhờ chuyển khoản hộ, có nên tin không', ('faq:internet-an-toan',)),
    # C7: reminders for the writer called by a kin word
    # gets schedule
    ('nhắn cho mẹ tôi lịch các buổi học với, bà hay quên lắm', ('subscribe', 'faq:nhac-lich')),
    # D2: stopping the reminders
    # gets dont_know
    ('nhận thông báo mãi mệt quá, cho bác ngừng nhận', ('unsubscribe',)),
    # D3: digital tasks to learn (shopping, video calls)
    # gets subscribe
    ('ông muốn biết cách nhắn tin có hình cho con ở xa, ai dạy ông được', SKILLS),
])
def test_parents_and_elderly_left(understander: Understander, text: str,
                                  expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
