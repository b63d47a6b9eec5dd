"""From a message to what it asks: an answer, a short clarifying question, or an honest
"no information".

The decision, in words: the date a message names and the phrases it contains each point to a
unit; the unit they point to most strongly wins, unless the words the bot does not know say
more than the words that point to it (then it is a question about something else: the weather,
the price of gold), or a second unit is nearly as strong on the same words (then the bot asks
which one was meant).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import fields as _fields
from dataclasses import replace as _dataclass_replace
from datetime import date
from typing import Any, Final, TypeVar, cast

from rapidfuzz import fuzz, process

from content import Edition, example_may_name
from handlers.understanding import parts
from handlers.understanding.dates import DateRef, find_date, route_arg
from handlers.understanding.examples import (
    MODEL_FLOOR,
    NEVER_GIVEN,
    REFUSED_FLOOR,
    Examples,
    Voted,
)
from handlers.understanding.index import (
    DISTRICT_EVENT,
    FILLER_WEIGHT,
    INTENT,
    ITEM,
    LIST,
    Index,
    Match,
)
from handlers.understanding.normalise import (
    LINK,
    Lexicon,
    Token,
    fold,
    kept_attributes,
    make_token,
    restore_attributes,
    tokenize,
    tone,
    undecorated,
)
from handlers.understanding.repair import Repairer
from handlers.understanding.words import (
    ASK_WORDS,
    ATTENDING_WORDS,
    CALLS,
    CLOSING,
    DATE_FOLDS,
    DATE_WORDS,
    KIN,
    NOT,
    SELF,
    WHEN_WHERE,
    YES_NO,
)

# The weights of the decision (tuned on tests/understanding/corpus.txt only).
DATE_SCORE: Final = 5.0  # a named day: as strong as a distinctive phrase
DATE_INFO: Final = 3.0  # what a named day says, against the words that say something else
# "tháng 10", "năm nay", "năm ngoái": a month or a year names the Week (or not) but no day; it
# answers only when nothing else in the message does ("chủ đề năm nay" is about the theme).
SCOPE_SCORE: Final = 2.0
SCOPE_INFO: Final = 1.0
SCOPES: Final = frozenset({"season", "outside"})
UNKNOWN_INFO: Final = 3.0  # what a word the bot does not know says
NUMBER_INFO: Final = 1.0  # a number that is not part of a date
UNEXPLAINED: Final = 0.5  # a known word the answer does not explain says half of what it would
MODIFIED: Final = 0.3  # "lịch cắt điện", "giá vàng": a phrase followed by an unknown word names
#                 something else
ASKED_INFO: Final = 0.5  # a filler of a phrase an answer was found on
QUALIFIER: Final = 0.35  # "khóa học miễn phí": a phrase right after another answer's qualifies it
AFTER_PREPOSITION: Final = 0.5  # "cho trẻ con", "ở thư viện": a qualifier, not the subject
FILLER_LIKE: Final = 0.25  # typed without marks, a word that may be a filler ("ve": về, vé)
CORRECTED: Final = 0.85  # a phrase read through a typo correction
PREDICATE = 1.5  # "thi có tốn tiền không": what comes after "có" in a yes/no question is asked
OWN_WORD: Final = 0.25  # a word of the answer's own phrases, on which no phrase was found
OWN_UNITS: Final = 2  # … that few answers' phrases hold
STORY_WORDS: Final = 15  # a long story: this many words that say something
TOPIC_PHRASES: Final = 2  # … and this many phrases of two words or more of one answer
TOPIC: Final = 1.5  # … make what it explains say this much more
STORY: Final = 6  # more far words than this weigh as their sum times sqrt(STORY / their number)
AGENT_WORDS: Final = 8  # at most this many words between "bị" and what was suffered
BAIT: Final = 2.0  # the safe-Internet answer this much stronger than a subject elsewhere: its bait
COVERAGE: Final = 0.4  # how much explaining all of the message counts when ranking answers
CLARIFY_RATIO: Final = 0.8  # a second answer at least this strong on the same words: ask
TWO_QUESTIONS: Final = 0.5  # a second answer this strong on words of its own: two questions, ask
SUBJECT: Final = 0.25  # a subject before "có" this strong owns the list asked after it
HALF = 0.5  # the quiz's device: the contest's facts on "thi trên máy tính" this strong (26d)
WEEK_NAME: Final = 0.1  # the Week's full name weighs much: what is asked of it may weigh a tenth
MAX_CANDIDATES: Final = 2
ANNOUNCED_PART = 0.1  # an answer of the part that announces the question, against the story's
# A long message tells a story around its question: the words far from what is asked say less.
CONTEXT: Final = 0.5  # what such a word, or any word of a part of the message not asked, says
# Features that, with a day, mean "what is on that day".
DATED: Final = frozenset({"schedule", "activities", "next"})
_PREPOSITIONS: Final = frozenset({"cho", "của", "ở", "tại", "với", "trong", "ngoài", "trên",
                                  "bằng"})
# Typed without marks, these may be a preposition ("ve": về or vé; "cho": cho or chó).
_PREPOSITION_FOLDS: Final = frozenset(fold(w) for w in (*_PREPOSITIONS, "về"))
# The phone as where a thing is done, after these (folded: "tren" is only "trên"; "bằng" is
# typed with its marks, "bang" is "bảng" too): "nghe sach noi tren dien thoai", "xem khai mac
# tren dt" ask no number (round 36 b).
_ON_DEVICE: Final = frozenset({"tren", "bằng"})
# When a place opens or works: asked of the organising bodies or of a resource online, whose
# answers hold no hours (the library's and the events' do), the bot has no information.
_HOURS_ASKED: Final = ("mo cua", "dong cua", "gio lam viec", "co lam viec", "lam viec khong",
                       "gio hanh chinh")
_NO_HOURS: Final = frozenset({"bodies", "courses"})
# A place's opening or closing (folded): "mở cửa", "đóng cửa", "… hay nghỉ" (_library_opens).
_OPENING: Final = frozenset({"mo", "dong", "cua", "nghi", "hay"})
# Where, asked as which place ("ở thư viện nào", "tại trường nào") (folded run).
_WHICH_PLACE: Final = re.compile(r" (?:o|tai) (?:\w+ ){1,2}nao ")
# Which session is asked for ("đi buổi nào"): a day and a place, as "khi nào" asks.
_OCCASION_ASKED: Final = ("buoi nao",)
# Which day is asked, not which hour (folded): "hôm nào thư viện mở cửa" (round 25d).
_WHICH_DAY = ("hom nao", "ngay nao", "bua nao", "thu may", "mung may", "ngay may", "hom may")
_WHICH_HOUR: Final = ("may gio", "may h", "gio nao", "luc nao")
# Whose library ("thư viện xã", "thư viện thành phố", "thư viện trường"): a library of the
# writer's place, asked whether it opens on a day (round 30a)
_LIBRARY_OF = frozenset({"xa", "phuong", "quan", "huyen", "thanh", "pho", "tp", "truong",
                         "thon", "tinh", "nha", "gan", "minh", "em", "toi", "cua", "o", "co"})
# A school's class named by its grade and letter ("lớp 6A3", "lop 10a1"): the timetable of that
# class is its school's, not the Week's schedule (round 17e). The Week names no class so; "tủ sách
# lớp học cho lớp 4A" stays a programme (only the calendar's answers give way).
_SCHOOL_CLASS: Final = re.compile(r"\d{1,2}[a-gi-z]\d{0,2}")  # not "h": "lớp 7h" is an hour
_CALENDAR: Final = frozenset({"schedule", "day", "today", "next"})
_GRADES: Final = frozenset(str(n) for n in range(1, 13))  # "lớp 12": a school's grade
# An English question that starts so asks whether its last phrase is true ("is the contest
# free": about the fee, not the contest).
_EN_YES_NO: Final = frozenset({"is", "are", "does", "do", "can", "will"})
# A greeting or a call before the English question opens nothing ("hi, is this event free",
# "hello bot is the quiz free"), and words after its last phrase ask nothing ("is it free or
# not", "… or do we need to pay sth", "… pls") (round 24 e; folded).
_EN_OPENERS = frozenset({"hi", "hello", "hey", "hiya", "yo", "bot", "ad", "admin", "oh", "so",
                         "btw", "um", "excuse", "me", "sorry", "please", "oi", "alo"})
_EN_AFTER_ASKED = frozenset({"or", "not", "no", "what", "sth", "smth", "something", "please",
                             "bot", "ad", "admin", "then", "too", "anyway"})
_AFTER_YES_NO: Final = (CLOSING | CALLS) - YES_NO
# Between a thing and the city it belongs to ("thư viện | của thành phố | Đà Nẵng"), and who
# may write from another city ("người | Hà Nội") (folded).
# ("ngoài | hà nội", "trong | sài gòn", "bên | hải dương": where a place lies, as the North
# says it; round 37 b)
_PLACE_LINKS: Final = frozenset({"o", "tai", "cua", "tinh", "thanh", "pho", "tp", "quoc", "gia",
                                 "ngoai", "trong", "ben"})
# Before a place that opens a part of the message ("ở | đà nẵng", "bên | hà nội") (folded).
_OPENING_LINKS: Final = _PLACE_LINKS | {"ben", "o", "con", "the"}
_WRITERS = frozenset({"nguoi", "dan", "toi", "minh", "em", "nha", "que"}) | SELF | frozenset(
    fold(w) for w in KIN)
# Answers that list what the Week holds (_LISTS, below), and routes that are no subject of such
# a list.
_WHAT_WEEK: Final = ("faq", "tuan-le-la-gi")
_WHEN_WEEK: Final = ("faq", "thoi-gian")
_UNTIL_WHEN: Final = ("hom nao", "ngay nao", "khi nao", "bao gio", "luc nao")  # after "đến"
_CITY_LISTS: Final = frozenset({("schedule", ""), ("activities", ""), ("faq", "hoat-dong")})
_DISTRICT_EVENTS: Final = ("faq", "quan-huyen")
_ACTIVITIES: Final = frozenset({("activities", ""), ("faq", "hoat-dong")})
_NOT_SUBJECTS: Final = frozenset({"faq", "smalltalk", "unknown", "activities", "schedule", "next"})
# Words that close a noun phrase ("khóa học nào | miễn phí", "sách gì | hay"): the phrase after
# them still qualifies the one before.
_CLOSERS: Final = frozenset({"nao", "gi"})
# The words of a question about when or where, and of the time something starts or ends.
# How long something lasts is asked of it as its time is ("kéo dài mấy tiếng") (round 20e).
_WHEN_OR_HOW_LONG: Final = (*WHEN_WHERE, "bao lau", "may tieng", "keo dai", "bao nhieu tieng")
# When an event is, or how long, asked (folded runs, not where: a resource is found somewhere
# too; round 38).
_HELD_WHEN: Final = ("khi nao", "bao gio", "hom nao", "ngay nao", "may gio", "luc nao",
                     "to chuc", "dien ra", "bao lau", "may tieng", "keo dai")
# What to bring to an event, asked of it as its time or place is ("hôm ông bà cháu cùng đọc
# sách có cần mang gì không"): the event's card, not the programme's (round 31 c). (Kept out
# of _WHEN_FOLDS: "mang" folded is "mạng" too.)
_BRING: Final = ("can mang", "phai mang", "mang theo", "mang gi")
# (both between spaces, as they are sought in a message's run: made once, not at every message)
_WHEN_OR_BRING_RUNS: Final = tuple(f" {q} " for q in (*_WHEN_OR_HOW_LONG, *_BRING))
# The words of a question asked of an event named, in the part that names it ("bữa lễ mở đầu
# tuần lễ kéo dài bn tiếng"; "tiếng" after "mấy", "bao nhiêu"): the event's card answers them;
# they are not words it leaves unexplained for the examples' model to answer instead (round
# 31 c) (folded). (Not a question asked in another part: "đã đi lớp internet an toàn rồi, | …
# học tiếng anh online ở đâu".)
_ASKED_OF_EVENT: Final = frozenset({"bua", "buoi", "hom", "mang", "theo"})
_WHEN_FOLDS: Final = frozenset(" ".join(_WHEN_OR_HOW_LONG).split()) | {
    "bat", "dau", "ket", "thuc", "thoi", "gian", "luc"}
# How an event is held, asked of it ("có học online được không", "xem trực tuyến", "qua
# mạng", "ở trường hay online") (folded).
_HELD_HOW = frozenset({"hoc", "xem", "qua", "tren", "mang", "truc", "tuyen", "online", "onl",
                       "livestream", "link", "zoom", "tai", "truong", "o"})
# The words that say "the day of" before a day named after its ceremony ("hôm khai mạc"), and
# the sessions a day holds (folded).
_SESSIONS: Final = frozenset({"lop", "buoi"})  # "có buổi nào online không"
_EITHER: Final = frozenset({"hay", "hoac"})  # days to choose from: "hôm nay hay mai"
_DAY_HEADS: Final = frozenset({"hom", "ngay", "bua"})
# Particles that close a statement asked to be confirmed ("sáng nay khai mạc à") (folded).
_CONFIRMING: Final = frozenset({"a", "ah", "ak", "ha", "nhi"})
# The words that close a message that checks what it says ("… à", "… phải không ad") (folded).
_CHECK_ENDS: Final = _CONFIRMING | CALLS | CLOSING | {"phai", "khong", "chu"}
# The particles that ask back what was just said, typed with their marks ("thế thôi à", "vậy
# thôi hả"): no order (round 33 b).
_ASKED_BACK: Final = frozenset({"à", "hả", "hở", "nhỉ", "hà"})
_NEEDING: Final = frozenset({"phai", "can", "nen", "duoc"})  # "phải | mang laptop" (folded)
# What one wears or brings to an event, folded: pairs, for one word alone is another's
# ("mang" is "mạng", "đồng" "đóng", "mời" "mới", "giấy" the contest's "giây"); "mặc" alone
# only typed with its mark ("mac" is "mạc" of "khai mạc").
_ATTENDING = frozenset({("dong", "phuc"), ("trang", "phuc"), ("quan", "ao"), ("giay", "dep"),
                        ("giay", "moi"), ("giay", "to"), ("mang", "theo"), ("mang", "gi"),
                        ("chuan", "bi"), ("mac", "dong"), ("mac", "gi"), ("mac", "ao"),
                        ("mac", "quan"), ("mac", "trang"), ("an", "mac"),
                        # where one lives, asked of an event's place ("xe loa tuyên truyền có
                        # đi qua phường tôi không", "lớp ở nhà văn hóa thôn mình à")
                        ("phuong",), ("thon",), ("khu", "pho"), ("to", "dan", "pho"),
                        ("nha", "van", "hoa"), ("di", "qua"), ("chay", "qua")})
_ATTENDING_FIRST: Final = frozenset(words[0] for words in _ATTENDING)
# Typed without marks, "toi", "minh" after whose it is ("nhà tôi", "con tôi") or before
# what the writer does ("tôi đã", "mình muốn") are who writes, not "tối", "tới" (folded).
_OWNERS = frozenset({"nha", "con", "bo", "me", "cua", "truong", "lop", "phuong", "xa", "ong",
                     "ba", "vo", "chong", "quan", "ben", "cu"})
_DOES: Final = frozenset({"da", "muon", "can", "thay", "duoc", "chua", "dang", "se", "phu", "moi",
                          "hay", "thich", "biet", "khong", "van", "cung", "lam", "hoc"})
# Asking leave to ask: "cho em hỏi", "xin hỏi" (folded; "muốn hỏi" is what one wants), and
# what may follow the "hỏi" of it ("cho mình hỏi chút ạ").
_ASKS_LEAVE: Final = frozenset({"cho", "xin"})
# After a greeting, a word that asks for something ("chào, cho xin | số điện thoại") or that
# already names whom it speaks to ("alo ad | hotline"): the name that follows is asked about.
_NOT_ADDRESSED: Final = frozenset({"xin", "hoi", "ad", "admin", "bot", "chatbot"})
_LEAVE_TAIL: Final = frozenset({"chut", "ti", "xiu", "a", "nhe", "nha", "voi", "vs"})
# Words that point back to what a part before named ("…liên thế hệ, | đó là chương trình gì").
_BACK: Final = frozenset({"do", "day", "ay", "no"})
# A written or filmed work named (folded: "cuốn", "quyển", "truyện", "tiểu thuyết", "phim",
# "tác phẩm") and its ending asked ("kết thúc thế nào", "kết cục", "cái kết") (round 26b).
_WORKS: Final = frozenset({"cuon", "quyen", "truyen", "thuyet", "phim", "pham"})
_ENDING: Final = (" ket thuc the nao ", " ket thuc ra sao ", " ket thuc nhu the nao ",
                  " ket thuc nhu nao ", " ket thuc sao ", " ket cuc ", " cai ket ")
# The words of a certificate ("cấp giấy chứng nhận", "chứng chỉ") (round 26b).
_CERTIFICATE: Final = frozenset({"cap", "giay", "chung", "nhan", "chi", "co", "duoc"})
# Words (folded) that ask only for something to learn from, not what about ("… thì | có tài
# liệu nào không", "| có link nào không"): the other part names the subject (round 26b).
# ("app" is written out "ứng dụng")
_MATERIAL: Final = frozenset({"tai", "lieu", "trang", "web", "link", "app", "ung", "dung", "video",
                              "clip"})
# How an event's time is asked (folded: "bắt đầu", "kết thúc", "diễn ra", "kéo dài").
_WHEN_VERBS: Final = frozenset({"bat", "dau", "ket", "thuc", "dien", "ra", "keo", "dai"})
# Words that say what someone is thanked for ("cảm ơn btc | đã trả lời", "| vì đã giúp").
_REASONS: Final = frozenset({"da", "vi"})
# What the writer tells they will do next, after thanks ("…, để em gửi báo cáo", "…, mình sẽ
# đến thư viện"): "để" before who writes, or who writes before "sẽ" (folded).
_NEXT_BEFORE_SELF: Final = frozenset({"de"})
_NEXT_AFTER_SELF: Final = frozenset({"se"})
_WRITER: Final = SELF | {"e"}  # (who writes, "em" typed "e")
# Where the writer tells they go next, after thanks ("…, em ra thư viện liền"): the verbs of
# going, with their marks or none (_told_after_thanks).
_GOES_TO: Final = frozenset({"đi", "ra", "qua", "sang", "đến", "lên", "về", "xuống"})
_GOES_TO_FOLDS: Final = frozenset(fold(w) for w in _GOES_TO)
_TAKEN_WORDS: Final = 2  # words at most between who writes and the verb ("e dẫn bé đi …")
# Leaving: "thôi" opening a greeting ("thôi cháu chào bác ạ"), a part that tells the writer
# goes to do something now ("em đi làm đây", "thôi mình đi nấu cơm đây") (folded).
_LEAVING_OPENER: Final = "thoi"
_GOING, _NOW_HERE = "di", "day"
_GOING_WORDS: Final = 2  # words at most between "đi" and "đây"
_SPOKEN_AT_END: Final = frozenset({"ad", "admin", "bot"})  # "… đi nấu cơm đây ad"
# Words that end a part telling what is already done ("đọc thể lệ rồi", "thi xong").
_DONE: Final = frozenset({"roi", "xong"})
# The bot's actions: taken only when asked for (round 28 d)
_POINTED: Final = frozenset({"đó", "ấy", "đấy"})
_POINTED_FOLDS: Final = frozenset({"do", "ay"})
_REFUSABLE: Final = frozenset({("contest_take", "")})  # (a refused subscription is unsubscribing)
# (a link beside small talk, no answer found, a question asked back, or an action asked: read
# without it; a link's word, one no answer knows: _SHARED)
_LINK_KEPT: Final = frozenset({"smalltalk", "unknown", "clarify", "subscribe", "unsubscribe",
                               "contest_take", "privacy", "ask", "language", "help", "menu"})
_SHARED: Final = make_token("http")
# (the words, written out and folded, of a question asked beside a link: "có gì không",
# "ở đâu", "when", "is it")
_LINK_ASKED: Final = ASK_WORDS | YES_NO | frozenset({
    "bao", "khi", "phai", "what", "when", "where", "how", "who", "which", "is", "are", "can",
    "do", "does"})
_ACTIONS: Final = frozenset({("subscribe", ""), ("unsubscribe", ""), ("contest_take", ""),
                             ("privacy", ""), ("ask", "")})
_DAYS_BEFORE = frozenset({("hom", "qua"), ("hom", "truoc"), ("bua", "truoc"), ("hom", "kia")})
# (the words before "nhận được" that wish for it, not tell it received)
_WISHED_RECEIVED: Final = frozenset({"muon", "de", "cho", "can", "sao", "chua", "duoc"})
_OWED = frozenset({"ma", "nen", "the", "vay"})  # "nhờ bot mà", "nhờ thế", "nhờ vậy" (folded)
_THANKS_BYE: Final = frozenset({("smalltalk", "thanks"), ("smalltalk", "goodbye")})
# What a unit named before them wants or must do ("thư viện quận | muốn tham gia…").
_MODALS: Final = frozenset({"muon", "can", "phai", "nen"})
# FAQ answers about what to learn or read, with no day nor place: an event described on words
# of its own and asked when or where is that event ("buổi tập huấn dùng mạng an toàn cho nhân
# viên cơ quan ở đâu" is the training, not the advice on safety online).
_SUBJECTS_WITHOUT_DAY: Final = frozenset({("faq", "internet-an-toan"), ("faq", "doc-sach"),
                                          ("faq", "khoa-hoc-truc-tuyen")})
_UNITS: Final = frozenset({"contacts", "bodies", "library", "programme", "event"})
# The answers about reading on paper: the library's programmes and the FAQ's advice.
_READING: Final = frozenset({("library", ""), ("faq", "doc-sach")})
# Reading and borrowing, said just before "miễn phí" (folded: đọc, mượn): _free_resource.
_READ_FREE: Final = frozenset({"doc", "muon"})
# The words that name a programme's day ("ngày luân chuyển sách"), typed with their marks or
# none (_day_of_programme).
_DAY_OF_TYPED: Final = ("ngày", "buổi", "hôm")
_DAY_OF: Final = frozenset(fold(w) for w in _DAY_OF_TYPED)
# Words (folded) that say only that something is online ("trên mạng", "qua internet").
_ONLINE = frozenset({"tren", "mang", "online", "onl", "qua", "internet", "truc", "tuyen", "web"})
# Words (folded) that say learning is done online ("học online", "học trực tuyến") (round 24b;
# the words of a device it is done on, "bằng điện thoại", "máy tính": _DEVICE_WORDS).
_LEARNING_ONLINE: Final = frozenset({"online", "onl", "truc", "tuyen"})
# Spending money, and money (folded): "không mất tiền", "không tốn xu nào" (round 29b).
_SPEND: Final = frozenset({"mat", "ton"})
_COIN: Final = frozenset({"tien", "xu", "dong", "phi"})  # ("phi": "mà không tốn phí", round 30a)
# Which one is asked (folded: "có trang nào", "web gì") (round 24b).
_WHICH: Final = frozenset({"co", "nao", "gi", "ad"})
# Where to start (folded: "bắt đầu từ đâu") (round 24b).
_START: Final = frozenset({"bat", "dau", "tu"})
# What is asked which of, learned online ("có lớp nào", "khóa nào", "trang nào"), and the words
# of later on before a purpose ("để sau này đi …") (folded; round 34a).
_LEARNED_WHERE: Final = frozenset({"lop", "khoa", "trang", "web", "app", "kenh", "cho"})
_THEN: Final = frozenset({"sau", "nay", "di"})
# … where, after "bắt đầu từ" (folded: "từ đâu", "từ trang nào", "từ web nào") (round 34a).
_WHERE_TO_START: Final = frozenset({"dau", "trang", "web", "app", "khoa", "kenh", "cho"})
# Verbs (folded) of teaching that end a phrase of the courses ("kênh nào dạy", "video dạy"):
# the word the bot does not know after one is what is taught ("kênh nào dạy | nấu ăn"), not a
# modifier that names something else (round 34a). Not "học": "khóa học | nấu ăn ở hải phòng"
# is a class elsewhere.
# ("dan": "kênh nào hướng dẫn"; "thich": "video nào giải thích")
_TAUGHT: Final = frozenset({"day", "giang", "dan", "thich"})
# Where something is learned online (folded) ("qua youtube", "online", "trên app").
_ONLINE_MEDIUM = frozenset({"online", "onl", "youtube", "app", "web", "website", "video", "clip",
                            "kenh", "link", "internet"})
# Words (folded) of every course, which name no group ("khóa học", "học tập", "courses").
_COURSE_WORDS = frozenset({"khoa", "hoc", "tap", "trang", "link", "course", "courses", "learn",
                           "study", "mien", "phi", "free"})
# The contest's facts and how to join it; a word for now closing the message ("… ngay",
# "… luôn") asks to start it (as typed: "ngay" is "ngày" typed without marks, "lien" "liên").
_CONTEST_FACTS: Final = frozenset({("contest", ""), ("faq", "cuoc-thi")})
# Devices a citizen learns to use (folded), and the words that name the bot itself.
_DEVICES: Final = frozenset({"zalo", "facebook", "smartphone", "ipad", "internet", "youtube"})
_DEVICE_PAIRS: Final = frozenset({("dien", "thoai"), ("may", "tinh"), ("mang", "xa")})
# A phrase that ends in posing as someone ("giả mạo | ngân hàng", "giả làm | sếp", "xưng là |
# viện kiểm sát"): the unknown word after it is whom the scam poses as, not a modifier of the
# phrase (round 24 a).
_POSING: Final = frozenset({("gia", "mao"), ("gia", "danh"), ("mao", "danh"), ("gia", "lam"),
                            ("xung", "la"), ("tu", "xung")})
# The words of a device, of their longer names ("máy tính bảng", "điện thoại thông minh", "cảm
# ứng") and of what it is used by ("bằng điện thoại"): a scam's answer found on these alone is
# no bait told (round 24 a), a learning online named with them is learnt on it (round 24 b).
_DEVICE_WORDS: Final = _DEVICES | {f for pair in _DEVICE_PAIRS for f in pair} | {
    "bang", "thong", "minh", "cam", "ung", "laptop"}
_THE_BOT: Final = frozenset({"bot", "chatbot"})
_SAFETY: Final = ("faq", "internet-an-toan")
_PHONE_BOOK: Final = frozenset({("contacts", ""), ("faq", "lien-he")})
# How something is done (folded): asked of a phone, it asks no number.
_HOW_DONE: Final = ("lam the nao", "lam sao", "the nao", "cach nao", "phai lam gi")
# Round 26 (a): the answers a device's name alone may point to (its number, the safe Internet's
# keywords "máy tính", "facebook"), and the words that make a device's name a question of the
# Week's after all: learning to use it, a child using it, someone else's doing (folded).
_DEVICE_ANSWERS: Final = _PHONE_BOOK | {_SAFETY}
_LEARNING: Final = frozenset({"hoc", "day", "lop", "huan"})
_USING: Final = frozenset({("biet", "dung"), ("cach", "dung"), ("su", "dung"), ("tap", "dung"),
                           ("dan", "dung")})
_OTHERS_DOING: Final = frozenset({"hack", "lua", "la", "gian", "xau", "chiem", "virus", "link"})
# One thing done on a device or an app (folded: "chuyển tiền", "chuyển khoản", "tài khoản",
# "tải", "cài"), and the words that ask how it is done.
_OPERATIONS = frozenset({"chuyen", "tien", "khoan", "tai", "cai", "ung", "dung", "app", "huong",
                         "dan", "cach"})
_HALTS: Final = frozenset({("stop", ""), ("unsubscribe", "")})
# A school, a class, a teacher, a ward: the writer's own, whose number is theirs (folded;
# round 29 a)
_LINE_WORDS = frozenset({"thoai", "dt", "sdt", "so", "email", "mail", "chi", "hotline", "zalo",
                         "fanpage", "page", "facebook", "fb", "may"})
# (not "co": "có" typed without marks)
_UNIT_OWNERS: Final = SELF | frozenset({"e", "t", "con", "chau"})
_OWN_UNITS: Final = (("truong",), ("lop",), ("phuong",), ("xa",), ("thon",), ("nha", "truong"),
                     ("co", "giao"), ("thay", "giao"), ("giao", "vien"), ("co", "chu", "nhiem"))
# Who answers a line ("nghe máy", "trực điện thoại") (folded; round 29 a)
_ANSWERS_LINE: Final = frozenset({"nghe", "truc"})
_CALL_WORDS = frozenset({"goi", "so", "nao", "ai", "hoi", "lien", "he", "dien", "thoai", "cho",
                         "de", "may"})
_ONLINE_PAIRS: Final = frozenset({("tren", "mang"), ("qua", "mang"), ("mang", "xa")})
_APPS: Final = frozenset({"zalo", "facebook", "fb", "gmail", "email", "tiktok", "instagram",
                          "messenger", "youtube", "google", "icloud"})
_DATA: Final = frozenset({"anh", "danh", "video", "file", "du", "hinh", "nhac"})
_HOW_ASKED: Final = (*_HOW_DONE, "cach", "huong dan", "nhu the nao", "kieu gi", "the nao")
# The words of an audience the writer names himself by ("phụ huynh", "người lớn tuổi", "già như
# tôi") (folded), and the words of learning on the Internet besides the devices'.
_AUDIENCE: Final = frozenset({"phu", "huynh", "nguoi", "gia", "lon", "tuoi", "cao", "nhu", "toi"})
_LEARNED_ONLINE: Final = frozenset({"online", "onl", "mang", "internet", "truc", "tuyen"})
# Who reads or learns (folded: "học sinh", "giáo viên", "phụ huynh", "người già"), and what
# they read or learn: the reading, its programmes, the resources online (round 23a).
_LEARNERS: Final = _AUDIENCE | {"hoc", "sinh", "vien", "giao"}
_LEARNT: Final = frozenset({("library", ""), ("faq", "doc-sach"), ("faq", "khoa-hoc-truc-tuyen")})
# People named as whom a yes/no question is asked of (folded: "cán bộ công chức", "công nhân",
# "người lao động", "học sinh"): what they are named by is no subject of its own (round 24c).
_PEOPLE: Final = _LEARNERS | {"can", "bo", "cong", "chuc", "nhan", "lao", "dong"}
_RESOURCES: Final = frozenset({"courses", "programme"})
# Time spent on screens (folded: "nghiện game", "xem youtube", "ôm điện thoại") is the safe
# Internet of a child only: the words a child is named by (folded; "hs" is read "học sinh").
_SCREEN_TIME = frozenset({"game", "choi", "nghien", "dien", "tu", "youtube", "tiktok", "xem",
                          "thoai", "om", "cam", "mat", "vao"})
_CHILDREN: Final = frozenset({"con", "chau", "be", "tre", "nhoc", "sinh"})
_ADULTS: Final = frozenset({"chong", "vo", "ai", "bo", "me", "ong"})
_DISTRICT: Final = ("faq", "quan-huyen")
_FEES: Final = ("faq", "chi-phi")
# What a fee can be asked of: an event, a reading programme, a course; and what the bot does
# for a citizen ("nhận tin nhắc lịch hằng ngày | có bị tính tiền không", round 23 d).
_NAMED_THINGS: Final = frozenset({"event", "programme", "courses"})
_FEE_ASKED_OF: Final = _NAMED_THINGS | {"subscribe", "unsubscribe", "bulletin", "help", "language",
                                        "privacy", "ask", "contest_take",
                                        # (the contest: "thi cdht ko mất tiền hả", round 27 b)
                                        "contest"}
# Round 23 (d): the organizers named, who they are asked ("btc tuần lễ gồm những ai"), and
# nothing that reaches them; the data the bot keeps for a feature (a phone number, the contest's
# registration), then what is done with it ("thông tin tôi đăng ký thi | ai giữ vậy").
_CONTACT_ROUTES: Final = frozenset({("contacts", ""), ("faq", "lien-he")})
_ORGANISER_WORDS: Final = frozenset({"ban", "to", "chuc", "btc"})
_WHO_THEY_ARE: Final = frozenset({"ai", "gom"})  # (not "nào": "nt cho btc thế nào" reaches them)
_REACH: Final = frozenset({"hoi", "goi", "lien", "gap", "so", "dia", "o", "dau", "email", "mail",
                           "nhan", "tin", "gui"})
# Round 27 (c): the Week's organising bodies by name (folded), what is asked of one of them
# (its duty, whether it is among the organisers, which of two leads), the first words of those
# (a cheap test before any run is built), and the words that reach a body instead (a number,
# an address, a message) or ask its report.
_BODY_NAMES = (("so", "giao", "duc"), ("hoi", "khuyen", "hoc"), ("uy", "ban", "nhan", "dan"),
               ("phong", "giao", "duc"), ("doan", "thanh", "nien"), ("ban", "chi", "dao"),
               ("ban", "to", "chuc"), ("so", "nganh"), ("doan", "the"))
_BODY_FIRST: Final = frozenset(name[0] for name in _BODY_NAMES)
_BODY_DUTIES: Final = (("lam", "gi"), ("lam", "nhung", "gi"), ("lam", "nhung", "viec"),
                       ("lam", "viec", "gi"), ("giao", "viec"), ("duoc", "giao"), ("nhiem", "vu"),
                       ("trach", "nhiem"), ("vai", "tro"), ("phu", "trach", "gi"),
                       ("phu", "trach", "viec"), ("lo", "gi"), ("lo", "nhung", "gi"),
                       ("chu", "tri"), ("kinh", "phi"))
# (a body of the city or of a district: "ủy ban nhân dân huyện", "hội khuyến học thành phố",
# "sở giáo dục"; its duties asked are the bodies', even where a unit's own duties answer too)
_BODY_OF_CITY: Final = frozenset({"quan", "huyen", "thanh", "tp", "hai"})
# (which body does what the bodies do, asked first: "cơ quan nào tổng hợp kết quả của cả thành
# phố", "ai chỉ đạo các trường"; the report's answer tells only what units send)
_WHICH_BODY: Final = (("co", "quan", "nao"), ("don", "vi", "nao"), ("ben", "nao"), ("ai",))
_BODY_WORK: Final = frozenset({("tong", "hop"), ("chi", "dao"), ("ban", "hanh"), ("chu", "tri"),
                               ("khen", "thuong"), ("tuyen", "duong"), ("kiem", "tra")})
# (among the organisers, or one of two: "đoàn thanh niên có trong btc không", "btc là sở gd
# hay hội khuyến học"; these also over a unit's duties)
_BODY_AMONG: Final = (("trong", "ban", "to", "chuc"), ("trong", "ban", "chi", "dao"),
                      ("ban", "to", "chuc", "la"), ("thuoc", "ban"))
_BODY_ONE_OF: Final = (("ban", "to", "chuc", "la"),)  # (only with "hay": one of two)
_GREETED_BY = frozenset({"chao", "thua", "gui"})  # (folded: "chào", "thưa", "kính gửi" a body)
_BODY_ASKED_FIRST: Final = frozenset(d[0] for d in (*_BODY_DUTIES, *_BODY_AMONG))
_BODY_REACHED: Final = frozenset({"goi", "lien", "gap", "dia", "email", "mail", "zalo", "dien",
                                  "hotline", "bao"})  # (not "nhắn": "ủy ban nhân dân" folds so)
# Round 27 (c): the words of a complaint or a suggestion to the organisers (folded: "phản
# ánh", "phàn nàn", "khiếu nại", "góp ý", "kiến nghị") and of whom it goes to.
_COMPLAINTS: Final = frozenset({("phan", "anh"), ("phan", "nan"), ("khieu", "nai"), ("gop", "y"),
                                ("kien", "nghi")})
_COMPLAINT_FIRST: Final = frozenset(pair[0] for pair in _COMPLAINTS)
_ASK: Final = ("ask", "")
# Round 27 (c): the answers a question may ask of the Week by its whole name ("số hotline tuần
# lễ học tập suốt đời", "ai chủ trì tuần lễ học tập suốt đời năm 2020"): whom to reach, who
# organises, the report; and the words that make a run of the name's words the Week's name.
_ASKED_OF_WEEK: Final = frozenset({("contacts", ""), ("faq", "lien-he"), ("bodies", ""),
                                   ("faq", "han-bao-cao"), ("faq", "don-vi-tham-gia")})
_WEEK_NAME_CORE: Final = frozenset({"tuan", "suot"})
_REPORT_ANSWERS: Final = frozenset({("faq", "han-bao-cao"), ("bodies", ""), ("contacts", ""),
                                   ("faq", "lien-he")})
_KEPT_FOR: Final = frozenset({("contacts", ""), ("faq", "lien-he"), ("contest_take", ""),
                              ("subscribe", "")})
_PRIVACY: Final = ("privacy", "")
_BODIES: Final = ("bodies", "")
_SORRY: Final = ("smalltalk", "sorry")
_WHO: Final = ("faq", "ai-tham-gia")
_UNIT_DUTIES: Final = ("faq", "don-vi-tham-gia")
# A name taken off a list (folded: "bỏ tên", "xóa tên khỏi danh sách", "rút tên").
_NAME_OFF: Final = frozenset({"bo", "xoa", "rut", "ten", "khoi", "danh", "sach", "toi"})
# Whom a class is for, right after "cho" ("lớp nào cho các cụ", "cho người cao tuổi"), and the
# words of the class itself (folded) (round 26 c).
_CLASS_FOR: Final = _AUDIENCE | {"cac", "cu", "ong", "ba", "huu", "tri", "ve"}
_CLASS_WORDS: Final = frozenset({"lop", "hoc", "nao", "gi", "cho", "danh"})
# Round 39: a class named by its kind ("lớp", "buổi", "khóa", "lớp học", "buổi hướng dẫn") and
# what a class has of its own, asked after it (folded): its hours, its place, its audience.
_CLASS_KINDS: Final = frozenset({"lop", "buoi", "khoa"})
_CLASS_KIND_AFTER: Final = frozenset({"hoc", "day", "huong", "dan"})
_CLASS_ASKED: Final = (("may", "gio"), ("may", "h"), ("khi", "nao"), ("bao", "gio"),
                       ("luc", "nao"), ("o", "dau"), ("cho", "nao"), ("trung", "tam"),
                       ("noi", "nao"), ("cho", "ai"), ("danh", "cho"), ("buoi", "toi"),
                       ("buoi", "sang"), ("buoi", "chieu"), ("keo", "dai"))
_CLASS_TOPICS: Final = frozenset({("courses", "ky-nang-so"), _SAFETY})
# The safe Internet's own words (folded): a class found on them is the safe-Internet FAQ's
# ("lớp tập huấn internet an toàn ở đâu"), not one audience's training.
_SAFE_OWN: Final = frozenset({"internet", "mang", "an", "toan", "tap", "huan"})
# Round 39: something suffered, told ("bị", "mất", "lộ", "lỡ", "họ bảo"; typed with marks, only
# as written here: "mắt" is no "mất"), then help asked ("làm sao", "phải làm gì", "lấy lại",
# "xử lý", "giúp", "có sao không") (folded).
_SUFFERED: Final = frozenset({"bị", "mất", "lộ", "lỡ"})
_HELP_ASKED: Final = (("lam", "sao"), ("lam", "gi"), ("the", "nao"), ("kieu", "gi"),
                      ("lay", "lai"), ("xu", "ly"), ("giup",), ("co", "sao"), ("what", "should"),
                      ("help",))
# what is on, asked as a list ("có gì", "có hoạt động nào")
_LISTS: Final = frozenset({("activities", ""), ("faq", "hoat-dong"), ("schedule", "")})
_NOW: Final = frozenset({"ngay", "luôn", "luon", "liền"})
_REMINDED_OF: Final = frozenset({"day", "today", "event", "courses", "activities", "library"})
# A request, or a wish, in a message (folded): "giúp", "với", "muốn", "xin", "hãy", "lại"
_REQUESTING: Final = frozenset({"giup", "gium", "dum", "voi", "vs", "muon", "mun", "xin", "lai",
                                "nho"})  # (and "hãy" typed with its marks: "hay" is "hay lắm")
_ASKED_LEAVE: Final = frozenset({"hoi", "biet", "xin"})  # "cho e hỏi", "cho tôi biết" (folded)
_PLEASE: Final = frozenset({"voi", "vs", "nhe", "nha"})  # closing a request (folded)
# Closing an action asked for, before any "rồi" ("thi liền đi", "thôi nghỉ nhắn tin nha")
# (folded; "di" is "đi" typed with its marks or without: "dì" is someone)
_CLOSING_REQUEST: Final = frozenset({"di", "nha", "nhe"})
_NOW_TOO = frozenset({"bay", "gio", "luc", "nay", "di", "nhe", "nha"})  # "ngay bây giờ" (folded)
# Words for people, folded: called after a greeting ("chào ông bà ạ") they say whom it is to.
_KIN_FOLDS: Final = frozenset(fold(k) for k in KIN)
# Round 18 (c): English words that name speaking or a language ask for the language, whatever
# else the message says ("i dont speak vietnamese", "can u translate")
_OTHER_LANGUAGE: Final = frozenset({"speak", "vietnamese", "translate"})
# What a message asks translated that is not the bot's talk (round 27 e).
_TRANSLATED = frozenset({"sentence", "sentences", "text", "paragraph", "document", "essay",
                         "word", "words", "letter", "email", "homework", "cau", "doan", "bai"})
# Round 22 (c): the days of the week written short in English ("anything on sat night",
# "whats on tues"), read so only in a message written in English: in Vietnamese typed
# without marks they are other words ("mon" môn, "thu" thư, "sat" sát, "tue" tuệ; "fri" is
# the teencode for free).
_EN_SHORT_DAYS = {d: tuple(_dataclass_replace(t, expanded=True) for t in tokenize(v)) for d, v in {
    "mon": "thứ 2", "tue": "thứ 3", "tues": "thứ 3", "wed": "thứ 4", "thu": "thứ 5",
    "thur": "thứ 5", "thurs": "thứ 5", "fri": "thứ 6", "sat": "thứ 7",
    "sun": "chủ nhật"}.items()}
# An English request that ends on "now" asks for it right away ("can i start the quiz now",
# "sign me up for reminders now"); asked with these words it asks what is on at present
# ("what is happening now", "anything going on now", "is the library open now") (folded).
_EN_AT_PRESENT: Final = frozenset({"what", "whats", "anything", "happening", "going", "on", "open",
                                   "any", "events", "event", "there", "who", "where", "time"})
_EN_CLOSING: Final = frozenset({"pls", "plz", "please", "thanks", "thx", "ty"})
_RIGHT_AWAY: Final = tuple(_dataclass_replace(t, expanded=True) for t in tokenize("ngay"))
# What the bot can do, asked of the bot (round 21 b): a verb of the bot's work, maybe who it
# is done for, "được", and "gì" ("bot giúp e đc những việc gì", "e hỏi bot được những gì").
_FOR_WHOM: Final = r"(?: (?:e|em|toi|minh|mk|mik|t|tui|chau|bot|ad|ban))?"
# words that deny the verb after them ("chẳng giúp được gì", "chưa làm được gì") (folded)
_DENIED: Final = NOT | {"chua"}
# What a number counts ("60 giây", "10 câu", "1 lần"), folded; and a number typed with its unit
# ("30s", "15p", "10c"): seconds, minutes, questions.
_MEASURES: Final = frozenset({"giay", "phut", "cau", "lan", "luot", "nguoi", "diem", "s", "p"})
# Sums of money told ("mất 80 triệu", "chuyển 500 nghìn", "nạp 5tr", "phí ship 30k"): how much,
# no subject; the unit after the number says nothing either (round 24 a).
# (Not "k", "50k": "k" is "không", "thư viện 50k" a name; not "dong", "cu" typed without marks:
# "lớp 7 đóng …", "cũ".)
_MONEY: Final = frozenset({"trieu", "nghin", "ngan", "tram", "ty", "tr"})
# … and an age told ("con em 8 tuổi", "bé nhà em 6t"): whom it is about, no subject either.
_AGE: Final = "tuoi"
_UNIT_TYPED: Final = re.compile(r"[0-9]{1,3}(?:s|p|ph|c|tr|t)")
_RANKS: Final = frozenset({"top"})
# "gõ lệnh gì", "cú pháp": a command asked; of what, when something is named beside it.
_COMMAND_WORDS: Final = frozenset({"go", "lenh", "gi", "cu", "phap", "nao", "cac", "nhung"})
_NO_COMMAND = frozenset({"event", "programme", "smalltalk", "unknown", "help", "day", "today",
                         "next"})
_CAN_DO: Final = re.compile(r" (?:giup|lam|hoi|ho tro|tra loi)" + _FOR_WHOM + " duoc" + _FOR_WHOM
                            + r"(?: (?:nhung|cac))?(?: (?:viec|thu|cai|cau))? gi ")


# Round 30 (b): the quiz's answers asked for, or someone to take it for one (folded). A numbered
# question of the quiz ("câu 5", "câu số 3", "câu hỏi thứ 2") with which answer it has ("chọn A
# hay C", "đáp án là gì", "trả lời gì"); the answers asked to be given or sold ("cho em xin bộ
# đáp án", "ai có đáp án"); someone sought to take it ("có ai làm hộ bài thi không", "cần người
# thi hộ"). The bot never tells an answer while the contest runs, nor helps cheat: no answer of
# its own, not the rules ("câu 5 chọn đáp án nào cũng báo lỗi", "có được nhờ người nhà làm hộ
# không", "ai làm hộ bài thi thì bị loại không" still ask of the contest).
_QUIZ_QUESTION: Final = r"cau (?:hoi )?(?:so |thu )?[0-9]{1,2}"
_WHICH_ANSWER: Final = r"(?:la gi|gi|j|gj|nao|la cai gi)(?! cung)"
_CHEATING: Final = re.compile(
    r" (?:" + _QUIZ_QUESTION + r"(?: [a-z]+){0,3}? (?:(?:dap an|chon|tra loi|khoanh)"
    r"(?: [a-z]+){0,2}?|la) " + _WHICH_ANSWER
    + r"|(?:dap an|chon|tra loi) (?:cua |cho |o )?" + _QUIZ_QUESTION
    + r"(?: [a-z]+){0,2}? " + _WHICH_ANSWER
    + r"|" + _QUIZ_QUESTION + r"(?: [a-z]+){0,4}? [abcd] (?:hay|hoac|or) [abcd]"
    + r"|(?:xin|gui|share|ban|mua|co ai co|ai co) (?:bo |cai |file |het )?dap an"
    + r"(?! (?:dung )?(?:sau|khi nao|bao gio))"
    + r"|(?:co ai|can nguoi|can ai|tim nguoi|ai nhan) (?:[a-z]+ ){0,2}?"
    r"(?:lam|thi) (?:ho|giup|gium|dum)(?! (?:duoc|dc) (?:khong|ko|k|hok|chua))"
    + r") ")
# A contest named and said to be a school's or a class's ("cuộc thi học sinh thanh lịch của
# trường", "hội thi kể chuyện do lớp tổ chức"): another contest, the words between its name
# (not "có", "cho", "này", …: "cuộc thi có cho học sinh của trường … tham gia không" asks of the
# Week's) (round 30 b).
_NOT_A_NAME: Final = r"(?!(?:co|cho|danh|nay|do|duoc|la|thi|ma|va|khong|ko|de|nao|gi|toi|em|minh" \
    r"|con|chau|cua|o|tai)\b)[a-z]+"
_OTHER_CONTEST: Final = re.compile(r" (?:cuoc|hoi) thi(?: " + _NOT_A_NAME + r"){1,5}"
                                   r" (?:cua|do|o) (?:truong|lop|khoi)\b")
_WEEK_CONTEST: Final = (" cong dan hoc tap ", " cdht ", " tuan le ", " bot ")
# … but not of one's own attempt seen again, after it ("xin đáp án sau khi thi xong").
_OWN_SEEN: Final = (" xem lai ", " thi xong ", " lam xong ", " nop bai ", " sau khi ")


def _words_run(tokens: list[Token]) -> str:
    """The tokens' words and numbers folded, between spaces (no symbol: "đáp án, câu 3" runs
    on), as _cheating and _other_contest read them (made once for both)."""
    return " " + " ".join([t.fold for t in tokens if t.kind != "symbol"]) + " "


def _cheating(run: str) -> bool:
    """Whether the message (`run`: _words_run) asks for the quiz's answers or for someone to
    take it (round 30 b): _CHEATING."""
    return _CHEATING.search(run) is not None and not any(w in run for w in _OWN_SEEN)


def _other_contest(run: str) -> bool:
    """Whether a contest named is a school's or a class's (`run`: _words_run): _OTHER_CONTEST
    (round 30 b)."""
    return _OTHER_CONTEST.search(run) is not None and not any(w in run for w in _WEEK_CONTEST)

# Round 30 (b): what a person is or does, told before asking whether they may take part ("con
# tôi đang du học ở Nhật | có dự thi được không", "em là sinh viên năm cuối | có thi được
# không"): who would take part, not a subject of elsewhere asked. The contest's facts and who
# may take part (folded).
_MAY_ANSWER: Final = frozenset({("contest", ""), ("faq", "cuoc-thi"), ("faq", "ai-tham-gia")})
_BEING: Final = frozenset({"dang", "la", "van"})


# What a Week's action needs, asked after it ("mượn sách có cần cccd không", "làm thẻ thư
# viện có phải mang chứng minh thư không"): the words before the papers (folded pairs).
_NEEDS: Final = frozenset({("co", "can"), ("can", "phai"), ("phai", "co"), ("can", "mang"),
                           ("phai", "mang"), ("can", "co")})


def _needed_for(tokens: list[Token], candidates: list[_Candidate]) -> _Candidate | None:
    """The Week's answer whose action every subject elsewhere (papers: "căn cước") is what
    is needed for: found after a need (_NEEDS) that follows the answer's words, in the same
    part, which asks "… không" (round 34c). None when there is none so."""
    week = next((c for c in candidates if c.route[0] not in ("smalltalk", "unknown")
                 and c.explained), None)
    if week is None:
        return None
    folds = [t.fold for t in tokens]
    last = max(week.explained)
    needs = [i + 2 for i in range(last + 1, len(folds) - 1)
             if (folds[i], folds[i + 1]) in _NEEDS and not tokens[i + 1].expanded]
    if not needs or not any(f in YES_NO for f in folds[needs[0]:]):
        return None
    clause = tokens[last].clause
    if all(c.explained and min(c.explained) >= needs[0]
           and all(tokens[i].clause == clause for i in c.explained)
           for c in candidates if c.route[0] == "unknown"):
        return week
    return None


def _entrant_is(tokens: list[Token], candidates: list[_Candidate], best: _Candidate) -> bool:
    """Whether every subject elsewhere is said of a person, after "đang", "là" or "vẫn" and
    before the answer's words, in a message that asks "… được không" after them (whether they
    may take part): _BEING."""
    if best.route not in _MAY_ANSWER or not best.explained:
        return False
    folds = [t.fold for t in tokens]
    first = min(best.explained)
    asked = any(folds[i] == "duoc" and any(f in YES_NO for f in folds[i + 1:])
                for i in range(first, len(folds)))
    if not asked:
        return False
    for c in candidates:
        if c.route[0] != "unknown":
            continue
        if not c.explained or max(c.explained) >= first:
            return False
        start = min(c.explained)
        if not any(folds[j] in _BEING for j in range(max(0, start - 2), start)) or not any(
                tokens[j].fold in _KIN_FOLDS for j in range(start)):
            return False
    return True

# Round 38: learning (folded "học", "dạy") and the words that make "học" no verb of it, before
# ("đại học", "trung học", "tiểu học", "du học", "tin học", "văn học", "khóa học": a course of a
# subject elsewhere, "khóa học làm bánh", is a centre's) or after ("học phí",
# "học bổng", "học kỳ", "học sinh", "học viên", "học bằng lái", "học liệu"); the words of
# learning online.
_LEARN_VERBS: Final = frozenset({"hoc", "day"})
_NOT_LEARNING_BEFORE: Final = frozenset({"dai", "trung", "tieu", "du", "tin", "van", "toan", "hoa",
                                          "y", "sinh", "khoa"})
_NOT_LEARNING_AFTER: Final = frozenset({"phi", "bong", "ky", "ki", "sinh", "vien", "bang",
                                         "lieu"})
_ONLINE_ALONE: Final = frozenset({"online", "onl", "internet", "youtube", "elearning"})
# The words an answer of learning online is found on alone ("qua mạng", "trên zoom", "google
# meet", "qua youtube", and the site asked: "qua mạng có trang nào"): _taught (round 38).
_ONLINE_WORDS: Final = _ONLINE | _WHICH | frozenset({"zoom", "google", "meet", "youtube",
                                                    "elearning", "trang", "app", "kenh", "link"})


def _learned_online(tokens: list[Token], candidates: list[_Candidate]) -> _Candidate | None:
    """The courses' answer, when every subject elsewhere (an art, an instrument, a certificate:
    lexicon elsewhere) is what is learned online, "học" or "dạy" at it or just before it and
    the Internet said in its part ("học vẽ online cho bé", "học đàn guitar qua mạng", "học
    chứng chỉ tin học online"); the courses' candidate found, or one made on the words of
    learning online. None otherwise ("thi chứng chỉ tin học", "học phí đại học online", "du
    học online", "mua sim 4g cho con học online"; a course of a university named stays its
    own business: "khóa học online của Đại học Bách khoa"), nor when its fee is asked."""
    away = [c for c in candidates if c.route[0] == "unknown"]
    if not away or any(not c.explained for c in away):
        return None
    if any(c.route == _FEES and c.explained for c in candidates) and any(
            t.fold in YES_NO for t in tokens[-3:]):
        return None  # (its fee asked, "học lái xe online có mất tiền không": the provider's)
    held = set().union(*(c.explained for c in away))
    clauses = {tokens[i].clause for i in held}
    if len(clauses) != 1:
        return None
    folds = [t.fold for t in tokens]
    start, end = min(held), max(held)
    course = next((c for c in candidates if c.route[0] == "courses" and c.explained
                   and not c.explained & held), None)
    learning = {j for j in range(max(0, start - 2), start + 1) if folds[j] in _LEARN_VERBS
                and (j == 0 or folds[j - 1] not in _NOT_LEARNING_BEFORE)
                and (j + 1 >= len(folds) or folds[j + 1] not in _NOT_LEARNING_AFTER)}
    online: set[int] = set()
    for j, f in enumerate(folds):
        if tokens[j].clause not in clauses or j in held:
            continue
        if f in _ONLINE_ALONE:
            online.add(j)
        elif j > 0 and ((folds[j - 1], f) in _ONLINE_PAIRS or (folds[j - 1], f) == (
                "truc", "tuyen")):
            online |= {j - 1, j}
    # (the subject right after the learning, the Internet not between them: "mua sim 4g cho
    # con học online | loại nào rẻ" asks a price of what is bought)
    if not learning or not online or any(min(learning) < j < start for j in online):
        return None
    learned = set(range(min(learning), end + 1))  # (what is learned: the course explains it)
    if course is not None:
        return replace(course, explained=course.explained | learned)
    return replace(away[0], route=("courses", ""), explained=learned | online)


def _unmarked_fillers(tokens: list[Token]) -> set[int]:
    """The words typed without marks that are fillers where they stand, though other words
    have their letters: "cua" before who owns it ("cua minh": của), "dau" after "o" ("o dau":
    ở đâu). They ask nothing, as typed with their marks: not counted among the words an answer
    leaves unexplained ("xem lai bai thi cua minh o dau": two of five so, the examples' model
    was asked for a second opinion and overruled the contest; round 30 b). (Their weight is
    left as it is: as fillers they changed how near answers and stories weigh.)"""
    folds = [t.fold for t in tokens]
    return {i for i, t in enumerate(tokens) if not t.marked and (
        (t.fold == "cua" and i + 1 < len(tokens) and folds[i + 1] in SELF)
        or (t.fold == "dau" and i > 0 and folds[i - 1] == "o"))}

# A price asked (folded runs: "giá bao nhiêu", "bao nhiêu tiền", "hết bao nhiêu"), of a centre
# named as _centre_fee reads it ("khóa tiếng anh ở trung tâm apollo giá bao nhiêu"; round 38).
_PRICE_ASKED: Final = (" gia bao nhieu ", " bao nhieu tien ", " het bao nhieu ",
                       " gia the nao ", " gia ca ")


def _centre_fee(tokens: list[Token]) -> bool:
    """Whether a centre other than a community learning or continuing-education one is named
    with a fee ("trung tâm … học phí"): a private centre's price (round 26b); or the price of
    extra lessons ("tiền học thêm tiếng anh của con tháng này tăng": round 27d)."""
    text = parts.run(tokens)
    if " hoc phi " not in text and not any(p in text for p in _PRICE_ASKED):
        return " tien hoc them " in text
    folds = [t.fold for t in tokens]
    return any(a == "trung" and b == "tam" and folds[i + 2:i + 4] not in (
        ["hoc", "tap"], ["giao", "duc"], ["gdtx"]) for i, (a, b) in enumerate(
            itertools.pairwise(folds)))


# A price or the news asked of a day ("giá cà chua hôm nay", "tin tức hôm nay"): "giá" typed
# without marks is also "gia" of "tham gia", "người già", "gia đình" (round 27d).
_DAY_OTHER: Final = frozenset({"gia", "tin"})
_NOT_PRICE_BEFORE: Final = frozenset({"tham", "nguoi", "cao", "cu", "ong", "ba"})
_NOT_PRICE_AFTER: Final = frozenset({"dinh", "han", "tang", "su", "tri"})
# "có gì" typed without marks ("tin tuc hom nay co gi hot"): what a day holds is asked, no
# subject named.
_WHAT_OF_DAY: Final = frozenset({"co", "gi", "j"})


# The date asked of a day ("hôm nay là ngày gì", "mai là thứ mấy"): the calendar's, not the
# Week's (round 27d).
_DATE_ASKED: Final = (" la ngay gi ", " la ngay may ", " la thu may ", " la ngay bao nhieu ",
                      " ngay bao nhieu am ")


# Whether one must work, go to school or be on duty on a day, or has it off ("mai có phải đi
# làm không", "cn này tôi có phải trực không", "thứ 7 con có được nghỉ học không") (folded):
# the writer's work or school, no list of the Week's events (round 30, lead). Not where the
# day's events are asked besides ("mai em được nghỉ học, mai có gì": _WHATS_ON).
_DUTY_ASKED = (" phai di lam ", " phai di hoc ", " phai truc ", " phai lam viec ", " phai di ca ",
               " phai len lop ", " phai den truong ", " phai len co quan ", " phai den co quan ",
               " phai di truc ", " phai lam ca ", " duoc nghi ", " cho nghi ", " nghi lam khong ",
               " nghi hoc khong ", " di hoc lai ", " di lam lai ", " phai hoc khong ",
               " phai lam khong ")
_WHATS_ON: Final = (" co gi ", " co j ", " hoat dong ", " su kien ", " lich ", " chuong trinh ",
                    " dien ra ", " to chuc ")


# The answers about the bot's own messages (its reminders and bulletins, stopping them).
_MESSAGES_ANSWERS: Final = frozenset({"subscribe", "unsubscribe", "bulletin"})
# Whose messages, after "tin nhắn của/từ" (folded): a person of the writer's, so not the bot's
# ("tin nhắn của con", "tin nhắn từ người thân"). Not "bạn", "em", "anh", "chị": the bot or the
# writer are called so ("không nhận được tin nhắn của bạn").
_SOMEONES = frozenset({"con", "me", "bo", "chong", "vo", "chau", "ong", "ba", "nguoi", "gia",
                       "khach", "sep", "thay", "co", "nhom", "ny"})


def _holding(candidates: list[_Candidate], best: _Candidate, kind: str,
             ratio: float = 0.0) -> _Candidate | None:
    """The first candidate after the leading one (`candidates[1:]`) of the answers of `kind`
    that holds every word `best` was found on, ranked `ratio` times the best's or more: the
    answer a message names on the same words and more (an event that holds a resource's or an
    activity's words, the contest named in an event's title, the FAQ that gives an event's
    advice); None when there is none."""
    return next((c for c in candidates[1:] if c.route[0] == kind
                 and best.explained <= c.explained and c.rank >= ratio * best.rank), None)


def _stopped_after(candidates: list[_Candidate], best: _Candidate) -> _Candidate | None:
    """The reminders' stopping (unsubscribe) found on a word past the word after those the
    reminders' answer `best` was found on: what the writer wants said after what they have
    ("đăng ký nhận tin rồi | giờ muốn hủy"); None if there is none."""
    if not best.explained:
        return None
    end = max(best.explained)
    return next((c for c in candidates if c.route == ("unsubscribe", "") and c.explained
                 and max(c.explained) > end + 1), None)


def _messages_of_someone(tokens: list[Token]) -> bool:
    """Whether the messages the message speaks of are a person's of the writer's ("zalo của
    tôi không nhận được tin nhắn của con", "không xem được tin nhắn từ người thân"): "tin
    nhắn" or "nhắn tin" followed by "của"/"từ" and one of _SOMEONES."""
    folds = [t.fold for t in tokens]
    for i in range(len(folds) - 3):
        if ((folds[i], folds[i + 1]) in (("tin", "nhan"), ("nhan", "tin"))
                and folds[i + 2] in ("cua", "tu") and folds[i + 3] in _SOMEONES):
            return True
    return False


# Words of the bot's own reminders (folded): "nhắc lịch", "bot", "tuần lễ", "sự kiện", "đăng
# ký nhận tin" (round 31b).
_OWN_NOTICES: Final = frozenset({"nhac", "lich", "bot", "tuan", "le", "kien", "dang", "dk", "dky"})
# Who else sends messages one wants stopped (folded word pairs: "app ngân hàng cứ gửi tin quảng
# cáo", "nhà mạng nhắn tin rác"): not the bot, which sends neither ads nor a bank's news
# (round 32e).
_OTHER_SENDERS = frozenset({("ngan", "hang"), ("nha", "mang"), ("quang", "cao"), ("tin", "rac"),
                            ("tong", "dai"), ("khuyen", "mai")})
# Ads (folded pairs), never the bot's, signed up for or not (round 34 d); the words of signing up
# (folded), which name the bot's reminders and any other sign-up alike.
_ADS: Final = frozenset({("quang", "cao"), ("khuyen", "mai")})
_SIGN_UP: Final = frozenset({"dang", "dk", "dky"})
# The words of the bot's own messages besides "đăng ký" (folded) (round 32e).
_OWN_MESSAGES: Final = frozenset({"nhac", "lich", "bot", "tin", "thong", "kien", "tuan"})
# What has a language of its own besides the bot (folded): an app, a film, a phone or a
# computer ("đổi ngôn ngữ zalo sang tiếng anh", "cài tiếng việt cho điện thoại") (round 32e).
# A story or a book too ("truyện Harry Potter tập 8 bao giờ ra bản tiếng Việt", "cuốn sách
# này có bản tiếng anh không"; "sách" alone is in "danh sách") (round 34c).
_OWN_LANGUAGE = _APPS | frozenset({"phim", "window", "windows", "chrome", "iphone", "android",
                                   "ios", "laptop", "tivi", "game", "truyen"})
_OWN_LANGUAGE_PAIRS: Final = frozenset({("dien", "thoai"), ("may", "tinh"), ("cuon", "sach"),
                                        ("quyen", "sach"), ("sach", "nay"), ("tieu", "thuyet")})


# The words of a message received (folded word, pairs): "tin", "thông báo", "tin nhắn".
_MESSAGE_WORDS: Final = frozenset({("thong", "bao"), ("tin", "nhan")})
# What a day holds besides its messages (folded): "sự kiện", "hoạt động", "lịch", "có gì".
_DAY_HOLDS: Final = frozenset({"kien", "hoat", "lich", "co", "buoi", "le"})


def _message_of_day(tokens: list[Token]) -> bool:
    """Whether the day named is when a message was received ("thông báo hôm qua đâu", "tin
    nhắn hôm trước nói gì"): a day before today right after "tin", "tin nhắn", "thông báo", or
    a message sent on it ("hôm qua btc có gửi thông báo gì không"), nothing the day holds
    named ("hôm qua có sự kiện gì") and no other sender (round 34 d)."""
    folds = [t.fold for t in tokens]
    # (nor a school's or a class's: "hôm qua trường có gửi thông báo gì không")
    if set(folds) & (_DAY_HOLDS - {"co"} | _APPS | {"truong", "lop"}) or _sent_by_other(tokens):
        return False
    pairs = list(itertools.pairwise(folds))
    if any(pair in _DAYS_BEFORE for pair in pairs) and any(
            a == "gui" and b in ("thong", "tin") for a, b in pairs):
        return True  # ("hôm qua btc có gửi thông báo gì không": a message sent that day)
    return "co" not in folds and any((folds[i], folds[i + 1]) in _DAYS_BEFORE and i and (
        folds[i - 1] == "tin" or (i > 1 and (folds[i - 2], folds[i - 1]) in _MESSAGE_WORDS))
        for i in range(len(folds) - 1))


def _sent_by_other(tokens: list[Token]) -> bool:
    """Whether the messages the writer wants stopped are another sender's ("app ngân hàng cứ
    gửi tin quảng cáo, tắt thế nào"): a bank, an operator, ads or spam named, and no word of the
    bot's reminders (_OWN_NOTICES); or an account's sign-up cancelled ("hủy đăng ký tài khoản
    tiktok") (round 32e)."""
    folds = [t.fold for t in tokens]
    if ("tai", "khoan") in itertools.pairwise(folds) and not set(folds) & _OWN_MESSAGES:
        # ("huy dang ky tai khoan tiktok": an account, which the bot's reminders are not)
        return True
    pairs = set(itertools.pairwise(folds))
    if not set(folds) & (_OWN_NOTICES - _SIGN_UP) and (pairs & _ADS or any(
            ("trang", app) in pairs for app in _APPS)):
        # ("đăng ký nhận tin nhắn khuyến mãi", "bỏ theo dõi trang facebook kia": signing up
        # for ads, leaving an app's page; round 34 d)
        return True
    return not set(folds) & _OWN_NOTICES and any(
        pair in _OTHER_SENDERS for pair in itertools.pairwise(folds))


# Whom a message may be for besides the organisers (folded, after "cho", "tới", "đến", "lên"):
# a teacher, a head, one's family (round 34 d).
_OTHER_RECIPIENTS: Final = frozenset({"co giao", "thay giao", "giao vien", "co chu", "thay chu",
                                      "chu nhiem", "hieu truong", "vo", "chong", "bo me", "sep"})
_TO: Final = frozenset({"cho", "toi", "den", "len"})
_ORGANISERS: Final = frozenset({"ban to chuc", "ban chi dao", "ad", "admin", "bot"})


def _for_another(tokens: list[Token]) -> bool:
    """Whether a message or a question to pass on is for someone else than the organisers
    ("gửi câu hỏi này cho cô giáo chủ nhiệm giùm", "nhắn tới vợ tôi giúp"): one of
    _OTHER_RECIPIENTS right after "cho", "tới", "đến", "lên", and the organisers not named
    (round 34 d)."""
    folds = [t.fold for t in tokens]
    run = " ".join(folds)
    if any(f" {o} " in f" {run} " for o in _ORGANISERS):
        return False
    return any(f in _TO and (" ".join(folds[k + 1:k + 3]) in _OTHER_RECIPIENTS
                             or folds[k + 1] in _OTHER_RECIPIENTS)
               for k, f in enumerate(folds[:-1]))


# Round 35: how the bot speaks and what a citizen does to its language (folded words, and the
# runs of two that are one word: "trả lời", "hỗ trợ", "hiển thị", "chế độ", "cài đặt", "phiên
# bản"). Not "dịch" (a text to translate), nor "học", "dạy", "thi" (a language learnt).
_SPEAKING_RUNS = ("tra loi", "ho tro", "hien thi", "che do", "cai dat", "phien ban", "quay lai",
                  "tro lai", "ngon ngu", "tieng anh", "tieng viet")
_SPEAKING: Final = frozenset({
    "noi", "nhan", "doc", "viet", "dung", "biet", "bat", "chuyen", "doi", "qua", "sang", "ve",
    "lai", "ban", "chat", "hieu", "rep", "bot", "ad", "admin", "muon", "thoi", "voi", "bang",
    "reply", "speak", "talk", "switch", "set", "use", "version", "mode", "change", "answer",
    "write", "can", "please", "pls", "plz", "understand", "text", "language", "back", "len",
    "eng", "sao", "the", "gi", "cai", "hay", "luon", "nua", "roi", "tu", "giup", "gium", "ho",
    "hoi", "chi", "co", "di", "duoc", "khong", "nhe", "nha", "oi", "toi", "minh", "em"})
# The languages named (folded runs), one of which the message must hold.
_LANGUAGE_NAMES: Final = ("tieng anh", "tieng viet", "ngon ngu", "language", "eng")


def _speaks_a_language(tokens: list[Token], is_filler: Callable[[Token], bool]) -> bool:
    """Whether the message asks the bot to speak a language, or asks whether it can: a language
    named and every other word one of how the bot speaks or a filler ("bot nói được tiếng anh
    không", "trả lời tôi bằng tiếng Anh nhé", "cho đọc bằng tiếng anh được không", "có bản
    tiếng anh không", "switch to eng pls", "quay lại tiếng việt giúp tôi"). The lexicon's
    phrases named each way of asking; a word of another subject ("học tiếng anh", "cô giáo
    tiếng anh", "dịch câu này sang tiếng anh") leaves the message to them (round 35)."""
    words = [t for t in tokens if t.kind == "word"]
    folds = [t.fold for t in words]
    run = f" {' '.join(folds)} "  # (joined once: this runs at every message)
    if not any(f" {name} " in run for name in _LANGUAGE_NAMES):
        return False
    at = 0
    while at < len(words):
        if " ".join(folds[at:at + 2]) in _SPEAKING_RUNS:
            at += 2
        elif folds[at] in _SPEAKING or is_filler(words[at]):
            at += 1
        else:
            return False
    return True


# Round 38: the answers that are no thing a language is asked of ("can you answer in
# vietnamese": without those words, a request to the bot or nothing).
_NOT_A_THING: Final = frozenset({"unknown", "language", "smalltalk", "help", "menu", "clarify",
                                 "ask", "privacy"})


def _in_a_language(typed: list[Token]) -> list[Token] | None:
    """The message without "in vietnamese" (or "in english") said after what is asked ("where
    can i read e-books | in vietnamese"), when it says so; None when the language is said
    otherwise ("i dont speak vietnamese") or nothing is before it."""
    words = [i for i, t in enumerate(typed) if t.kind == "word"]
    at = next((k for k, i in enumerate(words) if k > 1 and typed[i].fold in _OTHER_LANGUAGE
               and typed[words[k - 1]].fold == "in"), None)
    if at is None:
        return None
    gone = {words[at - 1], words[at]}
    return [t for i, t in enumerate(typed) if i not in gone]


def _language_of_other(tokens: list[Token]) -> bool:
    """Whether the language asked to switch is another thing's ("đổi ngôn ngữ zalo sang tiếng
    anh thế nào", "điện thoại bị chuyển sang tiếng anh"): an app, a keyboard, a film or a device
    named, and not the bot (round 32e)."""
    folds = [t.fold for t in tokens]
    return "bot" not in folds and bool(set(folds) & _OWN_LANGUAGE or any(
        pair in _OWN_LANGUAGE_PAIRS for pair in itertools.pairwise(folds)))


def _messages_of_others(tokens: list[Token]) -> bool:
    """Whether the messages or notifications the message speaks of are someone else's, not the
    bot's: a person's of the writer's (_messages_of_someone), another app's notifications
    (_notices_of_an_app), another sender's ads or an account's sign-up (_sent_by_other). One
    check for every answer of the bot's messages (subscribing, stopping, the bulletin, the
    reminders' FAQ): the three were written for one answer each (rounds 30, 31b, 32e)."""
    return _messages_of_someone(tokens) or _notices_of_an_app(tokens) or _sent_by_other(tokens)


# What a bank does for a card (folded: "làm", "mở", "nuốt", "rút", "cây", "hết hạn", "cấp lại")
# (round 31b). (Not "đổi": folded it is "đòi" too, "kẻ gian gọi đòi số thẻ atm".)
_CARD_SERVICE: Final = frozenset({"lam", "mo", "nuot", "rut", "cay", "han", "cap"})
# Round 34 (b): a password (folded words of "đổi mật khẩu", "quên pass"), and the home network
# devices whose password is the provider's or the owner's business, no account's safety.
_PASSWORD = frozenset({"doi", "dat", "quen", "mat", "khau", "pass", "password", "lay", "lai"})
_HOME_NETWORK: Final = frozenset({"wifi", "modem", "router"})


# The city's mass organisations and parties' cells (folded word pairs: "hội phụ nữ", "đoàn
# thanh niên", "hội nông dân", "cựu chiến binh", "công đoàn", "người cao tuổi", "chi đoàn",
# "chi bộ", "mặt trận"), what they hold themselves ("tổ chức"), and the words that make it the
# Week's part of them: a plan ("muốn tổ chức", "cần tổ chức") or the Week named (round 31b).
_ORGANISATIONS = frozenset({("phu", "nu"), ("thanh", "nien"), ("nong", "dan"), ("chien", "binh"),
                            ("cong", "doan"), ("cao", "tuoi"), ("chi", "doan"), ("chi", "bo"),
                            ("mat", "tran")})
_PLANNED: Final = frozenset({"muon", "can", "nen", "se", "dinh", "phai", "duoc"})
_THE_WEEK_NAMED = frozenset({("tuan", "le"), ("hoc", "tap"), ("cuoc", "thi"), ("ngay", "hoi"),
                             ("khai", "mac"), ("ban", "to")})


def _organisation_holds(tokens: list[Token]) -> bool:
    """Whether the message asks what one of the city's organisations holds itself ("hội phụ nữ
    phường tổ chức gì tuần này", "đoàn thanh niên xã tổ chức gì trong tuần này"): an
    organisation (_ORGANISATIONS) before "tổ chức", no plan between them ("đoàn thanh niên
    phường muốn tổ chức tọa đàm" is the Week's part of it) and the Week not named (round 31b)."""
    folds = [t.fold for t in tokens]
    pairs = list(itertools.pairwise(folds))
    if set(pairs) & _THE_WEEK_NAMED or "btc" in folds:
        return False
    org = next((i for i, p in enumerate(pairs) if p in _ORGANISATIONS), None)
    if org is None:
        return False
    held = next((i for i, p in enumerate(pairs) if i > org + 1 and p == ("to", "chuc")), None)
    return held is not None and not set(folds[org + 2:held]) & _PLANNED


# Who else holds a contest, after "cuộc thi … của" (folded): a school, a company, an association,
# an office, one of the organisations (_ORGANISATIONS) (round 31b).
_CONTEST_OWNERS: Final = frozenset({"truong", "cty", "hoi", "doan"})
_CONTEST_OWNER_PAIRS: Final = _ORGANISATIONS | {("cong", "ty"), ("co", "quan")}


def _contest_of_other(tokens: list[Token]) -> bool:
    """Whether the contest the message asks of is another's ("cuộc thi tìm hiểu pháp luật của
    công đoàn hạn cuối khi nào", "thi tìm hiểu lịch sử đảng của chi bộ hết hạn chưa", "cuộc thi
    ảnh của hội nhiếp ảnh"): "thi" and, at most eight words on, "của" and who holds it
    (_CONTEST_OWNERS, _CONTEST_OWNER_PAIRS); not when the Week or its contest is named ("cuộc thi
    Công dân học tập", "tuần lễ") (round 31b)."""
    folds = [t.fold for t in tokens]
    pairs = set(itertools.pairwise(folds))
    if ("tuan", "le") in pairs or ("hoc", "tap") in pairs or "btc" in folds:
        return False
    for i, f in enumerate(folds):
        if f != "thi":
            continue
        for j in range(i + 1, min(i + 9, len(folds) - 1)):
            if folds[j] == "cua" and (folds[j + 1] in _CONTEST_OWNERS or (
                    tuple(folds[j + 1:j + 3]) in _CONTEST_OWNER_PAIRS)):
                return True
    return False


def _notices_of_an_app(tokens: list[Token]) -> bool:
    """Whether the notifications the message speaks of are another app's ("cách tắt thông báo
    zalo", "facebook không hiện thông báo", "messenger không báo tin nhắn mới"): an app named
    (_APPS) beside "thông báo" or "báo tin", and no word of the bot's reminders (_OWN_NOTICES:
    "có nhắc lịch qua zalo không", "đăng ký nhận tin qua zalo" are the bot's) (round 31b)."""
    folds = [t.fold for t in tokens]
    if not set(folds) & _APPS or set(folds) & _OWN_NOTICES:
        return False
    return any((a, b) in (("thong", "bao"), ("bao", "tin"), ("bao", "thong"))
               for a, b in itertools.pairwise(folds))


# The weather of a day (round 31b): typed with marks ("mưa", "bão", "nắng", "rét"), or without
# them after "trời" ("troi co bao ko") or as "mưa to" ("toi nay mua to ko"); without marks
# alone "mua", "bao" are "mua" (buy) and "bao" (bao nhiêu), and stay the words they are.
_WEATHER_MARKED: Final = frozenset({"mưa", "bão", "nắng", "rét", "giông", "dông"})
_WEATHER: Final = frozenset({"mua", "bao", "nang", "lanh", "ret", "nong", "gio", "giong", "dong"})


def _weather_asked(tokens: list[Token]) -> bool:
    """Whether the message asks the weather of a day ("tối nay mưa to không, có nên đi không",
    "mai trời có bão không"): a weather's word typed with its marks, one after "trời" (at most
    one word between: "trời có bão"), "mưa to" or "nắng hay mưa" typed without them (round
    31b, 38)."""
    folds = [t.fold for t in tokens]
    if any(t.text.lower() in _WEATHER_MARKED for t in tokens):
        return True
    for i, f in enumerate(folds):
        if f == "troi" and _WEATHER & set(folds[i + 1:i + 3]):
            return True
        if f == "mua" and i + 1 < len(folds) and folds[i + 1] in ("to", "rao", "phun", "da"):
            return True
        if f == "mua" and "nang" in folds[max(0, i - 3):i + 4]:
            return True  # "nang hay mua", "mua hay nang v ad": both weathers named (round 38)
    return False


_ELSE_ASKED: Final = frozenset({"gi", "j", "nao", "hoat", "su", "sk", "buoi", "lop"})


def _what_else(tokens: list[Token]) -> bool:
    """Whether the message asks what else there is ("còn gì nữa", "còn gì khác", "còn hoạt
    động nào nữa không"): "còn", then within four words what is asked and "nữa" or "khác"
    (round 38)."""
    for i, t in enumerate(tokens):
        if t.fold != "con" or t.text not in ("còn", "con"):
            continue
        after = [u.fold for u in tokens[i + 1:i + 5]]
        if _ELSE_ASKED & set(after) and ("nua" in after or "khac" in after):
            return True
    return False


def _day_of_other(tokens: list[Token]) -> bool:
    """Whether the message names a price ("giá …") or the news ("tin tức"), asks which date
    a day is, or whether one must work or go to school on it (_DUTY_ASKED)."""
    folds = [t.fold for t in tokens]
    duty = "phai" in folds or "nghi" in folds or "lai" in folds
    date_asked = "ngay" in folds or "thu" in folds
    run = parts.run(tokens) if duty or date_asked else ""
    if duty and any(d in run for d in _DUTY_ASKED) and not any(w in run for w in _WHATS_ON):
        return True
    if date_asked and any(d in run for d in _DATE_ASKED):
        return True
    if _weather_asked(tokens):
        return True
    if not _DAY_OTHER.intersection(folds):
        return False
    for i, t in enumerate(tokens):
        after = folds[i + 1] if i + 1 < len(folds) else ""
        if t.fold == "tin" and after == "tuc":
            return True
        if t.fold == "gia" and (t.text.lower() == "giá" or not t.marked) and after and (
                after not in _NOT_PRICE_AFTER) and (i == 0 or (
                    folds[i - 1] not in _NOT_PRICE_BEFORE)):
            return True
    return False


# Round 32 (b): the words an exclamation ends on ("hôm nay đói quá", "mai đi làm rồi chán ghê";
# "wa" typed for "quá"), and what may be typed after them ("chán quá đi", "vui ghê á") (folded).
_SO_MUCH: Final = frozenset({"qua", "ghe", "wa"})
_AFTER_SO_MUCH: Final = CLOSING | frozenset({"di", "luon"}) | _SPOKEN_AT_END


def _exclaimed(tokens: list[Token], used: frozenset[int]) -> bool:
    """Whether the message, besides the day it names, says how the writer or the day is and asks
    nothing ("hôm nay đói quá", "hôm nay vui ghê", "mai đi làm rồi chán quá đi"): it ends on
    "quá" or "ghê" not of the day ("hôm qua"), holds no question and no "có" (round 32 b)."""
    words = [i for i, t in enumerate(tokens) if t.kind == "word"]
    while words and tokens[words[-1]].fold in _AFTER_SO_MUCH:
        words.pop()
    if len(words) < 2 or words[-1] in used or words[-2] in used or (
            tokens[words[-1]].fold not in _SO_MUCH):
        return False
    return not any(t.fold == "co" for t in tokens) and not parts.asks(tokens, 0, len(tokens))


# Round 33 (d): the words that place a clock time said ("lúc 8h", "từ 7h đến 9h", "tầm 3h"),
# which tell nothing besides it (folded).
_AT_HOUR: Final = frozenset({"luc", "vao", "tu", "den", "tam", "khoang", "chung", "gan", "hon"})
# (and the words of a time from now: "nửa tiếng nữa tôi đến", "còn 3 ngày nữa là sinh nhật")
_CLOCK_UNITS: Final = frozenset({"tieng", "phut", "nua"})


def _hour_told(tokens: list[Token], used: frozenset[int]) -> bool:
    """Whether the message tells what happens at a clock time and asks nothing ("9h rồi", "8h
    tôi đi làm", "con tôi học từ 7h đến 11h", "2h sáng rồi chưa ngủ", "nửa tiếng nữa tôi
    đến", "còn 3 ngày nữa là sinh nhật con"): a day (or now) read from an hour or counted
    from now, with words of its own besides the date, no question and no "có" (round 33 d).
    The Week's events at that time are asked ("8h sáng mai có gì", "7h tối t7 có lớp gì
    ko"); said alone, "8h sáng mai" still names the day's part."""
    if not any(tokens[i].kind == "time" or tokens[i].fold in _CLOCK_UNITS for i in used) or any(
            t.fold == "co" or t.fold in ASK_WORDS or t.text == "?" for t in tokens) or parts.asks(
            tokens, 0, len(tokens)):
        return False
    return any(t.kind == "word" and i not in used and t.fold not in _AT_HOUR
               and t.fold not in CLOSING and t.fold not in CALLS for i, t in enumerate(tokens))


# Round 32 (b): the hour of the clock asked ("bây giờ là mấy giờ", "giờ mấy giờ rồi") (folded).
_CLOCK_ASKED: Final = (" la may gio ", " may gio roi ", " may h roi ", " la may h ")


def _clock_asked(tokens: list[Token]) -> bool:
    """Whether the message asks the hour it is now, and nothing that is on ("bây giờ là mấy
    giờ rồi"; not "bây giờ có gì", "mấy giờ rồi có lớp gì không") (round 32 b)."""
    run = parts.run(tokens)
    return any(q in run for q in _CLOCK_ASKED) and not any(t.fold == "co" for t in tokens)


# Round 32 (b): what is said of a thing after naming it (`_judged`): that it is wrong ("lịch
# sai rồi"), or known ("biết lịch rồi", "rõ lịch rồi", "hiểu thể lệ rồi"); and how many words
# besides the thing's it may take (folded).
_WRONG: Final = frozenset({"sai"})
_KNOWN_OF: Final = frozenset({"biet", "bik", "bit", "ro", "hieu"})
_JUDGED_WORDS: Final = 4
# (and the words of a wish or a request before the thing, which ask for it: "tôi muốn coi lại
# những câu tôi trả lời sai")
_WISHED: Final = frozenset({"muon", "cho", "xin", "coi", "xem", "giup", "nho"})


# Round 27 (c): reports that are not the Week's, named by what follows "báo cáo" (folded: a
# tax return, a company's accounts, a student's internship or thesis report).
_OTHER_REPORTS: Final = frozenset({("thue",), ("tai", "chinh"), ("quyet", "toan"), ("thuc", "tap"),
                                   ("tot", "nghiep"), ("doanh", "thu")})
_OTHER_REPORT_FIRST: Final = frozenset(kind[0] for kind in _OTHER_REPORTS)


def _other_report(tokens: list[Token]) -> bool:
    """Whether "báo cáo" is followed by the kind of another report ("hạn nộp báo cáo thuế quý
    3", "báo cáo tài chính cuối năm của công ty", "báo cáo thực tập nộp khi nào"): not the
    Week's results report (round 27 c)."""
    folds = [t.fold for t in tokens]
    if not _OTHER_REPORT_FIRST & set(folds):
        return False
    return any(a == "bao" and b == "cao" and any(
        tuple(folds[i + 2:i + 2 + len(kind)]) == kind for kind in _OTHER_REPORTS)
        for i, (a, b) in enumerate(itertools.pairwise(folds)))


# Round 27 (c): organisations whose own line may be asked in the words of the organisers'
# (folded pairs: a bank, a network operator).
_OTHER_LINES: Final = frozenset({("ngan", "hang"), ("nha", "mang")})
# What a class or a session is called before its subject ("lớp internet an toàn", "buổi tập
# huấn") (folded).
_CLASS_NOUNS: Final = frozenset({"lop", "buoi"})
# Words that ask how to do a thing ("làm sao để", "cách") (folded).
_HOW_TO: Final = frozenset({"sao", "cach", "ntn"})
_OTHER_LINE_FIRST: Final = frozenset(pair[0] for pair in _OTHER_LINES)


def _other_line(tokens: list[Token]) -> bool:
    """Whether a bank or a network operator is named ("sdt tong dai ngan hang bidv", "hotline
    nhà mạng báo mạng chậm"): a number asked with it is theirs (round 27 c)."""
    folds = [t.fold for t in tokens]
    return (bool(_OTHER_LINE_FIRST & set(folds)) and any(
        pair in _OTHER_LINES for pair in itertools.pairwise(folds))) or any(
        # (the power company's: "sdt tong dai dien luc hp"; not "gọi điện lúc nào", "điện lúc
        # mấy giờ" typed without marks; round 29 a)
        folds[k:k + 2] == ["dien", "luc"] and (k == 0 or folds[k - 1] != "goi")
        and folds[k + 2:k + 3] not in (["nao"], ["may"]) for k in range(len(folds) - 1))


def _writer_is(folds: list[str], tokens: list[Token], head: int) -> bool:
    """Is the unit named at `head` what the writer says they are ("tôi là | giáo viên mầm non
    thì …", "mẹ em là | cô giáo"): "là" right before it, after a word for oneself or a kin? The
    writer is then a person, no unit asked its duties; one who leads or works for a unit
    ("tôi là trưởng | thôn", "em là văn thư | trường") speaks for it (round 29 a)."""
    # ("là trưởng …": who leads what follows, "trưởng" folded as "trường" is)
    return head >= 2 and folds[head - 1] == "la" and folds[head] != "truong" and tokens[
        head - 2].clause == tokens[head].clause and (
        folds[head - 2] in _SELF_TYPED or folds[head - 2] in _KIN_FOLDS)


def _bot_can(tokens: list[Token]) -> bool:
    """Does the message name the bot and ask what it can do for the writer? Not when the verb
    is denied ("bot ơi chẳng giúp được gì": a complaint)."""
    run = parts.run(tokens)
    found = _CAN_DO.search(run)
    return (found is not None and any(t.fold in _THE_BOT for t in tokens)
            and not set(run[:found.start()].split()[-2:]) & _DENIED)


# the score of a request its own rule reads: sent every day, another language, a message for
# the organizers, what the bot keeps of me
OWN_RULE: Final = 5.0
# A part that says who writes ("em là giáo viên chủ nhiệm,", "tôi là cán bộ thư viện phường"):
# the pronoun, then "là" (after "dạ", "thưa").
# A unit of the Week's organizing side, named as who asks what it must do or report (folded
# heads of its name; what follows the head up to the question is its name too: "trường tiểu
# học của tôi", "câu lạc bộ dưỡng sinh của phường"), and the answers about what it does.
_UNIT_HEADS = ("truong", "thu vien", "trung tam", "nha van hoa", "cau lac bo", "uy ban",
               "hoi khuyen hoc", "chi hoi", "hoi phu nu", "doan thanh nien", "don vi", "co quan",
               "giao vien", "xa", "phuong", "thon", "mam non", "mau giao", "tieu hoc",
               "trung hoc",
               # (round 20 c: school staff and the unions of a workplace)
               "ban giam hieu", "chi doan", "cong doan", "ban chap hanh", "nha may", "cong ty",
               "nha tre", "to chuyen mon", "phong giao duc", "nha truong")
_UNIT_HEAD_WORDS: Final = tuple(h.split() for h in _UNIT_HEADS)
# (the same heads with their marks: a word typed with marks is the head's only if they are its
# marks, "chỉ hỏi ai được tham gia" asks who may take part, no "chi hội"'s duties; round 30 c)
_UNIT_HEADS_TYPED: Final = frozenset(t.text for h in (
    "trường", "thư viện", "trung tâm", "nhà văn hóa", "câu lạc bộ", "ủy ban", "hội khuyến học",
    "chi hội", "hội phụ nữ", "đoàn thanh niên", "đơn vị", "cơ quan", "giáo viên", "xã",
    "phường", "thôn", "mầm non", "mẫu giáo", "tiểu học", "trung học", "ban giám hiệu",
    "chi đoàn", "công đoàn", "ban chấp hành", "nhà máy", "công ty", "nhà trẻ",
    "tổ chuyên môn", "phòng giáo dục", "nhà trường") for t in tokenize(h))
# (the same, by their first word: a message's opening word is looked up, not every head tried)
_UNIT_HEADS_FROM: Final[dict[str, tuple[list[str], ...]]] = {
    first: tuple(h for h in _UNIT_HEAD_WORDS if h[0] == first)
    for first in {h[0] for h in _UNIT_HEAD_WORDS}}
_WEEK: Final = ("faq", "tuan-le-la-gi")
_WEEK_DATES: Final = ("faq", "thoi-gian")
_TAKE: Final = ("contest_take", "")
# What is got with a standing (folded: "tiền thưởng", "được bao nhiêu tiền"): its prizes are
# asked (round 24c).
_PRIZE_GOT: Final = frozenset({"tien", "thuong"})
_BOARD: Final = ("leaderboard", "")
# The words before the contest's name that are its name too ("cuộc thi công dân …"; 36a).
_NAME_LEAD: Final = frozenset({"cuoc", "thi"})
# What a standing is or gets, asked before "gì" (folded: "là gì", "gồm những gì") (26d).
_PRIZE_VERBS: Final = frozenset({"la", "co", "gom", "nhung", "duoc", "nhan"})
# What tells that a mishap happened while doing something (folded runs; round 23e, 26d).
_MIDWAY: Final = ("giua chung", "giua luc", "trong luc", "giua khi")
# Words that name the quiz being taken (folded: "thi", "bài thi", "câu hỏi", "cuộc thi").
_QUIZ_TAKEN: Final = frozenset({"thi", "bai", "cau", "cuoc"})
# The words that ask a number of points (folded): "được bao nhiêu điểm", "mấy điểm" (26d).
_POINTS_ASKED: Final = frozenset({"duoc", "bao", "nhieu", "may", "diem"})
# The words that name the quiz itself in a question of its time (folded): "thi", its questions
# ("mỗi câu"), the score it gives ("biết điểm") (round 26d).
_QUIZ_NAMED: Final = frozenset({"thi", "cau", "diem"})
# The words that name the questions of the quiz (folded pairs): "câu hỏi", "đề thi", "bài thi".
_QUIZ_QUESTIONS: Final = frozenset({("cau", "hoi"), ("de", "thi"), ("bai", "thi")})
# A device, or using one, named as what the quiz is taken on (folded): "thi trên máy tính được
# không hay phải dùng đt" (round 26d).
# (and a smartphone, "điện thoại thông minh": "không có đt thông minh thì có thi được không",
# round 30 b)
_QUIZ_DEVICE: Final = frozenset({"may", "tinh", "dien", "thoai", "dung", "su", "laptop", "ipad",
                                 "bang", "smartphone", "zalo", "app", "ung", "thong", "minh"})
# Words that ask for something to be done, or say it is wanted (folded).
_REQUEST: Final = frozenset({"cho", "muon", "xin", "giup", "can"})
# Words that go on with what was begun ("thi tiếp", "làm nốt", "vào lại") (folded).
_GOING_ON: Final = frozenset({"tiep", "not", "lai"})
# The words that ask when (not where, not how long) (folded).
_WHEN_ONLY: Final = ("khi nao", "bao gio", "may gio", "luc nao", "ngay nao", "gio nao", "hom nao",
                     "bua nao", "ngay may")
_DUTIES: Final = frozenset({("faq", "don-vi-tham-gia"), ("faq", "han-bao-cao")})
_POLITE: Final = frozenset({"da", "thua", "vang"})
# "e" is "em" typed short ("e là hs lớp 12, …": who writes) (round 25 e)
_SELF_TYPED: Final = SELF | {"e"}
_LEAVE_VERBS: Final = frozenset({"cho", "xin", "muon", "can"})
# Where a question starts after the writer said inline who they are ("tôi là giáo viên | thì
# …", "em là sv | có được …", "mình là công nhân | nên …", "… | muốn hỏi") (folded; round 29 a)
_ROLE_ENDS: Final = frozenset({"thi", "nen", "ma", "co", "muon", "cho", "xin", "can"})
# People named as the topic of a question ("công nhân làm ca thì …", "học sinh lớp 3 thì …")
# (folded first two words; round 29 a)
_ROLES: Final = frozenset({("cong", "nhan"), ("hoc", "sinh"), ("sinh", "vien"), ("giao", "vien"),
                           ("phu", "huynh"), ("nguoi", "gia"), ("nguoi", "lon"), ("nguoi", "cao"),
                           ("nguoi", "di"), ("can", "bo"), ("bo", "doi"), ("nguoi", "lao")})
# A part of the day told without a day ("đêm trực", "đi làm ca đêm"): a habit, not a day asked
_HABIT_TIMES: Final = frozenset({"dem", "toi", "sang", "chieu", "trua", "khuya", "ca"})
# "hướng dẫn (sử dụng, dùng)", a verb of guidance that alone names the bot's help (folded)
_GUIDE: Final = frozenset({"huong", "dan", "su", "dung"})
# the Week's dates, and the verb they are found on alone ("tuần lễ tổ chức …") (folded)
_DATES: Final = ("faq", "thoi-gian")
# The report's entry, the verbs that send it and the words that may follow them to say where
# (folded) (round 20 c: "gửi phòng giáo dục quận", "gửi thẳng lên sở", "gửi qua bưu điện")
_REPORT: Final = ("faq", "han-bao-cao")
_SENDS: Final = frozenset({"gui", "nop"})
_WHERE_SENT = frozenset({"ve", "cho", "len", "thang", "qua", "toi", "den", "phong", "so", "ca",
                         "hoi", "uy", "ubnd", "email", "mail", "buu", "ban"})
_ORGANISE: Final = frozenset({"to", "chuc"})
# Answers of one day's event or of the lists, after the standing answer of the same words
# (whether anyone holds a reading near home: the library, not the reading day) (round 30a)
_DATED_LISTS: Final = frozenset({"event", "programme", "activities", "schedule"})
# The words after a unit's name that make it the writer's ("cơ quan | chúng tôi", "trường |
# của tôi") (folded) (round 22 d)
_WRITER_WORDS: Final = frozenset({"chung", "toi", "minh", "em", "cua", "tui"})
# The first word of whom a ceremony invites ("mời | đại diện, lãnh đạo, đại biểu, các …")
# (folded) (round 22 d)
_INVITED: Final = frozenset({"dai", "lanh", "cac", "nhung"})
# A banner, a slogan, a board (the last word of its name, folded), the theme's answers and the
# verbs that write on them ("ghi", "viết", "in", "chữ") (round 22 d)
_BANNER: Final = frozenset({"ron", "hieu", "pano", "phich"})
_THEME: Final = frozenset({("theme", ""), ("faq", "chu-de")})
_WRITES: Final = frozenset({"ghi", "viet", "in", "chu"})
# whom one guides ("hướng dẫn | học sinh, phụ huynh, công nhân"): not what is asked (folded)
_GUIDED: Final = frozenset({"hoc", "sinh", "phu", "huynh", "giao", "vien", "cong", "nhan", "cac",
                            "em", "con", "chau"})
# The address that opens a unit's letter ("Kính gửi Ban tổ chức,"): whom it is written to,
# not what is asked (folded) (round 20 c)
_ADDRESS: Final = ("kinh", "gui")
# Words that cancel the reminders named right after them ("hủy | nhắc lịch", "ngừng | đăng ký
# nhận tin"); typed without marks, only those no other word near a reminder spells ("dung" is
# also "dùng", "bo" also "bố").
_CANCELS: Final = frozenset({"hủy", "huỷ", "ngừng", "ngưng", "thôi", "tắt", "dừng", "bỏ", "khỏi"})
# ("khoi" typed without marks is khỏi before what is sent: "khoi nhac lich nua", round 27 b)
_CANCEL_FOLDS: Final = frozenset({"huy", "ngung", "thoi", "tat", "khoi"})
_BEFORE_REMINDERS: Final = frozenset({"dang", "ky", "cai", "gui", "bao", "nhan"})
# The words of an order to stop the reminders that names nothing else ("thôi đừng gửi nữa",
# "bỏ giúp tôi", "tắt thông báo đi luôn nhé") (folded) (round 28 d)
_STOP_ORDER_WORDS: Final = _CANCEL_FOLDS | _BEFORE_REMINDERS | CLOSING | CALLS | frozenset({
    "dung", "bo", "di", "nua", "luon", "het", "giup", "gium", "dum", "ho", "cho", "toi", "minh",
    "em", "e", "t", "mk", "chau", "bac", "tin", "nhan", "thong", "nhac", "lich", "nay", "do",
    "lai", "ngay", "the", "vay", "nhe", "nha", "voi", "vs", "a", "ad", "bot", "khong", "ko", "k",
    "can", "muon", "dau",
    # (when: "giờ không muốn nữa", "bây giờ thôi đừng gửi"; "còn": no longer; round 38)
    "gio", "bay", "con"})
_SENDING: Final = frozenset({"gui", "nhan", "nhac", "bao"})  # (folded)
# what a writer who waits for an answer tells beside it: sent, how often, since when (folded)
_WAITED = _SENDING | frozenset({"tin", "mai", "hoai", "suot", "lan", "tu", "sang", "gio", "hom",
                                "qua", "nay", "den", "lau", "cau", "hoi", "roi", "ma"})
_REMINDERS: Final = frozenset({("subscribe", ""), ("faq", "nhac-lich")})
# The lists of the Week with no day, named before a request to be sent them (_reminded_when).
_LISTED_LATER: Final = frozenset({("schedule", ""), ("activities", "")})
# What follows a message told as received: what it said, or who sent it ("nhận được tin nhắn
# nói …", "… của ngân hàng", "… từ số lạ", "… báo trúng thưởng", "… bảo …") (folded).
_TOLD_BY: Final = frozenset({"noi", "bao", "cua", "tu", "xung", "gia"})
# Words of wanting before the reminders' phrase: they are asked for, not told as received.
_WANTED: Final = frozenset({"muon", "xin", "can", "thich"})
# Who else sends a message ("có người | nhắn tin", "kẻ gian | nhắn tin"), and what a message
# sent to someone asks of them ("nhắn tin | mượn tiền", "nhắn tin | xin tiền") (round 24 a).
_SENDERS = frozenset({"nguoi", "ho", "ke", "han", "do"})  # (not "no": English "got no reminders")
_SENT_FOR: Final = frozenset({"muon", "xin", "hoi"})  # (not "vay", "voi": "… vậy", "… với ạ")
# Whom a message may speak to ("chào ban tổ chức", "btc ơi"), and the small talk said to them.
_ADDRESSEES: Final = frozenset({"contacts", "bodies", "library"})
_GOODBYE: Final = ("smalltalk", "goodbye")
# The word for an event before an event's name ("sự kiện | khai mạc"; "event" is read so).
_EVENT_WORD: Final = frozenset({"su", "kien"})
# The talk put off to another day ("mai ib tiếp", "hẹn mai nói chuyện tiếp") (round 27 e).
_GREETING: Final = ("smalltalk", "greeting")
_PARTING: Final = frozenset({_GOODBYE, _GREETING})
_LATER: Final = frozenset({"tiep", "sau", "lai"})
_TALK_LATER = _LATER | frozenset({"hoi", "nhan", "tin", "noi", "chuyen", "chat", "hen", "ib",
                                  "inbox"})
_LEAVING: Final = frozenset({("smalltalk", "thanks"), ("smalltalk", "ok"), _GOODBYE})
_SPOKEN_TO: Final = frozenset({("smalltalk", "greeting"), ("smalltalk", "thanks"),
                               ("smalltalk", "goodbye")})
# An answer given because the examples most like the message name it (examples.py): below
# ON_ITS_OWN (core.py), so a message is not split in questions on such an answer.
EXAMPLES_SCORE: Final = 1.0
# The rules' answer is asked again of the examples' model when this share of the message's
# asking words or more is not explained by it (Understander._half_explained), unless it is one
# of these: a day, small talk, or no answer. (Not Final: bench/understanding_second_opinion.py
# sets it.)
HALF_EXPLAINED = 0.3
_NOT_SECONDED: Final = frozenset({"unknown", "clarify", "smalltalk", "day", "today"})
_OPEN_SUBJECTS: Final = frozenset({"faq:internet-an-toan", "faq:khoa-hoc-truc-tuyen"})
# The answers of one thing of the Week found by its name, which the examples' model overrules
# only by its strict gates, not on a margin (Understander._outright, _understood)
_FOUND_BY_NAME: Final = frozenset({"event", "programme"})
SMALL_TALK_SCORE: Final = 1.0  # a call alone ("btc ơi"): a greeting
# Pairs of the date reader's words, so that a typo beside one is read ("hom nau": hôm nay).
_DATE_PAIRS: Final = (
    "hôm nay", "hôm qua", "ngày mai", "ngày kia", "sáng nay", "trưa nay", "chiều nay",
    "tối nay", "đêm nay", "sáng mai", "chiều mai", "tối mai", "tuần này", "tuần sau",
    "tuần tới", "cuối tuần", "chủ nhật", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu",
    "thứ bảy", "bây giờ", "bữa nay",
)


@dataclass(frozen=True)
class Understanding:
    """What a message asks, and what the bot makes of it."""

    feature: str  # a feature, "clarify", "unknown" (no information), "smalltalk"
    arg: str = ""
    # clarify: the answers to choose from; unknown: the nearest answers, offered as help
    candidates: tuple[tuple[str, str], ...] = ()
    typed: str = ""  # the message as typed
    normalised: str = ""  # its words without marks, abbreviations written out
    english: bool = False  # written in English
    words: int = 0  # words that ask something (with letters; not fillers, not the date)
    unexplained: int = 0  # of those, the words the answer chosen does not explain
    asks: bool = False  # holds a question ("bao giờ", "thế nào", "có … không", "?")
    score: float = 0.0
    explained: frozenset[int] = field(default=frozenset(), repr=False)
    elsewhere: bool = False  # a subject the lexicon names as not the Week's was said
    # clarify: the two answers were found on words of their own in two parts of the message
    # ("ai được tham gia, | có mất tiền không"): two questions, both offered, not one chosen by
    # the examples (round 24 d)
    apart: bool = False
    # the answer is the examples' (their vote), not found on a phrase of the message
    voted: bool = False

    # A written __init__, as Token's (normalise.py): compiled, the one @dataclass writes stays
    # interpreted, ~10,000 instructions an Understanding (four made a message).
    def __init__(self, feature: str, arg: str = "",
                 candidates: tuple[tuple[str, str], ...] = (), typed: str = "",
                 normalised: str = "", english: bool = False, words: int = 0,
                 unexplained: int = 0, asks: bool = False, score: float = 0.0,
                 explained: frozenset[int] = frozenset(), elsewhere: bool = False,
                 apart: bool = False, voted: bool = False) -> None:
        object.__setattr__(self, "feature", feature)
        object.__setattr__(self, "arg", arg)
        object.__setattr__(self, "candidates", candidates)
        object.__setattr__(self, "typed", typed)
        object.__setattr__(self, "normalised", normalised)
        object.__setattr__(self, "english", english)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "unexplained", unexplained)
        object.__setattr__(self, "asks", asks)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "explained", explained)
        object.__setattr__(self, "elsewhere", elsewhere)
        object.__setattr__(self, "apart", apart)
        object.__setattr__(self, "voted", voted)

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[Understanding], tuple[Any, ...]]:
        return Understanding, (self.feature, self.arg, self.candidates, self.typed,
                               self.normalised, self.english, self.words, self.unexplained,
                               self.asks, self.score, self.explained, self.elsewhere,
                               self.apart, self.voted)

    @property
    def key(self) -> str:
        """The answer as the examples and the corpus name it ("faq:chi-phi", "contacts")."""
        return f"{self.feature}:{self.arg}" if self.arg else self.feature

    @property
    def examples_asked(self) -> bool:
        """Whether the rules gave up on it (no information, or two answers to ask between)
        so that the examples are asked: not for a subject elsewhere, nor two questions in two
        parts of the message."""
        return self.feature in ("unknown", "clarify") and not self.elsewhere and not self.apart


@dataclass
class _Candidate:
    route: tuple[str, str]
    score: float
    explained: set[int]
    source: int
    rank: float = 0.0  # the score, less for leaving much of the message unexplained

    # A written __init__, as Token's (normalise.py): compiled, the one @dataclass writes stays
    # interpreted (nine candidates made a message).
    def __init__(self, route: tuple[str, str], score: float, explained: set[int], source: int,
                 rank: float = 0.0) -> None:
        self.route = route
        self.score = score
        self.explained = explained
        self.source = source
        self.rank = rank


_Replaced = TypeVar("_Replaced")
_UNDERSTANDING_FIELDS: Final = frozenset(f.name for f in _fields(Understanding))
# Whether an Understanding keeps its fields in a __dict__ (as Python's classes do; not one
# compiled by mypyc, handlers/understanding/fast.py)
_COPIED: Final = hasattr(Understanding("unknown"), "__dict__")


def replace(obj: _Replaced, /, **changes: Any) -> _Replaced:
    """`dataclasses.replace`; of an Understanding (about two a message), its fields copied
    and the changes set at once: the generic one reads every field's definition and calls the
    frozen class's __init__, which sets each field through object.__setattr__ (four times the
    cost). An Understanding has no __post_init__ and no field outside __init__, so the copy
    is the same object field for field, in the same order."""
    if type(obj) is not Understanding or not changes.keys() <= _UNDERSTANDING_FIELDS:
        return _dataclass_replace(obj, **changes)  # type: ignore[type-var]
    if not _COPIED:  # compiled by mypyc: no __dict__; its __init__ is the cheap way then
        return _changed(cast(Understanding, obj), changes)  # type: ignore[return-value]
    new = object.__new__(Understanding)
    fields = new.__dict__
    fields.update(obj.__dict__)
    fields.update(changes)
    return new  # type: ignore[return-value]


def _changed(u: Understanding, changes: dict[str, Any]) -> Understanding:
    """`u` with `changes` (names of its fields), made by its __init__, compiled: each field
    read natively, where dataclasses.replace reads them by name in interpreted code (about
    40,000 instructions a call, 4.5 % of the compiled understanding's, BENCHMARKS.md §8.144)."""
    # (changes.get written out: compiled, a primitive; a bound `get` is a generic call)
    return Understanding(
        changes.get("feature", u.feature),
        changes.get("arg", u.arg),
        changes.get("candidates", u.candidates),
        changes.get("typed", u.typed),
        changes.get("normalised", u.normalised),
        changes.get("english", u.english),
        changes.get("words", u.words),
        changes.get("unexplained", u.unexplained),
        changes.get("asks", u.asks),
        changes.get("score", u.score),
        changes.get("explained", u.explained),
        changes.get("elsewhere", u.elsewhere),
        changes.get("apart", u.apart),
        changes.get("voted", u.voted))


def _safe_online(examples: Examples, surface: str, floor: float = MODEL_FLOOR) -> Voted | None:
    """The safe-Internet answer of a story that tells a scam (Understander._scam_told), when
    the examples' model gives it `floor` (MODEL_FLOOR) or more, else None. Not the nearest
    examples' agreement: those most like such a story are alike by its setting ("tiêm vắc
    xin", "ngân hàng", "tiền điện": asked plainly, "no information"), the words the sign of the
    scam says are not what is asked; the model weighs all its words (round 30 e: of the round's
    blind test stories, 4 of 18 the model gave 0.38–0.91 and the nearest example named "no
    information")."""
    answer = ":".join(_SAFETY)
    # (None while a worker thread trains the model: no answer then)
    p = examples.probability(surface, answer)
    return Voted(answer, p) if p is not None and p >= floor else None


def _sure(examples: Examples, surface: str) -> Voted | None:
    """The examples' model's answer of a message the rules found no information on, where the
    vote gave none (Understander.vote's `unanswered`): when the model is sure of it and the
    nearest example of it nearly as alike as the nearest of all (Examples.sure: the mirror of
    the second opinion's "no information", REFUSED_FLOOR). Not the Week's calendar ("next":
    a day is the rules' to read, as "schedule" is, NEVER_GIVEN); an action no example names
    (content.EXAMPLE_ANSWERS). BENCHMARKS.md §8.145: the Week's questions asked in unusual words
    ("cho e xin sodt de hoi vs": the organisers' number, its nearest example by 0.013 one of
    the Week's calendar; "đứa em họ bị người lạ trên game dụ gửi ảnh, phải làm sao": the safe
    Internet, its nearest a near miss of "no information")."""
    # (the Week's calendar, _CALENDAR: a day is read from the days and months named; of its
    # answers, the examples name "next" and "schedule" only, content.EXAMPLE_ANSWERS)
    voted = examples.sure(surface)
    return None if voted is None or voted.answer in _CALENDAR else voted


def _open_subject(answer: str) -> bool:
    """Is `answer` (a key) advice on a skill whose subjects are open (the safe Internet: any
    scam, any app; the courses: any subject learnt online), not a fact of the Week? The model's
    "no information" does not refuse it (Understander.vote): the near misses written under
    dont_know are alike in their settings ("thẻ atm", "đăng ký khóa học ở trung tâm"), and a
    new scam or subject told in those words is the answer's own (BENCHMARKS.md §8.140: "kẻ
    gian gọi điện đòi số thẻ atm", "muốn học pha chế qua mạng" refused else)."""
    return answer.startswith("courses") or answer in _OPEN_SUBJECTS


def _seconded(read: Understanding, answer: str) -> bool:
    """May the model's `answer` replace the rules' (Understander._half_explained)? Not with
    small talk (a message the rules found a question in is not a thanks or a greeting alone:
    "cảm ơn ad, cho em hỏi thi ở đâu"), nor with what says less of the same subject: the
    courses' list for a category of them ("courses" for "courses:khoa-hoc"), or one thing's
    other answer (the reading programme of an event of the same name)."""
    feature, _, arg = answer.partition(":")
    if feature == "smalltalk":
        return False
    if feature == read.feature and not arg:
        return False
    return not (arg and arg == read.arg)


def _read_alike(typed: list[Token]) -> bool:
    """Does the examples' model, which reads a message's words in no order, read it as the
    rules do? Not a message in several parts (a story told before the question: "tôi từng bị
    lừa trên facebook nên ngại lắm, | xin số điện thoại ban tổ chức"), nor one that sets a
    thing aside ("ngoài lễ khai mạc còn sự kiện nào khác") or denies it ("không phải cuộc
    thi, …"): the rules read what is asked past those, the model reads their words too.
    (The gates on a margin only: the second opinion's nearest agreeing by a margin,
    Understander._understood; Understander._outright.)"""
    words = [t for t in typed if t.kind == "word"]
    return bool(words) and words[0].clause == words[-1].clause \
        and not parts.besides(words) and not parts.denied(words)


def _quantity(tokens: list[Token], i: int) -> bool:
    """Token i is a number of things counted ("60 giây", "10 câu", "2 lần", "top 10") or a
    number typed with its unit ("30s", "15p"): it says how many, not what is asked (round 23
    e). A number after another noun ("lớp 10", "vào 10") stays a number the bot cannot place."""
    t = tokens[i]
    if t.kind == "word":
        return _UNIT_TYPED.fullmatch(t.fold) is not None
    if t.kind != "number":
        return False
    return (i + 1 < len(tokens) and tokens[i + 1].kind == "word"
            and tokens[i + 1].fold in _MEASURES | _MONEY | {_AGE}) or (
        i > 0 and tokens[i - 1].fold in _RANKS)


def _money_unit(tokens: list[Token], i: int) -> bool:
    """Token i is the unit of a sum of money or of an age after its number ("80 | triệu", "500
    | nghìn", "8 | tuổi")."""
    return (i > 0 and tokens[i - 1].kind == "number" and tokens[i].kind == "word"
            and (tokens[i].fold in _MONEY or tokens[i].fold == _AGE))


def _en_yes_no(tokens: list[Token]) -> bool:
    """Whether an English message asks yes or no: its first word, after a greeting or a call
    ("hi, is this event free"), is one that asks so ("is", "does", "can"), and it is not a
    request of the bot ("can you …")."""
    words = [t for t in tokens if t.kind == "word"]
    at = next((i for i, t in enumerate(words) if t.fold not in _EN_OPENERS), None)
    if at is None or words[at].fold not in _EN_YES_NO:
        return False
    # "can you remind me before each event": a request of the bot asks what it is to do, not
    # whether its last phrase is so (round 25 b)
    return not (words[at].fold in ("can", "will") and at + 1 < len(words)
                and words[at + 1].fold in ("you", "u"))


def _every(tokens: list[Token], i: int) -> bool:
    """Does "nào … cũng" follow at `i` ("sáng thứ 7 nào mình cũng rảnh": every Saturday)?"""
    return i < len(tokens) and tokens[i].fold == "nao" and any(
        t.fold == "cung" and t.clause == tokens[i].clause for t in tokens[i + 1:i + 4])


def _leave_asked(tokens: list[Token]) -> int:
    """Where the question starts after leave asked to ask ("cho hỏi", "cho mình hỏi", "xin
    phép hỏi", "muốn hỏi"), the last such; -1 when none."""
    return max((i + 1 for i in range(1, len(tokens)) if tokens[i].fold == "hoi" and (
        tokens[i - 1].fold in _LEAVE_VERBS or (
            i > 1 and tokens[i - 2].fold in _LEAVE_VERBS
            and tokens[i - 1].fold in _SELF_TYPED | _KIN_FOLDS | {"phep"}))), default=-1)


def _asked_right_away(words: list[Token]) -> bool:
    """An English request that ends on "now" (before "please", "thanks"), with no word that
    asks what is on at present: "can i start the quiz now", not "what is happening now"."""
    request = [t for t in words if t.fold not in _EN_CLOSING]
    return bool(request) and request[-1].fold == "now" and not any(
        t.fold in _EN_AT_PRESENT for t in words)


def _names_device(folds: list[str], also: frozenset[str] = frozenset()) -> bool:
    """Whether the words name a device or an app ("zalo", "điện thoại", "máy tính"), or one
    of the words `also`."""
    return (any(f in _DEVICES or f in also for f in folds)
            or any(p in _DEVICE_PAIRS for p in itertools.pairwise(folds)))


def _suffered_by(tokens: list[Token], start: int) -> bool:
    """Whether the words before `start` in its part say who did it after "bị" ("bị nhóm tuyển
    cộng tác viên online | lừa", "bị người quen trên zalo | lừa"): the phrase at `start` is
    what was suffered, not a qualifier of the phrase before it (round 24 a)."""
    clause = tokens[start].clause
    return any(t.fold == "bi" and t.clause == clause
               for t in tokens[max(0, start - AGENT_WORDS):start - 1])


def _phrases_apart(tokens: list[Token], c: _Candidate) -> int:
    """How many different phrases of two words or more the candidate was found on, apart
    from each other (runs of the words it explains)."""
    runs: list[list[int]] = []
    for i in sorted(c.explained):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return len({" ".join(tokens[i].fold for i in r) for r in runs if len(r) >= 2})


# Round 39: the model's probability of the safe Internet a plea after a harm needs: more than
# all other answers together (a plea of a child's bad marks, "bị điểm kém, phải làm sao", got
# 0.33, "no information" 0.58; a code or a photo given to a stranger 0.69-0.87).
PLEA_FLOOR: Final = 0.5


def _plea_after_harm(typed: list[Token]) -> bool:
    """Does the message tell something suffered, then ask what to do ("nick của con bị mất sau
    khi bấm vào trang nhận quà, lấy lại thế nào", "họ bảo cài ứng dụng, cài xong bị trừ tiền,
    làm sao bây giờ")? Such a plea, where the rules found no information, is asked of the safe
    Internet's answer alone (Understander._understood, round 39); the examples' model tells an
    online harm from a lost wallet or a broken phone."""
    words = [t for t in typed if t.kind != "symbol"]
    folds = [t.fold for t in words]
    harm = next((i for i, t in enumerate(words)
                 if (t.text if t.marked else t.fold) in _SUFFERED | {"bi", "mat", "lo"}
                 or (t.fold == "ho" and folds[i + 1:i + 2] == ["bao"])), -1)
    return harm >= 0 and any(tuple(folds[i:i + len(h)]) == h for i in range(harm + 1, len(folds))
                             for h in _HELP_ASKED)


def _to_safety(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
    """The Week's safe-Internet and digital-skills answer: its candidate if found, else `best`
    moved to it."""
    safety = next((c for c in candidates if c.route == _SAFETY), None)
    return safety if safety is not None else replace(best, route=_SAFETY)


def _unaddressed(tokens: list[Token]) -> list[Token]:
    """The message without the address that opens a unit's letter ("Kính gửi Ban tổ chức, |
    đơn vị chúng tôi cần …"): whom it is written to is no part of what is asked, and its
    words ("ban tổ chức") must not join those of the question into another answer's phrase
    (round 20 c). An address alone, or with no other part, stays."""
    words = [t for t in tokens if t.kind == "word"]
    if tuple(t.fold for t in words[:2]) != _ADDRESS:
        return tokens
    rest = next((i for i, t in enumerate(tokens) if t.clause != tokens[0].clause), -1)
    if rest < 0 or not any(t.kind == "word" for t in tokens[rest:]):
        return tokens
    return tokens[rest:]


# Round 27 a: a long message typed or dictated without a comma or a stop runs its sentences
# together ("chao ad e la sv nam cuoi e dang lam tieu luan vay tuan le keo dai den ngay nao").
# The rules read the parts of a message (who writes, the story, the part that asks); in such a
# run they are found where a sentence opens: after the greeting, the call or the thanks that
# opens it, before leave to ask ("cho em hỏi"), before the writer (or their kin) as the subject
# of a new sentence ("… cong doan | e muon thi ngay"), before "vậy", "mà", "nên" that open
# one, before a wish ("chúc ad …"), and before the topic a question of the Week opens with.
RUN_ON_WORDS: Final = 14
_RUN_GREETING: Final = frozenset({"chao", "alo", "hi", "hello", "helo"})
_RUN_THANKS: Final = frozenset({("cam", "on"), ("tks", ""), ("thanks", ""), ("thank", "")})
# whom a greeting, a call or thanks names, and the particles after it (folded)
_RUN_CALLEE = frozenset({"ad", "admin", "ban", "bot", "anh", "chi", "btc", "bac", "chu", "ca",
                         "moi", "nguoi", "nha", "to", "chuc", "em", "ạ", "a", "nhe", "oi",
                         "ah", "ak", "thay", "nhieu", "you", "u"})
# the writer as the subject of a sentence (folded; typed with marks, only these: "tối",
# "tới" fold as "tôi" does)
_RUN_WRITER: Final = frozenset({"toi", "em", "e", "minh", "chau", "tui"})
_RUN_WRITER_TYPED: Final = frozenset({"tôi", "em", "e", "mình", "cháu", "tui"})
# kin the writer names as a new sentence's subject ("… quá | con mình đã đăng ký") (folded)
_RUN_KIN: Final = frozenset({"con", "me", "bo", "vo", "chong", "ong", "ba"})
# what the writer does as the subject of a new sentence (typed; folded when typed without
# marks): "em là", "tôi muốn", "mình đang", "cháu không biết"
_RUN_DOES: Final = ("là", "muốn", "đang", "đã", "vừa", "mới", "hay", "sợ", "thấy", "nghe", "định",
                    "cần", "phải", "ở", "làm", "không", "chưa", "có", "cũng", "vẫn", "rất", "năm",
                    "chỉ", "được", "đăng", "xin", "hỏi")
_RUN_DOES_TYPED: Final = frozenset(_RUN_DOES)
_RUN_DOES_FOLDS: Final = frozenset(fold(w) for w in _RUN_DOES)
# a word the writer is the object or the owner of, right before them ("cho tôi", "con tôi",
# "bảo em"): no new sentence (folded)
_RUN_TAKES = frozenset({"cho", "voi", "cua", "bao", "giup", "nhac", "den", "ve", "tu", "nhu",
                        "va", "hoi", "goi", "nhan", "gui", "day", "con", "me", "bo", "ba", "ong",
                        "vo", "chong", "anh", "chi", "ban", "nha", "co", "thay", "chu", "bac",
                        "di", "cau", "em", "chau", "lop", "truong", "cty", "xa", "phuong",
                        "thon", "ma", "la", "ca", "hai", "ho", "duoc", "de", "khi", "neu", "vi",
                        "nen", "thi", "ai", "gium", "dum", "moi", "cac",
                        # (a place or a body the writer belongs to: "cơ quan mình", "hội tôi")
                        "quan", "ty", "khu", "to", "xom", "nhom", "dinh", "que", "lang", "doan",
                        "xuong", "doi", "phong", "khoa", "vien", "huyen"})
# a day said before the writer opens the sentence with them ("hôm qua | em đăng ký …")
# (folded pairs)
_RUN_DAY_BEFORE = frozenset({("hom", "qua"), ("hom", "nay"), ("hom", "truoc"), ("sang", "nay"),
                             ("toi", "qua"), ("tuan", "truoc"), ("tuan", "nay"), ("nam", "nay"),
                             ("bua", "truoc"), ("dao", "nay"), ("tuan", "sau"),
                             ("thang", "truoc")})
# words that open a sentence before the writer or a request ("vậy cho hỏi", "mà em không
# biết", "nên mình muốn") (folded)
_RUN_OPENS: Final = frozenset({"vay", "ma", "nen", "nhung"})
_RUN_LEAVE: Final = frozenset({"hoi", "xin"})
# what a question of the Week opens with ("… cho vui | tuần lễ có những hoạt động nào", "…
# ở sảnh trường | chủ đề năm nay là gì") (folded pairs), and the words that take it as their
# object or place instead ("tham gia tuần lễ", "về tuần lễ", "xem hôm nay") (folded)
_RUN_TOPIC_OPENS = frozenset({("chu", "de"), ("tuan", "le"), ("ngay", "mai"), ("hom", "nay"),
                              ("cuoc", "thi"), ("le", "khai")})
_RUN_TOPIC_TAKEN = frozenset({"ve", "cua", "trong", "cho", "gia", "ung", "du", "xem", "biet",
                              "hieu", "la", "o", "nhu", "voi", "va", "thi", "vao", "tai", "den",
                              "hoi", "noi", "nghe", "thay", "doc", "tim", "nhan", "dip", "ca",
                              "bai", "cac", "moi", "nhung", "sang", "chieu", "toi", "tu", "het",
                              "truoc", "sau", "luc", "vi", "tin", "co", "may"})
# the words that take a day as theirs ("từ hôm nay", "mấy hôm nay", "xem ngày mai"): a day
# asked of is taken by fewer words than the Week is ("cho biết | hôm nay có sự kiện gì")
_RUN_DAY_TAKEN = frozenset({"xem", "tu", "den", "truoc", "sau", "may", "ca", "het", "luc",
                            "trong", "cua", "ve", "o", "vao", "tai", "nhu", "va", "voi", "la",
                            "co", "nhung", "cac", "moi"})
_RUN_DAYS: Final = frozenset({("ngay", "mai"), ("hom", "nay")})
# the bot or its keeper as the subject of a new sentence, asked to do something ("… chán quá
# | ad xem hôm nay có gì", "… | bot có nhắn trước cho tôi được không") (folded)
_RUN_BOT: Final = frozenset({"ad", "admin", "bot"})
_RUN_BOT_TAKEN: Final = frozenset({"cho", "voi", "cua", "tren", "nho", "va", "hoi", "goi", "nhan",
                                   "gui", "bao", "la", "ve", "tu", "ma"})
_RUN_BOT_DOES: Final = frozenset({"xem", "cho", "oi", "giup", "gium", "co", "nhan", "nhac", "gui",
                                  "tra", "biet", "la", "chi", "tu"})


def _lately(tokens: list[Token]) -> set[int]:
    """The positions of "mấy hôm nay", "mấy ngày nay", "mấy bữa nay" (typed so, or without
    marks): the last few days."""
    out: set[int] = set()
    for i in range(len(tokens) - 2):
        if tokens[i].fold == "may" and tokens[i + 1].fold in ("hom", "ngay", "bua") and tokens[
                i + 2].fold == "nay" and tokens[i].text in ("mấy", "may"):
            out |= {i, i + 1, i + 2}
    return out


def _run_opening(folds: list[str]) -> int:
    """Where the greeting, call or thanks that opens a run-on message ends (0: none)."""
    head = next((i for i in range(min(3, len(folds))) if folds[i] in _RUN_GREETING
                 or (folds[i] == "oi" and i)), -1)
    if head < 0 and tuple(folds[:2]) in _RUN_THANKS:
        head = 1
    elif head < 0 and (folds[0], "") in _RUN_THANKS:
        head = 0
    if head < 0:
        return 0
    end = head + 1
    while end < len(folds) and folds[end] in _RUN_CALLEE and end < head + 5:
        end += 1
    return end


def _run_writer(tokens: list[Token], folds: list[str], i: int) -> int:
    """Where the sentence opens whose subject is the writer at `i` (-1: they are not)."""
    t = tokens[i]
    if folds[i] not in _RUN_WRITER or (t.marked and t.text not in _RUN_WRITER_TYPED) or (
            folds[i - 1] in _RUN_TAKES and folds[i - 1] not in _RUN_KIN):
        return -1
    after = tokens[i + 1]
    if not (after.text in _RUN_DOES_TYPED if after.marked else after.fold in _RUN_DOES_FOLDS):
        return -1
    if folds[i - 1] in _RUN_KIN:  # ("… | con mình đã …"; "cho con mình" no)
        return i - 1 if folds[i - 2] not in _RUN_TAKES else -1
    if folds[i - 1] in _RUN_OPENS:
        return i - 1
    return i - 2 if (folds[i - 2], folds[i - 1]) in _RUN_DAY_BEFORE else i


def _run_on(tokens: list[Token]) -> list[Token]:
    """A long message of one part (no comma, no stop) parted where its sentences open."""
    if len(tokens) < RUN_ON_WORDS or tokens[-1].clause != tokens[0].clause:
        return tokens
    folds = [t.fold for t in tokens]
    cuts = {_run_opening(folds)}
    for i in range(2, len(tokens) - 2):
        f, then = folds[i], folds[i + 1]
        if f == "cho" and (then in _RUN_LEAVE or (
                then in _RUN_WRITER and folds[i + 2] in _RUN_LEAVE)):
            cuts.add(i - 1 if folds[i - 1] in ("ad", "ban", "bot") else i)
        elif f == "chuc" and folds[i - 1] not in ("to", "cac") and then in _RUN_CALLEE:
            cuts.add(i)  # a wish ("… | chúc ad và ban tổ chức sức khỏe")
        elif (f, then) in _RUN_TOPIC_OPENS:
            taken = _RUN_DAY_TAKEN if (f, then) in _RUN_DAYS else _RUN_TOPIC_TAKEN
            if i > 3 and folds[i - 1] not in taken and parts.part_asks(
                    tokens, i, len(tokens)):
                cuts.add(i)
        elif (f in _RUN_BOT and then in _RUN_BOT_DOES and folds[i - 1] not in _RUN_BOT_TAKEN) or (
                f in _RUN_OPENS and (then in _RUN_WRITER or (
                    f == "vay" and then in ("cho", "tuan", "xin")))):
            cuts.add(i)
        else:
            cuts.add(_run_writer(tokens, folds, i))
    cuts = {c for c in cuts if 2 <= c <= len(tokens) - 2}
    if not cuts:
        return tokens
    out: list[Token] = []
    clause = tokens[0].clause
    for i, t in enumerate(tokens):
        if i in cuts:
            clause += 1
        out.append(t.in_clause(clause))
    return out


# Round 28 a: the courtesy frame around a question. Citizens open with a greeting or a call
# ("em chào ad ạ,", "alo ad", "bot ơi", "dạ cháu chào cô chú ạ") and close with thanks, a wish,
# a goodbye or a call ("…, cảm ơn ad nhiều", "… tks ạ", "… chúc ad buổi tối vui vẻ", "… bye nha",
# "… hả ad", "… ad ơi"): how it is asked, not what. The question is read as if the frame were
# not there; a frame alone, or around nothing the bot answers, is read whole (small talk).


def _frame_words(*typed: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words as typed with their marks, and folded (how they are typed without marks)."""
    return frozenset(typed), frozenset(fold(w) for w in typed)


def _typed_as(t: Token, words: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether the token is one of `words`, typed with its marks or without any."""
    return t.kind == "word" and (t.text in words[0] or (not t.marked and t.text in words[1]))


_FRAME_GREETINGS: Final = _frame_words("chào", "alo", "hi", "hello", "helo", "hey")
# before the greeting: "dạ", "thưa", "kính chào", "xin chào", the writer ("cháu chào")
_FRAME_BEFORE: Final = _frame_words("dạ", "thưa", "vâng", "kính", "xin", "em", "e", "cháu", "con",
                                    "mình", "tôi", "tui")
# after "chao" typed without marks, what makes it no greeting: "chào mừng", "chào cờ", "cháo
# gà" (folded)
_FRAME_NOT_GREETING: Final = frozenset({"mung", "co", "ga", "vit", "long", "suon", "hanh"})
_FRAME_DAYTIME: Final = _frame_words("sáng", "trưa", "chiều", "tối")
# whom the frame speaks to ("ban tổ chức" is read as three words), and what closes it
_FRAME_CALLED_ONE = ("ad", "admin", "bot", "chatbot", "bạn", "btc", "anh", "chị", "cô", "chú",
                     "bác", "thầy")
_FRAME_CALLED: Final = _frame_words(*_FRAME_CALLED_ONE, "mọi", "người", "cả", "nhà", "các")
# (a greeting names one: a word, or these pairs and "ban tổ chức" (folded); the words after it
# are the question's, "alo ad chủ nhật có gì")
_FRAME_ONE: Final = _frame_words(*_FRAME_CALLED_ONE)
_FRAME_PAIRS: Final = frozenset({("anh", "chi"), ("co", "chu"), ("moi", "nguoi"), ("ca", "nha"),
                                 ("cac", "ban"), ("chu", "bac")})
_FRAME_ORGANISERS: Final = ("ban", "to", "chuc")
_FRAME_PARTICLES: Final = _frame_words("ạ", "nhé", "nha", "nhá", "ah", "ak")
_FRAME_CALL: Final = _frame_words("ơi", "ới")
# after thanks: "cảm ơn ad nhiều lắm", "thank you so much", "thanks a lot", "cảm ơn trước"
_FRAME_MUCH: Final = _frame_words("nhiều", "nhiu", "lắm", "rất", "you", "u", "so", "much", "lot",
                                  "trước")
_FRAME_THANKS: Final = _frame_words("tks", "tkss", "thanks", "thankss", "thank", "thx", "camon")
_FRAME_THANKS_PAIRS: Final = frozenset({("cam", "on")})
# before the thanks, in its part: the writer, "xin", "ok" ("em xin cảm ơn ạ"), and
# "chân thành", "trân trọng" (folded pairs)
_FRAME_THANKER: Final = _frame_words("em", "e", "cháu", "con", "mình", "tôi", "tui", "xin", "dạ",
                                     "vâng", "ok", "oke", "okie", "okay")
_FRAME_SINCERELY: Final = frozenset({("chan", "thanh"), ("tran", "trong")})
# thanks told of, not said: "gửi lời cảm ơn", "không cần cảm ơn" (folded)
_FRAME_THANKS_TOLD: Final = frozenset({"loi", "gui", "can"})
_FRAME_BYE: Final = _frame_words("bye", "byebye", "bb", "goodbye", "bai")
_FRAME_BYE_PAIRS: Final = frozenset({("tam", "biet"), ("gap", "lai")})
_FRAME_SAID_PAIRS: Final = _FRAME_THANKS_PAIRS | _FRAME_BYE_PAIRS
# the words that ask, as typed in chat ("có j", "bn tiền"; "giúp nhiều quá" asks nothing)
# (folded)
_FRAME_ASK_WORDS: Final = (ASK_WORDS - {"nhieu"}) | {"j", "bn", "ko"}
# the last word of a yes/no question, as typed in chat (folded)
_FRAME_YES_NO: Final = YES_NO | {"ko", "k", "hok", "hong", "khum", "kg", "hem"}
# a wish runs to the end of the message in a few words that ask nothing
_FRAME_WISH_WORDS: Final = 8
_FRAME_ASKING: Final = _FRAME_ASK_WORDS | _FRAME_YES_NO
# leave to ask, which asks nothing yet (folded)
_FRAME_LEAVE = frozenset({"cho", "xin", "hoi", "phep", "chut", "xiu", "ti", "voi", "vs", "a",
                          "nhe", "nha", "em", "e", "minh", "toi", "chau", "con", "tui"})
# what may follow thanks or a goodbye: whom it calls, particles, "ơi", "nhiều" (one set of
# each: a word is one of them typed with its marks or without any)
_FRAME_AFTER_SAID = (_FRAME_CALLED[0] | _FRAME_PARTICLES[0] | _FRAME_CALL[0] | _FRAME_MUCH[0],
                     _FRAME_CALLED[1] | _FRAME_PARTICLES[1] | _FRAME_CALL[1] | _FRAME_MUCH[1])
# the word a call closes a question after ("… hả ad", "… ko vậy ad", "… có gì ad") (folded)
_FRAME_ASKED: Final = CLOSING | YES_NO | ASK_WORDS | {"ko", "k", "j"}


def _frame_opening(tokens: list[Token]) -> tuple[int, bool]:
    """Where the greeting or call that opens the message ends (0: none), and whether it is
    closed (by "ơi", a particle or a comma) rather than run into what follows."""
    n = len(tokens)
    i = 0
    while i < min(n, 3) and _typed_as(tokens[i], _FRAME_BEFORE):
        i += 1
    greeted = False
    if i < n and (_typed_as(tokens[i], _FRAME_GREETINGS) or tokens[i].text == "ê"):
        if i + 1 < n and not tokens[i + 1].marked and tokens[i + 1].fold in _FRAME_NOT_GREETING:
            return 0, False
        greeted = True
        i += 1
        while i < n and tokens[i].fold == "alo":  # "alo alo"
            i += 1
        if i + 1 < n and tokens[i].fold == "buoi" and _typed_as(tokens[i + 1], _FRAME_DAYTIME):
            i += 2  # "chào buổi sáng"
    called = i
    if tuple(t.fold for t in tokens[i:i + 3]) == _FRAME_ORGANISERS:
        i += 3
    elif i + 1 < n and (tokens[i].fold, tokens[i + 1].fold) in _FRAME_PAIRS and all(
            _typed_as(t, _FRAME_CALLED) for t in tokens[i:i + 2]):
        i += 2
    elif i < n and ((_typed_as(tokens[i], _FRAME_ONE) and not (
            tokens[i].text == "co" and (i + 1 == n or tokens[i + 1].fold not in ("oi", "a"))))
            or (greeted and tokens[i].text == "bn")):
        # ("hi bn": "bạn" typed short, after a greeting, elsewhere "bao nhiêu"; "co" is "cô"
        # called only before "ơi" or "ạ": "alo co ai k" asks "có ai")
        i += 1
    closed = False
    if called < i < n and _typed_as(tokens[i], _FRAME_CALL):
        greeted = closed = True
        i += 1
    # ("thưa ban tổ chức, …": an address, with whom it is to)
    greeted = greeted or (i > called and any(t.fold == "thua" for t in tokens[:called]))
    if not greeted:
        return 0, False
    while i < n and _typed_as(tokens[i], _FRAME_PARTICLES):
        closed = True
        i += 1
    return i, closed or (0 < i < n and tokens[i].clause != tokens[i - 1].clause)


def _frame_said(tokens: list[Token], start: int, j: int) -> int:
    """Where thanks or a goodbye said right before `j` begins, with the writer and "xin"
    before it (-1: none)."""
    k = -1
    if j - 1 >= start and (_typed_as(tokens[j - 1], _FRAME_THANKS)
                           or (_typed_as(tokens[j - 1], _FRAME_BYE) and (
                               # ("bai" opens its part: "…, bai ad"; "làm bai" is "bài")
                               tokens[j - 1].fold != "bai" or j - 1 == 0
                               or tokens[j - 2].clause != tokens[j - 1].clause))
                           # ("tk ad", "tk bạn": thanks; "tk" alone is "tài khoản")
                           or (tokens[j - 1].text == "tk" and j < len(tokens)
                               and _typed_as(tokens[j], _FRAME_CALLED))):
        k = j - 1
    elif j - 2 >= start and (pair := (tokens[j - 2].fold, tokens[j - 1].fold)) in (
            _FRAME_SAID_PAIRS):
        k = j - 2
        if pair == ("gap", "lai"):  # "hẹn gặp lại"
            if k <= start or tokens[k - 1].fold != "hen":
                return -1
            k -= 1
        elif pair in _FRAME_THANKS_PAIRS and k > start and (
                tokens[k - 1].fold in _FRAME_THANKS_TOLD):
            return -1
    while start < k and tokens[k - 1].clause == tokens[k].clause:
        if _typed_as(tokens[k - 1], _FRAME_THANKER):
            k -= 1
        elif start < k - 1 and (tokens[k - 2].fold, tokens[k - 1].fold) in _FRAME_SINCERELY:
            k -= 2
        else:
            break
    return k


def _frame_call(tokens: list[Token], start: int, end: int) -> int:
    """Where the call that closes the words before `end` begins (-1: none): whom it calls
    and "ơi" ("… ad ơi", "… ban tổ chức ơi ạ"), or whom it calls right after the word that
    closes the question ("… hả ad", "… có gì ad")."""
    j = end
    while j > start and _typed_as(tokens[j - 1], _FRAME_PARTICLES):
        j -= 1
    if j > start and _typed_as(tokens[j - 1], _FRAME_CALL):
        called = j = j - 1
        while j > start and called - j < 3 and _typed_as(tokens[j - 1], _FRAME_CALLED):
            j -= 1
        return j if j < called else -1
    if j - 1 > start and _typed_as(tokens[j - 1], _FRAME_CALLED) and (
            tokens[j - 2].fold in _FRAME_ASKED):
        return j - 1
    return -1


def _frame_closing(tokens: list[Token], start: int) -> int:
    """Where the thanks, wishes, goodbyes and calls that close the message begin (len(tokens):
    none), leaving the words from `start` before them."""
    end = len(tokens)
    while end > start:
        j = end
        while j > start and (tokens[j - 1].kind == "symbol"
                             or _typed_as(tokens[j - 1], _FRAME_AFTER_SAID)):
            j -= 1
        k = _frame_said(tokens, start, j)
        if k < 0:  # "chúc ad buổi tối vui vẻ", "chúc các cô chú sức khỏe"
            wish = next((c for c in range(end - 2, max(start, end - _FRAME_WISH_WORDS) - 1, -1)
                         if tokens[c].text in ("chúc", "chuc")
                         and _typed_as(tokens[c + 1], _FRAME_CALLED)), -1)
            if wish > start and tokens[wish - 1].fold not in ("to", "cac") and not any(
                    t.fold in _FRAME_ASKING for t in tokens[wish:end]):
                k = wish
        if k < 0:  # "… hả ad", "… ko vậy ad", "… ad ơi": the call that closes the question
            k = _frame_call(tokens, start, end)
        if k <= start:
            break
        end = k
    return end


@dataclass(frozen=True)
class _Framed:
    """A message's question without its courtesy frame."""

    rest: list[Token]  # the tokens inside the frame
    run_into: bool  # a greeting run into the rest: it must ask ("Chào Ban tổ chức Tuần lễ ạ")
    closed: bool  # thanks, a wish, a goodbye or a call closed it
    bye: bool  # a goodbye closed it ("thôi mình đi đây, bye": leaving, no question)
    thanked: bool = False  # thanks closed it

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[_Framed], tuple[Any, ...]]:
        return _Framed, (self.rest, self.run_into, self.closed, self.bye, self.thanked)


def _unframed(tokens: list[Token]) -> _Framed | None:
    """The message without the courtesy frame around it; None when there is no frame, or
    nothing but the frame and leave to ask ("ad ơi cho em hỏi chút ạ", "btc ơi btc"). Thanks
    after a part that tells what is done are for it ("thi xong rồi, cảm ơn ad nhiều"): that
    message is read whole."""
    opened, closed = _frame_opening(tokens)
    end = _frame_closing(tokens, opened)
    if not opened and end == len(tokens):
        return None
    rest = tokens[opened:end]
    if all(t.kind != "word" or t.fold in _FRAME_LEAVE or _typed_as(t, _FRAME_CALLED)
           or _typed_as(t, _FRAME_CALL) for t in rest):
        return None
    # (or told as done, received or owed, round 28 d: "đã nhận được lịch hôm nay, tks bot",
    # "nhờ bot báo trước mà cả nhà đi xem khai mạc đúng giờ, thanks")
    done = (_done_parts(rest, alone=True) | _told_parts(rest)) if end < len(tokens) else set()
    if done and any(not any(t.fold in _FRAME_ASK_WORDS for t in rest if t.clause == clause)
                    for clause in done):  # (a part that asks: "tin nhắn cũ đâu rồi, tks")
        return None
    return _Framed(rest, bool(opened) and not closed, end < len(tokens),
                   any(_typed_as(t, _FRAME_BYE) for t in tokens[end:]),
                   any(_typed_as(t, _FRAME_THANKS) for t in tokens[end:]) or any(
                       (a.fold, b.fold) in _FRAME_THANKS_PAIRS
                       for a, b in itertools.pairwise(tokens[end:])))


def _asks_for_someone(rest: list[Token]) -> bool:
    """Does the message ask whether someone is there ("có ai không", "co ai truc k")?"""
    return any(a.fold == "co" and b.fold == "ai" for a, b in itertools.pairwise(rest))


def _tells_self(rest: list[Token]) -> bool:
    """Does the message open with the writer telling who they are ("em là phụ huynh", "ông
    đây", "mình là cán bộ thư viện")?"""
    words = [t for t in rest[:3] if t.kind == "word"]
    return len(words) >= 2 and (words[0].fold in _SELF_TYPED or words[0].fold in _KIN_FOLDS) \
        and words[1].fold in ("la", "day")


# What the bot does that a citizen thanks it for, told before the thanks (Understander._read).
_THANKED_FOR: Final = frozenset({"subscribe", "unsubscribe", "contest_take", "day", "today"})


def _only_framed(framed: _Framed, inner: Understanding) -> bool:
    """Is the reading `inner` of what the frame holds the message's? Leaving, thanks or sorry
    after a call are ("bot ơi, thôi mình đi đây"); small talk closed by thanks or a goodbye
    is the frame's own. After a greeting the writer telling who they are opens their story:
    only a question the bot answers is read without it. A question (words that ask, a yes/no
    question as typed in chat, "… ko", or what follows leave to ask, "ad ơi cho hỏi …") is,
    unless it asks whether someone is there ("alo alo, có ai không": a call still). What
    asks nothing is when the bot answers it ("sách hay nên đọc, cảm ơn ad nhiều"), unless
    it is a greeting run into a name, what is told before a goodbye, or the talk put off
    ("chào bot nhé, mai bác hỏi tiếp")."""
    if inner.feature == "smalltalk":  # (a laugh or an ok after a greeting still greets)
        return not framed.closed and inner.arg not in ("greeting", "ok")
    answered = inner.feature != "unknown" or inner.elsewhere
    if _tells_self(framed.rest):  # (the greeting opens what they tell: asked, or read whole)
        return inner.asks and answered
    words = [t.fold for t in framed.rest if t.kind == "word" and t.fold not in CLOSING]
    if words and words[-1] == "dau" and any(w in NOT or w == "chua" for w in words):
        words.pop()  # "không cần đâu": "đâu" stresses the denial, asks nothing
    if inner.asks or (words and words[-1] in _FRAME_YES_NO) or (
            words[:1] in (["cho"], ["xin"]) and "hoi" in words[1:3]) or any(
            w in _FRAME_ASK_WORDS for w in words):
        return answered or not _asks_for_someone(framed.rest)
    return answered and not (framed.run_into or framed.bye
                             or any(t.fold in _LATER - {"sau"} for t in framed.rest))


# Round 38: reading (folded "đọc", "nghe"), what is read that is no book ("báo", "tin": the
# news read on a phone is the digital skills), a word of learning to do it, the words that put
# it on a screen ("trên", "qua", "bằng") and the screens and the Internet (folded, and pairs).
_READ_VERBS: Final = frozenset({"doc", "nghe"})
_NOT_BOOKS: Final = frozenset({"bao", "tin", "hoc", "day", "chu", "nhac", "dai"})
_ON: Final = frozenset({"tren", "qua", "bang"})
_GOING_TO: Final = frozenset({"den", "toi", "ra", "di", "len", "vao"})
_SCREENS: Final = frozenset({"mang", "internet", "online", "onl", "ipad", "laptop", "tablet",
                             "app", "web", "website"})
_SCREEN_PAIRS: Final = frozenset({("dien", "thoai"), ("may", "tinh"), ("ung", "dung"),
                                  ("truc", "tuyen")})


def _read_on_a_screen(tokens: list[Token]) -> set[int] | None:
    """The tokens of reading done on a screen or online ("đọc sách | qua | điện thoại", "đọc
    truyện kiếm hiệp | trên | máy tính bảng", "sách để đọc | trên | mạng"): a reading verb, at
    most three words read, then "trên", "qua" or "bằng" and a screen, in one part; None when
    there is none or what is read is not books (_NOT_BOOKS). Reading without going to the
    library ("muốn đọc sách mà không phải đến thư viện", "khỏi ra thư viện") is so too: the
    tokens from "không" to "viện"."""
    folds = [t.fold for t in tokens]
    if any(f in _READ_VERBS for f in folds):
        for i, f in enumerate(folds):
            if f not in ("khong", "khoi"):
                continue
            end = next((j + 1 for j in range(i + 1, min(len(folds) - 1, i + 5))
                        if folds[j] == "thu" and folds[j + 1] == "vien"), None)
            if end is not None and any(g in _GOING_TO for g in folds[i + 1:end]):
                return set(range(i, end + 1))
    for i, t in enumerate(tokens):
        if t.fold not in _READ_VERBS:
            continue
        for j in range(i + 1, min(len(tokens), i + 5)):
            if tokens[j].clause != t.clause or tokens[j].fold in _NOT_BOOKS:
                break
            if tokens[j].fold not in _ON or j + 1 >= len(tokens) \
                    or tokens[j + 1].clause != t.clause:
                continue
            pair = (tokens[j + 1].fold, tokens[j + 2].fold) if j + 2 < len(tokens) else None
            if tokens[j + 1].fold in _SCREENS:
                return set(range(i, j + 2))
            if pair in _SCREEN_PAIRS:
                return set(range(i, j + 3))
    return None


def _app_named(tokens: list[Token], clauses: set[int]) -> bool:
    """Do the parts `clauses` name an app ("app", "ứng dụng", as the lexicon writes it out)?"""
    return any(a.clause in clauses and (a.fold == "app" or (a.fold, b.fold) == ("ung", "dung"))
               for a, b in itertools.pairwise([*tokens, tokens[-1]]))


def _phone_number(tokens: list[Token]) -> set[int]:
    """The number tokens of a phone number the writer gives ("gọi lại cho tôi số 0912 345
    678", "qua sdt nay 0904111222"): digits in a row, 9 to 11 of them, the first a 0. Given
    with a message for the organizers, it says whom to call back, nothing of what is asked
    (round 22 d); beside any other question it stays a word the bot does not know ("gọi cho
    tôi số … về chuyện gửi xe" is kept for the organizers, the number masked)."""
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].kind == "number" and tokens[j].text.isdigit():
            j += 1
        digits = "".join(t.text for t in tokens[i:j])
        if j > i and digits.startswith("0") and 9 <= len(digits) <= 11:
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _writer_unit(tokens: list[Token]) -> set[int]:
    """The unit that opens the message as the writer's ("cơ quan chúng tôi …", "trường tôi
    …", "thư viện của mình …"): the words of its name (round 22 d)."""
    folds = [t.fold for t in tokens]
    start = next((i for i, f in enumerate(folds) if f not in _POLITE), len(folds))
    for head in _UNIT_HEADS_FROM.get(folds[start] if start < len(folds) else "", ()):
        end = start + len(head)
        if folds[start:end] == head and end < len(folds) and folds[end] in _WRITER_WORDS:
            return set(range(start, end))
    return set()


# A language named (folded pairs: "tiếng việt", "tiếng anh"), and the words before it that ask
# for a version in it ("bản", "phụ đề", "toàn": "có phụ đề tiếng việt không") (round 34a).
_LANGUAGES: Final = frozenset({("tieng", "viet"), ("tieng", "anh")})
_VERSION: Final = frozenset({"ban", "phu", "de", "toan", "bang"})


def _language_of_course(tokens: list[Token], best: _Candidate) -> set[int]:
    """The words that ask which language a learning site or its lectures are in, said after
    the words the courses' answer was found on ("TED-Ed có | phụ đề tiếng việt | không",
    "trang học trên mạng có | tiếng Việt | không hay | toàn tiếng Anh"): the list of sites says
    which are in Vietnamese and marks those in English only (round 34a)."""
    if not best.explained or not _learning_online(best.route):
        return set()
    asked: set[int] = set()
    for i in range(max(min(best.explained), 1), len(tokens) - 1):
        if (tokens[i].fold, tokens[i + 1].fold) in _LANGUAGES and i not in best.explained:
            asked |= {i, i + 1}
            k = i - 1
            while k > max(best.explained) and tokens[k].fold in _VERSION:
                asked.add(k)
                k -= 1
    return asked


def _learning_online(route: tuple[str, str]) -> bool:
    """Is the answer the online courses' (their list, one category of it) or their FAQ entry?"""
    return route[0] == "courses" or route == ("faq", "khoa-hoc-truc-tuyen")


def _teaches(route: tuple[str, str], tokens: list[Token], end: int) -> bool:
    """Does a phrase of the courses (or their FAQ entry) ending before `end` end on a verb of
    teaching (_TAUGHT: "kênh nào dạy", "video dạy"), or on "học" with where it is learned
    online said after it ("muốn học | nấu ăn qua mạng", "khóa học | chăm sóc trẻ sơ sinh
    online", "muốn học | chụp ảnh, có lớp trên mạng không"; not "khóa học | nấu ăn ở hải
    phòng")?"""
    if not _learning_online(route) or not 0 < end <= len(tokens):
        return False
    if tokens[end - 1].fold in _TAUGHT:
        return True
    return tokens[end - 1].fold == "hoc" and any(
        tokens[j].fold in _ONLINE_MEDIUM or (
            tokens[j].fold == "mang" and tokens[j - 1].fold in ("qua", "tren"))
        for j in range(end, len(tokens)))


def _invited(tokens: list[Token]) -> set[int]:
    """Who is invited, to the end of its part: the words after "mời" followed by those who are
    ("mời đại diện các trường", "mời lãnh đạo phường", "mời các thư viện"); typed without
    marks, "moi" is also "mới", "mỗi", so only before those words (round 22 d)."""
    for i in range(len(tokens) - 1):
        if tokens[i].fold == "moi" and tokens[i].text.lower() in ("mời", "moi") \
                and tokens[i + 1].fold in _INVITED:
            return {j for j in range(i + 1, len(tokens)) if tokens[j].clause == tokens[i].clause}
    return set()


def _sending(tokens: list[Token], start: int) -> int:
    """Where the report is sent, from `start` on: "gửi", "nộp" followed by where ("gửi về",
    "nộp lên", "gửi thẳng về", "gửi qua bưu điện"); -1 when not said."""
    folds = [t.fold for t in tokens]
    return next((i for i in range(start, len(folds) - 1) if folds[i] in _SENDS
                 and folds[i + 1] in _WHERE_SENT), -1)


def _sent_to(tokens: list[Token], best: _Candidate) -> set[int]:
    """The words that say where the report goes, after the report is named ("báo cáo của
    trường | gửi phòng giáo dục quận hay gửi thẳng lên sở"): the report's entry answers where
    it goes, so they are not words it leaves unexplained (round 20 c)."""
    if best.route != _REPORT or not best.explained:
        return set()
    sent = _sending(tokens, min(best.explained))
    if sent < 0:
        return set()
    return {i for i in range(sent, len(tokens)) if tokens[i].clause == tokens[sent].clause}


def _day_named_before(tokens: list[Token], c: _Candidate) -> bool:
    """Is the candidate found right after "ngày", "buổi" or "hôm" (its day named: "ngày luân
    chuyển sách", _DAY_OF)?"""
    if not c.explained:
        return False
    first = min(c.explained)
    before = tokens[first - 1] if first > 0 else None
    return before is not None and before.fold in _DAY_OF and (
        before.text == before.fold or before.text in _DAY_OF_TYPED)


def _goes_to(t: Token) -> bool:
    """Is the token a verb of going (_GOES_TO), typed with its marks or none?"""
    return t.text in _GOES_TO or (not t.marked and t.fold in _GOES_TO_FOLDS)


def _called_only(tokens: list[Token], c: _Candidate) -> bool:
    """Whether the candidate was found on words for people alone ("ông bà"): whom a greeting
    before them is said to."""
    return bool(c.explained) and all(tokens[i].fold in _KIN_FOLDS for i in c.explained)


def _asks(tokens: list[Token], said: set[int] | frozenset[int]) -> bool:
    """Does the part of the message that holds the words `said` ask something: a question
    phrase, or a last word (before the particles and the addressee) that ends a yes/no
    question ("… được không ad")? (A greeting before it or thanks after it ask nothing.)"""
    clauses = {tokens[i].clause for i in said}
    part = [t for t in tokens if t.clause in clauses]
    words = [t.fold for t in part if t.kind == "word" and t.fold not in CLOSING
             and t.fold not in _NOT_ADDRESSED]
    run = parts.run(part)
    return bool(words) and (words[-1] in YES_NO or parts.asks(part, 0, len(part))
                            or any(f" {q} " in run for q in _WHEN_OR_HOW_LONG))


def _attending(tokens: list[Token]) -> set[int]:
    """The words of a message that say what one wears or brings ("mặc đồng phục", "mang theo
    giấy tờ gì") or where one lives ("phường tôi", "nhà văn hóa thôn")."""
    found = {i for i, t in enumerate(tokens) if t.text == "mặc"}
    folds = tuple(t.fold for t in tokens)
    if _ATTENDING_FIRST.isdisjoint(folds) and "mang" not in folds:
        return found  # (most messages: no word that starts what is worn or brought)
    # "có phải mang laptop không", "cần mang sách gì": what follows "mang" after a word of
    # need is what one brings
    for i in range(1, len(tokens) - 1):
        if folds[i] == "mang" and folds[i - 1] in _NEEDING:
            k = i + 1
            while k < len(tokens) and k <= i + 3 and tokens[k].kind == "word" and (
                    folds[k] not in YES_NO | CLOSING | ASK_WORDS):
                k += 1
            found |= set(range(i, k))
    for i in range(len(tokens)):
        if folds[i] not in _ATTENDING_FIRST:
            continue
        for size in range(1, min(3, len(tokens) - i) + 1):
            if folds[i:i + size] in _ATTENDING:
                found |= set(range(i, i + size))
    return found



# The verbs a source of what the writer heard follows ("đọc | báo hải phòng", "xem | tivi",
# "thấy trên | fb") (folded).
_READ_IN: Final = frozenset({"doc", "nghe", "xem", "thay", "tren"})


def _heard_from(tokens: list[Token], candidates: list[_Candidate]) -> bool:
    """Is every subject elsewhere a source right after a verb of reading or hearing, in a part
    that asks nothing, while another part asks ("đọc báo hải phòng thấy chủ nhật có nhiều hoạt
    động, | chủ nhật này có gì")? Then it is where the writer heard of the question."""
    asked = _asking_parts(tokens)
    if not asked:
        return False
    return all(c.explained and min(c.explained) > 0
               and tokens[min(c.explained) - 1].fold in _READ_IN
               and not {tokens[i].clause for i in c.explained} & asked
               for c in candidates if c.route[0] == "unknown")


def _asking_parts(tokens: list[Token]) -> set[int]:
    """The parts of the message that ask: a question, or words that announce one or make a
    request ("hôm qua gọi thư viện mà không ai nghe, | cho tôi số điện thoại ban tổ chức"),
    unless a part after the request asks with a word of its own ("muốn hỏi thêm về lớp học
    cho người cao tuổi thì | gọi số nào": the request only names what the question is about)
    (round 26 e). Sought up to six times a message (_done_parts, _asked_part, _asked_own,
    _told_elsewhere, …): kept for the last tokens asked (parts.of_last)."""
    memo = parts.of_last("asking_parts", tokens)
    found = memo.get((0, None))
    if found is None:
        found = memo[0, None] = frozenset(_parts_that_ask(tokens))
    return set(found)  # type: ignore[call-overload]


def _parts_that_ask(tokens: list[Token]) -> set[int]:
    clauses = {t.clause for t in tokens}
    asked = {c for c in clauses if parts.part_asks(tokens, *parts.clause_span(tokens, c))}
    requested = {c for c in clauses if parts.requests(tokens, *parts.clause_span(tokens, c))
                 and not any(t.clause > c and t.fold in ASK_WORDS for t in tokens)}
    # (a part that only asks leave to ask, "ad ơi cho em hỏi chút, | lịch ngày mai", hands
    # the asking to the part after it)
    asked |= {c + 1 if c + 1 in clauses and parts.leave_only(
        tokens, *parts.clause_span(tokens, c)) else c for c in requested}
    if asked or len(clauses) < 2:
        return asked
    # nothing asked: the last part that says what the writer wants is the request ("hôm
    # trước bị hack facebook, | giờ tôi muốn đăng ký nhận nhắc lịch")
    # (the writer's wish, "tôi muốn", not another's: "nhờ ad báo btc giúp: | thư viện quận
    # muốn làm điểm đọc sách" is the message for them)
    wish = max((t.clause for k, t in enumerate(tokens) if k and (
        t.text == "muốn" or (t.fold == "muon" and not t.marked))
        and tokens[k - 1].fold in _SELF_TYPED), default=-1)
    return {wish} if wish > min(clauses) else set()


def _told_apart(tokens: list[Token], told: _Candidate, asked: _Candidate,
                partly: bool = False) -> bool:
    """Is `told` found only in parts that ask nothing, and `asked` wholly (or, `partly`, at
    least in part) in parts that ask?"""
    parts_asking = _asking_parts(tokens)
    there = any if partly else all
    return bool(parts_asking) and bool(told.explained) and bool(asked.explained) and all(
        tokens[i].clause not in parts_asking for i in told.explained) and there(
        tokens[i].clause in parts_asking for i in asked.explained)


def _told_beside(tokens: list[Token], told: _Candidate, day: frozenset[int]) -> bool:
    """Is `told` found only in parts that ask nothing, and the `day` named in one that asks
    ("sáng nay tôi đi khai mạc rồi, | chiều nay còn có gì nữa không") (round 30 c)?"""
    asked = _asking_parts(tokens)
    return bool(asked) and bool(told.explained) and all(
        tokens[i].clause not in asked for i in told.explained) and any(
        tokens[i].clause in asked for i in day)


_BUSY: Final = frozenset({"bận", "kẹt", "vướng"})
_BUSY_FOLDS: Final = frozenset(fold(w) for w in _BUSY)
_BUSY_PART: Final = 3  # words at most in a part that says a day is busy in letters without marks

_DAY_NAMES: Final = frozenset({"hom", "ngay", "buoi"})


def _which_day(tokens: list[Token], aside: set[int]) -> bool:
    """Does the message ask which day ("hôm nào", "ngày nào") outside the words `aside`?"""
    return any(t.fold == "nao" and k and k not in aside and tokens[k - 1].fold in _DAY_NAMES
               for k, t in enumerate(tokens))


def _days_set_aside(tokens: list[Token], ref: DateRef, lead: int) -> set[int]:
    """The words of a day the message sets aside ("trừ", "bỏ qua", "không kể", "ngoài … ra"),
    denies ("không hỏi cả tuần, | …") or says does not suit the writer ("không đi thứ bảy
    được, | …": a part with "không" that asks nothing), when the day is not all the message
    says (round 27 b)."""
    aside = parts.besides(tokens) | parts.denied(tokens, lead)
    clauses = {tokens[i].clause for i in ref.used}
    if len(clauses) > 1:
        asked = _asking_parts(tokens)
        if asked & clauses:
            for clause in clauses - asked:
                start, end = parts.clause_span(tokens, clause)
                # (or says the writer is busy then: "mai bận, | thứ bảy có gì"; typed without
                # marks only in a short part, "mai ban": "bạn" is a friend; round 30 c)
                if any(tokens[k].fold in NOT or tokens[k].text in _BUSY or (
                        not tokens[k].marked and tokens[k].fold in _BUSY_FOLDS
                        and end - start <= _BUSY_PART) for k in range(start, end)):
                    aside |= set(range(start, end))
    return aside if aside & ref.used else set()


_ANNOUNCERS: Final = frozenset({"chi", "gio", "la"}) | {w.split()[0] for w in SELF} | {"e", "t"}


def _announcing(tokens: list[Token]) -> set[int]:
    """The words that announce a question: "cho hỏi", "muốn biết" (parts.announcing), and "hỏi"
    said by the writer, only, now or as what ("em hỏi số điện thoại", "giờ chỉ hỏi", "hỏi là")
    (round 30 c)."""
    said = parts.announcing(tokens)
    for k in range(1, len(tokens)):
        if tokens[k].fold == "hoi" and (tokens[k].text == "hỏi" or not tokens[k].marked) and (
                tokens[k - 1].fold in _ANNOUNCERS and tokens[k - 1].clause == tokens[k].clause):
            said |= {k - 1, k}
    return said


def _done_parts(tokens: list[Token], alone: bool = False) -> set[int]:
    """The parts of a message that tell what is done ("… rồi", "xong", "đã …", "vừa …") and
    ask nothing, when another part asks (or, `alone`, whether or not one does)."""
    # (the parts that tell what is done first: most messages have none, and the parts that
    # ask are then not sought)
    done: set[int] = set()
    placed: dict[int, int] = {}  # each part's words so far ("da" first in its part: no "đã")
    for t in tokens:
        if t.kind != "word":
            continue
        k = placed.get(t.clause, 0)
        placed[t.clause] = k + 1
        if t.fold in _DONE or t.text in ("đã", "vừa") or (
                k and not t.marked and t.fold in ("da", "vua")):
            done.add(t.clause)
    if not done:
        return done
    asked = _asking_parts(tokens)
    if not asked and not alone:
        return set()
    return done - asked


def _refused(tokens: list[Token], best: _Candidate) -> bool:
    """Is the action `best` refused, in a message that asks nothing: a denial right before
    its words, or before a wish or a need opening them ("chưa muốn thi", "không | muốn xóa
    dữ liệu", "ko cần | đăng ký") (round 28 d)?"""
    if best.route not in _REFUSABLE or not best.explained or _asking_parts(tokens) or any(
            t.text == "?" for t in tokens):
        return False
    first = min(best.explained)
    if any(t.fold == "duoc" for t in tokens[first:max(best.explained) + 2]):
        return False  # ("không đăng ký được thi": cannot, a complaint; round 29 a)
    k = first - 1
    while k >= 0 and tokens[k].fold in _MODALS and tokens[k].clause == tokens[first].clause:
        k -= 1
    return k >= 0 and tokens[k].fold in _DENIED and tokens[k].clause == tokens[first].clause


def _requested_at(tokens: list[Token], start: int) -> bool:
    """Is what starts at `start` requested, "cho tôi" right before it or opening it or "muốn"
    right before it, with no question after ("cho tôi | làm bài thi …", not "cho tôi làm bài
    thi … thế nào") (round 32e)? "mấy" after "thử" is a few ("làm thử mấy câu"), "sao" after
    "xem" is "let us see"."""
    if not any(0 <= k < len(tokens) - 1 and tokens[k].fold == "cho"
               and tokens[k + 1].fold in _WRITER for k in (start, start - 2)) and not (
            # (or a wish right before it: "mình muốn | giải đề thi công dân học tập", or opening
            # it: "tôi muốn thi | công dân học tập", round 34 d)
            any(t.fold == "muon" for t in tokens[max(0, start - 1):start + 2])):
        return False
    for k in range(start, len(tokens)):
        t = tokens[k]
        if t.text == "?":
            return False
        if (t.fold in ASK_WORDS or t.fold in ("bao", "khi", "luc")) and not (
                (t.fold == "may" and tokens[k - 1].fold == "thu")
                or (t.fold == "sao" and tokens[k - 1].fold == "xem")):
            return False
    return not parts.asks_yes_no(tokens, 0)


# Who a count of people counts ("bao nhiêu người", "mấy bạn", "bn ng": the lexicon has
# written "ng" out) (folded).
_PERSONS: Final = frozenset({"nguoi", "ban", "em", "chau", "hoc sinh", "thi sinh"})


def _counted(tokens: list[Token], best: _Candidate) -> _Candidate:
    """How many people take the contest, asked before the words that take it ("bao nhiêu
    người đã tham gia thi rồi", "có mấy người đăng ký thi"): a count, never a request to
    start the quiz. Those who have (đã, rồi, đang) are on the leaderboard; how many may is
    the contest's rules (round 33 d)."""
    if best.route != _TAKE or not best.explained:
        return best
    start = min(best.explained)
    clause = tokens[start].clause
    folds = [t.fold for t in tokens]
    # (not with a wish between: "nhà tôi có mấy người muốn tham gia thi" asks to take it)
    if not any(tokens[k].clause == clause and (
            folds[k] == "may" or (folds[k] == "nhieu" and k and folds[k - 1] == "bao"))
            and (folds[k + 1] in _PERSONS or " ".join(folds[k + 1:k + 3]) in _PERSONS)
            and not _REQUEST & set(folds[k + 2:start])
            for k in range(start - 1)):
        return best
    # ("dang" unmarked is "đăng" as often: "dang ky")
    done = any(t.text in ("đã", "rồi", "đang") if t.marked else t.fold in ("da", "roi")
               for t in tokens)
    return replace(best, route=_BOARD if done else ("contest", ""))


# Round 35: the words that sign up for the contest (folded; the lexicon writes "dk", "đk",
# "register", "sign up" as "đăng ký"), and what may stand beside them in the quiz's own phrases
# ("đăng ký dự thi", "đăng ký tham gia cuộc thi", "… công dân học tập"): no start of the quiz
# ("vào", "làm bài", "tiếp"), no "now".
_SIGN_UP_WORDS: Final = frozenset({"dang", "ky", "ki", "du", "thi", "tham", "gia", "cuoc", "cong",
                                   "dan", "hoc", "tap", "cho", "the"})
# What a question of how to sign up names besides a question word (folded runs): the steps,
# the way, what is needed or filled in.
_SIGN_UP_ASKED: Final = ("thu tuc", "huong dan", "cach", "can", "phai", "khai", "dien", "giay to")


def _sign_up_asked(tokens: list[Token], best: _Candidate) -> _Candidate:
    """A question about signing up for the contest (where, how, what is needed, who may,
    whether a way is allowed: "đăng ký thi ở đâu", "thủ tục dk thi cdht", "đăng ký thi qua zalo
    được không", "how do i register for the contest"): the contest's rules tell, the quiz is
    not started. Its signing-up words are the quiz's own phrases, so each way of asking read as
    a wish to start it; a request ("cho tôi đăng ký thi", "tôi muốn đăng ký ngay", "dk thi cho e
    luôn", "em đăng ký thi với ạ") still starts it (round 35)."""
    if best.route != _TAKE or not best.explained:
        return best
    folds = [t.fold for t in tokens]
    took = sorted(best.explained)
    if not all(folds[i] in _SIGN_UP_WORDS for i in took) or not any(
            folds[i] == "dang" and i + 1 < len(folds) and folds[i + 1] in ("ky", "ki")
            for i in took):
        return best
    run = f" {' '.join(folds)} "
    words = [t.fold for t in tokens if t.kind == "word" and t.fold not in CLOSING]
    # (whether a way is allowed: "… qua zalo được không")
    allowed = len(words) > 1 and words[-1] in YES_NO and "duoc" in words[:-1]
    asked = allowed or any(t.text == "?" for t in tokens) or parts.asks_yes_no(
        tokens, 0) or any(f" {w} " in run for w in _SIGN_UP_ASKED)
    start = took[0]
    requested = _requested_at(tokens, start) or any(
        f in _NOW or f in ("muon", "xin", "mun") for f in folds) or any(
        folds[k] == "cho" and folds[k + 1] in _WRITER for k in range(len(folds) - 1)) or (
        _closed_as_request(tokens, took[-1]))
    if not asked or requested:
        return best
    return replace(best, route=("contest", ""))


# Round 35: what taking part needs or who may (folded runs): asked with "gì", still who may
# take part ("cần gì để tham gia", "điều kiện gì", "đối tượng nào", "tuổi").
_TAKING_PART_NEEDS: Final = ("can", "dieu kien", "yeu cau", "doi tuong", "tuoi", "giay to", "phai",
                             "mat", "phi", "tien")
# The words that ask what (folded; "j" is written "gì" by the lexicon).
_WHAT: Final = frozenset({"gi", "what"})
# Before "biết gì", what makes it "(knows) nothing" (folded; 36a).
_KNOWS_NOT: Final = frozenset({"khong", "chua", "cha", "chang", "coc", "ko", "k"})


def _what_to_do(tokens: list[Token], best: _Candidate) -> _Candidate:
    """What a citizen can do or take part in during the Week, asked with "gì" ("tuần lễ có gì
    để tham gia", "có gì cho người già tham gia không", "tham gia tuần lễ thì làm những gì",
    "trong tuần lễ người dân làm được gì", "what can i do during the week"): the activities
    answer. "Tham gia" read as who may take part, and "làm được gì" as what the bot does, each
    took the question; who may ("ai", "đối tượng", with no "gì") and what taking part needs
    ("cần gì", "điều kiện gì") keep who may, the bot named keeps its help (round 35)."""
    if best.route not in (_WHO, ("help", ""), ("schedule", "")) or not best.explained:
        return best
    folds = [t.fold for t in tokens]
    run = f" {' '.join(folds)} "
    # ("can" is "cần" typed without marks, but "can" after "what": "what can i join")
    needs = [w for w in _TAKING_PART_NEEDS if w != "can" or "what" not in folds]
    # ("không biết gì", "chưa biết gì": "gì" is "anything", nothing is asked with it: "mẹ già
    # rồi không biết gì", round 36 a)
    asked = {f for i, f in enumerate(folds) if f in _WHAT and not (
        i >= 2 and folds[i - 1] == "biet" and folds[i - 2] in _KNOWS_NOT)}
    if not asked or "ai" in folds or any(f" {w} " in run for w in needs):
        return best
    if best.route == ("help", "") and (" tuan le " not in run or {"bot", "you", "ad"} & set(
            folds)):
        return best  # ("bot làm được gì": what the bot does)
    if best.route == ("schedule", "") and " tham gia " not in run:
        return best  # ("có gì", the schedule's own words: what is on, taking part not asked)
    # (the words of taking part, doing and asking what then explained by the activities)
    doing = {i for i in range(len(folds) - 1) if folds[i:i + 2] == ["tham", "gia"]}
    return replace(best, route=("activities", ""), explained=best.explained | doing | {
        i + 1 for i in doing} | {i for i, f in enumerate(folds) if f in _WHAT})


# Round 35: what the writer gave the bot or the contest (folded runs, Vietnamese and English:
# "thông tin", "dữ liệu", "tin nhắn", "số điện thoại", "lịch sử trò chuyện", "data", "info").
_MY_DATA = ("thong tin", "du lieu", "tin nhan", "so dien thoai", "sdt", "lich su tro chuyen",
            "lich su chat", "lich su nhan tin", "ho ten", "ten that", "data", "info",
            "information", "messages", "message", "phone number", "chat history",
            "everything you know", "know about me")
# What is done to it (folded runs): kept, read, shared, sold, exposed, used, collected, deleted.
# (Reading and seeing by whoever holds it, not by the writer: "ai xem", "đọc được", "đọc
# trộm"; "bác đọc không xuể" is the writer's.)
_DONE_TO_DATA = ("luu", "giu", "ai xem", "ai doc", "xem duoc", "doc duoc", "doc trom",
                 "xem trom", "bot doc", "bot xem", "chia se", "thu thap", "bao mat", "an toan",
                 "bi lo", "lo ra", "bi ban", "dung de", "dung vao", "bao lau", "ben thu ba",
                 "chinh sach",
                 "keep", "store", "save", "share", "can see", "sell", "safe", "know", "use",
                 "collect", "delete", "read my", "policy")
# … of those, what only a keeper does (asked with the writer's own data, no keeper named).
_KEPT_DATA = ("luu", "giu", "chia se", "thu thap", "bao mat", "ben thu ba", "bao lau", "bi ban",
              "keep",
              "store", "save", "share", "collect", "sell")
# The bot, the organisers or the contest the data was given to (folded runs).
# (those who have data of their own too: their number, their messages)
_DATA_HOLDERS: Final = ("bot", "chatbot", "ad", "admin", "btc", "ban to chuc", "ben to chuc")
_DATA_KEEPERS: Final = (*_DATA_HOLDERS, "du thi", "khi thi", "dang ky thi", "you", "your")
# The writer's own (folded runs).
_MINE_RUNS: Final = ("cua toi", "cua minh", "cua em", "cua e", "cua tui", "cua chau", "cua bac",
                     "toi khai", "toi nhan", "toi nhap", "my", "about me")
# The bot's policy on it, named (folded runs).
_DATA_POLICY: Final = ("chinh sach bao mat", "chinh sach quyen rieng tu", "privacy")
# Another keeper's or a scam's: the safe Internet's or another's business (folded).
_DATA_ELSEWHERE = _APPS | frozenset({"mang", "internet", "online", "web", "tai", "danh", "lua",
                                     "hack", "ngan", "app"})


def _my_data_asked(folds: list[str]) -> bool:
    """Whether the message asks what is done with what the writer gave the bot or the contest
    (kept, read, shared, exposed, used, for how long: "ai đọc được tin nhắn của mình", "thông
    tin dự thi có được bảo mật không", "bot có giữ lịch sử trò chuyện không", "tôi sợ bị lộ số
    điện thoại khi dùng bot", "do you keep my messages"): the data named, what is done to it,
    and the bot, the organisers or the contest named, or the writer's own data asked of who
    holds it ("ai", or what only a keeper does: "dữ liệu của mình lưu bao lâu"). The lexicon's
    phrases named each way of asking; an app, the Internet or a scam named leaves it to the
    safe Internet's (round 35). The bot's privacy policy asked by name is asked too."""
    run = f" {' '.join(folds)} "
    if _DATA_ELSEWHERE & set(folds):
        return False
    if any(f" {p} " in run for p in _DATA_POLICY):
        return True
    # (the data named, not the keeper's own: "số điện thoại của ban tổ chức", "sdt btc")
    if not any(f" {d} " in run and not any(f" {d} {k} " in run or f" {d} cua {k} " in run
                                          for k in _DATA_HOLDERS) for d in _MY_DATA):
        return False
    done = [w for w in _DONE_TO_DATA if f" {w} " in run]
    if not done:
        return False
    if any(f" {k} " in run for k in _DATA_KEEPERS):
        return True
    return any(f" {m} " in run for m in _MINE_RUNS) and (
        "ai" in folds or any(w in _KEPT_DATA for w in done))


# Round 35: the verbs of telling the writer something later (folded: "nhắn", "báo", "nhắc",
# "gửi tin", "thông báo"; "remind", "notify", "message", "tell", "let … know"), who is told
# (folded), and the words that open the condition they are asked for: "khi", "lúc", "mỗi khi",
# "hễ", "nếu", "when" ("khi nào" and "lúc nào" ask when, unless "thì" closes them: whenever).
_TELL_LATER = frozenset({"nhan", "bao", "nhac", "gui", "remind", "notify", "message", "tell",
                         "know"})
_TOLD: Final = SELF | frozenset({"e", "me", "bac", "chau", "tui"})
# what "gửi" sends to the writer: a message ("tin"), to them, or "cho" them
_SENT_WHAT: Final = _TOLD | frozenset({"tin", "cho"})
_CONDITION: Final = frozenset({"khi", "luc", "he", "neu", "when"})
# … or the writer not named, told by "được" before the verb, or the bot telling by itself
# ("bot tự nhắn khi …").
_TELLER: Final = frozenset({"duoc", "bot", "tu"})
# The events' own routes: what the condition names ("khi có sự kiện", "khi có lịch mới").
_HAPPENING = frozenset({("next", ""), ("schedule", ""), ("activities", ""), ("faq", "hoat-dong")})


def _told_when_it_happens(tokens: list[Token], best: _Candidate) -> _Candidate:
    """A request to be told when something happens ("nhắn cho tôi khi có sự kiện mới", "bot
    báo cho bác mỗi khi có sự kiện nhé", "hễ có sự kiện là báo tôi", "có cách nào để bot nhắn
    tin cho tôi khi sắp có sự kiện không", "remind me when there is an event"): the reminders,
    not the events named in the condition. The writer is told (a verb of telling, then the
    writer within three words, or "được", "bot", "tự" before the verb), and a condition
    opens ("khi", "lúc", "hễ", "nếu", "when"; "khi nào … thì"). What to tell now ("báo cho
    tôi sự kiện sắp tới là gì") has no condition; another sender's messages ("ngân hàng nhắn
    tin khi có khuyến mãi") tell no writer (round 35)."""
    if best.route not in _HAPPENING or not best.explained:
        return best
    folds = [t.fold for t in tokens]
    n = len(folds)
    told = {i for i, f in enumerate(folds) if f in _TELL_LATER and (
        any(g in _TOLD for g in folds[i + 1:i + 4]) or (i and folds[i - 1] in _TELLER))
        and not (f == "bao" and i + 1 < n and folds[i + 1] in ("gio", "nhieu", "lau"))
        and not (f == "gui" and i + 1 < n and folds[i + 1] not in _SENT_WHAT)}
    if not told or told & best.explained:
        return best
    # (English "when" is written "khi nào": after the telling it is the condition, "tell me
    # when there's an event")
    condition = any(f in _CONDITION and not (
        i + 1 < n and folds[i + 1] == "nao" and "thi" not in folds[i + 2:]
        and not (tokens[i].expanded and i > min(told)))
        for i, f in enumerate(folds)) or any(
        folds[i] in ("thi", "la") and i > min(best.explained) and any(j > i for j in told)
        for i in range(n))
    if not condition:
        return best
    return replace(best, route=("subscribe", ""), explained=best.explained | told)


# Round 38: what reports the reminders rather than asks for them (folded): received or seen
# ("nhận được", "thấy") after a denial, sent "still" ("vẫn"), or who lets the bot send.
_SEEN: Final = frozenset({"thay", "duoc"})
_STILL: Final = frozenset({"van"})
# What orders the reminders stopped beside a question (folded): "đừng" typed without marks,
# the verbs that stop, a wish, "nữa", too many.
_STOPPING_WORDS: Final = _CANCEL_FOLDS | frozenset({"dung", "muon", "can", "nua", "phien",
                                                    "qua", "hoai", "mai", "suot"})
# "sao" that asks how, not why ("làm sao", "thế sao", "xem sao", "ra sao") (folded).
_HOW_SAO: Final = frozenset({"lam", "the", "xem", "ra", "nhu"})


def _reminders_reported(tokens: list[Token], best: _Candidate) -> _Candidate:
    """The subscription found in a message that asks why or who sends ("sao không gửi thông
    báo cho tôi", "ai cho bot nhắn tin cho tôi vậy"), reports the reminders not received
    ("tôi không nhận được thông báo nào cả", "dk rồi mà chưa thấy tb nào"), sent still ("không
    đăng ký mà bot vẫn nhắn"), or asks whether the bot sends them ("bot có gửi thông báo cho
    tôi không") with no request: the reminders' FAQ entry tells; no one is subscribed who did
    not ask (round 38)."""
    if best.route not in (("subscribe", ""), ("unsubscribe", "")) or not best.explained:
        return best
    words = [t for t in tokens if t.kind == "word"]
    folds = [t.fold for t in words]
    n = len(folds)
    why = any(f == "sao" and (k == 0 or folds[k - 1] not in _HOW_SAO) for k, f in enumerate(
        folds)) or any(f == "ai" and k + 1 < n and folds[k + 1] in _SENDING | {"cho", "bat"}
                       for k, f in enumerate(folds))
    unseen = any(f in NOT | {"chua"} and (folds[k + 1:k + 2] == ["thay"] or (
        folds[k + 1:k + 3] == ["nhan", "duoc"])) for k, f in enumerate(folds))
    still = any(f in _STILL and k + 1 < n and folds[k + 1] in _SENDING
                for k, f in enumerate(folds))
    requested = any(f in _REQUESTING or t.text == "hãy" or (
        # ("cho tôi" before a verb requests: "cho tôi nhận tin"; after one it is to whom)
        f == "cho" and k + 2 < n and folds[k + 1] in _WRITER
        and folds[k + 2] not in YES_NO | CLOSING | _DONE) for k, (f, t) in enumerate(
            zip(folds, words, strict=True)))
    whether = not requested and n > 2 and folds[-1] in YES_NO and any(
        f == "co" and folds[k + 1] in _SENDING for k, f in enumerate(folds[:-1]))
    # (signed up by mistake: "tôi bấm nhầm đăng ký nhận thông báo", "lỡ đăng ký nhận tin")
    mistaken = any(f == "nham" and k and folds[k - 1] in _PRESSED | {"ky", "ki"}
                   for k, f in enumerate(folds)) or any(
        f == "lo" and folds[k + 1:k + 2] in (["bam"], ["dang"], ["an"], ["nhan"])
        for k, f in enumerate(folds))
    if best.route == ("unsubscribe", ""):
        # ("tại sao bot không nhắn lịch cho tôi": a denial asked why is no order to stop;
        # one with a verb that stops, a wish or "nữa" still orders it)
        if not (why or unseen) or any(t.text in _CANCELS or f in _STOPPING_WORDS
                                      for f, t in zip(folds, words, strict=True)):
            return best
    elif not (why or unseen or still or whether or mistaken):
        return best
    return replace(best, route=("faq", "nhac-lich"))


# Round 38: how the quiz goes, asked (folded runs): the way, how long, how often, what it
# holds, what is needed. ("ở đâu", "bấm vào đâu" ask where to start it: the quiz's own link.)
_QUIZ_ASKED: Final = (" the nao ", " ntn ", " nhu nao ", " ra sao ", " cach ", " bao lau ",
                      " may lan ", " bao nhieu lan ", " may cau ", " bao nhieu cau ",
                      " may phut ", " bao nhieu phut ", " gom ", " co can ", " phai lam gi ",
                      " lam sao ", " huong dan ", " how ", " how long ", " how many ")
# Another's wish named before it (folded runs): a child's, a grandchild's.
_ANOTHERS: Final = ("con toi", "con minh", "con em", "con e", "chau toi", "chau minh", "be nha",
                    "con nha", "con gai", "con trai")
# How to get to it (folded runs), asked after a wish to take it.
_WAY_IN: Final = (" the nao ", " ntn ", " nhu nao ", " lam sao ", " phai lam gi ")
# What is pressed or opened to start it (folded: "bấm gì để thi", "link thi").
_PRESSED: Final = frozenset({"bam", "nhan", "link", "click", "nut", "an"})
# What starts the quiz now, not asked of (folded).
_START_NOW: Final = _NOW | frozenset({"di", "now", "bay"})


def _take_asked_how(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
    """How the quiz goes asked with the words that take it ("cách làm bài thi", "làm bài
    thi thế nào", "làm bài được mấy lần", "muốn thi thì phải làm gì", "tham gia thi có cần
    đăng ký không"): the contest's facts tell, the quiz is not started. A request to start
    it now ("cho tôi làm thử mấy câu xem sao", "thi luôn thế nào cũng được") or an attempt
    told broken off ("đang làm dở … giờ làm thế nào") still takes it (round 38)."""
    if best.route != _TAKE or not best.explained:
        return best
    folds = [t.fold for t in tokens if t.kind == "word"]
    run = f" {' '.join(folds)} "
    # (how to start it, or to get in, is answered by starting it: "bắt đầu thi ntn", "muốn vào
    # thi thì làm sao")
    # (or anything of it asked: "tham gia thi được gì", "làm bài có bị tính giờ không", "bé 8
    # tuổi tham gia thi được không"; not where, "thi ở đâu", nor "nào" that urges, "bắt đầu
    # nào", nor "mấy" of a try, "làm thử mấy câu")
    words = [f for f in folds if f not in CLOSING and f not in CALLS]
    asked = any(q in run for q in _QUIZ_ASKED) or any(
        f in ASK_WORDS - {"dau"} and not (f == "nao" and k == len(words) - 1)
        and not (f == "sao" and k and words[k - 1] == "xem")
        and not (f == "may" and k and words[k - 1] == "thu")
        for k, f in enumerate(words)) or (len(words) > 2 and words[-1] in YES_NO)
    # (the writer asking leave to take it is a request: "em thi được không", "mình làm bài
    # được chưa"; what to press, the link, asks where to start it)
    start = min(best.explained)
    # (the writer's own wish, not a child's: "con tôi muốn thi thì phải làm gì" asks the rules)
    wished = any(t.fold in ("muon", "mun") for t in tokens[max(0, start - 2):start + 1]) and not (
        any(f" {w} " in parts.run(tokens, 0, start) for w in _ANOTHERS))
    leave = start > 0 and (tokens[start - 1].fold in _WRITER or wished) and len(words) > 2 and (
        words[-2] == "duoc" and words[-1] in YES_NO)
    # (a wish to take it, then how: "mún thi thì lm sao", "muốn đăng ký thi thì làm thế nào":
    # the way in is asked, the quiz's start answers it)
    if wished and any(q in run for q in _WAY_IN):
        return best
    if not asked or leave or _START_NOW & set(folds) or " do " in run or _PRESSED & set(
            folds) or (
            " bat dau " in run or " vao " in run) or (
            any(a == "cho" and b in _WRITER and c not in _ASKED_LEAVE
                for a, b, c in zip(folds, folds[1:], folds[2:], strict=False))):
        return best
    if any(t.fold in _GOING_ON or t.text == "đang" or (
            t.fold == "dang" and not t.marked and folds[k + 1:k + 2] != ["ky"])
           for k, t in enumerate(t for t in tokens if t.kind == "word")):
        return best  # ("thi tiếp thế nào", "đang làm thì bị văng ra": the attempt goes on)
    return next((c for c in candidates if c.route in _CONTEST_FACTS), None) or replace(
        best, route=("faq", "cuoc-thi"))


def _take_requested(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
    """The contest's facts found on what names the quiz after the words that take it, asked
    for ("tôi muốn làm bài trắc nghiệm", "làm bài trắc nghiệm luôn", "cho em thi tìm hiểu
    nhé"): the quiz is started, a request asks nothing of the contest. A question anywhere
    keeps the facts (round 38)."""
    if best.route not in _CONTEST_FACTS or not best.explained:
        return best
    take = next((c for c in candidates if c.route == _TAKE and c.explained
                 and min(c.explained) <= min(best.explained)), None)
    if take is None or any(t.text == "?" for t in tokens) or parts.asks_yes_no(tokens, 0) or (
            _asking_parts(tokens)):
        return best
    start = min(take.explained)
    now = any(t.fold in _NOW or t.text == "đi" for t in tokens[start:])
    # (an elder writes of themself as kin: "cho bác làm bài trắc nghiệm với")
    kin = start > 1 and tokens[start - 2].fold == "cho" and tokens[start - 1].fold in _KIN_FOLDS
    return take if now or kin or _requested_at(tokens, start) else best


def _action_told(tokens: list[Token], best: _Candidate) -> bool:
    """Is the action `best` found only in parts that tell it done ("đã", "vừa", "rồi", "hôm
    qua"), in a message that asks nothing and requests nothing ("giúp", "với", "muốn", "lại")
    (round 28 d)?"""
    if best.route not in _ACTIONS or not best.explained or any(
            t.text == "?" for t in tokens) or _asking_parts(tokens) or parts.asks_yes_no(
            tokens, 0):
        return False
    if not {tokens[i].clause for i in best.explained} <= _told_parts(tokens):
        return False
    if " san sang " in parts.run(tokens):
        return False  # ("tôi sẵn sàng làm bài rồi": ready now, the action asked; round 38)
    if _closed_as_request(tokens, max(best.explained)) or any(
            tokens[i].text == "đừng" or (tokens[i].fold == "dung" and not tokens[i].marked)
            for i in best.explained):
        return False  # ("đủ rồi, đừng gửi nữa": "đừng" asks, never tells; round 34 d)
    # ("cho tôi" before a verb requests: "… nên cho tôi hủy nhận tin nhắn nhé"; not after
    # one, "đã đăng ký thi cho tôi rồi")
    return not any(t.fold in _REQUESTING or t.text == "hãy" or (
        t.fold == "cho" and k + 2 < len(tokens) and tokens[k + 1].fold in _WRITER
        and tokens[k + 2].kind == "word" and tokens[k + 2].fold not in _DONE | CLOSING)
        for k, t in enumerate(tokens))


# Said between the ok or thanks that opens a plan and the plan (folded): who is spoken to,
# particles, "nhiều lắm", "để", "hẹn" ("ok để tối nay tôi đọc kỹ", "ok hẹn chủ nhật")
# (_plan_told)
_PLAN_OPENERS: Final = _SPOKEN_AT_END | CLOSING | {
    "oi", "ban", "bn", "de", "hen", "thoi", "nhieu", "lam"}


def _plan_told(tokens: list[Token], candidates: list[_Candidate],
               best: _Candidate) -> str | None:
    """The small talk ("ok", "thanks", "goodbye") of a message that opens with it and then
    tells the writer's plan for a day ("ok mai e qua", "vâng, chiều nay cháu đến ạ", "cảm ơn
    ad, tối nay em đăng ký", "thôi chào nhé, mai nói tiếp"), asking and requesting nothing: the
    day is when the writer will do something, not a question of its events; None where the
    answer `best` is not a day, or nothing but the day follows the opening ("ok, mai": the
    day asked) (round 38)."""
    if best.route[0] not in ("day", "today") or any(t.text == "?" for t in tokens) or (
            _asking_parts(tokens) or parts.asks_yes_no(tokens, 0)):
        return None
    opening = next((c for c in candidates if c.route in _LEAVING and 0 in c.explained), None)
    if opening is None or not any(
            t.kind == "word" and k not in best.explained and k not in opening.explained
            for k, t in enumerate(tokens)):
        return None
    # what follows the opening is a new part, the day, or the writer ("ok thứ 7 gặp", "dc r
    # mai mình tham gia", "ok e qua"): not words the opening begins ("ty số trận đấu tối qua")
    after = max(opening.explained) + 1
    while after < len(tokens) and tokens[after].clause == tokens[after - 1].clause and (
            tokens[after].fold in _PLAN_OPENERS):  # ("cảm ơn ad, …", "ok hẹn chủ nhật")
        after += 1
    if after < len(tokens) and tokens[after].clause == tokens[after - 1].clause and (
            after not in best.explained and tokens[after].fold not in _WRITER):
        return None
    # ("vâng tôi hiểu rồi, cảm ơn bot …, để tối con về nhờ nó xem": thanks beside the ok)
    return "thanks" if any(c.route == ("smalltalk", "thanks") for c in candidates) else (
        opening.route[1])


def _closed_as_request(tokens: list[Token], last: int) -> bool:
    """Is the action ending at `last` closed as a request, by "đi", "nha", "nhé" after it in
    its part before any "rồi", "xong" ("thi liền đi ad e sẵn sàng rồi", "hết tuần lễ rồi thôi
    nghỉ nhắn tin nha bot"): what is done is another thing, the action is asked for; "đăng ký
    rồi nhé" tells it done (round 34 d)."""
    for t in tokens[last + 1:last + 5]:
        if t.kind != "word" or t.clause != tokens[last].clause or t.fold in _DONE:
            return False
        if t.fold in _CLOSING_REQUEST and (t.fold != "di" or t.text == "đi" or not t.marked):
            return True
    return False


def _refers_back(tokens: list[Token], clause: int) -> bool:
    """Does part `clause` open on a thing named before, pointed back to ("lớp đó học tối thứ
    mấy", "buổi ấy ở đâu", "su kien do may gio") (round 28 d)?"""
    words = [t for t in tokens if t.clause == clause and t.kind == "word"][:4]
    return any(t.text in _POINTED or (t.fold in _POINTED_FOLDS and not t.marked)
               for t in words[1:])


def _told_parts(tokens: list[Token]) -> set[int]:
    """The parts of a message that tell what is done ("đã", "vừa", "rồi", "xong"), happened
    the day before ("hôm qua", "hôm trước") or is owed to someone ("nhờ bot báo trước mà …",
    "nhờ thế") (round 28 d)."""
    told: set[int] = set()
    for k, t in enumerate(tokens):
        if t.kind != "word" or t.clause in told:
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.fold in _DONE or t.text in ("đã", "vừa") or (
                after is not None and after.clause == t.clause and (
                    (t.fold, after.fold) in _DAYS_BEFORE or (t.fold == "nho" and any(
                        w.fold in _OWED for w in tokens[k + 1:] if w.clause == t.clause))
                    or ((t.fold, after.fold) == ("nhan", "duoc") and not (
                        k and tokens[k - 1].fold in _WISHED_RECEIVED)))):
            told.add(t.clause)
    return told


def _topic_before(tokens: list[Token], clause: int) -> bool:
    """Does the part before part `clause` end with "thì" (a condition or a topic: "muốn học
    kỹ năng số thì, | vào trang nào")?"""
    before = [t for t in tokens if t.clause == clause - 1 and t.kind == "word"]
    return bool(before) and (before[-1].text == "thì" or (before[-1].text == "thi"
                                                         and not before[-1].expanded))


def _confirms(tokens: list[Token]) -> bool:
    """Does the message end on a particle that asks to confirm what it says ("… khai mạc à",
    "… ở nhà văn hóa quận hả", "… phải không nhỉ"), before the call to the one asked? (Not
    "ạ" typed with its mark: a polite full stop, no question.)"""
    words = [t for t in tokens if t.kind == "word"]
    while words and words[-1].fold in CALLS:
        words.pop()
    return bool(words) and words[-1].fold in _CONFIRMING and words[-1].text != "ạ" and len(
        words) > 1


def _asked_back(tokens: list[Token]) -> bool:
    """Does the message end on a particle that asks back what was said, typed with its marks
    ("thế thôi à", "vậy thôi hả": is that all?), no order (round 33 b)?"""
    words = [t for t in tokens if t.kind == "word"]
    return len(words) > 1 and words[-1].text in _ASKED_BACK  # ("hả" alone opens a talk)


def _only_said(tokens: list[Token], at: int) -> bool:
    """Is "chỉ" said before the word at `at`, in its part ("chỉ … thôi": only; round 33 b)?"""
    clause = tokens[at].clause
    return any(t.fold == "chi" and (t.text == "chỉ" or not t.marked) and t.clause == clause
               for t in tokens[:at])


def _checks(tokens: list[Token]) -> bool:
    """Does the message check what it says, ending on "phải không", "phải chứ" ("đúng không":
    parts.particles), or on a particle that asks to confirm it (`_confirms`)?"""
    words = [t.fold for t in tokens if t.kind == "word" and t.fold not in CALLS
             and t.fold not in _CONFIRMING]
    return _confirms(tokens) or (len(words) > 2 and words[-2] == "phai" and words[-1] in (
        "khong", "chu"))


class Understander:
    def __init__(self, edition: Edition | None) -> None:
        if edition is None:  # unpickled: __setstate__ sets its attributes
            return
        self.edition = edition
        self.lexicon = Lexicon(edition.lexicon.abbreviations, edition.lexicon.english)
        # The names of the city's quận and huyện are words the bot knows ("huyện Thủy
        # Nguyên"), though they ask for nothing by themselves.
        places = [w for d in edition.districts for w in d.lower().split()]
        # So are the words of other cities and provinces whose letters the bot knows nowhere
        # else (typed without marks, "Quang Ninh" is not repaired into "qua người mình"; a word
        # known already keeps its own: "đô" of "thủ đô" is no place in "tỉ giá đô") (round 24 d).
        others = [p.lower() for p in edition.lexicon.other_places]
        self.index = Index(edition, extra_words=[*self.lexicon.words(), *DATE_WORDS.split(),
                                                 *ATTENDING_WORDS.split(),
                                                 *places],
                           extra_pairs=[*_DATE_PAIRS, *(d.lower() for d in edition.districts),
                                        *others],
                           new_words=[w for p in others for w in p.split()])
        self.english = frozenset(fold(w) for w in edition.lexicon.english)
        self._phone_book = frozenset(u for u, route in enumerate(self.index.units)
                                     if route in _PHONE_BOOK)
        self._dated = frozenset(
            u for u, (feature, arg) in enumerate(self.index.units)
            if feature in DATED and not arg)
        self._event_days = {e.id: e.start.date() for e in edition.events}
        self._districts = tuple(fold(d.lower()) for d in edition.districts)
        self._district_words = tuple(tuple(d.split()) for d in self._districts)
        self._districts_from: dict[str, list[tuple[str, ...]]] = {}
        for words in self._district_words:
            if words:
                self._districts_from.setdefault(words[0], []).append(words)
        self.repairer = Repairer(self.index, frozenset(self.lexicon.spellings()),
                                 frozenset(self.lexicon.shorthands()))
        # The words of the Week's own name ("tuần lễ hưởng ứng học tập suốt đời năm 2020"),
        # in any order: they name the Week, not an event whose title holds them.
        self._week_words = frozenset(t.fold for t in tokenize(edition.name.vi))
        self._questions = [q for q, _unit in self.index.questions]
        # The contest's name and what a take is of ("bài thi Công dân học tập"): the object
        # of taking it, no question of its facts.
        self._contest_words = frozenset(
            t.fold for t in tokenize(f"{edition.contest.name.vi} bài thi"))
        self._other_places = tuple(tuple(t.fold for t in tokenize(p))
                                   for p in edition.lexicon.other_places)
        # (by their first word: a message is read once, not once a place)
        self._places_from: dict[str, list[tuple[str, ...]]] = {}
        for place in self._other_places:
            if place:
                self._places_from.setdefault(place[0], []).append(place)
        self.examples = Examples([(self._surface(text), example.answer)
                                  for example in edition.examples for text in example.texts],
                                 together=edition.together)
        # The signs of a scam or a danger met online (lexicon scam_signs), by their first word
        # folded: a message is read once, not once a sign (round 30 e)
        self._scam_signs: dict[str, list[tuple[Token, ...]]] = {}
        for sign in edition.lexicon.scam_signs:
            said = tuple(t for t in tokenize(sign.lower()) if t.kind != "symbol")
            if said:
                self._scam_signs.setdefault(said[0].fold, []).append(said)
        # Read at their first use (_example_words, _library_events; _written_words fills
        # _written): memos set here, not functools.cached_property, which a class compiled by
        # mypyc (handlers/understanding/fast.py) does not keep (computed at every read).
        self._example_words_read: dict[str, frozenset[str]] | None = None
        self._library_events_read: frozenset[str] | None = None
        self._written: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    # Pickled (the content cache) by its attributes, compiled as well (normalise.kept_attributes)
    def __reduce__(self) -> tuple[type[Understander], tuple[None], dict[str, object]]:
        return Understander, (None,), kept_attributes(self)

    def __setstate__(self, state: dict[str, object]) -> None:
        restore_attributes(self, state)

    @property
    def _example_words(self) -> dict[str, frozenset[str]]:
        """The words of each answer's examples typed with marks, as typed ("viết cảm nhận"):
        with its phrases' words, how the answer's own words are written (read at the first
        message the examples answer, not at every build)."""
        if self._example_words_read is None:
            self._example_words_read = self._read_example_words()
        return self._example_words_read

    def _read_example_words(self) -> dict[str, frozenset[str]]:
        words: dict[str, set[str]] = {}
        for example in self.edition.examples:
            for text in example.texts:
                typed = [t for t in tokenize(text) if t.kind == "word"]
                if self._accented(typed):
                    words.setdefault(example.answer, set()).update(t.text for t in typed)
        return {answer: frozenset(texts) for answer, texts in words.items()}

    def _surface(self, text: str) -> str:
        """`text` as the examples read it: its words without marks, abbreviations written out
        (no repair of typos: the letter grams bear them). The examples themselves are read
        whole, frames and all: the model is trained on them as written (round 28 a: read
        without their frames, the model lost more than it won)."""
        return self._folded(self._tokens(text))

    def _tokens(self, text: str) -> list[Token]:
        """The tokens of a message, without its emojis and symbols beside a question
        (`undecorated`, round 33 c)."""
        return undecorated(tokenize(text), self.index.is_filler)

    def _surface_of(self, typed: list[Token], framed: _Framed | None) -> str:
        """A message's tokens (`tokenize`) as the examples read them (`_surface`), without the
        courtesy frame around a question (`framed`: `_unframed(typed)`), which says nothing of
        what is asked (round 28 a)."""
        if framed is None or _tells_self(framed.rest) or _asks_for_someone(framed.rest):
            # (the writer telling who they are, or asking for someone, after a greeting: the
            # rules read the greeting too, _only_framed)
            return self._folded(typed)
        return self._folded(framed.rest)

    def _folded(self, typed: list[Token]) -> str:
        """Tokens as the examples read them: without the Week's own city said as where, nor an
        opening part that tells only how the writer heard ("hôm qua nghe loa phường nói, |
        …", "con em hỏi mà em không biết, | …"), as the rules read it: the nearest examples
        are those of the question (round 28 b)."""
        return " ".join(t.fold for t in parts.heard_of(self.lexicon.expand(
            parts.home_city(typed, self.index.is_filler), self.repairer.fit),
            self.index.is_filler))

    def understand(self, text: str, today: date) -> Understanding:
        """What `text` (cleaned: NFC, trimmed) asks, with `today` for relative dates: read by
        the phrases of the answers (the rules); where they give up (no information, or two
        answers to ask between), by the examples most like it, when they agree (else by their
        model, when it is sure and the example most like it agrees, or when it clearly chooses
        one of the rules' candidates: Examples.vote); where the rules answered on a part of the
        message only, the examples' model, when it is sure of another answer and the example
        most like the message names it too (_half_explained)."""
        typed = tokenize(text)
        # (read once: the rules and the examples read the same tokens, without the emojis and
        # links beside the question: `undecorated`)
        read = self._understood(text, today, undecorated(typed, self.index.is_filler))
        if read.asks or read.feature in _LINK_KEPT or not any(t.text == LINK for t in typed) \
                or any(w in _LINK_ASKED for w in read.normalised.split()):
            return read
        # A link shared with words that ask nothing ("click vào đây nhận quà: http://…", "xem
        # video này hay lắm www.youtube.com/…", "lịch tuần lễ https://…"): the link is what is
        # shared, and the bot cannot read it; the message is read with the link as a word it
        # does not know, as before round 33 c, when so it is no answer (a question beside a
        # link is read without it: "thi ở đâu vậy https://…", "mai có gì k ạ https://…")
        shared = self._understood(text, today, undecorated(
            [_SHARED.in_clause(t.clause) if t.text == LINK else t for t in typed],
            self.index.is_filler))
        return shared if shared.feature == "unknown" else read

    def _understood(self, text: str, today: date, typed: list[Token]) -> Understanding:
        """`understand`, the message's tokens read already."""
        framed = _unframed(typed)  # (once too: both read the question without its frame)
        read = self._read_framed(text, today, typed, framed)
        given = read.key
        # A story of a scam or a danger met online set in a subject not the Week's ("có người
        # xưng là nhân viên điện lực bảo bấm vào đường link", "trên zalo truyền nhau tin tiêm
        # vắc xin bị bệnh, thật hay giả"): the rules answer "no information" for the subject
        # (the bank, the medicine, the power cut), and the examples are not asked of a word
        # known only from such subjects (vote); where the message holds a sign of the scam
        # (lexicon scam_signs), the subject is the scam's setting, not the question: the
        # examples' model is asked all the same, and only of the safe Internet (_safe_online: a
        # plain question of the bank, with no sign, stays "no information"; no other answer of
        # the Week is found so, nor is an answer the rules found replaced) (round 30 e)
        unknown = read.feature == "unknown" and not read.apart
        if unknown and not read.words and not read.candidates and any(
                t.fold == "thi" for t in typed):
            # a follow-up that names nothing, its "thi" read as the particle ("vay thi sao", "the
            # thi sao ad": vậy thì sao; "vậy thì mấy giờ"), all its words fillers and question
            # words: the examples, which read "thi" without marks, the contest's, are not asked
            # (round 33 b)
            return read
        if not (unknown or read.examples_asked or self._half_explained(read)):
            return self._outright(read, typed, framed)
        surface = self._surface_of(typed, framed)  # (once: each way below reads it)
        # (where the rules gave up on candidates, the examples' model may choose among them:
        # Examples.vote's `among`, BENCHMARKS.md §8.133)
        among = tuple(f"{f}:{a}" if a else f for f, a in read.candidates) \
            if read.examples_asked else ()
        setting = unknown and (
            read.elsewhere or any(w in self.index.elsewhere_folds for w in surface.split())
        ) and self._scam_told(typed) and not self._setting_asked(typed, today)
        # (a plea after a harm told, where nothing was found: only the safe Internet's answer is
        # asked of the examples, as of a scam's setting; round 39)
        plea = not setting and unknown and _plea_after_harm(typed) and (
            not read.candidates or _SAFETY in read.candidates
        ) and not self._setting_asked(typed, today)
        setting = setting or plea
        if setting:
            voted = self.vote(surface, scam_setting=True, plea=plea)
        elif read.examples_asked:
            voted = self.vote(surface, among=among, unanswered=read.feature == "unknown")
        elif self._half_explained(read):
            voted = self.vote(surface, second_opinion=given)
            if voted is not None and voted.by_margin and (
                    not _read_alike(typed) or read.feature in _FOUND_BY_NAME):
                # (the nearest examples agreed on a margin only: not where the model reads
                # words the rules read past, _read_alike, nor against an event or programme
                # the rules found by its name)
                return read
        else:
            return read
        if voted is None or voted.answer == given:
            return read
        if voted.answer == "dont_know":
            # (the second opinion only: the rules' answer, found on a word or two the message
            # shares with it, refused; offered as the nearest answer, BENCHMARKS.md §8.140)
            return replace(read, feature="unknown", arg="",
                           candidates=((read.feature, read.arg),), score=0.0,
                           explained=frozenset(), unexplained=read.words)
        if not read.examples_asked and not setting and not _seconded(read, voted.answer):
            return read
        feature, _, arg = voted.answer.partition(":")
        if read.feature == "clarify" and (feature, arg) not in read.candidates:
            return read  # the question asked back stays between the answers the rules found
        if self._rests_on_other_marks(typed, voted.answer, scam_setting=setting,
                                      among=() if setting else among,
                                      unanswered=read.feature == "unknown" and not setting):
            return read
        # (no word is explained by a phrase of the answer, and `voted` says it: a flow waiting
        # for a name or a letter takes the message as that, unless it asks with "?" or opens
        # as a question does: contest._asks_instead)
        return replace(read, feature=feature, arg=arg, candidates=(), score=EXAMPLES_SCORE,
                       voted=True,
                       unexplained=max(1, read.words), explained=frozenset())

    def _outright(self, read: Understanding, typed: list[Token],
                  framed: _Framed | None) -> Understanding:
        """The rules' answer `read`, found on nearly all of the message (not `_half_explained`)
        but a word or more left, or the examples' model's where it is certain of another and
        all but excludes theirs (Examples.outright: "có lớp học internet an toàn không" is the
        safe Internet's, not the activities' found on "lớp học"). Never a day, an action
        (starting the quiz, subscribing: the examples name neither), small talk, an answer
        the rules asked between or found elsewhere, an event or a programme found by its
        name (the model, reading the words of its subject, prefers the subject's general
        answer: "buổi tập huấn cho nhân viên cơ quan về dùng mạng an toàn" is the officials'
        training, not the safe Internet's FAQ); nor small talk or a part of the same
        answer instead (_seconded), nor an answer resting on a word typed with other marks
        (_rests_on_other_marks)."""
        if read.feature in _NOT_SECONDED or read.voted or read.elsewhere \
                or read.unexplained < 1 or not example_may_name(read.key) \
                or read.feature in _FOUND_BY_NAME or not _read_alike(typed):
            return read
        surface = self._surface_of(typed, framed)
        if any(w in self.index.elsewhere_folds for w in surface.split()):
            return read
        voted = self.examples.outright(surface, read.key)
        if voted is None or not _seconded(read, voted.answer) \
                or self._rests_on_other_marks(typed, voted.answer):
            return read
        feature, _, arg = voted.answer.partition(":")
        return replace(read, feature=feature, arg=arg, candidates=(), score=EXAMPLES_SCORE,
                       voted=True, unexplained=max(1, read.words), explained=frozenset())

    @staticmethod
    def _half_explained(read: Understanding) -> bool:
        """Did the rules answer on a part of the message only (a third of its asking words or
        more not explained by their answer), so that the examples' model is asked for a second
        opinion? Not of a day, nor an action (subscribing, starting the quiz, …: the examples
        name neither, so the model would never agree), small talk, a subject elsewhere, nor an
        answer the examples gave already (BENCHMARKS.md §8.81: on five rounds' fresh lines, 45
        lines the rules had wrong answered rightly, 2 they had right wrongly)."""
        return (read.feature not in _NOT_SECONDED and not read.voted and not read.elsewhere
                and example_may_name(read.key)
                and read.words > 0 and read.unexplained >= HALF_EXPLAINED * read.words)

    def _written_words(self, answer: str, unit: int) -> tuple[frozenset[str], frozenset[str]]:
        """The words of an answer's phrases and marked examples as written, and folded (read
        once an answer)."""
        if answer not in self._written:
            own = self.index.texts_of_unit.get(unit, frozenset()) | self._example_words.get(
                answer, frozenset())
            self._written[answer] = (own, frozenset(fold(t) for t in own))
        return self._written[answer]

    def _scam_told(self, typed: list[Token]) -> bool:
        """Does the message hold a sign of a scam or a danger met online (lexicon scam_signs:
        "lừa đảo", "xưng là", "mã otp", "thật hay giả"), its abbreviations written out ("sdt
        la": số điện thoại lạ), a word typed with marks only as the sign writes it ("lựa chọn"
        is no "lừa")?"""
        if not self._scam_signs:
            return False
        words = [t for t in self.lexicon.expand(typed, self.repairer.fit) if t.kind != "symbol"]
        return any(
            i + len(sign) <= len(words) and all(
                words[i + k].text == w.text or (not words[i + k].marked
                                                and words[i + k].fold == w.fold)
                for k, w in enumerate(sign))
            for i, t in enumerate(words) for sign in self._scam_signs.get(t.fold, ()))

    def _setting_asked(self, typed: list[Token], today: date) -> bool:
        """Is the subject elsewhere what the message's last part asks, a part with no sign of
        the scam ("tôi bị lừa trên zalo mất 5 triệu, | ra công an phường trình báo thì cần mang
        giấy tờ gì": the police's papers, asked of a scam told before)? Read alone, that part
        is a subject elsewhere; a story's own question ("…, | giờ phải báo ai", "…, | e có nên
        đọc không") is not."""
        words = [t for t in typed if t.kind == "word"]
        if not words or words[0].clause == words[-1].clause:
            return False  # (one part: the sign is in it)
        last = [t for t in typed if t.clause == words[-1].clause]
        if self._scam_told(last):
            return False
        return self._read(" ".join(t.text for t in last), today).elsewhere

    def _rests_on_other_marks(self, typed: list[Token], voted: str,
                              scam_setting: bool = False, among: tuple[str, ...] = (),
                              unanswered: bool = False) -> bool:
        """Does the examples' answer rest on a word the citizen typed with other marks than
        the answer's phrases and examples write it ("khoa học là gì": science; the courses'
        say "khóa học")? The examples read a message without marks; where the marks typed say a
        word is another (già ≠ giá, khoa ≠ khóa), the message is asked again without that
        word: an answer it then does not get rested on it (asked as it was first: `among`, the
        rules' candidates the model may choose between; `unanswered`: the rules found no
        information, Understander._sure)."""
        feature, _, arg = voted.partition(":")
        unit = self.index.unit((feature, arg))
        words = [t for t in typed if t.kind == "word"]
        if unit is None or not self._accented(words):
            return False
        own, folds = self._written_words(voted, unit)
        typed_as: dict[str, set[str]] = {}
        for t in words:
            if t.fold in folds and not self.index.is_filler(t):
                typed_as.setdefault(t.fold, set()).add(t.text)
        other = {f for f, texts in typed_as.items() if not texts & own}
        if not other:
            return False
        kept = " ".join(t.text for t in typed if t.fold not in other)
        again = self.vote(self._surface(kept), scam_setting=scam_setting, among=among,
                          unanswered=unanswered)
        return again is None or again.answer != voted

    def vote(self, surface: str, examples: Examples | None = None,
             second_opinion: str | None = None, scam_setting: bool = False,
             among: tuple[str, ...] = (), unanswered: bool = False,
             plea: bool = False) -> Voted | None:
        """What the examples (these, or the edition's) answer a message the rules gave up on,
        read as `_surface` reads it (Examples.vote: the nearest examples when they agree, else
        their model when sure enough; `second_opinion`: the answer the rules gave, which the
        model alone may overrule: Examples.second_opinion): None when a word of it is known
        only from subjects not the Week's ("violympic"), when it knows no word but fillers and
        one it does not know, when neither answers, or when theirs is an answer never given so
        (examples.NEVER_GIVEN). `scam_setting`: the message tells of a scam or a danger online
        (_scam_told): a word of a subject elsewhere is its setting, and only the safe
        Internet's answer is taken (understand). `among`: the rules' candidates (their keys),
        which the model may choose between where the vote gives nothing (Examples.vote).
        `unanswered`: the rules found no information; where the vote gives nothing, the model
        may answer when sure by a margin (_sure). `plea`: the scam's setting is a plea after a
        harm told (_plea_after_harm), the safe Internet taken at PLEA_FLOOR. Last, the model's
        probability of an answer and of those it stands for, summed, may pass those gates
        (Examples.grouped)."""
        words = surface.split()
        if not scam_setting and any(w in self.index.elsewhere_folds for w in words):
            return None
        if any(w not in self.index.vocab_folds for w in words) and all(
                w in self.index.filler_folds or w not in self.index.vocab_folds for w in words):
            # "coin là gì vậy ad": no word the bot knows but the question's frame, and one it
            # does not know: the examples alike in their frame ("chủ đề là gì vậy ad") say
            # nothing of it (round 25 a)
            return None
        asked = self.examples if examples is None else examples
        if scam_setting:
            return _safe_online(asked, surface, PLEA_FLOOR if plea else MODEL_FLOOR)
        voted = (asked.vote(surface, among) if second_opinion is None
                 else asked.second_opinion(surface, second_opinion))
        if voted is not None and second_opinion is not None and voted.answer == "dont_know" \
                and voted.likeness >= REFUSED_FLOOR and not _open_subject(second_opinion):
            # the model sure the message is none of the Week's, the rules' answer under
            # OVERRULED, the example most like it a near miss of "no information": refused
            return voted
        if voted is None and unanswered and second_opinion is None:
            voted = _sure(asked, surface)
        if voted is None and second_opinion is None:
            # (last: the model's probability of an answer and of those it stands for, summed)
            voted = asked.grouped(surface, among, unanswered)
            if voted is not None and voted.answer in _CALENDAR:
                return None
        return None if voted is None or voted.answer in NEVER_GIVEN else voted

    def _read(self, text: str, today: date, typed: list[Token] | None = None,
              with_frame: bool = False) -> Understanding:
        """`text` read by the phrases of the answers (`typed`: its tokens, when read already;
        `with_frame`: read with its courtesy frame, _unframed)."""
        typed = self._tokens(text) if typed is None else typed
        return self._read_framed(text, today, typed, None if with_frame else _unframed(typed))

    def _read_framed(self, text: str, today: date, typed: list[Token],
                     framed: _Framed | None) -> Understanding:
        """`_read`, the courtesy frame around the question read already (`framed`: None, no
        frame or the message read with it)."""
        if framed is not None:
            # the question read without its courtesy frame (the examples read it so too:
            # _surface_of), when the frame is only how it is asked
            inner = self._read(text, today, framed.rest)
            if _only_framed(framed, inner):
                if not (framed.thanked and inner.feature in _THANKED_FOR and not inner.asks
                        and _told_parts(self.lexicon.expand(
                            self.repairer.repair(framed.rest), self.repairer.fit))):
                    return inner
                # thanks closing a part told as done, received or owed, of what the bot does
                # (an action, a day's schedule): for what it tells, when the whole message
                # reads so ("đã nhận được lịch hôm nay, tks bot", "nhờ bot báo trước mà cả nhà đi
                # xem khai mạc đúng giờ, thanks": round 28 d's thanks for what is told)
                read_whole = self._read(text, today, typed, with_frame=True)
                return read_whole if read_whole.key == "smalltalk:thanks" else inner
        words = [t for t in typed if t.kind == "word"]
        english = bool(words) and not any(t.marked for t in words) and (
            2 * sum(t.fold in self.english for t in words) >= len(words))
        # (the city said as where is left out before the repairs and the lexicon read the
        # words around it: "có bão tại hp" is no "bao tai")
        repaired = self.repairer.repair(parts.home_city(typed, self.index.is_filler,
                                                          self._district_words))
        if english and any(t.fold in _EN_SHORT_DAYS for t in repaired):
            repaired = [w.in_clause(t.clause) for t in repaired
                        for w in _EN_SHORT_DAYS.get(t.fold, (t,))]
        if english and _asked_right_away(words):
            last = max((i for i, t in enumerate(repaired) if t.fold == "now"), default=-1)
            if last >= 0:
                repaired = [*repaired[:last], _RIGHT_AWAY[0].in_clause(repaired[last].clause),
                            *repaired[last + 1:]]
        expanded = self.lexicon.expand(repaired, self.repairer.fit)
        tokens = _run_on(_unaddressed(parts.heard_of(
            parts.particles(parts.continued(expanded), self.index.is_filler),
            self.index.is_filler)))
        normalised = " ".join(t.fold for t in tokens)
        base = Understanding("unknown", typed=text, normalised=normalised, english=english,
                             asks="?" in text or parts.asks(tokens, 0, len(tokens)))
        words_run = _words_run(repaired)
        if _cheating(words_run) or _other_contest(words_run):
            # the quiz's answers asked, someone to take it, or a school's contest: no answer of
            # the Week's, and no examples asked either (round 30 b)
            return replace(base, elsewhere=True)
        if not any(t.kind != "symbol" or t.expanded for t in tokens):
            return base
        if self._kin_call(tokens):  # "cô ơi", "chu oi": a call to whoever answers greets
            return replace(base, feature="smalltalk", arg="greeting", score=SMALL_TALK_SCORE)
        if self._going(tokens) and not parts.asks_yes_no(tokens, 0):
            # "thôi em đi học đây", "mình đi làm đây, chào nhé": leaving
            return replace(base, feature="smalltalk", arg="goodbye", score=SMALL_TALK_SCORE)
        if parts.every_day(tokens):  # "mỗi ngày gửi lịch cho bác nhé": the reminders
            if parts.asks_when(tokens):  # "bot nhắc lịch vào mấy giờ mỗi ngày": their FAQ
                return replace(base, feature="faq", arg="nhac-lich", score=OWN_RULE)
            return replace(base, feature="subscribe", score=OWN_RULE)
        if any(t.fold in _OTHER_LANGUAGE and not t.expanded for t in words):
            if any(t.fold == "translate" for t in words) and any(
                    t.fold in _TRANSLATED for t in words):
                # "can you translate this sentence to english for me": a text to translate,
                # not the bot's language (round 27 e)
                return replace(base, elsewhere=True)
            without = _in_a_language(typed)
            if without is not None:
                # "where can i read e-books in vietnamese", "online courses in vietnamese": the
                # language of the books or the courses asked, which the message asks without
                # those words; not the bot's (round 38)
                of_thing = self._read(text, today, without)
                if of_thing.feature not in _NOT_A_THING and not of_thing.elsewhere:
                    return of_thing
            return replace(base, feature="language", score=OWN_RULE)  # "i dont speak vietnamese"
        if _speaks_a_language(tokens, self.index.is_filler) and not _language_of_other(tokens):
            # "bot nói được tiếng anh không", "switch to eng pls": the bot's language (round 35)
            return replace(base, feature="language", score=OWN_RULE)
        if parts.for_organizers(tokens):  # "cho tôi gửi lời nhắn tới ban tổ chức": ask
            return replace(base, feature="ask", score=OWN_RULE)
        if parts.deletes_mine(tokens):  # "hủy hồ sơ cá nhân của mình": privacy
            return replace(base, feature="privacy", score=OWN_RULE)
        if _my_data_asked([t.fold for t in tokens]) or (english and _my_data_asked(
                [t.fold for t in words])):
            # "ai đọc được tin nhắn của mình", "thông tin dự thi có được bảo mật không",
            # "do you keep my messages": what the bot keeps of the writer (round 35)
            return replace(base, feature="privacy", score=OWN_RULE)
        if _bot_can(tokens):  # "bot giúp e được những việc gì", "hỏi bot được những gì"
            return replace(base, feature="help", score=OWN_RULE)
        question = None
        # the question as typed, then as its abbreviations mean ("lm sao de nhan tb nhac lich
        # sk" is the FAQ's "làm sao để nhận tin nhắc lịch sự kiện") (round 17 d)
        for written in (repaired, expanded) if any(t.expanded for t in expanded) else (repaired,):
            question = self._question(" ".join(t.fold for t in written))
            if question is None:  # said politely: "ad ơi cho hỏi <the question> ạ"
                core = self._core(written)
                if len(core) < len(written):
                    question = self._question(" ".join(t.fold for t in core))
            if question is not None:
                break
        if question is None and len(tokens) < len(expanded):
            # the question as typed after how the writer heard of it ("hôm qua nghe loa phường
            # nói, | lm sao de nhan tb nhac lich sk"): parts.heard_of left that part out
            question = self._question(" ".join(t.fold for t in self._core(tokens)))
        if question is not None:
            return Understanding("faq", question, typed=text, normalised=normalised,
                                 english=english, score=99.0)
        ref = find_date(tokens, today, self.edition, english)
        done = _done_parts(tokens) if ref is not None else set()
        if ref is not None and ref.kind == "days" and all(d < today for d in ref.days):
            # ("hôm qua đi xem đoàn xe tuyên truyền, | cho hỏi các lớp học có thu tiền không":
            # a day past, told in a part that asks nothing, is when it happened)
            asked = _asking_parts(tokens)
            done |= {tokens[i].clause for i in ref.used} - asked if asked else set()
        if ref is not None and done and any(tokens[i].clause in done for i in ref.used):
            # "đã xem lễ khai mạc sáng nay, | ngày mai có sự kiện gì", "mình thi hôm nay rồi,
            # | cho hỏi tham gia có mất phí không": a day told in a part that says what is done
            # and asks nothing is when it was done, no day asked (round 26 e)
            ref = find_date([replace(t, text="_", fold="_", kind="symbol") if t.clause in done
                             else t for t in tokens], today, self.edition, english)
        # (each day told so stays out when another is set aside after: "hôm nay dự khai mạc
        # rồi, | mai bận, | thế thứ bảy có gì không"; round 30 c)
        blanked = {i for i, t in enumerate(tokens) if t.clause in done}
        lately = _lately(tokens) if ref is not None else set()
        if ref is not None and lately & ref.used:
            # "mấy hôm nay được nghỉ phép", "mấy ngày nay": the days just past, a time told,
            # no day asked (round 27 a)
            blanked |= lately
            ref = find_date([replace(t, text="_", fold="_", kind="symbol") if i in blanked
                             else t for i, t in enumerate(tokens)], today, self.edition, english)
        lead = self._leave(tokens)
        if ref is not None and ref.used:
            # "bỏ qua hôm nay, | mai có gì", "không kể thứ bảy, | chủ nhật có gì", "không đi
            # thứ bảy được, | chủ nhật thì có gì không": a day set aside, denied or said not
            # to suit is not asked (round 27 b)
            aside = _days_set_aside(tokens, ref, lead)
            if aside:
                ref = find_date([replace(t, text="_", fold="_", kind="symbol")
                                 if k in aside or k in blanked else t
                                 for k, t in enumerate(tokens)], today, self.edition, english)
        used = ref.used if ref is not None else frozenset()
        accented = self._accented(tokens)
        info, unknown = self._info(tokens, used, accented, lead)
        # (the words with a letter, not a number, read once: what the answer leaves is counted
        # from them at the end)
        lettered = {i for i in info if tokens[i].text.isalpha()
                    or any(c.isalpha() for c in tokens[i].text)}  # (most: letters only)
        lettered -= _unmarked_fillers(tokens)
        base = replace(base, words=len(lettered))
        date_info = 0.0 if ref is None else SCOPE_INFO if ref.kind in SCOPES else DATE_INFO
        # a month or a year stays in the phrases that hold it ("chủ đề năm nay")
        matchable = frozenset() if ref is not None and ref.kind in SCOPES else used
        total = sum(info.values()) + date_info
        matches = self.index.match(
            tokens[:lead] + [t.in_clause(t.clause + 1) for t in tokens[lead:]]
            if lead else tokens, matchable, accented)
        candidates = self._candidates(tokens, matches, ref, info, unknown, total, today, english)
        candidates = self._address(tokens, matches, candidates, accented)
        unanswered = self._unanswered(tokens, candidates, info, used)
        if unanswered is not None:
            # "nhắn mãi không thấy ai trả lời", "tôi nhắn từ sáng đến giờ mà chẳng ai trả lời":
            # the writer's messages unanswered, a complaint, no reminders sent too often to
            # stop (round 30 c)
            return replace(base, feature="smalltalk", arg="sorry", score=unanswered.rank,
                           explained=frozenset(unanswered.explained))
        stopped = self._stop_ordered(tokens, candidates)
        # (not another sender's messages ordered stopped: "tổng đài tin nhắn rác cứ gửi hoài,
        # đừng nhắn nữa đi", round 34 d)
        if stopped is not None and not _messages_of_others(tokens):
            # "tôi già rồi đọc không được, | bỏ giúp tôi", "dang hop ma dt cu ting ting, |
            # tat thong bao di": the last part orders the reminders told of stopped
            return replace(base, feature="unsubscribe", score=stopped.rank,
                           explained=frozenset(stopped.explained))
        if not candidates:
            return base
        filler = self.index.fillers(tokens)
        whole = {i for i, t in enumerate(tokens) if t.kind == "word" and not filler[i]}
        first = candidates[0]
        # (small talk that is already first and says all stays: "bot ơi cảm ơn btc" thanks)
        talk = None if first.route[0] == "smalltalk" and first.explained >= whole else next(
            (c for c in candidates if c.route[0] == "smalltalk"
             and c.explained >= whole and c.explained > first.explained), None)
        if talk is not None:  # "hổng có gì", said alone: small talk, though it holds "có gì"
            candidates = [talk, *(c for c in candidates if c is not talk)]
        leaving = [c for c in candidates if c.route in _LEAVING and c.explained]
        bye = next((c for c in leaving if c.route == _GOODBYE), None)
        if bye is not None and whole and whole <= set().union(*(c.explained for c in leaving)):
            # "thanks bye", "tks bye ad", "ok thanks, bye": thanks or an ok said with a goodbye,
            # and nothing else, is leaving (as "cảm ơn, tạm biệt" is read)
            return replace(base, feature="smalltalk", arg="goodbye", score=bye.rank,
                           explained=frozenset(bye.explained))
        later = self._talk_later(tokens, candidates, used, whole) if ref is not None else None
        if later is not None:
            # "bye ad nha, mai ib tiep", "chào bot nhé, mai bác hỏi tiếp": the day the talk is
            # put off to asks no schedule (round 27 e)
            return replace(base, feature="smalltalk", arg="goodbye", score=later.rank,
                           explained=frozenset(later.explained))
        intro = self._intro(tokens)
        if intro and self._talk_besides(tokens, intro, candidates):
            intro = set()  # "em là sinh viên, có thi được không, | em cảm ơn ạ": thanks only
        if intro:
            # "chào bạn, | tôi là cán bộ thư viện phường": who writes is not what is asked; nor
            # the story told after it when the question came first ("cho hỏi số điện thoại của
            # ban tổ chức, | tôi là trưởng thôn, | thôn tôi muốn mời đoàn xe về") (round 25 e)
            writer = intro | self._told_last(tokens, intro)
            kept = [c for c in candidates if not (c.explained and c.explained <= writer)]
            candidates = kept or candidates
        # "trường tôi muốn hưởng ứng Tuần lễ học tập suốt đời năm 2020": the Week's name is
        # no event's ("Lễ khai mạc Tuần lễ hưởng ứng…")
        kept = [c for c in candidates if not (
            c.route[0] in ("event", "programme") and c.explained
            and all(tokens[i].fold in self._week_words for i in c.explained))]
        candidates = kept or candidates
        candidates = self._elsewhere_within(tokens, matches, candidates)
        candidates = self._duties(tokens, candidates)
        # "tuần lễ từ ngày nào đến ngày nào | để trường lên kế hoạch": what a purpose names (a
        # plan) is not asked (round 20 c)
        # (said after the question words, or after the words the strongest answer is found on)
        strongest = next((c.explained for c in candidates if c.explained), set())
        # (and what a condition after the question names: "gọi cho ai | nếu bot không trả lời
        # được" asks whom to call)
        # (and where the writer heard of something: "nghe ở lễ khai mạc nói có chỗ cho mượn
        # sách, | mượn ở đâu" asks of the books; round 30 c)
        heard = parts.heard_at(tokens)
        why = parts.purpose(tokens, parts.asking(tokens) or strongest) | parts.condition(
            tokens, self.index.is_filler) | heard
        if why:
            kept = [c for c in candidates if not (c.explained and c.explained <= why)]
            candidates = kept or candidates
        instead = parts.alternative(tokens)
        if instead:
            # "… có được vào xem lễ khai mạc không | hay chỉ cán bộ": the alternative feared is
            # not what is asked (round 24 d); who may take part said there is ("… thi được không
            # | hay chỉ dành cho học sinh"), and so are the thanks typed on after it ("… hay chỉ
            # hs cam on ad")
            kept = [c for c in candidates if not (c.explained and c.explained <= instead
                                                  and c.route != _WHO
                                                  and c.route[0] != "smalltalk")]
            candidates = kept or candidates
        invited = _invited(tokens)
        if invited:
            # "lễ khai mạc có mời đại diện | các trường học và thư viện không": who is invited
            # to what is named is asked of it, not asked for itself (round 22 d)
            kept = [c for c in candidates if not (c.explained and c.explained <= invited)]
            candidates = kept or candidates
        denied = parts.denied(tokens, lead)
        if denied and self._talk_besides(tokens, denied, candidates):
            denied = set()  # "tôi không muốn lưu số điện thoại, | cảm ơn ad": nothing else asked
        set_aside = parts.besides(tokens)
        denied |= set_aside
        denying: set[int] = set()
        all_found = candidates
        if denied:
            # "không phải cuộc thi, | tôi hỏi về thư viện": the subject denied is not asked
            # (nor an answer found on it with the words that deny it: "không cần gửi lịch, | cho
            # mình xin địa chỉ thư viện" declines the reminders, asks the library; round 30 c)
            # (when another answer is found wholly outside them: "bác không muốn nhận tin nữa,
            # | bác xin lỗi nhé" declines and asks nothing else)
            denying = parts.denying(tokens, denied)
            if not any(c.explained and not c.explained & (denied | denying)
                       and c.route[0] not in ("smalltalk", "unknown") for c in candidates):
                denying = set()
            kept = [c for c in candidates if not (c.explained and c.explained <= denied | denying)]
            candidates = kept or candidates
        if set_aside:
            candidates = self._what_else(candidates, set_aside)
            candidates = self._rest_of_week(tokens, candidates, set_aside)
            if all(tokens[i].fold in self._week_words for i in candidates[0].explained):
                # "trừ cuộc thi ra thì tuần lễ còn những gì": what else the Week holds, when
                # nothing but the Week's name is left (round 27 b)
                listed = next((c for c in all_found if c.route in _ACTIVITIES), None)
                if listed is not None:
                    # (as strong as what it stands for: the subject set aside, asked what else)
                    # (and found on the Week's name, not on what is set aside)
                    lead_rank = max(c.rank for c in all_found)
                    week = candidates[0].explained if candidates[0] is not listed else set()
                    candidates = [replace(listed, rank=max(listed.rank, lead_rank),
                                          score=max(listed.score, all_found[0].score),
                                          explained=week or listed.explained),
                                  *(c for c in candidates if c is not listed)]
            after = max(set_aside) + 1
            if after < len(tokens) and tokens[after].fold == "con" and not tokens[after].marked:
                # "ngoai tieng anh | con hoc dc mon gi online": "con" right after what is set
                # aside is còn (what else), not con (a child)
                kept = [c for c in candidates if after not in c.explained]
                candidates = kept or candidates
            if candidates[0].route in _ACTIVITIES and _which_day(tokens, set_aside):
                # "trừ hôm khai mạc ra thì | những hôm nào có sự kiện": the days asked are
                # the schedule's
                days = next((c for c in candidates if c.route == ("schedule", "")), None)
                if days is not None:
                    candidates = [days, *(c for c in candidates if c is not days)]
        them, asked_from = parts.compared(tokens)
        if them and candidates[0].explained and candidates[0].explained <= them:
            # "thư viện 50k hay tủ sách lớp học | bên nào miễn phí": what is asked of the two
            # things compared, not one of them (round 27 b)
            first = candidates[0]
            of_both = next((c for c in candidates[1:] if c.explained
                            and min(c.explained) >= asked_from
                            and c.route[0] not in ("smalltalk", "unknown")
                            and c.rank >= SUBJECT * first.rank), None)
            if of_both is not None:
                candidates = [of_both, *(c for c in candidates if c is not of_both)]
        if any(c.route[0] == "unknown" for c in candidates) and (
                needing := _needed_for(tokens, candidates)):
            # "mượn sách có cần cccd không": the papers are what the Week's action needs, not a
            # subject elsewhere asked, whichever was found the stronger (round 34c)
            candidates = [needing, *(c for c in candidates
                                     if c is not needing and c.route[0] != "unknown")]
        best = candidates[0]
        opened = parts.opened(tokens)
        asking = parts.asking(tokens)
        why_told = -1
        if opened > 0 and best.explained and max(best.explained) < opened:
            # "muốn tham gia nhưng không biết | tuần lễ bắt đầu từ hôm nào": what follows
            # "không biết", "cho hỏi" is asked; what comes before tells why.
            # (not to material asked for alone: "muốn đọc sách trên đt mà không biết | tải app
            # nào" asks an app of the reading told; round 26b)
            # (found after them, or before them only on words the story's answer holds: "… đang
            # thi cdht, | … | tôi thì chỉ muốn hỏi lễ khai mạc ở đâu", the opening's "học tập"
            # is the contest's there; round 30 c)
            story_found = best.explained
            best = next((c for c in candidates[1:]
                         if c.explained - asking and c.explained - story_found
                         and min(c.explained - story_found) >= opened
                         and c.route[0] not in ("smalltalk", "unknown")
                         and not all(tokens[i].fold in _MATERIAL
                                     for i in c.explained - asking)
                         and c.rank >= SUBJECT * best.rank), best)
            if best.explained != story_found:
                why_told = opened  # (what is found only there is no second answer: below)
        announced = parts.announced(tokens)
        # (reaching there on words other than those that announce: "xin hỏi ban tổ chức ạ" is
        # one phrase, leave asked to ask the organisers)
        # (nor on the Week's name there: "… thi cdht, | … tôi thì chỉ muốn hỏi lễ khai mạc ở
        # đâu", the opening's "học tập" is the contest's; round 30 c)
        if announced > 0 and best.explained and any(
                i < announced and i not in parts.announcing(tokens)
                and tokens[i].fold not in self._week_words for i in best.explained) \
                and announced <= max(best.explained):
            # "đọc sách ở thư viện xã xong tôi | muốn biết | ai được tham gia tuần lễ": an answer
            # reaching before the words that announce the question gives way to one found
            # wholly after them that explains all it explained there (round 26 e)
            rest = {i for i in best.explained if i >= announced}
            following = next((c for c in candidates if c is not best and c.explained
                              and min(c.explained) >= announced and c.explained >= rest
                              and c.route[0] not in ("smalltalk", "unknown")
                              and c.rank >= SUBJECT * best.rank), None)
            if following is not None:  # (and the answer of the story is no second one)
                candidates = [following, *(c for c in candidates if c is not following
                                           and c is not best)]
                best = following
        polite: _Candidate | None = None  # small talk that gave way to a question
        best = self._asked_part(tokens, candidates, best, asking)
        best = self._asked_own(tokens, candidates, best, asking)
        best = self._announced_part(tokens, candidates, best)
        of_self = self._told(tokens, intro)
        untold = self._story_told(tokens, candidates, best, of_self, used)
        if untold is not best and best.route[0] in ("day", "today"):
            # the day told is no day asked: nothing after asks of it
            ref = None
            candidates = [untold, *(c for c in candidates
                                    if c is not untold and c.route[0] not in ("day", "today"))]
        best = untold
        best = self._received(tokens, candidates, best)
        best = self._prize_of(tokens, candidates, best)
        best = self._certificate_of(tokens, candidates, best)
        best = self._language_of_site(candidates, best)
        best = self._quiz_topics(tokens, candidates, best)
        best = self._quiz_device(tokens, candidates, best)
        best = self._predicate(tokens, candidates, best)
        best = self._actor(tokens, candidates, best)
        best = self._week_subject(tokens, candidates, best)
        best = self._narrower(candidates, best)
        best = self._programme_named(tokens, candidates, best)
        best = self._command_of(tokens, candidates, best)
        best = self._named_is(tokens, candidates, best)
        best = self._kind_asked(tokens, candidates, best)
        best = self._event_named(tokens, candidates, best)
        best = self._reminded_of(tokens, candidates, best)
        best = self._reminded_when(tokens, candidates, best)
        best = _told_when_it_happens(tokens, best)
        best = self._from_day_on(tokens, candidates, best)
        best = self._destination(tokens, candidates, best)
        best = self._written_on(tokens, candidates, best)
        best = self._message_for_them(tokens, candidates, best)
        ended = self._done(tokens)  # (the parts told as done, without the introduction)
        done = ended | intro
        best, candidates = self._after_done(tokens, candidates, best, done)
        if intro and best.route == _UNIT_DUTIES and self._person_takes_part(tokens, best,
                                                                             intro):
            # (the units' duties are then no second answer)
            best = replace(best, route=_WHO)
            candidates = [c for c in candidates if c.route != _UNIT_DUTIES]
        # (parts that ask nothing: "menu đâu rồi, | tks ạ" asks where the menu is)
        told_done = _done_parts(tokens, alone=True) if done else set()
        thanked = next((c for c in candidates if c.route in _THANKS_BYE and c.explained
                        and best.explained and done and best.explained <= done
                        and all(tokens[i].clause in told_done for i in best.explained)
                        and min(c.explained) > max(done) and all(
                            i in c.explained or t.kind != "word" or self.index.is_filler(t)
                            for i, t in enumerate(tokens) if i > max(done))), None)
        if thanked is not None:
            # "thi cdht xong rồi, | cảm ơn ad nhiều nha": what is told as done is thanked for,
            # nothing asked of it (round 26 e)
            return replace(base, feature="smalltalk", arg="thanks", score=thanked.rank,
                           explained=frozenset(thanked.explained))
        best = self._now(tokens, candidates, best)
        best = self._reminders_asked_about(tokens, candidates, best)
        reported = _reminders_reported(tokens, best)
        if reported is not best:  # (the subscription is then no second answer to ask back)
            best, candidates = reported, [c for c in candidates if c.route != best.route]
        best = self._called(tokens, candidates, best)
        # (help asked of a device before help asked of what the Week offers: "bác muốn học xem
        # youtube trên ti vi, có chỗ nào hướng dẫn không" is the digital skills, not the courses)
        best = self._device_help(tokens, candidates, best)
        best = self._guided(tokens, candidates, best)
        best = self._organised(tokens, candidates, best)
        best = self._held_by_anyone(tokens, candidates, best)
        best = self._near_home(candidates, best)
        best = self._money_lost(tokens, candidates, best)
        who = self._organisers_are(tokens, best)
        if who is not best:  # (the contacts found on the name are no second answer)
            best, candidates = who, [c for c in candidates if c.route not in _CONTACT_ROUTES]
        best = self._body_asked(tokens, candidates, best)
        best = self._of_week(tokens, best)
        best = self._report_day(tokens, candidates, best)
        best = self._data_kept(candidates, best)
        best = self._off_the_list(tokens, candidates, best)
        best = self._own_data_online(tokens, candidates, best)
        best = self._sent_wrong(tokens, candidates, best)
        best = self._complaint_then(tokens, candidates, best)
        best = self._complained(tokens, candidates, best)
        best = self._held_for(tokens, candidates, best)
        best = self._only_some(tokens, candidates, best)
        best = self._for_whom(tokens, candidates, best)
        asked_for = self._class_for(tokens, candidates, best)
        if asked_for is not best:  # (who may take part, the bookshelf: no second answer)
            candidates = [c for c in candidates if c.route != best.route]
            best = asked_for
        asked_for = self._class_asked(tokens, candidates, best)
        if asked_for is not best:  # (the resources, the safe Internet: no second answer)
            candidates = [c for c in candidates if c.route not in _CLASS_TOPICS]
            best = asked_for
        best = self._tell_when(tokens, candidates, best)
        may = _sign_up_asked(tokens, _counted(tokens, self._may_take(tokens, candidates,
                                                                     best)))
        # (the take so set aside is not taken back for explaining more words: "làm bài thi có
        # được hỏi bố mẹ không" holds "làm" the contest's facts were not found on)
        may = _take_asked_how(tokens, candidates, _take_requested(tokens, candidates, may))
        not_taken = may is not best
        best = may
        best = self._attended(tokens, candidates, best)
        best = self._phone_told(tokens, candidates, best)
        learns = self._audience_learns(tokens, candidates, best)
        if learns is not best:  # (who may take part is no longer a second answer)
            best, candidates = learns, [c for c in candidates if c.route != _WHO]
        reads = self._audience_reads(tokens, candidates, best)
        if reads is not best:
            best, candidates = reads, [c for c in candidates if c.route != _WHO]
        doing = _what_to_do(tokens, best)
        if doing is not best:  # (who may take part, the help: no second answer)
            candidates = [c for c in candidates if c.route != best.route]
            best = doing
        if best.route == ("smalltalk", "greeting"):
            # "okela bạn ơi", "sai rồi bạn ơi": a call ("bạn ơi") beside other small talk is
            # only how it is said.
            best = next((c for c in candidates[1:] if c.route[0] == "smalltalk"
                         and c.explained - best.explained and c.rank >= SUBJECT * best.rank),
                        best)
        if best.route == ("smalltalk", "greeting") and self._opens_leaving(tokens):
            # "thôi cháu chào bác ạ", "thoi nhe, chao ban": a greeting after "thôi" is goodbye
            best = replace(best, route=("smalltalk", "goodbye"))
        if best.route == ("smalltalk", "ok"):
            # "vâng em cảm ơn ad, em đã rõ rồi ạ": thanks said beside an ok is thanks
            best = next((c for c in candidates[1:] if c.route == ("smalltalk", "thanks")
                         and not c.explained & best.explained), best)
        if best.route in (("smalltalk", "thanks"), ("smalltalk", "greeting")) and best.explained:
            # "alo ad, cho xin lịch", "cho xin lịch, cảm ơn ad nhiều": a greeting that opens a
            # question or thanks that closes it (ahead of the answer) is how it is asked; the
            # question is answered (what is told as done is thanked for)
            opens = best.route[1] == "greeting"
            polite = best
            best = next((c for c in candidates[1:] if c.route[0] not in ("smalltalk", "unknown")
                         and c.explained and (min(c.explained) > max(best.explained) if opens
                                              else max(c.explained) < min(best.explained))
                         and not c.explained & done and c.rank >= TWO_QUESTIONS * best.rank
                         and not (opens and _called_only(tokens, c))),
                        best)
            if best is not polite:  # (what is asked is read as without the small talk)
                best = self._narrower(candidates,
                                      self._week_subject(tokens, candidates, best))
        if _refused(tokens, best):
            # "e chưa muốn thi đâu, để e ôn bài đã", "tôi không muốn xóa dữ liệu đâu": the
            # action refused is not taken; nothing else asked, it is heard (round 28 d)
            return replace(base, feature="smalltalk", arg="ok", score=SMALL_TALK_SCORE,
                           explained=frozenset(best.explained))
        told = self._told_after_thanks(tokens, candidates, best) or self._thanked_for_told(
            tokens, candidates, best)
        if told is not None:  # "ok e cảm ơn ad nhiều, để e gửi bc cho trường": thanks
            return replace(base, feature="smalltalk", arg="thanks", score=told.rank,
                           explained=frozenset(told.explained))
        planned = _plan_told(tokens, candidates, best)
        if planned is not None:  # "ok mai e qua", "cảm ơn ad, tối nay em đăng ký": heard
            return replace(base, feature="smalltalk", arg=planned, score=SMALL_TALK_SCORE,
                           explained=frozenset(best.explained))
        if _action_told(tokens, best):
            # "con tôi bảo đã đăng ký thi cho tôi rồi", "sáng nay mình vừa thi thử, vui ghê":
            # an action told as done, nothing asked nor requested, is heard, not taken again
            # (round 28 d)
            return replace(base, feature="smalltalk", arg="ok", score=SMALL_TALK_SCORE,
                           explained=frozenset(best.explained))
        if best.route == ("smalltalk", "greeting") and best.explained and (parts.asks_yes_no(
                tokens, max(best.explained) + 1) or (
                # (or a question announced after it: "chào bạn, mình là phụ huynh, | cho mình
                # hỏi trường nào ở Ngô Quyền dạy tiếng Anh tốt" (round 25 e))
                (leave := _leave_asked(tokens)) > max(best.explained) and any(
                    (t.fold in ASK_WORDS and t.fold != "ai") or t.fold in YES_NO
                    for t in tokens[leave:]))) and not any(
                t.fold == "ai" for t in tokens[max(best.explained) + 1:]):
            # "bot ơi mấy giờ rồi", "ad ơi cho hỏi năm nay có bão không": a call, or leave
            # asked to ask, before a question no answer of the bot follows greets no one;
            # what is asked, the bot does not know ("btc ơi, có ai ở đó không" asks for
            # someone: a call still)
            return base
        # (summed from 0.0: of no word, a float as of any, in Python and compiled alike)
        said = sum([info[i] for i in sorted(best.explained) if i in info], 0.0)  # (info's order)
        if not accented and len(best.explained) >= 2:
            # typed without marks, a word that may be a filler ("chu de": chủ đề or chú để)
            # says all it says once a phrase of the answer holds it
            said += sum(self.index.idf.get(tokens[i].fold, 1.0) * (1 - FILLER_LIKE)
                        for i in best.explained & info.keys() if not tokens[i].marked
                        and tokens[i].fold in self.index.filler_like)
        # The fillers of the phrases the answer was found on ("từ ngày nào đến ngày nào", "làm
        # được những gì") say a little for it, though each alone says nothing.
        said += ASKED_INFO * len(best.explained - info.keys() - set(used))
        if ref is not None and used <= best.explained:
            said += date_info
        # Words another answer explains are understood (a qualifier: "khóa học miễn phí");
        # known words no answer explains count half; unknown words count fully.
        understood = set().union(*(c.explained for c in candidates))
        talked = set().union(*(c.explained for c in candidates if c.route[0] != "smalltalk"))
        # (a word known only from a subject that is not the Week's still pairs as a known
        # word: "nước sạch" is the name of something else)
        stray = self._stray(tokens, info, {i for i in unknown if not (
            self._known(tokens[i], accented) and self._elsewhere_only(tokens[i]))}
            | talked)
        # Unknown words of the subject of a yes/no question, or of another part of a long
        # message ("nhà tôi khó khăn, | tham gia có mất tiền không"), say less.
        aside = parts.subject(tokens, info, best.explained)
        if best.explained and parts.predicate_elsewhere(tokens, info, best.explained,
                                                        unknown | stray):
            # the other way round: the answer names only whom a yes/no question is asked of,
            # and its predicate names something else ("hội khuyến học | có trao thưởng …
            # không"): the name says less than what is asked of it
            said *= UNEXPLAINED
        asked = {tokens[i].clause for i in best.explained}
        # an answer found on the day alone names no subject: the parts after it ask what is
        # asked of that day ("mai, | có mưa không"); those before it stay aside ("xin lỗi, |
        # nhầm, ý là thứ hai tuần sau")
        after = max(asked) if asked and best.explained <= used else len(tokens)
        aside |= {i for i in info if tokens[i].clause not in asked and tokens[i].clause < after}
        aside |= parts.purpose(tokens, best.explained) | self._asker(tokens, best)
        aside |= parts.opening_condition(tokens, best.explained)
        far = parts.context(tokens, best.explained, lead) | aside | set(range(max(0, opened)))
        hoi_parts = _asking_parts(tokens)
        # (or the part right after it: "… tôi hỏi cái này: | sửa xe máy ở đâu")
        hoi_parts &= {tokens[i].clause + k for i in _announcing(tokens)
                      if tokens[i].fold == "hoi" for k in (0, 1)}
        if hoi_parts and asked and not asked & hoi_parts:
            # an answer found only in the story, the part that asks with "hỏi" naming a subject
            # of its own ("vợ tôi đi khai mạc về kể hay lắm, nhưng | tôi hỏi cái này: sửa xe máy
            # ở đâu"): that subject is what is asked, no aside to the story's (round 30 c)
            own = {i for i in info if tokens[i].clause in hoi_parts
                   and tokens[i].fold not in _WHEN_FOLDS}
            aside -= own
            far -= own
        # The words of a question phrase ("diễn ra ở địa điểm nào") ask; they name nothing else;
        # nor do the words that announce one ("tôi muốn biết | chủ đề…", typed "muon biet").
        # Nor does what "ngoài … ra" sets aside ("ngoài lễ khai mạc ra | còn có gì nữa").
        announcing = (parts.announcing(tokens) | self._polite_ends(tokens, candidates, best)
                      | heard | (denying | denied if denying and best.explained
                                 and not best.explained & denied else set())
                      | set_aside | parts.setting_aside(tokens, set_aside)
                      | _sent_to(tokens, best))
        if best.route[0] == "event" and best.explained and invited \
                and max(best.explained) < min(invited):
            announcing |= invited  # whom the event named invites is asked of it
        if best.route == ("ask", ""):
            announcing |= _phone_number(tokens)  # the number to call back asks nothing
        if best.route in _CITY_LISTS:
            # "e ở huyện an lão, … muốn xem các sự kiện của tuần lễ ở an lão": the quận or
            # huyện named is what the list is asked of (its events: below), not a word the
            # answer leaves (round 25 e)
            announcing |= self._district_named(tokens)
        else:
            # of any other answer, the district said as where at the end of a part ("con tôi
            # tham gia được không ở kiến an", parts.home_city): the answers of the Week are of
            # its districts too (round 28 b)
            announcing |= self._district_last(tokens)
        if best.route in _READING or best.route[0] == "programme" or best.route == (
                "courses", "sach-dien-tu"):
            announcing |= self._books_about(tokens, best)  # what the books are about
        # (what a course teaches: words no answer explains)
        announcing |= self._taught(tokens, best, set(info) - understood)
        announcing |= _language_of_course(tokens, best)  # in which language it teaches
        goes_on = self._told_after_intro(tokens, intro)
        if not goes_on & best.explained:
            announcing |= goes_on  # what the writer goes on telling of themself asks nothing
        # (in a long story only: in a short question the word no phrase holds is what is asked,
        # "làm sao để tải video từ facebook")
        own = self._vocabulary(tokens, info, best) if len(lettered) >= STORY_WORDS else set()
        weighs = {i: ((UNEXPLAINED * v if i in aside else v) if i in unknown or i in stray
                      else 0.0 if i in understood
                      else UNEXPLAINED * v) * (OWN_WORD if i in own else 1.0)
                  for i, v in info.items() if i not in best.explained and i not in asking
                  and i not in announcing
                  and not (i in done and not best.explained & done)}
        # The words far from the answer and the question tell a story around it: beyond STORY
        # of them they weigh together as their sum times sqrt(STORY / their number), not each
        # by itself (a long story is one thing that happened, not many subjects) (round 23 b).
        story = [w for i, w in weighs.items() if i in far and w]
        against = sum(w for i, w in weighs.items() if i not in far) + CONTEXT * (
            sum(story) * math.sqrt(STORY / len(story)) if len(story) > STORY else sum(story))
        if ref is not None and not used <= best.explained and ref.kind not in SCOPES and not (
                used <= of_self):  # (a day the writer tells of themself asks nothing: below)
            against += UNEXPLAINED * DATE_INFO
        # The nearest answers, offered with "no information": those that explain some of the
        # words (not the date alone: "thời tiết hôm nay" is not about today's events).
        others = tuple(c.route for c in candidates
                       if c.route[0] != "smalltalk" and c.explained & info.keys()
                       )[:MAX_CANDIDATES]
        # A subject the lexicon names as not the Week's ("giá vàng", "điểm thi đại học")
        # decides, whatever else the message shares with an answer ("hôm nay", "kết quả").
        elsewhere = any(c.route[0] == "unknown" for c in candidates)
        if elsewhere and best.route == _SAFETY and all(
                best.rank >= BAIT * c.rank for c in candidates if c.route[0] == "unknown") and any(
                tokens[i].fold not in _DEVICE_WORDS for i in best.explained):
            # A scam names its bait ("được hoàn tiền điện, | bấm vào đường link", "xưng là
            # nhân viên ngân hàng | đòi mã otp"): the subject elsewhere is what the scam
            # pretends, when the safe-Internet answer is found much stronger on other words,
            # not on a device alone ("mua laptop cho con học online": a purchase) (round 24 a)
            elsewhere = False
        if elsewhere and _heard_from(tokens, candidates):
            # "đọc báo hải phòng thấy …, | chủ nhật này có gì": the paper is where the writer
            # read of it, not a subject asked (round 28 b)
            elsewhere = False
            candidates = [c for c in candidates if c.route[0] != "unknown"]
        if elsewhere and self._told_elsewhere(tokens, candidates, best):
            elsewhere = False  # (nor is the story's subject a second answer to ask between)
            candidates = [c for c in candidates if c.route[0] != "unknown"]
        if elsewhere and _entrant_is(tokens, candidates, best):
            elsewhere = False  # (the subject elsewhere says who would take part, round 30 b)
            candidates = [c for c in candidates if c.route[0] != "unknown"]
        if elsewhere and (learned := _learned_online(tokens, candidates)) is not None:
            # (the subject elsewhere is what is learned online, "học vẽ online cho bé", "học đàn
            # guitar qua mạng": the courses', round 38)
            elsewhere = False
            best = learned
            candidates = [best, *(c for c in candidates
                                  if c is not best and c.route[0] != "unknown")]
        if elsewhere:  # no neighbour answer offered either: "giá vàng" is not about fees
            return replace(base, elsewhere=True)
        if best.route == ("bodies", "") and any(
                f" {q} " in parts.run(tokens) for q in ("o dau", "dia chi", "tru so", "cho nao")):
            # "ubnd huyện vĩnh bảo ở đâu": where an office is; what each body does in the Week
            # says nothing of where it sits, and the bot knows the address of the Association
            # only (its contacts, found on their own words) (round 37 b)
            return replace(base, candidates=others)
        if best.route in (("contacts", ""), ("faq", "lien-he")) and (
                " so dien thoai truong " in parts.run(tokens).replace(" cua truong ", " truong ")):
            # "số điện thoại trường tiểu học đinh tiên hoàng": a school's own number, which the
            # bot does not keep (only the organizers'); as a hospital's or a ward's police
            # (round 37 b)
            return replace(base, elsewhere=True)
        if best.route[0] in _CALENDAR and any(
                t.fold in ("lop", "nop") and (_SCHOOL_CLASS.fullmatch(n.text.lower()) or (
                    n.text in _GRADES and any(a.fold == "lich" and b.fold in ("hoc", "thi")
                                              for a, b in itertools.pairwise(tokens))))
                for t, n in itertools.pairwise(tokens)):
            # "lịch học của lớp 6A3 tuần sau": a class's timetable, not the Week's calendar
            # ("nớp": l typed n, as many in Hải Phòng say it); so is a grade's ("lịch học lớp
            # 12 tuần sau", "lịch thi lớp 9"; round 23 f), but not what a day holds for a grade
            # ("mai có gì cho học sinh lớp 5")
            return replace(base, candidates=others)
        # (the answer found on the day alone and fillers: asked of four rules below)
        day_alone = all(i in used or self.index.is_filler(tokens[i]) for i in best.explained)
        if best.route[0] in ("day", "today") and " bao nhieu " in parts.run(tokens) and (
                day_alone):
            # "hôm nay giá cà chua bao nhiêu": an answer found on the day alone lists what the
            # day holds, never how much of something (round 17e)
            return replace(base, candidates=others)
        if best.route[0] in ("day", "today") and _day_of_other(tokens) and all(
                i in used or self.index.is_filler(tokens[i]) or tokens[i].fold in _WHAT_OF_DAY
                for i in best.explained):
            # "giá cà chua hôm nay", "tin tức hôm nay có gì nổi bật", "hôm nay là ngày gì": a
            # price, the news or the date of the day, the answer found on the day alone, is no
            # list of the Week's events (round 27d)
            return replace(base, candidates=others)
        if best.route[0] in ("day", "today") and _message_of_day(tokens):
            # "thông báo hôm qua đâu", "tin nhắn hôm trước nói gì": the message the bot sent
            # that day, not what the day held (round 34 d)
            return replace(base, feature="bulletin", arg="", score=best.rank,
                           explained=frozenset(best.explained),
                           unexplained=len(lettered - best.explained))
        if best.route[0] in ("day", "today") and day_alone and _checks(tokens) and any(
                i not in understood and tokens[i].fold not in DATE_FOLDS and (
                    tokens[i].marked or tokens[i].fold not in self.index.filler_like)
                for i in info):
            # "sở gd nghỉ thứ 7 phải không", "mai cơ quan nghỉ à": what the message checks of
            # the day is something no answer of the Week names, no list of its events asked
            # (round 33 b); not a word of dates or a filler typed without marks ("thi den het
            # ngay 7 thang 10 a": đến)
            return replace(base, candidates=others)
        if best.route[0] in ("day", "today") and day_alone and (
                _exclaimed(tokens, used) or _hour_told(tokens, used)):
            # "hôm nay đói quá", "hôm nay vui ghê": how the writer or the day is, said beside
            # the day, asks nothing of what it holds (round 32 b)
            return replace(base, candidates=others)
        if best.route[0] in ("day", "today") and day_alone:
            greeted = self._how_are_you(tokens, candidates, used)
            if greeted is not None:
                # "hôm nay bot khỏe không": how the bot is, asked on the day, is a greeting
                # (round 32 b)
                return replace(base, feature="smalltalk", arg="greeting", score=greeted.rank,
                               explained=frozenset(greeted.explained))
        if best.route == ("next", "") and ref is not None and ref.kind == "now" and day_alone \
                and (_clock_asked(tokens) or _hour_told(tokens, used)):
            # "bây giờ là mấy giờ rồi": the hour of the clock, not what the Week holds next
            # (round 32 b)
            return replace(base, candidates=others)
        judged = self._judged(tokens, candidates, best)
        if judged is not None:
            # "lịch sai rồi", "cuộc thi hay ghê", "vâng cháu biết lịch rồi": what is said of the
            # thing named asks nothing of it (round 32 b)
            arg, said_on = judged
            return replace(base, feature="smalltalk", arg=arg, score=SMALL_TALK_SCORE,
                           explained=frozenset(said_on))
        if self._device_itself(tokens, best) or self._app_account(tokens, best):
            # "điện thoại nhà tôi không nhận sim thì làm thế nào" (round 22e), "dt bị đơ phải
            # làm sao", "laptop chạy chậm quá": the device's own trouble or how one thing is
            # done on it is a help desk's business, no number asked nor the Week's safe
            # Internet; nor the examples' (the safe Internet's troubles are asked in the same
            # words: "bị … phải làm sao") (round 26 a)
            return replace(base, candidates=others, elsewhere=True)
        if (best.route[0] in _MESSAGES_ANSWERS or best.route in _REMINDERS) and (
                _messages_of_others(tokens)):
            # "zalo của tôi không nhận được tin nhắn của con", "cách tắt thông báo zalo", "app
            # ngân hàng cứ gửi tin quảng cáo, tắt thế nào": someone else's messages, not the
            # bot's reminders (rounds 30, 31b, 32e)
            return replace(base, candidates=others, elsewhere=True)
        if best.route == ("ask", "") and _for_another(tokens):
            # "gửi câu hỏi này cho cô giáo chủ nhiệm giùm": a message for someone the bot
            # does not write to, not for the organisers (round 34 d)
            return replace(base, candidates=others, elsewhere=True)
        if best.route == ("language", "") and _language_of_other(tokens):
            # "đổi ngôn ngữ zalo sang tiếng anh thế nào": an app's or a phone's language, not
            # the bot's (round 32e)
            return replace(base, candidates=others, elsewhere=True)
        if best.route[0] not in ("smalltalk", "unknown") and _contest_of_other(tokens):
            # "cuộc thi tìm hiểu pháp luật của công đoàn hạn cuối khi nào": another's contest,
            # its deadline, prize or day, not the Week's quiz nor its reports (round 31b)
            return replace(base, candidates=others, elsewhere=True)
        if (best.route[0] in _CALENDAR or best.route[0] == "bodies") and _organisation_holds(
                tokens):
            # "hội phụ nữ phường tổ chức gì tuần này": what another organisation holds this
            # week, not the Week's calendar nor the units that take part in it (round 31b)
            return replace(base, candidates=others, elsewhere=True)
        if best.route == _SAFETY and best.explained and all(
                tokens[i].fold in ("the", "atm") for i in best.explained) and not any(
                c.route == _SAFETY and c.explained - best.explained for c in candidates) and (
                {t.fold for t in tokens} & _CARD_SERVICE):
            # "thẻ atm bị nuốt thì liên hệ ai", "làm thẻ atm ở đâu": the bank's service for a
            # card, asked with no other word of a scam, is the bank's business; the card in a
            # scam's story ("bị mất tiền trong thẻ atm sau khi đọc mã") has the scam's words
            # (round 31b)
            return replace(base, candidates=others, elsewhere=True)
        if best.route == _SAFETY and best.explained and all(
                tokens[i].fold in _PASSWORD for i in best.explained) and not any(
                c.route == _SAFETY and c.explained - best.explained for c in candidates) and (
                {t.fold for t in tokens} & _HOME_NETWORK):
            # "wifi nhà e bị hàng xóm dùng trộm, đổi pass sao", "quên mật khẩu wifi": the home
            # network's password, asked with no other word of the safe Internet, is the
            # provider's or the owner's business (round 34 b)
            return replace(base, candidates=others, elsewhere=True)
        if best.route == _SAFETY and best.explained and all(
                tokens[i].fold in _SCREEN_TIME for i in best.explained) and (
                (folds := {t.fold for t in tokens
                           if t.clause == tokens[min(best.explained)].clause})
                & _ADULTS) and not folds & _CHILDREN:
            # "chồng tôi nghiện game", "có ai chơi game k": time on games and videos is the
            # Week's answer for a child's (the parents' classes), not an adult's named in the
            # same part ("con em hỏi mà em không biết, | chồng tôi nghiện game": the child only
            # asked); named alone ("nghiện game") it stays the Week's (round 22e)
            return replace(base, candidates=others)
        if best.route in _PHONE_BOOK and (
                _other_line(tokens) or self._own_unit_line(tokens, best)):
            # "sdt tong dai ngan hang bidv": a bank's or an operator's line, not the
            # organisers' (round 27 c)
            return replace(base, candidates=others, elsewhere=True)
        if best.route in _REPORT_ANSWERS and _other_report(tokens):
            # "hạn nộp báo cáo thuế quý 3", "báo cáo thực tập nộp cho ai": another report's
            # deadline or recipient, not the Week's results report (round 27 c)
            return replace(base, candidates=others, elsewhere=True)
        if best.route[0] not in ("event", "programme") and _centre_fee(tokens):
            # "khóa học kế toán ở trung tâm Lê Anh học phí bn": a private centre's fee; the
            # Week's community learning centres charge none (round 26b)
            return replace(base, candidates=others, elsewhere=True)
        if self._ending_of_work(tokens, best):
            # "cuốn Nhà giả kim kết thúc thế nào", "tiểu thuyết Bố già kết thúc ra sao": the
            # story of a book or a film, not the Week's end nor its library (round 26b)
            return replace(base, candidates=others, elsewhere=True)
        if self._of_other_place(tokens, best, matches):
            # "thư viện Đà Nẵng có mượn sách về nhà được không", "thư viện ở Hà Nội nào mở cửa
            # chủ nhật": what the answer was found on belongs to another city (round 23 f);
            # the examples do not vote it back to the Week's answer ("thư viện ở hải dương có
            # sách nói cho người mù không" is like the library's examples, round 24b; "tuần lễ
            # học tập ở Hà Nội khai mạc ở đâu" like the Week's opening's, round 24 d)
            return replace(base, candidates=others, elsewhere=True)
        if (best.route[0] in _NO_HOURS or (
                best.route[0] in ("day", "today")
                and any(c.route[0] == "bodies" and c.explained for c in candidates))) and any(
                f" {h} " in parts.run(tokens) for h in _HOURS_ASKED):
            # (of a day named too: "ngày mai ủy ban có làm việc không" asks whether the office
            # works that day, not what the Week holds; round 34a)
            # when an office or a place opens ("ubnd phường mở cửa thứ 7 không", "thư viện quốc
            # gia mở cửa mấy giờ"): the organisers and the resources online have no hours
            return replace(base, candidates=others)
        if len(lettered) >= STORY_WORDS and _phrases_apart(tokens, best) >= TOPIC_PHRASES:
            # A long story that comes back to one answer's subject in phrases of their own
            # ("… bà bị chiếm nick zalo … rồi mới biết bị lừa") is about it: what the answer
            # explains says more against the many words of the story.
            said *= TOPIC
        if against and against >= max(said, FILLER_WEIGHT):
            if polite is not None and polite is not best:
                # what followed the greeting (or came before the thanks) is not understood:
                # the small talk it is ("Chào Ban to chức Tuần lễ ạ": a name, no question)
                return replace(base, feature="smalltalk", arg=polite.route[1],
                               score=polite.rank, explained=frozenset(polite.explained))
            return replace(base, candidates=others)
        run = parts.run(tokens)
        when_where = (ref is not None and ref.kind not in SCOPES) or any(
            q in run for q in _WHEN_OR_BRING_RUNS)
        if (ref is not None and ref.kind == "season" and best.route == _WHAT_WEEK
                and parts.asks_yes_no(tokens, 0) and " la gi " not in run):
            # "tháng 10 có tuần lễ học tập không", "năm nay có tuần lễ ko": whether the Week
            # falls in the month or the year named asks when it is, not what it is
            best = replace(best, route=_WHEN_WEEK, explained=best.explained | ref.used)
        passed = {best.route, _TAKE} if not_taken else {best.route}
        if (ref is not None and ref.kind in ("week", "season") and best.route in _ACTIVITIES
                and " tuan le " not in parts.run(tokens)):
            # "đầu tháng 10 có gì hay": what is on in a time named is the schedule, when the
            # schedule's words are among the list's (round 21 b: "có gì hay" reads the list
            # of activities of the Week; "tuần lễ năm nay có gì hay" still does)
            dated = next((c for c in candidates[1:] if c.route == ("schedule", "")
                          and c.explained and c.explained <= best.explained), None)
            if dated is not None:
                best = dated
                passed = {best.route, *_ACTIVITIES}
        holds = best.route == _WHEN_WEEK and {tokens[i].fold for i in best.explained} <= {
            "to", "chuc"}
        # (a district named only where the writer says who they are is where they live, not
        # what is asked: "tôi là bác sĩ về hưu ở lê chân … | tuần lễ có những hoạt động nào"
        # (round 27 a))
        where = parts.run([t for i, t in enumerate(tokens) if i not in intro]) if intro else run
        if (best.route in _CITY_LISTS or holds) and any(
                f" {d} " in where for d in self._districts):
            # ("ở lê chân có tổ chức hđ gì không": "tổ chức" alone, of a district named, asks
            # what it holds, not when the Week is; round 25 a)
            # "huyện thủy nguyên có hđ gì", "sk ở đồ sơn": the events of one quận or huyện are
            # listed by choosing it, which the FAQ entry tells; the city's lists are not asked
            # (the district's name is what the answer is of: explained by it)
            best = replace(best, route=_DISTRICT_EVENTS,
                           explained=best.explained | self._district_named(tokens))
            passed = {best.route, *_CITY_LISTS, *((_WHEN_WEEK,) if holds else ())}
        if ref is not None and best.route[0] in ("day", "today") and any(
                f" {q} " in run for q in WHEN_WHERE):
            # "lễ khai mạc sáng nay | ở đâu": where or when is asked of the event named, held
            # on the day named.
            # (named on words of its own: "đọc sách" is the library's before any event's)
            held = next((c for c in candidates[1:] if c.route[0] == "event"
                         and c.explained and not c.explained & used
                         and not _told_beside(tokens, c, used)
                         and self._event_days.get(c.route[1]) in ref.days
                         and c.rank >= SUBJECT * best.rank
                         and self._named_event(c, candidates)), None)
            if held is not None:
                best = held
                passed.add(best.route)
                passed |= self._alike_on_other_days(best, candidates, ref)
        if (best.route in (_WEEK_DATES, _TAKE) and any(f" {q} " in run for q in _WHEN_ONLY)
                and " tuan le " not in run and " ngay bao gio " not in run):
            # "thi bắt đầu lúc mấy giờ", "mấy giờ bắt đầu thi": when the contest starts is
            # asked, not the Week's dates (found on the verb "bắt đầu" and the words that ask
            # when alone) nor to start the contest now; its facts say when (round 22 b). (The
            # Week named, its dates are asked: "tuần lễ học tập khi nào kết thúc"; "ngay bjo" is
            # right now.)
            facts = next((c for c in candidates if c.route == ("contest", "")
                          and any(tokens[i].fold == "thi" for i in c.explained)
                          and (best.route == _TAKE or (
                              not c.explained & best.explained
                              and all(tokens[i].fold in _WHEN_FOLDS for i in best.explained)))),
                         None)
            if facts is not None:
                best = facts
                passed.add(best.route)
        quiz = self._quiz_timed(tokens, candidates, best, run)
        if quiz is not None:
            best = quiz
            passed.add(best.route)
        if best.route[0] == "courses" and best.explained and any(
                f" {q} " in run for q in _WHEN_ONLY):
            # "hôm nào được vào xem thư viện số": resources online have no day; when is asked
            # of the event that holds all their words (round 34c)
            held = _holding(candidates, best, "event", SUBJECT)
            if held is not None:
                best = held
                passed.add(best.route)
        if when_where and best.route[0] == "activities":
            # "xe tuyên truyền đi qua đâu": when or where is asked of the event that holds the
            # activity's words, not of the list of activities.
            held = _holding(candidates, best, "event")
            if held is not None:
                best = held
                passed.add(best.route)
        elif when_where and best.route[0] == "faq" and best.explained and all(
                tokens[i].fold in _WHEN_FOLDS for i in best.explained):
            # "lễ khai mạc | mấy giờ bắt đầu": an FAQ entry found on the words that ask when
            # gives way to the event the message names on words of its own.
            # (not an event told in a part that says what is done, the question asked in
            # another: "tôi đã xem bảng xếp hạng cuộc thi rồi, | cho hỏi tuần lễ kết thúc vào
            # ngày nào"; "tôi muốn đi dự lễ khai mạc, | tổ chức ở đâu" asks of the event)
            # (round 26e)
            finished = _done_parts(tokens)
            # (an event named on three words of its own or more is named so, however strong
            # the FAQ's phrase of the words that ask: "khai mạc ở quận lê chân | kéo dài bao
            # lâu", the FAQ's "kéo dài bao lâu" five times as strong; round 31 c)
            named = next((c for c in candidates[1:]
                          if c.route[0] == "event" and c.explained
                          and not c.explained & best.explained
                          and (c.rank >= SUBJECT * best.rank or len(c.explained) >= 3)
                          and not (_told_apart(tokens, c, best) and all(
                              tokens[i].clause in finished for i in c.explained))
                          and self._named_event(c, candidates)), None)
            if named is not None:
                best = named
                passed.add(best.route)
        elif when_where and best.route[0] == "faq" and best.explained:
            # "lễ khai mạc | khi nào bắt đầu": "lễ" typed before an event's name names the
            # ceremony, and when or where is asked of it, though an FAQ entry holds the name
            # and the words that ask ("khai mạc khi nào": when the Week opens)
            ceremony = next((c for c in candidates[1:]
                             if c.route[0] == "event" and c.explained
                             and c.explained < best.explained
                             and parts.ceremony(tokens, min(c.explained))
                             and all(tokens[i].fold in _WHEN_FOLDS
                                     for i in best.explained - c.explained)), None)
            # "quận lê chân | khai mạc lúc nào": the phrase of the FAQ on the Week's dates
            # holds the event's name, and an event says more of it on words of its own (not
            # another FAQ entry's advice: "lớp học dùng internet an toàn ở đâu") (round 20e)
            ceremony = ceremony or next((c for c in candidates[1:]
                                         if best.route == _WEEK_DATES
                                         and c.route[0] == "event" and c.explained
                                         and c.explained & best.explained
                                         and c.explained - best.explained
                                         and c.rank >= SUBJECT * best.rank
                                         and self._named_event(c, candidates)
                                         and all(tokens[i].fold in _WHEN_FOLDS
                                                 for i in best.explained - c.explained)),
                                        None)
            # "lớp tập huấn internet | cho công chức | học lúc nào": an event that holds all
            # the FAQ entry's words and names more of its own (whom it is for) is the one whose
            # time is asked, if nearly as strong (round 24 d)
            ceremony = ceremony or next((c for c in candidates[1:]
                                         if c.route[0] == "event"
                                         and c.explained > best.explained
                                         and c.rank >= CLARIFY_RATIO * best.rank
                                         and self._named_event(c, candidates)), None)
            if ceremony is not None:
                best = ceremony
                passed.add(best.route)
        if (ref is not None and ref.kind not in SCOPES and (
                best.route[0] in ("day", "today") or (best.route == _TAKE and not (
                    _REQUEST | _GOING_ON) & {t.fold for t in tokens}))
                and (" duoc " in run or " den het " in run)):
            # "cuối tuần có thi được không", "chủ nhật vẫn làm bài thi được chứ", "thi đến hết
            # ngày 7/10 à": whether the contest may be taken on a day named is its facts (it
            # is open every day until it closes), not what the day holds nor to start it now
            # (round 22 b); going on with an attempt begun on a day is ("tiếp tục bài thi
            # hôm qua được không")
            facts = next((c for c in candidates if c.route in _CONTEST_FACTS and c.explained
                          and not c.explained & ref.used), None)
            # (the contest's "thi", not "thì có" typed without marks: "mai được nghỉ học thi có
            # hoạt động nào")
            if facts is not None and any(t.fold == "thi" for t in tokens) and not any(
                    a.fold == "thi" and b.fold == "co" for a, b in itertools.pairwise(tokens)):
                best = facts
                passed.add(best.route)
        if ref is not None and ref.kind == "days" and not self._day_told(tokens, ref, best):
            # "hôm bế mạc tổ chức ở đâu", "sáng mai mấy giờ bắt đầu", "khai mạc hôm nay hay
            # mai": what is asked of the day named (round 20e)
            dated = self._asked_of_day(tokens, ref, best, candidates, info)
            if dated is not None:
                best = dated
                passed.add(best.route)
                passed |= self._alike_on_other_days(best, candidates, ref)
            library = self._library_opens(tokens, ref, best, candidates, info)
            if library is not None:
                best = library
                passed.add(best.route)
            else:
                held = self._library_event_of_day(ref, best, candidates)
                if held is not None:
                    best = held
                    passed.add(best.route)
        if (ref is not None and ref.kind == "days" and best.route[0] in ("event", "activities")
                and _what_else(tokens)):
            # "hôm nay khai mạc xong còn gì nữa không", "ngoài lễ khai mạc hôm nay còn gì
            # nữa": what else the day holds, its list, not the event told (round 38)
            day = next((c for c in candidates if c.route[0] in ("day", "today")), None)
            if day is not None:
                best = day
                passed.add(best.route)
        # (the event before the programme: a programme named on words of its own and asked
        # when or where is its event's day, "hôm nào có buổi ông bà cháu cùng đọc sách")
        for rule in (self._held_how, self._learned_on, self._reading_not_screens,
                     self._where_to_start, self._resource_named,
                     self._free_resource, self._resource_group,
                     self._reading_online, self._read_on_screen, self._event_of_reading,
                     self._programme_joined,
                     self._day_of_programme, self._library_day, self._programme_of_library,
                     self._borrowed_there):
            found = rule(tokens, best, candidates)
            if found is not None:
                best = found
                passed.add(best.route)
        if best.route in _LISTS and best.explained:
            # "thư viện có những chương trình gì": the list asked for is the subject's, the
            # subject named before "có" or "là" (not an FAQ entry: "tuần lễ có những hoạt
            # động gì"; "luân chuyển sách là chương trình gì").
            has = next((i for i, t in enumerate(tokens)
                        if t.fold in ("co", "la") and not t.expanded), -1)
            # (the unit that writes is no subject: "ủy ban xã | muốn làm tủ sách cho cán bộ, có
            # chương trình nào …" asks the reading's programmes; round 22 d)
            # (of the subjects found there, the one that holds most of its words: "đoàn trường
            # phát động hs góp sách cũ cho thư viện thôn, | có hướng dẫn gì không" is the
            # library's, not the event named on "phát động"; round 22 d)
            asker = self._asker(tokens, best)
            # (a subject said in the part of "có", before it, is the subject: "tôi bị lừa trên
            # mạng nên sợ học online, | tuần lễ có hoạt động nào học trực tiếp không" asks the
            # Week's list, not the courses of the story) (round 26 e)
            part_start = next((i for i, t in enumerate(tokens) if has >= 0
                               and t.clause == tokens[has].clause), 0)
            subject_said = any(t.kind == "word" and (not self.index.is_filler(t)
                                                     or t.fold in self._week_words)
                               for t in tokens[part_start:max(has, part_start)])
            owners = [c for c in candidates[1:] if 0 < has < max(best.explained)
                      and c.explained and c.rank >= SUBJECT * best.rank
                      and c.route[0] not in _NOT_SUBJECTS and max(c.explained) < has
                      and not (subject_said and min(c.explained) < part_start)
                      and not c.explained <= asker | set_aside]
            owner = max(owners, key=lambda c: len(c.explained - asker), default=None)
            if owner is not None:
                best = owner
                passed.add(best.route)
        if best.route == ("activities", "") and best.explained:
            # "đọc sách liên thế hệ là như thế nào": a reading programme named whole is the
            # item asked about, not the list of activities one of whose titles holds its name.
            item = next((c for c in candidates[1:] if c.route[0] == "programme"
                         and c.explained and c.explained <= best.explained
                         and len(c.explained) >= 3), None)
            if item is not None:
                best = item
                passed.add(best.route)
        if not when_where and best.route[0] == "event":
            # Events named after the contest ("Mở Cuộc thi Công dân học tập"): a question that
            # is not about when or where is about the contest itself (half as strong: the
            # events' titles hold the contest's whole name, "học sinh có thi công dân học tập
            # được không" asks of the contest) (round 20 c)
            named = _holding(candidates, best, "contest", TWO_QUESTIONS)
            if named is not None:
                best = named
                passed.add(best.route)
        if not when_where and best.route[0] == "event" and _HOW_TO & {
                t.fold for t in tokens}:
            # "làm sao để sử dụng internet an toàn": how to do what an event's title teaches,
            # asked with no word of the event its FAQ does not say too, is the FAQ's advice,
            # not the event's day (round 34 b)
            advice = _holding(candidates, best, "faq", SUBJECT)
            if advice is not None:
                best = advice
                passed.add(best.route)
        if not when_where and (best.route[0] in _FEE_ASKED_OF or best.route in _REMINDERS):
            # "lớp kỹ năng số | có thu tiền không": the fee asked of an event named before it
            # (round 21 b), or of what the bot does ("đăng ký nhận tin nhắc | có mất tiền
            # không", round 23 d)
            fee = self._fee_of_named(tokens, best, candidates)
            if fee is not None:
                best = fee
                passed.add(best.route)
        if (best.route in _REMINDERS or best.route in _HALTS or best.route == (
                "privacy", "")) and self._cancelled(tokens, candidates):
            # "hủy đki nhắc lịch", "ngừng đăng ký nhận tin": the reminders are cancelled (and
            # "thôi khỏi | nhận tin nhắc nhé": the stop's words cancel them; "bỏ tên em ra
            # khỏi | danh sách nhận tin": the name taken off the reminders' list; round 32e)
            return replace(base, feature="unsubscribe", score=best.rank,
                           explained=frozenset(best.explained),
                           unexplained=len(lettered - best.explained))
        if best.route in _REMINDERS and (stopped := _stopped_after(candidates, best)):
            # "đăng ký nhận tin rồi giờ muốn hủy", "ngày nào cũng nhận tin nhắn nhiều quá, bác
            # muốn thôi không nhận nữa": the reminders told first, then stopping them asked: the
            # wish said last (round 30, lead)
            return replace(base, feature="unsubscribe", score=stopped.rank,
                           explained=frozenset(best.explained | stopped.explained),
                           unexplained=len(lettered - best.explained - stopped.explained))
        # (of the same kind of phrase: a day asked of "có sự kiện gì không" stays the day)
        predicate = next((c for c in candidates[1:] if c.source == best.source
                          and c.route[0] not in ("smalltalk", "unknown")
                          and c.rank >= TWO_QUESTIONS * best.rank), None)
        if predicate is not None and self._predicate_asked(tokens, best, predicate) is predicate:
            best = predicate
            passed.add(best.route)
        # (nor an answer found only on what tells why the question is asked, before "cho hỏi",
        # "muốn hỏi": "… đang thi cdht, | … | tôi chỉ muốn hỏi lễ khai mạc ở đâu"; round 30 c)
        second = next((c for c in candidates if c.route not in passed and not (
            c.explained and max(c.explained) < why_told)), None)
        if second is not None and {best.route[0], second.route[0]} == {"event", "programme"}:
            # An event named after a programme ("Phát động xây dựng tủ sách lớp học"): a
            # question about when or where is about the event, any other about the programme
            # (but the programme's day named, "buổi luân chuyển sách thì những ai được đến":
            # the event; round 34c).
            wanted = "event" if when_where or _day_named_before(
                tokens, best if best.route[0] == "programme" else second) else "programme"
            if best.route[0] != wanted and self._unsure(best, second, tokens):
                best, second = second, None
            elif best.route[0] == wanted:
                second = None
        if (second is not None and best.explained < second.explained
                and second.source == best.source and second.route[0] != "smalltalk"
                and second.rank >= CLARIFY_RATIO * best.rank):
            # "tham gia mất phí không": of two answers nearly as strong, the one that explains
            # the other's words and more is meant.
            best, second = second, None
        if second is not None and best.route[0] == second.route[0] == "event":
            # "thi công dân học tập ở đâu": of the events named after the contest (it opens,
            # it closes), none is meant; the contest is, its facts say when and where
            contest = next((c for c in candidates if c.route == ("contest", "")
                            and best.explained | second.explained <= c.explained
                            and c.rank >= SUBJECT * best.rank), None)
            if contest is not None:
                best, second = contest, None
        if second is not None and best.route[0] == second.route[0] == "event" and (
                best.explained == second.explained) and self._unsure(best, second, tokens):
            # "lớp internet an toàn tổ chức ở đâu": two events found on the same words (the
            # safe-Internet classes for pupils and for civil servants), too close to choose,
            # and none named apart;
            # the FAQ that names them all, found on those words too, answers: it says who
            # holds them and where their times are; found on all their words but the class's
            # noun ("lớp"), as strong as they are (round 34 b)
            named = next((c for c in candidates if c.route[0] == "faq" and (
                (best.explained <= c.explained and c.rank >= SUBJECT * best.rank)
                or (best.explained & c.explained and all(
                    tokens[i].fold in _CLASS_NOUNS for i in best.explained - c.explained)
                    and c.rank >= CLARIFY_RATIO * best.rank))), None)
            if named is not None:
                best, second = named, None
        if second is not None and best.route == _TAKE and second.route[0] in (
                "contest", "event") and all(
                tokens[i].fold in self._contest_words for i in second.explained - best.explained):
            # "em muốn bắt đầu làm bài thi Công dân học tập": the contest named is what is
            # taken, not its facts asked (round 23 e), nor the event named after it ("cho e vào
            # thi công dân học tập với": its opening, round 28 b and d merged)
            second = None
        if second is not None and self._unsure(best, second, tokens):
            predicate = self._predicate_asked(tokens, best, second)
            if predicate is None:
                # (each answer's own words, those the other does not explain, in parts of
                # their own: "ai được | tham gia, | có mất tiền không")
                parts_1 = {tokens[i].clause for i in best.explained - second.explained}
                parts_2 = {tokens[i].clause for i in second.explained - best.explained}
                return replace(base, feature="clarify", candidates=(best.route, second.route),
                               score=best.rank, apart=bool(parts_1 and parts_2)
                               and not parts_1 & parts_2)
            best = predicate
        # (what the message sets aside or denies is accounted for by the answer given
        # instead: "ngoài lễ khai mạc | còn sự kiện nào khác"; and two things compared by
        # what is asked of them after "cái nào": "học online với học trực tiếp | cái nào tốn
        # tiền hơn", round 27 b)
        if best.explained and min(best.explained) >= asked_from >= 0:
            denied = denied | them
        # (and so are the parts told as done before the answer's words, the answer found after
        # them: "e dc top 10 bxh roi, | gio xem lai dap an nhung cau sai dc ko": the standing
        # told is why it is asked, not a word the answer leaves unexplained for the examples'
        # model to answer instead; round 30 b. Not the writer's introduction: "tôi là trưởng ban
        # văn hóa phường …" left unexplained lets the model name the event asked; nor before a
        # time found alone, "nick zalo bi hack r, | lam j bay gio": what was done is what is
        # asked of.)
        if best.explained and ended and min(best.explained) > max(ended) and (
                best.route[0] not in _CALENDAR):
            denied = denied | ended
        if when_where and best.route[0] == "event" and best.explained and self._named_event(
                best, candidates):
            # (the question's own words asked of the event named on words of its own:
            # _ASKED_OF_EVENT; not of one found on the list of activities' words, "hoạt động
            # tuần lễ tổ chức đến ngày mấy")
            named_in = {tokens[i].clause for i in best.explained}
            denied = denied | {i for i in lettered - best.explained
                               if tokens[i].clause in named_in and (
                                   tokens[i].fold in _WHEN_FOLDS | _ASKED_OF_EVENT
                                   or (tokens[i].fold == "tieng" and i
                                       and tokens[i - 1].fold in ("may", "nhieu")))}
        return replace(base, feature=best.route[0], arg=best.route[1], score=best.rank,
                       explained=frozenset(best.explained),
                       unexplained=len(lettered - best.explained - denied))

    def _command_of(self, tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """"muốn thi công dân học tập thì gõ lệnh gì": the command asked is of what is named
        (its answer tells the command), not the list of every command; events have none
        (round 23 e)."""
        if best.route != ("help", "") or not best.explained or not all(
                tokens[i].fold in _COMMAND_WORDS for i in best.explained):
            return best
        return next((c for c in candidates if c is not best and c.explained - best.explained
                     and c.route[0] not in _NO_COMMAND), best)

    def _accented(self, tokens: list[Token]) -> bool:
        """Does the citizen type diacritics? Then a word typed without them is that word.
        Marks typed as Telex keys count only where every word has its marks: keys are often
        left out of a word ("chu ddeef": chủ đề)."""
        marked = unmarked = keyed = 0
        # The fillers that open and close a message ("cho mình hỏi chút …", "… ạ", "… nhé")
        # are typed with marks by habit or by the phone where the question itself is not:
        # they decide only a message of fillers alone.
        filler = self.index.fillers(tokens)
        said = [i for i, t in enumerate(tokens) if t.kind in ("date", "time") or (
            t.kind == "word" and not filler[i])]
        first, last = (said[0], said[-1]) if said else (0, len(tokens) - 1)
        for k, t in enumerate(tokens):
            if t.kind != "word" or t.expanded:
                continue
            if not first <= k <= last:
                # outside the question a filler typed with marks proves nothing, one typed
                # without them still says the marks are left out ("tamj biet nhe": tạm biệt)
                if not (t.keyed or t.marked) and t.text not in self.index.texts_by_fold.get(
                        t.fold, {t.text}):
                    unmarked += 1
                continue
            if t.keyed:
                keyed += 1
            elif t.marked:
                marked += 1
            elif t.text not in self.index.texts_by_fold.get(t.fold, {t.text}):
                unmarked += 1  # a word that is written with marks, typed without
        # half a message typed with marks ("thu viện ở dau"): a word left without them is
        # read as typed without marks unless twice as many have theirs
        return marked > 2 * unmarked or (marked + keyed >= 1 and unmarked == 0)

    def _info(self, tokens: list[Token], used: frozenset[int], accented: bool,
              lead: int = 0) -> tuple[dict[int, float], set[int]]:
        """What each content word says (fillers, the date's words and the `lead` words that
        ask leave to ask left out), and which of them the bot does not know. (The words in
        their order: a sum over some of them reads them so, the same sum to the last bit.)"""
        info: dict[int, float] = {}
        unknown: set[int] = set()
        folds = [t.fold for t in tokens]
        runs = self._filler_runs(tokens)
        # the particles that close the message ("… đóng cửa với ạ", typed "voi a") say nothing
        closing = parts.closed(tokens, 0, len(tokens))
        prepositions = [j for j, t in enumerate(tokens) if t.text in _PREPOSITIONS]
        filler = self.index.fillers(tokens)
        for i, t in enumerate(tokens):
            if i in used or i in runs or i < lead or i >= closing \
                    or t.kind not in ("word", "number") or filler[i]:
                continue
            if _quantity(tokens, i) or _money_unit(tokens, i):
                continue  # "60 giây", "10 câu", "1 lần", "30s", "top 10": how many, no subject
            if t.kind == "number":
                value = NUMBER_INFO
                unknown.add(i)
            elif not t.marked and t.fold in SELF and (
                    (i > 0 and folds[i - 1] in _OWNERS)
                    or (i + 1 < len(tokens) and folds[i + 1] in _DOES)):
                continue  # "nha toi", "toi da": typed without marks, who writes (tôi)
            elif self._known(t, accented) and not self._elsewhere_only(t):
                value = self.index.idf.get(t.fold, 1.0)
                if not accented and t.fold in self.index.filler_like and not (
                        t.fold == "thi" and i + 2 < len(tokens) and folds[i + 1] == "duoc"
                        and folds[i + 2] in YES_NO):
                    # "ve": về (a filler) or vé; but "thi được không" is the contest's "thi"
                    # ("bố mẹ e 50 tuổi thi dc k"; round 24c)
                    value *= FILLER_LIKE
            else:
                value = UNKNOWN_INFO
                unknown.add(i)
            if prepositions and any(max(lead, i - 2) <= j < i for j in prepositions):
                value *= AFTER_PREPOSITION
            info[i] = value
        return info, unknown

    def _filler_runs(self, tokens: list[Token]) -> set[int]:
        """The positions of the fillers of two or three words ("ở hải phòng", "tại hp")."""
        folds = [t.fold for t in tokens]
        # (the words that start such a run first, each once: most start none)
        starts = self.index.filler_run_starts
        return {i + k for i, f in enumerate(folds) if f in starts for n in (2, 3)
                if i + n <= len(folds) and tuple(folds[i:i + n]) in self.index.filler_runs
                for k in range(n)}

    def _vocabulary(self, tokens: list[Token], info: dict[int, float],
                    best: _Candidate) -> set[int]:
        """The words of the message that no phrase of the answer `best` was found on but that
        its phrases are made of (its own vocabulary: "trang", "web" of "trang web xấu" for the
        safe-Internet answer)."""
        unit = self.index.unit(best.route)
        if unit is None or not best.explained:
            return set()
        return {i for i in info if i not in best.explained
                and unit in (units := self.index.units_of_fold.get(tokens[i].fold, ()))
                and len(units) <= OWN_UNITS}

    def _known(self, t: Token, accented: bool) -> bool:
        """A word the bot knows. A word typed with marks in a message mostly typed without
        them is known as typed too ("mai có bão khong": no "bao"), or, typed with no tone, by
        its vowels' shapes, the tone left out ("luc mây gio": mấy)."""
        if accented or not t.marked or t.keyed or t.expanded:
            return self.index.known(t, accented)
        return t.text in self.index.vocab_texts or (
            not tone(t.text) and t.text in self.repairer.shapes)

    def _elsewhere_only(self, t: Token) -> bool:
        """A word the bot knows only from a subject that is not the Week's."""
        return t.fold in self.index.elsewhere_folds

    def _stray(self, tokens: list[Token], info: dict[int, float],
               settled: set[int]) -> set[int]:
        """Known words no answer explains that stand next to each other in an order no phrase
        of the content has ("thời tiết", "giá vàng"): the name of something else, which says
        as much as an unknown word."""
        stray: set[int] = set()
        for i in info:
            j = i + 1
            if j in info and not {i, j} & settled and tokens[i].kind == tokens[j].kind == "word" \
                    and tokens[j].fold not in DATE_FOLDS \
                    and (tokens[i].fold, tokens[j].fold) not in self.index.bigrams:
                stray |= {i, j}
        return stray

    def _candidates(self, tokens: list[Token], matches: list[Match], ref: DateRef | None,
                    info: dict[int, float], unknown: set[int], total: float,
                    today: date, english: bool = False) -> list[_Candidate]:
        content = set(info)
        # Words around which the message names an organization ("ban | tổ chức", "ai tổ chức")
        named_by = {i for m in matches if not m.inner
                    and self.index.units[m.unit][0] in _ADDRESSEES
                    for i in range(m.start - 1, m.end + 1)}
        names = [(m.start, m.end) for m in matches
                 if self.index.units[m.unit][0] in _ADDRESSEES and m.end - m.start >= 3]
        by_unit: dict[int, list[Match]] = {}
        for m in matches:
            if m.alone and (ref is not None or content - set(range(m.start, m.end))
                            or any(self.index.units[o.unit][0] == "unknown"
                                   and (o.start < m.start or o.end > m.end) for o in matches)
                            or _asked_back(tokens) or _only_said(tokens, m.start)):
                # the message says something else: words no answer holds, a day, or a subject
                # the bot knows is not the Week's ("đăng ký học | thêm toán": private lessons);
                # or it asks whether that is all ("thế thôi à", "chỉ ở hải phòng thôi à")
                continue
            if self.index.units[m.unit][0] == "stop" and _only_said(tokens, m.start) and any(
                    tokens[k].fold == "thoi" for k in range(m.start, m.end)):
                continue  # "tuần lễ chỉ có 3 ngày thôi à": "chỉ … thôi" says only, no stop
            if names and self.index.units[m.unit][0] not in _ADDRESSEES and any(
                    a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in names):
                continue  # a word of a name ("ban tổ chức") is the name, not the verb
            if m.inner and self.index.units[m.unit][0] in _ADDRESSEES \
                    and not named_by & set(range(m.start, m.end)):
                # two words from inside an organization's name, with nothing around them that
                # names one, are the words' everyday sense ("năm sau có tổ chức nữa không")
                continue
            by_unit.setdefault(m.unit, []).append(m)
        # Where each answer's phrases end (not small talk's); those that ask apart: what
        # follows "khi nào" is what is asked about ("khi nào | đóng cuộc thi"), unless it is
        # one word ("ngày nào | thi kết thúc": thì).
        ends: dict[int, set[int]] = {}
        asking: dict[int, set[int]] = {}
        # (whether a phrase's words ask, read once a span: several units share a span, and
        # the qualifier's rule below asks again)
        spans_ask: dict[tuple[int, int], bool] = {}

        def span_asks(m: Match) -> bool:
            if (m.start, m.end) not in spans_ask:
                spans_ask[m.start, m.end] = parts.asks(tokens, m.start, m.end)
            return spans_ask[m.start, m.end]

        for unit, unit_matches in by_unit.items():
            if self.index.units[unit][0] != "smalltalk":
                for m in unit_matches:
                    if m.end - m.start == 1 and not tokens[m.start].marked \
                            and tokens[m.start].fold in _PREPOSITION_FOLDS:
                        continue  # "ve" may be về: "hỏi ve | thư viện" qualifies nothing
                    (asking if span_asks(m) else ends).setdefault(m.end, set()).add(unit)
        # Where a yes/no question ends ("... có ... không"): -1 when it is not one.
        asks_yes_no = max((i for i, t in enumerate(tokens)
                           if t.text in ("không", "chưa") or t.fold in ("khong", "chua")),
                          default=-1)
        # "is the contest free": the last phrase of an English yes/no question is asked.
        asked_last = english and _en_yes_no(tokens)
        last_asked = len(tokens)
        while asked_last and last_asked > 1 and (
                tokens[last_asked - 1].kind != "word"
                or tokens[last_asked - 1].fold in _EN_AFTER_ASKED):
            last_asked -= 1
        if asked_last:
            # "is there a fee for the events", "do i need to pay for the quiz": what follows
            # "for" says what the phrase just before it is for; that phrase is asked (round 27 e)
            cut = next((i for i in range(2, last_asked) if tokens[i].fold == "cho"
                        and tokens[i].expanded and tokens[i - 1].kind == "word"), None)
            if cut is not None and any(m.end == cut and self.index.units[m.unit][0] not in
                                       ("smalltalk", "unknown") for m in matches):
                last_asked = cut
        # A quận/huyện named in the message ("khai mạc ở quận lê chân"): its own event no
        # longer gives way to the city's, and the name is explained by it.
        run = parts.run(tokens)
        named = {unit: parts.spans(tokens, name) for unit, name in self.index.district_of.items()
                 if f" {name} " in run}
        found: dict[int, _Candidate] = {}
        repaired = {i for i, t in enumerate(tokens) if t.repaired}
        for unit, unit_matches in by_unit.items():
            taken: set[int] = set()
            score, source = 0.0, -1
            explained: set[int] = set()
            if len(unit_matches) > 1:
                unit_matches = sorted(unit_matches, key=lambda m: (-m.weight, m.start))
            for m in unit_matches:
                span = set(range(m.start, m.end))
                if span & taken:
                    continue
                taken |= span
                weight = m.weight
                if span & repaired:
                    weight *= CORRECTED
                joint = m.start
                while joint > 0 and (tokens[joint - 1].fold in _CLOSERS
                                     or tokens[joint - 1].kind == "number"):
                    joint -= 1
                before_ends = ends.get(m.start, set()) | ends.get(joint, set())
                if m.end - m.start == 1:
                    before_ends |= asking.get(m.start, set()) | asking.get(joint, set())
                # A run of an item's name is the name ("chương trình | luân chuyển sách"),
                # and what an English yes/no question ends on is asked: neither qualifies.
                name = m.source in (ITEM, LIST) and m.end - m.start >= 2
                last = asked_last and m.end == last_asked
                qualifies = False
                if last:
                    weight *= PREDICATE
                elif before_ends - {unit} and not name and not span_asks(m) \
                        and tokens[m.start - 1].clause == tokens[m.start].clause \
                        and not _suffered_by(tokens, m.start):
                    # (never across a comma: "lần đầu, | bot hướng dẫn giúp")
                    weight *= QUALIFIER  # "khóa học | miễn phí", not "tuần lễ | diễn ra bao giờ"
                elif m.end in info and m.end not in unknown \
                        and tokens[m.end].clause == tokens[m.start].clause and (
                            (english and [tokens[i].fold for i in sorted(span)]
                             == ["mien", "phi"])
                            or (tokens[m.end - 1].expanded and tokens[m.end - 1].fold == "phi")):
                    # "free | ebooks": English says the qualifier first, and so does a
                    # Vietnamese message that borrows the word ("co free course nao hay k",
                    # round 36 b: nor is it what "có" asks)
                    weight *= QUALIFIER
                    qualifies = True
                # (never across a comma either: "cho em hỏi với, | đang diễn ra gì")
                before = tokens[m.start - 1].text if m.start and tokens[
                    m.start - 1].clause == tokens[m.start].clause else ""
                device = bool(before) and unit in self._phone_book and m.end - m.start == 2 and (
                    tokens[m.start - 1].fold in _ON_DEVICE
                    or tokens[m.start - 1].text in _ON_DEVICE) and (
                    tokens[m.start].fold, tokens[m.start + 1].fold) == ("dien", "thoai")
                # (the borrowed "free" said before the thing: "có free | course nào",
                # round 36 b: what "có" asks is the thing)
                free = m.start >= 3 and tokens[m.start - 1].expanded and [
                    t.fold for t in tokens[m.start - 2:m.start]] == ["mien", "phi"] and tokens[
                    m.start - 3].clause == tokens[m.start].clause
                if before in _PREPOSITIONS or device:
                    weight *= AFTER_PREPOSITION  # "lớp tin học | cho người già"
                elif (before in ("có", "co", "phải", "phai") or (
                        free and tokens[m.start - 3].text in ("có", "co"))) \
                        and asks_yes_no > m.start and not qualifies:
                    weight *= PREDICATE
                follower = None  # (a loop: a generator costs more on two or three words)
                for k in range(m.end, min(len(tokens), m.end + 3)):
                    if k in info or tokens[k].kind != "word":
                        follower = k
                        break
                if follower in unknown and tokens[follower].kind == "word" and not (
                        m.end - m.start >= 2
                        and (tokens[m.end - 2].fold, tokens[m.end - 1].fold) in _POSING) \
                        and not _teaches(self.index.units[unit], tokens, m.end):
                    weight *= MODIFIED  # "giá | vàng": not the price the bot knows
                elif not device:  # (the phone one listens on explains no number asked)
                    explained |= span
                score += weight
                source = max(source, m.source)
            if unit in named and explained:
                score /= DISTRICT_EVENT
                explained |= named[unit]
            found[unit] = _Candidate(self.index.units[unit], score, explained, source)
        # "tháng 10", "năm nay" name the Week's time: the list asked ("tháng 10 có gì") answers
        # by itself. "năm ngoái có gì", "tháng 11 có sự kiện gì": a list of another time is
        # answered with when the Week is; a month or year with no list asked answers nothing
        # ("năm nay có bão to không").
        dated = self._dated & set(found)
        if ref is not None and (ref.kind not in SCOPES or (ref.kind == "outside" and dated)):
            scope = ref.kind in SCOPES
            day = _Candidate(self._date_route(ref, today), SCOPE_SCORE if scope else DATE_SCORE,
                             set(ref.used), INTENT + 1)
            for unit in dated:
                merged = found.pop(unit)
                day.score += merged.score
                day.explained |= merged.explained
            found[-1] = day
        # "khai mạc có cần mặc đồng phục hay mang gì không": what one wears or brings, said
        # in the part that names an event, is asked of it (its card says where, when and
        # for whom; round 25d)
        attending = _attending(tokens)
        if attending:
            # (an event found on whom it is for alone is not named: "học sinh có cần mặc
            # đồng phục không" asks of school)
            # (nor an event found only on words another answer holds too, the list of
            # activities aside: "thư viện phường mở cửa mấy giờ" asks of the library)
            for c in found.values():
                if c.route[0] == "event" and c.explained and not all(
                        tokens[i].fold in _LEARNERS for i in c.explained) and not any(
                        o.route[0] != "event" and o.route not in _ACTIVITIES
                        and c.explained <= o.explained for o in found.values()):
                    clauses = {tokens[i].clause for i in c.explained}
                    c.explained |= {i for i in attending if tokens[i].clause in clauses}
        take = next((c for c in found.values() if c.route == _TAKE and c.explained), None)
        if take is not None:
            # "vào thi | cuộc thi công dân học tập": the contest named after the take is what
            # is taken; the take says those words too (round 23 e)
            first = min(take.explained)
            take.explained |= {i for c in found.values() if c.route[0] == "contest"
                               for i in c.explained
                               if i > first and tokens[i].fold in self._contest_words}
        board = next((c for c in found.values() if c.route == _BOARD and c.explained), None)
        if board is not None:
            # "thứ hạng | cuộc thi công dân học tập", "check rank | cdht": the contest named
            # after the ranking's words is whose ranking is asked; they say those words too
            # (round 30 b)
            # (the name itself, "công dân học tập": "thi" alone after "xem bxh, cho e thi thử"
            # is taken, "thì" after "xem điểm của cháu thi xem ở đâu" no contest)
            first = min(board.explained)
            named_at = next((i for i in range(first + 1, len(tokens) - 1)
                             if tokens[i].fold == "cong" and tokens[i + 1].fold == "dan"), None)
            # ("cuộc thi", "thi" right before the name is the name too: "top 10 thi công dân
            # học tập", "xếp hạng cuộc thi công dân học tập", round 36 a)
            while named_at is not None and named_at - 1 > first \
                    and tokens[named_at - 1].fold in _NAME_LEAD:
                named_at -= 1
            if named_at is not None:
                board.explained |= {i for c in found.values() if c.route[0] == "contest"
                                    for i in c.explained if i >= named_at
                                    and tokens[i].fold in self._contest_words}
        for c in found.values():
            # (a list summed, in the same order: a generator resumed at each word cost more;
            # the words it explains in their order, which is `info`'s: _info)
            said = sum([info[i] for i in sorted(c.explained) if i in info], 0.0)
            if ref is not None and ref.used <= c.explained:
                said += SCOPE_INFO if ref.kind in SCOPES else DATE_INFO
            c.rank = c.score * (1 - COVERAGE + COVERAGE * (said / total if total else 1.0))
        return sorted(found.values(), key=lambda c: (-c.rank, -c.source))

    def _said_nothing(self, t: Token) -> bool:
        """A filler, or typed without marks a word that may be one ("ca": cả)."""
        return self.index.is_filler(t) or (not t.marked and t.fold in self.index.filler_like)

    def _address(self, tokens: list[Token], matches: list[Match],
                 candidates: list[_Candidate], accented: bool) -> list[_Candidate]:
        """Whom a greeting, thanks or call speaks to is not asked about: "chào ban tổ chức",
        "cảm ơn btc nhiều", "btc ơi" are small talk (the name right after the small talk, or
        right before "ơi", in the same part, with only fillers between)."""
        talk = [c for c in candidates if c.route in _SPOKEN_TO]
        calls = [i for i, t in enumerate(tokens) if t.fold == "oi" and not t.expanded
                 and (not t.marked or t.text == "ơi")]
        if not talk and not calls:
            return candidates
        # the organizations' phrases, by where they start and where they end
        names = [(m.start, m.end) for m in matches
                 if self.index.units[m.unit][0] in _ADDRESSEES]
        if not names:
            return candidates
        said = set().union(*(c.explained for c in talk))

        def named(k: int, step: int) -> set[int]:
            """One name (the longest phrase of an organization) at k, after fillers."""
            clause = tokens[k - step].clause
            run: set[int] = set()
            while 0 <= k < len(tokens) and tokens[k].clause == clause:
                at = [(a, b) for a, b in names if (a if step > 0 else b - 1) == k]
                if at:
                    a, b = max(at, key=lambda n: n[1] - n[0])
                    name = set(range(a, b))
                    break
                if k in said or not self._said_nothing(tokens[k]) or (
                        step > 0 and tokens[k].fold in _NOT_ADDRESSED):
                    return set()
                run.add(k)
                k += step
            else:
                return set()
            if step > 0:
                # what follows the name: a question about it is asked ("cảm ơn thư viện mở
                # cửa mấy giờ"); after thanks, "đã …" or "vì …" is what they are thanked for
                rest = [i for i in range(b, len(tokens)) if tokens[i].clause == clause]
                if rest and parts.asks(tokens, b, rest[-1] + 1):
                    return set()
                if rest and tokens[b].fold in _REASONS and any(
                        c.route == ("smalltalk", "thanks") for c in talk):
                    name |= set(rest)
            return run | name

        addressed: set[int] = set()
        for i in said:
            # after a call the name is what is asked ("bot ơi thư viện", "ad ơi cho hỏi sđt"):
            # the call speaks to whom it follows
            # (not what "trực" (on duty) staffs: "có ai trực | điện thoại không" asks of the
            # phone line; round 29 a)
            if i + 1 not in said and i + 1 < len(tokens) and i not in calls \
                    and tokens[i].fold != "truc":
                addressed |= named(i + 1, 1)
        for a, b in names:  # "chào | ban tổ chức", read "chào bạn" too
            if 0 < a in said and b - 1 not in said and tokens[a].fold != "truc":
                addressed |= named(a, 1)
        for i in calls:
            if i > 0 and (before := named(i - 1, -1)):
                addressed |= before | {i}
                after = named(i + 1, 1) if i + 1 < len(tokens) else set()
                if [tokens[k].fold for k in sorted(after)] == [tokens[k].fold for k in
                                                               sorted(before)]:
                    addressed |= after  # "btc ơi btc": the name said again
        if not addressed:
            return candidates
        # The name said inside a phrase of small talk ("chào btc buổi sáng", "cảm ơn btc
        # nhiều"): read without it, the phrase's words are small talk too.
        rest = [i for i in range(len(tokens)) if i not in addressed]
        for m in self.index.match([tokens[i] for i in rest], frozenset(), accented):
            span = [rest[k] for k in range(m.start, m.end)]
            if self.index.units[m.unit] in _SPOKEN_TO and span[-1] - span[0] >= m.end - m.start:
                addressed |= set(span)
        kept = [c for c in candidates if c.route[0] == "smalltalk" or not (
            c.explained and c.explained <= addressed)]
        if len(kept) == len(candidates):
            return candidates
        for c in talk:
            c.explained |= addressed
        if not talk:  # "btc ơi": a call alone greets
            kept.append(_Candidate(("smalltalk", "greeting"), SMALL_TALK_SCORE, addressed,
                                   INTENT))
        return sorted(kept, key=lambda c: (-c.rank, -c.source))

    @staticmethod
    def _told_after_thanks(tokens: list[Token], candidates: list[_Candidate],
                           best: _Candidate) -> _Candidate | None:
        """The thanks, when a message thanks and then only tells what the writer will do
        next ("cảm ơn ad, để em báo lại lớp", "cam on nhe, toi se tham gia cuoc thi"): the
        answer found on what is told is not asked. None when a question word asks something (a
        "?" alone does not: "…, để e gửi bc cho trường?")."""
        if best.route[0] in ("smalltalk", "unknown") or not best.explained \
                or parts.asks_yes_no(tokens, 0):
            return None
        thanks = next((c for c in candidates if c.route == ("smalltalk", "thanks")
                       and c.explained and max(c.explained) < min(best.explained)), None)
        if thanks is None:
            return Understander._thanked_for_done(tokens, candidates, best)
        after = [t for t in tokens[max(thanks.explained) + 1:] if t.kind == "word"]
        told = any((a.fold in _NEXT_BEFORE_SELF and b.fold in _WRITER) or (
            a.fold in _WRITER and b.fold in _NEXT_AFTER_SELF)
            for a, b in itertools.pairwise(after))
        # (or where the writer goes, asking nothing: "ok tks ad, e ra tv liền", "cảm ơn, mình
        # qua thư viện luôn"; round 34c)
        # (somewhere named after the verb: "tối qua" typed without marks is a night; whom the
        # writer takes may come between: "mai e dẫn bé đi thư viện")
        told = told or (any(a.fold in _WRITER and any(
            _goes_to(b) and j + 1 < len(after) for j, b in enumerate(
                after[k + 1:k + 1 + _TAKEN_WORDS + 1], k + 1))
            for k, a in enumerate(after))
                        and not _asking_parts(tokens) and not parts.asks(tokens, 0, len(tokens)))
        # (or what was done, thanked for: "cảm ơn bot đã nhắc lịch khai mạc, | nhờ bot mà tôi
        # không bị lỡ", "cảm ơn vì đã …") (round 26 e)
        called = [t for t in after if t.fold not in CALLS and t.fold not in _KIN_FOLDS]
        # (or a day between: "cảm ơn bot hôm qua đã nhắc, | tôi đến lớp đúng giờ", round 28 d)
        done = bool(called) and (called[0].text in ("đã", "vì") or (
            called[0].fold in ("da", "vi") and not called[0].marked) or tokens[
            max(thanks.explained)].clause in _told_parts(tokens)) and not _asking_parts(tokens)
        if told or done:
            return thanks
        return Understander._thanked_for_done(tokens, candidates, best)

    @staticmethod
    def _thanked_for_told(tokens: list[Token], candidates: list[_Candidate],
                          best: _Candidate) -> _Candidate | None:
        """The thanks of a message that asks nothing, when the answer is found in a part the
        thanks opens ("tks bot nhắc lịch nha, hôm qua e không bị lỡ") or that tells it as done
        or owed ("hôm qua đăng ký xong, sáng nay nhận được lịch luôn, cảm ơn nhé", "nhờ bot báo
        trước mà cả nhà đi kịp, thanks"): what is thanked for (an action, a day) is not asked
        for (round 28 d)."""
        if best.route[0] in ("smalltalk", "unknown") or not (
                best.explained or best.route in _ACTIONS):
            return None
        thanks = next((c for c in candidates if c.route == ("smalltalk", "thanks")
                       and c.explained and not c.explained & best.explained), None)
        if thanks is None or any(t.text == "?" for t in tokens) or _asking_parts(
                tokens) or parts.asks_yes_no(tokens, 0):
            return None
        if not best.explained:  # (what it was found on is told as received: _received)
            return thanks
        found = {tokens[i].clause for i in best.explained}
        first = min(best.explained)
        if best.route in _ACTIONS and any(i < first and tokens[i].clause in found
                                          for i in thanks.explained):
            return thanks
        return thanks if found & _told_parts(tokens) else None

    @staticmethod
    def _thanked_for_done(tokens: list[Token], candidates: list[_Candidate],
                          best: _Candidate) -> _Candidate | None:
        """The thanks that opens a message of several parts, none asking, when the answer is
        found in parts after it and one of them tells what is done ("cảm ơn ad nhiều nhé |
        hôm qua mình hỏi mà ad trả lời nhanh quá | con mình đã đăng ký được cuộc thi rồi |
        chúc ad sức khỏe"): what was done is why they thank (round 27 a)."""
        thanks = next((c for c in candidates if c.route == ("smalltalk", "thanks")
                       and c.explained and min(c.explained) < min(best.explained)), None)
        if thanks is None or len({t.clause for t in tokens}) < 3:
            return None
        found = {tokens[i].clause for i in best.explained}
        if tokens[min(thanks.explained)].clause in found or not found & _done_parts(
                tokens, alone=True) or _asking_parts(tokens):
            return None
        return thanks

    @staticmethod
    def _opens_leaving(tokens: list[Token]) -> bool:
        """Does the message open with "thôi" ("thôi em chào ạ")?"""
        words = [t for t in tokens if t.kind == "word"]
        return bool(words) and words[0].fold == _LEAVING_OPENER and not words[0].expanded

    @staticmethod
    def _going(tokens: list[Token]) -> bool:
        """Does a part of the message tell that the writer goes now to do something ("em đi
        làm đây", "thôi mình đi nấu cơm đây ạ")? Its words: "thôi" and who writes, maybe,
        then "đi", one or two words, and "đây" (closing particles aside)."""
        folds = {t.fold for t in tokens}
        if _GOING not in folds or _NOW_HERE not in folds:
            return False  # (most messages: no part opens with the one and ends with the other)
        for clause in {t.clause for t in tokens}:
            words = [t.fold for t in tokens if t.clause == clause and t.kind == "word"]
            while words and (words[-1] in CLOSING or words[-1] in _SPOKEN_AT_END):
                words.pop()
            while words and (words[0] == _LEAVING_OPENER or words[0] in _WRITER):
                words.pop(0)
            if (words and words[0] == _GOING and words[-1] == _NOW_HERE
                    and 3 <= len(words) <= _GOING_WORDS + 2):
                return True
        return False

    def _judged(self, tokens: list[Token], candidates: list[_Candidate],
                best: _Candidate) -> tuple[str, set[int]] | None:
        """What a message that asks nothing says of the thing its answer is found on, after
        naming it: that it is wrong ("lịch sai rồi", "bot gửi lịch sai": "sorry"), good ("cuộc
        thi hay ghê", said by an "ok" phrase after it), or known ("vâng cháu biết lịch rồi", "đã
        rõ lịch rồi": a word of knowing before it, "rồi" last: "ok"); with the words it is said
        on. None when it asks, orders an action, or says more (round 32 b)."""
        if best.route[0] in ("smalltalk", "unknown") or best.route in _ACTIONS or not (
                best.explained) or any(t.text == "?" for t in tokens):
            return None
        said = [i for i, t in enumerate(tokens) if t.kind == "word" and t.fold not in CALLS]
        while said and tokens[said[-1]].fold in CLOSING:
            said.pop()
        first, last = min(best.explained), max(best.explained)
        tail = [i for i in said if i > last]  # (fillers too: "rồi")
        rest = [i for i in said if i not in best.explained and not self.index.is_filler(tokens[i])]
        if not tail or len(rest) > _JUDGED_WORDS or any(
                tokens[i].fold in _WISHED for i in said if i < first) or _asking_parts(
                tokens) or parts.asks_yes_no(
                tokens, 0) or parts.asks(tokens, 0, len(tokens)):
            return None
        if any(tokens[i].fold in _WRONG for i in tail[:3]):
            # (right after the thing: "những câu tôi trả lời sai" are the writer's own)
            return "sorry", set(tail)
        named = {i for i in tail if not self.index.is_filler(tokens[i])}
        # (thanks said with it are the answer: "cảm ơn nhé, bot trả lời nhanh quá")
        thanks = next((c for c in candidates if c.route == ("smalltalk", "thanks")
                       and c.explained and not c.explained & best.explained), None)
        good = "thanks" if thanks is not None else "ok"
        praise = next((c for c in candidates if c.route == ("smalltalk", "ok")
                       and c.explained and max(c.explained) > last), None)
        if praise is not None and named <= praise.explained:
            return good, set(praise.explained)
        if [tokens[i].fold for i in tail] == ["roi"] and any(
                tokens[i].fold in _KNOWN_OF and i < first for i in said):
            return good, set(rest) | set(tail)
        return None

    def _how_are_you(self, tokens: list[Token], candidates: list[_Candidate],
                     used: frozenset[int]) -> _Candidate | None:
        """The greeting asking how the bot is ("bot khỏe không") when, besides the day, it says
        all the message says and holds all it asks ("hôm nay bot khỏe không"); None otherwise
        (round 32 b)."""
        greeted = next((c for c in candidates if c.route == _GREETING and any(
            tokens[i].fold == "khoe" for i in c.explained)), None)
        if greeted is None:
            return None
        rest = {i for i, t in enumerate(tokens)
                if t.kind == "word" and i not in used and not self.index.is_filler(t)}
        return greeted if rest <= greeted.explained and (
            parts.asking(tokens) <= greeted.explained) else None

    @staticmethod
    def _talk_later(tokens: list[Token], candidates: list[_Candidate], used: frozenset[int],
                    whole: set[int]) -> _Candidate | None:
        """A goodbye or a greeting said beside a day and the talk put off to it ("bye ad nha,
        mai ib tiep", "hẹn mai nói chuyện tiếp"): the goodbye, the greeting; None otherwise.
        Besides the small talk and the day, only words of talking again, and one of "tiếp",
        "sau", "lại" in the message."""
        if not any(t.fold in _LATER for t in tokens):
            return None
        talk = next((c for c in candidates if c.route in _PARTING and c.explained), None)
        if talk is None:
            return None
        rest = whole - talk.explained - used
        # (a "?" typed after it asks nothing: "bye ad nha, mai ib tiep?"; words that ask do)
        return talk if all(tokens[i].fold in _TALK_LATER for i in rest) and not parts.asks(
            tokens, 0, len(tokens)) else None

    @staticmethod
    def _kin_call(tokens: list[Token]) -> bool:
        """A message that only calls someone by a word for a person ("chị ơi", "bác ơi ạ",
        "co oi co"): the words for people, "ơi" after one of them, and closing particles,
        nothing else (an organisation called, "btc ơi", is read by `_address`)."""
        words = [t for t in tokens if t.kind == "word"]
        calls = [k for k, t in enumerate(words) if k and t.fold == "oi" and not t.expanded
                 and (not t.marked or t.text == "ơi") and words[k - 1].fold in _KIN_FOLDS]
        return bool(calls) and all(
            t.fold in _KIN_FOLDS or k in calls or (t.fold in CLOSING and not t.expanded)
            for k, t in enumerate(words))

    def _leave(self, tokens: list[Token]) -> int:
        """Where the question starts in a message that opens by asking leave to ask ("cho em
        hỏi", "ad ơi cho mình hỏi chút", "xin hỏi"), when a word of its own follows; 0 when
        it does not open so. The opener says nothing: no phrase runs across its end ("cho em
        hỏi | ai được thi" is no "hỏi ai"), its "cho" is no preposition and its words do not
        make the message long."""
        at = next((i for i, t in enumerate(tokens) if t.kind != "word" or t.fold == "hoi"
                   or not (self.index.is_filler(t) or t.fold in SELF)), -1)
        if at <= 0 or tokens[at].text not in ("hỏi", "hoi") or not any(
                t.fold in _ASKS_LEAVE for t in tokens[:at]):
            return 0
        end = at + 1
        while end < len(tokens) and tokens[end].fold in _LEAVE_TAIL:
            end += 1
        clause = tokens[at].clause
        # "anh chị ơi cho em hỏi với, | …": a part that only asks leave opens the next one
        if end < len(tokens) and tokens[end].clause != clause:
            clause = tokens[end].clause
        if not any(t.kind != "symbol" and not self.index.is_filler(t)
                   for t in tokens[end:] if t.clause == clause):
            return 0
        # "cho em hỏi ban tổ chức", asking nothing after the name: the one to ask is named
        rest = tokens[end:]
        if not (parts.asks(tokens, end, len(tokens)) or any(t.fold in ASK_WORDS for t in rest)
                or any(t.text == "?" for t in rest)):
            named = {i for m in self.index.match(rest, frozenset(), False)
                     if self.index.units[m.unit][0] in _ADDRESSEES
                     for i in range(m.start, m.end)}
            if all(i in named or rest[i].kind != "word" or self.index.is_filler(rest[i])
                   for i in range(len(rest))):
                return 0
        return end

    @staticmethod
    def _predicate(tokens: list[Token], candidates: list[_Candidate],
                   best: _Candidate) -> _Candidate:
        """In a yes/no question ("mượn sách ở thư viện | có mất tiền không"), an answer found
        only on the subject before "có" gives way to one nearly as strong found on what is
        asked of it, from "có" to "không"."""
        has = next((i for i, t in enumerate(tokens) if t.fold == "co" and not t.expanded), -1)
        end = max((i for i, t in enumerate(tokens) if t.fold in ("khong", "chua")), default=-1)
        if has <= 0 or end <= has or not best.explained or max(best.explained) >= has:
            return best
        # (a standing named is who it is asked of, however strong: "người đạt điểm cao | có
        # được nhận quà gì không" asks the contest's prizes; round 23 d; so are people named
        # alone, whatever answer holds their name: "cán bộ công chức | có được dự thi không"
        # asks who may take part, not the civil servants' training, unless the answer found on
        # them says who may take part; round 24c)
        ratio = SUBJECT if best.route == ("leaderboard", "") or (best.route != _WHO and all(
            tokens[i].fold in _PEOPLE for i in best.explained)) else CLARIFY_RATIO
        return next((c for c in candidates[1:] if c.explained
                     and min(c.explained) >= has and max(c.explained) <= end
                     and c.route[0] not in ("smalltalk", "unknown")
                     and c.rank >= ratio * best.rank), best)

    @staticmethod
    def _quiz_timed(tokens: list[Token], candidates: list[_Candidate], best: _Candidate,
                    run: str) -> _Candidate | None:
        """How long, or how to start, asked of the quiz ("làm hết 10 câu mất tầm bao lâu",
        "thi xong bao lâu thì có điểm", "muốn thi thử cuộc thi thì bắt đầu thế nào"): the Week's
        dates, found only on the words that ask how long or on "bắt đầu", give way to the
        contest's facts (or its take, for how to start) found on "thi" or named by questions
        counted ("10 câu"); the Week named, its dates stay (round 24c)."""
        if best.route != _WEEK_DATES or not best.explained or " tuan le " in run or any(
                tokens[i].fold not in _WHEN_FOLDS for i in best.explained):
            return None
        started = any(tokens[i].fold == "bat" for i in best.explained)
        if started and not any(f" {q} " in run for q in _HOW_DONE):
            return None  # "thi bắt đầu khi nào": when (the rule on _WHEN_ONLY)
        # ("tg mỗi câu là 60s hay 30s": the time named, of the quiz's questions; round 26d)
        timed = all(tokens[i].fold in ("thoi", "gian") for i in best.explained)
        if not started and " bao lau " not in run and not timed:
            return None
        # (the quiz named by "thi", or by its questions, "mỗi câu", "10 câu" (round 26d: "thời
        # gian cho mỗi câu là bao lâu"); the score one gets after it, "làm xong bao lâu thì
        # biết điểm", is the leaderboard's)
        routes = _CONTEST_FACTS | {_TAKE} if started else _CONTEST_FACTS | {_BOARD}
        found = next((c for c in candidates if c.route in routes and c.explained
                      and not c.explained & best.explained
                      and any(tokens[i].fold in _QUIZ_NAMED for i in c.explained)), None)
        if found is not None:
            return found
        counted = {i + 1 for i in range(len(tokens) - 1)
                   if _quantity(tokens, i) and tokens[i + 1].fold == "cau"}
        return _Candidate(("contest", ""), best.score, best.explained | counted, best.source,
                          best.rank) if counted else None

    def _taught(self, tokens: list[Token], best: _Candidate, strange: set[int]) -> set[int]:
        """The words no answer explains (`strange`) right after a verb of teaching, or "học"
        said with where it is learned online (_teaches), that ends a phrase the courses' answer
        was found on or follows it ("co kenh nao day | nau an cho nguoi moi", "video dạy | trẻ
        hát múa", "khóa học | chăm sóc trẻ sơ sinh online", "trang web nào dạy | vẽ tranh màu
        nước"), up to the end of its part or a word of the answer again: what the course or the
        lecture teaches, not another subject asked (round 34a). A subject the lexicon names as
        not the Week's is a phrase of its own, not such a word."""
        subject: set[int] = set()
        # (or right after the verb said after such a phrase: "có trang web nào | dạy | vẽ tranh
        # màu nước")
        starts = {k + 1 for k in best.explained if _teaches(best.route, tokens, k + 1)} | {
            k + 2 for k in best.explained if k + 2 <= len(tokens) and k + 1 not in best.explained
            and tokens[k + 1].fold in _TAUGHT and _learning_online(best.route)}
        # (or "học" before them, the answer found on the online words alone after them in its
        # part, "học | trồng rau | qua mạng", "học | cắt tóc | qua zoom": the verb and what it
        # learns; not "con tôi học lớp 5 | muốn học thêm tiếng anh": round 38)
        online = bool(best.explained) and all(tokens[i].fold in _ONLINE_WORDS
                                              for i in best.explained)
        learned = {k for k, t in enumerate(tokens) if t.fold == "hoc" and k not in best.explained
                   and online and _learning_online(best.route)
                   and k + 1 < min(best.explained)
                   and tokens[min(best.explained)].clause == t.clause
                   and (k == 0 or tokens[k - 1].fold not in _NOT_LEARNING_BEFORE)
                   and tokens[k + 1].fold not in _NOT_LEARNING_AFTER}
        if learned:
            subject |= learned
            starts |= {k + 1 for k in learned}
        for start in sorted(starts):
            if start in best.explained:
                continue
            for i in range(start, len(tokens)):
                t = tokens[i]
                if t.clause != tokens[start - 1].clause or t.kind != "word" \
                        or i in best.explained:
                    break
                if i in strange:
                    subject.add(i)
        return subject

    @staticmethod
    def _books_about(tokens: list[Token], best: _Candidate) -> set[int]:
        """The words after "sách về", "truyện về", "tài liệu về" in the part the reading answer
        was found in ("thư viện xã có sách về | trồng trọt chăn nuôi không"): what the books
        are about, not another subject asked (round 26b)."""
        if not best.explained:
            return set()
        clause = tokens[max(best.explained)].clause
        folds = [t.fold for t in tokens]
        start = next((i + 1 for i in range(1, len(tokens) - 1)
                      if folds[i] == "ve" and folds[i - 1] in ("sach", "truyen", "lieu")
                      and tokens[i].clause == clause), None)

        if start is None:
            return set()
        return {i for i in range(start, len(tokens)) if tokens[i].clause == clause}

    @staticmethod
    def _ending_of_work(tokens: list[Token], best: _Candidate) -> bool:
        """Whether the message names a book or a film and then asks how it ends: its plot
        ("cuốn Nhà giả kim kết thúc thế nào"). Not an event's end ("ngày hội đọc sách kết
        thúc lúc mấy giờ": no work named; "lễ tổng kết" is no "kết thúc")."""
        if best.route[0] in ("event", "day", "today"):
            return False
        run = parts.run(tokens)
        at = min((run.find(e) for e in _ENDING if e in run), default=-1)
        return at >= 0 and any(f" {w} " in run[:at + 1] for w in _WORKS)

    @staticmethod
    def _language_of_site(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
        """A language asked of a learning site named before it ("Khan Academy có bản tiếng
        Việt không", "mấy trang học trên mạng có tiếng Việt không"): the site's list says which
        are in Vietnamese and marks those in English only; the bot's own language is not asked
        (round 34a)."""
        if best.route != ("language", "") or not best.explained:
            return best
        site = next((c for c in candidates if c.route[0] == "courses" and c.explained
                     and max(c.explained) < min(best.explained)), None)
        # (the language's words then explained by the site: asked of it)
        return best if site is None else replace(site, explained=site.explained | best.explained)

    @staticmethod
    def _certificate_of(tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> _Candidate:
        """A certificate asked of a course named ("khóa học trên mạng có cấp giấy chứng nhận
        không", "học online xong có chứng chỉ không"): the course's provider gives it, not the
        contest, whose phrases hold the certificate's words (round 26b)."""
        if best.route[0] != "contest" or not best.explained or any(
                tokens[i].fold not in _CERTIFICATE for i in best.explained):
            return best
        course = next((c for c in candidates if _learning_online(c.route)
                       and c.explained and not c.explained & best.explained
                       and min(c.explained) < min(best.explained)), None)
        # (the certificate's words then explained by the course: asked of it)
        return best if course is None else replace(
            course, explained=course.explained | best.explained)

    @staticmethod
    def _prize_of(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """What a standing gets, asked after it ("giải nhất được bao nhiêu tiền", "người
        thắng có được nhận quà không", "đạt giải có tiền thưởng không"): the contest's facts
        say what prizes there are; the leaderboard, found on the standing, says who holds it
        (round 24c). "ai đạt giải nhất" asks nothing got and stays the leaderboard."""
        if best.route != ("leaderboard", "") or not best.explained:
            return best
        last = max(best.explained)
        folds = [t.fold for t in tokens]
        # (the words that say what is got: "tiền", "thưởng", "nhận/được quà", "quà gì")
        got = {i for i in range(last + 1, len(tokens)) if folds[i] in _PRIZE_GOT}
        # ("giải nhất là gì", "giải nhì giải ba có gì không", "giải ba gồm những gì": what the
        # standing is, asked by "gì" right after it; round 26d)
        # (a standing named by "giải", asked "là gì", "có gì", "gồm những gì", "được gì": not
        # "xem bxh thì gõ lệnh gì")
        got |= {i for i in range(last + 1, len(tokens))
                if folds[i] == "gi" and not tokens[i].expanded and folds[i - 1] in _PRIZE_VERBS
                and "ai" not in folds[last:] and "giai" in {folds[j] for j in best.explained}}
        # ("1 câu đúng được bao nhiêu điểm", "trả lời đúng 1 câu dc mấy điểm": the points of a
        # question, not one's own score on the board; round 26d)
        first = min(best.explained)
        question = {j for j in range(first)
                    if folds[j] == "cau" and tokens[j].clause == tokens[first].clause}
        if question and all(folds[i] in _POINTS_ASKED for i in best.explained):
            got |= question
        got |= {j for i in range(last + 1, len(tokens) - 1)
                if (folds[i] in ("duoc", "nhan") and folds[i + 1] in ("qua", "gi"))
                or (folds[i] == "qua" and folds[i + 1] == "gi") for j in (i, i + 1)}
        if not got:
            # ("có phần quà nào | cho | người đạt điểm cao không": what is got named before
            # the standing it is for; round 30b)
            given = next((c for c in candidates if c.route in _CONTEST_FACTS and c.explained
                          and max(c.explained) < first and c.rank >= HALF * best.rank
                          and "cho" in folds[max(c.explained) + 1:first]), None)
            if given is not None:
                return replace(given, explained=given.explained | best.explained)
            # ("thi xong có được thi lại để lấy điểm cao hơn không": the score is what a retake
            # is for; the contest's rules say whether one may; round 26d)
            retake = next((c for c in candidates if c.route == ("contest", "")
                           and "cao" in {folds[i] for i in best.explained}
                           and c.explained and max(c.explained) < first
                           and any(folds[i] == "lai" for i in c.explained)
                           and c.rank >= HALF * best.rank), None)
            return best if retake is None else retake
        facts = next((c for c in candidates if c.route in _CONTEST_FACTS), None)
        # (explaining what is got: a yes/no question's predicate is then the prize's, not
        # another answer's "nhận quà", _predicate)
        if facts is None:
            return replace(best, route=("contest", ""), explained=best.explained | got)
        return replace(facts, explained=facts.explained | best.explained | got)

    @staticmethod
    def _quiz_topics(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """The topics of the quiz's questions ("câu hỏi về những chủ đề gì", "đề thi xoay
        quanh chủ đề nào"): the theme, found only on "chủ đề" after the questions are named in
        the same clause, gives way to the contest's facts (its questions are drawn evenly from
        the topics; round 26d). "chủ đề năm nay là gì" stays the theme."""
        if best.route not in (("theme", ""), ("faq", "chu-de")) or not best.explained or any(
                tokens[i].fold not in ("chu", "de") for i in best.explained):
            return best
        first = min(best.explained)
        named = {j for i in range(first - 1) for j in (i, i + 1)
                 if (tokens[i].fold, tokens[i + 1].fold) in _QUIZ_QUESTIONS
                 and tokens[i].clause == tokens[first].clause}
        if not named:
            return best
        facts = next((c for c in candidates if c.route == ("contest", "")), None)
        explained = best.explained | named
        if facts is None:
            return replace(best, route=("contest", ""), explained=explained)
        return replace(facts, explained=facts.explained | explained)

    @staticmethod
    def _quiz_device(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """The device the quiz is taken on ("thi trên máy tính được không hay phải dùng đt"):
        the safe Internet, found only on naming or using a device, gives way to the contest's
        facts found on "thi" with a device, if half as strong (round 26d)."""
        if best.route != ("faq", "internet-an-toan") or not best.explained or any(
                tokens[i].fold not in _QUIZ_DEVICE for i in best.explained):
            return best
        # (or "thi" asked with "được không" right after it: "dùng laptop thi dc hok"; "thì"
        # typed with its mark is no "thi")
        asked = {i for i, t in enumerate(tokens[:-2]) if t.fold == "thi" and t.text != "thì"
                 and tokens[i + 1].fold == "duoc" and tokens[i + 2].fold in YES_NO}
        return next((c for c in candidates if c.route == ("contest", "")
                     and any(tokens[i].fold == "thi" for i in c.explained)
                     and ((any(tokens[i].fold in _QUIZ_DEVICE for i in c.explained)
                           and c.rank >= HALF * best.rank) or c.explained & asked)), best)

    @staticmethod
    def _actor(tokens: list[Token], candidates: list[_Candidate],
               best: _Candidate) -> _Candidate:
        """A unit named before what it wants or must do ("hội khuyến học phường tôi | cần báo
        cáo những gì"): an answer that is only the unit's name (a contact, a body, the
        library, a programme, an event) gives way to one found wholly on what it wants or
        must do, if a quarter as strong."""
        modal = next((i for i, t in enumerate(tokens) if i and t.fold in _MODALS
                      and not t.expanded and not (
                          i + 1 < len(tokens) and tokens[i + 1].fold == "bo")), -1)
        if (modal <= 0 or best.route[0] not in _UNITS or not best.explained
                or max(best.explained) >= modal
                or tokens[min(best.explained)].clause != tokens[modal].clause):
            return best
        return next((c for c in candidates[1:] if c.explained and min(c.explained) > modal
                     and c.route[0] not in ("smalltalk", "unknown")
                     and c.rank >= SUBJECT * best.rank), best)

    def _week_subject(self, tokens: list[Token], candidates: list[_Candidate],
                      best: _Candidate) -> _Candidate:
        """The Week named as the subject of a question asked of it ("tuần lễ | dành cho ai",
        "khi nào thì có | tuần lễ học tập suốt đời", "tuần lễ | có những gì hay"): "what the
        Week is", found only on its name, gives way to an answer found on what is asked of
        it, if a quarter as strong."""
        if best.route != _WEEK or not best.explained or any(
                tokens[i].fold not in self._week_words for i in best.explained):
            return best
        # (not an answer told in the story, the Week named again in the part that asks:
        # "… đang phát động tủ sách lớp học nhân tuần lễ, | tuần lễ đó là gì") (round 26 e)
        return next((c for c in candidates[1:] if c.explained
                     and not c.explained & best.explained
                     and c.route[0] not in ("smalltalk", "unknown", "event", "programme")
                     and any(tokens[i].fold not in self._week_words for i in c.explained)
                     and not _told_apart(tokens, c, best, partly=True)
                     and c.rank >= WEEK_NAME * best.rank), best)

    @staticmethod
    def _what_else(candidates: list[_Candidate], aside: set[int]) -> list[_Candidate]:
        """What else there is, something set aside ("ngoài lễ khai mạc ra | còn có gì nữa",
        "ngoài cuộc thi còn có gì khác"): the rest of the Week's activities, when the list
        asked for is the schedule or the activities (the same words find both), or when
        nothing but what is set aside was found ("ngoài lễ khai mạc thì còn gì nữa")."""
        if not candidates or (candidates[0].route not in _LISTS and not all(
                c.explained <= aside for c in candidates)):
            return candidates
        listed = [c for c in candidates if c.route in _ACTIVITIES]
        return listed + [c for c in candidates if c.route not in _ACTIVITIES] if listed \
            else candidates

    @staticmethod
    def _rest_of_week(tokens: list[Token], candidates: list[_Candidate],
                      aside: set[int]) -> list[_Candidate]:
        """The rest of the Week asked past one thing, with nothing named after it ("ngoài thi
        ra | còn gì nữa không", "trừ cái thi ra thì | còn gì"), or with what the bot does asked
        but no bot named ("ngoài đi thi ra | còn làm được gì nữa"): the activities, when every
        answer found explains only what is set aside (or is the help) (round 36 a)."""
        if not candidates or not candidates[0].explained:
            return candidates
        lead = candidates[0]
        found = [c for c in candidates if c.explained and c.route[0] not in ("smalltalk",
                                                                           "unknown")]
        end = max(aside) + 1
        if end + 1 < len(tokens) and tokens[end].fold == "ra" and tokens[end + 1].fold == "thi" \
                and not tokens[end + 1].marked:
            aside = aside | {end + 1}  # ("tru cai thi ra thi con gi": thì after "ra")
        if lead.route[0] in ("smalltalk", "unknown") or not found:
            return candidates  # (a subject elsewhere set aside: "ngoài … ra" asks no Week's)
        if lead.route == ("help", ""):
            if any(t.fold in _THE_BOT for t in tokens):
                return candidates
        elif lead.route in _ACTIVITIES or not all(c.explained <= aside for c in found):
            return candidates
        listed = next((c for c in candidates if c.route in _ACTIVITIES), None)
        rest = listed if listed is not None else replace(lead, route=("activities", ""))
        return [replace(rest, rank=max(rest.rank, lead.rank), score=max(rest.score, lead.score),
                        explained=lead.explained),
                *(c for c in candidates if c is not rest and c is not lead)]

    @staticmethod
    def _narrower(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
        """A list (the schedule, the activities) found on words an FAQ entry explains with two
        more ("sự kiện | ở huyện mình", "nhắc giúp tôi | lịch sự kiện") gives way to that
        entry, if a quarter as strong: what is asked of the list is the entry's."""
        if best.route not in _LISTS or not best.explained:
            return best
        return next((c for c in candidates[1:] if c.route[0] == "faq"
                     # (the activities' own entry says what the list says)
                     and (best.route, c.route) != (("activities", ""), ("faq", "hoat-dong"))
                     and best.explained < c.explained
                     and len(c.explained - best.explained) >= 2
                     and c.rank >= SUBJECT * best.rank), best)

    def _programme_named(self, tokens: list[Token], candidates: list[_Candidate],
                         best: _Candidate) -> _Candidate:
        """"chương trình đọc sách | liên thế hệ là gì" (typed short: "ctrinh doc sach lien the
        he"): the reading programmes named by their kind, then one programme's own words
        right after (two or more that are no filler): that programme is asked, however much
        the kind weighs (round 25 a)."""
        if best.route != ("library", "") or not best.explained:
            return best
        after = max(best.explained) + 1
        return next((c for c in candidates[1:] if c.route[0] == "programme" and c.explained
                     and min(c.explained) == after
                     and sum(not self.index.is_filler(tokens[i]) for i in c.explained) >= 2),
                    best)

    def _event_named(self, tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """"event khai mac co livestream k", "sự kiện khai mạc có phát trực tiếp không": the
        word for an event, then one event's own words right after (two or more that are no
        filler): that event is asked, not the list the word alone finds (round 27 e)."""
        if best.route not in _LISTS or not best.explained or any(
                tokens[i].fold not in _EVENT_WORD for i in best.explained):
            return best
        after = max(best.explained) + 1
        return next((c for c in candidates[1:] if c.route[0] == "event" and c.explained
                     and min(c.explained) == after
                     and sum(not self.index.is_filler(tokens[i]) for i in c.explained) >= 2),
                    best)

    @staticmethod
    def _reminded_of(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """A day named after a request to be reminded ("nhắc mình | trước ngày khai mạc",
        "báo cho tôi trước | hôm khai mạc nhé"), nothing asked of the day: the day is
        what to be reminded of, and the reminders answer, if a quarter as strong ("nhắc tôi
        thứ 7 | có gì" asks what the day holds). So is an event named so ("nhắc tôi trước khi
        có | ngày hội đọc sách nhé"; round 24 d)."""
        # (or a kind of class or activity named so: "muốn được nhắc trước | các buổi học kỹ
        # năng số", round 28 d)
        if best.route[0] not in _REMINDED_OF or not best.explained or any(
                t.fold in ASK_WORDS for t in tokens[min(best.explained):]):
            return best
        # (not on the word for an event alone: "event | khai mac co livestream k")
        return next((c for c in candidates[1:] if c.route in _REMINDERS and c.explained
                     and max(c.explained) < min(best.explained)
                     and any(tokens[i].fold not in _EVENT_WORD for i in c.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _from_day_on(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """A day that starts a stop or a start of the reminders ("từ mai đừng nhắn cho chú nữa
        nhé", "từ thứ 2 gửi lịch cho tôi"): "từ" before the day says from when, nothing is
        asked of the day; the reminders' action answers, found after it a quarter as strong
        (round 34 d)."""
        if best.route[0] not in ("day", "today") or not any(
                a.fold == "tu" and b.fold in DATE_FOLDS and a.clause == b.clause
                for a, b in itertools.pairwise(tokens)):
            return best
        start = next(k for k, (a, b) in enumerate(itertools.pairwise(tokens))
                     if a.fold == "tu" and b.fold in DATE_FOLDS)
        return next((c for c in candidates[1:] if c.route in _HALTS | _REMINDERS
                     and c.route != ("stop", "") and c.explained
                     and min(c.explained) > start and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _reminded_when(tokens: list[Token], candidates: list[_Candidate],
                       best: _Candidate) -> _Candidate:
        """The events or activities named before a request to be sent them ("có sự kiện gì
        nhắn tin cho cháu với nhé", "có hoạt động gì nhớ báo em nha"), nothing asked after
        the request: what to be reminded of, not a list asked now; the reminders answer, if
        a quarter as strong. A day named is asked ("mai có gì nhắn cho tôi với") (round
        34 d)."""
        if best.route not in _LISTED_LATER or not best.explained:
            return best
        return next((c for c in candidates[1:] if c.route in _REMINDERS and c.explained
                     and min(c.explained) > max(best.explained)
                     and not any(t.fold in ASK_WORDS for t in tokens[max(c.explained) + 1:])
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _named_is(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """A day named as the subject of "là" ("ngày 15 tháng 10 | là hạn gì"): an FAQ entry
        found wholly on "là" and what follows it is asked, if nearly as strong."""
        if best.route[0] not in ("day", "today") or not best.explained:
            return best
        is_at = max(best.explained) + 1
        if is_at >= len(tokens) or tokens[is_at].fold != "la":
            return best
        return next((c for c in candidates[1:] if c.route[0] == "faq" and c.explained
                     and min(c.explained) >= is_at
                     and c.rank >= CLARIFY_RATIO * best.rank), best)

    @staticmethod
    def _kind_asked(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """What kind of thing the Week is ("tuần lễ học tập suốt đời | là hoạt động gì thế",
        "… là sự kiện gì vậy"): the kind's word after "là", then "gì", names no list; what the
        Week is is asked, when found wholly before "là" (round 23 d)."""
        if best.route not in _LISTS | _ACTIVITIES or not best.explained:
            return best
        week = next((c for c in candidates if c.route == _WHAT_WEEK and c.explained
                     and c.rank >= SUBJECT * best.rank), None)
        if week is None:
            return best
        is_at = next((i for i in range(max(week.explained) + 1, len(tokens))
                      if tokens[i].fold == "la"), None)
        if is_at is None or not any(i > is_at for i in best.explained):
            return best
        kind = [t.fold for t in tokens[is_at + 1:is_at + 4]]
        return week if "gi" in kind[1:] else best

    @staticmethod
    def _destination(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """A unit named after "gửi về", "nộp về" ("báo cáo tuần lễ gửi về sở hay | hội khuyến
        học"), the report named before them: where the report goes is asked, and the report's
        entry answers it (it names where). (An answer found on a unit's whole name is that
        unit's: "gửi | sở giáo dục và đào tạo" also names the Department's web portal, a
        resource; round 22 d.)"""
        if not best.explained or (best.route[0] not in _UNITS and not any(
                c.route[0] in _UNITS and c.explained >= best.explained for c in candidates)):
            return best
        sent = _sending(tokens, 0)
        if not 0 <= sent < min(best.explained):
            return best
        return next((c for c in candidates[1:] if c.route == ("faq", "han-bao-cao")
                     and c.explained and min(c.explained) < sent
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _message_for_them(tokens: list[Token], candidates: list[_Candidate],
                          best: _Candidate) -> _Candidate:
        """A message for the organizers asked in the first part, its words after it ("nhờ bot
        nhắn Ban tổ chức: | trường chúng tôi đã tổ chức ngày hội đọc sách", "ad báo btc giúp:
        | thư viện phường muốn nhận thêm sách"): what follows is the message, not a question
        asked of the bot, unless it asks ("tôi muốn gửi thư góp ý, | vậy đơn vị nào là đơn vị
        tổ chức": a question of its own) (round 22 d)."""
        if best.route == ("ask", "") or not best.explained or tokens[
                min(best.explained)].clause == tokens[0].clause or _asks(tokens, best.explained) \
                or any(t.fold in ASK_WORDS and t.clause > tokens[0].clause for t in tokens):
            return best
        return next((c for c in candidates[1:] if c.route == ("ask", "") and c.explained
                     and all(tokens[i].clause == tokens[0].clause for i in c.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _written_on(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """What is written on a banner or a slogan board ("băng rôn treo ở nhà văn hóa | viết
        chữ gì", "bang zon tuan le | ghi noi dung gi"): the words the unit prints are the
        Week's theme, not the activity of hanging banners, when the theme is found on the
        verb that writes, and a quarter as strong (round 22 d)."""
        if best.route[0] != "activities" or not best.explained or not any(
                tokens[i].fold in _BANNER for i in best.explained):
            return best
        theme = next((c for c in candidates[1:] if c.route in _THEME and any(
            tokens[i].fold in _WRITES for i in c.explained)
            and c.rank >= SUBJECT * best.rank), None)
        if theme is None:
            return best
        # (the banner is what the theme is written on: its words are the theme's too)
        return replace(theme, explained=theme.explained | best.explained, rank=best.rank)

    def _now(self, tokens: list[Token], candidates: list[_Candidate],
             best: _Candidate) -> _Candidate:
        """The contest asked for right away ("em muốn tham gia thi công dân học tập ngay",
        "cho tôi thi luôn"): a word for now closing its part of the message (only fillers or
        small talk after it: "… ngay hả ad", "… ngay, em cảm ơn ạ") makes it a request to
        start, so the contest's facts (or how to join it) give way to starting it, if it was
        found half as strong."""
        if not best.explained or (best.route not in _CONTEST_FACTS and not (
                # (or the contest's opening or closing named on the same words: "em muốn thử
                # sức cuộc thi công dân học tập ngay", round 28 d)
                best.route[0] == "event" and any(c.route in _CONTEST_FACTS
                                                 and c.explained >= best.explained
                                                 for c in candidates))):
            return best
        talk = set().union(*(c.explained for c in candidates if c.route[0] == "smalltalk"))
        # (or "đi" closing the part the contest is named in: "cho t chơi thử cuộc thi đi";
        # and "bây giờ", "lúc này" after the word for now: "… ngay bây giờ", round 28 d)
        # (found on no phrase of its own, the start is asked for by a wish or a request before
        # the contest's name: "tôi muốn thử sức với cuộc thi … ngay bây giờ"; closed by "với",
        # "nhé" after a request: "cho e làm bài thi công dân học tập vs")
        # (not leave asked to ask, "cho e hỏi về cthi trên mạng với", nor the material asked
        # for, "cho mình link thi với")
        before = tokens[:min(best.explained)]
        wished = not any(t.fold in _MATERIAL or t.fold in _ASKED_LEAVE
                         for t in tokens[:max(best.explained) + 1]) and any(
            t.fold == "muon" or (t.fold == "cho" and k + 1 < len(before)
                                 and before[k + 1].fold in _WRITER)
            for k, t in enumerate(before))
        # (a request right before the start's own words needs no closer, when nothing is asked:
        # "cho tôi | làm bài thi công dân học tập", "cho tôi thi công dân học tập"; round 32e)
        take = next((c for c in candidates[1:] if c.route == _TAKE and c.explained), None)
        if wished and take is not None and take.rank >= TWO_QUESTIONS * best.rank and (
                _requested_at(tokens, min(take.explained))):
            return take
        last = max(best.explained)
        now = max((i for i, t in enumerate(tokens) if t.text in _NOW or (
            i > last and t.clause == tokens[last].clause and (
                t.text == "đi" or (t.fold == "di" and not t.marked)
                or (wished and t.fold in _PLEASE)))), default=-1)
        if now < 0 or not all(
                t.kind != "word" or self.index.is_filler(t) or k in talk
                or t.fold in _NOW_TOO or tokens[k].clause != tokens[now].clause
                for k, t in enumerate(tokens[now + 1:], now + 1)):
            return best
        return next((c for c in candidates[1:] if c.route == ("contest_take", "")
                     and c.rank >= TWO_QUESTIONS * best.rank),
                    replace(best, route=_TAKE) if wished else best)

    @staticmethod
    def _reminders_asked_about(tokens: list[Token], candidates: list[_Candidate],
                               best: _Candidate) -> _Candidate:
        """The reminders asked about, at what time, how or where ("bot gửi nhắc lịch lúc mấy
        giờ", "nhắc lịch hoạt động thế nào"): their FAQ entry tells, when found a quarter as
        strong; no subscription is asked for. (Registering named, "đk nhận tb lịch ntn", the
        subscription answers how, by registering.) (round 28 d)"""
        if best.route != ("subscribe", "") or not parts.asks_how(tokens) or any(
                a.fold == "dang" and b.fold == "ky" for a, b in itertools.pairwise(tokens)):
            return best
        return next((c for c in candidates if c.route == ("faq", "nhac-lich")
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _called(tokens: list[Token], candidates: list[_Candidate],
                best: _Candidate) -> _Candidate:
        """A greeting to people named by words for people alone ("chào ông bà ạ", "chao co
        chu"): those words say whom the greeting is to, not what is asked (the reading day's
        keyword "ông bà"), so the greeting is the answer."""
        if best.route[0] in ("smalltalk", "unknown") or not _called_only(tokens, best):
            return best
        return next((c for c in candidates if c.route == ("smalltalk", "greeting")
                     and c.explained and not c.explained & best.explained), best)

    def _guided(self, tokens: list[Token], candidates: list[_Candidate],
                best: _Candidate) -> _Candidate:
        """"Hướng dẫn" said of something the Week offers ("gv muốn hướng dẫn học sinh dự thi",
        "có lớp nào hướng dẫn dùng internet an toàn không"): the help, found only on the verb
        (and fillers), gives way to the answer found on words of their own, if a quarter as
        strong; guidance about the bot names the bot ("hướng dẫn dùng bot") (round 20 c)."""
        if best.route != ("help", "") or not any(
                tokens[i].fold == "huong" for i in best.explained) or any(
                tokens[i].fold not in _GUIDE and not self.index.is_filler(tokens[i])
                for i in best.explained):  # ("bot này sử dụng ra sao": the help)
            return best
        return next((c for c in candidates[1:] if c.explained - best.explained
                     and c.route[0] not in ("smalltalk", "unknown")
                     and any(tokens[i].fold not in _GUIDED for i in c.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    def _organised(self, tokens: list[Token], candidates: list[_Candidate],
                   best: _Candidate) -> _Candidate:
        """"Tổ chức" right after what a unit wants or must do ("thư viện quận cần | tổ chức
        hoạt động nào"): what it organises is asked, not when the Week is held; the Week's
        dates, found only on that verb, give way to what is organised, if a quarter as strong
        (round 20 c)."""
        if best.route != _DATES or not best.explained or any(
                tokens[i].fold not in _ORGANISE for i in best.explained):
            return best
        first, verb = min(best.explained), max(best.explained)
        if not first or tokens[first - 1].fold not in _MODALS:
            return best
        # (what is organised follows the verb, the unit before it only asks; of the answers
        # found there, the one that explains most of it: "hoạt động gì" is the list, not the
        # event whose title starts with "Hoạt động"; the Week's name says for what)
        def organised(c: _Candidate) -> int:
            return sum(i > verb and tokens[i].fold not in self._week_words for i in c.explained)
        after = [c for c in candidates[1:] if organised(c)
                 and c.route[0] not in ("smalltalk", "unknown")
                 and c.rank >= SUBJECT * best.rank]
        return max(after, key=lambda c: (organised(c), c.rank), default=best)

    @staticmethod
    def _held_by_anyone(tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> _Candidate:
        """"Có ai tổ chức …" asks whether what follows is held where the writer lives ("ở xã
        em có ai tổ chức đọc sách không", "phường mình có ai tổ chức lớp dạy điện thoại cho
        người già không"): the activity named after the verb is asked (the library, a class),
        not who the Week's organisers are, found on "ai tổ chức" alone (a phrase far stronger
        than the activity's words: the question's frame decides). Of the answers found after
        the verb, the one that explains most of it; on as many words, the standing answer
        (the library, the class, the advice) before one day's event or the list: whether
        anyone holds it near home has no date. "ai tổ chức tuần lễ" (no "có" before, or the
        Week's name after) stays the bodies' (round 30a)."""
        if best.route != _BODIES or not best.explained or any(
                tokens[i].fold not in _ORGANISE | {"ai"} for i in best.explained):
            return best
        first, verb = min(best.explained), max(best.explained)
        if not first or tokens[first - 1].fold != "co" or tokens[first].fold != "ai":
            return best
        if " tuan le " in parts.run(tokens[verb + 1:]):
            return best
        after = [c for c in candidates[1:] if c.explained and min(c.explained) > verb
                 and c.route[0] not in ("smalltalk", "unknown", "contacts", "bodies", "day",
                                        "today")]
        return max(after, key=lambda c: (len(c.explained), c.route[0] not in _DATED_LISTS,
                                         c.rank), default=best)

    def _asker(self, tokens: list[Token], best: _Candidate) -> set[int]:
        """The unit that opens the message and asks ("trường mẫu giáo | nên làm hoạt động gì",
        "ban giám hiệu | cần làm gì"): its name, up to what it wants or must do, says who asks,
        not what is asked, when the answer is found after that verb (round 20 c)."""
        folds = [t.fold for t in tokens]
        start = next((i for i, f in enumerate(folds) if f not in _POLITE), len(folds))
        own_class = folds[start:start + 1] == ["lop"] and start + 1 < len(folds) and folds[
            start + 1] in SELF  # ("lớp tôi chủ nhiệm": "lớp" alone is also a course)
        if not best.explained or (not own_class and not any(
                folds[start:start + len(h)] == h
                for h in _UNIT_HEADS_FROM.get(folds[start] if start < len(folds) else "", ()))):
            return set()
        modal = next((i for i in range(start + 1, len(tokens)) if folds[i] in _MODALS
                      and not tokens[i].expanded
                      and tokens[i].clause == tokens[start].clause), -1)
        if modal < 0 or min(best.explained) <= modal:
            return set()
        return set(range(start, modal))

    @staticmethod
    def _device_help(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """Help asked of a device, not of the bot ("bà không biết dùng zalo", "mới mua điện
        thoại mà chưa biết sử dụng, có lớp nào không"): learning to use it is what the Week's
        digital skills classes teach (round 20a). A message that names the bot ("không biết
        dùng con bot này") still asks how to use the bot."""
        if best.route != ("help", "") or not best.explained:
            return best
        folds = [t.fold for t in tokens]
        if any(f in _THE_BOT for f in folds) or not _names_device(folds):
            return best
        return _to_safety(candidates, best)

    def _device_itself(self, tokens: list[Token], best: _Candidate) -> bool:
        """Whether the answer was found only on the name of a device or an app ("điện thoại",
        "máy tính", "zalo": the contacts' number, the safe Internet's keywords) while the message
        tells something of the device itself (a trouble, "bị …", or how a thing is done on
        it) and nothing of learning to use it ("học", "dạy", "lớp", "biết dùng"), of a child's
        use of it, or of someone else's doing (round 26 a)."""
        folds = [t.fold for t in tokens]
        if _read_on_a_screen(tokens) is not None:
            return False  # ("đọc sách qua điện thoại": books read on it, the e-books; round 38)
        run = parts.run(tokens)
        quiz = bool(set(folds) & _QUIZ_TAKEN)
        if (best.route in _HALTS or (best.route[0] == "contest" and not quiz)) and (
                best.explained and min(best.explained) > 0 and "bi" in (
                    tokens[min(best.explained) - 1].fold, tokens[min(best.explained)].fold)
                and self._names_app(folds)):
            # "app zalo cứ bị thoát ra khi mở": what the app suffers, no order to the bot, nor
            # the quiz's "bị thoát ra" when no quiz is named (round 26 d's phrase)
            return True
        if quiz and (any(f" {w} " in run for w in _MIDWAY) or any(
                a in ("dang", "luc", "khi") and b == "thi" for a, b in itertools.pairwise(folds))):
            # "trong lúc thi có được dùng máy tính bỏ túi không": what may be used while taking
            # the quiz is the contest's rule, not a device's business (round 26 d)
            return False
        learning = bool(set(folds) & (_LEARNING | _CHILDREN | {"thang", "dua"})) or any(
            p in _USING for p in itertools.pairwise(folds))
        if best.route in _PHONE_BOOK and best.explained and not learning and all(
                tokens[i].fold in _CALL_WORDS for i in best.explained) and not set(
                folds) & (_THE_BOT | _ORGANISER_WORDS) and self._names_app(
                [f for i, f in enumerate(folds) if i not in best.explained]):
            # "ứng dụng ngân hàng báo lỗi không đăng nhập được, gọi số nào": whom to call about
            # a device or an app is its maker's or its shop's number, not the organizers'
            return True
        named = [tokens[i].fold for i in best.explained if not self.index.is_filler(tokens[i])]
        if best.route not in _DEVICE_ANSWERS or not named:
            return False
        if best.route in _PHONE_BOOK and any(tokens[i].fold in _ANSWERS_LINE
                                             for i in best.explained):
            return False  # ("có ai nghe máy không": the line answered, no device; round 29 a)
        if learning or set(folds) & _OTHERS_DOING or any(
                tokens[i].fold in _SCREEN_TIME - _DEVICE_WORDS for i in best.explained):
            # (a child's time on it, "thằng cu 4t xem điện thoại": the parents' classes)
            return False
        if any(f not in _DEVICE_WORDS for f in named):
            # "cách chuyển tiền qua momo", "hướng dẫn cài facebook trên máy tính": one thing
            # done on a device or an app, asked how, and nothing suffered ("bị lừa chuyển
            # khoản", "bắt chuyển tiền" are the safe Internet's)
            # (and getting back what was deleted, "cách lấy lại ảnh đã xóa trên iphone": no
            # account taken)
            data = {f for f, g in itertools.pairwise(folds) if g in _DATA} & {"lai"}
            return best.route == _SAFETY and "bi" not in folds and "bat" not in folds and all(
                f in _DEVICE_WORDS or f in _OPERATIONS or (data and f in ("lay", "lai"))
                for f in named) and any(f" {q} " in run for q in _HOW_ASKED)
        told = any(i not in best.explained and t.kind == "word" and not self.index.is_filler(t)
                   for i, t in enumerate(tokens))
        return told or "bi" in folds or any(f" {q} " in run for q in _HOW_DONE)

    @staticmethod
    def _names_app(folds: list[str]) -> bool:
        """Whether the words name a device or an app ("zalo", "ứng dụng", "app", "wifi")."""
        return _names_device(folds, also=_APPS | {"app", "wifi", "camera", "laptop"}) or (
            "ung", "dung") in set(itertools.pairwise(folds))

    @staticmethod
    def _own_data_online(tokens: list[Token], candidates: list[_Candidate],
                         best: _Candidate) -> _Candidate:
        """One's personal data kept safe on the Internet ("tài liệu về bảo vệ thông tin cá
        nhân trên mạng", "làm sao để không bị lộ thông tin cá nhân khi điền form trên mạng"):
        the safe Internet's, not what the bot keeps of the writer, when neither the bot nor a
        registration with it is named (round 26 a)."""
        if best.route != _PRIVACY or not best.explained:
            return best
        folds = [t.fold for t in tokens]
        pairs = set(itertools.pairwise(folds))
        if set(folds) & _THE_BOT or ("dang", "ky") in pairs or not (
                pairs & _ONLINE_PAIRS or set(folds) & {"online", "internet", "facebook", "zalo"}):
            return best
        return next((c for c in candidates if c.route == _SAFETY
                     and c.explained >= best.explained), best)

    @staticmethod
    def _app_account(tokens: list[Token], best: _Candidate) -> bool:
        """Whether deleting one's data asks of an app's own account ("cách xóa tk zalo vĩnh
        viễn", "xóa tài khoản facebook"): the app's business, not what the bot keeps of the
        writer (round 26 a)."""
        if best.route != _PRIVACY or not best.explained:
            return False
        after = max(best.explained) + 1
        return after < len(tokens) and tokens[after].fold in _APPS and not any(
            t.fold in _THE_BOT for t in tokens)

    @staticmethod
    def _money_lost(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """Money told as lost, not asked as a fee ("ông bị mất tiền trong thẻ atm sau khi đọc
        mã cho người lạ", "bấm vào thì mất tiền trong tài khoản"): beside a scam's words it is
        the story of a scam (round 20a). A fee is asked between "có" and "không" ("lớp chống
        lừa đảo có mất tiền không"), and stays a fee.
        Money demanded is told the same way ("trúng thưởng, bắt nộp phí 2 triệu để nhận", "có
        số lạ gọi bảo bưu phẩm bị giữ, phải nộp tiền"): "bắt" or "phải" before the fee's
        words, not asked with "có" (round 22e)."""
        if best.route != _FEES or not best.explained:
            return best
        start, end = min(best.explained), max(best.explained)
        before = [t.fold for t in tokens[max(0, start - 3):start]]
        lost = any(tokens[i].fold == "mat" for i in best.explained)
        demanded = not lost and "co" not in before and ("bat" in before or "phai" in before)
        if not (lost or demanded):
            return best  # ("miễn phí", "học phí": a fee named, no money told as lost)
        asked_from = any(t.fold in ("co", "phai") for t in tokens[max(0, start - 3):end + 1]
                         ) if lost else False
        asked_to = any(t.fold in YES_NO for t in tokens[start:end + 4])
        if asked_from or asked_to:
            return best
        # (money demanded, not asked, is no fee's question: a weaker scam's word tells it)
        scam = next((c for c in candidates if c.route == _SAFETY and c.explained
                     and not c.explained & best.explained
                     and c.rank >= (SUBJECT if demanded else TWO_QUESTIONS) * best.rank), None)
        if scam is None:
            return best
        # (the money demanded is part of the story the scam's answer explains)
        return replace(scam, explained=scam.explained | best.explained) if demanded else scam

    @staticmethod
    def _organisers_are(tokens: list[Token], best: _Candidate) -> _Candidate:
        """Who the organizers are ("btc tuần lễ gồm những ai", "những ai đứng ra làm ban tổ
        chức"): the contacts found only on their name, with who they are asked and no way to
        reach them (no call, no number, no address), is the bodies' answer (round 23 d)."""
        if best.route not in _CONTACT_ROUTES or not best.explained or any(
                tokens[i].fold not in _ORGANISER_WORDS for i in best.explained):
            return best
        folds = {t.fold for t in tokens}
        if not folds & _WHO_THEY_ARE or folds & _REACH:
            return best
        return replace(best, route=_BODIES)

    def _report_day(self, tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """A day after the Week named with the report ("xã em chưa kịp làm bc, | qua 15/10 có
        sao không", "báo cáo gửi ngày 16/10 có được không"): the report's deadline is asked,
        not what the day holds (the Week holds nothing then) (round 27 c)."""
        if best.route[0] != "day" or not any(t.fold == "cao" for t in tokens):
            return best
        end = self.edition.end.isoformat()
        if not all(d[:10] > end for d in best.route[1].split("+")):
            return best
        report = next((c for c in candidates if c.route == _REPORT and c.explained), None)
        if report is None or not {"bao", "cao"} <= {tokens[i].fold for i in report.explained}:
            return best
        return replace(report, explained=report.explained | best.explained)

    def _of_week(self, tokens: list[Token], best: _Candidate) -> _Candidate:
        """The Week's whole name said beside whom to reach, who organises or the report ("số
        hotline | tuần lễ học tập suốt đời", "đoàn thanh niên có trong btc | tuần lễ ko"): the
        name says what the answer is asked of, a word the answer explains, not a subject left
        unexplained (round 27 c). (A run of the name's words that holds "tuần" or "suốt".)"""
        if best.route not in _ASKED_OF_WEEK or not best.explained:
            return best
        folds = [t.fold for t in tokens]
        if not _WEEK_NAME_CORE & set(folds):
            return best
        name: set[int] = set()
        run: list[int] = []
        for i, f in enumerate([*folds, ""]):
            if f and f in self._week_words and i not in best.explained:
                run.append(i)
                continue
            if len(run) >= 2 and _WEEK_NAME_CORE & {folds[k] for k in run}:
                name.update(run)
            run = []
        if not name:
            return best
        return replace(best, explained=best.explained | name)

    @staticmethod
    def _body_asked(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """One of the Week's organising bodies named and what it must do asked ("hội khuyến
        học được giao việc gì", "sở giáo dục phải làm những gì cho tuần lễ", "phòng giáo dục
        huyện được giao làm gì"), or whether it is among the organisers ("đoàn thanh niên có
        trong btc không", "btc là sở gd hay hội khuyến học"): the bodies' answer, not its
        contacts found on its name nor a course found on "giáo dục"; a unit's own duties
        (the FAQ entries on what a unit does and reports) stay, unless it asks whether it is
        among the organisers. Not when the body is reached (called, written to, its address)
        or its report is asked (round 27 c)."""
        if best.route == _BODIES or best.route[0] in ("smalltalk", "unknown"):
            return best
        folds = [t.fold for t in tokens]
        present = set(folds)
        if best.route == _REPORT and best.explained:
            start = next((i for i, f in enumerate(folds) if f not in _POLITE), len(folds))
            which = next((len(w) for w in _WHICH_BODY
                          if tuple(folds[start:start + len(w)]) == w), 0)
            if which and tuple(folds[start + which:start + which + 2]) in _BODY_WORK:
                bodies = next((c for c in candidates if c.route == _BODIES), None)
                said = set(range(start, start + which + 2))
                if bodies is None:
                    return replace(best, route=_BODIES, explained=best.explained | said,
                                   source=-1)
                bodies.explained |= said
                return bodies
        if not present & _BODY_FIRST or not present & _BODY_ASKED_FIRST \
                or present & _BODY_REACHED:
            return best

        def at(phrases: tuple[tuple[str, ...], ...]) -> set[int]:
            return {i + k for i in range(len(folds)) for p in phrases
                    if folds[i:i + len(p)] == list(p) for k in range(len(p))}

        # (not a body greeted or written to: "em chào ban tổ chức, em là giáo viên, em được
        # giao …" tells the writer's duty to the organisers it addresses; merge of round 27)
        named = {i for i in at(_BODY_NAMES) if not any(
            folds[k] in _GREETED_BY and all(j in named_at for j in range(k + 1, i + 1))
            for k in range(max(0, i - 5), i))} if (named_at := at(_BODY_NAMES)) else set()
        if not named:
            return best
        among = at(_BODY_AMONG)
        if among and "hay" not in present and not among - at(_BODY_ONE_OF):
            among = set()  # ("nhắn giúp ban tổ chức là tôi chưa nhận được tin": a message)
        # (of the city or a district: named "sở", or followed by "quận", "huyện", "thành phố")
        city = any(folds[i] == "so" or folds[i + len(p):i + len(p) + 1] in (
            [f] for f in _BODY_OF_CITY) for i in range(len(folds)) for p in _BODY_NAMES
            if folds[i:i + len(p)] == list(p))
        asked = among or (set() if best.route in _DUTIES and not city else at(_BODY_DUTIES))
        if not asked:
            return best
        bodies = next((c for c in candidates if c.route == _BODIES), None)
        if bodies is None:  # (of no phrase's source: no phrase of the same kind asked more)
            return replace(best, route=_BODIES, explained=best.explained | named | asked,
                           source=-1)
        bodies.explained |= named | asked
        return bodies

    @staticmethod
    def _data_kept(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
        """What is done with what the writer gave a feature ("số điện thoại tôi nhập vào bot |
        có bị lộ không", "thông tin tôi đăng ký thi | ai giữ vậy"): the data's keeping,
        found after the feature's words, is asked (round 23 d)."""
        if best.route not in _KEPT_FOR or not best.explained:
            return best
        return next((c for c in candidates if c.route == _PRIVACY and c.explained
                     and min(c.explained) > max(best.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _off_the_list(tokens: list[Token], candidates: list[_Candidate],
                      best: _Candidate) -> _Candidate:
        """A name taken off beside messages no longer wanted ("không muốn nhận tin nữa, | cháu
        bỏ tên bác ra giúp"): off the list of those the bot writes to, the reminders stopped,
        not the data kept (round 26 c). With the data's own words ("xóa thông tin"), privacy
        stays."""
        if best.route != _PRIVACY or not best.explained or not all(
                tokens[i].fold in _NAME_OFF for i in best.explained):
            return best
        # ("xoá tôi khỏi danh sách | nhận thông báo": the list named is the reminders'; round 38)
        listed = next((c for c in candidates if c.route in _REMINDERS and c.explained
                       and min(c.explained) == max(best.explained) + 1
                       and tokens[max(best.explained)].fold == "sach"), None)
        if listed is not None:
            return replace(listed, route=("unsubscribe", ""),
                           explained=listed.explained | best.explained)
        return next((c for c in candidates if c.route == ("unsubscribe", "") and c.explained
                     and not c.explained & best.explained
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _own_unit_line(tokens: list[Token], best: _Candidate) -> bool:
        """Is the number or address asked the writer's own school's, class's or ward's
        ("email của trường tiểu học con tôi", "sđt cô giáo chủ nhiệm của cháu", "địa chỉ
        phường em"): the contact's words, "của", then such a unit and a word for oneself or a
        kin within a few words, the Week not named? Theirs, not the organisers' (round 29 a)."""
        if not best.explained:
            return False
        folds = [t.fold for t in tokens]
        k = max(best.explained) + 1
        if folds[k - 1] not in _LINE_WORDS:  # (a number, a mail, an address: not a body named)
            return False
        k += k < len(folds) and folds[k] == "cua"
        unit = next((len(h) for h in _OWN_UNITS if folds[k:k + len(h)] == list(h)), 0)
        return bool(unit) and any(f in _UNIT_OWNERS for f in folds[k + unit:k + unit + 5]) \
            and not any(f in _WEEK_NAME_CORE for f in folds)

    @staticmethod
    def _sent_wrong(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """What the bot sent, complained of as wrong in a message that asks nothing ("lịch bot
        gửi sáng nay sai giờ rồi", "bot gửi lịch sai giờ rồi"): the complaint, not the day or
        the schedule it names (round 29 a)."""
        if best.route[0] not in _CALENDAR or "?" in (t.text for t in tokens):
            return best
        sorry = next((c for c in candidates if c.route == _SORRY and c.explained), None)
        if sorry is None or not any(t.fold in _SENDING or t.fold in _THE_BOT
                                    for t in tokens[:min(sorry.explained)]) \
                or _asking_parts(tokens):
            return best
        return sorry

    @staticmethod
    def _complaint_then(tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> _Candidate:
        """A complaint told as the condition of a question ("bot không trả lời được câu của
        tôi | thì tôi hỏi ai"): what follows "thì" is asked (round 23 d)."""
        if best.route != _SORRY or not best.explained:
            return best
        def is_then(i: int) -> bool:
            # ("thì" typed so, or "thi" typed without marks and no contest's word after it)
            if tokens[i].text.lower() == "thì":
                return True
            return tokens[i].text.lower() == "thi" and i + 1 < len(tokens) and tokens[
                i + 1].fold not in ("cong", "xong", "thu")

        then = next((i for i in range(max(best.explained) + 1, len(tokens)) if is_then(i)),
                    None)
        if then is None:
            return best
        return next((c for c in candidates if c.explained and min(c.explained) > then
                     and c.route[0] not in ("smalltalk", "unknown")
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _complained(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """A complaint or a suggestion said first, what it is about next, whom it goes to
        asked last ("tôi muốn phản ánh là phường tôi chẳng thấy tổ chức gì cho tuần lễ, | báo
        với ai", "muốn khiếu nại về cuộc thi thì gửi cho ai"): the complaint is passed on (the
        question sent to the organisers), what it is about is not asked (round 27 c)."""
        if not best.explained or best.route == _ASK or best.route in _CONTACT_ROUTES \
                or best.route[0] in ("smalltalk", "unknown"):
            return best
        folds = [t.fold for t in tokens]
        if "ai" not in folds or not _COMPLAINT_FIRST & set(folds):
            return best
        last = max(i for i, f in enumerate(folds) if f == "ai")
        said = next((i for i in range(min(best.explained))
                     if (folds[i], folds[i + 1]) in _COMPLAINTS), -1)
        if last <= max(best.explained) or said < 0:
            return best
        asked = next((c for c in candidates if c.route == _ASK and c.explained), None)
        if asked is not None:
            asked.explained |= {said, said + 1, last}
            return asked
        return _Candidate(_ASK, best.score, best.explained | {said, said + 1, last},
                          best.source, best.rank)

    @staticmethod
    def _only_some(tokens: list[Token], candidates: list[_Candidate],
                   best: _Candidate) -> _Candidate:
        """Whether only some people may take part ("có phải chỉ cán bộ công chức | mới được
        tham gia không"): the people named before "mới" say whom the question is about; who
        may take part, found from "mới" on, is asked (round 23 d)."""
        if best.route == _WHO or not best.explained:
            return best
        return next((c for c in candidates if c.route == _WHO and c.explained
                     and tokens[min(c.explained)].fold == "moi"
                     and min(c.explained) > max(best.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _held_for(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """What the Week is held for ("người ta tổ chức ra tuần lễ này để làm gì"): the dates,
        found only on "tổ chức", give way to the theme found on words that ask the purpose
        (round 23 d)."""
        if best.route != _WHEN_WEEK or not best.explained or any(
                tokens[i].fold not in ("to", "chuc") for i in best.explained):
            return best
        return next((c for c in candidates if c.route in _THEME and c.explained
                     and not c.explained & best.explained
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _fee_of_named(tokens: list[Token], best: _Candidate,
                      candidates: list[_Candidate]) -> _Candidate | None:
        """The fee of the Week asked of a thing named first ("lớp kỹ năng số có mất phí không",
        "diễn đàn có phải đóng tiền ko"): a subject, then "có" or "phải" and the fee's words,
        then the yes/no. The FAQ entry on fees answers (every activity is free); None when the
        fee is not asked after the thing named on words of its own."""
        # (the fee's words after the thing named: "tham gia | lớp kỹ năng số | có phải góp
        # tiền gì không" holds "tham gia" too; round 23 d)
        fee = next((c for c in candidates if c.route == _FEES and c.explained
                    and not c.explained & best.explained
                    and max(c.explained) > max(best.explained)), None)
        if fee is None:
            return None
        after = [i for i in fee.explained if i > max(best.explained)]
        start, end = min(after), max(after)
        # (or the fee checked, its words last but for the particles that check: "đi dự khai
        # mạc mất tiền à", "lớp kỹ năng số thu tiền à", weaker for no "có" before them;
        # round 33 b)
        checked = _checks(tokens) and all(t.kind != "word" or t.fold in _CHECK_ENDS
                                          for t in tokens[end + 1:])
        # (or the fee's words right after the thing done, then the yes/no closing the message:
        # "đăng ký thi mất phí không", "dky thi free ko", "đi dự khai mạc tốn tiền k"; not of
        # a course, whose free ones are asked so: "khóa học online miễn phí không"; round 38)
        closing = start == max(best.explained) + 1 and best.route[0] != "courses" and any(
            t.fold in YES_NO for t in tokens[end:end + 3]) and all(
            t.kind != "word" or t.fold in YES_NO or t.fold in _AFTER_YES_NO
            for t in tokens[end + 1:])
        if not checked and not closing and fee.rank < SUBJECT * best.rank:
            return None
        # (or "không" right before them, then a yes/no: "thi cdht ko mất tiền hả", round 27 b)
        # (not "mà không": a condition of what is wanted, "trang … học tiếng anh mà không
        # mất xu nào không", round 29b; nor "nào không": which of them is free, "có khóa học
        # nghề online nào không mất tiền không", round 30a)
        asked_from = any(t.fold in ("co", "phai") for t in tokens[max(0, start - 2):start + 1]
                         ) or (start > 0 and tokens[start - 1].fold in NOT and not (
                             start > 1 and tokens[start - 2].fold in ("ma", "nao")))
        # (the yes/no may be the fee phrase's own last word: "có mất tiền không")
        asked_to = any(t.fold in YES_NO for t in tokens[max(start + 1, end):end + 3])
        asked_from = asked_from or closing
        # (the thing named is what the fee is asked of: explained by the answer)
        return replace(fee, explained=fee.explained | best.explained) if (
            asked_from and asked_to) or checked else None

    @staticmethod
    def _near_home(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
        """What is on, asked of a place near the writer ("nhà bác ở Kiến Thụy, gần đấy có
        hoạt động gì", "quanh nhà có sự kiện gì"): the events of the writer's district, which
        the answer about choosing a district gives (round 20a)."""
        if best.route not in _LISTS | _ACTIVITIES:
            return best
        return next((c for c in candidates if c.route == _DISTRICT and c.explained
                     and not c.explained & best.explained), best)

    def _may_take(self, tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """Whether someone may take part, asked with "có (được)" before the words that take
        the contest ("người đi làm có được tham gia thi không", "bố mẹ có tham gia thi cùng
        con được ko"): the contest's facts say who may, the attempt is not started; a request
        ("cho em tham gia thi được không", "em muốn tham gia thi") still starts it (round
        22 b)."""
        if best.route != _TAKE or not best.explained:
            return best
        # (after the words that ask leave to ask: "cho em hỏi" is no request to take part)
        start = min(best.explained)
        folds = [t.fold for t in tokens]
        leave = max((i + 1 for i in range(1, start) if folds[i] in ("hoi", "biet") and (
            folds[i - 1] in ("cho", "xin") or (folds[i - 1] in SELF and i > 1
                                               and folds[i - 2] in ("cho", "xin")))), default=0)
        before = [t.fold for t in tokens[leave:start] if t.kind == "word"]
        if _REQUEST & set(before) or not any(
                t.fold in YES_NO for t in tokens[max(best.explained):]):
            return best
        # (or whether something may be done while taking it, asked after the take: "làm bài
        # thi | có được hỏi bố mẹ không", "thi có được dùng máy tính không": the rules say;
        # "thi ngay được không", "vào thi lại được không" still ask to take it; round 24c)
        allowed = next((i for i in range(max(best.explained) + 1, len(tokens))
                        if tokens[i].fold == "duoc"), -1)
        end = max((i for i, t in enumerate(tokens) if t.fold in YES_NO), default=-1)
        runs = self._filler_runs(tokens)  # ("vào thi ngay được | ở hải phòng | không")
        done_then = allowed > 0 and any(
            t.kind == "word" and t.fold not in _GOING_ON and t.fold not in _NOW
            and t.fold not in CALLS and i not in runs
            for i, t in enumerate(tokens[:end]) if i > allowed)
        if "co" not in before and not done_then:
            return best
        return next((c for c in candidates if c.route in _CONTEST_FACTS
                     and c.explained & best.explained and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _attended(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """Who may attend an event named ("phụ huynh có được tham dự | lễ khai mạc không",
        "sinh viên có thể đến xem | lễ khai mạc được không"): the event's card says who it is
        for, not the FAQ on who may take part in the Week, when the event is found on words
        of its own, a quarter as strong (round 22 d). Named before it in the same part too
        ("buổi tổng kết cuối tuần lễ | ai được tham dự", "lễ khai mạc ai được tham dự"): who
        may attend what was just named (round 31 c); not when the phrase asked names the Week
        itself ("ai được tham gia tuần lễ")."""
        if best.route != _WHO or not best.explained:
            return best
        return next((c for c in candidates[1:] if c.route[0] == "event" and c.explained
                     and not c.explained & best.explained
                     and (min(c.explained) > min(best.explained) or (
                         max(c.explained) < min(best.explained)
                         and tokens[max(c.explained)].clause == tokens[min(best.explained)].clause
                         and not any(tokens[i].fold == "tuan" for i in best.explained)))
                     and c.rank >= SUBJECT * best.rank
                     # (named on words no other answer holds as strongly: "tham gia | hoạt
                     # động đọc sách" names no event whose title starts "Hoạt động")
                     and not any(o.route[0] not in ("event", "day", "today")
                                 and c.explained <= o.explained
                                 and o.rank >= CLARIFY_RATIO * c.rank
                                 for o in candidates)), best)

    @staticmethod
    def _phone_told(tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate) -> _Candidate:
        """A phone named as the thing used, not its number asked ("con e suốt ngày ôm đt chơi
        game, có cách nào quản lý ko"): the contacts found on "điện thoại" alone give way to
        the safe Internet named on words of its own (round 22e)."""
        if best.route not in _PHONE_BOOK or not best.explained or not all(
                tokens[i].fold in ("dien", "thoai") for i in best.explained):
            return best
        return next((c for c in candidates if c.route == _SAFETY and c.explained
                     and (not c.explained & best.explained or best.explained < c.explained)
                     and c.rank >= SUBJECT * best.rank), best)

    @staticmethod
    def _audience_learns(tokens: list[Token], candidates: list[_Candidate],
                         best: _Candidate) -> _Candidate:
        """Who writes, then learning the Internet or a device ("e là phụ huynh, muốn học cách
        kiểm soát con dùng internet, có lớp ko", "người lớn tuổi học online có khó không"):
        the audience named is the writer, not who may take part; what is asked is the Week's
        digital skills classes (round 22e). Found on more than the audience's words ("người
        già có được tham gia không"), who may take part stays."""
        if best.route != _WHO or not best.explained or not all(
                tokens[i].fold in _AUDIENCE for i in best.explained):
            return best
        if not _names_device([t.fold for t in tokens], also=_LEARNED_ONLINE):
            return best
        return _to_safety(candidates, best)

    @staticmethod
    def _audience_reads(tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> _Candidate:
        """Whom reading or learning is for, told around it ("làm sao để hs yêu đọc sách hơn,
        tôi là gv tiểu học", "sách điện tử cho học sinh"): the pupils, parents or elderly
        people named are the readers or the writer, not who may take part nor an event for
        them; what is asked is
        the reading or the resource found on words of its own, a quarter as strong (round
        23a). Found on more than the audience's words ("học sinh có được tham gia không"),
        who may take part stays."""
        if (best.route != _WHO and best.route[0] != "event") or not best.explained or not all(
                tokens[i].fold in _LEARNERS for i in best.explained):
            return best
        # (an event found on its audience alone, "phụ huynh" of the parents' digital skills
        # class, is not named either: "tủ sách lớp học thì phụ huynh đóng góp ntn")
        found = [c for c in candidates if (c.route in _LEARNT or c.route[0] in _RESOURCES)
                 and c.explained and not c.explained & best.explained
                 and c.rank >= SUBJECT * best.rank]
        # (a programme found only on the library's words is not named: "khuyến khích học sinh
        # đọc sách" asks the library, not the intergenerational reading; round 24b)
        return next((c for c in found if not (c.route[0] == "programme" and any(
            o.route in _READING and c.explained <= o.explained for o in found))), best)

    @staticmethod
    def _for_whom(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """A day's events asked for someone ("tối nay có gì | cho phụ huynh tham gia không",
        "mai có gì cho người già tham gia"): whom they are for follows "cho" and qualifies
        what is asked of the day, it does not ask who may take part (round 20a)."""
        if best.route != _WHO or not best.explained:
            return best
        start = min(best.explained)
        if start and tokens[start - 1].fold == "cho":
            day = next((c for c in candidates if c.route[0] in ("day", "today") and c.explained
                        and max(c.explained) < start and c.rank >= TWO_QUESTIONS * best.rank),
                       None)
            if day is not None:
                return day
        # "tuần lễ có gì | dành cho người cao tuổi không", "có những gì dành cho phụ huynh": a
        # list asked ("gì", "nào" in the phrase it is found on) before whom it is for asks what
        # is on for them, not whether they may take part (round 23c)
        whom = min((i for i in best.explained if tokens[i].fold == "danh"
                    or (i and tokens[i - 1].fold == "cho")), default=-1)
        if whom <= 0:
            # (or the people named between "cho" and the phrase: "có những gì | cho người dân
            # tham gia") (round 26 c)
            whom = next((k + 1 for k in range(max(0, start - 4), start - 1)
                         if tokens[k].fold == "cho" and all(
                             t.fold in _PEOPLE | _CLASS_FOR or t.fold == "dan"
                             for t in tokens[k + 1:start])),
                        -1)
        if whom <= 0:
            return best
        return next((c for c in candidates if c.route in _LISTS and c.explained
                     and max(c.explained) < whom
                     and any(tokens[i].fold in ("gi", "nao") and not tokens[i].expanded
                             for i in c.explained)), best)

    @staticmethod
    def _class_for(tokens: list[Token], candidates: list[_Candidate],
                   best: _Candidate) -> _Candidate:
        """A class asked for whom it is for ("có lớp nào cho người cao tuổi không", "lớp học
        nào cho các cụ hưu trí"): those named after "cho" qualify the class asked, they do not
        ask whether they may take part, nor is "lớp học" the classroom bookshelf: the Week's
        classes (an event found on those words, else the digital-skills answer) (round 26 c).
        Found on words of its own (a fee, a day, a device), the answer stays."""
        clause = next((tokens[k].clause for k in range(len(tokens) - 2)
                       if tokens[k].fold == "lop" and any(
                           t.fold == "cho" and t.clause == tokens[k].clause
                           and j + 1 < len(tokens) and tokens[j + 1].fold in _CLASS_FOR
                           for j, t in enumerate(tokens[k + 1:k + 5], k + 1))), None)
        if clause is None or not best.explained or not all(
                tokens[i].fold in _CLASS_FOR | _CLASS_WORDS for i in best.explained):
            return best
        if best.route != _WHO and not all(tokens[i].fold in _CLASS_WORDS
                                          for i in best.explained):
            return best
        event = next((c for c in candidates if c.route[0] == "event" and c.explained
                      and all(tokens[i].fold in _CLASS_FOR | _CLASS_WORDS for i in c.explained)
                      and any(tokens[i].fold not in _CLASS_WORDS for i in c.explained)), None)
        return event if event is not None else _to_safety(candidates, best)

    @staticmethod
    def _class_asked(tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> _Candidate:
        """A digital-skills class named by its kind, then asked when, where or for whom ("khóa
        kỹ năng số cho bố mẹ học ở đâu", "buổi kỹ năng số buổi tối có học được không"): the
        class (an event found on the same words) is asked, not the online resources nor the
        safe-Internet FAQ (round 39). Without a class's kind before the words, or without its
        hours, place or audience asked, the answer stays."""
        if best.route not in _CLASS_TOPICS or not best.explained:
            return best
        start, end = min(best.explained), max(best.explained)
        kind = start - 1
        while kind >= 0 and start - kind <= 3 and tokens[kind].fold in _CLASS_KIND_AFTER:
            kind -= 1
        if kind < 0 or tokens[kind].fold not in _CLASS_KINDS:
            return best
        folds = [t.fold for t in tokens]
        if not any(tuple(folds[i:i + 2]) in _CLASS_ASKED or (
                folds[i] == "cho" and i + 1 < len(folds) and folds[i + 1] in _PEOPLE)
                for i in range(end + 1, len(folds))):
            return best
        return next((c for c in candidates if c.route[0] == "event"
                     and best.explained <= c.explained
                     and c.explained <= best.explained | set(range(kind, start))
                     and not any(tokens[i].fold in _SAFE_OWN for i in c.explained)), best)

    @staticmethod
    def _tell_when(tokens: list[Token], candidates: list[_Candidate],
                   best: _Candidate) -> _Candidate:
        """A request to be told, after "thì" and closing the message ("có lớp nào sắp học |
        thì nhắn báo bác trước nhé", "khi nào có sự kiện mới | thì báo cho ông biết"): the
        request is what is asked; what comes before it says what to be told of (round 23c)."""
        if best.route in _REMINDERS or not best.explained:
            return best
        # ("thi" typed without marks may be "thì")
        then = next((i for i in range(max(best.explained) + 1, len(tokens))
                     if tokens[i].text.lower() in ("thì", "thi")), -1)
        # ("… thì báo tôi không ạ", "… ko vậy ad" still ask to be told; "thì hỏi ai" asks)
        if then < 0 or any(t.fold in ASK_WORDS for t in tokens[then:]):
            return best
        return next((c for c in candidates if c.route in _REMINDERS and c.explained
                     and min(c.explained) > then and c.rank >= SUBJECT * best.rank), best)

    def _duties(self, tokens: list[Token], candidates: list[_Candidate]) -> list[_Candidate]:
        """A unit named before what it must do for the Week or report ("trường tiểu học của
        tôi | cần làm những gì", "ủy ban xã | gửi báo cáo về đâu"): the answer about its duty
        explains the unit's name, and an answer found only on that name (the library, a
        contact, a subject of elsewhere: "câu lạc bộ dưỡng sinh") is not asked. Said of no
        unit, words that are all fillers ("facebook bị chiếm, giờ phải làm gì") ask no duty when
        another answer is found on words of its own."""
        duties = [c for c in candidates if c.route in _DUTIES and c.explained]
        if not duties:
            return candidates
        folds = [t.fold for t in tokens]
        # the units named, where each name starts and how many words it has (of the message,
        # not of a duty)
        # (by the word's own heads, _UNIT_HEADS_FROM: not every head tried at every word)
        heads = [(i, len(h)) for i in range(len(tokens))
                 for h in _UNIT_HEADS_FROM.get(folds[i], ()) if folds[i:i + len(h)] == h and all(
                     not t.marked or t.expanded or t.text in _UNIT_HEADS_TYPED
                     for t in tokens[i:i + len(h)])]
        named = {i + k for i, size in heads for k in range(size)}
        # (the units that say what the writer is, and those named right after them: "tôi là |
        # giáo viên | mầm non")
        writer: set[int] = set()
        for i, _size in heads:
            if _writer_is(folds, tokens, i) or any(j + n == i for j, n in heads if j in writer):
                writer.add(i)
        week = {i for i, f in enumerate(folds) if f in self._week_words}
        drop: list[_Candidate] = []
        for duty in duties:
            start = min(duty.explained)
            clause = tokens[start].clause
            head = next((i for i, _size in heads
                         if i <= start and tokens[i].clause == clause and i not in writer), -1)
            if head >= 0 and self._asked_before_duty(tokens, candidates, head, start, named):
                continue  # ("xã em có hoạt động gì | hưởng ứng tuần lễ": the activities asked)
            if head > 0 and folds[head - 1] == "cua" and not duty.explained - named:
                # "lịch nghỉ lễ của | cty em": the unit named only as whose a thing is, the
                # thing is asked, no duty (round 30 c)
                drop.append(duty)
                continue
            if head < 0 or not duty.explained - named:  # ("library? library": no duty asked)
                if all(self.index.is_filler(tokens[i]) for i in duty.explained) and any(
                        c.route[0] not in ("smalltalk", "unknown") and c.route not in _DUTIES
                        and any(not self.index.is_filler(tokens[i]) for i in c.explained)
                        for c in candidates):
                    drop.append(duty)  # (said alone, "cần làm gì" asks what one takes part by)
                continue
            # (a thing of the unit, named before it, is of its name: "fanpage của | trường nên
            # đăng bài gì", "website của | phường cần …"; round 22 d)
            opens = head
            if head >= 2 and folds[head - 1] == "cua":
                opens = next(i for i in range(head) if tokens[i].clause == clause)
            name = set(range(opens, start))
            duty.explained |= name
            # (nor is the Week's name, nor what the duty's own words say: "muốn | tham gia")
            drop += [c for c in candidates if c.route not in _DUTIES and c.explained
                     and c.explained <= name | week | duty.explained]
        kept = [c for c in candidates if c not in drop]
        return kept or candidates

    @staticmethod
    def _person_takes_part(tokens: list[Token], best: _Candidate, intro: set[int]) -> bool:
        """How to take part, asked by a writer who said who they are and names no unit ("t là
        tài xế chạy grab, không có giờ cố định | thì tham gia tuần lễ kiểu gì", "em là sinh
        viên, | tham gia tuần lễ thế nào"): a person's, who may take part and how, not a unit's
        duties, when the duty was found on taking part; a unit named in the introduction is
        where the writer works ("chị là cô giáo mẫu giáo | thì …") (round 29 a)."""
        folds = [t.fold for t in tokens]
        return any(folds[i:i + 2] == ["tham", "gia"] for i in best.explained) and not any(
            folds[i:i + len(h)] == h and i not in intro and not _writer_is(folds, tokens, i)
            for i, f in enumerate(folds) for h in _UNIT_HEADS_FROM.get(f, ()))

    @staticmethod
    def _asked_before_duty(tokens: list[Token], candidates: list[_Candidate], head: int,
                           start: int, named: set[int]) -> bool:
        """Between a unit's name and the words of its duty, is another answer asked ("xã em có
        | hoạt động gì | hưởng ứng tuần lễ không", "trường con có lớp nào | hưởng ứng …"): its
        words, then "gì" or "nào" (not "nào cũng": every)? The duty's words then say what the
        thing asked is for, and the name is no part of a duty (round 29 a)."""
        asking: set[int] | None = None
        for q in range(head + 1, start):
            if tokens[q].fold not in ("gi", "nao") or (
                    q + 1 < len(tokens) and tokens[q + 1].fold == "cung"):
                continue
            asking = parts.asking(tokens) if asking is None else asking
            # (the thing asked, not a question phrase, "khi nào | hết hạn nộp" asks when, nor a
            # unit's name, "nhà văn hóa")
            if any(c.route not in _DUTIES and c.route[0] not in ("smalltalk", "unknown")
                   and c.explained and min(c.explained) > head and max(c.explained) < q
                   and not c.explained & (asking | named) for c in candidates):
                return True
        return False

    def _library_day(self, tokens: list[Token], best: _Candidate,
                     candidates: list[_Candidate]) -> _Candidate | None:
        """"thư viện thành phố mở cửa cho dân vào đọc hôm nào", "hôm nào thư viện mở cửa miễn
        phí": which day of the Week the library does something is asked of the library's
        event (the library's answer lists its programmes, no day); the event whose title
        names a library and one more word the message says ("mở", "đọc"). The hour alone
        ("thư viện mấy giờ đóng cửa") is the library's. None otherwise (round 25d)."""
        if best.route != ("library", "") or not best.explained:
            return None
        run = parts.run(tokens)
        if not any(f" {q} " in run for q in _WHICH_DAY) or any(
                f" {q} " in run for q in _WHICH_HOUR):
            return None
        said = {t.fold for t in tokens if t.kind == "word" and not self._said_nothing(t)}
        for event in self.edition.events:
            title = [t.fold for t in tokenize(event.title.vi) if t.kind == "word"]
            if " thu vien " in f" {' '.join(title)} " and said & (
                    set(title) - {"thu", "vien", "ngay"} - self.index.filler_folds):
                return _Candidate(("event", event.id), best.score, set(best.explained),
                                  best.source, best.rank)
        return None

    @staticmethod
    def _programme_of_library(tokens: list[Token], best: _Candidate,
                              candidates: list[_Candidate]) -> _Candidate | None:
        """"sách ở thư viện trường có được luân chuyển sang thư viện khác không", "tủ sách lớp
        học là sao, con tôi phải góp sách à": the library's answer lists the reading
        programmes; a message that names one of them on words the library does not hold asks
        about that programme. None when no programme is so named."""
        if best.route != ("library", "") or not best.explained:
            return None
        # (the unit that writes names none: "cơ quan chúng tôi | có 200 cuốn sách muốn tặng"
        # is no reading space of an office; round 22 d)
        writer = _writer_unit(tokens)
        return next((c for c in candidates[1:] if c.route[0] == "programme"
                     and len(Understander._own_words(tokens, c, best, candidates) - writer) >= 2
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _borrowed_there(tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"trung tâm học tập cộng đồng có sách cho mượn không": borrowing books is asked of
        the place named, the library's answer (it says where to borrow), not the reading space
        found on the place's name, however much stronger that is. None when nothing is
        borrowed ("mượn" typed without marks or as such, not "muốn") (round 38)."""
        if best.route[0] not in ("programme", "event") or best.route[1] != "khong-gian-doc":
            return None
        return next((c for c in candidates[1:] if c.route in _READING and any(
                         tokens[i].fold == "muon" and (not tokens[i].marked
                                                       or "ư" in tokens[i].text.lower())
                         for i in c.explained - best.explained)), None)

    @staticmethod
    def _own_words(tokens: list[Token], item: _Candidate, best: _Candidate,
                   candidates: list[_Candidate]) -> set[int]:
        """The words that name `item` (a programme or an event) and nothing `best` holds: not
        the words that ask when or where, nor words another kind of answer explains too
        ("tài liệu": the resources'; "cán bộ": the units'); the activity, the event and the
        programme of the same name share theirs."""
        shared = set().union(*(c.explained for c in candidates
                               if c.route[0] not in ("programme", "event", "activities")
                               and c is not best
                               and (c.route[0] != "faq" or c.rank >= item.rank)))
        return {i for i in item.explained - best.explained - shared
                if tokens[i].fold not in _WHEN_FOLDS}

    @staticmethod
    def _resource_group(tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"khoa hoc mooc o dau": a group of resources named by its own word beside the words
        of all the courses ("khóa học") is that group; so is one named on words the whole list
        does not hold ("trang web nào | đọc truyện tranh", "vào web nào học | kỹ năng số"): the
        list's words ("trang web", "tài liệu", "online") only say the answer is a site. Not
        on words an event or a programme holds as strongly ("học thêm | kỹ năng": the skills
        class's words as much as the group's)."""
        if best.route != ("courses", "") or not best.explained:
            return None
        if all(tokens[i].fold in _MATERIAL | _ONLINE for i in best.explained):
            # "làm sao nhận biết lừa đảo trên mạng, | có tài liệu không": the list found only
            # on the words of material and of online ("tài liệu", "trên mạng") asks the
            # material of the subject an FAQ entry is found on, nearly as strong, on words of
            # its own (round 33 b: the examples no longer settled it)
            subject = next((c for c in candidates[1:] if c.route[0] == "faq" and c.explained
                            and not c.explained & best.explained
                            and c.rank >= CLARIFY_RATIO * best.rank), None)
            if subject is not None:
                return subject

        def own_group(c: _Candidate) -> bool:
            return bool(c.explained) and not c.explained & best.explained and not any(
                o.route[0] in ("event", "programme", "activities")
                and c.explained <= o.explained and o.rank >= c.rank for o in candidates)

        def online_around(c: _Candidate) -> bool:
            # a group named inside the list's words, which only say where it is learned
            # ("học tiếng anh | trên mạng": the courses' group) (round 21c)
            return c.explained < best.explained and all(
                tokens[i].fold in _ONLINE for i in best.explained - c.explained) and any(
                tokens[i].fold not in _ONLINE | _COURSE_WORDS for i in c.explained)

        return next((c for c in candidates[1:] if c.route[0] == "courses"
                     and ((best.explained < c.explained
                           and c.rank >= CLARIFY_RATIO * best.rank)
                          or ((own_group(c) or online_around(c))
                              and c.rank >= SUBJECT * best.rank))), None)

    @staticmethod
    def _free_resource(tokens: list[Token], best: _Candidate,
                       candidates: list[_Candidate]) -> _Candidate | None:
        """"tìm sách điện tử đọc miễn phí", "sách nói nghe miễn phí ở đâu": "miễn phí" said of
        a resource online names which resource is wanted (each site sets its own terms); the
        fee of the Week is asked only when "có" asks it ("khóa học có miễn phí không"). None
        when the fee is asked or no resource is named."""
        if best.route != ("faq", "chi-phi") or not best.explained:
            return None
        first = min(best.explained)
        folds = [tokens[i].fold for i in sorted(best.explained)]
        # ("không mất tiền" said of it, not asked: "học toán onl | ko mất tiền"; round 26b)
        # (or a coin, a penny: "mà không mất xu nào", "không tốn đồng nào"; round 29b)
        unpaid = len(folds) == 2 and folds[0] in _SPEND and folds[1] in _COIN and first > 0 \
            and tokens[first - 1].fold == "khong" and (first < 2 or tokens[first - 2].fold != "co")
        if not unpaid and (any(f not in ("mien", "phi") for f in folds) or (
                first and tokens[first - 1].fold in ("co", "la"))):
            return None
        # (learning for free, "học miễn phí", "learn for free online", asks where to learn
        # so: the courses named beside it, however weakly; round 24b)
        learn = first > 0 and tokens[first - 1].fold == "hoc"
        # (or a free class or site asked of what is learned online: "học làm bánh online, có
        # lớp nào miễn phí"; round 34a)
        learn = learn or (first > 1 and tokens[first - 1].fold == "nao"
                          and tokens[first - 2].fold in _LEARNED_WHERE)
        # (or said first, as English says it, of the learning online right after: "free |
        # online learning sites")
        after = max(best.explained) + 1
        learn = learn or (first == 0 and after < len(tokens)
                          and tokens[after].fold in _LEARNING_ONLINE)
        # (taught for free, "có chỗ nào dạy miễn phí không", asks where a class teaches what is
        # named before it: "học gọi video zalo" the digital-skills classes; round 26 a)
        taught = first > 0 and tokens[first - 1].fold == "day"
        # (read or borrowed for free, "đến đâu để đọc miễn phí", "mượn miễn phí ở đâu": where
        # to read so, the library named beside it, however weakly; round 34c)
        # (or what is read between: "mượn sách miễn phí", "đọc truyện miễn phí")
        read = any(tokens[j].fold in _READ_FREE for j in range(max(0, first - 2), first))
        # (not a resource told in the story, "miễn phí" asked of the Week in another part:
        # "hôm kia tôi đến thư viện trả sách, | cho hỏi tuần lễ có những lớp học nào miễn phí";
        # "bà tôi thích nghe sách nói, | có chỗ nào nghe miễn phí không" asks of the story's)
        # (round 26 e)
        week = " tuan le " in " ".join(["", *(t.fold for t in tokens if t.clause in {
            tokens[i].clause for i in best.explained}), ""])
        return next((c for c in candidates[1:] if (c.route[0] == "courses" or (
                     taught and c.route == _SAFETY) or (read and c.route in _READING))
                     and c.explained and not c.explained & best.explained
                     and not (week and _told_apart(tokens, c, best))
                     and (learn or read or c.rank >= SUBJECT * best.rank)), None)

    @staticmethod
    def _reading_online(tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"cháu muốn đọc truyện | thì vào trang nào": reading asked together with a site (the
        courses' words "trang nào", "link", "web") is the group of resources that holds the
        reading words, not the library's programmes, which are read on paper. None when the
        message asks no site or no group holds those words."""
        if best.route == ("courses", "") and best.explained:
            # the other way round: the site asked more strongly than the reading ("con tôi
            # thích đọc truyện, | có trang web nào không") (round 21c)
            # (a site asked only as such, "có trang web nào", names nothing read: reading
            # said beside it, "đọc sách", is what is done there, however weak; not "sách" of
            # "danh sách"; round 24b)
            site = all(tokens[i].fold in _ONLINE | _COURSE_WORDS | _WHICH
                       for i in best.explained)
            reading = next((c for c in candidates[1:] if c.route in _READING and c.explained
                            and not c.explained & best.explained
                            and (c.rank >= SUBJECT * best.rank or (site and any(
                                tokens[i].fold == "doc" for i in c.explained)))), None)
            if reading is None:
                return None
            best, asked = reading, best
        else:
            site_asked = next((c for c in candidates[1:] if c.route == ("courses", "")
                               and c.explained and not c.explained & best.explained
                               and c.rank >= SUBJECT * best.rank), None)
            if site_asked is None and best.route in _READING and best.explained and any(
                    tokens[i].fold == "sach" for i in best.explained) and _app_named(
                    tokens, {tokens[i].clause for i in best.explained}):
                # "có app nào đọc sách mà không cần mạng": books read in an app are the
                # e-books (round 28 a)
                return replace(best, route=("courses", "sach-dien-tu"))
            if best.route not in _READING or not best.explained or site_asked is None:
                return None  # no reading named, or no site asked beside it
            asked = site_asked
        group = next((c for c in candidates[1:] if c.route[0] == "courses" and c.route[1]
                      and c.explained & best.explained), None)
        if group is None and any(tokens[i].fold == "sach" for i in best.explained):
            # books read on a site no group names by those words are the e-books, found on
            # the words of both ("có web nào | đọc sách free không"; round 24b)
            strongest = max(best, asked, key=lambda c: c.rank)
            return replace(strongest, route=("courses", "sach-dien-tu"),
                           explained=best.explained | asked.explained)
        return group

    def _programme_joined(self, tokens: list[Token], best: _Candidate,
                          candidates: list[_Candidate]) -> _Candidate | None:
        """"ông bà đọc sách cùng cháu thì tham gia thế nào": taking part in a reading
        programme named before the question is asked of that programme (how to join)."""
        if best.route != ("faq", "ai-tham-gia") or not best.explained:
            return None
        return next((c for c in candidates[1:] if c.route[0] == "programme"
                     and c.explained and max(c.explained) < min(best.explained)
                     and len(self._own_words(tokens, c, best, candidates)) >= 2
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _day_of_programme(tokens: list[Token], best: _Candidate,
                          candidates: list[_Candidate]) -> _Candidate | None:
        """"ngày luân chuyển sách ai được tham gia", "hôm phát động tủ sách lớp học là gì": a
        programme named right after "ngày", "buổi" or "hôm" names its day of the Week, the
        event of the same name (round 34c). None when no such word or event."""
        if best.route[0] != "programme" or not _day_named_before(tokens, best):
            return None
        return next((c for c in candidates if c.route == ("event", best.route[1])), None)

    @classmethod
    def _event_of_reading(cls, tokens: list[Token], best: _Candidate,
                          candidates: list[_Candidate]) -> _Candidate | None:
        """"ngày đổi sách giữa các thư viện | là hôm nào", "buổi ông bà cháu cùng đọc sách |
        ở đâu", "khi nào có buổi giới thiệu các khóa học online": when or where is asked (in
        words, not by a date) of an event the message describes on words of its own; the
        library, the reading programme, the courses or the FAQ's advice on what to learn or read
        that share the other words have no day nor place. None when no such event is named."""
        if not (best.route[0] in ("library", "programme", "courses")
                or best.route in _SUBJECTS_WITHOUT_DAY) or not best.explained:
            return None
        run = parts.run(tokens)
        # (what to bring is asked of the day too: "hôm ông bà cháu cùng đọc sách có cần mang
        # gì không"; round 31 c)
        # (or which place, "ngày hội đọc sách | ở thư viện nào": where; round 34c)
        if not any(f" {q} " in run for q in (*_WHEN_OR_HOW_LONG, *_OCCASION_ASKED, *_BRING)) \
                and not _WHICH_PLACE.search(run):
            return None
        if " buoi " in run:
            # "hôm nào có buổi đọc sách ở thư viện", "học dùng thư viện số thì đi buổi nào": a
            # session is asked for, which only an event is; the strongest event on the same
            # words is it, though the library or the resources hold those words more strongly.
            return next((c for c in candidates[1:] if c.route[0] == "event"
                         and c.explained & best.explained
                         and c.rank >= SUBJECT * best.rank), None)
        # (an FAQ answer gives way to an event described on two words of its own at least:
        # "lớp | học dùng internet an toàn ở đâu" asks where to learn it, not a class's day)
        if best.route[0] == "programme":
            # "ông bà cháu cùng đọc sách vào hôm nào": when or where a programme is, asked,
            # is its day of the Week's calendar, the event of the same name (round 26b)
            same = next((c for c in candidates if c.route == ("event", best.route[1])), None)
            if same is not None:
                return same
        least = 2 if best.route[0] == "faq" else 1
        # (where a resource is, asked alone, is where to find it online: an event then only
        # when nearly as strong, "thầy cô chia sẻ giáo án điện tử ở đâu" is the lectures', not
        # the intergenerational reading found on "chia sẻ"; round 38)
        floor = CLARIFY_RATIO if best.route[0] == "courses" and not any(
            f" {q} " in run for q in (*_HELD_WHEN, *_BRING)) else SUBJECT
        # (who learns or reads names no event: "sv năm 3 muốn học thêm python online thì học
        # ở đâu" is no training "cho học sinh, sinh viên"; round 24b, as _audience_reads)
        return next((c for c in candidates[1:] if c.route[0] == "event"
                     and len({i for i in cls._own_words(tokens, c, best, candidates)
                              if tokens[i].fold not in _LEARNERS}) >= least
                     and c.rank >= floor * best.rank
                     and cls._named_event(c, candidates)), None)

    def _of_other_place(self, tokens: list[Token], best: _Candidate,
                        matches: list[Match]) -> bool:
        """Whether another city or province is named right after a word the answer was found
        on, "ở", "tại", "của", "tỉnh", "thành phố" between ("thư viện | Đà Nẵng", "ngày hội đọc
        sách | ở | Hà Nội"): the thing named is that place's. Who writes from there ("tôi ở
        Hà Nội", "người Hà Nội") is not (round 23 f). (A word of any phrase of the Week's:
        "ngày hội đọc sách | ở Huế | tổ chức ngày nào" is answered on its question words.)"""
        if not best.explained or best.route[0] == "smalltalk":
            return False
        folds = [t.fold for t in tokens]
        named: set[int] | None = None
        for i in range(len(folds)):
            for place in self._places_from.get(folds[i], ()):
                if tuple(folds[i:i + len(place)]) != place:
                    continue
                # the place that opens a part, "có" after it ("ở đà nẵng có tuần lễ học tập
                # không", "hà nội có cuộc thi không"): what is asked is whether it is there
                # (who writes from there says so: "tôi ở hà nội có thi được không") (round 28 b)
                j = i - 1
                while j >= 0 and folds[j] in _OPENING_LINKS and tokens[j].clause == tokens[
                        i].clause:
                    j -= 1
                if (j < 0 or tokens[j].clause != tokens[i].clause) and i + len(place) < len(
                        folds) and folds[i + len(place)] == "co":
                    return True
                if i == 0:
                    continue
                if named is None:
                    named = {j for m in matches
                             if self.index.units[m.unit][0] not in ("smalltalk", "unknown")
                             for j in range(m.start, m.end)}
                k = i - 1
                while k > 0 and folds[k] in _PLACE_LINKS:
                    k -= 1
                if k in named and folds[k] not in _WRITERS:
                    return True
        return False

    def _elsewhere_within(self, tokens: list[Token], matches: list[Match],
                          candidates: list[_Candidate]) -> list[_Candidate]:
        """"sách giáo khoa điện tử tải ở đâu": a subject of elsewhere ("sách giáo khoa") said
        inside a longer phrase of the Week's own (the e-books' keyword) is that phrase's, not
        a subject the bot has no answer for; so is one whose words other than fillers are
        all inside it ("dự án | gì" is no "ăn gì": "thư viện 50k là dự án gì"), and one that
        straddles the start of a phrase of the Week's at least two words longer than itself
        ("tham gia | diễn đàn công dân học tập" holds no "giá điện": a word cannot be of both;
        round 22 d), and a two-word one whose first word ends a phrase of the Week's and whose
        second starts another ("tham gia | diễn đàn": round 23 d)."""
        if not any(c.route[0] == "unknown" and c.explained for c in candidates):
            return candidates  # (no subject elsewhere to set aside)
        spans = [(m.start, m.end) for m in matches
                 if self.index.units[m.unit][0] not in ("unknown", "smalltalk")]
        if not spans:
            return candidates

        def within(c: _Candidate) -> bool:
            own = sorted(i for i in c.explained if not self.index.is_filler(tokens[i]))
            return bool(own) and (any(
                (s <= min(own) and max(own) < e and e - s > len(own)
                 # (not two words or more of it outside: "muốn học | thêm toán" is "học thêm
                 # toán", though "thêm", "toán" are fillers; round 25 c)
                 and sum(1 for i in c.explained if not s <= i < e) < 2)
                or (min(own) < s <= max(own) < e and e - s >= len(own) + 2)
                # (nor one whose first word ends a phrase of the Week's of four words or
                # more: "tài liệu ôn thi | thpt online" asks for the materials, the exam is
                # what they are for; round 29b)
                # (unless two words of it typed or more come after: "ôn thi đại | học ở trung
                # tâm nào tốt" asks of a centre, "thpt" is one; round 34a)
                or (s < min(own) == e - 1 < max(own) and e - s >= 4
                    and sum(1 for i in own if i >= e and not tokens[i].expanded) < 2)
                for s, e in spans) or (len(own) == 2 and own[1] == own[0] + 1 and any(
                    # (its first word the end of a phrase of the Week's, its second the start
                    # of another: "tham | gia điện | đàn" is "tham gia", "diễn đàn"; round 23 d)
                    s < own[0] and e == own[1] for s, e in spans) and any(
                    s == own[1] and e > own[1] + 1 for s, e in spans)))

        # "đang thi thì mất điện", "bị cúp điện lúc đang làm bài": a mishap told as what
        # happened while doing what an answer of the Week's names ("đang" in its phrase), that
        # answer stronger: the mishap is the story, not the subject asked (round 23 e)
        # (not the calendar's "đang diễn ra"; "giữa chừng" tells it too: "làm bài thi mà bị mất
        # điện giữa chừng")
        # (the strongest of the Week's answers, or the story tells of something else)
        # (or "giữa lúc", "trong lúc": "mất sóng giữa lúc làm bài thi"; and the contest's own
        # "khi làm bài", "lúc thi": "có được mở sách giáo khoa ra xem khi làm bài không" asks
        # what may be done while taking the quiz; round 26d)
        run = parts.run(tokens)
        midway = any(f" {w} " in run for w in _MIDWAY)
        week = next((c for c in candidates if c.route[0] not in ("unknown", "smalltalk")), None)
        during = week is not None and week.route[0] not in _CALENDAR and bool(
            week.explained) and (midway or any(
                tokens[i].fold == "dang" and tokens[i].text != "đăng" and not (
                    # ("huy dang ky tai khoan shopee": "dang ky" is "đăng ký" typed without
                    # marks, no "đang" of a mishap told; round 32e)
                    i + 1 < len(tokens) and tokens[i + 1].fold == "ky")
                for i in week.explained) or (
                week.route[0] in ("contest", "contest_take") and any(
                    tokens[i].fold in ("khi", "luc") for i in week.explained)))
        # "dk thi cần những gì, có cần cccd ko": a paper asked in another part of a message
        # that registers for an answer of the Week's is asked of that registration; "dk thi
        # bằng lái xe" registers for the subject elsewhere itself ("đăng ký", written out
        # from "dk", folds as "đang" does; round 25 a)
        # (not a registration told as done: "tôi đã đăng ký nhắc lịch rồi, | cho hỏi lịch cắt
        # điện ngày mai" (round 26 e))
        registers = ({tokens[i].clause for i in week.explained if tokens[i].text == "đăng"}
                     - _done_parts(tokens)) if (
            week is not None and week.route[0] not in _CALENDAR) else set()

        def registered(c: _Candidate) -> bool:
            return bool(registers) and not {tokens[i].clause for i in c.explained} & registers
        # "về hưu muốn học vẽ trên mạng, có trang nào": a subject learned elsewhere ("học
        # vẽ") asked of a site online is what the courses online teach (round 24b); not
        # without a site asked ("học lái xe online được không"); school subjects learned
        # more ("học thêm toán") online for free are the lectures and courses online too
        # ("muốn học thêm toán onl không mất tiền"; round 26b)
        courses = next((c for c in candidates if c.route == ("courses", "")), None)
        online = courses is not None and bool(
            {tokens[i].fold for i in courses.explained} & (_LEARNING_ONLINE | {"mang"}))
        online_site = online and courses is not None and {
            tokens[i].fold for i in courses.explained} >= {"trang"}
        online_free = online and parts.free_said(tokens)

        def learned_online(c: _Candidate) -> bool:
            first = min(c.explained)
            # ("chỉ muốn học làm bánh online, | có lớp nào miễn phí k": learned online, and a
            # free one asked, whatever "học" is followed by; round 34a)
            return tokens[first].fold == "hoc" and (online_site or (
                online_free and first + 1 < len(tokens) and tokens[first + 1].fold == "them")
                or (online_free and which_asked(c)))

        def taught(c: _Candidate) -> bool:
            # "có web nào | dạy | vẽ tranh cho bé không": a subject elsewhere that a site named
            # before teaches is what it teaches (round 34a)
            first = min(c.explained)
            return first > 1 and tokens[first - 1].fold in _TAUGHT and any(
                o.route[0] == "courses" and o.explained and max(o.explained) < first - 1
                and all(self.index.is_filler(tokens[k]) for k in range(max(o.explained) + 1,
                                                                          first - 1))
                for o in candidates)

        def which_asked(c: _Candidate) -> bool:
            return any(tokens[k].fold == "nao" and tokens[k - 1].fold in _LEARNED_WHERE
                       for k in range(max(c.explained) + 2, len(tokens)))

        def for_purpose(c: _Candidate) -> bool:
            # "muốn học thêm tiếng Nhật | để đi xuất khẩu lao động, | học trên mạng được
            # không", "… tiếng Nhật online | để sau đi xuất khẩu lao động": what the learning
            # online is for, not what is asked (round 34a)
            if not online or courses is None:
                return False
            first = min(c.explained)
            told = next((k for k in range(first - 1, 0, -1) if tokens[k].fold == "de"
                         or not (tokens[k].fold in _THEN or self.index.is_filler(tokens[k]))),
                        -1)
            # (a subject learned named before it: "học online | để thi công chức" names none,
            # the exam is what is asked)
            return told > 0 and tokens[told].text.lower() in ("để", "de") and any(
                i < told and tokens[i].fold not in _ONLINE | _COURSE_WORDS | {"them", "muon"}
                for i in courses.explained)

        kept = [c for c in candidates
                if not (c.route[0] == "unknown" and c.explained
                        and (within(c) or during or registered(c) or learned_online(c)
                             or for_purpose(c) or taught(c)))]
        return kept or candidates

    def _asked_of_day(self, tokens: list[Token], ref: DateRef, best: _Candidate,
                      candidates: list[_Candidate], info: dict[int, float]) -> _Candidate | None:
        """Of a message that names days: the event its day is named after, asked when or
        where ("hôm bế mạc tổ chức ở đâu"); the day, when only when it starts or ends is asked
        ("sáng mai mấy giờ bắt đầu": not the Week's dates); the event asked which of two days
        it is held on ("diễn đàn công dân học tập thứ 7 hay chủ nhật") or asked anything of on
        its day; the day, asked what it holds online. None otherwise."""
        run = parts.run(tokens)
        asked = any(f" {q} " in run for q in WHEN_WHERE)
        # (until which day is asked of no one day: "tuần lễ bắt đầu từ hôm nay | đến hôm nào
        # thì hết" asks the Week's dates; round 24 d)
        on_when_words = best.route[0] == "faq" and bool(best.explained) and not (
            best.explained & ref.used) and all(tokens[i].fold in _WHEN_FOLDS
                                               for i in best.explained) and not (
            best.route == _WHEN_WEEK and any(f" den {q} " in run for q in _UNTIL_WHEN))
        if asked or on_when_words:
            ceremony = self._ceremony_named(tokens, ref, best)
            if ceremony is not None:
                return ceremony
        # (the words of the parts that name the day or ask: not a greeting nor thanks)
        clauses = {tokens[i].clause for i in best.explained | ref.used}
        talk = set().union(*(c.explained for c in candidates if c.route[0] == "smalltalk"))
        said = [i for i in info if tokens[i].clause in clauses and i not in talk]
        if on_when_words and all(i in best.explained or i in ref.used for i in said):
            return next((c for c in candidates if c.route[0] in ("day", "today")), None)
        online = best.route[0] == "courses" and bool(best.explained) and all(
            tokens[i].fold in _HELD_HOW for i in best.explained)
        if online and all(i in best.explained or i in ref.used or tokens[i].fold in _SESSIONS
                          for i in said):
            # "tối mai có buổi nào học trên mạng không": what the day holds online
            return next((c for c in candidates if c.route[0] in ("day", "today")), None)
        # (an event named with its day, and something asked of it: "diễn đàn … tối thứ ba
        # có cần đăng ký không", "… thứ 7 hay chủ nhật": the day only says which it is)
        # (or hours: "khai mạc 8h hay 9h")
        either = any(tokens[i].fold in _EITHER and (len(ref.days) > 1 or (
            0 < i < len(tokens) - 1 and tokens[i - 1].kind == tokens[i + 1].kind == "time"))
            for i in ref.used)
        # (an event named with its own day, the day said to confirm which it is: "8h sáng nay
        # khai mạc à", "lớp … sáng thứ sáu học ở trường hay online": the question is of the
        # event, its hour, its place, how it is held; round 25d)
        # ("có gì hay không": "hay" after what is asked is "interesting", no choice)
        either = either or any(
            t.fold in _EITHER and not t.expanded and i not in ref.used and 0 < i < len(tokens) - 1
            and tokens[i - 1].fold not in ("gi", "nao", "co") and tokens[i + 1].fold not in YES_NO
            for i, t in enumerate(tokens))
        if best.route[0] in ("day", "today") and (either or _asks(tokens, best.explained)
                                                  or _confirms(tokens)):
            # (not an event told in a part that asks nothing: "sáng nay tôi đi khai mạc rồi, |
            # chiều nay còn có gì nữa không" asks what else the day holds; round 30 c)
            # (or on another day, when the message checks what it says: "khai mạc ngày 2/10
            # phải không", "khai mac vao chu nhat nay nhi": the day is what the writer believes
            # of the event, the event's card says its own; round 33 b)
            # (the event held on the day told first: "tối thứ 3 có diễn đàn phải không" is the
            # forum of that evening, not the other forum)
            checks = _checks(tokens)
            events = [c for c in candidates[1:] if c.route[0] == "event"
                      and c.explained and not c.explained & ref.used
                      and not _told_beside(tokens, c, ref.used)
                      and c.rank >= SUBJECT * best.rank
                      and self._named_event(c, candidates)]
            event = next((c for c in events if self._event_days.get(c.route[1]) in ref.days),
                         events[0] if checks and events else None)
            if event is not None or not checks:
                return event
            # "tuần lễ kết thúc ngày 7/10 đúng không", "tuần lễ bắt đầu từ thứ 2 tuần sau à":
            # the Week's own days checked are its dates' answer; "thi đóng lúc 21h ngày 7/10
            # đúng không", the contest's facts (open every day until it closes): each found on
            # words of its own (round 33 b)
            own = _WHEN_WEEK if " tuan le " in run else ("contest", "")
            return next((c for c in candidates[1:] if c.route == own
                         and c.explained and not c.explained & ref.used
                         and c.rank >= SUBJECT * best.rank), None)
        # "ngày tv mở thứ 3 ở thư viện thành phố có cần làm thẻ không": an event named on a
        # word of its own besides the subject found, with its own day, is what is asked of;
        # the day says which it is (round 25d)
        if best.route[0] not in ("day", "today", "event") and best.explained and (
                len(ref.days) == 1):
            return next((c for c in candidates[1:] if c.route[0] == "event"
                         and self._event_days.get(c.route[1]) == ref.days[0]
                         and any(tokens[i].fold not in _WHEN_FOLDS
                                 and not self.index.is_filler(tokens[i])
                                 for i in c.explained - best.explained - ref.used)
                         and c.rank >= TWO_QUESTIONS * best.rank), None)
        return None

    def _alike_on_other_days(self, event: _Candidate, candidates: list[_Candidate],
                             ref: DateRef) -> set[tuple[str, str]]:
        """The events named alike (on the same words) as `event`, held on a day told, that are
        held on other days: no second answer to ask between ("tối thứ 3 có diễn đàn à",
        "diễn đàn tối thứ 3 mấy giờ": the forum of that evening; round 33 b)."""
        if event.route[0] != "event" or self._event_days.get(event.route[1]) not in ref.days:
            return set()
        return {c.route for c in candidates if c.route[0] == "event"
                and c.explained == event.explained
                and self._event_days.get(c.route[1]) not in ref.days}

    def _library_opens(self, tokens: list[Token], ref: DateRef, best: _Candidate,
                       candidates: list[_Candidate],
                       info: dict[int, float]) -> _Candidate | None:
        """"thư viện xã có mở cửa chủ nhật không", "tv phuong t7 co mo ko": whether a library
        opens on one day named asks the library's hours (its answer says whom to ask), not
        what the day holds; the library's own event of that day, when it has one ("thư viện
        thứ ba có mở cửa không": the open library day). Only when the library, its opening
        and the day are all the message says ("thư viện gần nhà đóng cửa chủ nhật, | vậy chủ
        nhật này có hoạt động gì" asks the day) (round 30a; earlier rounds read it as the
        day, BENCHMARKS §8.99). Several days named ("thư viện có mở cửa cuối tuần không", "tv
        tp cn có mở cửa ko hay nghỉ"): the library, whatever events they hold (round 34c)."""
        if best.route[0] not in ("day", "today") or not ref.days:
            return None
        folds = [t.fold for t in tokens]
        # (or "mở" before the time it is asked of: "có phòng đọc nào mở buổi tối không")
        if not any((a == "mo" and b in ("cua", "khong", "ko", "k", "chua"))
                   or (a == "dong" and b == "cua")
                   for a, b in itertools.pairwise([*folds, ""])) and not any(
                folds[i] == "mo" and i + 1 in ref.used for i in range(len(folds))):
            return None
        library = next((c for c in candidates if c.route == ("library", "")
                        and c.explained), None)
        if library is None or any(c.route[0] == "unknown" for c in candidates):
            return None
        # (or closed, "… mở cửa ko hay nghỉ", "đóng cửa")
        opening = {i for i, f in enumerate(folds) if f in _OPENING}
        if any(i not in library.explained and i not in ref.used and i not in opening
               and not self.index.is_filler(tokens[i]) and tokens[i].fold not in YES_NO
               and tokens[i].fold not in _LIBRARY_OF
               for i in info):
            return None
        own = next((c for c in candidates if c.route[0] == "event" and len(ref.days) == 1
                    and self._event_days.get(c.route[1]) == ref.days[0]
                    and c.explained & library.explained), None)
        return own or library

    def _library_event_of_day(self, ref: DateRef, best: _Candidate,
                              candidates: list[_Candidate]) -> _Candidate | None:
        """"chủ nhật dẫn cháu đi đọc sách ở thư viện tp được không": reading at a library on one
        day named is the event held at a library that day, found on the library's own words
        (two or more: "đọc sách"), not the library's answer, which has no day (round 34c). (Its
        opening asked is its hours: `_library_opens`, tried first.) None otherwise."""
        if best.route != ("library", "") or len(ref.days) != 1:
            return None
        return next((c for c in candidates if c.route[0] == "event"
                     and self._event_days.get(c.route[1]) == ref.days[0]
                     and len(c.explained) >= 2 and (
                         c.explained <= best.explained
                         # (or on two words of its own and more: "thứ 3 tuần sau thư viện mở
                         # cửa | cho cả nhà vào đọc à", the open library day; round 37 b)
                         or len(c.explained - best.explained) >= 2)
                     and c.route[1] in self._library_events), None)

    @property
    def _library_events(self) -> frozenset[str]:
        """The events held at a library (their place names one)."""
        if self._library_events_read is None:
            self._library_events_read = frozenset(
                e.id for e in self.edition.events if e.place is not None
                and "thư viện" in e.place.vi.lower())
        return self._library_events_read

    def _ceremony_named(self, tokens: list[Token], ref: DateRef,
                        best: _Candidate) -> _Candidate | None:
        """The event a day is named after ("hôm khai mạc", "ngày bế mạc": the date reader
        reads them as the day, so no phrase of the event is left to find it): the first event
        of that day whose title or keywords hold the name. None when the day is named so."""
        named = " ".join(tokens[i].fold for i in sorted(ref.used)
                         if tokens[i].fold not in _DAY_HEADS and tokens[i].kind == "word")
        if len(ref.days) != 1 or " " not in named or not any(
                tokens[i].fold in _DAY_HEADS for i in ref.used):
            return None
        for event in self.edition.events:
            names = (event.title.vi, *event.keywords)
            if event.start.date() == ref.days[0] and any(
                    f" {named} " in f" {fold(n)} " for n in names):
                return _Candidate(("event", event.id), best.score, set(ref.used), best.source,
                                  best.rank)
        return None

    def _held_how(self, tokens: list[Token], best: _Candidate,
                  candidates: list[_Candidate]) -> _Candidate | None:
        """"lễ khai mạc có xem trực tuyến được không", "tập huấn cho công chức có học qua mạng
        không", "lớp … học ở trường hay online": whether an event named on words of its own is
        held online is asked of the event (its card says where it is held), not of the courses
        online the other words name. None when no such event is named, or nothing is asked."""
        if not (best.route[0] == "courses" or best.route in _SUBJECTS_WITHOUT_DAY) or not (
                best.explained):
            return None
        if not (_asks(tokens, best.explained) or any(t.fold == "hay" for t in tokens)):
            return None
        event = next((c for c in candidates[1:] if c.route[0] == "event" and c.explained
                      and not c.explained & best.explained
                      and c.rank >= SUBJECT * best.rank
                      and self._named_event(c, [o for o in candidates
                                                if o.route not in _ACTIVITIES])), None)
        # (the list of activities holds every event's words: it names none of them)
        if event is None or not all(tokens[i].fold in _HELD_HOW for i in best.explained):
            return None
        # (a class or a session named only as such, or how well one learns, names no event:
        # "có lớp học kế toán trực tuyến không" asks for a course, not the "tủ sách lớp học"
        # event; "học online cho hiệu quả" not the training "an toàn, hiệu quả"; round 23 a)
        if all(tokens[i].fold in _SESSIONS | _COURSE_WORDS or self._said_nothing(tokens[i])
               for i in event.explained):
            return None
        return event

    @staticmethod
    def _learned_on(tokens: list[Token], best: _Candidate,
                    candidates: list[_Candidate]) -> _Candidate | None:
        """"học online bằng điện thoại có được không", "học trực tuyến có cần máy tính không":
        a device named beside learning online is what one learns on, not what is learned (the
        digital skills class) nor a phone number asked; the courses online named on words of
        their own are asked. None when the answer holds more than the device's words ("học
        dùng điện thoại": the device learned) or no learning online is named (round 24b)."""
        if not best.explained or best.route[0] == "courses" or not all(
                tokens[i].fold in _DEVICE_WORDS for i in best.explained):
            return None
        return next((c for c in candidates[1:]
                     if _learning_online(c.route)
                     and c.explained and not c.explained & best.explained
                     and any(tokens[i].fold == "hoc" for i in c.explained)
                     and any(tokens[i].fold in _LEARNING_ONLINE for i in c.explained)
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _where_to_start(tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"e muốn tự học online mà không biết bắt đầu từ đâu": where to start, said after what
        the writer wants to do, asks where to start that (the courses, the library), not help
        with the bot nor a unit's duties. None when the answer holds more than those words
        ("bot hướng dẫn giúp") or nothing is named before them (round 24b). Nor when the Week's
        dates: "muốn tự học lập trình web thì | bắt đầu từ trang nào" asks where to start
        learning, of the courses named before (round 34a)."""
        if not best.explained or not all(tokens[i].fold in _START for i in best.explained):
            return None
        after = [t.fold for t in tokens[max(best.explained) + 1:max(best.explained) + 3]]
        dates = best.route == _WHEN_WEEK and after[:1] == ["tu"] and bool(
            set(after[1:]) & _WHERE_TO_START)
        if best.route not in (("help", ""), ("faq", "don-vi-tham-gia")) and not dates:
            return None
        # (the courses may be the strongest: a rule before read the part after "thì" as asked)
        # (of the Week's dates, the courses found after them too: "… thì bắt đầu | từ trang
        # nào" names where)
        return next((c for c in (candidates if dates else candidates[1:]) if c.explained
                     and (not dates or _learning_online(c.route))
                     and c.route[0] not in ("smalltalk", "unknown", "help")
                     and c.route != ("faq", "don-vi-tham-gia")
                     and (dates or max(c.explained) < min(best.explained))
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _resource_named(_tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"thích nghe đọc truyện, có chỗ nào nghe sách nói miễn phí không": a group of
        resources named on a phrase of its own that holds one of the reading's words ("sách"
        of "nghe sách nói") and two more is that group, not the library found on the word it
        lends and the story's. None when no group is so named (round 24b)."""
        if best.route not in _READING or not best.explained:
            return None
        return next((c for c in candidates[1:] if c.route[0] == "courses" and c.route[1]
                     and c.explained & best.explained
                     and len(c.explained - best.explained) >= 2
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _read_on_screen(tokens: list[Token], best: _Candidate,
                        candidates: list[_Candidate]) -> _Candidate | None:
        """"đọc sách qua điện thoại", "đọc truyện kiếm hiệp trên máy tính bảng", "có sách để
        đọc trên mạng không": books or stories read on a screen or online are the e-books, not
        the library's programmes found on the reading words (read on paper), nor the contacts
        or the safe Internet found on the device's words. None when no reading is found, when
        what is read is the news ("đọc báo trên điện thoại": the digital skills), or when the
        message asks to learn to do it (round 38)."""
        at = _read_on_a_screen(tokens)
        if at is None or best.route[0] == "courses":
            # (a group of resources found already stays: "hội những người thích đọc sách trên
            # mạng" is the reading communities', "đọc truyện tranh trên điện thoại" the
            # children's books')
            return None
        reading = best if best.route in _READING else next(
            (c for c in candidates[1:] if c.route in _READING and c.explained
             and c.rank >= SUBJECT * best.rank), None)
        if reading is None or not reading.explained or best.route[0] == "event" or (
                best.route[0] == "programme" and best.explained - reading.explained):
            return None
        strongest = max(best, reading, key=lambda c: c.rank)
        return replace(strongest, route=("courses", "sach-dien-tu"),
                       explained=reading.explained | best.explained | at)

    @staticmethod
    def _reading_not_screens(tokens: list[Token], best: _Candidate,
                             candidates: list[_Candidate]) -> _Candidate | None:
        """"làm sao để con thích đọc sách thay vì xem tiktok": the child's screens told beside
        the reading wanted are the trouble, the reading is asked (the library's habits), not
        the safe Internet found on the screens' words alone. None when the safe Internet holds
        more ("quản lý con dùng điện thoại") or no reading is named on words of its own
        (round 24b)."""
        if best.route != _SAFETY or not best.explained or not all(
                tokens[i].fold in _SCREEN_TIME for i in best.explained):
            return None
        return next((c for c in candidates[1:] if c.route in _READING and c.explained
                     and not c.explained & best.explained
                     and c.rank >= SUBJECT * best.rank), None)

    @staticmethod
    def _named_event(event: _Candidate, candidates: list[_Candidate]) -> bool:
        """An event named on words of its own: "đọc sách" is the library's before it is the
        reading day's ("con tôi thích đọc sách, | tuần lễ kết thúc ngày nào")."""
        return not any(o.route[0] not in ("event", "day", "today")
                       and event.explained <= o.explained and o.rank > event.rank
                       for o in candidates)

    def _predicate_asked(self, tokens: list[Token], best: _Candidate,
                         second: _Candidate) -> _Candidate | None:
        """Of two answers found on overlapping words of a yes/no question ("tham gia | mất phí
        không"), the one found on the last words said before "không" is asked: what comes
        before is who or what it is asked of. None when neither or both end there."""
        words = [i for i, t in enumerate(tokens) if t.kind == "word"]
        # "mất tiền k ạ", "… ko ad ơi": the particles and the call after "không" ask nothing
        # (a request stays one: "cho tôi thi với không ạ", "không nhận tin nữa hả ad")
        closed = len(words)
        while len(words) > 1 and tokens[words[-1]].fold in _AFTER_YES_NO:
            words.pop()
        if len(words) < closed and (tokens[words[-1]].fold not in ("khong", "chua") or (
                len(words) > 1 and tokens[words[-2]].fold in CLOSING)):
            return None
        if not words or tokens[words[-1]].fold not in YES_NO or not (
                best.explained & second.explained):
            return None
        last = next((i for i in reversed(words) if not self.index.is_filler(tokens[i])), -1)
        ends = [c for c in (best, second) if c.explained and max(c.explained) == last]
        if len(ends) != 1:
            return None
        other = second if ends[0] is best else best
        # (not an answer found on words the other's phrase holds whole: "bấm hủy là | không
        # nhận tin nữa | phải không" is no question of "nhận tin" alone; round 33 b)
        return ends[0] if min(other.explained) < min(ends[0].explained) and not (
            ends[0].explained < other.explained) else None

    @staticmethod
    def _stop_ordered(tokens: list[Token], candidates: list[_Candidate]) -> _Candidate | None:
        """The reminders' answer, when the last part of a message of several orders something
        stopped in words that name nothing else ("… | bỏ giúp tôi", "… | thôi đừng gửi nữa",
        "… | tắt thông báo đi") and the reminders are named in the message: a complaint of
        what is sent, then the order to stop it (round 28 d)."""
        last = tokens[-1].clause if tokens else 0
        if last == tokens[0].clause:
            return None
        start, end = parts.clause_span(tokens, last)
        if not parts.stops(tokens, start, end) or any(
                t.kind == "word" and t.fold not in _STOP_ORDER_WORDS
                for t in tokens[start:end]):
            return None
        # (or the sending named in the order itself: "bot nhắn sáng sớm quá, | thôi đừng
        # nhắn nữa", or by the bot before it: "bot gửi tin suốt, | tôi không cần nữa")
        sent = any(t.fold in _SENDING for t in tokens[start:end]) or any(
            a.fold in _THE_BOT and b.fold in _SENDING for a, b in itertools.pairwise(tokens))
        return next((c for c in candidates if (c.route in _REMINDERS or c.route == (
            "unsubscribe", "")) and c.explained), None) or (_Candidate(
                ("unsubscribe", ""), OWN_RULE, set(range(start, end)), INTENT, OWN_RULE)
                if sent else None)

    @staticmethod
    def _unanswered(tokens: list[Token], candidates: list[_Candidate], info: dict[int, float],
                    used: frozenset[int]) -> _Candidate | None:
        """The complaint that no one answers ("không thấy ai trả lời", "chẳng ai trả lời"),
        when the rest of the message only tells the writer sent and waited ("nhắn mãi", "nhắn
        mấy lần rồi", "từ sáng đến giờ"; "mai" typed without marks is "mãi" there): the
        writer's messages, not the bot's reminders (round 30 c)."""
        sorry = next((c for c in candidates if c.route == _SORRY and any(
            tokens[i].fold == "ai" and i + 2 < len(tokens) and tokens[i + 1].fold == "tra"
            and tokens[i + 2].fold == "loi" for i in c.explained)), None)
        if sorry is None:
            return None
        return sorry if all(i in sorry.explained or i in used or tokens[i].fold in _WAITED
                            for i in info) else None

    @staticmethod
    def _cancelled(tokens: list[Token], candidates: list[_Candidate]) -> bool:
        """True when a word that cancels ("hủy", "ngừng", "tắt", "không cần", "đừng") stands
        right before the words a reminder answer was found on, or before "đăng ký" or "cái"
        said before them, in one part."""
        # (before any run of those words: "bot nhắn lịch sự kiện nhiều quá, | thôi hủy nhắc
        # lịch giúp tôi" cancels what the story told it does) (round 26 e)
        starts = [(c, i) for c in candidates if c.route in _REMINDERS
                  for i in sorted(c.explained) if i - 1 not in c.explained]
        for c, first in starts:
            # ("nhắc lịch | làm gì nữa, hết tuần lễ rồi": what is the use of them any more;
            # "nhắc lịch | thì thôi nhé": let them be; round 38)
            if parts.run(tokens, max(c.explained) + 1).startswith((" lam gi nua ",
                                                                   " thi thoi ")):
                return True
            k = first - 1
            # (and the classifier before them: "hủy cái đăng ký nhận tin", round 26 c)
            # (and a verb that sends them: "khỏi gửi | tin nhắc nữa", "không cần báo | lịch
            # hằng ngày nữa", round 27 b)
            # (and the bot that sends them: "ko cần | bot | báo lịch nữa", round 32e)
            while k > 0 and (tokens[k].fold in _BEFORE_REMINDERS or tokens[k].fold == "bot") and (
                    tokens[k].clause == tokens[k + 1].clause):
                k -= 1
            if k < 0 or tokens[k].kind != "word" or tokens[k].clause != tokens[k + 1].clause:
                continue
            t = tokens[k]
            if t.text in _CANCELS or (not t.marked and t.fold in _CANCEL_FOLDS):
                return True
            # ("thoi bo | nhan lich di": "bo" typed without marks is "bỏ" after a word that
            # cancels, not "bố"; round 32e)
            if t.fold == "bo" and not t.marked and k > 0 and tokens[k - 1].fold in (
                    _CANCEL_FOLDS) and tokens[k - 1].clause == t.clause:
                return True
            # ("thôi bác không | đăng ký nhận tin đâu": a denial right before the sign-up of
            # the reminders named refuses it, unless it cannot be done, "không đăng ký nhận tin
            # được"; not "đăng ký" alone, "thôi không đăng ký nữa" stops a registration; round
            # 32e)
            if t.fold in NOT and tokens[k + 1].fold == "dang" and tokens[k + 1].text != "đang" \
                    and max(c.explained) > k + 2 and not any(
                        u.fold == "duoc" for u in tokens[k + 1:]):
                return True
            # ("không | gửi thông báo cho tôi nữa", "k | nhắc lịch e nữa nhé": a denial before
            # what sends them and "nữa" after them, in a part that asks no why, no longer
            # wants them; round 38)
            # (not "đăng ký" alone: "thôi không đăng ký nữa" stops a registration)
            if (t.fold in NOT or (t.fold == "dung" and not t.marked)) and any(
                    tokens[i].fold not in ("dang", "ky", "ki") for i in c.explained) and any(
                    u.fold == "nua" and u.clause == t.clause
                                     for u in tokens[max(c.explained) + 1:]) and not any(
                    u.fold in ("sao", "duoc", "thay") for u in tokens):
                return True
            # "không cần | nhắc lịch nữa", "không muốn | nhận tin", "đừng | nhắc"
            # (and no longer: "không còn muốn | nhận tin", "hết muốn | nhận tin rồi", "hết cần |
            # nhắc lịch"; round 38)
            denied = k - 1 - (k > 1 and tokens[k - 1].fold == "con")
            if t.text == "đừng" or (t.fold in ("can", "muon") and denied >= 0
                                    and (tokens[denied].fold in NOT | {"chua"} or (
                                        tokens[denied].fold == "het" and denied == k - 1))
                                    and tokens[denied].clause == t.clause):
                return True
        return False

    @staticmethod
    def _received(tokens: list[Token], candidates: list[_Candidate],
                  best: _Candidate) -> _Candidate:
        """A message told as received ("nhận được tin nhắn | nói trúng thưởng", "nhận tin
        nhắn | của một người lạ", "… | từ số lạ"): what someone sent is the story, not the
        reminders asked for; the next answer found on other words is asked (round 23 b)."""
        if best.route not in _REMINDERS or not best.explained:
            return best
        first = min(best.explained)
        before = [t.fold for t in tokens[:first] if t.clause == tokens[first].clause]
        after = max(best.explained) + 1
        # (round 24 a) "cách nhận ra tin nhắn giả": to recognise one; "có người | nhắn tin",
        # "nó | nhắn tin mượn tiền": someone else sent it, or sent it to someone
        recognised = first + 1 < len(tokens) and tokens[first + 1].fold == "ra"
        sent = (bool(before) and before[-1] in _SENDERS) or (
            after < len(tokens) and tokens[after].fold in _SENT_FOR
            and tokens[after].clause == tokens[max(best.explained)].clause)
        if not (recognised or sent):
            if set(before) & _WANTED or "dang ky" in " ".join(before):
                return best  # "bà muốn đăng ký nhận tin báo lịch | của tuần lễ": asked for
            if after >= len(tokens) or tokens[after].fold not in _TOLD_BY \
                    or tokens[after].clause != tokens[max(best.explained)].clause:
                return best
        return next((c for c in candidates[1:] if c.explained - best.explained
                     and c.route[0] not in ("smalltalk", "unknown")
                     and c.route not in _REMINDERS), replace(best, explained=set()))

    @staticmethod
    def _asked_part(tokens: list[Token], candidates: list[_Candidate], best: _Candidate,
                    asking: set[int]) -> _Candidate:
        """In a message of several parts, an answer found only in parts that ask nothing gives
        way to one found in the part that asks, where that part names a subject of its own
        ("tôi muốn tham gia, | tuần lễ diễn ra từ ngày nào": the Week's dates, not who may
        take part). A part that asks only with question words refers back ("tôi muốn dự lễ
        khai mạc, | tổ chức ở đâu")."""
        clauses = {t.clause for t in tokens}
        if len(clauses) < 2 or not best.explained:
            return best
        asked = _asking_parts(tokens)
        if not asked or {tokens[i].clause for i in best.explained} & asked:
            return best
        # A word the part that asks repeats from another part names nothing of its own ("muốn
        # học kỹ năng số thì | học ở đâu": the verb said again, the subject is the first part's).
        told = {t.fold for t in tokens if t.clause not in asked and t.kind == "word"}
        # (nor do the words for whom it is, "… | có lớp nào cho người lớn tuổi không": the
        # class asked is the one the story names) (round 26 e)
        # (a subject elsewhere found in the story: the Week's named again in the part that
        # asks is what it asks, "cháu đang ôn thi giữa kỳ nhưng muốn xem lễ khai mạc, | lễ
        # khai mạc tổ chức ở đâu" (round 26 e))
        again = best.route[0] == "unknown"
        named = {i for c in candidates if c.route[0] not in ("smalltalk", "unknown")
                 for i in c.explained if tokens[i].clause in asked and i not in asking
                 and (again or tokens[i].fold not in told) and tokens[i].fold not in _AUDIENCE}
        # "… phát động tủ sách lớp học nhân tuần lễ học tập suốt đời, | tuần lễ đó là gì":
        # what the part that asks names again before "đó" is what it asks of, the answer found
        # on it there (round 26 e)
        back = [k for k, t in enumerate(tokens) if t.clause in asked and t.fold in _BACK]
        named_again = next((c for c in candidates[1:] if back and c.explained
                      and c.route[0] not in ("smalltalk", "unknown")
                      and all(k - 1 in c.explained for k in back)
                      and c.rank >= SUBJECT * best.rank), None)
        if named_again is not None:
            return named_again
        if not named or back:
            return best
        if all(tokens[i].fold in _MATERIAL for i in named):
            # "bố mẹ em muốn học dùng điện thoại thì | có tài liệu nào không": material asked
            # for, of the subject the other part names (round 26b)
            return best
        if best.route[0] == "event" and all(tokens[i].fold in _WHEN_VERBS for i in named):
            # "… đưa cháu đi ngày hội đọc sách không, | mấy giờ bắt đầu": when it starts is
            # asked of the event named before, not of the Week (round 26 c)
            return best
        if (best.route in _READING or best.route[0] == "courses") and all(
                c.route == ("courses", "") for c in candidates
                if c.explained and c.explained & named):
            # "mẹ tôi thích nghe truyện audio, | có trang nào không": the whole list's words
            # ("trang nào", "web", "link") ask for a site of what the other part names (round 21c)
            return best
        # (found in the part that asks, or outside it only on a word said there again:
        # "con em đang ôn thi giữa kỳ, | cho cháu thi công dân học tập thì làm thế nào")
        def there(c: _Candidate) -> bool:
            inside = {tokens[i].fold for i in c.explained if tokens[i].clause in asked}
            return bool(inside) and all(tokens[i].clause in asked or tokens[i].fold in inside
                                        for i in c.explained)

        return next((c for c in candidates[1:] if c.explained
                     and c.route[0] not in ("smalltalk", "unknown")
                     and there(c) and c.rank >= SUBJECT * best.rank), best)

    def _asked_own(self, tokens: list[Token], candidates: list[_Candidate], best: _Candidate,
                   asking: set[int]) -> _Candidate:
        """The words of the part that asks are the question's, the other parts' the story's:
        an answer found in the story that reaches into the part that asks only for the
        question words or for words the story said first ("mẹ em bị lừa chuyển khoản, | tham
        gia tuần lễ có phải chuyển khoản đóng phí gì không") gives way to one found there on
        words of its own (the fee), if not much weaker (round 26 e)."""
        clauses = {t.clause for t in tokens}
        if len(clauses) < 2 or not best.explained or best.route[0] in ("smalltalk", "unknown"):
            return best
        asked = _asking_parts(tokens)
        # (a part that refers back, "hôm đó có gì tham gia được", asks of the story's subject)
        if not asked or any(t.clause in asked and t.fold in _BACK for t in tokens):
            return best
        # (a condition closed by "thì" names what the question after it is asked of: "muốn
        # học kỹ năng số thì | vào trang nào")
        asked |= {c - 1 for c in asked if _topic_before(tokens, c)}
        story = {i for i, t in enumerate(tokens) if t.clause not in asked}
        if not story or not best.explained & story:
            return best
        told = {tokens[i].fold for i in story if tokens[i].kind == "word"}

        def own(c: _Candidate) -> set[int]:
            return {i for i in c.explained - story - asking if tokens[i].fold not in told
                    and tokens[i].fold not in _AUDIENCE and not self.index.is_filler(tokens[i])}

        if own(best):
            return best
        # (the whole list's words, "trang nào", ask for a site of what the story names: "mẹ tôi
        # thích nghe truyện audio, | có trang nào không", as in _asked_part)
        return next((c for c in candidates[1:] if c.explained and own(c)
                     and not ((best.route in _READING or best.route[0] == "courses")
                              and c.route == ("courses", ""))
                     and c.route[0] not in ("smalltalk", "unknown")
                     and c.rank >= SUBJECT * best.rank), best)

    def _announced_part(self, tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> _Candidate:
        """A story of several things, then a part that announces its question ("… lại có cả
        cuộc thi công dân học tập, tối qua cháu còn đòi đi thư viện, | cho tôi hỏi lễ khai mạc
        mấy giờ", "…, | giờ chỉ muốn hỏi …", "không phải lịch, | em hỏi số điện thoại"): an
        answer found only in the story gives way to one found in the announced part on words
        of its own, however much more the story says of its subjects (round 30 c). Outside
        that part it may hold only the story answer's words and the Week's name ("học tập").
        An action is no story: "đăng ký nhận tin cho ông với, | ông muốn biết lịch các lớp"
        asks it done (what is told done: _after_done)."""
        if not best.explained or best.route[0] in ("smalltalk", "unknown") or (
                best.route in _ACTIONS):
            return best
        asked = _asking_parts(tokens)
        # (a list found on the many things the story names reaches into the part that asks
        # only for what the answer found there names too: "tủ sách, cuộc thi, thư viện … |
        # lễ khai mạc mấy giờ" is no list of activities asked)
        there = {i for i in best.explained if tokens[i].clause in asked}
        # (found in the story on the Week's name only, it is no story's answer: "… thi cdht, |
        # … | chỉ muốn hỏi lễ khai mạc ở đâu", the opening found on "học tập" and "khai mạc")
        if not asked or all(tokens[i].fold in self._week_words
                            for i in best.explained - there):
            return best
        announced = {tokens[i].clause for i in _announcing(tokens)} & asked
        # (a part that points back asks of the story's subject: "…, | cho hỏi lớp đó ở đâu")
        if not announced or any(t.clause in announced and (
                t.fold in _BACK or t.text in _POINTED) for t in tokens):
            return best
        told = {t.fold for t in tokens if t.clause not in asked and t.kind == "word"}

        def own(c: _Candidate) -> bool:
            return any(tokens[i].clause in announced and tokens[i].fold not in told
                       and tokens[i].fold not in _AUDIENCE
                       and not self.index.is_filler(tokens[i]) for i in c.explained) and all(
                tokens[i].clause in announced or i in best.explained
                or tokens[i].fold in self._week_words for i in c.explained)

        return next((c for c in candidates if c is not best and c.explained >= there
                     and c.route[0] not in ("smalltalk", "unknown") and own(c)
                     and c.rank >= ANNOUNCED_PART * best.rank), best)

    @staticmethod
    def _day_told(tokens: list[Token], ref: DateRef, best: _Candidate) -> bool:
        """Is the day named only in a part that asks nothing, and the answer found wholly in
        another that asks ("sáng nay con em thi công dân học tập, | em muốn xem con đứng thứ
        mấy")? Then the day tells when the story happened, and nothing is asked of it (round
        26 e)."""
        if not best.explained or not ref.used or best.route[0] in ("day", "today"):
            return False
        asked = _asking_parts(tokens)
        return bool(asked) and all(tokens[i].clause not in asked for i in ref.used) and all(
            tokens[i].clause in asked for i in best.explained)

    def _told_elsewhere(self, tokens: list[Token], candidates: list[_Candidate],
                        best: _Candidate) -> bool:
        """Is every subject elsewhere said only in parts that ask nothing, while the answer is
        found wholly in the part that asks, on words of its own ("con tôi đang thi giữa kỳ nên
        chưa đi được, | tuần lễ kéo dài đến ngày nào")? Then the subject elsewhere is the
        story, why the question is asked, not what (round 26 e)."""
        if best.route[0] in ("smalltalk", "unknown") or not best.explained:
            return False
        question = _asking_parts(tokens)
        # (and the part before one that asks of what it named: "cụ muốn đi lớp hướng dẫn dùng
        # điện thoại, | lớp đó học hôm nào", round 28 d)
        # (or one that asks only when or where, "…, | ông muốn đi ngày hội đọc sách liên thế
        # hệ, | tổ chức ở đâu": of what the part before names; round 30 c)
        question |= {c - 1 for c in question if _topic_before(tokens, c)
                     or _refers_back(tokens, c) or all(
                         t.fold in _WHEN_FOLDS or self.index.is_filler(t)
                         for t in tokens if t.clause == c and t.kind == "word")}
        if not question or len(question) == len({t.clause for t in tokens}):
            return False
        # (the Week or its contest named there: a part that asks only "gọi số nào để báo",
        # "trang nào tải đề thi" asks of the story's subject, "nhà tôi mất điện từ sáng")
        folds = " " + " ".join(t.fold for t in tokens if t.clause in question) + " "
        # (or a day's events asked there: "nghỉ vì cty cắt điện, | ad xem hôm nay có hoạt động
        # gì" (round 27 a))
        # (or the subject elsewhere is told in a part that says what is done: "bà đã nhờ cháu
        # đăng ký nhận tin rồi, | bà chỉ hỏi thêm là …" (round 30 c))
        finished = _done_parts(tokens)
        if " tuan le " not in folds and " cong dan hoc tap " not in folds and not (
                best.route[0] == "event" and self._named_event(best, candidates)) and not (
                best.route[0] in ("today", "day") and (
                    " hoat dong " in folds or " su kien " in folds)) and not (
                finished and all(c.explained and all(tokens[i].clause in finished
                                                     for i in c.explained)
                                 for c in candidates if c.route[0] == "unknown")):
            return False
        # (found in the part that asks; outside it only on a word said there again: "đang
        # ôn thi giữa kỳ, | cho cháu thi công dân học tập thì làm thế nào")
        inside = {tokens[i].fold for i in best.explained if tokens[i].clause in question}
        if not inside or any(tokens[i].clause not in question and tokens[i].fold not in inside
                             for i in best.explained):
            return False
        return all(c.explained and not any(tokens[i].clause in question for i in c.explained)
                   for c in candidates if c.route[0] == "unknown")

    def _after_done(self, tokens: list[Token], candidates: list[_Candidate],
                    best: _Candidate, done: set[int]
                    ) -> tuple[_Candidate, list[_Candidate]]:
        """A part that tells what is done ("tôi đọc thể lệ rồi, | cho tôi vào thi nhé") is
        why the rest is said: an answer found on its words and the rest gives way to one found
        on the rest alone that explains all the rest the first did, and more."""
        if not done or not best.explained & done:
            return best, candidates
        if best.explained <= done:
            # found wholly on the part told ("cháu thi công dân học tập xong rồi, | giờ bà muốn
            # xem cháu được mấy điểm"): an answer found after it, on words of its own, is what
            # is asked now (round 23c)
            # (however much stronger the part told is, when only the part after it asks: "tôi
            # đăng ký nhận tin rồi, | giờ chỉ muốn hỏi lễ khai mạc ở đâu"; round 30 c)
            now = next((c for c in candidates[1:] if c.route[0] not in ("smalltalk", "unknown")
                        and c.explained and min(c.explained) > max(done)
                        and (c.rank >= SUBJECT * best.rank
                             or _told_apart(tokens, best, c))), None)
            if now is None:
                return best, candidates
            return now, [now, *(c for c in candidates if c is not now
                                and not c.explained & done)]
        # (a word typed without marks that may be a filler is no part of the rest: "đã thi rồi,
        # | giờ xem điểm của cháu thi xem ở đâu", "thi" is "thì" there) (round 23c)
        rest = {i for i in best.explained - done if tokens[i].marked
                or tokens[i].fold not in self.index.filler_like}
        after = next((c for c in candidates[1:] if c.route[0] not in ("smalltalk", "unknown")
                      and c.explained and not c.explained & done and c.explained >= rest
                      and c.rank >= SUBJECT * best.rank), None)
        if after is None:
            return best, candidates
        # the answers found on the part told are not asked back either
        return after, [after, *(c for c in candidates if c is not after
                                and not c.explained & done)]

    def _done(self, tokens: list[Token]) -> set[int]:
        """The words of the parts, before the last, that end on what is done ("… rồi,")."""
        last = tokens[-1].clause if tokens else 0
        done: set[int] = set()
        for clause in {t.clause for t in tokens} - {last}:
            start, end = parts.clause_span(tokens, clause)
            words = [t for t in tokens[start:end] if t.kind == "word"]
            while words and self.index.is_filler(words[-1]) and words[-1].fold not in _DONE:
                words.pop()
            if words and words[-1].fold in _DONE:
                done.update(range(start, end))
        return done

    def _polite_ends(self, tokens: list[Token], candidates: list[_Candidate],
                     best: _Candidate) -> set[int]:
        """The words of a greeting that opens the message before the answer's words, or of a
        thanks that closes it after them ("alo ad thi có khó không", "thư viện ở đâu thanks
        ad"), with only fillers beyond: how it is asked, nothing asked."""
        if not best.explained or best.route[0] in ("smalltalk", "unknown"):
            return set()
        filler = self.index.fillers(tokens)
        said = [i for i, t in enumerate(tokens) if t.kind in ("word", "number")
                and not filler[i]]
        out: set[int] = set()
        for c in candidates:
            if not c.explained or c.explained & best.explained:
                continue
            if (c.route == ("smalltalk", "thanks") and min(c.explained) > max(best.explained)
                    and all(i in c.explained for i in said if i > min(c.explained))) or (
                    c.route == ("smalltalk", "greeting")
                    and max(c.explained) < min(best.explained)
                    and all(i in c.explained for i in said if i < max(c.explained))):
                out |= c.explained
        return out

    def _talk_besides(self, tokens: list[Token], part: set[int],
                      candidates: list[_Candidate]) -> bool:
        """Are the words after `part` (not fillers) all a thanks that closes the message
        ("…, cảm ơn ad nhiều") and none before it? Then `part` is what the message says, not
        a part told beside another that asks ("chào bạn, | tôi là cán bộ thư viện" stays)."""
        talk = set().union(*(c.explained for c in candidates
                             if c.route in (("smalltalk", "thanks"), ("smalltalk", "goodbye"))))
        rest = [i for i, t in enumerate(tokens) if i not in part and t.kind == "word"
                and not self.index.is_filler(t)]
        return bool(rest) and min(rest) > max(part) and all(i in talk for i in rest)

    def _intro(self, tokens: list[Token]) -> set[int]:
        """The words of the parts that say who writes ("em là giáo viên chủ nhiệm,"), when
        another part says something else: a pronoun and "là" open the part, which asks
        nothing. Said inline before the question, in the same part ("tôi là giáo viên mầm non |
        thì tham gia được gì", "e la cong nhan | co duoc tham gia ko"), the words up to where
        the question starts: "thì", "nên", "mà", "có", "muốn", … (round 29 a)."""
        clauses = {t.clause for t in tokens}
        intro: set[int] = set()
        asking = parts.asking(tokens)
        for clause in clauses:
            start, end = parts.clause_span(tokens, clause)
            at = [k for k in range(start, end) if tokens[k].kind == "word"]
            while at and tokens[at[0]].fold in _POLITE:
                at.pop(0)
            words = [tokens[k] for k in at]
            two = " ".join(t.fold for t in words[:2])
            # (a kin word for oneself too: "bác là chủ tịch hội người cao tuổi phường," (round
            # 23c))
            opener = 2 if two in SELF else 1 if words and (
                words[0].fold in _SELF_TYPED or words[0].fold in _KIN_FOLDS) else 0
            if not opener and len(words) > 1 and (words[0].fold, words[1].fold) in _ROLES:
                # people said as the topic, before "thì" typed with its marks ("công nhân làm
                # ca | thì xem lịch lúc nào", "học sinh lớp 3 | thì …"): who asks, when what
                # follows asks (round 29 a)
                then = next((k for k in at[1:] if tokens[k].fold in ASK_WORDS
                             or tokens[k].fold == "thi"), -1)
                if then > 0 and tokens[then].text.lower() == "thì" and parts.part_asks(
                        tokens, then, end):
                    intro.update(range(start, then))
                    continue
            if not (opener and len(words) > opener + 1 and words[opener].fold == "la"
                    and not words[opener].expanded):
                continue
            # ("ngày nào cũng rảnh", "muốn học cái gì đó": every day, something; no question
            # (round 27 a))
            if len(clauses) > 1 and (
                    (not asking & set(range(start, end))
                     and not any(t.fold in ASK_WORDS for t in words))
                    or not parts.part_asks(tokens, start, end)):
                intro.update(range(start, end))
                continue
            role = at[opener] + 1
            stop = next((k for k in range(role + 1, end) if tokens[k].fold in _ROLE_ENDS
                         or tokens[k].fold in ASK_WORDS), -1)
            if stop > 0 and tokens[stop].fold in _ROLE_ENDS and parts.part_asks(
                    tokens, stop, end):
                intro.update(range(start, stop))
        return intro if len(intro) < len(tokens) else set()

    def _told(self, tokens: list[Token], intro: set[int]) -> set[int]:
        """The writer's introduction and what they go on telling of themself, asking nothing
        ("tôi là bộ đội xuất ngũ, | giờ làm bảo vệ, | đêm trực hay lướt mạng, | tôi muốn hỏi
        …"); when the question came first ("cho hỏi số điện thoại của ban tổ chức, | tôi là
        trưởng thôn, | thôn tôi muốn mời đoàn xe về"), the parts after the introduction to the
        end that ask nothing (round 25 e)."""
        return intro | self._told_after_intro(tokens, intro) | self._told_last(tokens, intro)

    def _told_last(self, tokens: list[Token], intro: set[int]) -> set[int]:
        """When the question came first, the parts after the writer's introduction to the end
        that ask nothing: the story told after it (round 25 e)."""
        if not intro:
            return set()
        first = min(tokens[i].clause for i in intro)
        asking = parts.asking(tokens)
        asking |= parts.announcing(tokens)  # ("cho hỏi số điện thoại …, | tôi là …")
        if not any(t.clause < first and (t.fold in ASK_WORDS or t.fold in YES_NO
                                         or i in asking) for i, t in enumerate(tokens)):
            return set()
        tail: set[int] = set()
        for clause in sorted({t.clause for t in tokens if t.clause > first}):
            start, end = parts.clause_span(tokens, clause)
            if set(range(start, end)) & asking or any(
                    t.fold in ASK_WORDS or t.fold in YES_NO for t in tokens[start:end]):
                return set()
            tail |= set(range(start, end))
        return tail

    def _district_last(self, tokens: list[Token]) -> set[int]:
        """The positions of a quận or huyện of the city said as where ("ở", "tại", "bên" and
        "quận", "huyện" before it) that ends its part of the message (particles aside)."""
        out: set[int] = set()
        named = self._district_named(tokens)
        for i in sorted(named):
            if i and tokens[i - 1].text in parts.AT and i - 1 not in out:
                end = i
                while end < len(tokens) and end in named:
                    end += 1
                if all(t.clause != tokens[i].clause or t.kind != "word" or t.fold in CLOSING
                       for t in tokens[end:]):
                    out |= set(range(i - 1, end))
        return out

    def _district_named(self, tokens: list[Token]) -> set[int]:
        """The positions of the words of a quận or huyện of the city named, with "quận",
        "huyện" before it."""
        folds = [t.fold for t in tokens]
        out: set[int] = set()
        if self._districts_from.keys().isdisjoint(folds):
            return out  # (most messages: no word that starts a name)
        for i, first in enumerate(folds):  # (the names by their first word: one pass)
            for words in self._districts_from.get(first, ()):
                if tuple(folds[i:i + len(words)]) == words:
                    out |= set(range(i, i + len(words)))
                    if i and folds[i - 1] in ("quan", "huyen"):
                        out.add(i - 1)
        return out

    @staticmethod
    def _story_told(tokens: list[Token], candidates: list[_Candidate], best: _Candidate,
                    told: set[int], used: frozenset[int]) -> _Candidate:
        """What the writer tells of themself (`told`) is why they ask, not what: a time told
        there that is a habit or a limit, not a day ("đêm trực", "đi làm ca đêm", "phải thi
        trước thứ 7"), is no day asked; an answer that reaches into it only for a word the
        part that asks says again ("hay quên lịch, | bot có nhắc lịch sự kiện không") gives
        way to one found on that part alone that explains at least what it explained there
        (round 25 e)."""
        if not told or not best.explained or best.route[0] in ("smalltalk", "unknown"):
            return best
        day = best.route[0] in ("day", "today") and bool(used) and used <= told and (
            all(tokens[i].fold in _HABIT_TIMES for i in used)
            or (min(used) > 0 and tokens[min(used) - 1].fold == "truoc")
            or _every(tokens, max(used) + 1))
        rest = best.explained - told
        if not day and (rest == best.explained or not rest or any(
                tokens[i].fold not in {tokens[j].fold for j in rest}
                for i in best.explained & told)):
            return best
        fuller = next((c for c in candidates[1:] if c.explained and not c.explained & told
                       and c.route[0] not in ("smalltalk", "unknown", "day", "today")
                       and c.explained >= rest and c.rank >= SUBJECT * best.rank), None)
        if fuller is not None or not day:
            return fuller or best
        # what a day holds, asked without the day told: what the Week holds ("sáng thứ 7 nào
        # mình cũng rảnh. | tuần lễ có những hoạt động gì")
        return replace(best, route=("activities", ""), explained=set(rest))

    @staticmethod
    def _told_after_intro(tokens: list[Token], intro: set[int]) -> set[int]:
        """The parts right after the writer's introduction that go on telling of them and ask
        nothing ("tôi là giáo viên đã nghỉ hưu, | năm nay 70 tuổi, | sống cùng con cháu ở
        quận Hồng Bàng. | Xin phép hỏi …"): no question word, no word that asks (round 23c)."""
        if not intro:
            return set()
        asking = parts.asking(tokens)
        told: set[int] = set()
        clause = max(tokens[i].clause for i in intro) + 1
        last = tokens[-1].clause
        clauses = {t.clause for t in tokens}
        while clause < last and clause in clauses:
            start, end = parts.clause_span(tokens, clause)
            span = set(range(start, end))
            # ("sáng thứ 7 nào mình cũng rảnh": "nào … cũng" says every, asks nothing)
            if span & asking or any((t.fold in ASK_WORDS and not _every(tokens, k))
                                    or t.fold in YES_NO
                                    for k, t in enumerate(tokens[start:end], start)):
                break
            told |= span
            clause += 1
        return told

    def _date_route(self, ref: DateRef, today: date) -> tuple[str, str]:
        if ref.kind in ("week", "season"):
            return "schedule", ""
        if ref.kind == "outside":
            return "faq", "thoi-gian"  # another month or year: when the Week is
        if ref.kind == "now":
            return "next", ""
        if ref.days == (today,) and not ref.part:
            return "today", ""
        return "day", route_arg(ref)

    def _unsure(self, best: _Candidate, second: _Candidate, tokens: list[Token]) -> bool:
        """Two answers nearly as strong, from the same kind of phrase, on the same words; or
        two questions in one message ("ai được tham gia, có mất tiền không"): two answers of
        the same kind, each on words of its own."""
        if "smalltalk" in (best.route[0], second.route[0]) or best.source != second.source:
            return False
        own_best = best.explained - second.explained
        own_second = second.explained - best.explained
        if len(own_best) >= 2 and len(own_second) >= 2 and all(
                parts.asks(tokens, min(own), max(own) + 1) for own in (own_best, own_second)):
            return second.rank >= TWO_QUESTIONS * best.rank
        if not best.explained & second.explained or second.rank < CLARIFY_RATIO * best.rank:
            return False
        return not second.explained < best.explained

    def _core(self, tokens: list[Token]) -> list[Token]:
        """The words of a message without a call before it ("ad ơi"), the words that ask
        leave to ask ("cho em hỏi") and the particles that close it ("ạ", "nhé", "với ạ")."""
        words = [t for t in tokens if t.kind != "symbol"]
        if len(words) > 2 and words[1].fold == "oi" and self.index.is_filler(words[0]):
            words = words[2:]
        words = words[self._leave(words):]
        while words and words[-1].fold in CLOSING:
            words.pop()
        return words

    def _question(self, normalised: str) -> str | None:
        """An FAQ question typed as written (or nearly)."""
        if len(normalised) < 12:
            return None
        found = process.extractOne(normalised, self._questions, scorer=fuzz.ratio,
                                   score_cutoff=90)
        if found is None:
            return None
        return self.index.units[self.index.questions[found[2]][1]][1]
