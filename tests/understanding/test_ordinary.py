"""Ordinary questions as citizens type them (issue 15, round 8: a broad sample): a word that
cancels the reminders named after it, a part that asks by repeating the verb of a condition,
and the lexicon's everyday teencode and English. The phrasings are written for these tests, not
taken from the corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import SECOND_OPINION, THU, answer


@pytest.mark.parametrize("text", [
    "hủy nhắc lịch giúp tôi", "huy dang ky nhac lich sang", "ngừng đăng ký nhận tin nhắc",
    "tat nhac lich di", "bỏ đăng ký nhắc lịch", "thoi dk nhan lich hang ngay",
])
def test_a_word_that_cancels_the_reminders_named_after_it_unsubscribes(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "unsubscribe"


@pytest.mark.parametrize("text", [
    "đăng ký nhắc lịch", "dung nhac lich the nao",  # "dùng", not "dừng"
    "bo toi muon dang ky nhac lich",  # "bố"
    "thôi, cho tôi đăng ký nhận tin nhé",  # "thôi" in a part of its own
])
def test_a_cancel_word_elsewhere_or_unsure_cancels_nothing(understander: Understander,
                                                          text: str) -> None:
    assert answer(understander, text) != "unsubscribe"


@pytest.mark.parametrize(("text", "expected"), [
    ("muon hoc ky nang so thi hoc o dau", "courses:ky-nang-so"),
    ("muốn đọc sách điện tử thì đọc ở đâu", "courses:sach-dien-tu"),
])
def test_a_part_that_asks_by_repeating_the_verb_asks_about_the_first_part(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


def test_a_part_that_asks_with_a_subject_of_its_own_is_still_asked(
        understander: Understander) -> None:
    assert answer(understander, "muon tham gia thi tuan le dien ra den ngay nao") \
        in ("faq:thoi-gian", "schedule")


@pytest.mark.parametrize(("text", "expected"), [
    ("toi nay co gi k ae", "day:2020-10-01@toi"),  # "ae": anh em
    ("nhắc e lịch hằng ngày nhé", "subscribe"),
    ("whats on this saturday", "day:2020-10-03"),
    ("when does lifelong learning week end", "faq:thoi-gian"),
    ("take the quiz", "contest_take"),
    ("lop tin hoc van phong truc tuyen", "courses"),
    ("cho toi so cua nguoi phu trach", "contacts"),
])
def test_everyday_teencode_and_english(understander: Understander, text: str,
                                       expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", ["mai là ngày mấy âm lịch", "xem lich am thang nay"])
def test_the_lunar_calendar_is_no_question_about_the_week(understander: Understander,
                                                          text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    ("chủ nhật có sự kiện nào đáng đi không", "day:2020-10-04"),
    ("tuần lễ có gì đáng chú ý không ạ", "activities"),
    ("phim nào đáng xem nhất", "dont_know"),  # an evaluation says nothing of the Week
])
def test_an_evaluation_around_the_question_is_only_how_it_is_said(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", [
    "tham gia mat tien ko", "tham gia tuần lễ tốn phí không", "dang ky tham gia mat phi gi k",
])
def test_the_predicate_of_a_yes_no_question_is_asked_not_its_subject(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "faq:chi-phi"


def test_two_questions_in_two_parts_are_still_both_offered(understander: Understander) -> None:
    understood = understander.understand("ai được tham gia, có mất tiền không", THU)
    assert understood.feature == "clarify"


@pytest.mark.parametrize(("text", "expected"), [
    ("thư viện thành phố có mở cửa không ạ", "library"),
    ("tiệm vàng mấy giờ mở cửa", "dont_know"),  # the place named is not the Week's
    ("uhm", "smalltalk:ok"),
])
def test_opening_hours_and_a_plain_uh(understander: Understander, text: str,
                                      expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("hc tieng anh onl o dau", "courses:khoa-hoc"),  # "hc": học
    ("nt cho btc the nao", "contacts"),  # "nt": nhắn tin
    ("ukm", "smalltalk:ok"),
    ("please stop sending messages", "unsubscribe"),
    ("remind me daily", "subscribe"),
    ("thank you very much", "smalltalk:thanks"),
    ("what can this bot do", "help"),
    ("please delete my information", "privacy"),
    ("where is the closing ceremony", "event:tong-ket"),
    ("where can i read ebooks", "courses:sach-dien-tu"),
    ("what are the prizes", "contest"),
])
def test_more_teencode_and_english(understander: Understander, text: str,
                                   expected: str) -> None:
    assert answer(understander, text) == expected


def test_english_words_of_the_lexicon_mark_a_message_as_english(
        understander: Understander) -> None:
    assert understander.understand("stop sending messages please", THU).english
    assert not understander.understand("tham gia mat phi k", THU).english


@pytest.mark.parametrize(("text", "expected"), [
    ("ông tôi bị lừa qua điện thoại, phải làm sao", "faq:internet-an-toan"),
    ("bi lua qua facebook thi bao ai", "faq:internet-an-toan"),
    ("co lop ngoai ngu truc tuyen ko", "courses"),
])
def test_how_someone_was_cheated_and_a_language_class(understander: Understander, text: str,
                                                       expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", [
    "khi nao trao giai", "nhận giải ở đâu ạ", "cho minh link thi voi", "thi tren dt dc ko",
    "thi mất bao lâu vậy", "thi qua zalo duoc khong",
])
def test_the_contest_s_everyday_details_are_the_contest(understander: Understander,
                                                       text: str) -> None:
    assert answer(understander, text) in ("contest", "faq:cuoc-thi")


def test_the_app_people_write_from_is_only_how_it_is_said(understander: Understander) -> None:
    assert answer(understander, "zalo bi hack phai lam sao") == "faq:internet-an-toan"
    assert answer(understander, "zalo") == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    ("tham gia co ton kem gi khong", "faq:chi-phi"),
    ("hoan toan mien phi ha ad", "faq:chi-phi"),
    ("văn phòng ban tổ chức ở đâu ạ", "contacts"),
    ("mua van phong pham o dau", "dont_know"),  # another word beside it: not the office
])
def test_fees_and_the_office(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("hom sau co gi", "day:2020-10-02"),  # the day after, not "hôm sáu"
    ("hôm sau có hoạt động gì không", "day:2020-10-02"),
    ("hôm sáu có gì", "day:2020-10-06"),
])
def test_hom_sau_is_the_day_after(understander: Understander, text: str,
                                  expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("chuong trinh ngay mai the nao", "day:2020-10-02"),
    ("chương trình đọc sách", "library"),  # the phrases that hold it still count
    ("chuong trinh tivi toi nay", "dont_know"),
])
def test_chuong_trinh_beside_a_day_is_that_day(understander: Understander, text: str,
                                               expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("hay quá", "smalltalk:ok"), ("tuyet voi", "smalltalk:ok"), ("good", "smalltalk:ok"),
    ("hello everyone", "smalltalk:greeting"),
    ("hôm nay có gì hay quá vậy", "day:2020-10-01"),  # praise inside a question is how it is said
])
def test_praise_is_an_acknowledgement(understander: Understander, text: str,
                                      expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("muon hoc tieng nhat online", ("courses", "courses:khoa-hoc")),  # (the corpus takes either)
    ("trường nào dạy tiếng nhật tốt", "dont_know"),  # a school, not a course of the Week
    ("hoc excel o dau", "courses"),
    ("slogan cua tuan le", ("faq:chu-de", "theme")),  # (as the corpus takes either)
    ("đổi tiếng việt giúp tôi", "language"),
    ("quay ve menu", "menu"),
    ("em muon gop y cho btc", "ask"),
    ("doi quan khac", "faq:quan-huyen"),
])
def test_more_everyday_content(understander: Understander, text: str,
                               expected: str | tuple[str, ...]) -> None:
    assert answer(understander, text) in ((expected,) if isinstance(expected, str) else expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("quy chế thi thế nào", "contest"),
    ("cach tinh diem cuoc thi", "contest"),
    ("thu hang cua minh bao nhieu", "leaderboard"),
    ("danh sach dat giai", "leaderboard"),
    ("khong can nhac lich nua", "unsubscribe"),
    ("đáp án đề thi đại học", "dont_know"),  # another exam: elsewhere
])
def test_the_contest_and_the_reminders_in_everyday_words(understander: Understander,
                                                         text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("dien thoai bi hong thi sua o dau", "dont_know"),  # "bi hong": bị hỏng, not "không"
    ("thứ 7 có gì hong", "day:2020-10-03"),  # "hong" alone is still "không"
    ("cuộc thi có bao nhiêu vòng", "contest"),
    ("c on ad nha", "smalltalk:thanks"),
])
def test_broken_things_rounds_and_thanks_shortened(understander: Understander, text: str,
                                                   expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("toi muon biet chu de cua tuan le", "theme"),  # "muon biet" announces, typed unmarked
    ("cho toi hoi ve le khai mac cua tuan le", "event:khai-mac"),
    ("toi muon biet gia vang hom nay", "dont_know"),
])
def test_the_words_that_announce_a_question_count_nothing_against_it(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


def test_can_biet_announces_a_question(understander: Understander) -> None:
    assert answer(understander, "toi can biet thu vien mo cua may gio") == "library"
    assert answer(understander, "mình cần tìm hiểu về cuộc thi") in ("contest", "faq:cuoc-thi")


@pytest.mark.parametrize(("text", "expected"), [
    ("muon hoc them ky nang tren mang", "courses"),
    ("thi tren mang duoc khong", "contest"),
    ("bi lua tren mang phai lam sao", "faq:internet-an-toan"),
])
def test_tren_mang_is_learning_online_unless_something_else_is_named(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


def test_a_classifier_of_books_is_a_filler(understander: Understander) -> None:
    assert answer(understander, "mượn được mấy quyển sách một lần") == "library"


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("vì sao phải học tập suốt đời", "theme",
                 marks=pytest.mark.xfail(strict=True,
                                         reason=SECOND_OPINION + "what the Week is (p 0.60)")),
    ("ai dung ra to chuc tuan le", "bodies"),
    ("nhung don vi nao phoi hop", "bodies"),
])
def test_why_learn_and_who_organizes(understander: Understander, text: str,
                                     expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("muon sach co tinh tien khong", "faq:chi-phi"),
    ("cho toi noi chuyen voi admin", "contacts"),
    ("bot co phai nguoi that khong", "dont_know"),
])
def test_charging_and_asking_for_a_person(understander: Understander, text: str,
                                          expected: str) -> None:
    assert answer(understander, text) == expected


def test_how_an_event_is_watched_is_only_how_it_is_said(understander: Understander) -> None:
    assert answer(understander, "khai mạc có livestream không") == "event:khai-mac"
    assert answer(understander, "link zoom dien dan cong dan toan cau") \
        == "event:dien-dan-cong-dan-toan-cau"


@pytest.mark.parametrize(("text", "expected"), [
    ("toi muon theo doi tuan le", "subscribe"),
    ("khong theo doi nua", "unsubscribe"),
    ("dung spam nua", "unsubscribe"),
    ("báo tôi trước khi sự kiện diễn ra nhé", "faq:nhac-lich"),  # or the subscription
])
def test_following_and_stopping_in_everyday_words(understander: Understander, text: str,
                                                  expected: str) -> None:
    got = answer(understander, text)
    assert got == expected or {got, expected} == {"subscribe", "faq:nhac-lich"}


@pytest.mark.parametrize(("text", "expected"), [
    ("cho minh info ve tuan le", "faq:tuan-le-la-gi"),
    ("update lich moi nhat", "schedule"),
    ("cập nhật thông tin cá nhân", "privacy"),  # the phrases that hold it still count
])
def test_words_of_the_office_say_how_it_is_asked(understander: Understander, text: str,
                                                 expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("cho hoi ve tuan le", "faq:tuan-le-la-gi"),  # "ve" after asking: về, not vé
    ("minh muon tim hieu ve tuan le", "faq:tuan-le-la-gi"),
    ("hoi ve gia ve vao cua", "faq:chi-phi"),  # the ticket is still a ticket
])
def test_ve_after_asking_is_about(understander: Understander, text: str,
                                  expected: str) -> None:
    assert answer(understander, text) == expected


def test_the_conditions_of_the_contest(understander: Understander) -> None:
    assert answer(understander, "dieu kien du thi la gi") in ("contest", "faq:cuoc-thi")


@pytest.mark.parametrize("text", [
    "con toi hoc them toan o dau",  # tutoring: not a course of the Week
    "vong thi hoa hau", "sieu thi mo cua den may gio", "phim hay qua",
    "bao toi gia vang", "theo doi don hang o dau",
])
def test_off_topic_beside_the_round_s_words_stays_unanswered(understander: Understander,
                                                             text: str) -> None:
    assert answer(understander, text) == "dont_know"
