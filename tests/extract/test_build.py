"""build_document: blocks -> normalised text, outline and passages with exact spans."""
from __future__ import annotations

import pytest

from pipeline.extract.build import build_document, join_blocks
from pipeline.model import Block, Extraction, Status


def _doc(*texts: str, kinds: tuple[str, ...] = (), **kwargs):
    blocks = tuple(Block(t, kind=(kinds[i] if i < len(kinds) else "paragraph")) for i, t in enumerate(texts))
    return build_document(Extraction(blocks=blocks, file_type="txt", **kwargs), doc_id="d", source="s", sha256="")


def test_build_spans_point_into_text():
    doc = _doc("同志们：", "一要明确任务。要认真学习：第一，要学。第二，要做。", "二要讲究方法。")
    assert doc.status is Status.OK
    for p in doc.passages:
        assert doc.text[p.start:p.end] == p.text
    assert [p.path for p in doc.passages if p.kind == "item"] == [
        ("一要",), ("一要", "第一"), ("一要", "第二"), ("二要",)]


def test_build_marker_block_is_prepended_like_word_renders_it():
    doc = _doc("总体情况", "一年来工作扎实。", kinds=("heading", "paragraph"))
    numbered = build_document(
        Extraction(blocks=(Block("总体情况", marker="一、"), Block("一年来工作扎实。")), file_type="docx"),
        doc_id="d", source="s", sha256="")
    assert numbered.text.startswith("一、总体情况")
    assert numbered.passages[0].kind == "heading" and numbered.passages[0].path == ("一、",)
    assert doc.passages[0].path == ()


def test_build_non_ok_extraction_keeps_status_and_has_no_passages():
    doc = _doc(status=Status.ENCRYPTED, reason="password_required", message="[E104] x")
    assert doc.status is Status.ENCRYPTED and doc.reason == "password_required" and doc.passages == ()


@pytest.mark.parametrize("texts", [(), ("",), ("   ", "\u3000\u200b")])
def test_build_no_text_is_empty(texts):
    doc = _doc(*texts)
    assert doc.status is Status.EMPTY and doc.reason == "no_text" and doc.message.startswith("[E102]")


def test_build_furniture_is_kept_but_not_outlined():
    doc = _doc("第 1 页", "一是加强学习。", "二是改进作风。", kinds=("header", "paragraph", "paragraph"))
    kinds = [p.kind for p in doc.passages]
    assert kinds == ["header", "item", "item"]
    assert doc.passages[0].path == () and not doc.passages[0].is_content


def test_build_join_blocks_spans():
    raw, spans = join_blocks((Block("甲"), Block("乙丙", marker="1.")))
    assert raw == "甲\n1.乙丙" and [raw[s:e] for s, e in spans] == ["甲", "1.乙丙"]


def test_build_traditional_script_warns():
    # read as simplified (tests/extract/test_hanzi.py): W113 says so; W104 (left traditional) no longer applies
    doc = _doc("這是我們國家的會議，大家說話時對學習發展經過還要認真。")
    codes = [w.code for w in doc.warnings]
    assert "W113" in codes and "W104" not in codes and doc.status is Status.OK_WITH_WARNINGS
    assert doc.text == "这是我们国家的会议，大家说话时对学习发展经过还要认真。"


def test_build_too_large(monkeypatch):
    from pipeline.config import Limits

    blocks = (Block("字" * 50),)
    doc = build_document(Extraction(blocks=blocks, file_type="txt"), doc_id="d", source="s", sha256="",
                         limits=Limits(max_text_chars=10))
    assert doc.status is Status.TOO_LARGE


def test_build_passage_ids_are_deterministic():
    a = _doc("一是加强学习。", "二是改进作风。")
    b = _doc("一是加强学习。", "二是改进作风。")
    assert [p.passage_id for p in a.passages] == [p.passage_id for p in b.passages]
    assert len({p.passage_id for p in a.passages}) == len(a.passages)


def test_build_pages_and_heading_style_carry_through():
    blocks = (Block("总体情况", kind="heading", page=1), Block("一年来工作扎实。", page=1),
              Block("一是加强学习。", page=2), Block("二是改进作风。", page=2))
    doc = build_document(Extraction(blocks=blocks, file_type="pdf", pages=2), doc_id="d", source="s", sha256="")
    assert [p.page for p in doc.passages] == [1, 1, 2, 2]
    assert [p.kind for p in doc.passages] == ["title", "sentence", "item", "item"]
    assert doc.pages == 2


