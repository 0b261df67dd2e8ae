"""Two notebook charts: passage labels per document, and gap coverage per unit and item.

Chinese tick labels need a CJK font; ``use_cjk_font`` finds one through matplotlib's font manager
(Noto Sans/Serif CJK, Source Han, WenQuanYi, Droid Sans Fallback, SimHei…; ``.ci/run`` installs
``fonts-noto-cjk``). Without one the charts still draw, with a warning, and Chinese shows as boxes.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

from .model import LABEL_ZH, LABELS

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Noto Sans SC", "Source Han Sans SC",
                "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
                "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")
LABEL_COLOURS = {"duty": "#1f77b4", "requirement": "#ff7f0e", "problem": "#d62728", "exemplar": "#2ca02c",
                 "measure": "#9467bd", "other": "#c7c7c7"}
# gap status -> (heat value, colour order); not_assessable and not_applicable (another body's task)
# stay blank (NaN): neither rates the unit
STATUS_SCORE = {"missing": 0.0, "problem_acknowledged": 1.0, "partial": 2.0, "covered": 3.0}
STATUS_ZH = {"missing": "缺失", "problem_acknowledged": "承认问题", "partial": "部分", "covered": "已覆盖",
             "not_assessable": "无法评估", "not_applicable": "不适用"}


@lru_cache(maxsize=1)
def find_cjk_font() -> str | None:
    """Family name of an installed font that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for name in sorted(installed):                    # any other "CJK"/"Hei"/"Song" family
        if any(key in name for key in ("CJK", "WenQuanYi", "Han Sans", "Han Serif")):
            return name
    return None


def use_cjk_font() -> str | None:
    """Put a CJK font first in matplotlib's sans-serif list; warn (once) when there is none."""
    import matplotlib

    family = find_cjk_font()
    if family is None:
        warnings.warn("no CJK font found (apt-get install fonts-noto-cjk); Chinese text will show as boxes",
                      stacklevel=2)
        return None
    current = list(matplotlib.rcParams["font.sans-serif"])
    matplotlib.rcParams["font.sans-serif"] = [family] + [f for f in current if f != family]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


def label_counts(passages):
    """Documents × labels count table from a passages frame (``pipeline.analyze(...).to_frame()``)."""
    import pandas as pd

    frame = passages[passages["label"].isin(LABELS)] if len(passages) else passages
    if not len(frame):
        return pd.DataFrame(columns=list(LABELS))
    table = pd.crosstab(frame["source"], frame["label"])
    return table.reindex(columns=[label for label in LABELS], fill_value=0)


def labels_per_document(passages, *, ax=None, chinese: bool = True):
    """Stacked horizontal bars: how many passages of each label every document has."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    counts = label_counts(passages)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(len(counts), 2) + 1.5))
    left = [0] * len(counts)
    for label in LABELS:
        values = counts[label].tolist() if label in counts else [0] * len(counts)
        name = f"{LABEL_ZH[label]} {label}" if chinese else label
        ax.barh(list(counts.index), values, left=left, color=LABEL_COLOURS[label], label=name)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("passages 句段数")
    ax.set_title("Labels per document 各文档句段标签")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    ax.figure.tight_layout()
    return ax.figure


def coverage_matrix(gaps):
    """Units × checklist items, cells the numeric coverage (NaN: not assessable or not applicable)."""
    frame = gaps.to_frame() if hasattr(gaps, "to_frame") else gaps
    items = list(dict.fromkeys(frame["item_id"]))
    units = list(dict.fromkeys(frame["unit"]))
    scored = frame.assign(score_value=frame["status"].map(STATUS_SCORE))
    matrix = scored.pivot_table(index="unit", columns="item_id", values="score_value", aggfunc="max",
                                dropna=False)
    return matrix.reindex(index=units, columns=items)


def coverage_heatmap(gaps, *, ax=None):
    """Heatmap of the gap table: red missing … green covered, blank where a report was not assessable
    or the task is another body's (not_applicable)."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    use_cjk_font()
    matrix = coverage_matrix(gaps)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(8, 0.5 * matrix.shape[1] + 6), 0.4 * max(matrix.shape[0], 2) + 1.5))
    cmap = ListedColormap(["#d73027", "#fc8d59", "#fee08b", "#1a9850"]).with_extremes(bad="#eeeeee")
    image = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", cmap=cmap, vmin=-0.5, vmax=3.5,
                      interpolation="nearest")
    ax.set_yticks(range(matrix.shape[0]), labels=list(matrix.index))
    ax.set_xticks(range(matrix.shape[1]), labels=list(matrix.columns), rotation=90, fontsize="small")
    ax.set_xlabel("checklist item 清单事项")
    ax.set_title("Coverage by unit 各单位落实情况")
    bar = ax.figure.colorbar(image, ax=ax, ticks=list(STATUS_SCORE.values()))
    bar.ax.set_yticklabels([STATUS_ZH[s] for s in STATUS_SCORE])
    ax.figure.tight_layout()
    return ax.figure


__all__ = ["find_cjk_font", "use_cjk_font", "label_counts", "labels_per_document", "coverage_matrix",
           "coverage_heatmap"]
