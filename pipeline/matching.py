"""Lexical matching of checklist items against report passages (TF-IDF cosine + key-term coverage).

Terms are jieba words (``pipeline.segment``) minus generic officialese stopwords (工作/进一步/加强/
切实 …), mapped to near-synonym group tags (``pipeline/data/gap_synonyms.txt``) so paraphrases meet:
a report's 简报 matches an item's 动态信息. Weights are smoothed IDF over the checklist items plus
the report's passages, so terms every item shares (督导组, 先进性教育活动) count for little.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain
from importlib import resources
from typing import Any, NamedTuple, Sequence

STOPWORDS = frozenset("""
工作 进一步 加强 切实 认真 积极 开展 要 的 和 与 及 并 等 各 有关 相关 方面 情况 确保 做好 提高 推进
努力 不断 全面 深入 扎实 坚持 注意 注重 把 在 是 了 对 将 为 以 中 上 下 有 也 都 又 就 还 从 由 被 让 使
我们 我组 我局 大家 同志 同志们 他们 自己 这次 这里 今后 目前 同时 一些 一个 通过 按照 根据 作为 能够 必须
先进性 教育 活动 先进性教育 先进性教育活动 区委 市委 中央 区里 全区 督导 督导组 督导工作 单位 各单位 组织
开展工作 一定 要求 提出 进行 加以 及时 主要 重要 充分 更加 较好 良好 有效 具体 各项 一是 二是 三是 四是
第一 第二 第三 第四 一要 二要 三要 做到 形成 实现 进一步 着力 狠抓 抓好 抓实 落实好 完成 部署 统一部署 总体部署
""".split())
_NUMERIC = re.compile(r"^[\d０-９.．%％]+$")
_STAGE = re.compile(r"(?:学习动员|学习教育|分析评议|整改提高|查摆问题|专题学习|思想教育)(?:阶段|环节)?")


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """word -> group tags it belongs to (a group's tag is its first word)."""
    path = resources.files("pipeline") / "data" / "gap_synonyms.txt"
    groups: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words or line.startswith("#"):
            continue
        tag = "≈" + words[0]
        for word in words:
            groups.setdefault(word, []).append(tag)
    return {w: tuple(tags) for w, tags in groups.items()}


def terms(text: str) -> list[str]:
    """Content terms of ``text``: words (≥2 chars, not stopwords, not numbers) plus synonym tags."""
    return terms_of([text])[0]


def terms_of(texts: Sequence[str], known_words: dict[str, list[str]] | None = None) -> list[list[str]]:
    """``terms`` of each text, the long-synonym scan done for all the texts at once.
    ``known_words``: text -> its segmenter words, where the caller already knows them.

    A text's terms are the terms of its words (stage names cut out first: 学习动员阶段 says nothing
    about 学习), then the tags of every long synonym that occurs in it, in list order: multi-word
    synonyms jieba may cut apart (讲真话 -> 讲/真话) are caught on the raw text. Checking each long
    synonym against each passage was half the cost of a report's terms; here the texts' code points
    form one array, and only the positions where some long synonym's first three characters stand
    are looked at (a synonym in a text starts there; tests/test_matching_terms.py).
    """
    from .segment import default_segmenter

    words_of = default_segmenter().words
    staged = [_STAGE.subn("，", text) for text in texts]
    out: list[list[str]] = []
    for text, n_stages in staged:
        found = ["≈阶段"] * n_stages
        known = known_words is not None and not n_stages and text in known_words   # text unchanged by _STAGE
        found.extend(chain.from_iterable(map(_word_terms, known_words[text] if known else words_of(text))))
        out.append(found)
    for j, entries in _long_synonym_candidates([text for text, _ in staged]).items():
        text = staged[j][0]
        for _, word, tags in sorted(entries):      # list order, each word once
            if word in text:
                out[j].extend(tags)
    return out


def _long_synonym_candidates(texts: Sequence[str]) -> dict[int, set]:
    """text index -> the entries (list position, word, tags) of the long synonyms whose first three
    characters it holds."""
    import numpy as np

    prefixes, codes = _long_synonym_prefixes()
    joined = "\n".join(texts)              # no synonym holds a line break, so none spans two texts
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    if len(points) < 3 or not len(codes):
        return {}
    triples = (points[:-2] << 42) | (points[1:-1] << 21) | points[2:]
    where = np.minimum(np.searchsorted(codes, triples), len(codes) - 1)
    at = np.flatnonzero(codes[where] == triples)
    rows = np.searchsorted(np.cumsum([len(t) + 1 for t in texts]), at, side="right")
    found: dict[int, set] = {}
    for position, row in zip(at.tolist(), rows.tolist()):
        found.setdefault(row, set()).update(prefixes[joined[position:position + 3]])
    return found


@lru_cache(maxsize=1)
def _long_synonym_prefixes():
    """Long synonyms by their first three characters, as (list position, word, tags) entries, and
    those prefixes as sorted code-point triples."""
    import numpy as np

    prefixes: dict[str, list] = {}
    for position, (word, tags) in enumerate(_long_synonyms()):
        prefixes.setdefault(word[:3], []).append((position, word, tags))
    codes = sorted((ord(p[0]) << 42) | (ord(p[1]) << 21) | ord(p[2]) for p in prefixes)
    return {p: tuple(entries) for p, entries in prefixes.items()}, np.array(codes, dtype=np.int64)


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms one jieba word contributes (itself, its synonym tags, a four-character word's halves)."""
    if len(word) < 2 or word in STOPWORDS or _NUMERIC.match(word):
        return ()
    groups = synonym_groups()
    out = [word, *groups.get(word, ())]
    if len(word) == 4 and word not in groups:
        # 分工协作 -> 分工, 协作: four-character compounds meet their paraphrases through halves
        for half in (word[:2], word[2:]):
            if half not in STOPWORDS:
                out.append(half)
                out.extend(groups.get(half, ()))
    return tuple(out)


@lru_cache(maxsize=1)
def _long_synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Synonym words of 3+ characters with their tags, in ``synonym_groups`` order."""
    return tuple((word, tags) for word, tags in synonym_groups().items() if len(word) >= 3)


def idf(collection: Sequence[Sequence[str]]) -> dict[str, float]:
    n = len(collection)
    df = Counter(t for doc in collection for t in set(doc))
    return {t: math.log((n + 1) / (d + 0.5)) + 1.0 for t, d in df.items()}


def tfidf_cosines(items: Sequence[Sequence[str]], boosts: Sequence[Sequence[str]],
                  passages: Sequence[Sequence[str]], collection: Sequence[Sequence[str]]) -> list[list[float]]:
    """items × passages cosines of sublinear-tf × ``idf(collection)`` vectors, as one sparse product.

    A term counted c times weighs (1 + ln c) × its IDF (1.0 outside the collection); an item's
    ``boosts`` (its title terms) count double. Pairs sharing no term are exactly 0.0. A report is
    compared with every checklist item twice (words, bigrams); pairwise dict lookups cost about
    10 ms per report, the product a fraction of that (tests/test_matching.py checks it against the
    plain per-pair definition). ``item_cosines``/``bigram_cosines`` give the same numbers with the
    checklist side indexed once.
    """
    import numpy as np

    vocabulary: dict[str, int] = {}
    parts = [_term_keys(lists, vocabulary) for lists in (items, passages, collection)]
    width = max(len(vocabulary), 1)
    item_m, passage_m, coll_m = (_counts(rows, cols, len(lists), width)
                                 for (rows, cols), lists in zip(parts, (items, passages, collection)))
    df = np.bincount(coll_m.indices, minlength=width)
    boosted = [{vocabulary[t] for t in boost if t in vocabulary} for boost in boosts]
    factors = _boost_factors(item_m, boosted)
    return _weighted_cosines(item_m, passage_m, df, len(collection), factors, width).tolist()


@dataclass(frozen=True, slots=True)
class ItemIndex:
    """The checklist side of ``tfidf_cosines``, indexed once per checklist: the vocabulary numbered by
    first occurrence over the items (the columns ``tfidf_cosines`` gives them, so sums run in the same
    order), the items' term counts as CSR parts, their boost factors (2.0 on a title term) and, for bigram items,
    the bigrams as sorted code-point pairs (``codes``) with their columns."""

    vocabulary: dict[str, int]
    counts: _Counts
    boost_factors: Any
    codes: Any = None
    code_columns: Any = None


def index_items(items: Sequence[Sequence[str]], boosts: Sequence[Sequence[str]]) -> ItemIndex:
    """``ItemIndex`` of term lists ``items`` with title terms ``boosts``."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    rows, cols = _term_keys(items, vocabulary)
    counts = _counts(rows, cols, len(items), max(len(vocabulary), 1))
    boosted = [{vocabulary[t] for t in boost if t in vocabulary} for boost in boosts]
    return ItemIndex(vocabulary=vocabulary, counts=counts, boost_factors=_boost_factors(counts, boosted),
                     codes=np.empty(0, dtype=np.int64),
                     code_columns=np.empty(0, dtype=np.int64))


def index_bigram_items(texts: Sequence[str], titles: Sequence[str]) -> ItemIndex:
    """``ItemIndex`` of the ``bigrams`` of item ``texts``, boosted by those of their ``titles``."""
    import numpy as np

    index = index_items([bigrams(t) for t in texts], [bigrams(t) for t in titles])
    codes = np.array([_pair_code(ord(g[0]), ord(g[1])) for g in index.vocabulary], dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    return replace(index, codes=codes[order], code_columns=order.astype(np.int64))


def item_cosines(index: ItemIndex, passages: Sequence[Sequence[str]], others: Sequence[Sequence[str]]):
    """``tfidf_cosines(items, boosts, passages, [*items, *others])`` as an array, the items indexed
    once (``index``): a batch worker compares every report with the same checklist."""
    import numpy as np

    vocabulary = dict(index.vocabulary)
    passage_rows, passage_cols = _term_keys(passages, vocabulary)
    other_rows, other_cols = _term_keys(others, vocabulary)
    width = max(len(vocabulary), 1)
    other_m = _counts(other_rows, other_cols, len(others), width)
    df = np.bincount(index.counts.indices, minlength=width) + np.bincount(other_m.indices, minlength=width)
    passage_m = _counts(passage_rows, passage_cols, len(passages), width)
    n_collection = index.counts.n_rows + len(others)
    return _weighted_cosines(index.counts, passage_m, df, n_collection, index.boost_factors, width)


def bigram_cosines(index: ItemIndex, texts: Sequence[str]):
    """``tfidf_cosines(items, boosts, grams, [*items, *grams])`` with ``grams = [bigrams(t) for t in
    texts]``, as an array, for an ``index_bigram_items`` index.

    Why: a report has ~4,000 bigrams, and making a string of each and numbering it in a dict
    (passages, then again as collection) was the largest cost of assessing a report. Here the texts'
    code points form one array, a bigram is a pair of adjacent Han code points (exactly ``bigrams``'
    pairs: the texts are joined by a non-Han separator), and new bigrams are numbered by first
    occurrence after the items' vocabulary, as ``tfidf_cosines`` numbers them (tests/test_matching_indexed.py).
    """
    import numpy as np

    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    han = (points >= 0x4E00) & (points <= 0x9FFF)          # _HAN_RUN's class
    at = np.flatnonzero(han[:-1] & han[1:])
    rows = np.searchsorted(np.cumsum(lengths), at, side="right")
    codes, first, inverse = np.unique(_pair_code(points[at], points[at + 1]), return_index=True, return_inverse=True)
    # columns: an item bigram keeps its column; a new one is numbered by its first occurrence
    columns = np.empty(len(codes), dtype=np.int64)
    where = np.minimum(np.searchsorted(index.codes, codes), max(len(index.codes) - 1, 0))
    known = index.codes[where] == codes if len(index.codes) else np.zeros(len(codes), dtype=bool)
    columns[known] = index.code_columns[where[known]]
    new = np.flatnonzero(~known)
    new = new[np.argsort(first[new], kind="stable")]
    columns[new] = len(index.vocabulary) + np.arange(len(new))
    width = max(len(index.vocabulary) + len(new), 1)
    passage_m = _counts(rows, columns[inverse.ravel()], len(texts), width)
    df = np.bincount(index.counts.indices, minlength=width) + np.bincount(passage_m.indices, minlength=width)
    n_collection = index.counts.n_rows + len(texts)
    return _weighted_cosines(index.counts, passage_m, df, n_collection, index.boost_factors, width)


def _pair_code(first, second):
    """One integer per ordered pair of code points (each below 2**21)."""
    return first * (1 << 21) + second


def _term_keys(lists: Sequence[Sequence[str]], vocabulary: dict[str, int]):
    """(row, column) arrays of every term occurrence; new terms join ``vocabulary`` in order of first
    occurrence (numbered over the distinct terms, then looked up per occurrence: fewer Python steps)."""
    import numpy as np

    flat = list(chain.from_iterable(lists))
    new = [t for t in dict.fromkeys(flat) if t not in vocabulary]
    vocabulary.update(zip(new, range(len(vocabulary), len(vocabulary) + len(new))))
    rows = np.repeat(np.arange(len(lists), dtype=np.int64), [len(terms_) for terms_ in lists])
    return rows, np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))


class _Counts(NamedTuple):
    """Term counts in CSR form (columns sorted within rows, as ``sum_duplicates`` leaves them)."""

    indptr: Any
    indices: Any
    data: Any
    n_rows: int


def _counts(rows, cols, n_rows: int, width: int) -> _Counts:
    import numpy as np

    keys, counts = np.unique(np.asarray(rows, dtype=np.int64) * width + np.asarray(cols, dtype=np.int64),
                             return_counts=True)
    row_of, indices = np.divmod(keys, width)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=n_rows), out=indptr[1:])
    return _Counts(indptr, indices, counts.astype(np.float64), n_rows)


