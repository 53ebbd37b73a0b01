"""A bare JSON-RPC session with a server process: for sending what a well-behaved client
library would refuse to send (bad JSON, bad params, requests out of order)."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from typing import Any


class RawSession:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.received: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def send_bytes(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.send_bytes(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait_for(self, predicate: Any, timeout: float = 15) -> dict[str, Any]:
        for message in self.received:
            if predicate(message):
                self.received.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                break
            if predicate(message):
                return message
            self.received.append(message)
        raise TimeoutError("the server did not send the expected message")

    def request(self, id: int, method: str, params: Any) -> dict[str, Any]:
        self.send({"id": id, "method": method, "params": params})
        return self.response(id)

    def response(self, id: int | None) -> dict[str, Any]:
        return self.wait_for(lambda m: m.get("id") == id and "method" not in m)

    def close(self) -> int:
        try:
            if self.process.poll() is None:
                self.request(9999, "shutdown", None)
                self.notify("exit", None)
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
