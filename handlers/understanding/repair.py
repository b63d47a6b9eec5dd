"""Words the bot does not know, read again: typing errors, Telex and VNI keys left in,
doubled or swapped letters, words typed as one or in two pieces, teencode spellings, a
wrong tone mark (in words typed without marks, the words around decide)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from handlers.understanding.index import Index, near_key, slip
from handlers.understanding.normalise import (
    PAIRED_FINALS,
    Token,
    collapse_doubles,
    fold,
    kept_attributes,
    make_token,
    marked_respellings,
    respellings,
    restore_attributes,
    retone,
    syllable,
    telex,
    tone,
    untoned,
    vni,
)
from handlers.understanding.words import (
    ASK_WORDS,
    BEFORE_NUMBER,
    CLOSING,
    DATE_FOLDS,
    DATE_TEXTS,
    KIN,
    QUESTION_WORDS,
    VOWEL,
    YES_NO,
)

# Letters a word may have for its swaps to be read as words typed as one or with Telex keys
# ("nagymai", "lihcj"): each swap is read again, and a longer run is no word of a message
# people type (a flood of such runs stays cheap).
SWAP_READ_LETTERS: Final = 12
# Words typed as one are read up to six ("homnaycogikhong"), of 36 letters at most.
RUN_WORDS: Final = 6
RUN_LETTERS: Final = 36
# Words of one message read again, at most (each up to ~1.5 ms): a citizen's message has a few
# unknown words; 4,096 characters of distinct made-up words had 300, half a second of CPU.
MAX_REPAIRS: Final = 40
_ENDS: Final = YES_NO | CLOSING
_ASKS_OF: Final = ASK_WORDS | {"nay", "kia"}
# Initials the North says alike (`Repairer._heard`; l said n is `respellings`').
_HEARD_ALIKE: Final = (("x", "s"), ("s", "x"), ("d", "gi"), ("gi", "d"), ("r", "d"), ("d", "r"),
                       ("gi", "r"), ("r", "gi"), ("ch", "tr"), ("tr", "ch"))
# A word the bot knows typed in the other spelling of l/n or s/x, pairing with no neighbour
# where that spelling does ("niên hệ", "bảng sếp hạng": `Repairer._said_alike`): ch/tr and
# d/gi/r spell pairs of words people use alike ("kể chuyện cổ tích" is no "truyện").
_SAID_ALIKE: Final = (("x", "s"), ("s", "x"), ("n", "l"), ("l", "n"))
# Typed without marks, ch/tr too (letters that spell several words are left as typed, unless
# the other spelling pairs with a word that asks for something), not d/gi/r (a folded d is also
# đ: "có đi" is no "có gì"); n said l only between two words it pairs with, and as "nay" after
# a word of the date ("giải lao" is no "giải nào"; "ky lang so", "hom lay": round 33a).
_SAID_ALIKE_FOLDED: Final = (("x", "s"), ("s", "x"), ("ch", "tr"), ("tr", "ch"), ("n", "l"))
# A Telex tone key typed after the vowels and before the final consonants ("bajn", "ddaajt")
_TELEX_KEYS: Final = re.compile(r"[aeiouy].*[sfrxjw]|aa|ee|oo|dd")
_KEY_BEFORE_FINAL: Final = re.compile(r"[aeiouy][sfrxj](?:ch|ng|nh|[cmnpt])$")

# The bound of each of a Repairer's memos (words, or a word and its neighbours): people
# repeat their typos, floods do not; a memo full keeps what it holds.
MEMO_WORDS: Final = 8192


class Repairer:
    """Reads again the words of a message the index does not know (build once per
    index; it holds memos of the repairs, bounded)."""

    def __init__(self, index: Index | None, spellings: frozenset[str],
                 shorthands: frozenset[str] = frozenset()) -> None:
        if index is None:  # unpickled: __setstate__ sets its attributes
            return
        self.index = index
        # the lexicon's one-word shorthands that spell no syllable ("dk", "tb", "sdt", "tgia",
        # "cthi"), as typed, and by their letters (`_joined_shorthand`)
        self._shorthands = shorthands
        self._shorthand_folds = frozenset(fold(w) for w in shorthands)
        self._repairs: dict[tuple[str, str, str], tuple[Token, ...]] = {}
        self._retones: dict[tuple[object, ...], Token | None] = {}  # (word, neighbours)
        # a marked word -> `_marked_edit`'s words of the bot, by a vowel's shape, by a key
        self._edited: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # a marked word -> its words of the bot with a final added (`_final_left_off`)
        self._with_finals: dict[str, tuple[str, ...]] = {}
        # a folded word (and whether it is `own`) -> its words said alike (`_alike_folds`)
        self._alike: dict[tuple[str, bool], frozenset[str]] = {}
        # a marked word -> the bot's words of its letters with another tone (`_other_tones`)
        self._tones_of: dict[str, tuple[frozenset[str], bool]] = {}
        self._edit_vocab = self.index.vocab_texts - spellings
        self._spellings = spellings
        self.shapes = frozenset(untoned(w) for w in self.index.vocab_texts)
        # the words the bot knows by their letters and vowel marks, any tone ("để", "đề")
        toned: dict[str, set[str]] = {}
        for w in self.index.vocab_texts:
            toned.setdefault(untoned(w), set()).add(w)
        self._toned = {shape: frozenset(ws) for shape, ws in toned.items()}
        # the first words of the phrases' pairs, by the second (round 18 c, `_cut`)
        firsts: dict[str, set[str]] = {}
        for a, b in self.index.bigrams:
            if syllable(a) and syllable(b):
                firsts.setdefault(b, set()).add(a)
        self._firsts = {b: frozenset(a) for b, a in firsts.items()}
        # the pairs words typed as one are read by: the phrases' and the question words'
        # ("maygio": mấy giờ, "odau": ở đâu, "ngaynao": ngày nào)
        self._asks = frozenset(
            (q.split()[0], q.split()[1]) for q in QUESTION_WORDS if len(q.split()) == 2)
        self._joined = self.index.bigrams | self._asks
        # the pairs as written, by their letters ("thu vien": thư viện), for words typed
        # without marks among words typed with them
        written: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for a, b in self.index.pairs:
            written.setdefault((fold(a), fold(b)), set()).add((a, b))
        self._written = {p: frozenset(ab) for p, ab in written.items()}

    # Pickled (the content cache) by its attributes, compiled as well (normalise.kept_attributes)
    def __reduce__(self) -> tuple[type[Repairer], tuple[None, frozenset[str]], dict[str, object]]:
        return Repairer, (None, frozenset()), kept_attributes(self)

    def __setstate__(self, state: dict[str, object]) -> None:
        restore_attributes(self, state)

    def repair(self, tokens: list[Token]) -> list[Token]:
        """Words the bot does not know, read again: a word typed in two pieces, doubled
        letters, Telex keys left in, teencode, two to four words typed as one, one typo (only
        in words typed without marks: a word typed with them is meant), a wrong mark where the
        letters pair with a neighbour typed right."""
        out: list[Token] = []
        tokens = self._split_words(tokens)
        accented = self._accented(tokens)
        tried = 0
        for k, t in enumerate(tokens):
            # a word typed with marks no word of the bot has may be teencode ("chìu", "nài")
            odd = t.marked and t.text not in self.index.vocab_texts
            if t.kind != "word" or (self.index.known(t) and not odd):
                if t.kind == "word" and not t.keyed:
                    # a tone slip, a word said the other way (l/n, s/x, ch/tr) or left without
                    # its marks is read from the word and its neighbours in its part
                    prev, nxt = _neighbours(tokens, k)
                    slip = (t.text, accented and not t.marked,
                            prev and (prev.kind, prev.text), nxt and (nxt.kind, nxt.text))
                    if slip in self._retones:
                        retoned = self._retones[slip]
                    else:
                        retoned = self._reread(t, prev, nxt, accented)
                        if len(self._retones) < MEMO_WORDS:
                            self._retones[slip] = retoned
                    if retoned is not None:
                        t = retoned.in_clause(t.clause)
                out.append(t)
                continue
            # the word before as read again ("coui tuân": cuối, then tuần beside it)
            previous = out[-1] if k else None
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            before = previous.fold if previous else ""
            after = following.fold if following else ""
            # a wrong mark on a word a neighbour typed right pairs with is a slip ("thu vịen",
            # "chu nhạt có gì", "ở đau"): the neighbours' marks are part of the key
            key = (t.text, previous.text if previous else "",
                   following.text if following else "")
            repaired = self._repairs.get(key)
            if repaired is None and tried >= MAX_REPAIRS:
                out.append(t)  # (the rest stay as typed: see MAX_REPAIRS)
                continue
            if repaired is None:
                tried += 1
                run = (self._marked_run(t) or self._joined_shorthand(t)) if odd else ()
                if run:
                    repaired = run
                elif self.index.known(t):
                    # (said the other way before a filler of that shape: "bị nừa" is lừa, not
                    # nữa; heard alike before a filler of another tone: "chủ chì" is trì, not
                    # chỉ)
                    spelt = (self._said_alike(t, *_neighbours(tokens, k))
                             or self._heard(t, before, after)
                             or self._retoned(t, *_neighbours(tokens, k))
                             or self._respelt(t, before, after))
                    # one key slipped, the marks typed, where the word pairs as written
                    # with a neighbour ("khai | mạt": mạc, though "mất | điện" pairs by
                    # letters), else a wrong mark on letters that pair
                    edited = self._marked_edit(t, before, after, previous, following) \
                        if spelt is None and odd else None
                    if edited is not None and edited[1]:
                        spelt = edited[0]
                    if spelt is None and self._slip_pair(t, previous, following):
                        spelt = Token(t.fold, t.fold, "word", expanded=True)
                    if spelt is None and edited is not None:
                        spelt = edited[0]  # ("nhậ | tin": nhận, "chủ | nhậ": nhật)
                    repaired = (t,) if spelt is None else (spelt,)
                else:
                    near = tokens[max(k - 1, 0):k + 2]
                    if following is not None and not self.index.known(following):
                        # the next word typed with Telex keys too is paired by its letters
                        # ("banq | toor": ban tổ)
                        decoded = telex(vni(after) or after)
                        after = fold(decoded[0]) if decoded else after
                    repaired = self._cut(t.fold) or self._repair_word(
                        t, before, after, unmarked_near=not any(x.marked for x in near),
                        previous=previous, following=following)
                if len(self._repairs) < MEMO_WORDS:
                    self._repairs[key] = repaired
            out.extend(r.in_clause(t.clause) for r in repaired)
        return out

    def _marked_edit(self, t: Token, before: str, after: str, previous: Token | None,
                     following: Token | None) -> tuple[Token, bool] | None:
        """A word typed with marks that no word of the bot has, one letter without marks
        left out, added or typed for another ("lịh", "lịcj", "tgứ", "đăg", "nhậ", "hủi": the
        vowels' marks and the tone were typed, so they are the word's): the one word of the
        bot one such letter away that pairs with a neighbour ("nhậ | tin": nhận, "chủ | nhậ":
        nhật); where none pairs, the one such word when the letters typed spell no Vietnamese
        syllable ("lịh ngày mai": lịch), read as a correction. With it, whether the word
        pairs as written with a neighbour typed as the bot writes it."""
        if not VOWEL.search(t.fold):  # (a shorthand: "đk", "hđ", "sđt")
            return None
        tiers = self._edits(t.text)
        if not (tiers[0] or tiers[1]):
            return None
        prev, nxt = previous, following  # (the words the memo of repairs is keyed by)

        def pairs(w: str, n: Token | None, pair: tuple[str, str], written: tuple[str, str]
                  ) -> bool:
            # as written beside a neighbour typed with the bot's marks ("cần | cước" is no
            # "căn cước"), by letters beside one typed without
            if n is not None and n.marked and n.text in self.index.vocab_texts:
                return written in self.index.pairs
            return pair in self.index.bigrams

        def paired(w: str) -> bool:
            f = fold(w)
            return (pairs(w, prev, (before, f), (prev.text if prev else "", w))
                    or pairs(w, nxt, (f, after), (w, nxt.text if nxt else ""))
                    or (f in BEFORE_FOLDS and after.isdigit()))

        for words in tiers:
            found = [w for w in words if paired(w)]
            if len(found) == 1:
                # sure where it is the one word of its kind whose letters pair ("tói | ngày"
                # is tối or tới: left to the letters)
                word = found[0]
                alone = all(w == word or not self._pairs_with(fold(w), before, after)
                            for w in words)
                return Token(word, fold(word), "word"), alone and self._sure_pair(
                    word, prev, nxt)
        if syllable(t.fold):
            # letters that spell a syllable: only its final left out, the one word of the
            # bot so spelt ("lị": lịch, "tuầ": tuần, "thư việ")
            ends = [w for w in tiers[1] if len(w) > len(t.text) and fold(w).startswith(t.fold)]
            if len(tiers[1]) == 1 and len(ends) == 1:
                return Token(ends[0], fold(ends[0]), "word", repaired=True), False
            return None
        for words in tiers:
            if len(words) == 1:
                word = next(iter(words))
                return Token(word, fold(word), "word", repaired=True), False
            if words:
                return None
        return None

    def _accented(self, tokens: list[Token]) -> bool:
        """The message is typed with marks: more than twice as many words with marks as words
        written with marks typed without (as `Understander._accented` counts them, fillers
        too: the repair runs before the lexicon)."""
        marked = unmarked = 0
        for t in tokens:
            if t.kind != "word" or t.keyed:
                continue
            if t.marked:
                marked += 1
            elif t.text not in self.index.texts_by_fold.get(t.fold, (t.text,)):
                unmarked += 1
        return marked > 2 * unmarked

    def _reread(self, t: Token, prev: Token | None, nxt: Token | None,
                accented: bool) -> Token | None:
        """A word the bot knows read as another (None: as typed): a marked word with a wrong
        tone or said the other way; a word without marks in a message typed with them, the
        word of those letters that pairs with a neighbour as written; a word without marks
        said the other way."""
        if t.marked:
            return (self._retoned(t, prev, nxt) or self._said_alike(t, prev, nxt)
                    or self._final_left_off(t, prev, nxt))
        return (self._unmarked_among_marked(t, prev, nxt) if accented else None) or (
            self._said_alike_folded(t, prev, nxt))

    def _edits(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the bot one slip away from `text` (typed with marks): by a vowel's
        shape, then by a key (`_shape_edits`, `_key_edits`; not the lexicon's own spellings:
        "lịk" and "khôg" are lịch and không); memoised."""
        tiers = self._edited.get(text)
        if tiers is None:
            vocab = self._edit_vocab
            tiers = (_shape_edits(text) & vocab, _key_edits(text) & vocab)
            if len(self._edited) < MEMO_WORDS:
                self._edited[text] = tiers
        return tiers

    def _sure_pair(self, w: str, prev: Token | None, nxt: Token | None,
                   marked: bool = False) -> bool:
        """`w` forms a pair of the phrases, as written, with a neighbour typed as the bot
        writes it (`marked`: and typed with marks)."""
        def sure(n: Token | None) -> bool:
            return n is not None and n.kind == "word" and n.text in self.index.vocab_texts and (
                n.marked or not marked)

        pairs = self.index.pairs
        return (sure(prev) and (prev.text, w) in pairs) or (  # type: ignore[union-attr]
            sure(nxt) and (w, nxt.text) in pairs)  # type: ignore[union-attr]

    def _unmarked_among_marked(self, t: Token, prev: Token | None,
                               nxt: Token | None) -> Token | None:
        """A word typed without marks among words typed with them ("khong nhận thông báo",
        "dung nhắn tin"): the one word of its letters that forms a pair, as written, with a
        neighbour typed as the bot writes it, where the letters as typed (a word of their
        own: "khoa học", "nội dung") form none. A negation left without its marks is read
        so, not lost."""
        # (a word of the date is the date reader's: "cho hỏi mai có gì" is tomorrow)
        if t.text in DATE_TEXTS or self._sure_pair(t.text, prev, nxt):
            return None
        # (beside a word typed with marks: one typed without, "người thi l an", says nothing)
        found = {w for w in self.index.texts_by_fold.get(t.fold, ())
                 if w != t.text and self._sure_pair(w, prev, nxt, marked=True)}
        if not found:
            # a neighbour typed without marks too, its marks left out as well ("thu vien thành
            # phố"): the one word of the pairs of those letters as written, where the letters
            # as typed are none (and the neighbour is written otherwise: "thi | lần" is no
            # evidence of marks left out)
            if prev is not None and not prev.marked and prev.kind == "word" and (
                    prev.text, t.text) not in self.index.pairs:
                found |= {b for a, b in self._written.get((prev.fold, t.fold), ())
                          if a != prev.text}
            if nxt is not None and not nxt.marked and nxt.kind == "word" and (
                    t.text, nxt.text) not in self.index.pairs:
                found |= {a for a, b in self._written.get((t.fold, nxt.fold), ())
                          if b != nxt.text}
        return Token(found.pop(), t.fold, "word") if len(found) == 1 else None

    def _said_alike(self, t: Token, prev: Token | None, nxt: Token | None) -> Token | None:
        """A word typed with its marks as the North says it (l and n, s and x alike: "niên
        hệ", "lộp báo cáo", "bảng sếp hạng"), that pairs with no neighbour: the one word spelt
        the other way, the same marks, that forms a pair as written with a neighbour typed as
        the bot writes it ("bảng | xếp hạng")."""
        if self._sure_pair(t.text, prev, nxt):
            return None
        found = {b + t.text[len(a):] for a, b in _SAID_ALIKE if t.text.startswith(a)
                 and not (a == "n" and t.text.startswith(("ng", "nh")))}
        found = {w for w in found if w in self.index.vocab_texts and self._sure_pair(w, prev, nxt)}
        if len(found) != 1:
            return None
        word = found.pop()
        return Token(word, fold(word), "word")

    def _final_left_off(self, t: Token, prev: Token | None, nxt: Token | None) -> Token | None:
        """A word of the bot typed with its marks and its final consonant left off, itself a
        word ("cả | ơn": cảm, "hoạ | động": hoạt, "hoạt | độ": động): the one word of those
        letters with a final that forms a pair, as written, with a neighbour typed with marks
        as the bot writes it, where the word as typed pairs with neither. Never beside a filler
        only ("cả | nhà | ơi" stays), nor for a word of the date (the date reader's)."""
        if len(t.text) > 6 or t.text in DATE_TEXTS or (
                prev is not None and (prev.text, t.text) in self.index.pairs) or (
                nxt is not None and (t.text, nxt.text) in self.index.pairs):
            return None
        prev = prev if prev is not None and not self.index.is_filler(prev) else None
        nxt = nxt if nxt is not None and not self.index.is_filler(nxt) else None
        if prev is None and nxt is None:
            return None
        found = {w for w in self._finals_added(t.text)
                 if self._sure_pair(w, prev, nxt, marked=True)}
        if len(found) != 1:
            return None
        word = found.pop()
        return Token(word, fold(word), "word")

    def _finals_added(self, text: str) -> tuple[str, ...]:
        """The words of the bot that are `text` with a final added, its tone placed as the
        edition writes it (`_final_left_off`); memoised (a word's, not a message's: the
        tone's placing is most of the cost of a word's reading there)."""
        added = self._with_finals.get(text)
        if added is None:
            added = tuple(w for w in (_placed(text + f) for f in _FINALS)
                          if w in self._edit_vocab)
            if len(self._with_finals) < MEMO_WORDS:
                self._with_finals[text] = added
        return added

    def _said_alike_folded(self, t: Token, prev: Token | None,
                           nxt: Token | None) -> Token | None:
        """The same typed without marks ("nien he", "chuyen xang", "bang sep hang"), or with
        two letters swapped: the letters typed pair with no neighbour, and one spelling the
        other way does."""
        def pairs(w: str, content: bool = False) -> bool:
            # (`content`: with a neighbour that asks for something, no filler by any of its
            # spellings: "chuc may" is chúc mấy, not "trực máy")
            return (prev is not None and prev.kind == "word"
                    and not (content and self._may_be_filler(prev))
                    and (prev.fold, w) in self.index.bigrams) or (
                nxt is not None and nxt.kind == "word"
                and not (content and self._may_be_filler(nxt))
                and (w, nxt.fold) in self.index.bigrams)

        dated = self._dated(t, prev, nxt)
        if dated is not None or pairs(t.fold):
            return dated
        # a filler typed so is its own word, and so are letters that spell several words ("so"
        # is số, sở or sợ before it is "xổ"), unless the other spelling pairs with a word beside
        # it that asks for something ("bi nua dao": lừa đảo, "quan ne chan": Lê Chân, "nam bai
        # thi": làm bài, "co xu kien": sự kiện); never a word that asks ("nào" is no "lào")
        if t.fold in _ASKS_OF:
            return None
        own = self.index.is_filler(t) or self.index.ambiguous(t.fold)
        found = {w for w in self._alike_folds(t.fold, own)
                 if pairs(w, content=own) or (own and self._between(w, prev, nxt))}
        if t.fold[:1] == "l":
            # n said l, between two words it pairs with that ask for something ("ky lang so":
            # kỹ năng số; "giải lao" alone is no "giải nào")
            said = "n" + t.fold[1:]
            if prev is not None and nxt is not None and said in self.index.vocab_folds and (
                    self._between(said, prev, nxt)) and not (
                    self._may_be_filler(prev) and self._may_be_filler(nxt)):
                found.add(said)
        if len(found) != 1:
            return None
        # the one word of those letters that pairs as written with a neighbour typed as the bot
        # writes it ("nien | hệ": liên); else typed without marks still ("khao học" is "khoa
        # học", science, in a message typed with marks)
        word = found.pop()
        written = [w for w in self.index.texts_by_fold.get(word, ())
                   if self._sure_pair(w, prev, nxt)]
        return Token(written[0], word, "word") if len(written) == 1 else make_token(word)

    def _alike_folds(self, folded: str, own: bool) -> frozenset[str]:
        """The words of the bot (folded) said alike to `folded` the other way, or (four
        letters or more, not `own`) with two neighbouring letters swapped: `own`, a filler or
        letters that spell several words, is said the other way by no ch/tr
        (`_said_alike_folded`); memoised, by the word's letters."""
        key = (folded, own)
        alike = self._alike.get(key)
        if alike is None:
            found = {b + folded[len(a):] for a, b in _SAID_ALIKE_FOLDED if folded.startswith(a)
                     and not (a == "n" and folded.startswith(("ng", "nh")))
                     and not (own and a in ("ch", "tr"))}  # ("cho lai" is no "trở lại")
            if len(folded) >= 4 and not own:
                # or two neighbouring letters swapped ("co khao hoc": khóa học), a word of the
                # bot too: every letter was typed
                found |= self._swaps(folded)
            alike = frozenset(found & self.index.vocab_folds)
            if len(self._alike) < MEMO_WORDS:
                self._alike[key] = alike
        return alike

    def _dated(self, t: Token, prev: Token | None, nxt: Token | None) -> Token | None:
        """n said l, typed without marks, in "this" after a word of the date ("hom lay", "chu
        nhat lay", "tuan lay": nay), where "lấy" asks nothing; after "toi" (tôi or tối) only
        before a filler or at the end of its part ("toi lay co gi" is tonight, "tôi lấy kết
        quả" is no "tối nay")."""
        if t.fold != "lay" or prev is None or prev.kind != "word" or (
                prev.fold not in DATE_FOLDS):
            return None
        if prev.fold == "toi" and nxt is not None and not self._may_be_filler(nxt):
            return None
        return make_token("nay")

    def _between(self, w: str, prev: Token | None, nxt: Token | None) -> bool:
        """`w` (folded) pairs with the word before it and with the word after it ("bi | lua |
        tren": bị lừa trên mạng)."""
        return prev is not None and nxt is not None and prev.kind == nxt.kind == "word" and (
            (prev.fold, w) in self.index.bigrams and (w, nxt.fold) in self.index.bigrams)

    def _may_be_filler(self, t: Token) -> bool:
        """`t` is a filler, or typed without marks in letters one spells ("co": có)."""
        return self.index.is_filler(t) or (not t.marked and self._spells_filler(t.fold))

    def _spells_filler(self, folded: str) -> bool:
        """Do the letters `folded` (no marks) spell a filler of the bot's ("co": có)?"""
        return any(w in self.index.filler_texts for w in self.index.texts_by_fold.get(folded, ()))

    def _cut(self, word: str) -> tuple[Token, ...]:
        """Two words typed with the first cut to its first consonants and the second whole
        ("cthi": cuộc thi, "tgia": tham gia, "hnao": hôm nào, "dvi": đơn vị), a form that is
        no syllable: the pair of the phrases with that second word and a first word starting
        with those letters, when the phrases use it at least twice as often as any other
        such pair (checked on the lexicon's own entries of this shape: 66 of 67 read right,
        10 left as they were)."""
        lead = len(word) - len(word.lstrip("bcdghklmnpqrstvx"))
        # a key typed twice ("ddien", "thhang") or two keys swapped ("thcu", "nhgi") is a typo
        if syllable(word) or any(a == b for a, b in itertools.pairwise(word[:lead + 1])) \
                or self._swapped(word) is not None:
            return ()
        counts = self.index.bigram_counts
        found: list[tuple[int, str, str]] = []
        for k in range(1, min(lead, 3) + 1):
            first, rest = word[:k], word[k:]
            if len(rest) < 2 or not syllable(rest):
                continue
            found.extend((counts[(a, rest)], a, rest) for a in self._firsts.get(rest, ())
                         if a.startswith(first) and a != first)
        if not found:
            return ()
        found.sort(reverse=True)
        if len(found) > 1 and found[0][0] < 2 * found[1][0]:
            return ()
        _n, a, rest = found[0]
        return (Token(a, a, "word", expanded=True), Token(rest, rest, "word", expanded=True))

    def _repair_word(self, t: Token, before: str, after: str, unmarked_near: bool = True,
                     again: bool = False, previous: Token | None = None,
                     following: Token | None = None) -> tuple[Token, ...]:
        """The word(s) `t` (a word the bot does not know) is read as; `again`: a swap of
        the letters typed, read by the sure rules only (no other swap, no correction)."""
        if len(t.fold) > RUN_LETTERS:
            # (longer than any words typed together: no reading of it is tried; each cut of a
            # 4,000-letter "word" made and folded its halves, a second of CPU a message)
            return (t,)
        keyed = self._telex(t, unmarked_near)
        if keyed is not None and keyed.keyed:  # "hoom": hôm, before "hom" by a letter less
            return (keyed,)
        # a shorthand joined to a word ("dkcthi", "xinsdt"), after the Telex keys ("sachs" is
        # sách, no "sac hs")
        joined = () if again or t.marked else self._joined_shorthand(t)
        if joined:
            return joined
        # Two neighbouring letters swapped keep every letter typed: the likeliest slip. The one
        # word of the bot such a swap spells is meant where it pairs with a neighbour ("gaii
        # thuong": giải, not "gai"; "choa ban": chào, not "cho") or where the letters typed
        # spell no Vietnamese syllable ("houng": hướng, not "ho ung"; "haot", "thmee").
        swap = None if t.marked or again else self._swapped(t.fold)
        paired = swap is not None and ((before, swap) in self.index.bigrams
                                       or (swap, after) in self.index.bigrams)
        # (a letter typed twice is a slip too: one pair undone is as likely as a swap, "gaii"
        # alone is "gai"; two pairs are two slips, "hhii" is "hihi")
        doubles = sum(a == b for a, b in itertools.pairwise(t.fold))
        if swap is not None and (paired or (not syllable(t.fold) and doubles != 1)):
            return (make_token(swap),)
        single = make_token(collapse_doubles(t.text))
        if single.text != t.text and self.index.known(single):
            return (single,)
        if swap is not None and not syllable(t.fold):  # "thmee": theme, not "thme", "them"
            return (make_token(swap),)
        undoubled = self._undoubled(t, again)
        if undoubled is not None:
            return undoubled
        if keyed is not None and not again:  # (a swap read only as keys typed: "taix")
            # a vowel's shape typed, no word of the bot: as typed ("muaw"), unless its
            # letters swapped read ("tuhws": thứ)
            if keyed is t:
                return (self._swap_read(t, before, after, unmarked_near)
                        or self._keyed_pair(t.fold, before, after) or (t,))
            return (keyed,)
        spelt = self._respelt(t, before, after)
        if spelt is not None:
            # (l said n gives way to a slip of the fingers that pairs, even where it pairs too:
            # "hom nau", "hom nat" are nay, a key beside; "co nich gi" is lịch, not "dịch")
            said = spelt.fold[1:] == t.fold[1:] and {spelt.fold[0], t.fold[0]} == {"l", "n"}
            if not again and not t.marked and (
                    said or not self._pairs_with(spelt.fold, before, after)):
                # a teencode spelling that pairs with no neighbour gives way to one slip that
                # does ("dien thoa": thoại, a final letter left out; not "thơ")
                corrected = self.index.correct(t.fold, before, after, self._joined)
                if corrected is not None and self._pairs_with(corrected, before, after) and (
                        not said or near_key(t.fold, corrected) or slip(t.fold, corrected)):
                    return (self._corrected(corrected, before, after,
                                            swapped=sorted(corrected) == sorted(t.fold)),)
            return (spelt,)
        if t.marked:
            # two neighbouring letters swapped, the marks typed with them ("nàgy", "chềiu"):
            # the one word of the bot they spell, as typed
            swaps = {retone(w) for w in self._swaps(t.text)} & self.index.vocab_texts
            if len(swaps) == 1:
                # a word of the date spelt so, its marks typed, names the day ("ságn mai")
                word = swaps.pop()
                return (Token(word, fold(word), "word", repaired=fold(word) not in DATE_FOLDS
                              or len(word) < 4),)
            # a letter left out, typed twice or beside the key meant, the marks typed right
            # ("lịh", "đăg", "tgứ", "hủi"): the word of the bot with those marks
            edited = self._marked_edit(t, before, after, previous, following)
            if edited is not None:
                return (edited[0],)
            # letters no word of the bot has, typed with marks ("thaoị"): a typo of a word that
            # pairs with a neighbour, read folded
            corrected = self.index.correct(t.fold, before, after, self._joined)
            if corrected is not None and ((before, corrected) in self.index.bigrams
                                          or (corrected, after) in self.index.bigrams):
                return (Token(corrected, corrected, "word", expanded=True, repaired=True),)
            return (t,)
        if len(t.fold) >= 4:
            for cut in sorted(range(2, len(t.fold) - 1), key=lambda c: -min(c, len(t.fold) - c)):
                left, right = make_token(t.fold[:cut]), make_token(t.fold[cut:])
                fillers = self.index.is_filler(left) + self.index.is_filler(right)
                # "phuong" is not "phụ ông": a filler in a split needs the pair to be known,
                # as do two fillers ("cogi": có gì, "maygio": mấy giờ) and four letters
                # (one a Vietnamese syllable at least: "shipper" is no "ship" and "per")
                if self.index.known(left) and self.index.known(right) and (
                        (fillers == 0 and not again and len(t.fold) >= 5
                         and (syllable(left.fold) or syllable(right.fold)))
                        or (left.fold, right.fold) in self._joined):
                    return left, right
            keyed_pair = None if again else self._keyed_pair(t.fold, before, after)
            if keyed_pair is not None:
                return keyed_pair
        if 6 <= len(t.fold) <= RUN_LETTERS:
            words = self._run_together(t.fold)
            # (or with one letter typed twice typed once: "lichhomnaycoggi", "…cogiii"; not
            # every pair, "lichhom" keeps its two h)
            for k in range(len(t.fold) - 1):
                if words is not None:
                    break
                if t.fold[k] == t.fold[k + 1]:
                    words = self._run_together(t.fold[:k] + t.fold[k + 1:])
            if words is not None:
                return words
        if again:
            return (t,)
        corrected = self.index.correct(t.fold, before, after, self._joined)
        # one slip that pairs with a neighbour ("hang nga": ngày) before two read as a swap
        # and a teencode spelling ("nga" -> "nag" -> "nang"), not before a swap that reads
        # Telex keys ("chru" -> "chur": chủ, not "chau")
        paired = corrected is not None and self._pairs_with(corrected, before, after)
        read = self._swap_read(t, before, after, unmarked_near)
        if read is not None and (not paired or any(r.keyed for r in read)):
            return read
        if corrected is not None:
            return (self._corrected(corrected, before, after,
                                    swapped=sorted(corrected) == sorted(t.fold)),)
        return (t,)

    def _marked_run(self, t: Token) -> tuple[Token, ...]:
        """Words typed with their marks and no space between them ("hômnay", "thưviện",
        "ngàymai", "khaimạc"): each piece a word of the bot, as typed when it has marks (by
        its letters when not, and then in a pair with a piece beside it), two to six pieces,
        the fewest first, then the most pairs; () when there is none."""
        text = t.text
        if len(text) != len(t.fold) or not 4 <= len(text) <= RUN_LETTERS:
            return ()
        best: tuple[int, int, tuple[str, ...]] | None = None
        whole_syllable = syllable(t.fold)

        def walk(rest: str, parts: tuple[str, ...]) -> None:
            nonlocal best
            if not rest:
                folds = [fold(p) for p in parts]
                paired = [p in self._joined for p in itertools.pairwise(folds)]
                # a piece typed without marks counts in a pair only ("vịen" is no "vị en"), or
                # of three letters or more beside pieces of two or more, in letters that spell
                # no one syllable ("maicó", "xemlịch"; "hoạ" is no "ho ạ", "khuyên" no "khu
                # yên")
                long = not whole_syllable and all(len(p) >= 2 for p in parts)
                if len(parts) >= 2 and all(
                        p != f or (k and paired[k - 1]) or (k < len(paired) and paired[k])
                        or (long and len(p) >= 3)
                        for k, (p, f) in enumerate(zip(parts, folds, strict=True))):
                    key = (len(parts), -sum(paired), parts)
                    if best is None or key < best:
                        best = key
                return
            if len(parts) == RUN_WORDS:
                return
            for cut in range(1, min(len(rest), 7) + 1):
                part = retone(rest[:cut])
                letters = fold(part)
                if syllable(letters) and (part in self.index.vocab_texts if part != letters
                                          else letters in self.index.vocab_folds
                                          and len(letters) > 1):
                    walk(rest[cut:], (*parts, part))

        walk(text, ())
        return () if best is None else tuple(make_token(p) for p in best[2])

    def _joined_shorthand(self, t: Token) -> tuple[Token, ...]:
        """A shorthand of the lexicon typed joined to a word or to another shorthand
        ("nhậntb", "dktgia", "dkcthi", "xinsdt", "sdtbtc"): the one cut where one piece is a
        shorthand that spells no syllable (two letters or more) and the other a word of the
        bot of three letters or more (as typed when it has marks) or such a shorthand too;
        () when no cut or several do. (The cuts of two words the bot knows, "dkthi", are
        `_repair_word`'s; a shorthand is no syllable, so "shipper" is no "ship per" here
        either.) (round 30 f)"""
        text = t.text
        if len(text) != len(t.fold) or not 5 <= len(text) <= 12 or not self._shorthands:
            return ()
        # a letter typed twice ("dôngg": no "dôn gg") or two letters swapped ("lihc": lịch,
        # no "li hc") is a slip of one word
        if any(a == b for a, b in itertools.pairwise(t.fold)) or (
                not t.marked and self._swapped(t.fold) is not None):
            return ()

        def short(piece: str) -> bool:
            return piece in self._shorthands if piece != fold(piece) \
                else piece in self._shorthand_folds

        def word(piece: str) -> bool:
            piece = retone(piece)
            return syllable(fold(piece)) and (
                piece in self.index.vocab_texts if piece != fold(piece)
                else piece in self.index.vocab_folds)

        # (a word of three letters or more: "li" or "ho" beside a shorthand is a slip)
        cuts = [(text[:k], text[k:]) for k in range(2, len(text) - 1)
                if (short(text[:k]) and (short(text[k:]) or (
                    len(text) - k >= 3 and word(text[k:]))))
                or (short(text[k:]) and k >= 3 and word(text[:k]))]
        if len(cuts) != 1:
            return ()
        return tuple(make_token(retone(p)) for p in cuts[0])

    def _pairs_with(self, word: str, before: str, after: str) -> bool:
        """`word` (folded) forms a pair of the phrases with the word before or after it."""
        return (before, word) in self.index.bigrams or (word, after) in self.index.bigrams

    def _keyed_pair(self, word: str, before: str, after: str) -> tuple[Token, ...] | None:
        """Two words typed as one, one or both with Telex keys left in ("naycos": này có,
        "hoomnay"): each piece read as keys or as it is; the pieces a pair the bot knows, or
        each piece with its neighbour ("hom | nay", "co | gi")."""
        if not _TELEX_KEYS.search(word):
            return None
        for cut in range(2, len(word) - 1):
            pieces = []
            for piece in (make_token(word[:cut]), make_token(word[cut:])):
                # (keys first: "cos" is also the lexicon's có, not known by its marks)
                keyed = self._telex(piece)
                if keyed is not None and (keyed.keyed or not self.index.known(piece)):
                    piece = keyed
                pieces.append(piece)
            left, right = pieces
            # a piece's marks sure by its keys, and the pieces a pair (as written, when both
            # have marks: "server" is no "sẻ vẻ") or each with its neighbour
            if (self.index.known(left) and self.index.known(right)
                    and (left.keyed or right.keyed)
                    and (((left.text, right.text) in self.index.pairs
                          or (left.fold, right.fold) in self._asks
                          if left.marked and right.marked
                          else (left.fold, right.fold) in self._joined)
                         or ((before, left.fold) in self._joined
                             and (right.fold, after) in self._joined))):
                return left, right
        return None

    def _swap_read(self, t: Token, before: str, after: str,
                   unmarked_near: bool) -> tuple[Token, ...] | None:
        """Two letters swapped in a word typed with Telex keys left in ("tmaj": tạm, "lihcj":
        lịch) or in words typed as one ("nagymai": ngày mai): the one swap the sure rules
        read (keys, doubled letters, teencode, words that pair); None when none or several."""
        if len(t.fold) > SWAP_READ_LETTERS:
            return None
        read = {r for r in (self._repair_word(make_token(w), before, after, unmarked_near,
                                              again=True)
                            for w in self._swaps(t.fold) if w not in self.index.vocab_folds)
                if all(self.index.known(x) for x in r)}
        return read.pop() if len(read) == 1 else None

    def _corrected(self, word: str, before: str, after: str, swapped: bool = False) -> Token:
        """A typo read as `word` (folded). A typo beside a word of the date it pairs with
        names that day ("hom nau"), as does one before the day's number ("mnug 3", "ngya 7");
        two letters swapped beside any word of the date or a number ("nagy mot", "sagn thu
        hai", "tahng 10"): every letter of the word was typed."""
        dated = word in DATE_FOLDS and (
            ((before, word) in self.index.bigrams and before in DATE_FOLDS)
            or ((word, after) in self.index.bigrams and after in DATE_FOLDS)
            or (after.isdigit() and len(word) >= 4)
            or (swapped and len(word) >= 4 and any(
                w in DATE_FOLDS or w.isdigit() for w in (before, after))))
        return Token(word, word, "word", repaired=not dated)

    @staticmethod
    def _swaps(word: str) -> set[str]:
        """`word` with two neighbouring letters swapped, each way it can be."""
        return {word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(len(word) - 1)
                if word[k] != word[k + 1]}

    def _swapped(self, word: str) -> str | None:
        """The one word of the bot (four letters or more, folded) that `word` is with two
        neighbouring letters swapped; None when there is none or several."""
        if len(word) < 4 or not word.isalpha():
            return None
        found = self._swaps(word) & self.index.vocab_folds
        return found.pop() if len(found) == 1 else None

    def _undoubled(self, t: Token, again: bool = False) -> tuple[Token, ...] | None:
        """One letter typed twice in a word that has another pair of letters ("frree",
        "ebbook", "cuuoc"): the pairs are undone one at a time, and the one word of the bot
        that gives is the word; one pair only, the word without it is read again
        ("nggaymai": "ngaymai", two words typed as one), as `t` is read (`again`: by the sure
        rules only, when `t` is itself a swap being tried)."""
        pairs = [k for k in range(len(t.text) - 1) if t.text[k] == t.text[k + 1]]
        if not pairs:
            return None
        singles = {make_token(retone(t.text[:k] + t.text[k + 1:])) for k in pairs}
        known = [s for s in singles if self.index.known(s)]
        if len(known) == 1:
            return (known[0],)
        if len(singles) == 1 and not known and len(t.text) >= 5:
            # (words typed as one keep a letter typed twice where one ends and the next
            # starts: "lichhomnay" is lịch hôm nay, not "lich om nay")
            if 6 <= len(t.fold) <= RUN_LETTERS and self._run_together(t.fold) is not None:
                return None
            read = self._repair_word(singles.pop(), "", "", again=again)
            if len(read) > 1 or self.index.known(read[0]):
                return read
        return None

    def _split_words(self, tokens: list[Token]) -> list[Token]:
        """A word typed in two pieces ("đăng k ý", "thu v iện", "kh ai mạc"), one of them
        without a vowel or no word of the bot, made one where the whole pairs with the word
        before or after it and the pieces do not."""
        out = list(tokens)
        k = 0
        while k + 1 < len(out):
            a, b = out[k], out[k + 1]
            # (one piece without a vowel or no word of the bot)
            # (a piece typed with marks no word of the bot has is none: "lị ch", "ho ạt")
            # (each said plainly: a generator for two values cost more than the test)
            odd_a = a.marked and a.text not in self.index.vocab_texts
            odd_b = b.marked and b.text not in self.index.vocab_texts
            if (a.kind == b.kind == "word" and a.clause == b.clause
                    and (a.fold, b.fold) not in self.index.bigrams
                    and not (VOWEL.search(a.fold) and self.index.known(a) and not odd_a
                             and VOWEL.search(b.fold) and self.index.known(b) and not odd_b)):
                whole = make_token(retone(a.text + b.text))
                before = out[k - 1].fold if k else ""
                after = out[k + 2].fold if k + 2 < len(out) else ""
                # (two pieces neither of which is a word of the bot need no pair: "l ich"; the
                # next word may be in two pieces too: "h om | n ay"; nor a piece with marks
                # no word has and one without a vowel, the whole typed as the bot writes it:
                # "lị ch")
                if self.index.known(whole) and (
                        (before, whole.fold) in self._joined
                        or (whole.fold, after) in self._joined
                        or not ((self.index.known(a) and not odd_a)
                                or (self.index.known(b) and not odd_b))
                        or (((odd_a and not VOWEL.search(b.fold))
                             or (odd_b and not VOWEL.search(a.fold)))
                            and whole.text in self.index.vocab_texts)
                        or self._pieces_after(out, k + 2, whole.fold)):
                    out[k:k + 2] = [whole.in_clause(a.clause)]
                    continue
            k += 1
        return out

    def _pieces_after(self, out: list[Token], k: int, word: str) -> bool:
        """Tokens k and k + 1 are one word typed in two pieces (one without a vowel or no
        word of the bot) that pairs with `word` (folded) before it."""
        if k + 1 >= len(out):
            return False
        c, d = out[k], out[k + 1]
        if not (c.kind == d.kind == "word" and c.clause == d.clause) or (
                VOWEL.search(c.fold) and self.index.known(c)
                and VOWEL.search(d.fold) and self.index.known(d)):
            return False
        whole = make_token(retone(c.text + d.text))
        return self.index.known(whole) and (word, whole.fold) in self._joined

    def _run_together(self, word: str) -> tuple[Token, ...] | None:
        """Three to six words typed as one ("lichngaymai", "thuvienmocua"): each a syllable
        the bot knows (no abbreviation; a filler only in a pair), and half the neighbours or
        more (at least one pair) pairs the bot knows; the fewest words first, then the most
        pairs."""
        best: tuple[int, int, tuple[str, ...]] | None = None

        def walk(rest: str, parts: tuple[str, ...]) -> None:
            nonlocal best
            if not rest:
                if len(parts) >= 3:
                    # (a word that asks or points, after a word that is no filler, pairs
                    # with it: "giai | gi", "cuoc thi | nay")
                    # (and the word that closes a question after the word that asks it:
                    # "…cogikhong", "…odauvay" (round 32 c))
                    paired = [p in self._joined or (
                        p[1] in _ASKS_OF and not self.index.is_filler(make_token(p[0])))
                        or (k == len(parts) - 2 and p[0] in ASK_WORDS and p[1] in _ENDS)
                        for k, p in enumerate(itertools.pairwise(parts))]
                    key = (len(parts), -sum(paired), parts)
                    # a filler ("ngay": ngay or ngày) counts only in a pair, but for the
                    # word that closes a question ("…cogikhong", "…nhe")
                    alone = any(self.index.is_filler(make_token(w))
                                and not (k and paired[k - 1])
                                and not (k < len(paired) and paired[k])
                                and not (k == len(paired) and w in _ENDS)
                                for k, w in enumerate(parts))
                    if (2 * sum(paired) >= len(paired) and not alone
                            and (best is None or key < best)):
                        best = key
                return
            if len(parts) == RUN_WORDS:
                return
            # (a word of one letter is a vowel: "thuvienodau", ở)
            for cut in range(1 if rest[0] in "aeiouy" else 2, min(len(rest), 7) + 1):
                part = rest[:cut]
                if syllable(part) and part in self.index.vocab_folds:
                    walk(rest[cut:], (*parts, part))

        walk(word, ())
        return None if best is None else tuple(make_token(p) for p in best[2])

    def _telex(self, t: Token, unmarked_near: bool = True) -> Token | None:
        """The word typed with the Telex keys left in ("ddieenj": điện; VNI digits read as those
        keys: "d9ie65n"), when the bot knows it:
        with its marks when they are sure (a vowel's shape was typed, "own": ơn, or no other
        word of the bot has those letters and that tone: "thif": thì), else folded and left to
        the words around it ("mays": máy or mấy, whose circumflex was not typed; "tienf":
        tiền, typed without its "ee"; only with a tone key at the end: "taxi" is no "tai").
        A word whose vowel's shape was typed and that the bot does not know stays unknown, as
        typed ("muaw": mưa, not "mua")."""
        if t.marked:
            return None
        keys = vni(t.fold) or t.fold
        decoded = telex(keys)
        if not decoded:
            return None
        known = {w for w in (retone(d) for d in decoded) if w in self.index.vocab_texts}
        shaped = "w" in keys or any(a in keys for a in ("aa", "ee", "oo", "dd"))
        if len(known) == 1:
            word = known.pop()
            same = [w for w in self.index.texts_by_fold.get(fold(word), ())
                    if tone(w) == tone(word)]
            if shaped or same == [word]:  # typed, its marks by keys
                if (unmarked_near and keys[-1] not in "sfrxj" and "w" not in keys
                        and "dd" not in keys and fold(word) in self.index.vocab_folds
                        and len(self.index.texts_by_fold.get(fold(word), ())) > 1):
                    # only a vowel typed twice, which is also a slip ("vaang": vâng or
                    # vàng), its neighbours typed without marks: folded, the words around
                    # it decide ("ngoon ngữ" stays ngôn)
                    return Token(fold(word), fold(word), "word", expanded=True)
                return Token(word, fold(word), "word", keyed=True)
        if shaped:
            # the shape typed, the tone left out or wrong ("nuwa": nữa): the words of that
            # shape decide, folded; none ("muaw": mưa) and it stays unknown, not "mua"
            shape = untoned(decoded[0])
            if shape in self.shapes:
                return Token(fold(shape), fold(shape), "word", expanded=True)
            # a bare w read ư that gives no word may be a slip ("nwua": nữa, swapped)
            w = keys.find("w")
            if w > 0 and not any(c in "aeiouy" for c in keys[:w]):
                return None
            return t
        plain = fold(decoded[0])
        # the tone key last, or before the final consonants only ("bajn": bạn, "vieecj";
        # "taxi" is no "tai")
        if (keys[-1] in "sfrxj" or _KEY_BEFORE_FINAL.search(keys)) \
                and plain in self.index.vocab_folds:
            return Token(plain, plain, "word", expanded=True)
        return None

    def fit(self, means: tuple[Token, ...], tokens: Sequence[Token], start: int,
             end: int) -> int:
        """How well a meaning of an abbreviation fits the words around it: a known pair with
        the word before, or with the next word or the next that is not a filler ("tl | học
        tập": tài liệu; "hd e | dùng": hướng dẫn; "bn | ơi": bạn)."""
        # (a pair never runs across a comma: "…loa phường nói, | ve xe" is no "nói về")
        # Meanings that differ only by their marks ("wa": quá, quả) pair alike by letters: of
        # those, the one the bot writes so beside the word ("kết | quả") scores a little more.
        score = 0
        if start and tokens[start - 1].clause == tokens[start].clause and (
                tokens[start - 1].fold, means[0].fold) in self.index.bigrams:
            score += 2 + self._as_written(tokens[start - 1], means[0], after=False)
        clause = tokens[end - 1].clause
        # (the word after the next only past a filler: "hd cho | hs": no "dẫn | học")
        past = end < len(tokens) and self.index.is_filler(tokens[end])
        follow = [t for t in (*tokens[end:end + 1],
                              *[t for t in tokens[end + 1:end + 3]
                                if past and not self.index.is_filler(t)][:1])
                  if t.clause == clause]
        paired = [t for t in follow if (means[-1].fold, t.fold) in self.index.bigrams]
        if paired:
            score += 2 + max(self._as_written(t, means[-1], after=True) for t in paired)
        return score

    def _as_written(self, neighbour: Token, word: Token, after: bool) -> int:
        """1 when the bot writes `word` as typed beside a spelling of `neighbour` (the
        neighbour's own marks, or any of its letters' when typed without)."""
        texts = ({neighbour.text} if neighbour.marked
                 else self.index.texts_by_fold.get(neighbour.fold, frozenset()))
        return int(any(((word.text, x) if after else (x, word.text)) in self.index.pairs
                       for x in texts))

    def _slip_pair(self, t: Token, before: Token | None, after: Token | None) -> bool:
        """`t` pairs (folded) with a neighbour typed without marks or with the marks of a
        word the bot knows ("thu | vịen", "hôm | nây", "ở | đau"): a marked word that is no
        word of the bot is a wrong mark where its letters pair with a word typed right."""

        def fits(n: Token | None, pair: tuple[str, str]) -> bool:
            return n is not None and n.kind == "word" and (
                not n.marked or n.text in self.index.vocab_texts) and pair in self.index.bigrams

        return (before is not None and fits(before, (before.fold, t.fold))) or (
            after is not None and fits(after, (t.fold, after.fold)))

    def _other_tones(self, text: str) -> tuple[frozenset[str], bool]:
        """The words of the bot with the letters and vowel marks of `text` and another tone
        (not none), and whether `text` has a tone (`_retoned`); memoised, by the word."""
        found = self._tones_of.get(text)
        if found is None:
            found = (frozenset(w for w in self._toned.get(untoned(text), ())
                               if w != text and tone(w)), bool(tone(text)))
            if len(self._tones_of) < MEMO_WORDS:
                self._tones_of[text] = found
        return found

    def _retoned(self, t: Token, prev: Token | None, after: Token | None) -> Token | None:
        """A word typed with the wrong tone, its letters and vowel marks right (a slip of the
        tone key): the one word of the bot with those letters that forms a pair, as written,
        with a neighbour typed as the bot writes it ("thế | lệ": thể lệ, "mốt | lần": một lần,
        "sãng | mai"); a word of the date also before the day's number ("thừ 4") or, for a
        form no word has, beside another word of the date ("sạng | thứ bảy"). A word of the
        bot is read another only beside a word that asks for something, never a filler
        ("hộ chiếu | ở" stays). A form no word of the bot has that pairs with no neighbour is
        the one filler of that shape ("đế": để, not đề), never a word for a person. A word
        typed as the bot writes it that forms a pair with a neighbour stays as typed (giá |
        vé, người | già), and so does a tone typed on a word written without one ("bão").
        `prev`, `after`: its neighbours in its part of the message (`_neighbours`)."""
        # the wrong tone key, not a tone added to a word written without one ("bão" is no "bao")
        candidates, toned = self._other_tones(t.text)
        odd = t.text not in self.index.vocab_texts
        # a tone key that did not take, the vowels' marks typed ("mây giờ": mấy), is read
        # only in letters no word of the bot has and beside a neighbour it pairs with
        untoned_odd = odd and not toned
        if not candidates or not (toned or untoned_odd):
            return None
        pairs = self.index.pairs

        def sure(n: Token | None) -> bool:  # a neighbour typed as a word of the bot is written
            return n is not None and n.kind == "word" and n.text in self.index.vocab_texts

        def paired(w: str) -> bool:
            return ((sure(prev) and (prev.text, w) in pairs)  # type: ignore[union-attr]
                    or (sure(after) and (w, after.text) in pairs)  # type: ignore[union-attr]
                    # a word of the date that comes before the day's number ("thừ 4": thứ)
                    or (w in BEFORE_NUMBER and after is not None and after.kind == "number")
                    # a form no word has, one word of the date beside another ("sạng | thứ
                    # bảy", "tháng | mượi")
                    or (odd and w in DATE_TEXTS and any(
                        n is not None and n.text in DATE_TEXTS for n in (prev, after))))

        if not odd and (paired(t.text) or (
                prev is not None and (prev.text, t.text) in pairs) or (
                after is not None and (t.text, after.text) in pairs)):
            return None
        if not odd:
            # a word of the bot typed as written is read another only on a word that asks
            # for something beside it ("thế | lệ"), never on a filler ("hộ chiếu | ở")
            prev = prev if prev is not None and not self.index.is_filler(prev) else None
            after = after if after is not None and not self.index.is_filler(after) else None
        found = [w for w in candidates if paired(w)]
        if untoned_odd and not found:  # (or a question word with it: "mây | giờ")
            found = [w for w in candidates if any(
                n is not None and n.kind == "word" and pair in self._asks
                for n, pair in ((prev, (prev and prev.fold, fold(w))),
                                (after, (fold(w), after and after.fold))))]
        if len(found) == 1:  # the neighbour says which: as if typed right
            return Token(found[0], t.fold, "word")
        if untoned_odd:
            return None
        # a form no word of the bot has, its one filler of that shape: fillers are typed
        # in nearly every message ("cũa": của, "đế": để), read as a correction
        fillers = [w for w in candidates if w in self.index.filler_texts and w not in KIN]
        if odd and not found and len(fillers) == 1:
            return Token(fillers[0], t.fold, "word", repaired=True)
        # the one word of that shape a teencode spelling the lexicon reads ("nhỉu": nhìu)
        if odd and not found and len(candidates) == 1 and candidates <= self._spellings:
            return Token(next(iter(candidates)), t.fold, "word")
        return None

    def _respelt(self, t: Token, before: str, after: str) -> Token | None:
        """The word a teencode spelling stands for ("zui": vui, "chìu": chiều), a known pair
        with a neighbour first; its marks are not compared (written by the rules, as the
        lexicon writes an abbreviation). A word typed with marks in a spelling Vietnamese
        allows ("mãi" is not "máy" nor "mấy") is respelt only to a word of the date or a filler
        of the same tone ("nài", "chìu", "cóa": này, chiều, có) or where a neighbour pairs with
        the respelling."""
        known = [(w, ok) for w, ok in respellings(t.fold, t.marked)
                 if w in self.index.vocab_folds]
        if not t.marked and t.fold[:1] in "ln" and t.fold[:2] not in ("ng", "nh"):
            # l said n (or n said l) typed without marks, in letters no word of the bot has:
            # that word where it pairs with a neighbour ("bao nau": lâu), or asks for
            # something ("co nich gi": lịch; a slip that pairs wins, `_repair_word`: "hom nau"
            # is nay); a filler's letters are rather a typo ("nao" is no "lào")
            said = "nl"["ln".index(t.fold[0])] + t.fold[1:]
            if said in self.index.vocab_folds and (
                    (before, said) in self.index.bigrams or (said, after) in self.index.bigrams
                    or not (self._spells_filler(said)
                            # (nor a slip of a word of the date, which the date reader mends:
                            # "hom nat" is nay, not "lát")
                            or any(near_key(t.fold, d) or slip(t.fold, d)
                                   for d in DATE_FOLDS))):
                known.append((said, True))
        paired = [w for w, _ok in known if (before, w) in self.index.bigrams
                  or (w, after) in self.index.bigrams]
        if t.marked:
            # its marks typed, the respelling that is a word of the bot with them: the one
            # that pairs with a neighbour, else of those a filler ("zới": với, not giới), else
            # the only one where no respelling pairs by its letters ("zâng": vâng, not đang;
            # "zăng ký" pairs as đăng) (round 32 c)
            as_typed = marked_respellings(t.text) & self.index.vocab_texts
            found = {w for w in as_typed if fold(w) in paired}
            if len(found) != 1:
                found = {w for w in (found or as_typed) if w in self.index.filler_texts}
            if not found and not paired:
                found = set(as_typed)
            if len(found) == 1:
                written = next(iter(found))
                return Token(written, fold(written), "word")
        mark = tone(t.text)
        # the northern l typed n in letters no word of the bot has ("nịch"): that word
        sure = [w for w, ok in known if not ok or not t.marked or w in DATE_FOLDS
                or (w == "l" + t.fold[1:] and t.fold not in self.index.vocab_folds)
                or any(x in self.index.filler_texts and tone(x) == mark
                       for x in self.index.texts_by_fold.get(w, ()))]
        word = next(iter(paired), None) or next(iter(sure), None)
        if word is None and t.marked:
            return self._heard(t, before, after)
        if word is not None and t.marked and word[1:] == t.fold[1:]:
            # l said n (or n said l): the marks typed are the word's ("nà": là, "niệu": liệu)
            said = word[0] + t.text[1:]
            if said in self.index.vocab_texts:
                return Token(said, word, "word")
        return None if word is None else Token(word, word, "word", expanded=True)

    def _heard(self, t: Token, before: str, after: str) -> Token | None:
        """A word typed with its marks as the North says it, d, gi and r alike, s and x, ch
        and tr ("xự kiện", "dải thưởng", "đọc xách"): the one word of the bot spelt so with
        the same marks that pairs with a neighbour ("rẻ" is no "dẻ", "đi chợ" no "trợ")."""
        found = {_initial(b, t.text[len(a):]) for a, b in _HEARD_ALIKE if t.text.startswith(a)}
        found = {w for w in found if w in self.index.vocab_texts
                 and ((before, fold(w)) in self._joined or (fold(w), after) in self._joined)}
        if len(found) != 1:
            return None
        word = found.pop()
        return Token(word, fold(word), "word")


