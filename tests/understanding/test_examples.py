"""The examples of each answer (examples.toml) answer what the phrases leave, when they agree.

An edition with a few examples of its own: the contacts asked as "trạm Xanh Lam" (a name a
city might give its help desk, words no phrase of the contacts holds), and the same words of
other desks, which are not the Week's. The rules alone (`_read`) give up on each message here; what
the whole understanding then answers is what a citizen would see.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from content import ContentError, Edition, Example, default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import load_corpus
from handlers.understanding.examples import Examples, Model
from tests.understanding.conftest import THU

SWITCHBOARD = Example("contacts", (
    "alo trạm xanh lam ơi", "xin trạm xanh lam với", "trạm xanh lam là số mấy",
    "cho mình trạm xanh lam", "trạm xanh lam ở đâu ạ"))
OTHER_OFFICES = Example("dont_know", (
    "xanh lam bệnh viện số mấy", "xanh lam công an phường", "lịch xanh lam của trường",
    "xanh lam cứu hỏa", "xanh lam điện lực"))


@pytest.fixture(scope="module")
def understander(edition: Edition) -> Understander:
    return Understander(replace(edition, examples=(SWITCHBOARD, OTHER_OFFICES)))


def _read_and_answered(u: Understander, text: str) -> tuple[str, str]:
    said = u.understand(text, THU)
    return u._read(text, THU).feature, f"{said.feature}:{said.arg}".rstrip(":")


@pytest.mark.parametrize("text", ["số trạm xanh lam", "muốn gọi trạm xanh lam"])
def test_what_the_phrases_leave_is_answered_like_the_examples(
        understander: Understander, text: str) -> None:
    assert _read_and_answered(understander, text) == ("unknown", "contacts")


def test_examples_that_differ_leave_no_information(understander: Understander) -> None:
    assert _read_and_answered(understander, "xanh lam bệnh viện việt tiệp") == (
        "unknown", "unknown")


def test_a_subject_not_the_weeks_stays_no_information(understander: Understander) -> None:
    # "thi vào 10" is a subject the lexicon names as not the Week's
    assert _read_and_answered(understander, "xin trạm xanh lam thi vào 10") == (
        "unknown", "unknown")


def test_a_message_of_a_word_or_two_is_not_compared(understander: Understander) -> None:
    # a name, or a letter typed for the quiz, is like too many examples by a word
    assert _read_and_answered(understander, "xanh lam") == ("unknown", "unknown")


def test_an_edition_without_examples_reads_by_the_phrases(edition: Edition) -> None:
    u = Understander(replace(edition, examples=()))
    assert _read_and_answered(u, "số trạm xanh lam") == ("unknown", "unknown")


def test_no_held_out_phrasing_is_an_example(edition: Edition) -> None:
    """The held-out figure means something only if none of its phrasings is an example."""
    held = {" ".join(c.text.casefold().split())
            for c in load_corpus(Path(__file__).parent / "heldout.txt")}
    examples = {" ".join(t.casefold().split()) for e in edition.examples for t in e.texts}
    assert len(examples) > 1000
    assert len(held & examples) == 0  # (a count: no held-out phrasing is printed)


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("[examples]\n", '[examples]\n"subscribe" = ["cho tôi nhận tin hằng ngày"]\n',
     "examples.toml: [examples]: subscribe: không phải câu trả lời được dùng cho câu mẫu"),
    ("[examples]\n", '[examples]\n"faq:khong-co" = ["câu hỏi gì đó"]\n',
     "examples.toml: [examples]: faq:khong-co: không có faq nào mã khong-co"),
    ("[examples]\n", '[examples]\n"vote:x" = ["câu hỏi gì đó"]\n',
     "examples.toml: [examples]: vote:x: không có loại câu trả lời vote"),
    # one message under two answers: the second place is named, with the first
    ('"contacts" = [\n', '"contacts" = [\n    "Mat  bn tien",\n',
     "đã có ở contacts"),
    ('"contacts" = [\n', '"contacts" = [\n    " ",\n',
     "examples.toml: [examples]: contacts[0]: đang để trống"),
])
def test_the_check_names_the_answer_and_the_example(tmp_path: Path, old: str, new: str,
                                                    problem: str) -> None:
    path = tmp_path / "2020"
    shutil.copytree(default_edition_path("2020"), path)
    examples = path / "examples.toml"
    text = examples.read_text(encoding="utf-8")
    assert old in text
    examples.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_edition(path)
    shown = [str(p) for p in err.value.problems]
    assert any(problem in p and p.startswith("examples.toml: [examples]: ") for p in shown), shown


# Where the five nearest examples of the edition's own do not agree, the model of them all
# answers when it is sure enough and the nearest example agrees (examples.Model).
MODEL_ANSWERED = [
    # a gamer's "top" beside "server" (was "ai dang top server z =))": since round 27e's
    # "ai dang top 1 bxh quiz z" its five nearest agree, the same answer by their vote; then
    # "ai top server v =))", whose smiley round 33c reads out: its five nearest agree too)
    ("top server la ai", "leaderboard"),
    ("trong lúc thi có được tra cứu trên mạng không", "contest"),
    ("bị người yêu cũ tung ảnh riêng tư lên mạng thì làm gì", "faq:internet-an-toan"),
]


@pytest.mark.parametrize(("text", "expected"), MODEL_ANSWERED)
def test_where_the_nearest_differ_the_model_answers(edition: Edition, text: str,
                                                    expected: str) -> None:
    u = Understander(edition)
    surface = u._surface(text)
    nearest = {answer for answer, _ in u.examples.nearest(surface, 5)}
    assert len(nearest) > 1  # no vote of the five
    assert u._read(text, THU).feature in ("unknown", "clarify")
    said = u.understand(text, THU)
    assert said.voted and f"{said.feature}:{said.arg}".rstrip(":") == expected


def test_the_same_examples_make_the_same_model(edition: Edition) -> None:
    one, two = Understander(edition), Understander(edition)
    assert one.examples.model.answers == two.examples.model.answers
    assert (one.examples.model.weights == two.examples.model.weights).all()


def test_the_model_answers_only_with_the_nearest_example_and_sure(edition: Edition) -> None:
    from handlers.understanding.examples import MODEL_FLOOR

    u = Understander(edition)
    by_model = 0
    for case in load_corpus(Path(__file__).parent / "corpus.txt")[::7]:
        surface = u._surface(case.text)
        voted = u.examples.vote(surface)
        nearest = u.examples.nearest(surface, 5)
        if voted is None or len({answer for answer, _ in nearest}) == 1:
            continue
        by_model += 1
        # (the nearest, or one exactly as alike: the same words under two answers)
        most_alike = {answer for answer, likeness in nearest if likeness >= nearest[0][1] - 1e-9}
        assert voted.answer in most_alike and voted.likeness >= MODEL_FLOOR, case.text
    assert by_model  # the model did answer some


def test_the_likeness_is_the_cosine_of_the_two_vectors(edition: Edition) -> None:
    """Examples._likeness (the columns' runs of entries summed) is the cosine of the message's
    vector and each example's, as dense vectors read it (200 examples of the edition)."""
    import numpy as np

    from handlers.understanding.examples import Examples

    u = Understander(edition)
    texts = [(u._surface(t), e.answer) for e in edition.examples for t in e.texts][::31][:200]
    examples = Examples(texts)
    dense = np.zeros((len(texts), len(examples.column)))
    for col in range(len(examples.column)):
        a, b = examples.starts[col], examples.starts[col + 1]
        dense[examples.rows[a:b], col] = examples.weights[a:b]
    for text in ("cho minh hoi lich khai mac o dau vay ad", "xem lai bai thi cua minh o dau",
                 texts[7][0]):
        vector = examples.query(text)
        assert vector is not None
        q = np.zeros(len(examples.column))
        q[vector[0]] = vector[1]
        assert np.allclose(examples._likeness(vector), dense @ q, atol=1e-12)


def test_the_probability_of_one_answer_is_the_models(understander: Understander) -> None:
    """Examples.probability (asked of the safe Internet by a story that tells a scam): the
    model's probability of that answer, 0 for an answer no example names, None for a message
    not compared."""
    examples = understander.examples
    surface = understander._surface("con toi bi lua tren mang mat tien thi phai lam sao")
    guessed = examples.model.answer(surface)
    assert guessed is not None
    assert examples.probability(surface, guessed.answer) == pytest.approx(guessed.likeness)
    assert examples.probability(surface, "no:such-answer") == 0.0
    assert examples.probability("ok", guessed.answer) is None


def test_examples_exactly_as_alike_name_their_answers_alike() -> None:
    """Two examples of the same words under two answers are as like a message as each other:
    the model's answer agrees with "the nearest" when either names it, whichever of them the
    partition puts first (round 30: "số điện thoại ban tổ chức là gì vậy …", contacts and
    faq:lien-he as alike, was left to the rules)."""
    from handlers.understanding.examples import _most_alike

    assert _most_alike([("faq:lien-he", 0.4711551826708825), ("contacts", 0.4711551826708825),
                        ("contest", 0.47)]) == {"faq:lien-he", "contacts"}
    assert _most_alike([("library", 0.74), ("dont_know", 0.5)]) == {"library"}
    assert _most_alike([]) == set()


def test_a_message_never_trains_the_model_a_worker_thread_is_to_train(edition: Edition) -> None:
    """The bot trains the model in a worker thread at its start (Router.prepare_later, then
    prepare): a message before it is done is answered without the model, never trains it on
    the event loop; once prepared, it is used (and a message trains it at first use again)."""
    from handlers.router import Router

    router = Router(edition, {})
    router.prepare_later()
    examples = router.understander.examples
    assert examples._ready_model() is None and examples._model is None
    text = "chỗ nào cho mượn truyện tranh thiếu nhi vậy bạn"
    assert router.understander.understand(text, THU).feature  # (read without the model)
    assert examples._model is None
    router.prepare()
    assert examples._ready_model() is examples._model is not None
    assert examples.trained_at_first_use


def _reference_training(examples: Examples) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The model's training as it was written first (BENCHMARKS.md §8.74, until §8.96; the
    step's size and the weight of a "no information" example's step as they are now, §8.141): a
    step's batch gathered example by example, its features found by np.unique, the step summed
    feature by feature."""
    from handlers.understanding.examples import BATCH, DONT_KNOW_STEP, EPOCHS, RATE, _softmax

    answers = tuple(sorted(set(examples.answers)))
    index = {answer: i for i, answer in enumerate(answers)}
    n, width = len(examples.answers), len(answers)
    truth = np.array([index[a] for a in examples.answers], dtype=np.int64)
    columns = np.repeat(np.arange(len(examples.starts) - 1), np.diff(examples.starts))
    by_row = np.argsort(examples.rows, kind="stable")
    cols = columns[by_row]
    vals = examples.weights[by_row].astype(np.float32)
    bounds = np.searchsorted(examples.rows[by_row], np.arange(n + 1))
    sizes = np.diff(bounds)
    weights = np.zeros((len(examples.column), width), dtype=np.float32)
    bias = np.zeros(width, dtype=np.float32)
    order = np.random.default_rng(0)
    kept = np.flatnonzero(sizes)
    for epoch in range(EPOCHS):
        rate = RATE / float(np.sqrt(1 + epoch))
        shuffled = order.permutation(kept)
        for start in range(0, len(shuffled), BATCH):
            batch = shuffled[start:start + BATCH]
            at = np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in batch])
            counts = sizes[batch]
            owner = np.repeat(np.arange(len(batch)), counts)
            firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
            scores = np.add.reduceat(vals[at, None] * weights[cols[at]], firsts)
            error = _softmax(scores + bias)
            error[np.arange(len(batch)), truth[batch]] -= 1
            error[truth[batch] == index["dont_know"]] *= DONT_KNOW_STEP
            features, which = np.unique(cols[at], return_inverse=True)
            by_feature = np.argsort(which, kind="stable")
            steps = np.add.reduceat((vals[at, None] * error[owner])[by_feature],
                                    np.searchsorted(which[by_feature],
                                                    np.arange(len(features))))
            weights[features] -= rate * steps
            bias -= rate * error.mean(axis=0)
    return weights, bias


# (64: two whole batches a pass; 75: a short last batch; an example without a feature)
@pytest.mark.parametrize("count", [64, 75])
def test_the_model_is_trained_as_the_step_by_step_reference(count: int) -> None:
    words = ("sach", "thi", "giai", "lich", "dia", "chi", "nop", "bai", "hoi", "may",
             "gio", "o", "dau", "ai", "nhat", "tuan", "le", "doc", "mang", "tre")
    rng = np.random.default_rng(7)
    texts = [" ".join(rng.choice(words, size=int(rng.integers(2, 7)))) for _ in range(count)]
    labels = ("contacts", "contest", "dont_know", "leaderboard")
    pairs = [(text, labels[int(rng.integers(len(labels)))]) for text in texts] + [("", "contest")]
    examples = Examples(pairs)
    model = Model(examples)
    weights, bias = _reference_training(examples)
    assert np.allclose(model.weights, weights, atol=1e-6)
    assert np.allclose(model.bias, bias, atol=1e-6)
    assert np.abs(model.weights).max() > 0.1  # (it did learn)
