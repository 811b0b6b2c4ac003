"""A real JupyterHub with a class of students, for the hub test and ``benchmarks/class.py``.

Everything listens on 127.0.0.1 only and lives in one temporary folder:

- :func:`make_course` makes the teacher's repository: the students' copy
  (``rustbone-kit release``, as docs/class.md tells a teacher to hand out) of the kit's
  committed tree at ``HEAD`` (``git archive``), committed in a teacher's working clone and
  pushed to a bare repository,
  which the students pull from by its ``file://`` address (nbgitpuller runs ``git clone`` and
  ``git fetch`` on whatever address it is given, a local one included);
- :class:`Hub` runs ``jupyterhub`` with ``configurable-http-proxy`` from npm, the dummy
  authenticator, ``SimpleLocalProcessSpawner`` (each student's home a folder here) and a
  service token for the teacher's REST calls; :meth:`Hub.stop` ends the hub, which stops the
  proxy and every student's server, and then ends whatever of its processes is left;
- :class:`Student` is one student's browser, spoken through the hub's REST API with the
  student's own token: start the server, follow an nbgitpuller link as its page's script
  does, and run cells in a kernel of that server over the kernel websocket
  (:class:`Kernel`).

Every wait is bounded (:data:`TIMEOUT_S`), and every call names what it waited for.
"""

from __future__ import annotations

import contextlib
import html
import importlib.metadata
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: Where ``.ci/run`` installs configurable-http-proxy (``npm install --prefix .ci``).
CHP_PREFIX = ROOT / ".ci"
CHP = CHP_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
CHP_PACKAGE = "configurable-http-proxy@5.3.0"
NPM_OPTIONS = ["--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error"]
#: The setting docs/class.md gives teachers for the students' servers: jupyter-lsp does not
#: look for language servers at each start (it runs ``npm prefix -g`` to, 0.3 CPU-s here).
LSP_OFF = "--LanguageServerManager.autodetect=False"
#: What a class's environment installs: the kit with its ``hub`` extra (docs/class.md).
CLASS_INSTALL = ("rustbone-kit", {"hub"})
#: The longest any one step (a server's start, a pull, a cell) may take.
TIMEOUT_S = 120.0
COURSE = "rustbone-kit"  # the folder the link pulls into, in each student's home
#: The command each student's server runs: the kit's, which skips jsonschema's slow IRI
#: grammars (rustbone_kit/singleuser.py), as docs/class.md tells a teacher to configure;
#: ``jupyterhub-singleuser`` is JupyterHub's own (benchmarks/class.py --server compares them).
SERVER = "rustbone-kit-singleuser"


class ClassroomError(RuntimeError):
    """A step of the class's flow failed or timed out; the message says which and why."""


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


# --------------------------------------------------------------------------- the course