def _initial(initial: str, rest: str) -> str:
    """`rest` (a word after its initial) with `initial` before it: gi before an i is g ("dì",
    "dìn" said for gì, gìn: not "giì")."""
    if initial == "gi" and fold(rest[:1]) == "i":
        return "g" + rest
    return initial + rest


# The letters a slip of one key leaves out or adds in a word typed with its marks (a letter
# with a mark is the word's): consonants, Telex's keys, and vowels without a mark ("qa": qua).
_SLIP_LETTERS: Final = "bcdghklmnpqrstvxaeiouyjfwz"
# A letter typed for another: a key beside it on a phone's keyboard (in its row or the row
# above or below), i for y and u for y ("hủi", "hủu": hủy), c and t at the end ("mạt": mạc).
_KEY_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_BESIDE: Final[dict[str, str]] = {
    a: "".join(b for rb, row_b in enumerate(_KEY_ROWS) for ib, b in enumerate(row_b)
                      if b != a and abs(ra - rb) <= 1 and abs(ia - ib) <= 1)
    for ra, row_a in enumerate(_KEY_ROWS) for ia, a in enumerate(row_a)}
for _a, _b in (("i", "y"), ("u", "y"), ("c", "t")):
    _BESIDE[_a] += _b
    _BESIDE[_b] += _a
