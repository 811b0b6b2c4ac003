"""write_atomic for real: modes, symlinks, read-only files, backups, full disks, kills, races."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rustbone_kit.atomic import backup_paths, file_state, write_atomic
from rustbone_kit.errors import KitError, StaleFileError

PACKAGE = Path(__file__).resolve().parents[1] / "rustbone_kit"

# A child process that imports only rustbone_kit.atomic (and errors), not the package's
# __init__ (pandas ...), so that it starts in a few milliseconds.
PRELUDE = f"""
import sys, types
package = types.ModuleType("rustbone_kit")
package.__path__ = [{str(PACKAGE)!r}]
sys.modules["rustbone_kit"] = package
from rustbone_kit.atomic import write_atomic
from rustbone_kit.errors import KitError
"""


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def child(script: str, *args: str, **popen) -> subprocess.Popen:
    code = PRELUDE + textwrap.dedent(script)
    return subprocess.Popen([sys.executable, "-c", code, *args], text=True, **popen)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "notes.yaml"
    path.write_text("old\n")
    return path


def test_a_new_file_gets_the_usual_mode_and_no_backup(tmp_path):
    mask = os.umask(0o022)
    try:
        written = write_atomic(tmp_path / "new.yaml", "new\n")
    finally:
        os.umask(mask)
    assert written == tmp_path / "new.yaml" and written.read_text() == "new\n"
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
    assert listing(tmp_path) == ["new.yaml"]


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o640])
def test_the_files_mode_is_kept(target, mode):
    target.chmod(mode)
    write_atomic(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert stat.S_IMODE(backup_paths(target)[0].stat().st_mode) == mode
    assert target.read_text() == "new\n"


def test_a_symlink_stays_a_symlink_and_its_target_is_written(tmp_path):
    real = tmp_path / "store" / "notes.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    real.chmod(0o600)
    link = tmp_path / "notes.yaml"
    link.symlink_to(Path("store") / "notes.yaml")  # a relative link
    written = write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(Path("store") / "notes.yaml")
    assert written == real.resolve() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert (real.parent / "notes.yaml.bak").read_text() == "old\n"  # next to the real file
    assert listing(tmp_path) == ["notes.yaml", "store"]


def test_a_dangling_symlink_is_kept_and_its_target_created(tmp_path):
    link = tmp_path / "notes.yaml"
    link.symlink_to(tmp_path / "later.yaml")
    write_atomic(link, "new\n")
    assert link.is_symlink() and (tmp_path / "later.yaml").read_text() == "new\n"


def test_a_read_only_file_is_refused_naming_the_file_and_nothing_changes(target):
    target.chmod(0o444)
    before = listing(target.parent)
    with pytest.raises(KitError, match="read-only") as err:
        write_atomic(target, "new\n")
    assert err.value.path == str(target) and str(target) in str(err.value)
    assert "chmod u+w notes.yaml" in err.value.fix
    assert target.read_text() == "old\n" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert listing(target.parent) == before


def test_a_folder_is_not_replaced(tmp_path):
    (tmp_path / "notes.yaml").mkdir()
    with pytest.raises(KitError, match="not a regular file"):
        write_atomic(tmp_path / "notes.yaml", "new\n")
    assert (tmp_path / "notes.yaml").is_dir()


def test_a_missing_folder_is_a_kit_error(tmp_path):
    with pytest.raises(KitError, match="could not save the file") as err:
        write_atomic(tmp_path / "nowhere" / "notes.yaml", "new\n")
    assert err.value.path == str(tmp_path / "nowhere" / "notes.yaml")


def test_backups_rotate_newest_first_and_keep_only_as_many_as_asked(target):
    for version in ("v1\n", "v2\n", "v3\n", "v4\n", "v5\n"):
        write_atomic(target, version, backups=3)
    assert target.read_text() == "v5\n"
    assert [p.read_text() for p in backup_paths(target, 3)] == ["v4\n", "v3\n", "v2\n"]
    assert listing(target.parent) == [
        "notes.yaml",
        "notes.yaml.bak",
        "notes.yaml.bak2",
        "notes.yaml.bak3",
    ]
    write_atomic(target, "v6\n", backups=0)
    assert target.read_text() == "v6\n" and backup_paths(target)[0].read_text() == "v4\n"


def test_backups_are_rotated_only_after_the_replace(target, monkeypatch):
    write_atomic(target, "v1\n")  # notes.yaml.bak: old
    calls = []
    real_replace = os.replace

    def spy(src, dst, **kwargs):
        real_replace(src, dst, **kwargs)
        calls.append((Path(src).name, Path(dst).name))  # the moves that happened, in order

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(target, "v2\n", backups=3)
    (first_src, first_dst), *rotation = calls
    assert first_src.endswith(".tmp") and first_dst == "notes.yaml"  # the new file first
    assert rotation[:-1] == [("notes.yaml.bak", "notes.yaml.bak2")]
    assert rotation[-1][0].endswith(".prev") and rotation[-1][1] == "notes.yaml.bak"


def test_a_failing_replace_keeps_the_file_and_every_backup(target, monkeypatch):
    write_atomic(target, "v1\n")
    write_atomic(target, "v2\n")  # .bak: v1, .bak2: old
    before = {name: (target.parent / name).read_bytes() for name in listing(target.parent)}

    def fail(src, dst, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(dst))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KitError, match="could not save the file: Input/output error") as err:
        write_atomic(target, "v3\n")
    assert err.value.path == str(target) and "unchanged" in err.value.fix
    monkeypatch.undo()
    after = {name: (target.parent / name).read_bytes() for name in listing(target.parent)}
    assert after == before  # same files, same content: no .tmp, no .prev, no rotation


def test_a_failing_rotation_says_the_file_was_saved_and_keeps_the_old_version(target, monkeypatch):
    real_replace = os.replace

    def fail_on_backup(src, dst, **kwargs):
        if str(dst).endswith(".bak"):
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", fail_on_backup)
    with pytest.raises(KitError, match="saved, but the previous version could not be kept"):
        write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    (kept,) = [p for p in target.parent.iterdir() if p.name.endswith(".prev")]
    assert kept.read_text() == "old\n"  # not deleted: it is the only copy of the old version


class FullDisk:
    """A file object that writes half of what it is given, then runs out of space."""

    def __init__(self, fd: int, mode: str) -> None:
        self.file = open(fd, mode)  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def write(self, data: bytes) -> int:
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_on_write_is_a_kit_error_with_the_fix_and_the_file_intact(target, monkeypatch):
    write_atomic(target, "v1\n")
    before = {name: (target.parent / name).read_bytes() for name in listing(target.parent)}
    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(KitError, match="No space left on device") as err:
        write_atomic(target, "v2\n" * 1000)
    monkeypatch.undo()
    assert err.value.path == str(target)
    assert err.value.fix == "free some disk space and save again; the file on disk is unchanged"
    after = {name: (target.parent / name).read_bytes() for name in listing(target.parent)}
    assert after == before  # no .tmp left


def test_a_full_disk_on_fsync_is_a_kit_error_and_the_file_intact(target, monkeypatch):
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(KitError, match="free some disk space"):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n" and listing(target.parent) == ["notes.yaml"]


def test_a_real_file_size_limit_leaves_the_file_intact(target):
    """Not injected: the kernel refuses the write (RLIMIT_FSIZE), as a full disk would."""
    pytest.importorskip("resource")
    script = """
    import resource, signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    try:
        write_atomic(sys.argv[1], b"x" * 100_000)
    except KitError as exc:
        print(exc)
        sys.exit(3)
    """
    proc = child(script, str(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 3, err
    assert f"{target}: could not save the file: File too large" in out
    assert target.read_text() == "old\n" and listing(target.parent) == ["notes.yaml"]


def test_expect_refuses_a_file_changed_since_it_was_read(target):
    state = file_state(target)
    target.write_text("changed elsewhere\n")
    with pytest.raises(StaleFileError, match="changed since it was read") as err:
        write_atomic(target, "mine\n", expect=state)
    assert err.value.path == str(target) and "load it again" in err.value.fix
    assert target.read_text() == "changed elsewhere\n" and listing(target.parent) == ["notes.yaml"]


def test_expect_accepts_an_unchanged_file_even_if_rewritten_with_the_same_content(target):
    state = file_state(target)
    target.write_text("old\n")  # touched, not changed
    write_atomic(target, "mine\n", expect=state)
    assert target.read_text() == "mine\n"


def test_expect_of_a_missing_file(tmp_path):
    path = tmp_path / "notes.yaml"
    missing = file_state(path)
    assert missing.digest is None
    path.write_text("someone else's\n")
    with pytest.raises(StaleFileError):
        write_atomic(path, "mine\n", expect=missing)
    path.unlink()
    write_atomic(path, "mine\n", expect=missing)
    assert path.read_text() == "mine\n"


def test_two_windows_on_one_file_the_second_save_is_refused(target):
    first, second = file_state(target), file_state(target)
    write_atomic(target, "first window\n", expect=first)
    with pytest.raises(StaleFileError):
        write_atomic(target, "second window\n", expect=second)
    assert target.read_text() == "first window\n"
    write_atomic(target, "second window, reloaded\n", expect=file_state(target))
    assert backup_paths(target)[0].read_text() == "first window\n"


def versions(size: int) -> dict[bytes, str]:
    """Three whole contents of different lengths: a cut one matches none of them."""
    return {b"o" * (size - 7): "old", b"a" * size: "a", b"b" * (size + 1234): "b"}


WRITE_FOREVER = """
payloads = [b"a" * int(sys.argv[2]), b"b" * (int(sys.argv[2]) + 1234)]
print("ready", flush=True)
i = 0
while True:
    write_atomic(sys.argv[1], payloads[i % 2], backups=2)
    i += 1
