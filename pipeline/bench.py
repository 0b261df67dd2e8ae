"""``make bench`` (``python -m pipeline.bench [--small] [-n N] [--json PATH]``).

Generates N reports (txt/docx/pdf in turn, 2-8k characters each, sentences drawn from the bundled
corpora) in a temporary folder, then measures against the seed speech:

* the full mixed batch with 2 workers: docs/s, p50/p95 seconds per file, peak RSS (parent + workers);
* the txt/docx part with 1 and with 2 workers: the speed-up from 1 to 2 workers, and the ratio of
  its end-to-end time (1 worker) to plain text extraction + jieba segmentation of the same texts
  (each side the fastest of ``ROUNDS`` interleaved runs);
* sentences/s of the classifier (``pipeline.classify.bench.bench_labelling``).

Generation time is excluded from every figure. Targets on 2 cores: 1,000 reports within 60 s;
end-to-end at most 3x extraction + segmentation on the txt/docx part.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SEED = CORPORA / "seed" / "speech.txt"
FORMATS = ("txt", "docx", "pdf")
ROUNDS = 3      # interleaved rounds of the txt/docx ratio's two sides


# ------------------------------------------------------------------------------------------ corpus


def corpus_sentences() -> list[str]:
    """Sentences (ending in 。！？) of every bundled report and speech, deduplicated, in file order."""
    sentences: dict[str, None] = {}
    for path in sorted(CORPORA.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        for sentence in re.findall(r"[^。！？\n]{6,200}[。！？]", text):
            sentences.setdefault(sentence.strip(), None)
    return list(sentences)


def report_paragraphs(rng: random.Random, sentences: list[str], index: int) -> list[str]:
    """A report of 2-8k characters: title, unit line, paragraphs of 2-5 corpus sentences."""
    target = rng.randint(2000, 8000)
    paragraphs = [f"第{index + 1}单位关于贯彻落实督导工作要求的情况报告", f"第{index + 1}单位"]
    size = sum(map(len, paragraphs))
    while size < target:
        paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph)
    return paragraphs


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(paragraphs: list[str], width: int = 36) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    y = 790
    for text in paragraphs:
        for start in range(0, len(text), width):
            if y < 60:
                page.showPage()
                y = 790
            page.setFont("STSong-Light", 12)
            page.drawString(60, y, text[start:start + width])
            y -= 18
        y -= 6
    page.showPage()
    page.save()
    return buf.getvalue()


def generate(folder: Path, n: int, seed: int = 0) -> dict[str, list[Path]]:
    """Write ``n`` reports into ``folder``; returns paths per format."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    paths: dict[str, list[Path]] = {fmt: [] for fmt in FORMATS}
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        fmt = FORMATS[i % len(FORMATS)]
        paragraphs = report_paragraphs(rng, sentences, i)
        path = folder / f"report_{i:04d}.{fmt}"
        if fmt == "txt":
            path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        elif fmt == "docx":
            path.write_bytes(docx_bytes(paragraphs))
        else:
            path.write_bytes(pdf_bytes(paragraphs))
        paths[fmt].append(path)
    return paths


# ------------------------------------------------------------------------------------------ measuring


_SAMPLER = r"""
import os, select, sys
import psutil
target, interval, me = psutil.Process(int(sys.argv[1])), float(sys.argv[2]), os.getpid()
peak = peak_pss = 0
while True:
    rss = pss = 0
    try:
        tree = [target, *target.children(recursive=True)]
    except psutil.Error:
        break
    for process in tree:
        if process.pid == me:
            continue
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    peak, peak_pss = max(peak, rss), max(peak_pss, pss)
    if select.select([sys.stdin], [], [], interval)[0]:
        break
print(peak, peak_pss, flush=True)
"""


class PeakRSS:
    """Samples the memory of this process plus all its descendants (forkserver, workers, writers).

    ``peak`` sums RSS, which counts pages the workers share copy-on-write with the forkserver
    (jieba's dictionary, the model) once per process; ``peak_pss`` sums PSS, which splits shared
    pages between their sharers and so adds up to what the machine really holds.

    The sampler is a separate process, not a thread: a batch forks its output writers only while it
    runs no other thread (``export/background.py``), so a sampling thread would change what is measured.
    """

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "PeakRSS":
        try:
            self._process = subprocess.Popen([sys.executable, "-c", _SAMPLER, str(os.getpid()), str(self.interval)],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, text=True)
        except OSError:
            self._process = None
        return self

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        try:
            out, _ = self._process.communicate("stop\n", timeout=30)
            self.peak, self.peak_pss = (int(x) for x in out.split())
        except (subprocess.TimeoutExpired, ValueError):     # psutil missing, or the sampler hung
            self._process.kill()
            self._process.wait()


def timed_batch(folder: Path, out: Path, workers: int) -> dict:
    from .batch import run_batch

    started = time.perf_counter()
    with PeakRSS() as rss:
        result = run_batch(folder, reference=SEED, out_dir=out, workers=workers, progress=False,
                           stream=io.StringIO())
    seconds = time.perf_counter() - started
    per_file = sorted(r.seconds for r in result.rows)
    cpu = sum(r.cpu_seconds for r in result.rows)
    return {
        "worker_cpu_s": round(cpu, 1),
        "worker_cpu_per_file_s": round(cpu / max(len(result.rows), 1), 4),
        "files": len(result.rows), "workers": workers, "seconds": round(seconds, 2),
        "docs_per_s": round(len(result.rows) / seconds, 1),
        "p50_s": round(statistics.median(per_file), 4) if per_file else None,
        "p95_s": round(per_file[int(0.95 * (len(per_file) - 1))], 4) if per_file else None,
        "peak_rss_mb": round(rss.peak / 2**20) if rss.peak else None,
        "peak_pss_mb": round(rss.peak_pss / 2**20) if rss.peak_pss else None,
        "counts": result.counts,
    }