def _boost_factors(item_m: _Counts, boosted: Sequence[set[int]]):
    """Per stored item entry: 2.0 where its column is one of its row's ``boosted`` columns, else 1.0."""
    import numpy as np

    factors = np.ones(len(item_m.data))
    for k, columns in enumerate(boosted):
        if columns:
            lo, hi = item_m.indptr[k], item_m.indptr[k + 1]
            factors[lo:hi] = np.where(np.isin(item_m.indices[lo:hi], list(columns)), 2.0, 1.0)
    return factors


def _weighted_cosines(item_m: _Counts, passage_m: _Counts, df, n_collection: int, boost_factors, width: int):
    """Counts -> sublinear tf × IDF (boosted item entries doubled) -> unit rows -> the product."""
    import numpy as np
    from scipy import sparse

    weights = np.where(df > 0, np.log((n_collection + 1) / (df + 0.5)) + 1.0, 1.0)
    item_data = (1 + np.log(item_m.data)) * weights[item_m.indices] * boost_factors
    passage_data = (1 + np.log(passage_m.data)) * weights[passage_m.indices]
    item_csr, passage_csr = (
        sparse.csr_matrix((_unit_rows(m.indptr, data), m.indices, m.indptr), shape=(m.n_rows, width))
        for m, data in ((item_m, item_data), (passage_m, passage_data)))
    return (item_csr @ passage_csr.T).toarray()


