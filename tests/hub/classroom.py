"""A real JupyterHub with a class of students, for the hub test and ``benchmarks/class.py``.

Everything listens on 127.0.0.1 only and lives in one temporary folder:

- ``course_repo.make_course`` makes the teacher's repository: the students' copy
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
  (:class:`kernel_client.Kernel`).

The processes and the class's install are read by ``host.py``; the kernel client is
``kernel_client.py``, both beside this file.

Every wait is bounded (:data:`TIMEOUT_S`), and every call names what it waited for.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from host import (
    TIMEOUT_S,
    ClassroomError,
    alive,
    descendants,
    end_processes,
    environ,
    extensions_not_in_class_install,
    free_port,
)
from kernel_client import Kernel

BIN = Path(sys.executable).parent
#: The setting docs/class.md gives teachers for the students' servers: jupyter-lsp does not
#: look for language servers at each start (it runs ``npm prefix -g`` to, 0.3 CPU-s here).
LSP_OFF = "--LanguageServerManager.autodetect=False"
#: The command each student's server runs: the kit's, which skips jsonschema's slow IRI
#: grammars (rustbone_kit/singleuser.py), as docs/class.md tells a teacher to configure;
#: ``jupyterhub-singleuser`` is JupyterHub's own (benchmarks/class.py --server compares them).
SERVER = "rustbone-kit-singleuser"


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