def extraction_and_segmentation(paths: list[Path]) -> float:
    """Seconds for the plain baseline: decode/unzip the text and jieba-segment it, one process."""
    import docx

    from .segment import Segmenter

    segmenter = Segmenter(memo_entries=0)  # the baseline segments every file afresh
    segmenter.cut("预热")
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
        else:
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        segmenter.cut(text)
    return time.perf_counter() - started, time.process_time() - cpu_started


def labelling_speed() -> dict:
    try:
        from .classify.bench import bench_labelling
    except ImportError:
        return {"sentences_per_s": None, "note": "pipeline.classify.bench not available"}
    return bench_labelling()


def run(n: int, workdir: Path) -> dict:
    src = workdir / "reports"
    paths = generate(src, n)
    text_part = workdir / "txt_docx"
    text_part.mkdir()
    for path in paths["txt"] + paths["docx"]:
        os.link(path, text_part / path.name)
    figures = {"reports": n, "cpus": os.cpu_count()}
    figures["mixed_2_workers"] = timed_batch(src, workdir / "out_mixed", 2)
    # The ratio's two sides are taken in turn, ROUNDS times, and the fastest of each kept (as timeit
    # does): a one-off slow spell of the shared machine then cannot land on one side only.
    ones, baselines = [], []
    for k in range(ROUNDS):
        ones.append(timed_batch(text_part, workdir / f"out_text_1_{k}", 1))
        baselines.append(extraction_and_segmentation(sorted(text_part.iterdir())))
    one = min(ones, key=lambda r: r["seconds"])
    two = timed_batch(text_part, workdir / "out_text_2", 2)
    baseline, baseline_cpu = min(b[0] for b in baselines), min(b[1] for b in baselines)
    figures["txt_docx_1_worker"] = one
    figures["txt_docx_2_workers"] = two
    figures["speedup_1_to_2_workers"] = round(one["seconds"] / two["seconds"], 2)
    figures["txt_docx_1_worker_rounds_s"] = [r["seconds"] for r in ones]
    figures["extraction_segmentation_rounds_s"] = [round(b[0], 2) for b in baselines]
    figures["extraction_segmentation_s"] = round(baseline, 2)
    figures["end_to_end_over_extraction"] = round(one["seconds"] / baseline, 2)
    # the same ratio in CPU seconds (worker time per file vs the baseline), robust to a busy machine
    figures["extraction_segmentation_cpu_s"] = round(baseline_cpu, 2)
    figures["cpu_ratio"] = round(min(r["worker_cpu_s"] for r in ones) / baseline_cpu, 2)
    figures["load_average"] = [round(x, 1) for x in os.getloadavg()]
    figures["labelling"] = labelling_speed()
    return figures


def render(figures: dict) -> str:
    mixed = figures["mixed_2_workers"]
    label = figures["labelling"].get("sentences_per_s")
    lines = [
        f"reports: {figures['reports']} (txt/docx/pdf, 2-8k chars) on {figures['cpus']} CPUs",
        f"mixed batch, 2 workers: {mixed['seconds']} s, {mixed['docs_per_s']} docs/s, "
        f"p50 {mixed['p50_s']} s/file, p95 {mixed['p95_s']} s/file, peak RSS {mixed['peak_rss_mb']} MB "
        f"(parent + forkserver + workers; PSS {mixed['peak_pss_mb']} MB), statuses {mixed['counts']}",
        f"txt/docx part: 1 worker {figures['txt_docx_1_worker']['seconds']} s, "
        f"2 workers {figures['txt_docx_2_workers']['seconds']} s, speed-up {figures['speedup_1_to_2_workers']}x",
        f"extraction + jieba segmentation of the same texts: {figures['extraction_segmentation_s']} s; "
        f"end-to-end (1 worker) / that = {figures['end_to_end_over_extraction']}x (target <= 3x; fastest of "
        f"{len(figures['txt_docx_1_worker_rounds_s'])} interleaved rounds each: batch "
        f"{figures['txt_docx_1_worker_rounds_s']} s, baseline {figures['extraction_segmentation_rounds_s']} s); "
        f"in CPU seconds: {figures['cpu_ratio']}x",
        f"mixed batch worker CPU: {mixed['worker_cpu_s']} s ({mixed['worker_cpu_per_file_s']} s/file; "
        f"{round(mixed['worker_cpu_s'] / 2)} s of work for 2 cores); load average {figures['load_average']}",
        f"classifier: {label if label is not None else 'n/a'} sentences/s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--small", action="store_true", help="quick run: 60 reports")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (kept) instead of a temporary folder")
    args = parser.parse_args(argv)
    n = 60 if args.small else args.n
    if args.keep:
        workdir = Path(args.keep)
        workdir.mkdir(parents=True, exist_ok=False)
        figures = run(n, workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="duban-bench-") as tmp:
            figures = run(n, Path(tmp))
    print(render(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
