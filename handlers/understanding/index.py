"""Every answerable unit of the edition, indexed by the phrases that ask for it.

A unit is one answer: a feature (from the lexicon's intents), an FAQ entry (its keywords and its
question), an event, a resource category, and the features whose items are named by their
titles (activities, reading programmes, contacts, organizing bodies, resources, the contest).
Phrases are looked up by their folded words (no diacritics), so one dictionary lookup finds
every phrase a run of the message could be; the marks a citizen typed are compared afterwards.
"""

from __future__ import annotations

import collections
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from content import Edition
from content.model import Text
from handlers.understanding.normalise import (
    Token,
    fold,
    kept_attributes,
    make_token,
    restore_attributes,
    syllable,
    tokenize,
)

MAX_PHRASE: Final = 6  # words of the runs of a title that are matched on their own
MAX_WHOLE: Final = 16  # words of a phrase or title matched whole (a title typed as written)
# Where a phrase comes from, in the order that wins a tie: the lexicon's intents, an FAQ keyword,
# the title of one item (an event, a resource category), the title of an item shown in a list
# (an activity, a reading programme, a contact), an FAQ question; and how much each says.
# Keywords written for an item (an event, a category) count as much as an intent.
QUESTION, LIST, ITEM, KEYWORD, INTENT = range(5)
FACTOR: Final = {INTENT: 1.0, KEYWORD: 0.95, ITEM: 0.85, LIST: 0.5, QUESTION: 0.45}
LENGTH_BONUS: Final = 0.25  # per word beyond the first: a run of words names its unit more surely
WHOLE_TITLE: Final = 1.5  # a title typed whole, rather than a run of a longer one
SMALL_TALK: Final = 0.5  # greetings and thanks give way to anything else the message asks
# An event of one quận/huyện gives way to the city's event of the same name ("lễ khai mạc"),
# unless the message names the district too (its name is in the event's title).
DISTRICT_EVENT: Final = 0.7
FILLER_WEIGHT: Final = 0.4  # a filler word in a title ("của", "và") says little
CHOSEN_FILLER_WEIGHT: Final = 1.0  # in a phrase someone wrote for this answer ("không muốn nhận")
MAX_IDF: Final = 4.0
# A phrase written for an answer, with a filler or two typed inside it ("xóa hết dữ liệu",
# "đăng ký cho tôi nhận tin"): found, a little less surely than typed whole.
GAP: Final = 0.8
MAX_GAP: Final = 2
# Fillers that change what a phrase says, never skipped inside one ("hủy không đăng ký").
_UNSKIPPABLE: Final = frozenset({"khong", "chua", "va", "hay", "hoac", "la", "co"})
# Typed without marks, the classifier "cái" that older people put before nearly every noun
# ("tắt cái tin nhắn đi", "thi cái cuộc thi"): its letters are also "cài" (cài ứng dụng), so it
# is no filler alone, but inside a phrase it is skipped as one (round 26 c).
_SKIPPED_UNMARKED: Final = frozenset({"cai"})
SMALL_TALK_INTENTS: Final = ("greeting", "thanks", "goodbye", "ok", "sorry")
# Who writes, as they call themselves: a phrase written with one of them holds them all.
# The writer as a phrase names them; an older person calls themself by the kin word the
# child would use ("nhắn cho bác", "báo cho bà biết") (round 20a). Not "con": in "quản lý
# con" it is the writer's child, no "quản lý tôi".
ELDER_SELF: Final = ("bác", "ông", "bà", "cô", "chú")
SELF: Final = ("tôi", "mình", "em", "cháu", "tui", "tớ", *ELDER_SELF)
ELSEWHERE: Final = "elsewhere"  # subjects that are not the Week's: answered "no information"


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of one unit."""

    unit: int
    texts: tuple[str, ...]  # the phrase's words, with their marks
    weight: float
    source: int
    alone: bool  # counts only when the message says nothing else
    inner: bool = False  # two words from inside a longer title ("… đơn vị | tổ chức")
    marked: tuple[int, ...] = ()  # words that fit only typed as written (see SELF)

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        return Entry, (self.unit, self.texts, self.weight, self.source, self.alone, self.inner,
                       self.marked)


class Match(NamedTuple):
    """A phrase found in the message: tokens [start, end) say `unit` with `weight`.

    (A named tuple: a message makes several, and a frozen dataclass costs four times as much
    to build.)"""

    unit: int
    start: int
    end: int
    weight: float
    source: int
    alone: bool
    inner: bool = False


def intent_route(intent_id: str) -> tuple[str, str]:
    """The route an intent of the lexicon leads to."""
    if intent_id in SMALL_TALK_INTENTS:
        return "smalltalk", intent_id
    if intent_id == ELSEWHERE:
        return "unknown", ""
    return intent_id.replace("-", "_"), ""


class Index:
    """The phrases of every unit, their weights, and the words the bot knows."""

    def __init__(self, edition: Edition | None, extra_words: Iterable[str] = (),
                 extra_pairs: Iterable[str] = (), new_words: Iterable[str] = ()) -> None:
        """`extra_words`: words known besides the phrases'; `new_words`: known only when their
        letters spell no word known otherwise (the names of other places: "Quảng Ninh" is not
        repaired, "đô" of "thủ đô" stays the word it is elsewhere)."""
        if edition is None:  # unpickled: __setstate__ sets its attributes
            return
        self.units: list[tuple[str, str]] = []
        # `fillers` of the last tokens asked
        self._fillers_last: tuple[list[Token], list[bool]] = ([], [])
        self._unit_of: dict[tuple[str, str], int] = {}
        self.filler_texts = frozenset(edition.lexicon.filler) | {
            " ".join(i_y_twin(w).text for w in tokenize(f)) for f in edition.lexicon.filler}
        # Fillers of two words or more ("sắp xếp", "làm việc"), folded: their words ask for
        # nothing together, though one of them alone may ("sắp": sắp diễn ra).
        self.filler_runs = frozenset(
            tuple(w.fold for w in tokenize(f)) for f in self.filler_texts if " " in f)
        self.filler_run_starts = frozenset(run[0] for run in self.filler_runs if run)
        # (unit, words, source, alone, partial, chosen: written for this answer)
        raw: list[tuple[int, tuple[Token, ...], int, bool, bool, bool]] = []
        # the positions of the writer put in place of the one the phrase was written with
        swapped: dict[int, frozenset[int]] = {}
        # the phrases that fit only typed with every mark (an intent's `marked`)
        exact: set[int] = set()
        # phrases said with a kin word for the writer: no pairs of words for the repairs ("chú
        # có" would read "chu ko" as "chú có", not "chứ không")
        kin_said: set[int] = set()

        def add(route: tuple[str, str], text: str, source: int, alone: bool = False,
                partial: bool = False, chosen: bool = False, marked: bool = False) -> None:
            unit = self._unit_of.setdefault(route, len(self.units))
            if unit == len(self.units):
                self.units.append(route)
            words = tuple(t for t in tokenize(text) if t.kind in ("word", "number", "symbol"))
            if not words:
                return
            if marked:
                exact.add(len(raw))
            raw.append((unit, words, source, alone, partial, chosen))
            twin = tuple(i_y_twin(w) for w in words)
            if twin != words:  # "kỹ năng số" is also written "kĩ năng số"
                if marked:
                    exact.add(len(raw))
                raw.append((unit, twin, source, alone, partial, chosen))
            if chosen and any(w.text in SELF for w in words):
                # "nhắc tôi", "điểm của mình": whoever writes, the phrase is theirs ("nhắc
                # cháu", "điểm của em")
                for other in SELF:
                    said = tuple(make_token(other) if w.text in SELF else w for w in words)
                    if said != words:
                        swapped[len(raw)] = frozenset(
                            k for k, w in enumerate(said) if w.text != words[k].text)
                        if other in ELDER_SELF:
                            kin_said.add(len(raw))
                        raw.append((unit, said, source, alone, partial, chosen))

        lex = edition.lexicon
        for intent in lex.intents:
            route = intent_route(intent.id)
            for phrase in intent.phrases:
                add(route, phrase, INTENT, chosen=True)
            for phrase in intent.alone:
                add(route, phrase, INTENT, alone=True, chosen=True)
            for phrase in intent.marked:
                add(route, phrase, INTENT, chosen=True, marked=True)
        for entry in edition.faq:
            for keyword in entry.keywords:
                add(("faq", entry.id), keyword, KEYWORD, chosen=True)
            for question in (entry.question.vi, entry.question.en or ""):
                add(("faq", entry.id), question, QUESTION, partial=True)
        local = {("event", e.id) for e in edition.events if e.district is not None}
        # The district of each district's event, folded ("le chan"), once it has a unit.
        districts = {("event", e.id): " ".join(w.fold for w in tokenize(e.district))
                     for e in edition.events if e.district is not None}
        # Words that name a place only ("quận Lê Chân"): a run of a title made of them alone
        # says where, not which event ("lịch cắt điện quận lê chân" is about no event).
        # So do the names of the country and the city in a title ("Thư viện Quốc gia | Việt
        # Nam": "tuần lễ thời trang Việt Nam" names no resource; round 23 f). Nor does a
        # language's name ("Wikisource | tiếng Việt": "trang này có tiếng việt không" asks the
        # language of a site; round 34a).
        places = {w.fold for d in edition.districts for w in tokenize(d)} | {
            "quan", "huyen", "viet", "nam", "hai", "phong", "tieng"}
        for event in edition.events:
            for title in (event.title.vi, event.title.en or ""):
                add(("event", event.id), title, ITEM, partial=True)
            for keyword in event.keywords:
                add(("event", event.id), keyword, ITEM, chosen=True)
        for category in edition.categories:
            for title in (category.title.vi, category.title.en or ""):
                add(("courses", category.id), title, ITEM, partial=True)
            for keyword in category.keywords:
                add(("courses", category.id), keyword, ITEM, chosen=True)
        for resource in edition.resources:
            add(("courses", resource.category), resource.title.vi, ITEM, partial=True)
        # A reading programme is one thing a citizen asks about ("thư viện 50k là gì"): its
        # short answer (answers.py), with a button to the whole library section.
        # The keywords of the event held for a programme (the same id) name the programme too
        # ("thư viện 50 nghìn", "ông bà cháu"): when or where is asked of the event, anything
        # else of the programme.
        event_keywords = {e.id: e.keywords for e in edition.events}
        for programme in edition.programmes:
            for title in (programme.title.vi, programme.title.en or ""):
                add(("programme", programme.id), title, ITEM, partial=True)
            for keyword in programme.keywords + event_keywords.get(programme.id, ()):
                add(("programme", programme.id), keyword, ITEM, chosen=True)
        named: list[tuple[str, Text]] = [("activities", a.title) for a in edition.activities]
        named += [("contacts", c.name) for c in edition.contacts]
        named += [("bodies", b.name) for b in edition.bodies]
        named += [("contest", edition.contest.name)]
        for feature, name in named:
            for text in (name.vi, name.en or ""):
                add((feature, ""), text, LIST, partial=True)
        # A contact is also named by its address ("hội khuyến học ở số mấy Lê Đại Hành").
        for contact in edition.contacts:
            if contact.public and contact.address:
                add(("contacts", ""), contact.address, LIST, partial=True)

        # Words of the phrases; "content" words are those that are not fillers.
        texts_by_fold: dict[str, set[str]] = {}
        extra: set[str] = set()
        for word in extra_words:
            texts_by_fold.setdefault(fold(word), set()).add(word)
            extra |= {word, fold(word)}
        df: dict[str, set[int]] = {}
        # (a phrase that fits only typed with its marks is known as written, "đấu" is no typo,
        # but says nothing of its letters: "luc" stays a filler, lúc, "cau" as rare, câu)
        learnt = [r for n, r in enumerate(raw) if n not in exact]
        for unit, words, *_ in learnt:
            for w in words:
                texts_by_fold.setdefault(w.fold, set()).add(w.text)
                if w.text not in self.filler_texts:
                    df.setdefault(w.fold, set()).add(unit)
        # (a word of theirs whose letters the bot does not know otherwise, "trận", is known
        # typed with its marks only: "tran" stays an unknown word)
        marked_only = {w.text for n in exact for w in raw[n][1] if w.fold not in texts_by_fold}
        for n in exact:
            for w in raw[n][1]:
                if w.fold in texts_by_fold:
                    texts_by_fold[w.fold].add(w.text)
        for text in self.filler_texts:
            for w in tokenize(text):
                texts_by_fold.setdefault(w.fold, set()).add(w.text)
        for word in {w for w in new_words if fold(w) not in texts_by_fold}:
            texts_by_fold[fold(word)] = {word}
            extra |= {word, fold(word)}
        n = len(self.units)
        self.idf = {f: min(MAX_IDF, math.log(1 + n / len(units))) for f, units in df.items()}
        self.content_folds = frozenset(df)
        # The units whose phrases hold each content word (an answer's own vocabulary: the words
        # its keywords and titles are made of).
        self.units_of_fold = {f: frozenset(units) for f, units in df.items()}
        # The words of each answer's phrases as written, with their marks ("khóa" of the
        # courses): a word typed with other marks ("khoa") is not theirs.
        written: dict[int, set[str]] = {}
        for unit, words, *_rest in raw:
            written.setdefault(unit, set()).update(w.text for w in words)
        self.texts_of_unit = {unit: frozenset(texts) for unit, texts in written.items()}
        all_filler_folds = frozenset(w.fold for text in self.filler_texts for w in tokenize(text))
        self.filler_folds = all_filler_folds - self.content_folds
        self._unmarked_fillers = self.filler_folds | self.filler_texts
        self.filler_like = all_filler_folds & self.content_folds
        # Words the bot knows only from the subjects that are not the Week's ("tiêm" of "tiêm
        # chủng"): read and repaired as words, but outside those phrases they name something
        # the bot knows nothing of ("lịch tiêm phòng cho trẻ"), as an unknown word does. By
        # their letters: a word whose letters spell one of the Week's too ("thủ" of "thủ tục",
        # "thủ thư") stays known.
        elsewhere = {u for u, route in enumerate(self.units) if route == ("unknown", "")}
        self.elsewhere_folds = frozenset(
            f for f, units in df.items()
            if units <= elsewhere and f not in all_filler_folds and f not in extra)
        self.texts_by_fold = {f: frozenset(t) for f, t in texts_by_fold.items()}
        self.vocab_folds = frozenset(texts_by_fold)
        self.vocab_texts = frozenset(t for texts in texts_by_fold.values() for t in texts
                                     ) | marked_only
        # pairs of the phrases, and of fillers of two words ("trực tiếp": never stray words)
        unpaired = exact | kin_said
        phrases = [*(w for n, (_u, w, *_) in enumerate(raw) if n not in unpaired),
                   *(tokenize(f) for f in self.filler_texts),
                   *(tokenize(p) for p in extra_pairs)]
        # how many phrases hold each pair (round 18 c: a word typed with its first syllable
        # cut to its consonants, "cthi", is read as the pair the phrases use most)
        self.bigram_counts = collections.Counter(
            (a.fold, b.fold) for words in phrases for a, b in itertools.pairwise(words))
        self.bigrams = frozenset(self.bigram_counts)
        # the same pairs as written, with their marks ("thể lệ", not "thế lệ")
        self.pairs = frozenset(
            (a.text, b.text) for words in phrases for a, b in itertools.pairwise(words))
        self._fuzzy = sorted(f for f in self.vocab_folds if len(f) >= 3 and f.isalpha())

        # A run of a title shared by several units names none of them well ("internet an toàn"
        # is in four titles): its weight is divided by the square root of their number.
        sharing: dict[str, set[int]] = {}
        for unit, words, _source, _alone, partial, _chosen in raw:
            if partial:
                for i in range(len(words)):
                    for j in range(i + 1, min(len(words), i + MAX_PHRASE) + 1):
                        sharing.setdefault(" ".join(w.fold for w in words[i:j]), set()).add(unit)
        self._ngrams: dict[str, list[Entry]] = {}
        self._gapped: dict[str, list[Entry]] = {}  # chosen phrases of 2+ words, no filler
        for n, (unit, words, source, alone, partial, chosen) in enumerate(raw):
            # A writer swapped in whose letters are another word too holds the phrase only
            # typed with its marks ("báo tôi" → "báo tớ", but "bao to" is "bão to").
            doubtful = {k for k in swapped.get(n, ()) if self.ambiguous(words[k].fold)}
            if n in exact:
                doubtful = set(range(len(words)))
            spans = [(0, len(words))] if len(words) <= MAX_WHOLE else []
            if partial:
                spans = [(i, j) for i in range(len(words))
                         for j in range(i + 2, min(len(words), i + MAX_PHRASE) + 1)
                         if (i, j) != (0, len(words))
                         and words[i].text not in self.filler_texts
                         and words[j - 1].text not in self.filler_texts] + spans
            for i, j in spans:
                run = words[i:j]
                if partial and (i, j) != (0, len(words)) and all(
                        w.fold in places or w.text in self.filler_texts for w in run):
                    continue
                key = " ".join(w.fold for w in run)
                content = sum(w.text not in self.filler_texts for w in run)
                # An item's own keywords say more than its title.
                factor = 1.0 if chosen and source == ITEM else FACTOR[source]
                weight = (self.weight(run, chosen) * factor
                          * (1 + LENGTH_BONUS * max(0, content - 1)))
                if partial:
                    weight /= math.sqrt(len(sharing.get(key, ())) or 1)
                    if (i, j) == (0, len(words)) and len(words) > 1:
                        weight *= WHOLE_TITLE  # "dự án thư viện 50k": the item's own name
                if self.units[unit][0] == "smalltalk":
                    weight *= SMALL_TALK
                elif self.units[unit] in local:
                    weight *= DISTRICT_EVENT
                if weight <= 0:
                    continue
                found = Entry(unit, tuple(w.text for w in run), weight, source, alone,
                              partial and i > 0 and j - i <= 2,
                              tuple(k - i for k in sorted(doubtful) if i <= k < j))
                self._ngrams.setdefault(key, []).append(found)
                if chosen and len(run) >= 2 and not any(w.text in self.filler_texts
                                                        for w in run):
                    self._gapped.setdefault(key, []).append(found)

        # Every key and every run of words a key starts with: a run of the message that is
        # none of them starts no phrase, so the words after it need not be looked up.
        self._ngram_starts = _starts(self._ngrams)
        self._gapped_starts = _starts(self._gapped)

        self.district_of = {self._unit_of[route]: name for route, name in districts.items()
                            if route in self._unit_of}
        self.questions = [(" ".join(w.fold for w in tokenize(e.question.get(loc))),
                           self._unit_of[("faq", e.id)])
                          for e in edition.faq for loc in ("vi", "en") if e.question.get(loc)]

    # Pickled (the content cache) by its attributes, compiled as well (normalise.kept_attributes)
    def __reduce__(self) -> tuple[type[Index], tuple[None], dict[str, object]]:
        return Index, (None,), kept_attributes(self)

    def __setstate__(self, state: dict[str, object]) -> None:
        restore_attributes(self, state)

    def weight(self, words: Sequence[Token], chosen: bool = False) -> float:
        """What a run of words says: the sum of its words' weights (its fillers count more in
        a phrase written for the answer than in a title)."""
        filler = CHOSEN_FILLER_WEIGHT if chosen else FILLER_WEIGHT
        return sum((filler if w.text in self.filler_texts else self.idf.get(w.fold, 1.0)
                    for w in words), 0.0)  # (of no word, a float too: fast.py)

    def unit(self, route: tuple[str, str]) -> int | None:
        return self._unit_of.get(route)

    def is_filler(self, token: Token) -> bool:
        """A word that asks for nothing by itself ("có", "gì", "ạ")."""
        if token.marked:
            # a particle or question word with a tone slip ("gí", "nhẻ", "cõ"): a form no
            # word the bot knows (a pronoun's letters spell too many words: "bạc" is no "bác")
            return token.text in self.filler_texts or (
                token.fold in _PARTICLES and token.text not in self.vocab_texts
                and not token.keyed)
        return token.fold in self._unmarked_fillers  # (its text is its fold)

    def fillers(self, tokens: Sequence[Token]) -> list[bool]:
        """`is_filler` of each token: asked of every word of one message's tokens by four
        rules (the words said, those informing, the whole asked, the words left), so kept for
        the last tokens asked, compared by value (tokens are immutable; the pair is replaced
        whole, so a thread never reads another's). Read only: the list is shared."""
        held, flags = self._fillers_last
        if held == tokens:
            return flags
        flags = [self.is_filler(t) for t in tokens]
        self._fillers_last = (list(tokens), flags)
        return flags

    def known(self, token: Token, accented: bool = False) -> bool:
        """A word of the edition, the lexicon or the date reader; typed with marks in a message
        written with them, with those marks."""
        if accented and token.marked and not token.expanded:
            return token.text in self.vocab_texts
        return token.fold in self.vocab_folds

    def ambiguous(self, word: str) -> bool:
        """Typed without marks, the word may be several ("gia": giá, già)."""
        return len(self.texts_by_fold.get(word, ())) > 1

    def correct(self, word: str, before: str, after: str,
                pairs: frozenset[tuple[str, str]] | None = None) -> str | None:
        """The known word `word` is most likely a typo of (one edit, two for long words), the
        one that forms a known pair with a neighbour preferred; None when there is none.

        A three-letter word is corrected only to a word that pairs with a neighbour, by a key
        next to the typed one or i/y ("thj", "thy": thi): "cat" is not "các". `pairs`: the
        pairs a neighbour is read by (the phrases' own, `bigrams`, when None).
        """
        known_pairs = self.bigrams if pairs is None else pairs
        if len(word) < 3 or not word.isalpha():
            return None
        cutoff = 2 if len(word) >= 8 else 1
        found = process.extract(word, self._fuzzy, scorer=OSA.distance, score_cutoff=cutoff,
                                limit=12)
        if len(word) == 3:
            # a key struck inside or after a word of two letters ("key": kỳ, "kyu"), the one
            # such word that pairs with a neighbour (words of two letters are not in _fuzzy)
            found += [(w, 1, 0) for w in {word[:k] + word[k + 1:] for k in range(3)}
                      if w in self.vocab_folds and w[:1] == word[:1]
                      and ((before, w) in known_pairs or (w, after) in known_pairs)]
        if not found:
            return None

        def rank(item: tuple[str, float, int]) -> tuple[float, int, int, int]:
            cand = item[0]
            paired = (before, cand) in known_pairs or (cand, after) in known_pairs
            # two letters swapped keep every letter typed: likelier than one letter changed
            # ("mia": mai rather than kia)
            return (item[1], 0 if paired else 1, 0 if sorted(cand) == sorted(word) else 1,
                    -len(cand))

        if len(word) == 3:
            # two letters swapped in what no Vietnamese syllable spells ("bto", "hya"): the
            # one word with those letters is meant, though no neighbour says so
            swaps = [f for f in found if len(f[0]) == 3 and slip(word, f[0])]
            found = [f for f in found
                     if rank(f)[1] == 0 and (near_key(word, f[0]) or slip(word, f[0])
                                             or len(f[0]) == 2)]
            if not found and len(swaps) == 1 and not syllable(word):
                found = swaps
            if not found:
                return None
        elif len(word) == 4:  # "xang" is not "bang" unless a neighbour says so ("bang xep")
            # two neighbouring letters swapped in what no syllable spells: one such word is
            # meant ("lcih": lịch), though no neighbour says so
            swaps = [f for f in found if len(f[0]) == 4 and slip(word, f[0])]
            found = [f for f in found if rank(f)[1] == 0] or (
                swaps if len(swaps) == 1 and not syllable(word) else [])
            if not found:
                return None
        return min(found, key=rank)[0]

    def match(self, tokens: Sequence[Token], skip: frozenset[int], accented: bool) -> list[Match]:
        """Every phrase found in `tokens` (those in `skip` read as a date)."""
        out: list[Match] = []
        n = len(tokens)
        # each word's letters, None where no phrase holds it (a date's, a date or a time):
        # read once, not at each phrase that might run over it
        folds = [None if j in skip or t.kind in ("date", "time") else t.fold
                 for j, t in enumerate(tokens)]
        for i in range(n):
            if folds[i] not in self._ngram_starts:
                continue  # (most words start no phrase; None is no key)
            clause = tokens[i].clause
            key = ""
            for j in range(i, min(n, i + MAX_WHOLE)):
                fold = folds[j]
                if fold is None or tokens[j].clause != clause:
                    break  # a phrase never runs across a comma ("về kế hoạch, | số điện thoại")
                key = f"{key} {fold}" if key else fold
                if key not in self._ngram_starts:
                    break
                entries = self._ngrams.get(key)
                if not entries:
                    continue
                typed = tokens[i:j + 1]
                as_typed = tuple([w.text for w in typed])
                for e in entries:
                    # (most phrases are found typed as written: no word to compare)
                    factor = (self._written(typed, accented) if as_typed == e.texts
                              else self._marks(typed, e.texts, accented, e.marked))
                    if factor:
                        out.append(Match(e.unit, i, j + 1, e.weight * factor, e.source,
                                         e.alone, e.inner))
        # (a word that ends a courtesy of two words or more, found as typed, starts no phrase
        # found across a filler: "xin lỗi | e nhắn nhầm" is no "lời nhắn"; round 36 b)
        ends = {m.end - 1 for m in out
                if m.end - m.start >= 2 and self.units[m.unit][0] == "smalltalk"}
        out += self._gap_matches(tokens, skip, accented, ends)
        return out

    def _gap_matches(self, tokens: Sequence[Token], skip: frozenset[int],
                     accented: bool, ends: set[int] | frozenset[int] = frozenset()
                     ) -> list[Match]:
        """The chosen phrases found with up to MAX_GAP fillers inside them (none starting on
        a word of `ends`)."""
        out: list[Match] = []
        n = len(tokens)
        for i in range(n):
            # (most words start no such phrase: that first, a set lookup)
            if tokens[i].fold not in self._gapped_starts or i in skip or i in ends \
                    or tokens[i].kind != "word" or self.is_filler(tokens[i]):
                continue
            picked = [tokens[i]]
            key, gaps, loose, beneficiary = tokens[i].fold, 0, False, False
            for j in range(i + 1, min(n, i + MAX_WHOLE)):
                t = tokens[j]
                if j in skip or t.kind != "word" or t.clause != tokens[i].clause:
                    break
                unmarked = not t.marked and t.fold in _SKIPPED_UNMARKED
                if self.is_filler(t) or unmarked:
                    if t.fold in _UNSKIPPABLE or gaps == MAX_GAP:
                        break
                    gaps += 1
                    loose = loose or (unmarked and not self.is_filler(t))
                    beneficiary = beneficiary or t.fold == "cho"
                    continue
                if t.fold == "dau" and tokens[j - 1].fold == "o" and len(picked) < j - i + 1 \
                        and t.text != "đầu":
                    # "ở đâu" is the question, no "đầu" of a phrase read across its "ở": "dung
                    # zalo o dau" asks where, it is no "đứng đầu" (round 34 b)
                    break
                picked.append(t)
                key = f"{key} {t.fold}"
                if key not in self._gapped_starts:
                    break
                if not gaps:
                    continue
                for e in self._gapped.get(key, ()):
                    if (loose or beneficiary) and self.units[e.unit] == ("unknown", ""):
                        # (a subject elsewhere is read on the words as typed: "mua cho cai
                        # điện thoại" of a story is no "mua điện thoại" asked; nor are words
                        # apart around "cho", whom a thing is for: "Internet an toàn cho người
                        # lao động" is no "an toàn lao động") (round 34 b)
                        continue
                    if any(t.marked and t.text != text for t, text in zip(picked, e.texts,
                                                                            strict=True)):
                        # (words apart and a mark typed otherwise is two doubts: "điện thoại
                        # cho các cụ" is no "điện thoại cũ") (round 26 c)
                        continue
                    factor = self._marks(picked, e.texts, accented, e.marked)
                    if factor:
                        out.append(Match(e.unit, i, j + 1, e.weight * factor * GAP, e.source,
                                         e.alone))
        return out

    def _marks(self, typed: Sequence[Token], texts: tuple[str, ...], accented: bool,
               marked: tuple[int, ...] = ()) -> float:
        """How well the typed marks fit the phrase's words: 1, less for a doubtful fit, 0 for
        another word. Typed marks count; a wrong mark in a phrase of several words is taken as
        a typo when another word fits exactly; a word typed without marks in a message written
        with them is that word only."""
        if marked and any(typed[k].text != texts[k] for k in marked):
            return 0.0
        weak = exact = 0
        for t, text in zip(typed, texts, strict=True):
            if t.text == text:
                exact += 1
            elif t.marked:
                if t.expanded or t.text in self.filler_texts or (
                        len(texts) == 1 and t.text in self.vocab_texts):
                    return 0.0
                weak += 1  # a tone slip: alone, only a form that is no word the bot knows
            elif accented and not t.expanded:
                # "khoa" in a message with marks is not "khóa"; a form no word the bot knows
                # is written as ("dang ký") is a word whose marks were left out
                if len(t.fold) == 1 or (t.text in self.texts_by_fold.get(t.fold, ())
                                        and not self._unmarked(typed, texts, t)):
                    return 0.0
                weak += 1
            elif len(t.fold) == 1 and len(texts) == 1:
                return 0.0  # "o" alone is not "ờ" (in a phrase, "y nghia" is "ý nghĩa")
            else:
                exact += 1
        if weak:
            return 0.6 if weak == 1 and (exact or len(texts) == 1) else 0.0
        return self._written(typed, accented)

    def _written(self, typed: Sequence[Token], accented: bool) -> float:
        """How well words that fit a phrase's words fit it: 1, less for one word typed without
        marks that is several words ("gia": giá, già)."""
        if (len(typed) == 1 and not accented and not typed[0].marked
                and self.ambiguous(typed[0].fold)):
            return 0.7
        return 1.0

    def _unmarked(self, typed: Sequence[Token], texts: tuple[str, ...], t: Token) -> bool:
        """`t`, typed without marks in a message typed with them, its letters another word
        ("cảm on", "kết qua thi"), is the phrase's word whose marks were left out: every other
        word of the phrase is typed as it is written, one at least with marks ("ban to
        chức"), and `t` as typed pairs with none of them ("khoa học" stays science)."""
        if len(texts) < 2:
            return False
        k = typed.index(t)
        others = [(o, w) for o, w in zip(typed, texts, strict=True) if o is not t]
        if not all(o.text == w for o, w in others) or not any(o.marked for o, _w in others):
            return False
        return not ((k and (typed[k - 1].text, t.text) in self.pairs) or (
            k + 1 < len(typed) and (t.text, typed[k + 1].text) in self.pairs))


def _starts(phrases: dict[str, list[Entry]]) -> frozenset[str]:
    """The keys of `phrases` and the runs of their first words ("lich thi hom nay": "lich",
    "lich thi", "lich thi hom", "lich thi hom nay")."""
    return frozenset(" ".join(words[:k]) for key in phrases
                     for words in [key.split(" ")] for k in range(1, len(words) + 1))


# The particles and question words among the fillers (folded): said in nearly every message,
# so a slip of their tone key is frequent.
_PARTICLES: Final = frozenset({"a", "nhe", "nha", "vay", "the", "thi", "co", "khong", "gi", "nao",
                               "dau", "sao", "chua", "roi", "ha", "nhi", "la", "ma", "voi"})

_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY: Final = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}


