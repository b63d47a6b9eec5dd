"""Round 20 (p): the shortcuts taken for CPU read every message as the long way did."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from handlers.understanding import normalise
from handlers.understanding.normalise import Token, make_token, tokenize


def _tokenize_every_step(text: str) -> list[Token]:
    """tokenize as it was before round 20 (p): every regular expression run on every message."""
    out: list[Token] = []
    clause = 0
    text = normalise.unwrapped(text)  # (round 33 c: what phones and chat apps add)
    text = normalise._LINE_BREAK.sub(", ", text)
    text = normalise._COLON_PARTS.sub(",", text)  # (round 22 d: a colon before a space)
    text = normalise._SMILEY.sub(normalise._smiley, text)  # (round 33 c: hearts, sad faces)
    lowered = normalise._STRAY.sub(normalise._stray, text.lower())
    for m in normalise._TOKEN.finditer(normalise._ZERO.sub("0", lowered)):
        kind = m.lastgroup or "word"
        value = m.group()
        if kind in ("date", "time"):
            plain = normalise._SPACES.sub("", value)
            out.append(Token(plain, normalise.fold(plain), kind, clause=clause))
        elif kind == "symbol":
            if unicodedata.category(value) == "So":
                out.append(Token(value, value, "symbol", clause=clause))
            elif value in normalise._CLAUSE_ENDS and out and out[-1].clause == clause:
                clause += 1
        else:
            out.append(normalise._word(value).in_clause(clause))
    return normalise._once(out)


@pytest.mark.parametrize("text", [
    "lịch hôm nay",  # no digit, no mark: the short regular expression
    "Thư viện ở đâu?? mở cửa mấy giờ ạ",
    "thứ 7 có gì, 8h30 sáng ở đâu",  # digits: dates and times
    "ngày 3/10 và 2020-10-05 có gì",
    "3/1o có gì không, 1o h sáng",  # a letter o for a zero
    "chào ad :)) cho hỏi lịch =)) ^^ <3 T_T xD",  # smileys
    "cảm ơn ad :D, thứ 5 :))",
    "d,e n.ay k.ý ok.ban ạ.cảm",  # stray marks inside words
    "chào ad\nem là giáo viên\r\nlịch tuần sau",  # line breaks
    "thư viện ở đâu? thư viện ở đâu ạ",  # a part said twice
    "nhaaa khoá học hoà nhập 🙂 👍",
    # round 33 c: a link, an address, a tag, a placeholder, a number told, a signature
    "Fwd: lịch https://www.shopee.vn/a?b=1 #sale [Sticker] :(( <3 sđt em 0912345678 "
    "mail e la a.b@gmail.com\nSent from my iPhone",
    "thư viện ở đâu thư viện ở đâu ạ",  # said twice without a mark
    "- ghi chú: * lưu ý * 'trích' `mã`",
    "nhờ bot nhắn btc: trường đã xong, nut:homnay 8:30",  # a colon parts only before a space
])
def test_tokenize_as_every_step(text: str) -> None:
    assert tokenize(text) == _tokenize_every_step(text)


@pytest.mark.parametrize("clause", [0, 1, 3])
def test_in_clause_keeps_every_field(clause: int) -> None:
    tokens = [make_token("khóa"), Token("thi", "thi", "word", expanded=True, repaired=True,
                                        keyed=True), Token("3/10", "3/10", "date", clause=2)]
    for t in tokens:
        moved = t.in_clause(clause)
        assert moved == dataclasses.replace(t, clause=clause)
        assert moved.marked == t.marked
