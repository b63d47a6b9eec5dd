"""The words the understanding reads a message by, shared by its parts: question words,
the words of dates, the particles that close a message, who writes (folded unless said
otherwise)."""

from __future__ import annotations

import re
from typing import Final

from handlers.understanding.normalise import fold

CONTEXT_GAP: Final = 3  # words further than this from the answer's words and the question words
CONTEXT_LENGTH: Final = 10  # words a message has before it is long
# Questions about the time or the place of something (folded, abbreviations written out).
WHEN_WHERE: Final = ("khi nao", "bao gio", "may gio", "luc nao", "o dau", "dia diem", "cho nao",
                      "ngay nao", "dien ra", "gio nao", "to chuc o", "to chuc luc", "di dau",
                      "qua dau", "den dau", "hom nao", "bua nao", "ngay may",
                      # "mấy h" typed for "mấy giờ" ("kmac hôm nay lúc mấy h") (round 22 d)
                      "may h")
# Question words: a phrase that holds one asks, it does not qualify the phrase before it.
QUESTION_WORDS = (*WHEN_WHERE, "bao nhieu", "the nao", "la gi", "lam sao", "nhu nao", "ai",
                   "lam gi", "may ngay", "may lan", "may cau",
                   # whether one must register ahead is asked of the event named before it
                   # ("lễ khai mạc có cần đăng ký trước không") (round 21 d)
                   "dang ky truoc",
                   # whether one may speak, send a paper or ask at the forum named ("giáo viên
                   # đăng ký phát biểu tại diễn đàn … được không") (round 22 d)
                   "dang ky phat bieu", "phat bieu", "gui tham luan", "tham luan")
# Words that announce the question that follows them (folded pairs).
OPENERS: Final = frozenset({("khong", "biet"), ("chua", "biet"), ("muon", "biet"), ("cho", "hoi"),
                             ("xin", "hoi"), ("muon", "hoi"), ("can", "hoi"), ("can", "biet"),
                             # the official wording of a unit's letter: "đề nghị (Ban tổ chức) cho
                             # biết …" (round 20 c)
                             ("cho", "biet"), ("de", "nghi")})
# Particles that close a message and ask nothing of their own (folded): "ạ", "nhé", "với ạ".
CLOSING: Final = frozenset({"a", "ah", "ak", "nhe", "nha", "nhi", "vay", "the", "ha", "voi", "z"})
# Words that ask (folded): what stands next to them is what a long message asks about.
ASK_WORDS: Final = frozenset({"gi", "nao", "dau", "sao", "ai", "may", "nhieu"})
# Words that deny the verb after them (folded; "ko", "k" are read "không").
NOT: Final = frozenset({"khong", "chang", "cha"})
# Words that open a part denying its subject (folded pairs).
DENIALS: Final = frozenset({("khong", "phai"), ("chang", "phai"), ("khong", "hoi"),
                             ("khong", "can"), ("khong", "muon")})
SELF = frozenset({"toi", "em", "minh", "chau", "tui", "chung toi", "chung em", "chung minh"})
# Words for a person, said to or of someone: fillers, but their letters with another tone
# are too many words to be a slip of them ("bạc" is no "bác", "mạ" no "mà").
KIN: Final = frozenset({"bác", "chú", "cô", "dì", "ông", "bà", "anh", "chị", "em", "cháu", "con",
                         "mẹ", "bố", "má", "mạ", "cậu", "mợ", "thím", "tôi", "mình", "bạn"})
# Words that end a yes/no question (folded; "k", "ko" are read "không").
YES_NO: Final = frozenset({"khong", "chua", "ha"})
# Words that call the one asked, typed after the question ("… k ad", "… ko bạn ơi") (folded).
CALLS: Final = frozenset({"ad", "admin", "bot", "ban", "oi"})
VOWEL: Final = re.compile(r"[aeiouy]")
QUESTION_STARTS: Final[dict[str, list[tuple[str, ...]]]] = {}
for _q in QUESTION_WORDS:
    QUESTION_STARTS.setdefault(_q.split()[0], []).append(tuple(_q.split()))
# Words the date reader knows, so they are never "unknown".
DATE_WORDS: Final = (
    "hôm nay mai ngày kia mốt qua bữa sáng trưa chiều tối đêm thứ chủ nhật tuần sau tới trước "
    "này cuối mùng mồng tháng năm bây giờ lúc đến từ và hai ba tư bốn sáu bảy bẩy đầu tiên cùng "
    "ngoái mười mươi một tám chín lăm giữa"
)
DATE_TEXTS: Final = frozenset(DATE_WORDS.split())
# What one wears or brings to an event ("khai mạc có cần mặc đồng phục hay mang gì không",
# "đi dự thì mang theo giấy tờ gì"): words the bot knows, so they are no subject of elsewhere
# that makes the event named a different thing; they name no answer either (round 25d).
ATTENDING_WORDS: Final = "mặc đồng phục trang áo quần dép giày giấy mời tờ mang theo chuẩn bị"
BEFORE_NUMBER: Final = frozenset({"mùng", "mồng", "thứ", "tháng", "ngày"})  # "mùng 3", "thứ 7"
DATE_FOLDS: Final = frozenset(fold(w) for w in DATE_WORDS.split())  # "chieu", "nay"
