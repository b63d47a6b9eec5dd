"""A second opinion from the examples of each answer (examples.toml): the nearest examples vote.

The rules (understand.py) read a message by the phrases of the answers. Where they find none
that settles it (no information, or two answers to ask between), the K examples most like the
message vote: each example a vector of its words, word pairs and letter 3- and 4-grams, read
without marks and with the abbreviations written out, weighted by TF-IDF; likeness is their
cosine. When all K name one answer, that answer is given. Measured on phrasings new to both the
rules and the examples (BENCHMARKS.md §8.59, §8.66): of 1,503 lines of three rounds, 54
answered rightly that the rules left unanswered, 5 wrongly. Looser votes (four of five, or
weighted, with the answers' centroids agreeing) answered more of those lines and more near
misses, and lost blind paraphrases the strict vote answers (§8.66): not taken.

Where the K do not agree, a model of all the examples answers (Model: softmax regression on the
same vectors), when it is sure enough and the nearest example names its answer too. It learns
which words tell the answers apart, "no information" among them (the near misses written under
dont_know), where the nearest examples only count likeness. On the same rounds (and round 24)
the vote and the model together answered 88 lines rightly that the rules left, 7 wrongly
(§8.74).

Where neither answers and the rules named candidates (the answers they would not choose
between, or those they offer with "no information"), the model chooses among them: its
probabilities of those answers and of "no information" only, when one of them is a clear
winner and no example of "no information" is among the K nearest (`among`, §8.133).

What the examples say about a message is only taken where the rules gave up (understand.py
decides); an example's answer is never an action (content.EXAMPLE_ANSWERS).
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any, Final, NamedTuple

import numpy as np
from numpy.typing import NDArray

K: Final = 5  # the examples that vote; all must agree
# A message of fewer words (of two letters or more) is not compared: "câu C", "tôi chọn d" (a
# letter typed for the quiz), a name, are like too many examples by a word or two.
MIN_WORDS: Final = 3
# Answers the vote never gives: "no information" is what the rules said already, and the
# Week's calendar is read by the rules from the days and months named.
NEVER_GIVEN: Final = ("dont_know", "schedule")
# A message longer than this (letters) is not compared: its likeness to short examples says
# little, and the cost grows with its length.
MAX_LETTERS: Final = 400
# Where the nearest examples do not agree, the model trained on all the examples (Model) answers
# when it gives its answer this probability or more and the nearest example names it too
# (BENCHMARKS.md §8.74 chose 0.5: on four rounds' fresh lines, the vote and the model together
# answered 88 lines rightly that the rules left, 7 wrongly that the rules had right; §8.81
# lowered it to 0.3: on five rounds' fresh lines +116/−12 against +97/−10 at 0.5, near misses
# answered fivefold 10 against 6).
MODEL_FLOOR: Final = 0.3
# Asked of a message the rules answered (Examples.second_opinion), the model gives its answer
# instead only where it gives it SECOND_FLOOR or more and theirs less than OVERRULED
# (BENCHMARKS.md §8.81; §8.90 lowered SECOND_FLOOR to the vote's 0.3: on seven rounds' fresh
# lines +62/−1 against +49/−1 at 0.5, fivefold on the tuned lines +27/−5 against +16/−5; a
# looser OVERRULED, 0.15, took +7 more fresh and 5 more tuned lines the rules had right).
SECOND_FLOOR: Final = 0.3
OVERRULED: Final = 0.1
# The second opinion's agreement of the nearest examples with a margin (`_near_enough`): where
# the model gives its answer SURE_FLOOR or more, an example of it among the K nearest whose
# likeness is within NEAR_MARGIN of the most alike one's agrees as the most alike would. The
# example most like a message often wins by a few thousandths of likeness (BENCHMARKS.md
# §8.142), a reading the model has learnt to tell apart ("lớp dạy dùng máy tính", the rules'
# list of activities; "muốn mở góc đọc sách … ai hỗ trợ", the organisers' number). BENCHMARKS.md
# §8.146: on the tuned lines five-fold +4/−0 and the round 35–36 dev batches left out +1/−0;
# harm-free for SURE_FLOOR 0.5–0.7 and NEAR_MARGIN 0.02–0.10, a loss each at 0.45 or 0.12.
# Not for "no information" (the refusal keeps its own gates: Understander.vote), and only for a
# message the model reads as the rules do (understand._read_alike, in Understander._understood).
SURE_FLOOR: Final = 0.55
NEAR_MARGIN: Final = 0.06
# The model's answer instead of the rules' where they explained all but a word or two of the
# message (Examples.outright, Understander._outright): the model gives its own CERTAIN or more,
# theirs less than EXCLUDED, and the nearest examples agree (`_near_enough`). The second opinion
# is asked only where a third of the message is left (HALF_EXPLAINED); a rules' answer found on
# a general phrase ("lớp học" of the activities in "có lớp học internet an toàn không", "dùng thế
# nào" of the safe Internet in "con cài cho ứng dụng này, chẳng biết dùng thế nào, bot hướng
# dẫn giúp") leaves less. BENCHMARKS.md §8.146: five-fold +2/−0, the round 35–36 dev batches
# left out +1/−0; harm-free for CERTAIN 0.8–0.95 and EXCLUDED 0.01–0.03 (at 0.7, or with no
# word left unexplained, a loss or two).
CERTAIN: Final = 0.9
EXCLUDED: Final = 0.02
# The model's choice among the rules' candidates (Examples.vote's `among`): of its probabilities
# of those answers and of "no information", renormalised, the likeliest is taken when it is not
# "no information", has AMONG_SHARE of them or more and AMONG_RATIO times the next one's, and
# no "no information" example is among the K nearest (the near misses the rules were tuned to
# refuse). BENCHMARKS.md §8.133: two signals agreeing (an answer the rules found words of, the
# model's clear choice) instead of the nearest example's agreement; on fresh lines (a blind dev
# set of 240 lines and another of 240) +1/−0 each, fivefold on the tuned lines +7/−0, rounds
# 25–31 left out +4/−2; looser (0.5 and twice the next, or the model's own top answer among
# the candidates at 0.3) answered more near misses of the tests.
AMONG_SHARE: Final = 0.6
AMONG_RATIO: Final = 3.0
# The second opinion's "no information" (Examples.second_opinion: the rules' answer under
# OVERRULED, the example most like the message one of "no information", a near miss written
# under dont_know) stands instead of the rules' answer where the model gives it REFUSED_FLOOR or
# more (Understander.vote): off-topic messages that share a word or two with an answer of the
# Week ("công ty nào tuyển bảo vệ": "công ty" of the units taking part; "nước nhà tôi mất, gọi
# số nào": the organisers' number). BENCHMARKS.md §8.140: on a blind dev set of 160 lines +3,
# on the tuned lines +10/−0, held out +9; a looser choice (the rules' answer under 0.3, not
# OVERRULED) lost a line of another blind set; "no information" among the five nearest, not
# the nearest, lost one too.
REFUSED_FLOOR: Final = 0.6
# The mirror of REFUSED_FLOOR (Examples.sure): where the rules found no information and the vote
# gave none (the nearest five disagree, and the example most like the message is not of the
# model's answer, often by a hair: 0.0007–0.004 of likeness, BENCHMARKS.md §8.142), the model's
# answer is given when it gives it UNANSWERED_FLOOR or more and the example of it most like
# the message is NEARLY as alike as the most alike of all, or more (BENCHMARKS.md §8.145:
# fivefold on the tuned lines, the examples made without the lines asked, +8/−0; round 36's
# three blind dev batches left out +0/−0; a floor of 0.5 answered one of their near misses of
# "no information", 0.8 took three lines fewer; NEARLY 0.8 answered two tuned near misses).
UNANSWERED_FLOOR: Final = 0.6
NEARLY: Final = 0.85
# The nearest examples are sought without summing every entry of the message's commonest
# features (Examples._nearest, BENCHMARKS.md §8.150): the columns of COMMON_DF examples or more
# (about 130 letter-grams of 31,000 columns, two thirds of a message's ~90,000 entries) give an
# upper bound of each example's likeness (Cauchy–Schwarz: the message's norm on them times
# the example's), the other columns' entries a lower one; only the examples whose bound
# reaches the k-th likeness are scored exactly, as `_likeness` scores them (the same sums in
# the same order: the same figures to the bit). Measured on 1,078 messages: a median of 10
# examples scored, 28 at the 90th percentile. Past MAX_SCORED, or where the nearest tie
# between answers (which of them argpartition keeps is its own), every example is scored.
COMMON_DF: Final = 1000
MAX_SCORED: Final = 400
# (the bound's and the estimates' rounding, ~1e-14, well inside)
BOUND_MARGIN: Final = 1e-9
# Answers accepted together (examples.toml's [together], learnt from the tuned corpus by
# scripts/examples_from_corpus.py): under an answer, those whose lines accept it too, often
# enough ("library": the reading FAQ, the library's programmes; "faq:internet-an-toan": the
# digital-skills classes and their course). The model splits its probability among such answers
# (the class of digital skills 0.26, its course 0.23, the safe Internet 0.16), so that no gate
# on one answer is met; where the gates on one answer fail, the vote's gate, the mirror's
# (`sure`) and the second opinion's are asked of the probability of an answer and of those it
# stands for, summed (`_grouped`), and that answer given (Examples.grouped, asked last, and
# Examples.second_opinion). BENCHMARKS.md §8.154: on the tuned lines five-fold +13/−0, the
# blind dev batches of rounds 35–37 left out +1/−0, rounds 25–31 left out +1/−0; harm-free for
# a share of 0.3–0.7 (scripts/examples_from_corpus.py TOGETHER_SHARE).
Together = dict[str, frozenset[str]]
# How the model is trained: passes over the examples, examples a step, the first pass's step
# size (RATE / sqrt(1 + pass) at each pass after: _trained).
# (BENCHMARKS.md §8.90: sixteen passes against eight took +4 of the vote and +5 of the second
# opinion on seven rounds' fresh lines, and doubled the training's CPU, 10 s on a slow machine,
# in a worker thread of every bot at its start that holds the interpreter's lock in its
# Python-level steps: CI's bots, five to two cores, missed their timeouts. Not taken. §8.96:
# the same training in whole-array steps, 4.4 s → 2.0 s of CPU for 6,112 examples on a loaded
# machine; then the step's size shrunk as 1/sqrt(1 + pass), not 1/(1 + pass) (more is learnt
# in the same eight passes): on rounds 20–24's fresh lines the vote +114/−8 against
# +110/−8 and the second opinion +49/−1 against +43/−1, rounds 25–27 +23/−7 against +19/−7 and
# +24/−0 against +22/−0; more passes, a larger first step or a constant one gained a few more
# and harmed more; averaged weights and a penalty on the weights (L2) lost.)
EPOCHS: Final = 8
BATCH: Final = 32
RATE: Final = 1.0
# Each step of an example of "no information" (dont_know, the near misses) weighs this much
# against one of an answer (BENCHMARKS.md §8.141: 0.7 against 1.0, fivefold on the tuned lines
# +3/−0, round 35's fresh dev and round 36's blind sets unchanged; 1.5 lost 3 fivefold: the
# model's "no information" is overconfident on short plain questions, §8.117).
DONT_KNOW_STEP: Final = 0.7


def _by_kind(column: dict[str, int]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The columns of the words, of the word pairs and of the letter 3- and 4-grams
    (`features`), each kind by its text without its prefix: the kinds' prefixes keep them
    apart, and a 3-gram's length from a 4-gram's."""
    by_word: dict[str, int] = {}
    by_pair: dict[str, int] = {}
    by_gram: dict[str, int] = {}
    for feature, j in column.items():
        if feature[0] == "w":
            by_word[feature[2:]] = j
        elif feature[0] == "p":
            by_pair[feature[2:]] = j
        else:
            by_gram[feature[1:]] = j
    return by_word, by_pair, by_gram