def test_build_table_cells_are_passages_outside_the_outline():
    blocks = (Block("一、基本情况"), Block("单位", kind="table_cell"), Block("一是填报", kind="table_cell"),
              Block("二、问题"))
    doc = build_document(Extraction(blocks=blocks, file_type="docx"), doc_id="d", source="s", sha256="")
    cells = [p for p in doc.passages if p.kind == "table_cell"]
    assert [c.text for c in cells] == ["单位", "一是填报"]
    assert all(c.path == ("一、",) and c.marker == "" for c in cells)
    assert [n.path for n in doc.outline] == [("一、",), ("二、",)]


_POOL = list("一二三四是要第，。：；（）()1.、①\n 　\u200b…”“甲乙丙同志们下面提三点要求总之&nbsp;⼀\r\t")


@pytest.mark.parametrize("seed", range(60))
def test_build_never_raises_and_keeps_invariants(seed):
    import random

    rng = random.Random(seed)
    blocks = tuple(
        Block("".join(rng.choice(_POOL) for _ in range(rng.randint(0, 80))),
              kind=rng.choice(["paragraph", "paragraph", "heading", "table_cell", "header"]),
              marker=rng.choice(["", "", "一、", "1."]))
        for _ in range(rng.randint(0, 8))
    )
    doc = build_document(Extraction(blocks=blocks, file_type="txt"), doc_id="d", source="s", sha256="")
    assert doc.status in (Status.OK, Status.OK_WITH_WARNINGS, Status.EMPTY)
    assert len(doc.offsets) == len(doc.text) + 1
    for p in doc.passages:
        assert doc.text[p.start:p.end] == p.text and p.text
    assert all(a.end <= b.start for a, b in zip(doc.passages, doc.passages[1:]))
    ids = {n.node_id for n in doc.outline}
    for node in doc.outline:
        assert 0 <= node.start <= node.end <= len(doc.text)
        assert node.parent_id == "" or node.parent_id in ids


def test_build_overlong_sentence_is_capped_at_passage_limit():
    from pipeline.config import Limits

    text = "，".join(["督导组要落实任务"] * 40) + "。"
    doc = build_document(Extraction(blocks=(Block(text),), file_type="txt"), doc_id="d", source="s", sha256="",
                         limits=Limits(max_passage_chars=50))
    assert len(doc.passages) > 1 and all(len(p.text) <= 50 for p in doc.passages)
    assert "".join(p.text for p in doc.passages) == doc.text
    # QA6 L11: the cut pieces are announced, not labelled silently
    assert any(w.code == "W112" for w in doc.warnings)
    assert not any(w.code == "W112" for w in _doc("督导组要落实任务。").warnings)


def test_build_lone_surrogate_is_replaced():
    doc = _doc("要落实\ud800任务。")
    assert "\ud800" not in doc.text and doc.passages[0].text == "要落实\ufffd任务。"


@pytest.mark.slow
def test_build_five_megabytes_of_text_in_budget():
    import time
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[2] / "corpora" / "seed" / "speech.txt").read_text(encoding="utf-8")
    text = "\n".join([seed] * (5_000_000 // len(seed.encode("utf-8")) + 1))
    started = time.perf_counter()
    doc = build_document(Extraction(blocks=(Block(text),), file_type="txt"), doc_id="d", source="s", sha256="")
    assert time.perf_counter() - started < 60
    assert doc.status.is_ok and len(doc.passages) > 10_000


def test_build_hard_wrapped_lines_give_the_same_passages(seed_text):
    body = seed_text.split("\n", 1)[1].strip()
    wrapped = "\n".join(para[i:i + 30] for para in body.split("\n") for i in range(0, len(para), 30))
    as_lines = lambda text: Extraction(blocks=tuple(Block(t) for t in text.split("\n") if t.strip()),  # noqa: E731
                                       file_type="txt")
    plain = build_document(as_lines(body), doc_id="d", source="s", sha256="")
    rewrapped = build_document(as_lines(wrapped), doc_id="d", source="s", sha256="")
    assert [p.text for p in rewrapped.passages] == [p.text for p in plain.passages]
    assert [p.path for p in rewrapped.passages] == [p.path for p in plain.passages]


def test_build_heading_style_with_full_stop_is_still_a_heading():
    blocks = (Block("正文开始。"), Block("把区委部署落到实处。", kind="heading", marker="一、"), Block("督导组制定了计划。"),
              Block("二、选树推广先进典型。督导组发现了典型。"))
    doc = build_document(Extraction(blocks=blocks, file_type="docx"), doc_id="d", source="s", sha256="")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["一、把区委部署落到实处。"] == "heading" and kinds["二、选树推广先进典型。"] == "item"
