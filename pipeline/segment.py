"""Word segmentation: the only module that touches jieba.

Each ``Segmenter`` owns a private ``jieba.Tokenizer`` loaded with the domain dictionary
(``pipeline/data/userdict.txt``: term, frequency, POS). The global ``jieba.dt`` is never used or
changed, so two segmenters with different dictionaries never leak words into each other, and
jieba's marshalled cache goes to the project cache directory, not a shared /tmp file.
"""
from __future__ import annotations

import logging
import re
from collections import OrderedDict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jieba

from .config import cache_dir

jieba.setLogLevel(logging.WARNING)

USERDICT = Path(str(resources.files("pipeline") / "data" / "userdict.txt"))
_SPACE = re.compile(r"^\s+$")
_PUNCT = re.compile(r"^[\s\W_]+$")
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
MEMO_ENTRIES = 50_000
MEMO_MAX_CHARS = 2_000


class Segmenter:
    """jieba with its own dictionary state.

    Args:
        userdict: path of a jieba user dictionary (``word freq [pos]`` per line); None for none.
        extra_words: more words to add to this segmenter only.
        memo_entries: how many passages' ``cut`` results to remember (0 turns the memo off).

    Each passage is segmented several times (classification features, cue matching, gap
    matching), so ``cut`` keeps a bounded least-recently-used memo keyed by the text. The memo
    belongs to the instance (two segmenters never share entries, and ``add_word`` clears it),
    holds tuples, and hands out fresh lists so callers cannot change what is remembered. Texts
    longer than ``MEMO_MAX_CHARS`` (whole documents) are not remembered.
    """

    def __init__(
        self,
        userdict: str | Path | None = USERDICT,
        extra_words: tuple[str, ...] = (),
        memo_entries: int = MEMO_ENTRIES,
    ):
        self.userdict = Path(userdict) if userdict else None
        self.memo_entries = memo_entries
        self._memo: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        # content words of remembered cuts: features, cue matching and gap terms all ask for them
        self._words: dict[str, tuple[str, ...]] = {}
        self.memo_hits = 0
        self.memo_misses = 0
        self._tok = jieba.Tokenizer()
        self._tok.tmp_dir = str(cache_dir())
        self._tok.initialize()
        if self.userdict:
            with open(self.userdict, "rb") as handle:      # jieba leaves a path it opens unclosed
                self._tok.load_userdict(handle)
        for word in extra_words:
            self._tok.add_word(word)

    def add_word(self, word: str, freq: int | None = None) -> None:
        self._tok.add_word(word, freq)
        self.clear_memo()  # a new word can change how remembered texts are cut

    def clear_memo(self) -> None:
        """Forget every remembered cut (a batch worker starts each file afresh)."""
        self._memo.clear()
        self._words.clear()

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` in order, whitespace tokens dropped."""
        return list(self._cut_tuple(text))

    def _cut_tuple(self, text: str) -> tuple[str, ...]:
        if not self.memo_entries or len(text) > MEMO_MAX_CHARS:
            return self._cut_uncached(text)
        cached = self._memo.get(text)
        if cached is not None:
            self.memo_hits += 1
            try:
                self._memo.move_to_end(text)
            except KeyError:  # evicted by another thread meanwhile; the tuple is still right
                pass
            return cached
        self.memo_misses += 1
        words = self._cut_uncached(text)
        self._memo[text] = words
        while len(self._memo) > self.memo_entries:
            try:
                self._memo.popitem(last=False)
            except KeyError:
                break
        return words

    def _cut_uncached(self, text: str) -> tuple[str, ...]:
        return tuple(w for w in self._tok.cut(text, HMM=True) if not _SPACE.match(w))

    def words(self, text: str) -> list[str]:
        """Content words: ``cut`` without punctuation-only tokens (for features and matching)."""
        return list(self._words_tuple(text))

    def _words_tuple(self, text: str) -> tuple[str, ...]:
        words = self._words.get(text)
        if words is None:
            words = tuple(w for w in self._cut_tuple(text) if not _PUNCT.match(w))
            if self.memo_entries and len(text) <= MEMO_MAX_CHARS:
                if len(self._words) >= self.memo_entries:   # bounded like the memo; refilled on demand
                    self._words.clear()
                self._words[text] = words
        return words

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) with character offsets into ``text``; whitespace dropped."""
        return [(w, s, e) for w, s, e in self._tok.tokenize(text) if not _SPACE.match(w)]

    def in_dictionary(self, word: str) -> bool:
        return bool(self._tok.FREQ.get(word))


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """One segmenter per process (initialising jieba takes about a second)."""
    return Segmenter()


def segment_for_features(text: str) -> list[str]:
    """Module-level tokenizer for scikit-learn vectorizers (picklable, no lambdas)."""
    return default_segmenter().words(text)




@lru_cache(maxsize=1)
def _sentence_piece_pattern() -> re.Pattern:
    """A line's sentences, cut after the terminals and closing quotes ``extract.sentences`` uses."""
    from .extract.sentences import CLOSERS, TERMINALS

    return re.compile(rf"[^\n{TERMINALS}]+(?:[{TERMINALS}]+[{re.escape(CLOSERS)}]*)?")


def _sentence_pieces(text: str) -> list[str]:
    return _sentence_piece_pattern().findall(text)


def text_quality(text: str, sample_chars: int = 20_000) -> float:
    """Share of multi-character jieba tokens found in jieba's own dictionary (tika-eval's OOV idea).

    Clean Chinese scores high (about 0.8+); mojibake such as GBK read as Big5 scores low.
    Returns 1.0 when the text has too few Han words to judge. The text is cut sentence by sentence
    through the memo: those are (mostly) the passages the classifier cuts next, so a document is
    segmented once, not once for this check and again for the features.
    """
    seg = default_segmenter()
    words = (w for piece in _sentence_pieces(text[:sample_chars]) for w in seg.cut(piece.strip()))
    han = [w for w in words if len(w) >= 2 and _HAN_WORD.match(w)]
    if len(han) < 5:
        return 1.0
    known = sum(1 for w in han if seg.in_dictionary(w))
    return known / len(han)
