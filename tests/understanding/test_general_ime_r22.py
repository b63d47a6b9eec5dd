"""Round 22 (a) of issue 15: messages typed with the Vietnamese input method off or
half-working (Telex and VNI keys left in), fast on a phone (doubled, swapped, next-key and
dropped letters, words run together or cut by spaces), by voice (no punctuation, "chấm hỏi"
typed out) or through an autocorrect that chose another word. The expected answer is what the
same question typed right gets.

Blind paraphrases, written before any change of the round, by class of how the words are
broken (not by what is asked); the two classes marked "after batch 2" were written when that
batch showed them, after their fixes: measured before on the commit before those fixes.
Figures before/after the round's changes: BENCHMARKS §8.47.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.normalise import tokenize
from tests.understanding.conftest import SECOND_OPINION, answer

TODAY = "day:2020-10-01"

READ = [
    # Telex: "w" typed alone for ư (Telex makes ư of a bare w), keys in other orders
    ('thw vieenj owr ddaau', 'library / faq:doc-sach'),
    ('lichj trwcj tuyeens hoom nay', TODAY),
    # (typed right, "những sự kiện nào đang diễn ra" is the schedule: both answer)
    ('nhwng sujw kieenj naof ddang dieenx ra', 'next / schedule'),
    ('hocj sinh cos dwowcj tham gia khoong', 'faq:ai-tham-gia'),
    ('tieesng anh hocj owr ddaau', 'courses:khoa-hoc / courses / faq:khoa-hoc-truc-tuyen'),
    ('lisch ngayf mai', 'day:2020-10-02'),
    ('cuooc thi cos giair thuowngr gif', 'contest / faq:cuoc-thi'),
    ('ddanwg kys nhaajn thoong baos', 'subscribe / faq:nhac-lich'),
    # VNI left in, the digits after the vowel or at the end of the word
    ('thu7 vie65n o73 d9a6u', 'library / faq:doc-sach'),
    ('li5ch ho6m nay', TODAY),
    ('lich5 ngay2 mai', 'day:2020-10-02'),
    ('ba1o cho to6i li5ch nha1', 'subscribe / faq:nhac-lich'),
    ('cuo65c thi co1 gia3i thuo73ng kho6ng', 'contest / faq:cuoc-thi'),
    ('khoa1 ho5c tru7c5 tuye61n', 'courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc'),
    ('huy3 d9a8ng ky1', 'unsubscribe'),
    # words run together, short fillers among them
    ('mai cogi khong', 'day:2020-10-02'),
    ('khaimac maygio', 'event:khai-mac / day:2020-10-01'),
    ('homnaycogikhong', TODAY),
    ('thuvienodau', 'library / faq:doc-sach'),
    ('cuoithinaycogiaigi', 'contest / faq:cuoc-thi'),
    ('thu7 cogi ko', 'day:2020-10-03'),
    ('tongket ngaynao', 'event:tong-ket'),
    # words cut by spaces
    ('l ich ngay m ai', 'day:2020-10-02'),
    ('cuo c thi la g i', 'contest / faq:cuoc-thi'),
    ('t ham gia co m at phi khong', 'faq:chi-phi'),
    ('kh ai mac o d au', 'event:khai-mac / day:2020-10-01'),
    ('so d ien thoai b an to chuc', 'contacts / faq:lien-he'),
    # next-key, dropped and doubled letters on a phone
    pytest.param('lich hom mau', TODAY, marks=pytest.mark.xfail(
        strict=True, reason="two slips of keys next to each other (n-m, y-u) in a word the "
        "bot knows (màu): a word it knows is not corrected")),
    ('cuoc thu co giai thuong gi khong', 'contest / faq:cuoc-thi'),
    ('thu vien mo cua luc ma gio', 'library / faq:doc-sach'),
    ('dan ky nhan lich hang nga', 'subscribe / faq:nhac-lich'),
    ('chuu dee tuaan le laa gii', 'theme / faq:chu-de'),
    ('mat tien khonh', 'faq:chi-phi'),
    ('xem bnag xep hnag', 'leaderboard'),
    # voice typing: no punctuation, the marks said aloud, words heard as others
    ('bot ơi lịch ngày mai có gì chấm hỏi', 'day:2020-10-02'),
    ('cho tôi hỏi tham gia có mất tiền không dấu hỏi', 'faq:chi-phi'),
    ('a lô bot ơi lễ khai mạc ở đâu vậy', 'event:khai-mac / day:2020-10-01'),
    ('xin chào bạn cho mình hỏi chủ đề tuần lễ năm nay là gì nhé cảm ơn bạn',
     'theme / faq:chu-de'),
    ('tôi muốn hủy đăng ký nhận tin chấm', 'unsubscribe'),
    ('nịch hôm nay có gì', TODAY),
    # (written after the fixes: 14/15 before the next change, 15/15 after) voice typing:
    # spoken words around the question ("cái … nó …"), marks said aloud, dialect l/n
    ('ok google lịch ngày mai có gì', 'day:2020-10-02'),
    # "nó" (it), said of the thing just named, is a filler: it was unknown and sank the answer
    ('bot ơi cho tôi hỏi là cái lễ khai mạc nó tổ chức ở đâu thế', 'event:khai-mac'),
    ('chủ nhật này thì có sự kiện gì không nhỉ bot', 'day:2020-10-04'),
    ('tôi muốn đăng ký nhận nhắc nịch hằng ngày', 'subscribe'),
    ('tham gia thì có mất tiền không hay là miễn phí', 'faq:chi-phi'),
    ('số điện thoại của ban tổ chức là bao nhiêu ạ cảm ơn nhiều', 'contacts'),
    ('cuộc thi công dân học tập thì thi như thế nào vậy', 'contest'),
    ('thư viện thành phố mở cửa từ mấy giờ đến mấy giờ', 'library'),
    ('ngày mùng 3 tháng 10 có gì', 'day:2020-10-03'),
    ('tuần nễ học tập suốt đời năm nay chủ đề gì', 'theme'),
    # as typed right; greeted back since the examples vote (examples.py)
    ('xin chào chấm bạn có khỏe không chấm hỏi', 'dont_know / smalltalk:greeting'),
    ('tôi không muốn nhận tin nữa dấu chấm than', 'unsubscribe'),
    ('lớp kỹ năng số cho phụ huynh học ở đâu chấm hỏi cảm ơn', 'event:lop-ky-nang-so'),
    ('bảng xếp hạng cuộc thi xem ở đâu vậy bạn ơi', 'leaderboard'),
    # (two questions, as with a comma typed: the fee is the second)
    ('sách điện tử đọc ở đâu phẩy có miễn phí không', 'faq:chi-phi / courses:sach-dien-tu'),
    # (written after the fixes: 2/10 before the next change, 10/10 after) words typed with
    # their marks and no space between them
    ('hômnay có gì', TODAY),
    ('khaimạc ở đâu', 'event:khai-mac'),
    ('thưviện mở cửa mấy giờ', 'library'),
    ('cuộcthi có giải gì', 'contest'),
    ('ngàymai có sựkiện gì không', 'day:2020-10-02'),
    ('đăngký nhận lịch', 'subscribe'),
    ('sốđiệnthoại ban tổ chức', 'contacts'),
    ('chủđề tuầnlễ là gì', 'theme'),
    ('tham gia có mấttiền không', 'faq:chi-phi'),
    ('thứbảy có gì', 'day:2020-10-03'),
    # (written after the fixes: 10/12 before the next change, 11/12 after) a key next to the
    # one meant on a phone, without marks; a typo is read by the question words' pairs too
    # ("luc mau gio": mấy, which pairs with giờ)
    pytest.param('lich hom nay xo gi', TODAY, marks=pytest.mark.xfail(
        strict=True, reason="'xo' (x next to c) is a word the bot knows (xô): not corrected")),
    ('ngay mai co gi khongg', 'day:2020-10-02'),
    ('thu vien o dsu', 'library'),
    ('so dien thoai ban to chuv', 'contacts'),
    ('khai mac luc mau gio', 'event:khai-mac'),
    ('tham gia co mat tien khpng', 'faq:chi-phi'),
    ('chu de tuan le la gk', 'theme'),
    ('cuoc thi co giai thuong gj', 'contest'),
    ('dang ly nhan lich', 'subscribe'),
    ('huy dang ky nhan tim', 'unsubscribe'),
    ('bang xep hang cupc thi', 'leaderboard'),
    # (written after the fixes: 8/10 before the next change, 9/10 after) an English
    # keyboard's autocorrect of words typed without marks
    ('lich home nay co gi', TODAY),
    ('home nay co su kien gi khong', TODAY),
    ('dang key nhan lich', 'subscribe'),
    ('huy dang key', 'unsubscribe'),
    ('so dien thoai ban to chuck', 'contacts'),
    pytest.param('Than vien mo cua may gio', 'library', marks=pytest.mark.xfail(
        strict=True, reason="'than' is a word the bot knows; two letters changed")),
    ('cuoc thi co giao thuong gi', 'contest'),
    ('chu de tuan lee la gi', 'theme'),
    ('lets khai mac o dau', 'event:khai-mac'),
    ('tham gia co mat tiem khong', 'faq:chi-phi'),
    # (written after the fixes: 3/8 before the next change, 8/8 after) several words typed
    # in pieces, each beside another word in pieces ("h om | n ay")
    ('l ich h om n ay', TODAY),
    ('th u vi en o d au', 'library'),
    ('kha i m ac m ay gi o', 'event:khai-mac'),
    ('c o m at ti en k hong', 'faq:chi-phi'),
    ('ch u d e l a g i', 'theme'),
    ('d ang k y nh an l ich', 'subscribe'),
    ('h uy d ang k y', 'unsubscribe'),
    ('b ang x ep h ang', 'leaderboard'),
    # (written after the fixes: 5/10 before the next change, 7/10 after) typed as the North
    # says it: d, gi and r alike, s and x, l said n
    ('hôm nay có xự kiện gì', TODAY),
    ('cuộc thi có dải thưởng gì', 'contest'),
    ('nàm sao để đăng ký nhận nịch', 'subscribe'),
    # ('xách' is a word the bot knows, not respelt; the examples most like it are the e-books)
    ('đọc xách điện tử ở đâu', 'courses:sach-dien-tu'),
    ('tham da có mất tiền không', 'faq:chi-phi'),
    ('chủ đề tuần nễ là gì', 'theme'),
    # (a strict xfail until round 28c's examples: v said d is not one of the mergers read,
    # the examples most like it are the library's)
    ('thư diện mở cửa mấy giờ', 'library'),
    ('nễ khai mạc ở đâu', 'event:khai-mac'),
    # ('da' is read only by its letters; the examples most like it ask who may take part)
    ('ai được tham da tuần lễ', 'faq:ai-tham-gia'),
    ('xố điện thoại ban tổ chức', 'contacts'),
    # autocorrect into other words
    ('cuộc thì có giải thưởng gì không', 'contest / faq:cuoc-thi'),
    ('lịch ngày mại có gì', 'day:2020-10-02'),
    ('thư viên mở cửa mây giờ', 'library / faq:doc-sach'),
    ('tham gia có mặt tiền không', 'faq:chi-phi'),
    # (written after batch 2) Telex: the tone key before the final consonants ("bajn", "lijch")
    ('lijch ngayf mai', 'day:2020-10-02'),
    ('khai majc luc maays giowf', 'event:khai-mac'),
    ('hojc tieesng anh online owr ddaau', 'courses:khoa-hoc'),
    ('kesst quar thi xem owr ddaau', 'leaderboard'),
    ('camr own bajn nhes', 'smalltalk:thanks'),
    ('lijch tuaanf nay', 'schedule'),
    ('hojc sinh cos dduwojc thi khoong', 'faq:ai-tham-gia'),
    ('tajp huaasn internet luc naof', 'faq:internet-an-toan'),
    # (written after batch 2) two words typed as one, with Telex keys in them
    ('hoomnay cos gif', TODAY),
    ('maicos gif khoong', 'day:2020-10-02'),
    ('lichj ngayfmai', 'day:2020-10-02'),
    ('thuw vieenj owrddaau', 'library'),
    ('khai majc maaysgiowf', 'event:khai-mac'),
    ('cuoocj thicos mats tieenf khoong', 'faq:chi-phi'),
    ('ddawng kys nhaanjlichj', 'subscribe'),
    # (written after the fixes above: 20/24 before the next one, 21/24 after) keys typed
    # twice or in another order, capitals, VNI and Telex mixed
    ('lichjj hoom nay cos gif', TODAY),
    ('cosss mats tieenf khoong', 'faq:chi-phi'),
    ('nguoiwf giaf cos dduocwj tham gia khoong', 'faq:ai-tham-gia'),
    ('khai macj luc maasy giowf', 'event:khai-mac'),
    ('truocws ngayf khai macj cos gif', TODAY),
    ('LICHJ HOOM NAY', TODAY),
    ('Chur ddeef tuaanf lex laf gif', 'theme'),
    ('li5ch hoom nay', TODAY),
    ('cuo65c thi cos giair gif', 'contest'),
    # a last letter left out, a key next to the one meant
    ('lic hom nay co gi', TODAY),
    ('thu vie mo cua may gio', 'library'),
    # ('ma', mạc without its c, is a word the bot knows: not corrected; the examples most
    # like it ask where the opening is)
    ('khai ma o dau', 'event:khai-mac'),
    ('cuoc th co giai gi khong', 'contest'),
    # one slip that pairs with a neighbour before a teencode spelling that pairs with none
    # ("thoa" is "tho" by the teencode final oa; "dien | thoai" pairs): fixed in this round
    ('so dien thoa cua ban to chuc', 'contacts'),
    ('lich hom nat co gi', TODAY),
    ('mst tien khong', 'faq:chi-phi'),
    # (read since the model's floor is 0.3, BENCHMARKS §8.81)
    # (no information from rounds 26 merged to round 29's examples: the model gave no
    # information at p 0.54)
    # (a strict xfail from round 30b's examples to round 31a's: the model now gives the library
    # p 0.436, no information 0.435, a knife's edge)
    # (a strict xfail once round 31 merged, no information 0.52 against the library 0.35;
    # answered again with round 33c's examples)
    ('thi vien o dau', 'library'),
    ('cuoc thi xo giai thuong gi', 'contest'),
    # an autocorrect that chose another word
    pytest.param('lịch hôm này có gì', TODAY, marks=pytest.mark.xfail(
        strict=True, reason="a tone added to a word written without one ('này' for 'nay') is "
        "not undone ('bão' is no 'bao'), and 'hôm' is a filler, which says nothing of a slip")),
    ('khai mạc ở đầu', 'event:khai-mac'),
    ('tham gia có mất tiến không', 'faq:chi-phi'),
    ('chủ để tuần lễ là gì', 'theme'),
    ('hủy dang ký nhận tin', 'unsubscribe'),
    ('thứ bày có gì', 'day:2020-10-03'),
    # (written after batch 2's last miss, 'Sddt banq toor chuwcs': 5/6 before and after the
    # change it asked for, the next word read by its keys when a word is repaired) a key
    # struck after a word, its neighbours typed with Telex keys
    ('lichb hoom nay cos gif', TODAY),
    ('so dien thoaii banj toor chuwcs', 'contacts'),
    ('thu vienn mowr cuwar maays giowf', 'library'),
    ('khai macf owr ddaau', 'event:khai-mac'),
    ('cuocc thi cos giair thuwowngr khoong', 'contest'),
    # (a word of two letters is a correction's target when a key was struck inside or after
    # it and it pairs with a neighbour: fixed after, below)
    ('dang kyu nhaanj lichj', 'subscribe'),
    # (a probe of every subject typed with Telex keys left in, written after the fixes; no
    # change made for it: 21 of 23 kept here)
    ('cacs ddown vij naof tham gia tuaanf lex', 'faq:don-vi-tham-gia'),
    ('ai toor chuwcs tuaanf lex hocj taapj', 'bodies'),
    ('hanj nopj baos caos tuaanf lex', 'faq:han-bao-cao'),
    ('ddooir sang tieengs anh', 'language'),
    ('xoas duwx lieeuj cuar tooi', 'privacy'),
    ('huwowngs daanx suwr dungj bot', 'help'),
    ('luaan chuyeenr sachs laf gif', 'programme:luan-chuyen-sach'),
    ('ngayf hooij ddocj sachs lieen theer heej owr ddaau', 'event:doc-sach-lien-the-he'),
    ('dieenx ddanf coong daan hocj taapj luc maays giowf', 'event:dien-dan-cong-dan-hoc-tap'),
    ('tooi muoons ddawng kys thi', 'contest_take'),
    # (overruled by the examples' model from round 28c's examples to round 29a's)
    pytest.param('bangr xeeps hangj cuoocj thi', 'leaderboard',
                 marks=pytest.mark.xfail(strict=True, reason=SECOND_OPINION + (
                     "contest (p 0.42) since round 29 merged: the leaderboard's p 0.052, "
                     "under OVERRULED; 'bangr xeeps hangj' is no word the examples know"))),
    ('moiox caau traar lowif maays giaay', 'contest'),
    ('dduwowcj thi maays laanf', 'contest'),
    ('ddoanf xe luwu ddoongj ddi ddaau', 'event:doan-xe-luu-dong'),
    ('bij lừa ddaor treen mangj thif baos ai', 'faq:internet-an-toan'),
    ('tooi laf giaos vieen muoons hoir veef tur sachs lowps hocj',
     'programme:tu-sach-lop-hoc'),
    ('toi muon hoi ban to chuc mot cau', 'ask'),
    ('ngyaf mai cos gif', 'day:2020-10-02'),
    pytest.param('thuws sasu tuaanf naylaf ngayf maays', 'day:2020-10-02', marks=pytest.mark.xfail(
        strict=True, reason="two slips in 'sasu' (sáu), and 'naylaf' (này là) run together")),
]

GUARDS = [
    # words that are Telex-like or run together but mean what they say, and off-topic
    ('taxi ra san bay bao nhieu tien', 'dont_know'),
    ('thowif tieets mai thees naof', 'dont_know'),
    ('giaas xawng hoom nay', 'dont_know'),
    ('camr own nhes', 'smalltalk:thanks'),
    ('okee', 'smalltalk:ok'),
    ('xem phim owr ddaau', 'dont_know'),
    ('ron95 gia bao nhieu', 'dont_know'),
    ('chaof bajn', 'smalltalk:greeting'),
    ('tooi yeeu banj', 'dont_know'),
    # variations that flipped on the round's first end run of bench.understanding_invariance
    ('hom qua nghe loa phuong noi, chru de nam nay la gi vay', 'theme / faq:chu-de'),
    ('khong muoon nhan tin nwua, huy giup toi', 'unsubscribe'),
    ('thứ7 có lịch gì k0', 'day:2020-10-03'),
    ('su kien tiep theo la gi chấm họi', 'next'),
    ('lichhomnaycoggi', TODAY),
    ('lichhomnaycogiiii', TODAY),
    # a word the North would say alike, off-topic, keeps its reading
    ('nhà sách nào rẻ', 'dont_know'),
    ('tôi đói quá', 'dont_know'),
    ('đi chợ mua gì', 'dont_know'),
    # a letter that is a word of its own ("k": không, "h": giờ) beside a word is not joined
    ('mai co gi k ad', 'day:2020-10-02'),
    ('may h khai mac', 'event:khai-mac'),
    # (faq:ai-tham-gia from round 29a's examples to round 33's; no information with round
    # 34a's and 34d's alone)
    # (who may take part once round 34 merged, the model's faq:ai-tham-gia 0.33 over
    # MODEL_FLOOR; no information again with round 36's examples: a knife's edge)
    pytest.param('e k hoc dc', 'dont_know', marks=pytest.mark.xfail(strict=True, reason=(
        "faq:ai-tham-gia with round 37's examples (§8.149): the model's who may take part "
        "0.36 over MODEL_FLOOR, its two nearest examples of it (0.42, 0.35: round 37a's elders "
        "asking whether they can still learn)"))),
    ('thu 7 co j k a', 'day:2020-10-03'),
    # a word typed with marks that is a slip or teencode, not words typed as one
    ('thư vịen ở đâu', 'library'),
    ('chìu nay có gì', 'day:2020-10-01@chieu'),
    ('nài có mất tiền hok', 'faq:chi-phi'),
    ('mún thi thì lm sao', 'contest_take'),
    ('baanj cos ngwowif yeeu chuwa', 'dont_know'),
    pytest.param('haiphong hom nay mua khong', 'dont_know', marks=pytest.mark.xfail(
        strict=True, reason="'mua' without marks is also mua (to buy): the weather is not "
        "read, 'hom nay' names the day")),
    # spoken marks are read only where no other word is meant
    ('thu vien o dau cham hoi', 'library / faq:doc-sach'),
    # a word typed with a digit that is no weekday, a tone key before a vowel
    ('xang ron95 hom nay bao nhieu', 'dont_know'),
    ('taxi di cat bi bao nhieu tien', 'dont_know'),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_broken_typing_read(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_guards(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "words"), [
    ("lễ khai mạc ở đâu chấm hỏi", ["lễ", "khai", "mạc", "ở", "đâu"]),
    ("hủy đăng ký nhận tin chấm", ["hủy", "đăng", "ký", "nhận", "tin"]),
    ("le khai mac o dau cham hoi", ["le", "khai", "mac", "o", "dau"]),
    # a word meant: grading, slow, "ở đâu" before "hỏi"
    ("cuộc thi chấm điểm thế nào", ["cuộc", "thi", "chấm", "điểm", "thế", "nào"]),
    ("bot tra loi cham", ["bot", "tra", "loi", "cham"]),
    ("o dau hoi ai", ["o", "dau", "hoi", "ai"]),
    # a weekday and its number typed as one, but for a message typed with VNI digits
    ("thu7 co gi", ["thu", "7", "co", "gi"]),
    ("thu7 vie65n o73 d9a6u", ["thu7", "vie65n", "o73", "d9a6u"]),
    # an o after a digit in a word is VNI's, not a zero
    ("ba1o cho to6i", ["ba1o", "cho", "to6i"]),
])
def test_spoken_marks_weekdays_vni(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == words