"""


def test_a_writer_killed_at_any_point_leaves_the_old_or_the_new_file_whole(tmp_path):
    size = 4_000_000
    whole = versions(size)
    path = tmp_path / "big.bin"
    path.write_bytes(next(iter(whole)))
    rng = random.Random(11)
    killed_mid_write = 0
    for _ in range(12):
        proc = child(WRITE_FOREVER, str(path), str(size), stdout=subprocess.PIPE)
        assert proc.stdout.readline() == "ready\n"
        before = {p.name for p in tmp_path.iterdir()}
        try:
            proc.wait(timeout=rng.uniform(0.02, 0.4))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        assert whole.get(path.read_bytes()) is not None, "the file is cut or mixed"
        for backup in backup_paths(path, 2):
            if backup.exists():
                assert whole.get(backup.read_bytes()) is not None, f"{backup.name} is cut"
        leftovers = {p.name for p in tmp_path.iterdir()} - before - {"big.bin.bak", "big.bin.bak2"}
        assert all(n.startswith(".big.bin.") for n in leftovers), leftovers  # hidden temp files
        killed_mid_write += any(n.endswith(".tmp") for n in leftovers)
    assert killed_mid_write >= 1  # at least one kill landed while the new file was being written


WRITE_N_TIMES = """
payload = sys.argv[2].encode() * int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
for _ in range(300):
    write_atomic(sys.argv[1], payload, backups=2)
