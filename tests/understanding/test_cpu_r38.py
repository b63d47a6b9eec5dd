"""Round 38 (h38cpu): the nearest examples found by a bound (Examples._bounded: only the
examples whose upper bound reaches the k-th likeness scored exactly) are those every example's
likeness finds, the same answers and the same figures to the bit; where examples of two
answers tie at the k-th, every example is scored (argpartition's own choice is kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.understanding import Understander
from handlers.understanding.evaluate import load_corpus
from handlers.understanding.examples import Examples, Vector

_TUNED = Path(__file__).resolve().parent / "corpus.txt"


@pytest.fixture(scope="module")
def vectors(understander: Understander) -> list[tuple[str, Vector]]:
    """Every 8th tuned line as the examples read it, and its vector (the compared ones)."""
    out: list[tuple[str, Vector]] = []
    for case in load_corpus(_TUNED)[::8]:
        surface = understander._surface(case.text)
        vector = understander.examples.query(surface)
        if vector is not None:
            out.append((surface, vector))
    return out


@pytest.mark.parametrize("k", [1, 5, 50])
def test_the_bounded_nearest_are_those_of_every_example(
        understander: Understander, vectors: list[tuple[str, Vector]], k: int) -> None:
    examples = understander.examples
    bounded = 0
    for surface, vector in vectors:
        found = examples._bounded(vector, k)
        if found is None:
            continue
        bounded += 1
        assert found == examples._nearest_of_all(vector, k), surface
        assert found == examples.nearest(surface, k), surface
    # (the bound decides nearly always where the vote asks (k = 5): every example is scored
    # only at a tie between answers or past MAX_SCORED; at k = 50, more often: 457 of 1,423
    # lines with round 38's 9,385 examples, §8.157)
    assert bounded >= (0.25 if k == 50 else 0.9) * len(vectors), (bounded, len(vectors))


def _examples(pairs: list[tuple[str, str]]) -> Examples:
    return Examples(pairs)


def test_a_tie_between_two_answers_scores_every_example() -> None:
    """The same words written under two answers (typed with marks and without): which of the
    two argpartition keeps among the nearest is its own order's, so the bound gives way."""
    pairs = [("lich thi dau cua doi bong", "schedule"), ("lich thi dau cua doi bong", "contest"),
             *((f"cau hoi so {i} ve chu de khac han", "faq:x") for i in range(12))]
    examples = _examples(pairs)
    vector = examples.query("lich thi dau cua doi bong")
    assert vector is not None
    assert examples._bounded(vector, 1) is None
    assert examples.nearest("lich thi dau cua doi bong", 1) == examples._nearest_of_all(vector, 1)


def test_a_tie_within_one_answer_is_bounded_alike() -> None:
    pairs = [("lich thi dau cua doi bong", "schedule"), ("lich thi dau cua doi bong", "schedule"),
             *((f"cau hoi so {i} ve chu de khac han", "faq:x") for i in range(12))]
    examples = _examples(pairs)
    vector = examples.query("lich thi dau cua doi bong hom nay")
    assert vector is not None
    found = examples._bounded(vector, 1)
    assert found is not None and found == examples._nearest_of_all(vector, 1)
    assert found[0][0] == "schedule"


def test_fewer_alike_than_asked_scores_every_example() -> None:
    pairs = [("lich thi dau bong da", "schedule"), ("xxx yyy www", "faq:x"),
             ("vvv qqq zzz", "faq:y")]
    examples = _examples(pairs)
    vector = examples.query("lich thi dau bong")
    assert vector is not None
    assert examples._bounded(vector, 2) is None  # (one example alike at all)
    assert examples.nearest("lich thi dau bong", 2) == examples._nearest_of_all(vector, 2)
    assert [answer for answer, _likeness in examples.nearest("lich thi dau bong", 2)] == [
        "schedule"]
