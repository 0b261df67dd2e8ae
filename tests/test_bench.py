"""The benchmark's memory sampler sees the whole process tree and runs outside the measured process
(a sampling thread would stop a batch from forking its output writers, changing what is measured)."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from pipeline.bench import PeakRSS


def test_bench_peak_rss_counts_children_without_a_thread_here():
    pytest.importorskip("psutil")
    hog = "import time; x = bytearray(200 * 2**20); x[::4096] = b'1' * len(x[::4096]); time.sleep(1.5)"
    threads = threading.active_count()      # other tests may have left threads running
    with PeakRSS(interval=0.1) as sampler:
        assert threading.active_count() == threads
        subprocess.run([sys.executable, "-c", hog], check=True)
    assert sampler.peak >= 200 * 2**20
    assert 0 < sampler.peak_pss <= sampler.peak
