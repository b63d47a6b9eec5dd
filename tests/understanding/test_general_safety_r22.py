"""Round 22 (e) of issue 15: safe-Internet and digital skills asked as personal troubles.

Blind paraphrases of the classes the round's first batch missed (written before any change of
the round, by other people and in other words than the batch), each a trouble of an ordinary
adult, an elderly person or a parent that the Week's answer on the Internet used safely (the
FAQ entry internet-an-toan, its classes, the digital skills resources) answers; and guards,
the near misses of the class (phone repair, a bill, a bank's hours, papers lost, game top-ups)
that must stay "no information", and small talk.
Before the round (main 42b4c5a): 9 of 39 troubles right, 10 of 11 guards ('wifi nhà tôi hay rớt
mạng, gọi ai sửa' was a confident contacts); after: 29 of 39, 11 of 11. The ten left are
strict xfails with the answer they get and why.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

SAFETY = "faq:internet-an-toan"
LEARN = ("faq:internet-an-toan / event:an-duong-ky-nang-so / event:lop-ky-nang-so"
         " / courses:ky-nang-so")

CASES = [
    # A. a scam told with the money it demands ("bắt nộp phí", "phải đóng phí"): not the fee
    # of the Week
    ('ho goi bao me toi trung giai dac biet, phai dong phi van chuyen moi nhan duoc qua', SAFETY),
    ('nhận được tin nhắn trúng iphone, bắt chuyển 500k phí ship, có nên chuyển không', SAFETY),
    ('ng ta bao con toi bi tai nan, bat nop tien vien phi gap vao tk la, lam sao biet that gia',
     SAFETY),
    ('có người nhắn nói tôi được nhận hỗ trợ covid, phải nộp lệ phí hồ sơ 300 nghìn trước',
     SAFETY),
    ('sdt la goi bao thue bao sap bi khoa, phai dong phi de giu so, co phai lua dao k', SAFETY),
    ('shop online bắt đặt cọc trước rồi chặn zalo luôn, giờ làm thế nào', SAFETY),
    # B. children's time online, games, videos
    ('thang be nha em nghien game qua, thuc den 2h sang, ad co cach nao ko', SAFETY),
    ('con tôi học lớp 7 cả ngày cắm mặt vào điện thoại, nói mãi không bỏ', SAFETY),
    ('làm sao giới hạn thời gian xem youtube của trẻ con', SAFETY),
    ('chau noi toi 5 tuoi xem tiktok suot, so anh huong mat va hoc hanh', SAFETY),
    ('con gai e lop 8 hay chat voi nguoi la tren mang, e lo qua', SAFETY),
    ('tre con choi game online bi nguoi la du do thi lam the nao', SAFETY),
    ('cai dat gi cho dt cua con de chan noi dung nguoi lon', SAFETY),
    # C. fake news
    ('tin gia tren facebook nhieu qua, lam sao phan biet', SAFETY),
    ('bà tôi hay tin mấy tin đồn trên zalo rồi gửi cho cả họ, phải nói sao', SAFETY),
    ('co cach nao kiem tra mot bai bao tren mang co dung su that ko', SAFETY),
    ('thấy clip nói sắp có động đất ở hải phòng, có phải tin giả không ạ', SAFETY),
    ('hay bi share tin vit, muon hoc cach nhan biet tin that tin gia', SAFETY),
    # D. an account's safety: logged in elsewhere, two steps, locked, a link to "verify"
    ('zalo cua toi hien thong bao dang nhap tu thiet bi la, co sao khong', SAFETY),
    ('nick facebook bị vô hiệu hoá rồi, kháng nghị mãi không được', SAFETY),
    ('lam sao bao ve tai khoan ngan hang tren dt', SAFETY),
    ('có tin nhắn bảo tài khoản facebook vi phạm bản quyền, bắt bấm link xác minh', SAFETY),
    ('em bị quên mật khẩu zalo mà đổi số điện thoại rồi, lấy lại kiểu gì', SAFETY),
    ('nen bat xac minh 2 buoc cho zalo k ad', SAFETY),
    # E. scam stories: loan apps, someone posing as an official, investment, tasks, a faked voice
    ('bị app vay online đăng ảnh lên mạng bêu riếu, giờ phải làm sao ad ơi', SAFETY),
    ('co nguoi tu xung can bo dien luc goi doi cat dien neu ko chuyen tien', SAFETY),
    ('anh ta quen em tren mang, gio doi gui hang tu nuoc ngoai ve bat dong thue', SAFETY),
    ('có người mời làm nhiệm vụ like video kiếm tiền, ban đầu được trả rồi sau bắt nạp tiền',
     SAFETY),
    ('san dau tu forex ho hua lai cao, nap vao roi khong rut duoc', SAFETY),
    ('người ta gọi video giả giọng con tôi xin tiền, có thật không', SAFETY),
    # F. photos and what is private
    ('có nên đăng ảnh con lên mạng không ad, sợ bị lợi dụng', SAFETY),
    ('anh cua toi bi nguoi ta lay dung de lap nick gia, phai lam the nao', SAFETY),
    ('lam sao de chi ban be moi xem duoc anh tren fb', SAFETY),
    ('bị người yêu cũ tung ảnh riêng tư lên mạng thì làm gì', SAFETY),
    # G. parents and elderly people asking to learn
    ('toi la phu huynh muon hoc cach quan ly con dung dien thoai, co lop khong', LEARN),
    ('người già như tôi học trên mạng có khó không, ai chỉ cho', LEARN),
    ('bo me e ngoai 60 muon hoc dung dien thoai de doc bao, co cho nao day ko', LEARN),
    ('ông bà không biết chữ nhiều có học dùng zalo được không', LEARN),
    ('phụ huynh có lớp nào dạy dùng internet an toàn không', LEARN),
]

# Left after the round (strict xfail), with the answer they get and why.
# ("bị người yêu cũ tung ảnh…" is answered since the examples' model, BENCHMARKS §8.74.)
LEFT: dict[str, str] = {
    'ông bà không biết chữ nhiều có học dùng zalo được không':
        "faq:ai-tham-gia with round 37's examples (§8.149): the model's who may take part "
        "0.35, its nearest example (0.434) round 37a's elder asking whether he can still learn, "
        "An Dương's class next (0.384): a knife's edge since round 30",
    # ('ông bà không biết chữ nhiều có học dùng zalo được không': who may take part once round
    # 30 merged, the model 0.43; answered again with round 36's examples: a knife's edge)
    # ('nhận được tin nhắn trúng iphone…' is answered since round 30e, §8.106.)
    # ('anh ta quen em tren mang, …': a strict xfail with round 31b's examples alone, answered
    # again once round 31 merged; a strict xfail with round 32b's examples alone, answered once
    # round 32 a and b merged, a strict xfail again once round 32e merged, answered again with
    # round 33d's examples made anew: a knife's edge since §8.90; a strict xfail again once
    # round 35's fresh dev sets were made examples, no information 0.40 against the safe
    # Internet 0.39; answered again since a "no information" example's step weighs 0.7,
    # examples.DONT_KNOW_STEP, §8.141)
    'em bị quên mật khẩu zalo mà đổi số điện thoại rồi, lấy lại kiểu gì':
        "dont_know since rounds 26 merged: a forgotten password of an app is the app's "
        "help desk (round 26a's line), not a taken account",
    'có người nhắn nói tôi được nhận hỗ trợ covid, phải nộp lệ phí hồ sơ 300 nghìn trước':
        "dont_know: 'covid' is repaired to 'có video'; 'covid' as a known word was tried and "
        "taken back ('hải phòng hôm nay có ca covid mới không' became today's schedule)",
    # ('co cach nao kiem tra mot bai bao…' and 'có người mời làm nhiệm vụ like video…' are
    # answered since round 26a, by the examples' model.)
    # ('co nguoi tu xung can bo dien luc…' is answered since round 30e, §8.106.)
    # ('cai dat gi cho dt cua con de chan noi dung nguoi lon' is answered since round 26a.)
    # ('anh ta quen em tren mang, …' and 'ông bà không biết chữ nhiều có học dùng zalo được
    # không' are answered again with round 30a's examples: knives' edges since round 29)
}

GUARDS = [
    # near misses: no information
    ('nap the garena o dau duoc khuyen mai', 'dont_know'),
    ('dien thoai iphone bi liet cam ung thi sua o dau', 'dont_know'),
    ('wifi nha toi hay rot mang, goi ai sua', 'dont_know'),
    ('ngân hàng agribank chi nhánh lê chân làm việc mấy giờ', 'dont_know'),
    ('làm lại chứng minh thư bị mất cần giấy tờ gì', 'dont_know'),
    ('mua dien thoai tra gop o dau de', 'dont_know'),
    ('muon to cao hang xom lan chiem dat thi nop don o dau', 'dont_know'),
    # (the safe Internet with round 32b's examples alone; no information once round 32 a, b
    # and c merged; the safe Internet again once 32e merged, a knife's edge since round 32b;
    # no information again with round 33c's examples; the safe Internet once round 33 merged,
    # a knife's edge of the model; no information again with round 34b's examples)
    ('nap tien vao game bi tru tien 2 lan', 'dont_know'),
    ('cho tôi hỏi cước 4g viettel gói nào rẻ', 'dont_know'),
    # a probe of near misses written at the end (three were confident safe-Internet answers
    # through keywords then taken back: 'cài đặt', 'tòa án', 'coin')
    ('cài đặt máy in cho máy tính ở nhà thế nào', 'dont_know'),
    ('xác minh tài khoản ngân hàng trên app mất bao lâu', 'dont_know'),
    ('tòa án quận lê chân ở đâu', 'dont_know'),
    ('cho hỏi thủ tục tố cáo lừa đảo ở công an phường', 'dont_know'),
    # (a device's own mishap: no information since round 26a)
    ('dien thoai bi roi xuong nuoc thi lam sao', 'dont_know'),
    ('tiktok shop có giao hàng ở thủy nguyên không', 'dont_know'),
    ('đổi mật khẩu wifi viettel thế nào', 'dont_know'),
    ('coin la gi vay ad', 'dont_know'),
    ('con tôi mất thẻ học sinh làm lại ở đâu', 'dont_know'),
    ('điện thoại bị mất thì chặn sim thế nào', 'dont_know'),
    # an adult's time on screens is no child's (written after the rule, as its guards)
    ('vo toi suot ngay xem tiktok, buc minh qua', 'dont_know'),
    ('có ai chơi game online cùng không', 'dont_know'),
    ('nghiện game', SAFETY),
    # small talk
    ('cam on ad, co da hieu roi', 'smalltalk:thanks'),
    ('ok ad', 'smalltalk:ok'),
]


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT))
def test_safety_trouble(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert set(LEFT) <= {text for text, _ in CASES}


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_safety_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
