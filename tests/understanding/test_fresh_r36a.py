"""Round 36 (h36freshA, rules): the classes of phrasing a fresh blind set written as older
people, parents, workers and people of the rural districts write (BENCHMARKS §8.138) found weak,
each asked in words of the round's own writing, written before the fix:

- something read or heard on the net, asked whether it is true ("trên mạng nói … thật hay
  giả", "nghe zalo bảo … có đúng không"): telling true news from fake, the safe-Internet answer;
- the citizen who lives far (an island, a far commune, another province) asking how to take
  part ("ở ngoài đảo thì tham gia kiểu gì"): who may take part, and how (online too);
- someone to be taught to use an app or a phone ("dạy mẹ cách dùng zalo, mẹ già rồi không
  biết gì", "dạy bà nội cách xem youtube"): the safe-Internet and digital-skills answer, not the
  bot's own help ("không biết gì" asks nothing; "bà nội" only says who);
- the rest of the Week asked past one thing ("ngoài thi ra còn gì nữa không"): the
  activities, not the thing set aside;
- a place of everyday life asked about today ("chợ cá hôm nay bán gì", "siêu thị hôm nay
  khuyến mãi gì"): no information, not today's events;
- the contest's top places ("top 10 thi công dân học tập"): the leaderboard.

Beside each class, the same words about the bot's own things (how to use the bot, the contest
itself, today's events, the Week's own facts), which keep their answer.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NET = ("faq:internet-an-toan",)
HEARD_ONLINE = [
    "tin tren mang noi mai hoc sinh nghi hoc, that hay gia the",
    "trên mạng nói sắp đổi tiền, thật hay giả vậy",
    "tren mang bao uong nuoc chanh chua duoc ung thu, co that ko",
    "nghe trên zalo bảo sắp phải đổi căn cước, có đúng không",
    "facebook dang tin bao sap co bao to, that hay gia",
    "tren fb noi chau xem clip nay bi khoa nick, that ko ad",
    "trên mạng đang truyền nhau tin cấm xe máy, thật không",
    "ông đọc trên mạng thấy bảo ăn tỏi chữa được covid, thật hay giả cháu",
    "nhom zalo phuong dang tin co trom, that hay gia vay",
    "tin nhan zalo bao nha nuoc phat tien cho nguoi gia, co that ko",
    "tin nay tren mang that hay gia: bo giao duc cho hoc sinh nghi het thang 10",
    "lam sao biet tin tren facebook la that hay gia",
    "đọc báo trên mạng không biết thật hay giả thì làm thế nào",
    "trên tiktok người ta nói uống nước muối khỏi bệnh, có phải tin giả không",
]
# The Week's own facts asked as true or not keep their answer.
HEARD_ONLINE_NEAR = [
    ("trên mạng nói tuần lễ khai mạc ngày 1/10, đúng không",
     ("event:khai-mac", "faq:thoi-gian", "day:2020-10-01")),
    ("nghe nói tham gia mất tiền, có thật không", ("faq:chi-phi",)),
    ("nghe bảo thi có giải thưởng, thật không ad", ("faq:cuoc-thi", "contest")),
    ("that hay gia la tuan le keo dai 7 ngay", ("faq:thoi-gian",)),
]

WHO = ("faq:ai-tham-gia",)
FAR = [
    "chu o cat hai ngoai dao thi tham gia kieu gi",
    "nhà tôi ở ngoài đảo thì tham gia thế nào",
    "o bach long vi thi tham gia duoc ko",
    "nha bac o xa tan vinh bao, tham gia kieu gi",
    "tôi ở xã xa lắm không lên thành phố được thì tham gia sao",
    "o que khong len thanh pho duoc thi tham gia the nao a",
    "e o tinh khac thi tham gia kieu gi ad",
    "ở xa thì tham gia được không",
    "nguoi o xa co tham gia duoc khong",
    "ở huyện đảo có được tham gia không",
    "nha o tien lang xa qua co tham gia truc tuyen duoc khong",
    "đang làm ở nước ngoài thì tham gia được không",
]
# The contest from far, and a far district's own events, keep their answer.
FAR_NEAR = [
    ("o ngoai dao thi lam bai thi kieu gi", ("faq:cuoc-thi", "contest", "contest_take")),
    ("ở cát hải có sự kiện gì không", ("faq:quan-huyen",)),
    ("o xa thi hoc online o dau", ("courses", "faq:khoa-hoc-truc-tuyen")),
]

TAUGHT = ("faq:internet-an-toan", "event:an-duong-ky-nang-so", "event:lop-ky-nang-so")
TEACH_APP = [
    "day me cach dung zalo voi, me gia roi ko biet gi",
    "dạy bố tôi cách dùng facebook với",
    "chi ba cach goi video zalo cho chau",
    "hướng dẫn ông cách dùng điện thoại thông minh",
    "co ai day cach dung smartphone cho nguoi gia khong",
    "cach dung zalo cho nguoi moi",
    "cách sử dụng facebook cho người già",
    "me toi muon biet cach dung dien thoai cam ung",
    "chi cho ong cach nhan tin zalo",
    "day ba noi cach xem youtube tren dien thoai",
    "dạy ông ngoại cách xem thời sự trên điện thoại",
    "hướng dẫn mẹ cách gửi ảnh qua zalo",
]
# The bot's own use keeps the help.
TEACH_APP_NEAR = [
    ("cách dùng bot này", ("help",)),
    ("huong dan su dung bot cho nguoi gia", ("help",)),
    ("chi cho toi cach dung cai nay", ("help",)),
]

ACTS = ("activities", "faq:hoat-dong")
BESIDES = [
    "ngoai thi ra con gi nua ko",
    "ngoài cuộc thi ra còn gì nữa không",
    "ngoài đọc sách ra tuần lễ còn gì không",
    "ngoai cuoc thi ra con hoat dong nao khac khong",
    "trừ cái thi ra thì còn gì",
    "ngoài khai mạc ra còn gì nữa",
    "ngoai thi tren bot ra co gi cho nguoi gia khong",
    "ngoài đi thi ra còn làm được gì nữa",
]
# Besides one thing, another of the same kind: that kind.
BESIDES_NEAR = [
    ("ngoài số này ra còn số điện thoại nào khác không", ("faq:lien-he", "contacts")),
    ("ngoai coursera ra con trang hoc nao khac", ("courses:khoa-hoc", "courses",
                                                   "faq:khoa-hoc-truc-tuyen")),
    ("ngoài hôm nay ra còn ngày nào có sự kiện", ("schedule", "next")),
    # a subject elsewhere set aside asks nothing of the Week
    ("ngoai bong da ra con gi khong", ("dont_know",)),
    ("ngoài xổ số ra còn gì", ("dont_know",)),
]

NO_INFO = ("dont_know",)
MARKET = [
    "cho ca tam bac hom nay ban gi",
    "chợ Sắt hôm nay có mở cửa không",
    "sieu thi big c hom nay khuyen mai gi",
    "cho hom nay ca bao nhieu 1 can",
    "gia thit lon o cho hom nay",
    "hôm nay chợ quê có họp không",
    "cho dem hom nay co mo khong",
    "cua hang tien loi hom nay mo may gio",
]
MARKET_NEAR = [
    ("hôm nay có gì", ("day:2020-10-01",)),
    ("hom nay co su kien gi o le chan", ("day:2020-10-01", "faq:quan-huyen")),
]

BOARD = ("leaderboard",)
TOP = [
    "top 10 thi cong dan hoc tap",
    "top 3 cuoc thi la ai",
    "xem top 10 cuộc thi",
    "top 5 nguoi diem cao",
    "ai lot top 10 vay ad",
    "danh sach top 10",
]
TOP_NEAR = [
    ("top trang hoc tieng anh online", ("courses:khoa-hoc", "courses",
                                         "faq:khoa-hoc-truc-tuyen")),
    ("cuộc thi công dân học tập", ("faq:cuoc-thi", "contest")),
]

# Left by round 36 a (strict xfails: each says why the rules still read it otherwise).
LEFT: dict[str, str] = {
    # ("tren mang bao uong nuoc chanh chua duoc ung thu, co that ko" and "trên mạng đang
    # truyền nhau tin cấm xe máy, thật không": answered once round 36's dev sets were made
    # examples, by the examples' model)
    "nghe trên zalo bảo sắp phải đổi căn cước, có đúng không":
        "'căn cước' is a subject elsewhere, heard of on zalo; 'nghe' unmarked in a marked "
        "message is repaired to 'nghề'",
    # ("tin nay tren mang that hay gia: bo giao duc…" is answered with round 37's examples.)
    "nha bac o xa tan vinh bao, tham gia kieu gi":
        "'tận' before the district's name leaves 'tan vinh' unknown words",
    "chi cho ong cach nhan tin zalo":
        "'nhan tin' unmarked is 'nhận tin' of the reminders, not 'nhắn tin' on an app",
    "hướng dẫn mẹ cách gửi ảnh qua zalo":
        "one thing done on an app, asked how, is read as the app's own business",
    "cho ca tam bac hom nay ban gi":
        "unmarked 'cho ca', 'ban gi' are 'cho cả', 'ban …'; a market's name alone is no "
        "subject elsewhere (a seller tells where she works)",
}


@pytest.mark.parametrize(("text", "expected"), with_left([(x, NET) for x in HEARD_ONLINE], LEFT))
def test_news_read_on_the_net_asked_true_or_false(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(HEARD_ONLINE_NEAR, LEFT))
def test_the_weeks_own_facts_asked_true_or_false_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(x, WHO) for x in FAR], LEFT))
def test_a_citizen_living_far_asks_how_to_take_part(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(FAR_NEAR, LEFT))
def test_the_contest_or_the_district_from_far_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(x, TAUGHT) for x in TEACH_APP], LEFT))
def test_someone_to_be_taught_an_app_or_a_phone(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(TEACH_APP_NEAR, LEFT))
def test_the_bots_own_use_keeps_the_help(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(x, ACTS) for x in BESIDES], LEFT))
def test_the_rest_of_the_week_past_one_thing(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(BESIDES_NEAR, LEFT))
def test_another_of_the_same_kind_keeps_its_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(x, NO_INFO) for x in MARKET], LEFT))
def test_a_market_or_shop_today_is_no_information(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(MARKET_NEAR, LEFT))
def test_todays_events_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(x, BOARD) for x in TOP], LEFT))
def test_the_contests_top_places_are_the_leaderboard(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(TOP_NEAR, LEFT))
def test_top_of_something_else_keeps_its_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