def slip(typed: str, word: str) -> bool:
    """`typed` is `word` with two neighbouring letters swapped ("mia") or one letter left
    out ("hak")."""
    if len(typed) == len(word):
        diff = [k for k in range(len(word)) if typed[k] != word[k]]
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]])
    return len(word) == len(typed) + 1 and any(
        word[:k] + word[k + 1:] == typed for k in range(len(word)))


def near_key(typed: str, word: str) -> bool:
    """`typed` differs from `word` by one letter next to it on the keyboard, or i for y."""
    if len(typed) != len(word):
        return False
    diff = [(a, b) for a, b in zip(typed, word, strict=True) if a != b]
    if len(diff) != 1:
        return False
    a, b = diff[0]
    if {a, b} == {"i", "y"}:
        return True
    if a not in _KEY or b not in _KEY:
        return False
    (ra, ia), (rb, ib) = _KEY[a], _KEY[b]
    return abs(ra - rb) <= 1 and abs(ia - ib) <= 1


# A syllable of k, l, m, s, t or qu and a toned i or y is spelt both ways: "kỹ"/"kĩ",
# "lý"/"lí", "tỷ"/"tỉ", "quý"/"quí", "Mỹ"/"Mĩ", "sĩ"/"sỹ" (the old spelling beside the new;
# after other consonants one spelling: "vì", "đơn vị"; without a tone one too: "công ty").
_I_Y_ONSETS: Final = ("qu", "k", "l", "m", "s", "t")
_I_TO_Y: Final = dict(zip("íìỉĩịýỳỷỹỵ", "ýỳỷỹỵíìỉĩị", strict=True))


def i_y_twin(token: Token) -> Token:
    """`token` spelt with the other of i and y ("kĩ" for "kỹ"), or itself."""
    text = token.text
    for onset in _I_Y_ONSETS:
        if text.startswith(onset) and len(text) == len(onset) + 1 and text[-1] in _I_TO_Y:
            return make_token(onset + _I_TO_Y[text[-1]], token.kind, token.expanded)
    return token