# A vowel's shape typed wrong or left out, its tone kept ("tạp": tập, "vói": với, "đỏi": đổi,
# "thư viên": viện's shape is no slip of this kind, its tone was left out)
_SHAPES: Final = {"a": "âă", "â": "aă", "ă": "aâ", "e": "ê", "ê": "e", "o": "ôơ", "ô": "oơ",
                  "ơ": "oô", "u": "ư", "ư": "u", "d": "đ", "đ": "d"}
BEFORE_FOLDS: Final = frozenset(fold(w) for w in BEFORE_NUMBER)


_GLIDE_TONE = re.compile("([ou])([\u0300\u0301\u0303\u0309\u0323])([aey])(?=[bcdghklmnpqrstvx])")


def _placed(word: str) -> str:
    """`word` with its tone placed as the edition writes it: on the o/u of a final oa, oe, uy
    (`retone`), on its a, e, y before a final ("họat": hoạt, "hủyn": huỷn)."""
    word = retone(word)
    if word.isascii():
        return word
    d = unicodedata.normalize("NFD", word)
    if "q" in d:
        return word
    moved = _GLIDE_TONE.sub(r"\1\3\2", d)
    return word if moved == d else unicodedata.normalize("NFC", moved)


def _shape_edits(text: str) -> frozenset[str]:
    """The forms of `text` (a word typed with marks) with one vowel's shape (or d's bar)
    typed another way, each letter's tone kept."""
    out: set[str] = set()
    for k, c in enumerate(text):
        mark = tone(c)
        for other in _SHAPES.get(untoned(c), ""):
            out.add(text[:k] + unicodedata.normalize("NFC", other + mark) + text[k + 1:])
    return frozenset(_placed(w) for w in out)


