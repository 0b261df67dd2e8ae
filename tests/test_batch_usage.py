"""Usage errors of ``duban batch`` (and the other commands' ``-o``) found by QA 6: exit 2 with a
coded message naming the option, before any work, instead of a failure that blames the files."""
from __future__ import annotations

import pytest

from tests.batch_fixtures import report_text
from tests.conftest import SEED

from pipeline.cli import main
from pipeline.errors import UsageError


@pytest.fixture()
def inbox(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(report_text(1), encoding="utf-8")
    blocker = tmp_path / "f"
    blocker.write_text("not a folder", encoding="utf-8")
    return src, blocker


@pytest.mark.parametrize("command", ["batch", "gaps", "checklist"])
@pytest.mark.parametrize("inside", [False, True])
def test_batch_output_that_is_a_file_is_a_usage_error(inbox, capsys, command, inside):
    """L1: ``-o EXISTING_FILE`` (or a folder below a file) was E000 FileExistsError in batch and
    E401 after the whole run in gaps/checklist."""
    src, blocker = inbox
    out = blocker / "sub" if inside else blocker
    argv = {"batch": ["batch", str(src), "-r", str(SEED), "--no-progress"],
            "gaps": ["gaps", "-r", str(SEED), str(src / "a.txt")],
            "checklist": ["checklist", str(SEED)]}[command] + ["-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "[E005]" in err and "-o/--output" in err and str(blocker) in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"          # untouched


def test_batch_api_output_that_is_a_file_raises_usage_error(inbox):
    from pipeline.batch import run_batch

    src, blocker = inbox
    with pytest.raises(UsageError) as caught:
        run_batch(src, reference=SEED, out_dir=blocker, progress=False)
    assert caught.value.code == "E005"