def features(normalised: str) -> Counter[str]:
    """The words, word pairs and letter 3- and 4-grams of a message as the examples read it."""
    words = normalised.split()
    padded = f" {normalised} "
    # (lists, not generators resumed at each of some 150 features; in this order, which
    # the columns of a message's vector and so its sums keep: Examples.query)
    found = [f"w {w}" for w in words]
    found += [f"p {a} {b}" for a, b in itertools.pairwise(words)]
    found += [f"c{padded[i:i + 3]}" for i in range(len(padded) - 2)]
    found += [f"c{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    return Counter(found)


# A message as the examples read it: its features' columns and their weights (Examples.query).
Vector = tuple[NDArray[np.int64], NDArray[np.float64]]


class Voted(NamedTuple):
    """What the examples answer, and the likeness of the K-th most alike example."""

    answer: str
    likeness: float  # (the model's probability of `answer`, when the model gave it)
    # the nearest examples agreed with a margin only (Examples.second_opinion, _near_enough)
    by_margin: bool = False
    # the model's probability summed over the answers this one stands for (Together): of
    # which answer's (Examples._grouped)
    by_group: str = ""


# What Examples keeps in the content cache: a lock is no state, nor whose thread trains. Named,
# not read from __dict__ (a class compiled by mypyc has none: handlers/understanding/fast.py)
_KEPT: Final = ("answers", "column", "idf", "rows", "weights", "starts", "together",
                     "_model")


def _vectors(examples: Sequence[tuple[str, str]],
             together: Sequence[tuple[str, Sequence[str]]]) -> dict[str, Any]:
    """The attributes of the Examples of `examples` and `together` that `_KEPT` names
    (Examples.__init__)."""
    counted = [features(text) for text, _answer in examples]
    column: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    tf: list[int] = []
    for i, c in enumerate(counted):
        rows += [i] * len(c)
        cols += [column.setdefault(f, len(column)) for f in c]
        tf += c.values()
    row = np.array(rows, dtype=np.int64)
    col = np.array(cols, dtype=np.int64)
    df = np.bincount(col, minlength=len(column))
    idf = np.log1p(max(1, len(counted)) / np.maximum(df, 1))
    w = (1 + np.log(np.array(tf, dtype=np.float64))) * idf[col]
    w /= np.sqrt(np.bincount(row, weights=w * w, minlength=len(counted)))[row]
    order = np.argsort(col, kind="stable")  # by column: a feature's examples together
    return {"answers": tuple(answer for _text, answer in examples), "column": column,
            "idf": idf, "rows": row[order], "weights": w[order],
            "starts": np.concatenate(([0], np.cumsum(df))).astype(np.int64),
            "together": {answer: frozenset((answer, *also)) for answer, also in together},
            "_model": None}


class Examples:
    """The examples' vectors, by feature (one column each), and the answer of each example."""

    def __init__(self, examples: Sequence[tuple[str, str]],
                 kept: dict[str, Any] | None = None,
                 together: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
        """`examples`: (the text as `features` reads it, its answer), one an example, and
        `together`: an answer and the answers whose messages it answers too (Together); or
        `kept`, what `__getstate__` kept (unpickled: `__reduce__`), `examples` then ignored.
        Both ways set every attribute here, with no early return: a class compiled by mypyc
        then reads its attributes without checking at each read that they are set (its
        "always defined" attributes)."""
        if kept is None:
            kept = _vectors(examples, together)
        self.answers: tuple[str, ...] = kept["answers"]
        self.column: dict[str, int] = kept["column"]
        self.idf: NDArray[np.float64] = kept["idf"]
        self.rows: NDArray[np.int64] = kept["rows"]
        self.weights: NDArray[np.float64] = kept["weights"]
        self.starts: NDArray[np.int64] = kept["starts"]
        # an answer: itself and the answers it stands for too (Together)
        self.together: Together = kept["together"]
        self._model: Model | None = None
        self._by_kind = _by_kind(self.column)
        # each answer's examples (their rows), at its first use (Examples.sure)
        self._rows_of: dict[frozenset[str], NDArray[np.int64]] = {}
        # the commonest columns apart (_Common), at the first nearest examples sought
        self._common: _Common | None = None
        # the last message asked (`_Asked`): its vector, the model's probabilities and the K
        # nearest examples, made once for the vote, the mirror, the group's sum and the second
        # opinion that ask of one message in turn
        self._asked: _Asked | None = None
        self._training = threading.Lock()
        # False while a worker thread is to train the model (Router.prepare_later): a message
        # is then answered without it, never trains it itself on the bot's event loop
        self.trained_at_first_use = True
        # (the model last: made of `self`, which mypyc's analysis takes as every attribute read
        # from then on, so all are set before)
        if kept["_model"] is not None:
            self._model = Model(self, kept["_model"])

    def __getstate__(self) -> dict[str, Any]:
        """What is kept of these examples, their model's by its own (Model.kept): not the
        model itself, which is made of these examples (`__reduce__`)."""
        state = {name: getattr(self, name) for name in _KEPT}
        state["_model"] = None if self._model is None else self._model.kept()
        return state

    # Pickled as (Examples, ((), __getstate__())), compiled as well: a class compiled by mypyc
    # is made only through its __init__ (normalise.kept_attributes)
    def __reduce__(self) -> tuple[type[Examples], tuple[tuple[()], dict[str, Any]]]:
        return Examples, ((), self.__getstate__())

    @property
    def model(self) -> Model:
        """The model trained on these examples, at its first use (about 2 s of CPU for 6,100
        examples on a slow machine, BENCHMARKS.md §8.96; the bot trains it in a worker thread
        at its start: Router.prepare), behind another thread that trains it."""
        with self._training:
            return self._trained()

    def _ready_model(self) -> Model | None:
        """The model, trained now if no one is training it; None while another thread trains
        it (the bot's first seconds, Router.prepare): a message is then answered without the
        model rather than wait behind the training, and every update behind it (the tests'
        bots, five to a two-core machine, waited past 15 s)."""
        if self._model is not None or not self.trained_at_first_use:
            return self._model
        if not self._training.acquire(blocking=False):
            return None
        try:
            return self._trained()
        finally:
            self._training.release()

    def _trained(self) -> Model:
        """The model, trained if it is not yet (the caller holds `_training`)."""
        if self._model is None:
            self._model = Model(self)
        return self._model

    def vote(self, normalised: str, among: Sequence[str] = ()) -> Voted | None:
        """The answer of the K examples most like `normalised` when all K name it, with the
        K-th's likeness; else the model's answer when it gives it MODEL_FLOOR or more and the
        example most like `normalised` names it too (or one exactly as alike: `_most_alike`),
        with its probability; else (neither answered, or theirs is one NEVER_GIVEN) the model's
        clear choice among the rules' candidates `among` (`_among`); else None."""
        vector = self.query(normalised)
        nearest = self._nearest(vector, K)
        answers = {answer for answer, _likeness in nearest}
        if len(nearest) == K and len(answers) == 1:
            voted: Voted | None = Voted(answers.pop(), nearest[-1][1])
        else:
            voted = self._modelled(vector, nearest)
        if among and (voted is None or voted.answer in NEVER_GIVEN):
            return self._among(vector, nearest, among)
        return voted

    def _among(self, vector: Vector | None, nearest: list[tuple[str, float]],
               among: Sequence[str]) -> Voted | None:
        """The model's choice among the rules' candidates `among` (their keys): its
        probabilities of those (not NEVER_GIVEN) and of "no information" made to sum to 1, the
        likeliest when it is not "no information", has AMONG_SHARE or more and AMONG_RATIO times
        the next; not when an example of "no information" is among the K nearest (`nearest`).
        Given with its share."""
        model = self._ready_model()
        if vector is None or model is None or any(a == "dont_know" for a, _l in nearest):
            return None
        p = self._probabilities(model, vector)
        pool = {a: float(p[model.index[a]]) for a in among
                if a in model.index and a not in NEVER_GIVEN}
        if not pool:
            return None
        pool["dont_know"] = float(p[model.index["dont_know"]]) if "dont_know" in model.index \
            else 0.0
        best, *rest = sorted(pool, key=lambda a: -pool[a])
        share = pool[best] / (sum(pool.values()) or 1.0)
        if best == "dont_know" or share < AMONG_SHARE or (
                rest and pool[best] < AMONG_RATIO * pool[rest[0]]):
            return None
        return Voted(best, share)

    def second_opinion(self, normalised: str, against: str) -> Voted | None:
        """The model's answer of `normalised` instead of the rules' answer `against`: when it
        gives its own SECOND_FLOOR or more and theirs less than OVERRULED, and the example most
        like `normalised` (or one exactly as alike: `_most_alike`; or, the model sure, one
        nearly as alike: `_near_enough`, the answer then marked `by_margin`) names its own too
        (not the nearest five's agreement alone: asked of a message the rules did answer, see
        Understander.understand); else, the gates on one answer not met and theirs still less
        than OVERRULED, the answer whose probability summed with those it stands for
        (`_grouped`) is SECOND_FLOOR or more, when it does not stand for theirs, the example most
        like the message is of one of them and no example of "no information" is among the K
        nearest (marked `by_group`); else None."""
        vector = self.query(normalised)
        if vector is None:
            return None
        model = self._ready_model()
        if model is None:
            return None  # (the rules' answer stands while the model is trained)
        # (the model first: most messages it leaves to the rules, without the nearest sought)
        p = self._probabilities(model, vector)
        guessed = model.likeliest(p)
        theirs = float(p[model.index[against]]) if against in model.index else 0.0
        if guessed.answer == against or theirs >= OVERRULED:
            return None
        if guessed.likeness >= SECOND_FLOOR:
            nearest = self._nearest(vector, K)
            if guessed.answer in _most_alike(nearest):
                return guessed
            if _near_enough(nearest, guessed):
                return guessed._replace(by_margin=True)
        grouped = self._grouped(model, p)
        if grouped is None or grouped.likeness < SECOND_FLOOR \
                or against in self.together[grouped.by_group]:
            return None
        nearest = self._nearest(vector, K)
        if any(a == "dont_know" for a, _l in nearest) \
                or not self.together[grouped.by_group] & _most_alike(nearest):
            return None
        return grouped

    def outright(self, normalised: str, against: str) -> Voted | None:
        """The model's answer of `normalised` instead of the rules' answer `against` where the
        rules explained nearly all of the message: when it gives its own CERTAIN or more (not
        "no information", nor one NEVER_GIVEN), theirs less than EXCLUDED, and the nearest
        examples agree (`_near_enough`), else None. (The model first, a dot product: the
        nearest are sought only where it is that sure.)"""
        vector = self.query(normalised)
        model = self._ready_model() if vector is not None else None
        if vector is None or model is None:
            return None
        p = self._probabilities(model, vector)
        guessed = model.likeliest(p)
        if guessed.likeness < CERTAIN or guessed.answer == against \
                or guessed.answer == "dont_know" or guessed.answer in NEVER_GIVEN:
            return None
        if against in model.index and float(p[model.index[against]]) >= EXCLUDED:
            return None
        return guessed if _near_enough(self._nearest(vector, K), guessed) else None

    def sure(self, normalised: str) -> Voted | None:
        """The model's answer of `normalised`, a message the rules found no information on and
        the vote left (`vote`: None), when the model gives it UNANSWERED_FLOOR or more and the
        example of that answer most like the message is NEARLY as alike as the example most like
        it of all (the mirror of the second opinion's "no information", Understander.vote); else
        None. Not "no information" nor an answer NEVER_GIVEN. Given with its probability."""
        vector = self.query(normalised)
        model = self._ready_model() if vector is not None else None
        if vector is None or model is None:
            return None
        guessed = model.likeliest(self._probabilities(model, vector))
        if guessed.likeness < UNANSWERED_FLOOR or guessed.answer in NEVER_GIVEN:
            return None
        return guessed if self._nearly(vector, frozenset((guessed.answer,))) else None

    def _nearly(self, vector: Vector, of: frozenset[str]) -> bool:
        """Is the example of an answer `of` most like a message (its `vector`) NEARLY as alike
        as the example most like it of all, or more?"""
        scores = self._likeness(vector)
        rows = self._rows_of.get(of)
        if rows is None:
            rows = np.array([i for i, a in enumerate(self.answers) if a in of], dtype=np.int64)
            self._rows_of[of] = rows
        return bool(len(rows)) and float(scores[rows].max()) >= NEARLY * float(scores.max())

    def grouped(self, normalised: str, among: Sequence[str] = (),
                unanswered: bool = False) -> Voted | None:
        """The answer of `normalised` by the model's probability of an answer and of those it
        stands for, summed (`_grouped`), asked last, where the vote and the gates on one answer
        gave nothing (Understander.vote), not where an example of "no information" is among the
        K nearest: given when the sum passes the vote's gate (MODEL_FLOOR or more, the example
        most like the message of one of them), or, `unanswered` (the rules found no
        information), the mirror's (`sure`: UNANSWERED_FLOOR or more, an example of one of them
        NEARLY as alike as the most alike). Of the rules' candidates `among`, the one of them
        the model likes best; else the answer that stands for the others. Marked `by_group`."""
        vector = self.query(normalised)
        model = self._ready_model() if vector is not None else None
        if vector is None or model is None or not self.together:
            return None
        p = self._probabilities(model, vector)
        grouped = self._grouped(model, p)
        if grouped is None:
            return None
        of = self.together[grouped.by_group]
        nearest = self._nearest(vector, K)
        if any(a == "dont_know" for a, _l in nearest):
            return None
        agreed = grouped.likeness >= MODEL_FLOOR and bool(of & _most_alike(nearest))
        if not agreed and not (unanswered and grouped.likeness >= UNANSWERED_FLOOR
                               and self._nearly(vector, of)):
            return None
        chosen = [a for a in among if a in of and a in model.index and a not in NEVER_GIVEN]
        if chosen:
            return grouped._replace(answer=max(chosen, key=lambda a: float(p[model.index[a]])))
        return grouped

    def probability(self, normalised: str, answer: str) -> float | None:
        """The model's probability of `answer` for `normalised` (0.0 for an answer no example
        names); None when the message is not compared (`query`) or while another thread trains
        the model (`_ready_model`)."""
        vector = self.query(normalised)
        model = self._ready_model() if vector is not None else None
        if vector is None or model is None:
            return None
        if answer not in model.index:
            return 0.0
        return float(self._probabilities(model, vector)[model.index[answer]])

    def _modelled(self, vector: Vector | None,
                  nearest: list[tuple[str, float]]) -> Voted | None:
        """The model's answer, when sure enough and the example most like the message names
        it too (`vote`)."""
        model = self._ready_model()
        if vector is None or not nearest or model is None:
            return None
        guessed = model.likeliest(self._probabilities(model, vector))
        if guessed.likeness < MODEL_FLOOR or guessed.answer not in _most_alike(nearest):
            return None
        return guessed

    def _grouped(self, model: Model, p: NDArray[np.float32]) -> Voted | None:
        """The answer (not "no information", nor one NEVER_GIVEN) that with the answers it
        stands for (Together) has the most of the model's probabilities `p`, and their sum,
        when it stands for another answer (more than "no information" then, or any answer
        alone); else None."""
        best, most = "", 0.0
        for answer in model.answers:
            of = self.together.get(answer)
            mass = float(p[model.index[answer]]) if of is None else sum(
                float(p[model.index[a]]) for a in of if a in model.index)
            if mass > most:
                best, most = answer, mass
        if best not in self.together or best in NEVER_GIVEN:
            return None  # (one answer alone the likeliest: the gates on it said no)
        return Voted(best, most, by_group=best)

    def nearest(self, normalised: str, k: int) -> list[tuple[str, float]]:
        """The answers of the `k` examples most like `normalised` and their likeness, the most
        alike first (fewer when fewer are alike at all)."""
        return self._nearest(self.query(normalised), k)

    def _nearest(self, vector: Vector | None, k: int) -> list[tuple[str, float]]:
        if vector is None:
            return []
        asked = self._asked
        if k == K and asked is not None and asked.vector is vector:
            if asked.nearest is None:
                asked.nearest = self._nearest_made(vector, k)
            return asked.nearest
        return self._nearest_made(vector, k)

    def _nearest_made(self, vector: Vector, k: int) -> list[tuple[str, float]]:
        """`_nearest`, made (not the last message's, kept)."""
        if 0 < k < len(self.answers):
            found = self._bounded(vector, k)
            if found is not None:
                return found
        return self._nearest_of_all(vector, k)

    def _nearest_of_all(self, vector: Vector, k: int) -> list[tuple[str, float]]:
        """`_nearest`, every example's likeness made."""
        scores = self._likeness(vector)
        k = min(k, len(scores))
        nearest = np.argpartition(-scores, k - 1)[:k]
        return sorted(((self.answers[i], float(scores[i])) for i in nearest if scores[i] > 0),
                      key=lambda pair: -pair[1])

    def _bounded(self, vector: Vector, k: int) -> list[tuple[str, float]] | None:
        """`_nearest` (0 < k < the examples), only the examples that can be among the k most
        alike scored exactly (COMMON_DF); None where every example must be scored: more than
        MAX_SCORED can, fewer than k are alike at all, or examples of two answers are exactly
        as alike at the k-th (argpartition chooses among them by its own order)."""
        common = self._common
        if common is None:
            common = self._common = _Common(self)
        cols, q = vector
        n = len(self.answers)
        slots = common.slot[cols]
        own = np.flatnonzero(slots >= 0)  # the message's common columns (places in `cols`)
        rare = np.flatnonzero(slots < 0)
        # the rare columns' entries, in `_likeness`' order: a part of each likeness (taken by
        # their positions: a run of a rare column is short, and a slice each cost more)
        starts = self.starts[cols[rare]]
        counts = self.starts[cols[rare] + 1] - starts
        ends = np.cumsum(counts)
        at = np.repeat(rare, counts)  # each entry's place in `cols`
        positions = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
        positions += np.repeat(starts - (ends - counts), counts)
        rows = self.rows.take(positions)
        weights = self.weights.take(positions)
        part = np.bincount(rows, weights=weights * q[at], minlength=n)
        qc = q[own]
        bound = part + float(np.sqrt(qc @ qc)) * common.norm
        # the k highest bounds' examples: their likeness (estimated, in another order) is no
        # more than the k-th of all, so no example whose bound is under it is among the k
        first = np.argpartition(-bound, k - 1)[:k]
        dense = common.dense.ravel()  # (a view: a column's block at slot * n)
        at_own = slots[own][:, None] * n
        floor = float((part[first] + qc @ dense.take(at_own + first)).min()) - BOUND_MARGIN
        if floor <= 0:
            return None
        chosen = np.flatnonzero(bound >= floor)
        if len(chosen) > MAX_SCORED:
            return None
        # their entries, a row an example and a column a feature in `cols`' order (0.0 where
        # it has none), multiplied and summed in that order: `_likeness`' sums to the bit
        w = np.zeros((len(chosen), len(cols)), dtype=np.float64)
        w[:, own] = dense.take(at_own + chosen).T
        where = np.full(n, -1, dtype=np.int64)
        where[chosen] = np.arange(len(chosen))
        row_of = where[rows]
        kept = np.flatnonzero(row_of >= 0)
        w[row_of[kept], at[kept]] = weights[kept]
        w *= q
        scores = np.bincount(np.repeat(np.arange(len(chosen)), len(cols)), weights=w.ravel(),
                             minlength=len(chosen))
        order = np.argsort(-scores, kind="stable")
        ranked = scores[order].tolist()
        answers = [self.answers[i] for i in chosen[order].tolist()]
        kth = ranked[k - 1]
        for i in range(len(ranked) - 1):
            if ranked[i] < kth:
                break
            if ranked[i] > 0 and ranked[i] == ranked[i + 1] and answers[i] != answers[i + 1]:
                return None
        return [(answers[i], ranked[i]) for i in range(k) if ranked[i] > 0]

    def query(self, normalised: str) -> Vector | None:
        """The vector of `normalised` as the examples' are made: its features' columns and
        weights (None: not compared, or no feature of it known to the examples). The last
        message's is kept (`_Asked`): asked of one message in turn, it is made once."""
        asked = self._asked
        if asked is not None and asked.normalised == normalised:
            return asked.vector
        vector = self._vector(normalised)
        self._asked = _Asked(normalised, vector)
        return vector

    def _probabilities(self, model: Model, vector: Vector) -> NDArray[np.float32]:
        """`model.probabilities(vector)`, the last message's kept (`_Asked`)."""
        asked = self._asked
        if asked is None or asked.vector is not vector:
            return model.probabilities(vector)
        if asked.model is not model or asked.p is None:
            asked.model, asked.p = model, model.probabilities(vector)
        return asked.p

    def _vector(self, normalised: str) -> Vector | None:
        """`query`, made."""
        if not self.answers or len(normalised) > MAX_LETTERS:
            return None
        words = normalised.split()
        if sum(1 for w in words if len(w) >= 2 and w.isalpha()) < MIN_WORDS:
            return None
        # `features(normalised)`, each kind looked up in its own table (_by_kind): no prefixed
        # string made a feature. A known feature's column is kept at its first occurrence and
        # counted again at the next (no Counter a kind: the columns of the kinds are apart), so
        # the columns are in `features`' order, which the vector and so its sums keep.
        padded = f" {normalised} "
        by_word, by_pair, by_gram = self._by_kind
        found: list[int] = []
        tfs: list[int] = []
        place: dict[int, int] = {}  # a column's place in `found`
        for texts, column in (
                (words, by_word),
                ([f"{a} {b}" for a, b in itertools.pairwise(words)], by_pair),
                ([padded[i:i + 3] for i in range(len(padded) - 2)], by_gram),
                ([padded[i:i + 4] for i in range(len(padded) - 3)], by_gram)):
            for text in texts:
                j = column.get(text)
                if j is None:
                    continue
                at = place.get(j)
                if at is None:
                    place[j] = len(found)
                    found.append(j)
                    tfs.append(1)
                else:
                    tfs[at] += 1
        if not found:
            return None
        js = np.array(found, dtype=np.int64)
        tf = np.array(tfs, dtype=np.float64)
        q = (1 + np.log(tf)) * self.idf[js]
        q /= float(np.sqrt(q @ q)) or 1.0
        return js, q

    def _likeness(self, vector: Vector) -> NDArray[np.float64]:
        """The cosine of a message's vector (`query`) with every example."""
        cols, q = vector
        starts = self.starts[cols]
        ends = self.starts[cols + 1]
        # the columns' runs of entries copied one after another (slices, not a gather by
        # positions: a quarter less CPU for ~90,000 entries of a message of 150 features, the
        # same sums in the same order, BENCHMARKS §8.105)
        runs = list(zip(starts.tolist(), ends.tolist(), strict=True))
        rows = np.concatenate([self.rows[a:b] for a, b in runs])
        weights = np.concatenate([self.weights[a:b] for a, b in runs])
        # (the products made in the weights' copy: one array of ~90,000 fewer a message)
        np.multiply(weights, np.repeat(q, ends - starts), out=weights)
        scores: NDArray[np.float64] = np.bincount(
            rows, weights=weights, minlength=len(self.answers)).astype(np.float64, copy=False)
        return scores


class _Asked:
    """The last message asked of the examples (Examples._asked): its text as they read it,
    its vector, and as they are first needed, the model's probabilities (of `model`) and the K
    nearest examples."""

    def __init__(self, normalised: str, vector: Vector | None) -> None:
        self.normalised = normalised
        self.vector = vector
        self.model: Model | None = None
        self.p: NDArray[np.float32] | None = None
        self.nearest: list[tuple[str, float]] | None = None


class _Common:
    """The examples' columns of COMMON_DF examples or more, for `Examples._bounded`: each
    column's place among them (`slot`, -1: not one of them), their weights as a dense block (a
    row a column, an example's weight at its row, 0.0 where it has none: the same float64
    figures) and each example's norm on them."""

    def __init__(self, examples: Examples) -> None:
        counts = np.diff(examples.starts)
        common = np.flatnonzero(counts >= COMMON_DF)
        self.slot: NDArray[np.int64] = np.full(len(counts), -1, dtype=np.int64)
        self.slot[common] = np.arange(len(common))
        self.dense: NDArray[np.float64] = np.zeros((len(common), len(examples.answers)),
                                                   dtype=np.float64)
        for s, j in enumerate(common.tolist()):
            a, b = int(examples.starts[j]), int(examples.starts[j + 1])
            self.dense[s, examples.rows[a:b]] = examples.weights[a:b]
        self.norm: NDArray[np.float64] = np.sqrt((self.dense * self.dense).sum(axis=0))


def _near_enough(nearest: list[tuple[str, float]], guessed: Voted) -> bool:
    """Do the examples most like a message (`nearest`, the most alike first) agree with the
    model's answer `guessed` asked as a second opinion (Examples.second_opinion)? The most alike
    names it (`_most_alike`), or the model gives an answer (not "no information") SURE_FLOOR or
    more and one of the nearest that names it is within NEAR_MARGIN of the most alike's
    likeness: a lead of a few hundredths says little where the model is sure."""
    if guessed.answer in _most_alike(nearest):
        return True
    if guessed.answer == "dont_know" or guessed.likeness < SURE_FLOOR or not nearest:
        return False
    return any(answer == guessed.answer and likeness >= nearest[0][1] - NEAR_MARGIN
               for answer, likeness in nearest)


def _most_alike(nearest: list[tuple[str, float]]) -> set[str]:
    """The answers of the examples most like a message (`nearest`, the most alike first): the
    first's, and those of examples exactly as alike (the same words, typed with marks and
    without, under two answers: which of them argpartition puts first says nothing; round 30)."""
    if not nearest:
        return set()
    top = nearest[0][1]
    return {answer for answer, likeness in nearest if likeness >= top - 1e-9}


class Model:
    """Softmax regression on the examples' vectors: a weight for each feature and answer,
    learnt so that each example's answer is the likeliest of its own vector. Unlike the
    nearest examples, it learns which words tell two answers apart, "no information" among
    them (the near misses written under dont_know): a message like examples of an answer in
    words that do not decide it is not given that answer.

    Trained by minibatch gradient descent (only the weights of a batch's features change at
    a step; EPOCHS passes, the step's size RATE / sqrt(1 + pass)), the examples in a fixed
    random order: the same examples give the same model."""

    def __init__(self, examples: Examples, kept: dict[str, Any] | None = None) -> None:
        """The model of `examples`, trained; or `kept`, what `__reduce__` kept of it
        (unpickled), set with no early return (Examples.__init__: mypyc's "always defined"
        attributes)."""
        if kept is None:
            answers = tuple(sorted(set(examples.answers)))
            index = {answer: i for i, answer in enumerate(answers)}
            weights, bias = _trained(examples, index, EPOCHS)
            kept = {"answers": answers, "index": index, "weights": weights, "bias": bias}
        self.examples = examples
        self.answers: tuple[str, ...] = kept["answers"]
        self.index: dict[str, int] = kept["index"]
        self.weights: NDArray[np.float32] = kept["weights"]
        self.bias: NDArray[np.float32] = kept["bias"]

    def kept(self) -> dict[str, Any]:
        """What is pickled of the model, its examples apart (`__init__`'s `kept`)."""
        return {"answers": self.answers, "index": self.index, "weights": self.weights,
                "bias": self.bias}

    # Pickled (the content cache) by its attributes, compiled as well: made again by __init__
    def __reduce__(self) -> tuple[type[Model], tuple[Examples, dict[str, Any]]]:
        return Model, (self.examples, self.kept())

    def answer(self, normalised: str) -> Voted | None:
        """The likeliest answer of `normalised` and its probability (None: not compared, as
        the nearest examples do not compare it)."""
        vector = self.examples.query(normalised)
        return None if vector is None else self.answer_of(vector)

    def answer_of(self, vector: Vector) -> Voted:
        """The likeliest answer of a message's vector (`Examples.query`), with its
        probability."""
        return self.likeliest(self.probabilities(vector))

    def likeliest(self, p: NDArray[np.float32]) -> Voted:
        """The likeliest answer of a message's probabilities (`probabilities`), with its
        probability."""
        best = int(p.argmax())
        return Voted(self.answers[best], float(p[best]))

    def probabilities(self, vector: Vector) -> NDArray[np.float32]:
        """The probability of each answer (`answers`, its place by `index`) for a message's
        vector."""
        cols, q = vector
        # (`_softmax` of one row, made in place: the same figures with fewer arrays)
        p: NDArray[np.float32] = q.astype(np.float32) @ self.weights[cols]
        p += self.bias
        p -= p.max()
        np.exp(p, out=p)
        p /= p.sum()
        return p


def _softmax(scores: NDArray[np.float32]) -> NDArray[np.float32]:
    """Each row of `scores` made probabilities."""
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    out: NDArray[np.float32] = e / e.sum(axis=1, keepdims=True)
    return out


def _trained(examples: Examples, index: dict[str, int],
             epochs: int) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The weights (a row a feature) and the bias of the model of `examples` (Model), trained
    by `epochs` passes of minibatch gradient descent, the softmax's cross-entropy its loss.

    A step at a time (the steps are sequential) but each as a few whole-array operations: a
    pass's examples are laid out once in their random order (their features and values one
    run an example), and a step reads its batch's run; the batch's features are found by
    marking them in a flag per feature, not sorted; its examples' vectors are made a small
    dense matrix over those features only (BATCH rows), so that the scores and the gradient
    are two stacks of vector-matrix products (numpy's gemv: a matrix-matrix product would be
    handed to BLAS's threads, slower on a shared machine than one thread).
    """
    n, width = len(examples.answers), len(index)
    truth = np.array([index[a] for a in examples.answers], dtype=np.int64)
    # each example's step's weight (DONT_KNOW_STEP for an example of "no information")
    step_weight = np.where(truth == index.get("dont_know", -1), DONT_KNOW_STEP, 1.0).astype(
        np.float32)
    # the examples' vectors again, by example (Examples keeps them by feature)
    columns = np.repeat(np.arange(len(examples.starts) - 1), np.diff(examples.starts))
    by_row = np.argsort(examples.rows, kind="stable")
    cols = columns[by_row]
    vals = examples.weights[by_row].astype(np.float32)
    bounds = np.searchsorted(examples.rows[by_row], np.arange(n + 1))
    sizes = np.diff(bounds)
    weights = np.zeros((len(examples.column), width), dtype=np.float32)
    bias = np.zeros(width, dtype=np.float32)
    order = np.random.default_rng(0)
    kept = np.flatnonzero(sizes)  # (an example of no feature teaches no weight)
    if not len(kept):
        return weights, bias
    flag = np.zeros(len(examples.column), dtype=bool)  # the features of a batch, marked
    slot = np.zeros(len(examples.column), dtype=np.int64)  # a marked feature's place
    for epoch in range(epochs):
        rate = RATE / float(np.sqrt(1 + epoch))
        shuffled = order.permutation(kept)
        # the pass's examples' features and values, one run an example in the pass's order
        counts = sizes[shuffled]
        ends = np.cumsum(counts)
        at = np.arange(int(ends[-1])) + np.repeat(bounds[shuffled] - (ends - counts), counts)
        pass_cols, pass_vals = cols[at], vals[at]
        pass_rows = np.repeat(np.arange(len(shuffled)) % BATCH, counts)  # (row in its batch)
        pass_truth = truth[shuffled]
        pass_weight = step_weight[shuffled]
        edges = np.concatenate(([0], ends[BATCH - 1::BATCH], ends[-1:]))
        for step, start in enumerate(range(0, len(shuffled), BATCH)):
            size = min(BATCH, len(shuffled) - start)
            run = slice(int(edges[step]), int(edges[step + 1]))
            batch_cols = pass_cols[run]
            flag[batch_cols] = True
            features = np.flatnonzero(flag)
            flag[features] = False
            slot[features] = np.arange(len(features))
            x = np.zeros((size, len(features)), dtype=np.float32)
            x[pass_rows[run], slot[batch_cols]] = pass_vals[run]
            w = weights[features]
            error = _softmax((x[:, None, :] @ w)[:, 0] + bias)
            error[np.arange(size), pass_truth[start:start + size]] -= 1
            error *= pass_weight[start:start + size, None]
            # each feature's step, the batch's examples that have it summed
            weights[features] = w - rate * (error.T[:, None, :] @ x)[:, 0].T
            bias -= rate * error.mean(axis=0)
    return weights, bias
