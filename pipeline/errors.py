"""Coded messages, spaCy style: every user-facing error or warning starts with ``[CODE]``.

Tests assert on codes, not wording. Messages never include document text: they may name the file,
a size, a count or an exception *class*, nothing read from inside the document.

Ranges: E0xx usage/config · E1xx ingestion · E2xx classification · E3xx checklist/gaps ·
E4xx output writers · E5xx batch · W1xx ingestion warnings · W2xx outline warnings.
"""
from __future__ import annotations


class Errors:
    # usage / configuration
    E001 = "Input path does not exist: {path}"
    E002 = "No input files given"
    E003 = "Reference document could not be read ({status}): {path}"
    E004 = "Model file refused: {reason}"
    E005 = "Invalid option: {detail}"
    E006 = ("Reference is a folder, not a file: {path}. Give one speech or notice, or a checklist "
            "(.xlsx/.docx/.csv/.json) written by `duban checklist`; for several speeches run "
            "`duban checklist SPEECH... -o DIR` and pass DIR/checklist.xlsx")
    E007 = "Speech or notice could not be read ({status}): {path}; no checklist was written"
    E008 = ("A checklist file is re-rendered on its own: {path} was given with other inputs. Run "
            "`duban checklist LEDGER -o DIR` for it alone, or leave it out to draft from the speeches")
    # ingestion (reason codes in brackets are what the manifest records)
    E101 = "Empty file (zero_bytes)"
    E102 = "No text found in the document (no_text)"
    E103 = "File type not supported: detected {detected}. {hint}"
    E104 = "Document is password-protected (password_required): remove the password and resubmit"
    E105 = "File is corrupt or truncated ({exc})"
    E106 = "File too large: {detail}"
    E107 = "Text could not be decoded as UTF-8, UTF-16, GB18030 or Big5 (undecodable)"
    E108 = "PDF pages have no text layer (no_text_layer); install tesseract-ocr and tesseract-ocr-chi-sim to OCR them"
    E109 = "Converter not available: {tool} is needed for {detected} files (apt-get install libreoffice-writer-nogui)"
    E110 = "Conversion failed ({detail})"
    E111 = "File could not be read (read_error): {exc}"
    E112 = "Text is garbled (garbled_text): {share:.0%} of characters are unmapped glyphs"
    E113 = "OCR did not finish (ocr_time_budget): {done} of {pages} scanned pages read in {seconds:.0f} s; raise --timeout"
    E114 = ("The document holds only pictures (only_images): {n} picture(s) and no text; save it as PDF to have "
            "it OCRed (needs tesseract-ocr and tesseract-ocr-chi-sim) or submit the text")
    # classification
    E201 = "No usable training text (empty corpus)"
    E202 = "A classifier needs at least two labels, got {n}"
    E203 = "Unknown classifier: {name} (choose from {choices})"
    # checklist / gaps
    E301 = "Reference yields no checklist items (no duty or requirement found): {path}"
    E302 = "Checklist file not recognised (missing columns {missing}): {path}"
    E303 = "No tasks found (no duty or requirement passage) in: {path}"
    E306 = "Too little text to assess (too_little_text): {n} Chinese characters, at least {least} needed"
    E305 = "Checklist text is lost (question marks, no Chinese): saved in a code page without Chinese? Save it as UTF-8 or .xlsx: {path}"
    # writers
    E401 = "Could not write output {path}: {exc}"
    # batch
    E501 = "Worker timed out after {seconds:.0f} s"
    E502 = "Worker crashed ({detail})"
    E503 = "Interrupted"


class Warnings:
    W101 = "extension_mismatch: content is {detected}, name says {suffix}"
    W102 = "low_text_quality: text looks like mojibake (score {score:.2f})"
    W103 = "unmapped_glyphs: {share:.1%} of characters are (cid:N) glyphs"
    W104 = "script=traditional: classifier was trained on simplified Chinese"
    W105 = "teaser_dropped: a duplicated web teaser line was removed"
    W106 = "ocr_used: {pages} page(s) read with OCR"
    W107 = "running_furniture_dropped: {n} page header/footer/number lines removed"
    W108 = "encoding_guess: decoded as {encoding} with low confidence"
    W109 = "pages_without_text: {pages} page(s) have no usable text layer and were not OCRed"
    W110 = "nul_bytes_dropped: {n} NUL byte(s) removed from the text"
    W111 = "undecodable_bytes: {n} byte sequence(s) not valid {encoding} were read as U+FFFD"
    W112 = "very_long_passages: {n} passage(s) longer than {chars} characters (no sentence end); labels on them are unreliable"
    W113 = "script=traditional_converted: written in traditional characters, read as simplified ({n} characters converted; passages and quotes are shown simplified)"
    W114 = "mixed_encodings: {n} line(s) were in {other} and the rest in {encoding}; each line was read in its own encoding"
    W201 = "count_mismatch: lead-in announces {announced} items, found {found} ({marker})"
    # classification
    W301 = "model_stale: the segmenter's user dictionary changed since the shipped model was trained; run `duban train`"
    # checklist ledgers read back
    W302 = "duplicate_id: ledger row {row} repeats the 序号 of row {first}; read as {new_id}"
    W303 = "id_restored: ledger row {row}'s 序号 {old_id} read as {new_id} (a spreadsheet shortened it to a number)"
    W304 = "empty_task: ledger row {row} has a 序号 or other cells but no 任务要求; left out"


def message(table: type, code: str, **kwargs) -> str:
    """Render ``[CODE] text`` from ``Errors`` or ``Warnings``; unknown keys are left visible."""
    template = getattr(table, code)
    try:
        text = template.format(**kwargs)
    except (KeyError, IndexError, ValueError):
        text = template
    return f"[{code}] {text}"


def error(code: str, **kwargs) -> str:
    return message(Errors, code, **kwargs)


def warning(code: str, **kwargs) -> str:
    return message(Warnings, code, **kwargs)


class DubanError(Exception):
    """An error a user should see as a one-line coded message (never a traceback)."""

    def __init__(self, code: str, **kwargs):
        self.code = code
        self.kwargs = kwargs
        super().__init__(error(code, **kwargs))

    def __reduce__(self):
        # picklable (a writer in a forked child hands its error back): rebuilt from code and kwargs
        return _rebuild_error, (type(self), self.code, self.kwargs)


def _rebuild_error(cls, code: str, kwargs: dict) -> "DubanError":
    return cls(code, **kwargs)


class UsageError(DubanError):
    """Bad command line or configuration: exit code 2."""
