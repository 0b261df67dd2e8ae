"""Frozen settings passed explicitly to every stage; defaults live here, next to their owner."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one input file (see shared/research/reliability-cases.md, B2)."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_zip_members: int = 2000
    max_member_bytes: int = 100 * 1024 * 1024
    max_total_unzipped_bytes: int = 250 * 1024 * 1024
    max_compression_ratio: float = 100.0
    max_pdf_pages: int = 2000
    max_text_chars: int = 20_000_000
    timeout_seconds: float = 120.0
    worker_memory_bytes: int = 2 * 1024 * 1024 * 1024
    max_passage_chars: int = 100_000
    max_cell_chars: int = 32_767
    max_sheet_cells: int = 200_000     # cells (<c> elements, empty styled ones too) read from one .xlsx


DEFAULT_LIMITS = Limits()


def cache_dir() -> Path:
    """Project cache (jieba's marshalled dictionary lives here, never in the shared /tmp)."""
    root = os.environ.get("DUBAN_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "duban"
    )
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_hash(obj) -> str:
    data = json.dumps(asdict(obj) if hasattr(obj, "__dataclass_fields__") else obj, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]
