"""Per-text caches of the classifier: used within a document, cleared between a batch's files."""
from pipeline.classify import clear_text_caches, label_document
from pipeline.classify import lexicon
from pipeline.extract import read_bytes


def test_cue_lookups_are_shared_within_a_document_and_cleared_on_request():
    clear_text_caches()
    doc = read_bytes("一、基本情况\n我局共组织集中学习12次。\n个别党员学习不够深入。\n下一步，要加强督促。\n".encode(),
                     name="r.txt")
    labelled = label_document(doc)
    info = lexicon.fired.cache_info()
    assert info.currsize > 0 and info.hits > 0          # each passage's cues looked up once, reused as a neighbour
    assert [p.label for p in labelled.passages if p.is_content] == \
           [p.label for p in label_document(doc).passages if p.is_content]
    clear_text_caches()
    assert lexicon.fired.cache_info().currsize == 0


def test_text_caches_rules_types_equal_uncached_and_are_cleared():
    from pipeline.classify import rules

    texts = ["", "存在的问题", "二、存在的主要问题和不足", "下一步工作打算", "提出四方面职责要求：", "这里，我提几点希望：",
             "关于整改落实情况的报告", "经验亮点", "主要做法", "一般的句子。", "自查报告"] * 2
    clear_text_caches()
    for fn in (rules.lead_in_type, rules.section_type, rules.doc_frame):
        assert [fn(t) for t in texts] == [fn.__wrapped__(t) for t in texts]
        assert {fn(t) for t in texts} - {""}            # the table reaches real types, not only ""
        assert fn.cache_info().hits > 0
    clear_text_caches()
    assert all(fn.cache_info().currsize == 0 for fn in (rules.lead_in_type, rules.section_type, rules.doc_frame))