def _unit_rows(indptr, data):
    """``data`` divided by its rows' Euclidean lengths, summed exactly as scipy's
    ``m.multiply(m).sum(axis=1)`` sums them (``np.add.reduceat`` over the non-empty rows)."""
    import numpy as np

    nonempty = np.flatnonzero(np.diff(indptr))
    squares = np.zeros(len(indptr) - 1)
    squares[nonempty] = np.add.reduceat(data * data, indptr[nonempty])
    lengths = np.sqrt(squares)
    return data / np.repeat(np.where(lengths > 0, lengths, 1.0), np.diff(indptr))


def key_terms(title: str, limit: int = 8) -> list[str]:
    """Content words of an item's heading clause (its key terms), in order, without duplicates."""
    words = [t for t in terms(title) if not t.startswith("≈")]
    return list(dict.fromkeys(_in_compounds(title, words)))[:limit]


def _in_compounds(title: str, words: list[str]) -> list[str]:
    """``words`` with a word of no synonym group that stands in a listed compound of the title taken as
    that compound's group tag: 动态 of "收集…动态信息" is met as 动态信息 (≈信息) is, while 动态 alone
    (动态监测, 动态管理) is no synonym of anything (qa12 M2)."""
    groups = synonym_groups()
    compounds = [(word, tags) for word, tags in _long_synonyms() if word in title]
    return [w if w in groups else next((tags[0] for word, tags in compounds if w in word), w) for w in words]


