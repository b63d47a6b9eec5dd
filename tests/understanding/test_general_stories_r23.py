"""Round 23 (b) of issue 15: safe-Internet troubles told as LONG stories.

Blind paraphrases (written before any change of the round, by other people and in other words
than the round's batches): an ordinary adult, an elderly person or a parent tells at length what
happened (a scam, an account taken, a child online, fake news, privacy, learning a phone) before
asking what to do; the Week's answer on the Internet used safely (the FAQ entry
internet-an-toan, its classes, the digital skills resources) answers. And guards: near misses
told as long stories too (phone repair, network bills, bank hours, police procedures, game
top-ups, buying a device), which must stay "no information", and small talk said at length.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

SAFETY = "faq:internet-an-toan"
MATERIAL = "faq:internet-an-toan / courses:ky-nang-so"
LEARN = ("faq:internet-an-toan / event:an-duong-ky-nang-so / event:lop-ky-nang-so"
         " / courses:ky-nang-so")

STORIES = [
    # scams told at length
    ('sáng nay bố tôi đang ngồi uống nước thì có cuộc điện thoại gọi đến, đầu dây bên kia nói là '
     'nhân viên ngân hàng, bảo thẻ của bố sắp bị khóa, đòi bố đọc mã số vừa nhận được, bố tôi '
     'đọc luôn, giờ tôi phải làm gì', SAFETY),
    ('chi e o nha mot minh, co ng mac dong phuc den nha noi la nhan vien dien luc, sau do goi '
     'dien bat chi cai ung dung tren dt de thanh toan, cai xong thi mat het tien trong tai khoan',
     SAFETY),
    ('mẹ em năm nay ngoài sáu mươi, mấy hôm trước có người gọi bảo con gái bà bị cấp cứu ở bệnh '
     'viện, cần chuyển tiền mổ gấp, mẹ em chuyển mất hai mươi triệu, sau đó mới biết bị lừa',
     SAFETY),
    ('vo toi quen 1 nguoi tren facebook, nguoi do rủ dau tu vao 1 trang web kiem tien, luc dau '
     'rut duoc, sau nap 50 trieu thi ko rut duoc nua, ho doi nop them phi mo khoa', SAFETY),
    ('tôi bán quần áo trên mạng, có người đặt hàng xong gửi cho tôi đường link bảo bấm vào để '
     'nhận tiền đặt cọc, tôi bấm vào điền thông tin thẻ thì bị trừ mất tiền, làm thế nào bây giờ',
     SAFETY),
    ('anh rể em nhận được tin nhắn nói trúng thưởng một chiếc xe ô tô từ chương trình tri ân '
     'khách hàng, phải đóng trước thuế thu nhập mới được nhận, anh ấy định chuyển, em phải '
     'khuyên thế nào', SAFETY),
    ('ong noi chau nghe dien thoai cua 1 ng xung la ben vien kiem sat, bao ong dinh vao vu an ma '
     'tuy, phai chuyen het tien tiet kiem vao tk an toan de kiem tra, ca nha dang rat lo',
     SAFETY),
    ('thang truoc e dat mua thuoc tren 1 trang quang cao, chuyen khoan truoc 2 trieu, den gio ko '
     'thay hang, goi thi thue bao, nhan tin thi bi chan, e co lam gi duoc ko', SAFETY),
    # accounts taken, passwords
    ('facebook của con gái tôi tự nhiên không đăng nhập được, bạn bè gọi điện bảo thấy nó nhắn '
     'tin hỏi vay tiền khắp nơi, nó đi học xa nên tôi không biết giúp nó lấy lại thế nào', SAFETY),
    ('em dung chung 1 mat khau cho tat ca cac tai khoan, hom qua gmail bao co nguoi dang nhap o '
     'nuoc ngoai, e so bi mat het, gio phai doi mat khau kieu gi cho an toan', SAFETY),
    ('zalo của bà ngoại bị ai đó chiếm rồi, họ dùng nick của bà gửi tin nhắn cho các cô các chú '
     'trong họ xin chuyển tiền gấp, cả nhà không biết báo cho ai để khóa lại', SAFETY),
    # children online
    ('thằng út nhà tôi mới học lớp 4 mà tối nào cũng trùm chăn chơi điện thoại đến nửa đêm, sáng '
     'ra ngủ gật trên lớp, cô giáo gọi điện mắng, vợ chồng tôi không biết xử lý sao', SAFETY),
    ('con e 14 tuoi bi mot nhom tren mang lap group chui boi, con ve nha khoc ma ko dam ke, e '
     'moi doc duoc tin nhan, gio nen lam gi de bao ve con', SAFETY),
    ('em phát hiện con gái lớp 6 nhắn tin với một người lạ suốt mấy tuần, người đó bảo con gửi '
     'ảnh mặc đồ ngủ, em sợ quá, phải làm sao để nói chuyện với con và ngăn người đó lại', SAFETY),
    ('tụi nhỏ nhà tôi xem youtube thì cứ tự chuyển sang mấy video kinh dị, đứa nhỏ đêm nào cũng '
     'mơ thấy ma, tôi muốn biết có cách nào để máy chỉ hiện video cho trẻ con không', SAFETY),
    # fake news
    ('bác hàng xóm cứ đọc được tin gì trên mạng là tin ngay, hôm trước còn bảo cả xóm đi mua '
     'muối vì nghe nói sắp hết muối, nói thế nào để bác hiểu là tin sai', SAFETY),
    ('me e hay chia se may bai viet noi an toi song chua duoc covid, e noi ko phai thi me gian, '
     'co bai huong dan nao day nguoi lon tuoi nhan biet tin that gia ko', MATERIAL),
    # privacy, photos
    ('chi dau nha toi dang anh chau be tam len facebook de che do cong khai, toi thay khong on '
     'nhung ngai noi, lieu nhung anh nhu vay co bi ke xau lay di dung ko', SAFETY),
    ('có người lấy ảnh của tôi trên facebook ghép vào mấy tấm ảnh xấu rồi gửi cho chồng tôi, '
     'tôi xấu hổ không dám ra đường, làm sao để gỡ mấy ảnh đó xuống', SAFETY),
    # older people learning phones, asking to learn
    ('tôi năm nay bảy mươi hai tuổi, con trai ở nước ngoài gửi về cái điện thoại mới, nó bảo '
     'học cách gọi video để nó gọi về, mà tôi bấm mãi không được, ở phường có ai dạy không',
     LEARN),
    ('bo e ve huu roi nen o nha buon, muon hoc dung may tinh de doc bao va xem tin tuc, nhung '
     'ngai hoi con chau, ko biet hai phong co lop nao danh cho nguoi gia ko', LEARN),
    ('vợ chồng tôi đều ngoài năm mươi, làm ruộng cả đời, giờ con cái bảo phải biết chuyển khoản '
     'trên điện thoại mà sợ bị lừa lắm, có lớp nào hướng dẫn người như chúng tôi không', LEARN),
    ('e lam phu huynh, thay con hoc online nhieu qua ma minh ko biet gi ve mang, muon hoc them '
     'de quan ly con, co tai lieu hay lop nao cho phu huynh ko ad', LEARN),
]

GUARDS = [
    # near misses told at length: no information
    ('điện thoại của tôi mua được hai năm, dạo này pin tụt nhanh lắm, sạc cả đêm mà trưa đã hết, '
     'ra cửa hàng thay pin ở đâu thì rẻ mà đảm bảo', 'dont_know'),
    ('nha toi dung mang fpt, thang nay hoa don tang len 300 nghin ma khong dung them gi, goi len '
     'tong dai thi bat cho lau qua, toi muon cat hop dong thi lam the nao', 'dont_know'),
    ('tôi cần ra ngân hàng bidv để làm lại thẻ bị nuốt ở cây atm hôm qua, cho hỏi chiều thứ bảy '
     'ngân hàng có mở cửa không', 'dont_know'),
    ('xe máy nhà tôi bị trộm ở trước cổng đêm qua, sáng nay ra công an phường trình báo thì họ '
     'bảo phải có giấy tờ xe, giấy tờ tôi để trong cốp mất rồi, giờ làm sao', 'dont_know'),
    ('con trai toi doi nap tien vao game lien quan de mua trang phuc, toi muon nap cho no 100 '
     'nghin thi nap o dau, bang the cao hay chuyen khoan', 'dont_know'),
    ('tôi định mua cho mẹ một cái máy tính bảng để xem phim, tầm ba bốn triệu thì mua loại nào, '
     'ở hải phòng cửa hàng nào bán chính hãng', 'dont_know'),
    ('bà nội tôi già rồi, tai nghe kém, gọi điện thoại không nghe rõ, có loại điện thoại nào '
     'loa to mà bấm phím dễ không', 'dont_know'),
    ('camera nha toi lap duoc 1 nam, gio mo app tren dien thoai khong xem duoc nua, goi tho thi '
     'ho bao phai doi dau ghi, co dat khong', 'dont_know'),
    ('tôi bị mất điện thoại trên xe buýt, trong máy có sim chính chủ, giờ muốn làm lại sim giữ '
     'số cũ thì ra đâu, mang theo giấy tờ gì', 'dont_know'),
    # small talk at length
    ('cảm ơn bot nhé, bot giải thích dễ hiểu lắm, tối nay tôi sẽ kể lại cho ông nhà nghe để ông '
     'cẩn thận hơn', 'smalltalk:thanks'),
    ('chao ad, minh la phu huynh o le chan, nha co 2 chau dang di hoc', 'smalltalk:greeting'),
]


# Left after the round (strict xfail): the first words of each, with the answer it gets and why.
# ("ong noi chau nghe…" is answered since round 24a: a subject elsewhere is the bait of a scam
# when the safe Internet is found twice as strong.)
# (Three more left by the round's rules, "tôi bán quần áo…", "facebook của con gái…", "có người
# lấy ảnh…", are answered since the merge with the examples' vote: its five nearest agree.)
# ("zalo của bà ngoại…", "tụi nhỏ nhà tôi…", "tôi năm nay bảy mươi…" are answered since the
# examples' model, BENCHMARKS §8.74: the five nearest differ, the model and the nearest agree.)
LEFT: dict[str, str] = {
    # ('sáng nay bố tôi' is answered since round 30e, §8.106.)
    # ('mẹ em năm nay ngoài' is answered since round 30e, §8.106.)
    # ('vo toi quen 1 nguoi' is answered since round 30e, §8.106.)
    # ('anh rể em nhận' is answered since round 30e, §8.106.)
    # ('thang truoc e dat mua' is answered since round 30e, §8.106.)
    'thằng út nhà tôi':
        "the story's words outweigh the answer's (said < against) after the round's rules "
        "('chơi điện thoại' found, 'trùm chăn', 'ngủ gật', 'mắng' unknown)",
    # ('con e 14 tuoi…': 'lap group chui boi' has no phrase, answered by the examples' model
    # since round 33d's examples made anew.)
    # ('em phát hiện con gái…' is answered since round 26a.)
    'bác hàng xóm cứ đọc':
        "dont_know with round 37's examples (§8.149): the model's safe Internet 0.78, but its "
        "nearest examples are other answers' (fees 0.267) and the safe Internet's under NEARLY "
        "(0.85) of it: the mirror (§8.145) does not answer",
    # ('me e hay chia se' is answered since round 30e, §8.106.)
    'e lam phu huynh':
        "courses: 'học online' and 'tài liệu' read the list of courses, 'quản lý con' comes after",
}


@pytest.mark.parametrize(("text", "expected"), with_left(STORIES, LEFT, by_start=True))
def test_long_story(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_stories() -> None:
    assert all(any(text.startswith(start) for text, _ in STORIES) for start in LEFT)


# The guards a merge turned (strict xfail). ("con trai toi doi nap tien vao game", turned by
# the merge of round 24 when 'phục' of "trang phục" became a word the bot knows, reads as no
# information again with round 30b's changes.)
GUARDS_LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, GUARDS_LEFT, by_start=True))
def test_long_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
