"""A loopback web server for the fetch tests: 127.0.0.1 only, routes from a dict, every request
bounded (the server's sockets time out, its threads are daemons), stopped after each test."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# A route answers (status, headers, body); a callable route gets the request handler, so it
# can read the request headers or count calls.
Reply = tuple[int, dict[str, str], bytes]
Route = Reply | Callable[[BaseHTTPRequestHandler], Reply]


class LoopbackServer:
    """``routes`` maps a path (with its query, if any) to a reply; unknown paths are 404;
    headers named ``X-Test-…`` are not sent (``X-Test-No-Length`` leaves out Content-Length).
    ``hits`` counts requests per path, ``seen`` keeps each request's headers, ``peak`` is the
    most requests that were being answered at once."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        self.running = True

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        """Stop answering: later requests to ``base`` are refused."""
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()
            self._thread.join(timeout=5)

    @staticmethod
    def slow(seconds: float, reply: Reply) -> Callable[[BaseHTTPRequestHandler], Reply]:
        """A route that waits ``seconds`` before it answers."""
        def route(_request: BaseHTTPRequestHandler) -> Reply:
            time.sleep(seconds)
            return reply
        return route

    @staticmethod
    def failing(times: int, failure: Reply, then: Reply) -> Callable[[BaseHTTPRequestHandler],
                                                                      Reply]:
        """A route that answers ``failure`` the first ``times`` calls, then ``then``."""
        calls = Counter()

        def route(_request: BaseHTTPRequestHandler) -> Reply:
            calls["n"] += 1
            return failure if calls["n"] <= times else then
        return route

    def reply(self, request: BaseHTTPRequestHandler) -> Reply:
        with self._lock:
            self.hits[request.path] += 1
            self.seen.append((request.path, dict(request.headers)))
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            route = self.routes.get(request.path)
            if route is None:
                return 404, {"Content-Type": "text/html"}, b"<html><body>Not here</body></html>"
            return route(request) if callable(route) else route
        finally:
            with self._lock:
                self.active -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (a timeout test) is expected, not worth a traceback


def _handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 5

        def do_GET(self) -> None:
            status, headers, body = server.reply(self)
            self.send_response(status)
            for name, value in headers.items():
                if not name.startswith("X-Test-"):
                    self.send_header(name, value)
            if "Content-Length" not in headers and "X-Test-No-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def web(monkeypatch) -> Iterator[LoopbackServer]:
    """A running loopback server; stopped when the test ends (or earlier with ``stop()``)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = LoopbackServer()
    try:
        yield server
    finally:
        server.stop()

