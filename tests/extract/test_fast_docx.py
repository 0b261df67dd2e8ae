"""Fast paths of the .docx reader equal their plain twins on hostile XML built here:
docx_numbering.style_parts (one tree walk) gives the elements a find per part gave, and
docx.textboxes (asks lxml first whether a paragraph has a text box at all) the boxes the full
Python walk (``walk_textboxes``) finds."""
from __future__ import annotations

import random

import pytest
from docx.oxml.parser import parse_xml

from pipeline.extract.docx import textboxes, walk_textboxes
from pipeline.extract.docx_numbering import W, Numbering, style_parts

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def style_parts_plain(styles_el) -> list[tuple]:
    """What from_elements read before: a find for each part of every w:style."""
    out = []
    for st in styles_el.iter(W + "style"):
        ppr = st.find(W + "pPr")
        out.append((st, st.find(W + "name"), st.find(W + "basedOn"),
                    ppr.find(W + "numPr") if ppr is not None else None))
    return out


_STYLE_PIECES = ['<w:name w:val="heading 1"/>', '<w:name/>', '<w:name w:val=""/>', '<w:basedOn w:val="Normal"/>',
                 '<w:basedOn w:val=""/>', '<w:pPr/>', '<w:pPr><w:numPr><w:numId w:val="3"/><w:ilvl w:val="1"/></w:numPr></w:pPr>',
                 '<w:pPr><w:numPr><w:numId w:val="x"/><w:ilvl w:val="oops"/></w:numPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr>',
                 '<w:rPr><w:name w:val="not a direct child"/><w:pPr><w:numPr/></w:pPr></w:rPr>', '<!-- c -->',
                 '<w:qFormat/>', '<w:next w:val="a"/>']


def _styles_xml(rng: random.Random) -> str:
    def style(depth: int) -> str:
        inner = "".join(rng.choice(_STYLE_PIECES) for _ in range(rng.randint(0, 5)))
        if depth < 2 and rng.random() < 0.2:
            inner += style(depth + 1)                       # a w:style inside a w:style
        sid = rng.choice(['w:styleId="a"', 'w:styleId="b"', 'w:styleId=""', ""])
        return f"<w:style {sid}>{inner}</w:style>"

    body = "".join(style(0) for _ in range(rng.randint(0, 8)))
    if rng.random() < 0.3:
        body = f"<w:latentStyles>{body}</w:latentStyles>" + style(0)   # styles below the top level
    return f"<w:styles {NS}>{body}</w:styles>"


@pytest.mark.parametrize("seed", range(5))
def test_fast_docx_style_parts_equal_finds(seed):
    rng = random.Random(seed)
    for _ in range(200):
        styles = parse_xml(_styles_xml(rng).encode())
        assert style_parts(styles) == style_parts_plain(styles)


def test_fast_docx_numbering_reads_hostile_styles_as_before():
    rng = random.Random(9)
    for _ in range(200):
        styles = parse_xml(_styles_xml(rng).encode())
        numbering = Numbering.from_elements(None, styles)
        names, based, nums = {}, {}, {}
        for st, name, based_el, numpr in style_parts_plain(styles):
            sid = st.get(W + "styleId") or ""
            names[sid] = (name.get(W + "val") if name is not None else None) or sid
            if based_el is not None and based_el.get(W + "val"):
                based[sid] = based_el.get(W + "val")
            if numpr is not None:
                nid, ilvl = numpr.find(W + "numId"), numpr.find(W + "ilvl")
                raw = ilvl.get(W + "val") if ilvl is not None else None
                nums[sid] = (nid.get(W + "val") if nid is not None else None,
                             int(raw) if raw is not None and raw.lstrip("-").isdigit() else None)
        assert (numbering.style_names, numbering.style_based, numbering.style_num) == (names, based, nums)
        assert list(numbering.style_names) == list(names)


