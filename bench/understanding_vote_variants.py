"""Looser votes of the examples than the one built, measured as BENCHMARKS.md §8.66 measured them.

The vote (handlers/understanding/examples.py, Understander.vote) answered a message the
rules gave up on when all K=5 nearest examples name one answer (since §8.74, else the examples'
model). This bench measures the looser votes §8.66 tried, none of them built, against the same
gate (no word of a subject elsewhere, no answer never given):

    all 5        the vote built until §8.74 (the nearest alone)
    4 of 5       four or five of the five nearest name one answer
    3 nearest    the three nearest name one answer
    w80          one answer holds 80 % of the five nearest's summed likeness
    w80+c        w80, and the answer's centroid (its examples summed) is the most alike
    all5|w80+c   either of the two
    all5+c       all five, and the centroid agrees
    override     all five, and where the rules gave a confident answer too when the nearest
                 is at least 0.6 alike
    built        the vote as built since §8.74: all five, else the examples' model
    built|w80+c  the built vote, w80+c where all five do not agree

Two measures. Fresh rounds (`--round NAME=DIR` as bench.understanding_vote takes them): a
round's tuned lines against the rules of a checkout from before it and examples of every batch
but the round and the rounds after it: gain (rules wrong, vote right), harm (rules right, vote
wrong). Fivefold: every tuned line against today's rules and the examples of the four other
folds (a batch's lines dealt in turn): gains and harms, and apart the near misses (lines whose
answer is "no information", which today's rules leave so) each vote answers.

    .venv/bin/python -m bench.understanding_vote_variants --round "round 20=/tmp/at-47bb4e7" ...

heldout.txt is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable

import numpy as np

from bench.understanding import TODAY
from bench.understanding_examples import folds, rules_at
from bench.understanding_vote import examples_of, fresh_rounds, tuned_corpus
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key
from handlers.understanding.examples import NEVER_GIVEN, Examples, K

Nearest = list[tuple[str, float]]
OVERRIDE_FLOOR = 0.6


def _centroid(examples: Examples) -> Callable[[str], str | None]:
    """The answer whose examples, summed, are most like a message (cosine with their sum)."""
    names = sorted(set(examples.answers))
    of = {a: i for i, a in enumerate(names)}
    answer_of_row = np.array([of[a] for a in examples.answers], dtype=np.int64)
    col = np.repeat(np.arange(len(examples.starts) - 1), np.diff(examples.starts))
    key = answer_of_row[examples.rows] * len(examples.column) + col
    _, where = np.unique(key, return_inverse=True)
    summed = np.bincount(where, weights=examples.weights)
    first = np.zeros(len(summed), dtype=np.int64)
    first[where] = answer_of_row[examples.rows]
    norm = np.sqrt(np.bincount(first, weights=summed * summed, minlength=len(names)))

    def centroid(normalised: str) -> str | None:
        vector = examples.query(normalised)
        if vector is None:
            return None
        scores = examples._likeness(vector)
        by_answer = np.bincount(answer_of_row, weights=scores, minlength=len(names))
        return names[int(np.argmax(by_answer / np.maximum(norm, 1e-12)))]

    return centroid


def _agreed(nearest: Nearest, n: int, of: int) -> str | None:
    if len(nearest) < of:
        return None
    top, count = Counter(a for a, _ in nearest[:of]).most_common(1)[0]
    return top if count >= n else None


def _weighted(nearest: Nearest, share: float = 0.8) -> str | None:
    if len(nearest) < K:
        return None
    total = sum(x for _, x in nearest)
    weight: Counter[str] = Counter()
    for a, x in nearest:
        weight[a] += x
    top, w = weight.most_common(1)[0]
    return top if total > 0 and w >= share * total else None


VARIANTS: dict[str, Callable[[Nearest, Callable[[], str | None]], str | None]] = {
    "all 5": lambda n, c: _agreed(n, K, K),
    "4 of 5": lambda n, c: _agreed(n, K - 1, K),
    "3 nearest": lambda n, c: _agreed(n, 3, 3),
    "w80": lambda n, c: _weighted(n),
    "w80+c": lambda n, c: (lambda w: w if w is not None and c() == w else None)(_weighted(n)),
    "all5|w80+c": lambda n, c: _agreed(n, K, K) or (
        lambda w: w if w is not None and c() == w else None)(_weighted(n)),
    "all5+c": lambda n, c: (lambda a: a if a is not None and c() == a else None)(
        _agreed(n, K, K)),
}


# The variants, the override, and the vote as built since §8.74 (all five, else the examples'
# model when sure and the nearest agrees), alone and with w80+c before the model.
NAMES = [*VARIANTS, "override", "built", "built|w80+c"]


class _Voter:
    """Every variant's answer for a message the rules read as `rules`."""

    def __init__(self, u: Understander, examples: Examples) -> None:
        self.u, self.examples, self.centroid = u, examples, _centroid(examples)

    def __call__(self, surface: str, gave_up: bool, confident: bool) -> dict[str, str | None]:
        """`gave_up`: the rules said no information or asked back (the examples asked);
        `confident`: they gave an answer of their own (only the override may change it)."""
        out: dict[str, str | None] = dict.fromkeys(NAMES)
        if any(w in self.u.index.elsewhere_folds for w in surface.split()):
            return out
        nearest = self.examples.nearest(surface, K)
        memo: list[str | None] = []

        def centroid() -> str | None:
            if not memo:
                memo.append(self.centroid(surface))
            return memo[0]

        for name, rule in VARIANTS.items():
            answer = rule(nearest, centroid) if gave_up else None
            out[name] = None if answer in NEVER_GIVEN else answer
        if gave_up:  # the vote as built: all five, else the examples' model (§8.74)
            built = self.examples.vote(surface)
            out["built"] = None if built is None or built.answer in NEVER_GIVEN else built.answer
            out["built|w80+c"] = out["built"] or out["w80+c"]
        strict = _agreed(nearest, K, K)
        if strict is not None and strict not in NEVER_GIVEN and (
                gave_up or (confident and nearest[0][1] >= OVERRIDE_FLOOR)):
            out["override"] = strict
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("-v", "--verbose", action="store_true", help="list near misses answered")
    args = parser.parse_args(argv)
    u, cases, surface, header, batch = tuned_corpus()
    order = [n for n, _ in (r.split("=", 1) for r in args.round)]
    names = NAMES
    rows: dict[str, list[str]] = {n: [] for n in names}

    def tally(counts: Counter[tuple[str, str]], i: int, rules: str,
              votes: dict[str, str | None]) -> None:
        expected = cases[i].expected
        for name, answer in votes.items():
            if answer is None or answer == rules:
                continue
            counts[(name, "gain")] += answer in expected and rules not in expected
            counts[(name, "harm")] += rules in expected and answer not in expected

    for name, _checkout, examples, rules in fresh_rounds(cases, surface, header, batch,
                                                         args.round, rules_at):
        tested = list(rules)
        voter = _Voter(u, examples)
        counts: Counter[tuple[str, str]] = Counter()
        for i in tested:
            tally(counts, i, rules[i], voter(surface[i], rules[i] in ("dont_know", "clarify"),
                                                rules[i] not in ("dont_know", "clarify")))
        print(f"{name}: {len(tested)} lines, rules right on "
              f"{sum(rules[i] in cases[i].expected for i in tested)}", flush=True)
        for n in names:
            rows[n].append(f"+{counts[(n, 'gain')]}/−{counts[(n, 'harm')]}")
    fold = folds(cases, batch)
    counts = Counter()
    near: Counter[str] = Counter()
    for f in range(5):
        voter = _Voter(u, examples_of(cases, surface, lambda i: fold[i] != f))  # noqa: B023
        for i, c in enumerate(cases):
            if fold[i] != f:
                continue
            read = u._read(c.text, TODAY)
            got = answer_key(read, TODAY)
            votes = voter(surface[i], read.examples_asked,
                          read.feature not in ("unknown", "clarify"))
            tally(counts, i, got, votes)
            if c.expected[0] == "dont_know" and got == "dont_know":
                for n, answer in votes.items():
                    if answer is not None:
                        near[n] += 1
                        if args.verbose:
                            print(f"  near miss answered by {n}: {c.text!r} -> {answer}")
    print(f"\n| vote | {' / '.join(order)} | fivefold, all tuned lines | near misses answered |")
    print("|---|---|---|---|")
    for n in names:
        print(f"| {n} | {', '.join(rows[n])} | +{counts[(n, 'gain')]}/−{counts[(n, 'harm')]} "
              f"| {near[n]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
