"""This machine's side of a class: the processes a hub starts (read from /proc), what a
class's environment installs, and the proxy and ports a hub uses, for the hub test and
``benchmarks/class.py``.

:func:`cpu_seconds` and :func:`rss_bytes` measure a process; :func:`descendants` finds what
a process started; :func:`extensions_not_in_class_install` names the server extensions the
test environment has and a class's (``pip install "rustbone-kit[hub]"``) has not.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

#: The longest any one step (a server's start, a pull, a cell) may take.
TIMEOUT_S = 120.0


class ClassroomError(RuntimeError):
    """A step of the class's flow failed or timed out; the message says which and why."""


#: Where ``.ci/run`` installs configurable-http-proxy (``npm install --prefix .ci``).
CHP_PREFIX = Path(__file__).resolve().parents[2] / ".ci"
CHP = CHP_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
CHP_PACKAGE = "configurable-http-proxy@5.3.0"
NPM_OPTIONS = ["--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error"]


#: What a class's environment installs: the kit with its ``hub`` extra (docs/class.md).
CLASS_INSTALL = ("rustbone-kit", {"hub"})


def class_install_distributions() -> set[str]:
    """The distributions ``pip install rustbone-kit[hub]`` installs: the kit's requirements
    with that extra, and theirs, read from the installed metadata (names normalised)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wanted: list[tuple[str, set[str]]] = [CLASS_INSTALL]
    found: set[str] = set()
    while wanted:
        name, extras = wanted.pop()
        key = canonicalize_name(name)
        if key in found:
            continue
        found.add(key)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue  # an optional dependency of a dependency, not installed here either
        for line in requires:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in extras or {""}):
                wanted.append((requirement.name, set(requirement.extras)))
    return found


def extensions_not_in_class_install() -> list[str]:
    """The server extensions enabled here whose package a class's environment would not
    have (they come with the test extra), so that each student's server loads what it
    would on a real hub."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager
    from packaging.utils import canonicalize_name

    enabled = ExtensionConfigManager(read_config_path=jupyter_config_path())
    owners = importlib.metadata.packages_distributions()
    installed = class_install_distributions()
    return sorted(
        module
        for module, on in enabled.get_jpserver_extensions().items()
        if on
        and not any(canonicalize_name(d) in installed for d in owners.get(module.split(".")[0], []))
    )


# --------------------------------------------------------------------------- processes (/proc)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren ...), read from /proc."""
    tree, found, todo = _children_map(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def environ(pid: int) -> dict[str, str]:
    with contextlib.suppress(OSError):
        raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
        return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)
    return {}


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (VmRSS), 0 if it is gone."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far, with that of the children it has
    waited for (a server's ``git`` and ``node`` runs; a live kernel is counted on its own),
    0 if it is gone."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return 0.0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def end_processes(pids: list[int], timeout: float = 10) -> None:
    """SIGTERM each process still alive, then SIGKILL those left after ``timeout``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            if alive(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)


# --------------------------------------------------------------------------- the proxy and ports


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def proxy_command() -> Path:
    """configurable-http-proxy, installed into ``.ci/node_modules`` with npm if it is not there.

    Raises :class:`FileNotFoundError` (with the reason) when npm itself is missing.
    """
    if CHP.exists():
        return CHP
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError(
            "npm is not installed, so configurable-http-proxy (JupyterHub's proxy, an npm "
            "package) cannot be; install Node.js and npm (apt-get install npm) or run .ci/run"
        )
    subprocess.run(
        [npm, "install", "--prefix", str(CHP_PREFIX), *NPM_OPTIONS, CHP_PACKAGE],
        check=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    return CHP