def git(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]
        + [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode:
        raise ClassroomError(f"git {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return done.stdout


@dataclass
class Course:
    """The teacher's working clone and the bare repository the students pull from."""

    teacher: Path
    bare: Path

    @property
    def url(self) -> str:
        return self.bare.as_uri()

    def commit(self, message: str, files: dict[str, str | bytes]) -> str:
        """Write ``files`` (path -> text) in the teacher's clone, commit, push; the commit id."""
        for name, data in files.items():
            path = self.teacher / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        git("add", "--", *files, cwd=self.teacher)
        git("commit", "-q", "-m", message, cwd=self.teacher)
        git("push", "-q", "origin", "main", cwd=self.teacher)
        return git("rev-parse", "HEAD", cwd=self.teacher).strip()


def make_course(folder: Path) -> Course:
    """The students' copy of the kit's tree at HEAD (``release``: no solutions, teacher's
    notes, tests or benchmarks), first commit of a teacher's repository pushed to a bare one."""
    from rustbone_kit.release import release

    kit, teacher, bare = folder / "kit", folder / "teacher", folder / f"{COURSE}.git"
    kit.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, timeout=60
    )
    if archive.returncode:
        raise ClassroomError(f"git archive HEAD failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(kit, filter="data")
    release(kit, teacher)
    shutil.rmtree(kit)
    git("init", "-q", "-b", "main", cwd=teacher)
    git("add", "-A", cwd=teacher)
    git("commit", "-q", "-m", "The course as handed out", cwd=teacher)
    git("init", "-q", "--bare", "-b", "main", bare, cwd=folder)
    git("remote", "add", "origin", bare, cwd=teacher)
    git("push", "-q", "origin", "main", cwd=teacher)
    return Course(teacher, bare)


# --------------------------------------------------------------------------- the hub


HUB_CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_file!r}
c.JupyterHub.pid_file = {pid_file!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
c.Spawner.environment = {environment!r}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.services = [{{"name": "teacher", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "teacher",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
        "services": ["teacher"],
    }}
]
"""


@dataclass
class Hub:
    """A running JupyterHub on loopback ports; :meth:`stop` ends it and all it started."""

    folder: Path
    url: str
    token: str
    homes: Path
    process: subprocess.Popen[bytes]
    log: Path
    started_s: float
    notes: list[str] = field(default_factory=list)  # timings the tests report at the end

    @classmethod
    def start(
        cls, folder: Path, *, chp: Path, timeout: float = TIMEOUT_S, server: str = SERVER
    ) -> Hub:
        folder.mkdir(parents=True, exist_ok=True)
        homes = folder / "homes"
        homes.mkdir()
        port, hub_port, proxy_port = free_port(), free_port(), free_port()
        token = secrets.token_hex(32)
        args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        # The test extra brings server extensions a class's environment has not (nbgrader's,
        # and Notebook 7, which nbgrader requires): off, as they are not there for students.
        off = dict.fromkeys(extensions_not_in_class_install(), False)
        args.append(f"--ServerApp.jpserver_extensions={off!r}")
        # As docs/class.md advises a teacher: no search for language servers (the kit installs
        # none), which runs npm at every server's start.
        args.append(LSP_OFF)
        # The students' servers find the kit's command and git on their PATH, as on a real hub
        # where the kit is installed in the users' environment.
        environment = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        config = folder / "jupyterhub_config.py"
        config.write_text(
            HUB_CONFIG.format(
                bind_url=f"http://127.0.0.1:{port}",
                hub_bind_url=f"http://127.0.0.1:{hub_port}",
                db_url=f"sqlite:///{folder / 'jupyterhub.sqlite'}",
                cookie_file=str(folder / "cookie_secret"),
                pid_file=str(folder / "hub.pid"),
                chp=str(chp),
                proxy_api=f"http://127.0.0.1:{proxy_port}",
                proxy_pid=str(folder / "proxy.pid"),
                homes=str(homes),
                singleuser=str(BIN / server),
                args=args,
                timeout=int(timeout),
                environment=environment,
                token=token,
            ),
            encoding="utf-8",
        )
        log = folder / "jupyterhub.log"
        began = time.monotonic()
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
        env["PATH"] = environment["PATH"]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(BIN / "jupyterhub"), "-f", str(config)],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        hub = cls(folder, f"http://127.0.0.1:{port}", token, homes, process, log, 0.0)
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                hub.stop()
                raise ClassroomError(f"jupyterhub exited ({process.returncode}):\n{hub.tail()}")
            with contextlib.suppress(requests.RequestException):
                if hub.api("GET", "/hub/api/", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                hub.stop()
                raise ClassroomError(f"jupyterhub did not answer in {timeout} s:\n{hub.tail()}")
            time.sleep(0.2)
        hub.started_s = time.monotonic() - began
        return hub

    def api(
        self, method: str, path: str, *, token: str | None = None, timeout: float = 30, **kw: Any
    ) -> requests.Response:
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, self.url + path, headers=headers, timeout=timeout, **kw)

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def processes(self) -> list[int]:
        """The ids of the hub's process and all its descendants (the proxy, the servers,
        their kernels)."""
        return [self.process.pid, *descendants(self.process.pid)]

    def stop(self, timeout: float = 30) -> list[int]:
        """Stop the hub (it stops the proxy and the servers), then end any process left;
        return the ids of those still alive after that (none, unless something is wrong)."""
        left = self.processes()
        with contextlib.suppress(OSError, ValueError):
            left.append(int((self.folder / "proxy.pid").read_text().strip()))
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        end_processes([pid for pid in left if pid != self.process.pid])
        return [pid for pid in left if alive(pid)]


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


# --------------------------------------------------------------------------- a kernel


@dataclass
class Output:
    """What one cell printed: its text (streams, results, errors) and the error's name."""

    text: str
    error: str | None = None


class Kernel:
    """A kernel of a student's server, spoken to over ``/api/kernels/<id>/channels``."""

    def __init__(self, ws_url: str, token: str, kernel_id: str) -> None:
        import websocket

        self.kernel_id = kernel_id
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}",
            header=[f"Authorization: token {token}"],
            timeout=TIMEOUT_S,
            suppress_origin=True,
        )

    def execute(self, code: str, *, timeout: float = TIMEOUT_S) -> Output:
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "session": self.session,
                        "username": "student",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        texts: list[str] = []
        error = None
        idle = replied = False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            if time.monotonic() > deadline:
                raise ClassroomError(f"no reply from the kernel in {timeout} s to: {code[:80]}")
            frame = self.ws.recv()
            if isinstance(frame, bytes):  # a message with binary buffers (widgets): skip
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                texts.append(content["text"])
            elif kind in {"execute_result", "display_data"}:
                texts.append(content.get("data", {}).get("text/plain", "") + "\n")
            elif kind == "error":
                error = content["ename"]
                texts.append(f"{content['ename']}: {content['evalue']}\n")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
        return Output("".join(texts), error)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