def coverage(keys: Sequence[str], evidence_terms: set[str], weights: dict[str, float] | None = None) -> float:
    """Weighted share of key terms present in the evidence (a key counts when it or its synonym
    group is there; half when only half of a four-character term is). ``weights``: term -> weight."""
    if not keys:
        return 0.0
    groups = synonym_groups()
    got = total = 0.0
    for key in keys:
        w = weights.get(key, 1.0) if weights else 1.0
        total += w
        if key in evidence_terms or any(tag in evidence_terms for tag in groups.get(key, ())):
            got += w
        elif len(key) >= 4 and (key[:2] in evidence_terms or key[2:4] in evidence_terms):
            got += 0.5 * w   # 振奋精神 ~ 精神饱满
    return got / total if total else 0.0


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> list[str]:
    """Character bigrams of the Han runs of ``text``: a segmentation-free view that still meets
    paraphrases jieba cuts differently (信息报送 / 报送信息, 调研 / 调查研究)."""
    out = []
    for run in _HAN_RUN.findall(text):
        out.extend(run[k:k + 2] for k in range(len(run) - 1))
    return out


def report_common_terms(own_terms: Sequence[Sequence[str]], share: float) -> frozenset[str]:
    """Terms in at least ``share`` of the report's passages (and 3 of them): the report's own
    vocabulary (教师, 学生, 校园 in a school report), which tells nothing about which task a
    passage answers."""
    df = Counter(t for terms_ in own_terms for t in set(terms_))
    least = max(3.0, share * len(own_terms))
    return frozenset(t for t, n in df.items() if n >= least)


def shared_concepts(item_terms: Sequence[str], passage_terms: Sequence[str], common: frozenset[str],
                    weights: dict[str, float]) -> float:
    """How much specific content a passage shares with an item: its shared words and synonym groups
    (a group counted only when none of its words is shared as itself), leaving out the report's
    common terms, each weighted by its IDF over the items relative to the largest (a word in every
    item counts little). A coincidental match shares one generic word (保障, 质量, 校区); evidence
    shares the task's own terms."""
    shared = set(item_terms) & set(passage_terms)
    words = {t for t in shared if not t.startswith("≈") and t not in common}
    covered_tags = {tag for w in words for tag in synonym_groups().get(w, ())}
    tags = {t for t in shared if t.startswith("≈") and t not in covered_tags and t not in common}
    top = max(weights.values(), default=1.0) or 1.0
    return round(sum(weights.get(t, top) / top for t in words | tags), 4)
