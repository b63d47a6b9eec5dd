"""Round 33 (cpu): the shortcuts taken for CPU read every message as the long way did."""

from __future__ import annotations

import ast
import copy

import pytest

from handlers.understanding import Understander, dates, fast
from handlers.understanding.normalise import Token, tokenize

MESSAGES = [
    "ko biet t7 co gi k ad",
    "có gì không",
    "hom nay co hd gi ko",
    "sdt btc la gi vay",
    "cthi cd ht dk o dau",
    "bc tk tuần lễ có ko",
    "lịch tt tuần tới",
    "the day after tmr what's on",
    "how much are the fees for the quizzes",
    "đăng ký nhận tb nhắc lịch sk như thế nào",
    "k dc thi lai a",
]


def test_lexicon_by_next_word_reads_as_every_entry(understander: Understander) -> None:
    """The forms tried only where their second word follows (`Lexicon._by_next`) read every
    message as trying every form of the first word did (a copy, compiled too: __reduce__)."""
    every = copy.copy(understander.lexicon)
    every._by_next = {first: {None: entries} for first, entries in every._by_first.items()}
    fit = understander.repairer.fit
    for text in MESSAGES:
        tokens = tokenize(text)
        assert understander.lexicon.expand(tokens, fit) == every.expand(tokens, fit), text
        assert understander.lexicon.expand(tokens) == every.expand(tokens), text


@pytest.mark.parametrize("token", [
    *(t for w in dates._START_WORDS for t in tokenize(w)),
    *tokenize("hom bua ca ngay mai mot thu chu cuoi tuan thang nam toi sang chieu dem"),
    *tokenize("hôm ca cà bửa tôi lam làm ờ o ở"),
    Token("hôm", "hom", repaired=True), Token("sang", "sang", repaired=True),
])
def test_heads_are_words_read(token: Token) -> None:
    """`w in _heads(t)` is `_Reader.word(i, w)` for every word a date may start with."""
    reader = dates._Reader([token], dates.date(2020, 10, 1), None)  # type: ignore[arg-type]
    assert {w for w in dates._START_WORDS if reader.word(0, w)} == dates._heads(token)


def test_every_head_tested_is_a_start_word() -> None:
    """Each word `_Reader.read` tests against `heads` is one of _START_WORDS (a word left out
    there would never be read: the tokens that start no date are skipped before the
    branches)."""
    # (its source read from the file: compiled by mypyc, handlers/understanding/fast.py, the
    # function keeps none inspect can find)
    module = ast.parse((fast.PACKAGE / "dates.py").read_text(encoding="utf-8"))
    reader = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == "_Reader")
    tree = next(n for n in reader.body if isinstance(n, ast.FunctionDef) and n.name == "read")
    tested: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In) and isinstance(
                node.comparators[0], ast.Name) and node.comparators[0].id == "heads":
            assert isinstance(node.left, ast.Constant)
            tested.add(node.left.value)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd) and isinstance(
                node.left, ast.Name) and node.left.id == "heads" and isinstance(
                node.right, ast.Set):
            tested |= {e.value for e in node.right.elts if isinstance(e, ast.Constant)}
    assert tested and tested <= set(dates._START_WORDS)
