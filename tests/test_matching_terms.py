"""``terms_of`` (the long-synonym scan over all texts at once) gives the plain definition's terms of
each text: the same terms in the same order, on texts built around the long synonyms, stage names,
text boundaries that would join a synonym's halves, astral characters, lone surrogates and empty
texts."""
import random

import pytest

from pipeline.matching import _STAGE, _long_synonyms, _word_terms, terms, terms_of
from pipeline.segment import default_segmenter


def terms_plain(text: str) -> list[str]:
    """A text's terms as first written: its words' terms, then every long synonym checked in turn."""
    text, n_stages = _STAGE.subn("，", text)
    out = ["≈阶段"] * n_stages
    for word in default_segmenter().words(text):
        out.extend(_word_terms(word))
    for word, tags in _long_synonyms():
        if word in text:
            out.extend(tags)
    return out

_FILLER = ["督导组", "我们", "认真", "学习", "，", "。", "𠀀", "a1", " ", "\ud800", "学习动员阶段", "整改提高环节", ""]


def _texts(rng: random.Random, n: int) -> list[str]:
    longs = [word for word, _ in _long_synonyms()]
    pieces = longs + [w[:2] for w in longs] + [w[1:] for w in longs] + _FILLER
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_matching_terms_of_equal_terms(seed):
    rng = random.Random(seed)
    texts = _texts(rng, 40)
    assert terms_of(texts) == [terms_plain(t) for t in texts]
    assert any(tag for t in texts for tag in terms_plain(t) if tag.startswith("≈"))


@pytest.mark.parametrize("entry", range(0, 40, 7))
def test_matching_terms_of_keeps_synonyms_inside_their_text(entry):
    from pipeline.matching import _long_synonym_candidates

    word, tags = _long_synonyms()[entry]
    split = [word[:2], word[2:] + "。"]              # the word's halves in two neighbouring texts
    assert terms_of(split) == [terms_plain(t) for t in split]
    candidates = _long_synonym_candidates(split)
    assert all(w != word for entries in candidates.values() for _, w, _ in entries)
    whole = ["前文", f"我们{word}。", ""]
    assert any(w == word for _, w, _ in _long_synonym_candidates(whole)[1])
    assert set(tags) <= set(terms_of(whole)[1])


def test_matching_terms_of_empty_inputs():
    assert terms_of([]) == [] and terms_of(["", "a"]) == [[], []]


@pytest.mark.parametrize("seed", range(3))
def test_matching_terms_is_terms_of_one_text(seed):
    texts = _texts(random.Random(100 + seed), 20)
    assert [terms(t) for t in texts] == [terms_plain(t) for t in texts]


@pytest.mark.parametrize("seed", range(3))
def test_matching_terms_of_uses_known_words_only_for_texts_the_stage_names_leave_alone(seed):
    rng = random.Random(seed)
    texts = _texts(rng, 30) + ["学习动员阶段召开会议", "召开会议"]
    known = {t: default_segmenter().words(t) for t in texts}
    assert terms_of(texts, known) == [terms_plain(t) for t in texts]
    # a text with a stage name is segmented after the names are cut out, never from its known words
    wrong = {t: ["督导工作方案"] for t in texts}
    got = terms_of(texts, wrong)
    assert got[-2] == terms_plain(texts[-2]) and "督导工作方案" in got[-1]
