"""How alike each checklist task and each report passage are (the numbers ``gap_evidence`` decides on).

TF-IDF cosine over words and synonym tags (``matching``), mixed with a character-bigram cosine, of
every task against every passage, and optionally of every sentence of a long task alone. What the
checklist side needs is computed once per worker and checklist (``checklist_side``, cached).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .matching import (ItemIndex, bigram_cosines, idf, index_bigram_items, index_items, item_cosines, key_terms,
                       terms)


@dataclass(frozen=True, slots=True)
class ChecklistSide:
    """What the matching needs of the checklist alone, computed once per worker and checklist."""

    item_terms: tuple[list[str], ...]
    title_terms: tuple[list[str], ...]
    weights: dict[str, float]            # IDF over the items only (key-term coverage)
    keys: tuple[list[str], ...]          # each item's six heaviest title key terms
    term_index: ItemIndex                # the items' terms, title terms boosted (word cosines)
    gram_index: ItemIndex                # the same for their character bigrams
    sentence_terms: ItemIndex            # each item sentence's terms (a long task's parts)
    sentence_grams: ItemIndex            # … and bigrams
    sentence_starts: tuple[int, ...]     # first sentence row of each item


@lru_cache(maxsize=8)
def checklist_side(texts_titles: tuple[tuple[str, str], ...]) -> ChecklistSide:
    import numpy as np

    item_terms = tuple(terms(text) for text, _ in texts_titles)
    weights = idf(item_terms)
    keys = tuple(sorted(key_terms(title, limit=20), key=lambda t: -weights.get(t, 0.0))[:6]
                 for _, title in texts_titles)
    title_terms = tuple(terms(title) for _, title in texts_titles)
    sentences = [task_sentences(text) for text, _ in texts_titles]
    flat = [x for group in sentences for x in group]
    starts = tuple(int(n) for n in np.cumsum([0] + [len(g) for g in sentences[:-1]]))
    return ChecklistSide(item_terms=item_terms, title_terms=title_terms, weights=weights, keys=keys,
                          term_index=index_items(item_terms, title_terms),
                          gram_index=index_bigram_items([text for text, _ in texts_titles],
                                                        [title for _, title in texts_titles]),
                          sentence_terms=index_items([terms(x) for x in flat], [[] for _ in flat]),
                          sentence_grams=index_bigram_items(flat, ["" for _ in flat]),
                          sentence_starts=starts)


def task_sentences(text: str) -> list[str]:
    """A task's sentences (at 。！？；), the whole text when it has one."""
    parts = [x for x in re.split(r"(?<=[。！？；;!?])", text) if x.strip()]
    return parts or [text]


def similarities(side: ChecklistSide, passages, own_terms, passage_terms, mix: float, sentence_weight: float = 0.0):
    """items × passages array: TF-IDF cosine over words and synonym tags (IDF over the items and this
    report's passages), mixed with a character-bigram cosine by ``mix``. With ``sentence_weight``, a
    passage also meets each sentence of a task alone (a 300-character task on 德智体美劳 and "抓好德育常规
    工作" share little of the whole, much of its 德育 sentence): the item's value is the larger of its
    whole-text cosine and ``sentence_weight`` × its best sentence's."""
    import numpy as np

    sims = mixed_cosines(side.term_index, side.gram_index, passages, own_terms, passage_terms, mix)
    if not sentence_weight:
        return sims
    parts = mixed_cosines(side.sentence_terms, side.sentence_grams, passages, own_terms, passage_terms, mix)
    best = np.maximum.reduceat(parts, list(side.sentence_starts), axis=0)
    return np.maximum(sims, sentence_weight * best)


def mixed_cosines(term_index, gram_index, passages, own_terms, passage_terms, mix: float):
    sims = item_cosines(term_index, passage_terms, own_terms)
    if not mix:
        return sims
    gram_sims = bigram_cosines(gram_index, [p.text for p in passages])
    return (1 - mix) * sims + mix * gram_sims     # elementwise: the same floats as pair by pair


__all__ = ["ChecklistSide", "checklist_side", "mixed_cosines", "similarities", "task_sentences"]
