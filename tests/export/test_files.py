"""write_all: jobs run here or in a forked child end the same way - written in job order, E401s
collected into one error naming every path, any other exception raised as it would be inline."""
from __future__ import annotations

import pickle
import threading

import pytest

from pipeline.errors import DubanError, UsageError
from pipeline.export import background
from pipeline.export.files import start_all, write_all
from pipeline.export.safe import SanitizeStats


def _writes(text: str, stats: int = 0):
    def job(path):
        path.write_text(text, encoding="utf-8")
        return SanitizeStats(sanitized_chars=stats)
    return job


def _fails_e401(path):
    raise DubanError("E401", path=str(path), exc="PermissionError")


def _breaks(path):
    raise RuntimeError("injected")


@pytest.fixture(params=[True, False], ids=["forked", "inline"])
def forking(request, monkeypatch):
    if not request.param:       # another thread alive: BackgroundWriter runs the job in this process
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    elif not background._can_fork():
        # a thread left alive by an earlier test (pytest runs suites in one process): the "forked" case
        # would run inline, and a job that kills its process would kill pytest itself
        pytest.skip("another thread is alive in this test process, so nothing forks")
    return request.param


def test_files_background_job_written_in_job_order_with_stats(tmp_path, forking):
    jobs = [(tmp_path / "a.xlsx", _writes("A", 2)), (tmp_path / "b.csv", _writes("B", 1)),
            (tmp_path / "c.md", _writes("C"))]
    written = write_all(jobs, in_background={tmp_path / "a.xlsx"})
    assert list(written) == [p for p, _ in jobs]
    assert written.sanitized_chars == 3
    assert (tmp_path / "a.xlsx").read_text(encoding="utf-8") == "A"


def test_files_background_e401_is_collected_with_the_others(tmp_path, forking):
    jobs = [(tmp_path / "a.xlsx", _fails_e401), (tmp_path / "b.csv", _writes("B")), (tmp_path / "c.md", _fails_e401)]
    with pytest.raises(DubanError) as caught:
        write_all(jobs, in_background={tmp_path / "a.xlsx"})
    assert caught.value.code == "E401"
    assert str(tmp_path / "a.xlsx") in str(caught.value) and str(tmp_path / "c.md") in str(caught.value)
    assert list(caught.value.written) == [tmp_path / "b.csv"]


def test_files_background_other_exception_is_raised(tmp_path, forking):
    jobs = [(tmp_path / "a.xlsx", _breaks), (tmp_path / "b.csv", _writes("B"))]
    with pytest.raises(RuntimeError):
        write_all(jobs, in_background={tmp_path / "a.xlsx"})


@pytest.mark.parametrize("exc", [DubanError("E004", reason="hash mismatch"), UsageError("E001", path="in/")])
def test_files_coded_errors_survive_pickling(exc):
    """Regression: DubanError could not be unpickled, so a coded error could not come back from a
    writer in a child process."""
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc) and back.code == exc.code and back.kwargs == exc.kwargs
    assert str(back) == str(exc)


def _writes_pid(path):
    import os

    path.write_text(str(os.getpid()), encoding="utf-8")


def test_files_start_all_runs_each_group_in_one_child_while_the_caller_works(tmp_path, forking):
    import os

    jobs = [(tmp_path / name, _writes_pid) for name in ("a.xlsx", "b.csv", "c.md", "d.json")]
    pending = start_all(jobs, groups=[{tmp_path / "c.md"}, {tmp_path / "a.xlsx", tmp_path / "d.json"}])
    caller_work = os.getpid()                     # the caller is free between start and join
    written = pending.join()
    assert list(written) == [p for p, _ in jobs]
    pids = {p.name: int(p.read_text(encoding="utf-8")) for p, _ in jobs}
    assert pids["b.csv"] == caller_work                               # in no group: run here, at join
    if forking:
        assert pids["a.xlsx"] == pids["d.json"] != pids["c.md"] != caller_work
        assert caller_work not in (pids["a.xlsx"], pids["c.md"])
    else:
        assert set(pids.values()) == {caller_work}


def _killed(path):
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def test_files_start_all_lost_group_fails_each_of_its_paths(tmp_path, forking):
    if not forking:
        pytest.skip("a job killing the test process")
    jobs = [(tmp_path / "a.xlsx", _writes("A")), (tmp_path / "b.csv", _killed), (tmp_path / "c.md", _writes("C"))]
    with pytest.raises(DubanError) as caught:
        start_all(jobs, groups=[{tmp_path / "a.xlsx", tmp_path / "b.csv"}]).join()
    assert caught.value.code == "E401" and "writer process lost" in str(caught.value)
    assert str(tmp_path / "a.xlsx") in str(caught.value) and str(tmp_path / "b.csv") in str(caught.value)
    assert list(caught.value.written) == [tmp_path / "c.md"]