_RUN_PIECES = ["<w:r><w:t>正文</w:t></w:r>", "<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent>",
               "<mc:Fallback><w:txbxContent><w:p/></w:txbxContent></mc:Fallback>",
               "<mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:txbxContent/></w:p></w:txbxContent></mc:Choice>"
               "<mc:Fallback><v:textbox><w:txbxContent/></v:textbox></mc:Fallback></mc:AlternateContent>",
               "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>", "<!-- note -->"]


@pytest.mark.parametrize("seed", range(5))
def test_fast_docx_textboxes_equal_full_walk(seed):
    rng = random.Random(seed)
    boxes = 0
    for _ in range(300):
        runs = "".join(rng.choice(_RUN_PIECES) for _ in range(rng.randint(0, 4)))
        p = parse_xml(f"<w:p {NS}>{runs}</w:p>".encode())
        fast = textboxes(p)
        assert fast == walk_textboxes(p)
        boxes += len(fast)
    assert boxes


# --- numbering and styles read only for paragraphs that name a style or a list ------------------------

def _random_paragraphs(rng: random.Random) -> list:
    """Plain, list-numbered, style-numbered, heading-styled and unknown-style paragraphs, in any order,
    some inside table cells (markers count across body and cells)."""
    from tests.fixtures.ooxml import P

    kinds = [lambda i: P(f"段落{i}。"), lambda i: P(f"条目{i}", 1, rng.choice([0, 1])),
             lambda i: P(f"标题{i}", style="MyHeading"), lambda i: P(f"小标题{i}", style="H2"),
             lambda i: P(f"关闭{i}", 0, 0), lambda i: P(f"未知{i}", style="NoSuchStyle"),
             lambda i: P(f"一级{i}", style="heading 1")]
    return [rng.choice(kinds)(i) for i in range(rng.randint(0, 14))]


@pytest.mark.parametrize("seed", range(12))
def test_fast_docx_lazy_numbering_equals_reading_it_always(seed, monkeypatch):
    from pipeline.config import DEFAULT_LIMITS
    from pipeline.extract import docx as reader
    from tests.fixtures.ooxml import make_docx_from_paragraphs, numbering_xml, paragraph_xml, styles_xml, table_xml

    rng = random.Random(seed)
    numbering = numbering_xml({0: ("chineseCounting", "%1、", 1), 1: ("decimal", "%2.", 1)}, num_ids=(1, 2))
    styles = styles_xml([("H1", None, 1, 0), ("MyHeading", "H1", None, None), ("H2", None, 2, 1),
                         ("heading 1", None, None, None)])
    cells = [[paragraph_xml(p) for p in _random_paragraphs(rng)[:2] or ["空"]] for _ in range(2)]
    data = make_docx_from_paragraphs(_random_paragraphs(rng), numbering=numbering, styles=styles,
                                     extra_body=table_xml([[c[0] for c in cells]]) + paragraph_xml("结尾。"))
    lazy = reader.extract(data, name="a.docx", limits=DEFAULT_LIMITS)
    monkeypatch.setattr(reader, "_names_style_or_list", lambda p: True)     # the old, eager reading
    assert lazy == reader.extract(data, name="a.docx", limits=DEFAULT_LIMITS)


def test_fast_docx_plain_document_never_reads_numbering(monkeypatch):
    from pipeline.config import DEFAULT_LIMITS
    from pipeline.extract import docx as reader
    from tests.fixtures.ooxml import make_docx_from_paragraphs, numbering_xml

    built = []
    monkeypatch.setattr(Numbering, "from_elements", classmethod(lambda cls, *a: built.append(a) or cls()))
    numbering = numbering_xml({0: ("chineseCounting", "%1、", 1)})
    plain = reader.extract(make_docx_from_paragraphs(["第一段。", "第二段。"], numbering=numbering),
                           name="a.docx", limits=DEFAULT_LIMITS)
    assert [b.text for b in plain.blocks] == ["第一段。", "第二段。"] and built == []
    from tests.fixtures.ooxml import P
    numbered = reader.extract(make_docx_from_paragraphs(["导语。", P("条目", 1, 0)], numbering=numbering),
                              name="a.docx", limits=DEFAULT_LIMITS)
    assert len(built) == 1 and len(numbered.blocks) == 2
