"""Round 33 (cpu): the shortcuts taken for CPU read every message as the long way did."""

from __future__ import annotations

import copy

from handlers.understanding import Understander
from handlers.understanding.normalise import tokenize

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
    message as trying every form of the first word did."""
    every = copy.copy(understander.lexicon)
    every._by_next = {first: {None: entries} for first, entries in every._by_first.items()}
    fit = understander.repairer.fit
    for text in MESSAGES:
        tokens = tokenize(text)
        assert understander.lexicon.expand(tokens, fit) == every.expand(tokens, fit), text
        assert understander.lexicon.expand(tokens) == every.expand(tokens), text
