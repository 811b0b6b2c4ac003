"""A kernel of a student's server, spoken to over its websocket as JupyterLab does, for the
hub test and ``benchmarks/class.py``: :meth:`Kernel.execute` runs a cell and returns what it
printed (:class:`Output`).
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from dataclasses import dataclass

from host import TIMEOUT_S, ClassroomError


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