# --------------------------------------------------------------------------- a student


@dataclass
class Student:
    """One student: a hub user with a token, a home folder, and a server once started."""

    hub: Hub
    name: str
    token: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    browser: requests.Session = field(default_factory=requests.Session)

    @property
    def home(self) -> Path:
        return self.hub.homes / self.name

    @property
    def base(self) -> str:
        return f"{self.hub.url}/user/{self.name}/"

    def _get(self, url: str, **kw: Any) -> requests.Response:
        """GET with the student's token (the servers' REST API takes it)."""
        kw.setdefault("timeout", TIMEOUT_S)
        return requests.get(url, headers={"Authorization": f"token {self.token}"}, **kw)

    def log_in(self) -> None:
        """Log in on the hub's login page as a browser does (the dummy authenticator takes
        any password): the hub's pages take the session cookie, not a token."""
        page = self.browser.get(self.hub.url + "/hub/login", timeout=TIMEOUT_S)
        xsrf = self.browser.cookies.get("_xsrf", "")
        done = self.browser.post(
            self.hub.url + "/hub/login",
            data={"username": self.name, "password": "class", "_xsrf": xsrf},
            timeout=TIMEOUT_S,
        )
        if page.status_code != 200 or done.status_code != 200 or "/hub/login" in done.url:
            raise ClassroomError(f"{self.name} could not log in: {done.status_code} {done.url}")

    def create(self) -> None:
        """The teacher makes the student's account and a token for the student (REST)."""
        made = self.hub.api("POST", f"/hub/api/users/{self.name}")
        if made.status_code not in {201, 409}:
            raise ClassroomError(f"creating {self.name}: {made.status_code} {made.text}")
        issued = self.hub.api(
            "POST",
            f"/hub/api/users/{self.name}/tokens",
            json={"note": "class test", "expires_in": 3600},
        )
        if issued.status_code != 201:
            raise ClassroomError(f"a token for {self.name}: {issued.status_code} {issued.text}")
        self.token = issued.json()["token"]

    def start_server(self, timeout: float = TIMEOUT_S) -> float:
        """Start the student's server and wait until it answers; the seconds it took."""
        began = time.monotonic()
        started = self.hub.api("POST", f"/hub/api/users/{self.name}/server", token=self.token)
        if started.status_code not in {201, 202, 400}:  # 400: already running
            raise ClassroomError(f"starting {self.name}'s server: {started.text}")
        deadline = began + timeout
        while True:
            user = self.hub.api("GET", f"/hub/api/users/{self.name}", token=self.token).json()
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if time.monotonic() > deadline:
                raise ClassroomError(f"{self.name}'s server not ready in {timeout} s")
            time.sleep(0.25)
        status = self._get(self.base + "api/status")
        if status.status_code != 200:
            raise ClassroomError(f"{self.name}'s server: {status.status_code} {status.text}")
        self.timings["server"] = time.monotonic() - began
        return self.timings["server"]

    def follow(self, link: str, timeout: float = TIMEOUT_S) -> str:
        """Open an nbgitpuller link as a browser does: the hub sends the student to the
        server's ``git-pull`` page, whose script streams ``git-pull/api`` until the pull
        finishes and then goes to the page the link names. Returns the pull's output."""
        page = self.browser.get(link, timeout=TIMEOUT_S)
        if page.status_code != 200 or "git-pull" not in page.url:
            raise ClassroomError(f"{link} led to {page.url} ({page.status_code})")
        data = {
            key: html.unescape(_unquote(value))
            for key, value in re.findall(r'data-([a-z-]+)="([^"]*)"', page.text)
        }
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        for key in ("branch", "depth"):
            if key in data:
                params[key] = data[key]
        lines, phase = [], None
        with self.browser.get(
            self.base + "git-pull/api?" + urlencode(params), stream=True, timeout=timeout
        ) as stream:
            for raw in stream.iter_lines(decode_unicode=True):
                if not raw or not raw.startswith("data: "):
                    continue
                event = json.loads(raw[len("data: ") :])
                lines.append(event.get("output", ""))
                phase = event.get("phase")
                if phase in {"finished", "error"}:
                    if phase == "error":
                        lines.append(event.get("message", ""))
                    break
        output = "".join(lines)
        if phase != "finished":
            raise ClassroomError(f"{self.name}'s pull ended in {phase!r}:\n{output}")
        # The page's script then goes to base_url + path: the notebook the link opens.
        landing = self.browser.get(self.hub.url + data["base-url"] + data["path"])
        if landing.status_code != 200:
            raise ClassroomError(f"after the pull, {landing.url}: {landing.status_code}")
        return output

    def contents(self, path: str) -> dict[str, Any]:
        """The notebook at ``path`` (under the home), as JupyterLab opens it (REST)."""
        got = self._get(self.base + f"api/contents/{path}?type=notebook&content=1")
        if got.status_code != 200:
            raise ClassroomError(f"{self.name} cannot open {path}: {got.status_code} {got.text}")
        return got.json()["content"]

    def save(self, path: str, nb: dict[str, Any]) -> None:
        """Save the notebook as JupyterLab does (REST ``PUT``)."""
        put = requests.put(
            self.base + f"api/contents/{path}",
            headers={"Authorization": f"token {self.token}"},
            json={"type": "notebook", "format": "json", "content": nb},
            timeout=TIMEOUT_S,
        )
        if put.status_code != 200:
            raise ClassroomError(f"{self.name} cannot save {path}: {put.status_code} {put.text}")

    def kernel(self, notebook: str) -> Kernel:
        """A new kernel for ``notebook`` (a path under the home), as opening it would start."""
        made = requests.post(
            self.base + "api/sessions",
            headers={"Authorization": f"token {self.token}"},
            json={"path": notebook, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
            timeout=TIMEOUT_S,
        )
        if made.status_code != 201:
            raise ClassroomError(f"a kernel for {notebook}: {made.status_code} {made.text}")
        kernel_id = made.json()["kernel"]["id"]
        ws = self.base.replace("http://", "ws://", 1) + f"api/kernels/{kernel_id}/channels"
        return Kernel(ws, self.token, kernel_id)

    def server_processes(self) -> list[int]:
        """The ids of the student's server process and its kernels."""
        return [p for p in self.hub.processes() if environ(p).get("JUPYTERHUB_USER") == self.name]


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


# --------------------------------------------------------------------------- the class's flow

#: A blank answer line of an exercise, as ``rustbone-kit exercises build`` writes it.
BLANK = re.compile(r"^(answer_\w+) = None(  # your answer.*)?$", re.MULTILINE)
#: The first line of a check's feedback: ``[03.1] Passed.``, ``[03.1] Not yet. ...`` ...
FEEDBACK = re.compile(r"^\[(\d\d\.\d+)\] (Passed|Not yet|Not answered yet)", re.MULTILINE)
ANNOTATE = """\
import rustbone_kit as rk
from rustbone_kit.annotation_store import AnnotationFile, sentence_entries
_corpus = rk.load_corpus()
_file = AnnotationFile(_corpus, {name!r})
print(_file.save(sentence_entries(_corpus, {{("marchant", "marchant:s1"): (["swim"], [])}})))
"""


def exercises_with_blanks(course: Path) -> list[str]:
    """The exercises of the course (paths under it) that have a blank answer and a check."""
    found = []
    for path in sorted((course / "exercises").glob("*.ipynb")):
        text = "\n".join(
            "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        )
        if BLANK.search(text) and "check(" in text:
            found.append(path.relative_to(course).as_posix())
    return found


def answer_first_blank(nb: dict[str, Any], answer: str) -> str:
    """Fill the notebook's first blank answer with ``answer``; the line written."""
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        found = BLANK.search(source) if cell["cell_type"] == "code" else None
        if found:
            line = f"{found[1]} = {answer}"
            cell["source"] = source[: found.start()] + line + source[found.end() :]
            return line
    raise ClassroomError("no blank answer in the notebook")


@dataclass
class Visit:
    """What one student's first visit did and how long each part took (seconds)."""

    name: str
    pull: str
    answer_line: str
    feedback: list[str]
    annotation: Path
    server_s: float
    link_to_feedback_s: float
    total_s: float
    kernel: Kernel | None = None


def first_visit(student: Student, link: str, exercise: str, *, keep_kernel: bool = False) -> Visit:
    """A student's first class: the server starts, the link clones the course and opens the
    exercise, the student answers its first question and saves, runs every cell (the check
    cells print their feedback), and saves an annotation with the Annotator's save path."""
    began = time.monotonic()
    server_s = student.start_server()
    student.log_in()
    pulled = student.follow(link)
    path = f"{COURSE}/{exercise}"
    nb = student.contents(path)
    line = answer_first_blank(nb, f"{len(student.name)}  # {student.name}'s answer")
    student.save(path, nb)
    kernel = student.kernel(path)
    feedback: list[str] = []
    first = None
    try:
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            out = kernel.execute("".join(cell["source"]))
            if out.error:
                raise ClassroomError(f"{student.name}: a cell failed: {out.text[-400:]}")
            lines = [m.group(0) for m in FEEDBACK.finditer(out.text)]
            if lines and first is None:
                first = time.monotonic() - began
            feedback += lines
        saved = kernel.execute(ANNOTATE.format(name=student.name))
        if saved.error:
            raise ClassroomError(f"{student.name}: the annotation was not saved: {saved.text}")
    finally:
        if not keep_kernel:
            kernel.close()
    return Visit(
        name=student.name,
        pull=pulled,
        answer_line=line,
        feedback=feedback,
        annotation=Path(saved.text.strip().splitlines()[-1]),
        server_s=server_s,
        link_to_feedback_s=first if first is not None else float("nan"),
        total_s=time.monotonic() - began,
        kernel=kernel if keep_kernel else None,
    )