"""


def test_two_writers_at_once_never_mix_their_files_or_fail(tmp_path):
    path = tmp_path / "shared.yaml"
    path.write_bytes(b"old")
    size = 200_000
    whole = {b"old", b"A" * size, b"B" * size}
    writers = [
        child(
            WRITE_N_TIMES,
            str(path),
            letter,
            str(size),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for letter in "AB"
    ]
    for proc in writers:
        assert proc.stdout.readline() == "ready\n"
    for proc in writers:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in writers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err  # no writer saw the other's backups move under it
    assert path.read_bytes() in whole - {b"old"}
    for backup in backup_paths(path, 2):
        assert backup.read_bytes() in whole
    assert listing(tmp_path) == ["shared.yaml", "shared.yaml.bak", "shared.yaml.bak2"]


def test_without_hard_links_the_old_version_is_copied_to_the_backup(target, monkeypatch):
    def no_links(src, dst, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target.chmod(0o600)
    write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "new\n" and backup_paths(target)[0].read_text() == "old\n"
    assert listing(target.parent) == ["notes.yaml", "notes.yaml.bak"]


def test_a_backup_that_is_already_the_old_version_leaves_no_temporary_name(target):
    """rename() is a no-op between two links to one file (two writers keeping one version)."""
    os.link(target, backup_paths(target)[0])
    write_atomic(target, "new\n", backups=1)
    assert backup_paths(target)[0].read_text() == "old\n"
    assert listing(target.parent) == ["notes.yaml", "notes.yaml.bak"]
