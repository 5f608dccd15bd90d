"""Issue 9.5: an export replaces its target whole or not at all, and refuses what it must
not write over (devices, a folder for a file and the reverse, foreign files)."""

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import OutputError
from annotator.core.model import AnnotatedArticle
from annotator.export import write_export
from annotator.export.files import is_leftover, remove_leftovers, replacing, write_text
from annotator.services.errors import describe_error


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*") if is_leftover(p)]


def failing_after(items: list[AnnotatedArticle], count: int):
    """Articles that run out with an error part-way, as a crash or a full disk would."""
    for number, item in enumerate(items):
        if number == count:
            raise OSError(errno.ENOSPC, "No space left on device")
        yield item


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("fmt", ["spacy", "brat"])
def test_a_folder_export_is_replaced_whole_or_not_at_all(tmp_path: Path, fmt: str, seed_corpus, scheme) -> None:
    out = tmp_path / "out"
    write_export(seed_corpus[:20], out, fmt, scheme, dev=0.5, seed=1)
    first = tree(out)
    with pytest.raises(OSError):
        write_export(failing_after(seed_corpus[20:60], 30), out, fmt, scheme, dev=0.5, seed=1)
    assert tree(out) == first, "a failed export leaves the previous one exactly as it was"
    assert leftovers(tmp_path) == []
    report = write_export(seed_corpus[20:25], out, fmt, scheme, dev=0.5, seed=1)
    second = tree(out)
    assert second != first
    assert set(second) == {str(p.relative_to(out)) for p in report.files}, (
        "no file of the first run stays beside the second"
    )
    assert all(path.parent == out for path in report.files)
    assert leftovers(tmp_path) == []


def test_brat_keeps_the_files_a_person_added(tmp_path: Path, seed_corpus, scheme) -> None:
    out = tmp_path / "brat"
    write_export(seed_corpus[:3], out, "brat", scheme)
    (out / "visual.conf").write_text("[labels]\nPERSON | Person\n")
    write_export(seed_corpus[3:4], out, "brat", scheme)
    assert (out / "visual.conf").read_text() == "[labels]\nPERSON | Person\n"
    assert len(list(out.glob("*.ann"))) == 1


@pytest.mark.parametrize("fmt", ["spacy", "brat"])
def test_a_folder_with_other_files_is_refused_untouched(tmp_path: Path, fmt: str, seed_corpus, scheme) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"my work")
    (out / "notes").mkdir()
    with pytest.raises(OutputError, match="does not write; export into an empty or new folder"):
        write_export(seed_corpus[:2], out, fmt, scheme)
    assert tree(out) == {"thesis.docx": b"my work"}
    assert leftovers(tmp_path) == []


def test_a_failed_file_export_keeps_the_old_file_and_leaves_no_part_file(tmp_path: Path, seed_corpus, scheme) -> None:
    out = tmp_path / "out.jsonl"
    write_export(seed_corpus[:5], out, "jsonl", scheme)
    before = out.read_bytes()
    with pytest.raises(OSError):
        write_export(failing_after(seed_corpus, 3), out, "jsonl", scheme)
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_leftovers_of_a_killed_export_go_with_the_next_one_but_a_live_ones_stay(
    tmp_path: Path, scheme, seed_corpus
) -> None:
    dead, live = dead_pid(), os.getppid()
    stale_part = tmp_path / f".out.jsonl.{dead}-00000000.part"
    stale_stage = tmp_path / f".brat.{dead}-00000000.export"
    live_part = tmp_path / f".out.jsonl.{live}-00000000.part"
    stale_part.write_text("half")
    stale_stage.mkdir()
    (stale_stage / "a.ann").write_text("T1\tPERSON 0 1\tx\n")
    live_part.write_text("being written")
    write_export(seed_corpus[:2], tmp_path / "out.jsonl", "jsonl", scheme)
    write_export(seed_corpus[:2], tmp_path / "brat", "brat", scheme)
    assert not stale_part.exists() and not stale_stage.exists()
    assert live_part.exists()
    remove_leftovers(tmp_path / "out.jsonl")
    assert live_part.exists()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "conll"])
def test_device_paths_are_refused_and_left_alone(device: str, fmt: str, seed_corpus, scheme) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist on this system")
    with pytest.raises(OutputError, match="device or special file"):
        write_export(seed_corpus[:2], Path(device), fmt, scheme)
    assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} is still a device"


def test_a_folder_where_a_file_is_expected_and_the_reverse(tmp_path: Path, seed_corpus, scheme) -> None:
    with pytest.raises(OutputError, match="is a folder, but a jsonl export writes one file"):
        write_export(seed_corpus[:2], tmp_path, "jsonl", scheme)
    a_file = tmp_path / "export.jsonl"
    a_file.write_text("old\n")
    with pytest.raises(OutputError, match="is a file, but a spacy export writes a folder"):
        write_export(seed_corpus[:2], a_file, "spacy", scheme)
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_export(seed_corpus[:2], a_file / "inside" / "x.jsonl", "jsonl", scheme)
    assert a_file.read_text() == "old\n"


def test_a_written_file_gets_the_usual_mode_not_the_temporary_ones(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) & 0o044, "the umask decides the mode, not the temporary file's 0600"


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "spacy"])
def test_a_read_only_folder_gives_a_clear_message(
    tmp_path: Path, read_only_view, seed_corpus, scheme, fmt: str
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    view = read_only_view(folder)
    with pytest.raises(OSError) as raised:
        write_export(seed_corpus[:2], view / ("out.jsonl" if fmt == "jsonl" else "out"), fmt, scheme)
    message = describe_error(raised.value)
    assert "read-only" in message or "permission denied" in message, message
    assert str(view / ("out.jsonl" if fmt == "jsonl" else "out")) in message
    assert os.listdir(folder) == []


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "spacy"])
def test_a_full_disk_gives_a_clear_message_and_no_leftovers(small_disk: Path, seed_corpus, scheme, fmt: str) -> None:
    target = small_disk / ("out.jsonl" if fmt == "jsonl" else "out")
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"x" * (free.f_bavail * free.f_frsize - 16 * 1024))
    with pytest.raises(OSError) as raised:
        write_export(seed_corpus, target, fmt, scheme)
    assert raised.value.errno == errno.ENOSPC
    message = describe_error(raised.value)
    assert message == f"{target}: the disk is full; free some space and try again"
    assert os.listdir(small_disk) == ["filler"], "nothing half-written stays on the full disk"


def test_replacing_names_the_target_when_the_folder_cannot_be_written(tmp_path: Path, read_only_view) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    view = read_only_view(folder)
    with pytest.raises(OSError) as raised, replacing(view / "x.txt") as partial:
        partial.write_text("never")
    assert raised.value.filename == str(view / "x.txt")