def _key_edits(text: str) -> frozenset[str]:
    """The forms one slip of a key away from `text` (a word typed with marks): a letter left
    out, typed twice or added, or typed for the key beside it; the letters with marks kept,
    each form's tone placed as the edition writes it."""
    if len(text) > 8:
        return frozenset()
    out: set[str] = set()
    for k in range(len(text) + 1):
        for c in _SLIP_LETTERS:
            out.add(text[:k] + c + text[k:])
        if k < len(text) and text[k] in _SLIP_LETTERS:
            out.add(text[:k] + text[k + 1:])
            for c in _BESIDE.get(text[k], ""):
                out.add(text[:k] + c + text[k + 1:])
    out.update(text + f for f in PAIRED_FINALS)  # ("chươ": chương, "thà": thành)
    out.discard(text)
    return frozenset(_placed(w) for w in out)


# The final consonants a word may have lost at its end (`Repairer._final_left_off`).
_FINALS: Final = ("c", "m", "n", "p", "t", *sorted(PAIRED_FINALS))


def _neighbours(tokens: list[Token], k: int) -> tuple[Token | None, Token | None]:
    """The words before and after token k in its part of the message (None at its ends)."""
    t = tokens[k]
    prev = tokens[k - 1] if k and tokens[k - 1].clause == t.clause else None
    after = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].clause == t.clause else None
    return prev, after
