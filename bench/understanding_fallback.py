"""Would a similarity fallback help? Character 3-gram TF-IDF over every unit's phrases.

    .venv/bin/python -m bench.understanding_fallback

For each phrasing of tests/understanding/corpus.txt that the understanding answers "no
information", the unit whose phrases (intents of lexicon.toml, keywords and question of each FAQ
entry) are nearest by cosine of character 3-grams of the content words; printed: how often such a
fallback would fire at each threshold, how often it would be right, and how often it would answer
a question that must get "no information" (off-topic). Run on the tuned corpus only.
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable

from bench.common import ROOT
from bench.understanding import TODAY
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key, load_corpus
from handlers.understanding.index import intent_route
from handlers.understanding.normalise import tokenize

Vector = dict[str, float]


def _grams(words: Iterable[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for w in words:
        padded = f" {w} "
        out.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return out


def main() -> int:
    edition = load_edition(default_edition_path("2020"))
    u = Understander(edition)

    def content(text: str) -> list[str]:
        tokens = u.lexicon.expand(u.repairer.repair(tokenize(text)), u.repairer.fit)
        return [t.fold for t in tokens if t.kind == "word" and not u.index.is_filler(t)]

    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for intent in edition.lexicon.intents:
        texts[intent_route(intent.id)] += intent.phrases
    for entry in edition.faq:
        texts[("faq", entry.id)] += [*entry.keywords, entry.question.vi]
    docs = {unit: _grams(w for t in ts for w in content(t)) for unit, ts in texts.items()
            if unit[0] not in ("smalltalk", "unknown")}
    df = Counter(g for d in docs.values() for g in d)

    def vector(counts: Counter[str]) -> Vector:
        v = {g: (1 + math.log(n)) * math.log(1 + len(docs) / df[g])
             for g, n in counts.items() if g in df}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {g: x / norm for g, x in v.items()}

    vectors = {unit: vector(d) for unit, d in docs.items()}
    rows = []
    for case in load_corpus(ROOT / "tests" / "understanding" / "corpus.txt"):
        if answer_key(u.understand(case.text, TODAY), TODAY) != "dont_know":
            continue
        q = vector(_grams(content(case.text)))
        (s1, unit), (s2, _) = sorted(
            ((sum(q.get(g, 0.0) * x for g, x in v.items()), unit)
             for unit, v in vectors.items()), reverse=True)[:2]
        key = f"{unit[0]}:{unit[1]}" if unit[1] else unit[0]
        rows.append((s1, s1 - s2, key in case.expected, "dont_know" in case.expected))
    print(f"answered 'no information': {len(rows)} phrasings of corpus.txt")
    print(f"{'cosine >=':>10}{'margin >=':>10}{'fires':>7}{'right':>7}{'off-topic':>11}")
    for threshold in (0.3, 0.4, 0.5, 0.6):
        for margin in (0.0, 0.1):
            fired = [r for r in rows if r[0] >= threshold and r[1] >= margin]
            print(f"{threshold:>10}{margin:>10}{len(fired):>7}{sum(r[2] for r in fired):>7}"
                  f"{sum(r[3] for r in fired):>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
