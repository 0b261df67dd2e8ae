"""The bar: the seed speech (and every corpus file) reads into the right outline and passages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import read_path
from pipeline.extract.normalise import normalise_text
from pipeline.model import Status

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
SEED = CORPORA / "seed" / "speech.txt"
ALL_TEXTS = sorted(CORPORA.glob("*/*.txt"))
GOLD_FILES = ([CORPORA / "seed" / "speech.gold.jsonl"] + sorted((CORPORA / "dev").glob("*.gold.jsonl"))
              + sorted((CORPORA / "own").glob("*.gold.jsonl")))


@pytest.fixture(scope="module")
def seed():
    return read_path(SEED)


def _children(doc, parent_path):
    return [n for n in doc.outline if n.path[:-1] == parent_path]


def test_seed_teaser_dropped(seed):
    assert "W105" in [w.code for w in seed.warnings]
    assert seed.status is Status.OK_WITH_WARNINGS
    assert seed.passages[0].text == "同志们："
    assert "..." not in seed.text
    assert not seed.text.rstrip().endswith("&nbsp")


def test_seed_top_level_lists(seed):
    top = [n.marker for n in _children(seed, ())]
    assert top == ["一是", "二是", "三是", "四是", "一要", "二要", "三要"]


@pytest.mark.parametrize("parent, lead_in", [
    ("一要", "提出了四方面职责要求："),
    ("二要", ""),
    ("三要", "这里，我向同志们提出四点希望："),
])
def test_seed_di_yi_lists_under_each_yao(seed, parent, lead_in):
    children = _children(seed, (parent,))
    assert [n.marker for n in children] == ["第一", "第二", "第三", "第四"]
    assert all(n.scheme == "di_yi" and n.level == 2 for n in children)
    if lead_in:
        assert all(n.lead_in.endswith(lead_in) and n.announced == 4 for n in children)


def test_seed_lead_in_counts_agree(seed):
    assert "W201" not in [w.code for w in seed.warnings]
    announced = {n.path: n.announced for n in seed.outline}
    assert announced[("一是",)] == 4 and announced[("一要",)] == 3
    assert announced[("一要", "第一")] == 4 and announced[("三要", "第四")] == 4


def test_seed_inline_enumeration_is_cut(seed):
    texts = [p.text for p in seed.passages]
    lead = next(t for t in texts if t.endswith("提出了四方面职责要求："))
    first = texts[texts.index(lead) + 1]
    assert first == "第一，督导组要按照区委的总体部署，落实督察任务。"
    item = seed.passages[texts.index(first)]
    assert item.kind == "item" and item.marker == "第一" and item.path == ("一要", "第一")
    assert item.section == "督导组要按照区委的总体部署，落实督察任务"
    assert item.lead_in == lead
    assert "这里，我向同志们提出四点希望：" in texts


def test_seed_passage_paths_and_false_markers(seed):
    by_text = {p.text: p for p in seed.passages}
    second = by_text["第二，要刻苦学习。"]
    assert second.path == ("三要", "第二") and second.kind == "item"
    stage = next(p for p in seed.passages if p.text.startswith("第一阶段思想教育期间"))
    assert stage.kind == "sentence" and stage.path == ("二要", "第三")
    closing = seed.passages[-1]
    assert closing.text.startswith("总之，每个督导组") and closing.path == ()


def test_seed_offsets_map_back_to_raw(seed):
    for p in seed.passages:
        raw_start = seed.offsets[p.start]
        raw_end = seed.offsets[p.end - 1] + 1
        assert normalise_text(seed.raw_text[raw_start:raw_end]) == p.text


@pytest.mark.parametrize("path", ALL_TEXTS, ids=lambda p: p.name)
def test_corpus_reads_ok_with_exact_spans(path):
    doc = read_path(path)
    assert doc.status.is_ok, doc.message
    assert doc.passages
    for p in doc.passages:
        assert doc.text[p.start:p.end] == p.text and p.text.strip() == p.text and p.text
    assert [p.index for p in doc.passages] == list(range(len(doc.passages)))
    assert all(a.end <= b.start for a, b in zip(doc.passages, doc.passages[1:]))
    nodes = {n.node_id: n for n in doc.outline}
    assert all(p.node_id in nodes for p in doc.passages if p.node_id)
    for node in doc.outline:                       # item spans nest inside their parent's span
        parent = nodes.get(node.parent_id)
        assert node.start < node.end or not doc.text[node.start:node.end].strip()
        if parent is not None:
            assert parent.start <= node.start and node.end <= parent.end and node.level == parent.level + 1
    for p in doc.passages:                         # a passage lies inside the item it belongs to
        if p.node_id:
            assert nodes[p.node_id].start <= p.start and p.end <= nodes[p.node_id].end


def _unwrapped_pieces(doc, passage) -> list[str]:
    """The passage cut where unwrapping removed a line break of the raw text: the gold files were
    cut at every line, including the hard wraps in the middle of a sentence."""
    cuts = [j for j in range(passage.start + 1, passage.end)
            if "\n" in doc.raw_text[doc.offsets[j - 1] + 1:doc.offsets[j]]]
    bounds = [passage.start, *cuts, passage.end]
    return [doc.text[a:b] for a, b in zip(bounds, bounds[1:])]


def _covered(gold_text: str, texts: list[str]) -> bool:
    """``gold_text`` is the concatenation of one or more consecutive passage texts."""
    for i, first in enumerate(texts):
        if not first or not gold_text.startswith(first):
            continue
        joined, j = "", i
        while j < len(texts) and len(joined) < len(gold_text):
            joined += texts[j]
            j += 1
            if not gold_text.startswith(joined):
                break
        if joined == gold_text:
            return True
    return False


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_corpus_passages_cover_gold_sentences(gold_path):
    doc = read_path(gold_path.with_name(gold_path.name.replace(".gold.jsonl", ".txt")))
    texts = [normalise_text(piece) for p in doc.passages for piece in _unwrapped_pieces(doc, p)]
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = [g["i"] for g in gold if not _covered(normalise_text(g["text"]).strip(), texts)]
    assert missing == []


def test_seed_analyze_command_prints_passage_records(capsys):
    import argparse

    from pipeline.commands import analyze

    parser = argparse.ArgumentParser()
    analyze.add_arguments(parser)
    code = analyze.run(parser.parse_args([str(SEED), "--no-labels", "--format", "jsonl"]))
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "[W105]" in err
    assert records[0]["text"] == "同志们：" and records[0]["kind"] == "sentence"
    items = [r["path"] for r in records if r["kind"] == "item"]
    assert ["一要", "第二"] in items and ["三要", "第四"] in items and len(items) == 19
    assert [r["index"] for r in records] == list(range(len(records)))
