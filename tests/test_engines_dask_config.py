"""``--engine dask`` configuration errors are usage errors [E005] naming the option (QA 6, M8/M9),
raised before the output folder is touched, not a disk-write failure or a file "too large"."""
from __future__ import annotations

import pytest

from tests.batch_fixtures import report_text
from tests.conftest import SEED

from pipeline.errors import UsageError

pytest.importorskip("distributed")


@pytest.fixture()
def inbox(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(report_text(1), encoding="utf-8")
    return src


def test_engines_dask_unreachable_scheduler_is_a_usage_error(inbox, tmp_path, monkeypatch):
    """M9: was "[E401] Could not write output …: OSError" after 30 s, exit 1, all files not_started."""
    import pipeline.dask_engine as dask_engine
    from pipeline.batch import run_batch

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 2.0)
    address = "tcp://127.0.0.1:1"                       # nothing listens on port 1
    with pytest.raises(UsageError) as caught:
        run_batch(inbox, reference=SEED, out_dir=tmp_path / "out", engine="dask", scheduler=address,
                  progress=False, store=False)
    assert caught.value.code == "E005"
    assert address in str(caught.value) and "scheduler" in str(caught.value)
    assert "E401" not in str(caught.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize("memory_mb", [100, 200])      # killed while warming up / measured too small
def test_engines_dask_memory_below_a_warm_worker_is_a_usage_error(inbox, tmp_path, memory_mb):
    """M8 with dask: a LocalCluster worker over its memory_limit's pause fraction sat paused, and
    every file timed out."""
    from pipeline.batch import run_batch

    with pytest.raises(UsageError) as caught:
        run_batch(inbox, reference=SEED, out_dir=tmp_path / "out", engine="dask", memory_mb=memory_mb, workers=1,
                  progress=False, store=False)
    assert caught.value.code == "E005" and f"--memory {memory_mb} is below" in str(caught.value)
    assert not (tmp_path / "out").exists()
