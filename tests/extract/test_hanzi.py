"""Traditional-character documents are read as simplified (pipeline.extract.hanzi, applied in build).

A reply written in traditional characters must get the same unit, passages and gap statuses as its
simplified twin (QA10 N4: 江州市農業農村局 never matched the actor 市农业农村局, so the unit's own tasks
were 不适用); simplified documents, including one naming 香港/臺灣, must not change at all; offsets
stay valid because the conversion is one character for one character.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPORA
from tests.fixtures.ooxml import make_docx_from_paragraphs
import pipeline.extract.build as build
from pipeline.extract import read_bytes
from pipeline.extract.hanzi import is_mostly_traditional, script_counts, tables, to_simplified
from pipeline.extract.normalise import normalise
from pipeline.gaps import build_gaps
from pipeline.model import Status

NOTICE = """江州市人民政府办公室关于抓紧做好畜禽粪污和水污染问题整改工作的通知
各区人民政府，市政府各有关部门：
经市政府同意，现将有关事项通知如下。
一、总体要求
坚持问题导向，以钉钉子精神抓好反馈问题整改，确保件件有着落、事事有回音。
二、重点任务
（一）全力推进水污染治理。市水务局要会同各区人民政府加快城区黑臭水体治理，2026年9月30日前完成青龙河段截污纳管和清淤疏浚。
（二）深入开展大气污染防治。市生态环境局要牵头开展工业企业挥发性有机物专项执法检查，2026年5月底前实现重点企业全覆盖。
（三）加快农业面源污染治理。市农业农村局要推进畜禽养殖粪污处理设施建设，年底前全市畜禽粪污综合利用率达到80%以上。
三、工作要求
（一）压实整改责任。各区、各有关部门主要负责同志要亲自研究部署，逐项制定整改方案，明确责任人和完成时限。
（二）按时报送进展。各责任单位要于每月25日前向市生态环境局报送整改进展情况。
江州市人民政府办公室
2026年1月15日
"""

SIMPLIFIED_REPLY = """江州市农业农村局关于畜禽养殖粪污治理整改情况的报告
市人民政府办公室：
现将我局整改进展报告如下。
一、整改进展
我局已制定畜禽粪污资源化利用整改方案，完成32个规模养殖场粪污处理设施建设，全市畜禽粪污综合利用率由68%提高到76%。
二、存在问题
目前综合利用率尚未达到80%的目标，仍有15个养殖场粪污处理设施未建成。
三、下一步打算
我局将加大资金投入，确保年底前综合利用率达到80%以上，并于每月25日前向市生态环境局报送整改进展情况。
江州市农业农村局
2026年7月1日
"""

# The same reply as a Hong Kong/Taiwan-style office or a 繁体 Word template writes it.
TRADITIONAL_REPLY = """江州市農業農村局關於畜禽養殖糞污治理整改情況的報告
市人民政府辦公室：
現將我局整改進展報告如下。
一、整改進展
我局已制定畜禽糞污資源化利用整改方案，完成32個規模養殖場糞污處理設施建設，全市畜禽糞污綜合利用率由68%提高到76%。
二、存在問題
目前綜合利用率尚未達到80%的目標，仍有15個養殖場糞污處理設施未建成。
三、下一步打算
我局將加大資金投入，確保年底前綜合利用率達到80%以上，並於每月25日前向市生態環境局報送整改進展情況。
江州市農業農村局
2026年7月1日
"""

# A simplified report that names a few places in traditional characters: far below the threshold.
MIXED_REPORT = """县商务局关于对外经贸合作工作情况的报告
一、工作进展
今年以来，我局组织企业赴香港、臺灣参加展会，与香港贸易发展局、臺灣区电机电子工业同业公会建立联系，签约项目12个。
二、存在问题
部分企业对境外市场规则了解不够，展会后续跟进不及时。
三、下一步打算
我局将加强培训指导，推动签约项目尽快落地。
县商务局
2026年7月1日
"""


def _read(text: str, name: str):
    if name.endswith(".docx"):
        data = make_docx_from_paragraphs([line for line in text.splitlines() if line])
    else:
        data = text.encode("utf-8")
    return read_bytes(data, name=name)


def _passages(doc):
    return [(p.kind, p.path, p.text, p.start, p.end) for p in doc.passages]


def test_hanzi_table_is_shipped_and_one_for_one():
    table, traditional_only, simplified_only = tables()
    assert len(table) > 2500                      # OpenCC's TSCharacters from the installed wheel
    assert all(len(chr(k)) == len(chr(v)) == 1 and k != v for k, v in table.items())
    assert {"農", "業", "關", "於", "臺", "灣"} <= {chr(k) for k in table}
    assert "乾" not in traditional_only and "於" not in traditional_only   # simplified text uses them too
    assert {"这", "们", "农"} <= simplified_only
    assert all(v < 0x20000 for k, v in table.items() if k < 0x20000)      # no BMP -> astral rewrite


@pytest.mark.parametrize("traditional, simplified", [
    ("江州市農業農村局", "江州市农业农村局"),
    ("尚未達到80%的目標。", "尚未达到80%的目标。"),
    ("臺灣𠀀乾隆", "台湾𠀀干隆"),                  # astral kept; the one-to-many 乾 takes its first reading
    ("ABC，：（）", "ABC，：（）"),
])
def test_hanzi_to_simplified_keeps_length(traditional, simplified):
    converted = to_simplified(traditional)
    assert converted == simplified and len(converted) == len(traditional)


@pytest.mark.parametrize("text, expected", [
    (TRADITIONAL_REPLY, True),
    (SIMPLIFIED_REPLY, False),
    (MIXED_REPORT, False),
    ("臺灣同胞", False),                           # too few characters to call it a traditional document
    ("江州市農業農村局報告", True),
    ("", False),
])
def test_hanzi_is_mostly_traditional(text, expected):
    assert is_mostly_traditional(text) is expected


def test_hanzi_mixed_report_share_is_below_threshold():
    han, traditional, simplified = script_counts(MIXED_REPORT)
    assert 0 < traditional < 0.05 * han and simplified > traditional


def test_hanzi_map_chars_refuses_a_length_change():
    norm = normalise("農業 農村")
    assert norm.map_chars(to_simplified).offsets == norm.offsets
    with pytest.raises(ValueError):
        norm.map_chars(lambda text: text.replace("農", "农业"))


@pytest.mark.parametrize("name", ["reply.txt", "reply.docx"])
def test_hanzi_traditional_reply_reads_as_its_simplified_twin(name):
    traditional, simplified = _read(TRADITIONAL_REPLY, name), _read(SIMPLIFIED_REPLY, name)
    assert traditional.text == simplified.text
    assert (traditional.title, traditional.unit, traditional.kind) == (simplified.title, simplified.unit, simplified.kind)
    assert traditional.unit == "江州市农业农村局"
    assert _passages(traditional) == _passages(simplified)
    codes = [w.code for w in traditional.warnings]
    assert "W113" in codes and "W104" not in codes and traditional.status is Status.OK_WITH_WARNINGS
    assert "W113" not in [w.code for w in simplified.warnings]
    # the original characters stay in raw_text, and every span maps back onto them
    title = traditional.passages[0]
    raw_start = traditional.offsets[title.start]
    raw_end = traditional.offsets[title.end - 1] + 1
    assert traditional.raw_text[raw_start:raw_end] == TRADITIONAL_REPLY.splitlines()[0]


@pytest.mark.parametrize("name", ["reply.txt", "reply.docx"])
def test_hanzi_traditional_reply_gets_its_twins_gap_statuses(name):
    notice = _read(NOTICE, "notice.txt")

    def statuses(reply) -> dict[str, tuple[str, str, str, str]]:
        # one report per table: two reports from one unit would be told apart by file name
        table = build_gaps(notice, [reply], set_aside=False)
        return {row.item_id: (row.unit, row.item_actor, row.status, row.evidence) for row in table.rows}

    traditional = statuses(_read(TRADITIONAL_REPLY, name))
    simplified = statuses(_read(SIMPLIFIED_REPLY, name))
    assert traditional == simplified and len(traditional) >= 5
    # the unit's own task (市农业农村局, 粪污) is assessed, not 不适用 as before (QA10 N4)
    own = [status for unit, actor, status, _ in traditional.values() if actor == "市农业农村局"]
    assert own and "not_applicable" not in own
    assert {unit for unit, *_ in traditional.values()} == {"江州市农业农村局"}

def test_hanzi_simplified_documents_are_unchanged(monkeypatch):
    # the conversion off vs on: the whole Document (text, raw_text, offsets, passages, warnings) is equal
    texts = {"seed": (CORPORA / "seed" / "speech.txt").read_text(encoding="utf-8"),
             "mixed": MIXED_REPORT, "reply": SIMPLIFIED_REPLY}
    converted = {key: read_bytes(text.encode("utf-8"), name=f"{key}.txt") for key, text in texts.items()}
    monkeypatch.setattr(build, "is_mostly_traditional", lambda text: False)
    for key, text in texts.items():
        assert read_bytes(text.encode("utf-8"), name=f"{key}.txt") == converted[key], key
    assert "臺灣" in converted["mixed"].text


def test_hanzi_no_corpus_text_counts_as_traditional():
    paths = sorted(Path(CORPORA).glob("**/*.txt"))
    assert len(paths) > 20
    flagged = [p.name for p in paths if is_mostly_traditional(p.read_text(encoding="utf-8", errors="replace"))]
    assert flagged == []


@pytest.mark.parametrize("text", [TRADITIONAL_REPLY, SIMPLIFIED_REPLY, MIXED_REPORT, "", "臺灣𠀀乾隆於ABC"])
def test_hanzi_script_counts_equal_a_plain_count(text):
    # the counts come from str.translate deletions (fast); they must be what a loop over characters says
    _, traditional_only, simplified_only = tables()
    expected = (sum(1 for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or ord(c) >= 0x20000),
                sum(c in traditional_only for c in text), sum(c in simplified_only for c in text))
    assert script_counts(text) == expected


def test_hanzi_without_the_table_nothing_is_converted_and_w104_says_so(monkeypatch):
    # opencc-python-reimplemented missing (or replaced by another ``opencc``): the document is read as
    # written, with the old warning, instead of failing
    import pipeline.extract.hanzi as hanzi

    monkeypatch.setattr(hanzi, "_read_table", lambda: "")
    hanzi.tables.cache_clear()
    hanzi._deleters.cache_clear()
    try:
        doc = _read(TRADITIONAL_REPLY, "reply.txt")
        codes = [w.code for w in doc.warnings]
        assert doc.text.startswith("江州市農業農村局") and "W104" in codes and "W113" not in codes
    finally:
        hanzi.tables.cache_clear()
        hanzi._deleters.cache_clear()
