"""A fake Crossref and Open Library on loopback, answering in the providers' recorded shapes.

Its records are the recorded real responses (fixtures/verify/recorded/) plus the derived ones
SOURCES.md names. `script` makes it misbehave: each request takes the next of "429" (with
Retry-After: 1), "500" or "hang" before answering normally; `latency` delays every answer.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

RECORDED = Path(__file__).parent / "fixtures" / "verify" / "recorded"


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def crossref_works() -> dict[str, dict[str, Any]]:
    """DOI -> Crossref work message: the recorded ones, and the retracted variant."""
    plos = recorded("crossref-work-pone.0033693.json")["message"]
    forecast = recorded("crossref-query-boettiger.json")["message"]["items"][0]
    retracted = copy.deepcopy(plos)
    retracted["DOI"] = "10.5555/retracted.0033693"
    retracted["updated-by"][0]["type"] = "retraction"
    retracted["updated-by"][0]["label"] = "Retraction"
    return {w["DOI"].lower(): w for w in (plos, forecast, retracted)}


def openlibrary_docs() -> list[dict[str, Any]]:
    return list(recorded("openlibrary-search-denver.json")["docs"])


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


@dataclass
class FakeProviders:
    works: dict[str, dict[str, Any]] = field(default_factory=crossref_works)
    docs: list[dict[str, Any]] = field(default_factory=openlibrary_docs)
    script: list[str] = field(default_factory=list)
    latency: float = 0.0
    hang_seconds: float = 30.0
    requests: list[str] = field(default_factory=list)
    #: When each request arrived (time.monotonic()), to measure the rate clients keep.
    times: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path.startswith("/crossref/works/"):
            work = self.works.get(unquote(path.removeprefix("/crossref/works/")).lower())
            if work is None:
                return 404, {"Content-Type": "text/plain"}, b"Resource not found."
            body = {
                "status": "ok",
                "message-type": "work",
                "message-version": "1.0.0",
                "message": work,
            }
        elif path == "/crossref/works":
            asked = _words(query.get("query.bibliographic", ""))
            items = [w for w in self.works.values() if len(asked & _words(w["title"][0])) >= 2]
            body = {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": {"facets": {}, "total-results": len(items), "items": items},
            }
        elif path == "/openlibrary/search.json":
            if "isbn" in query:
                docs = [d for d in self.docs if query["isbn"] in d.get("isbn", [])]
            else:
                asked = _words(query.get("title", ""))
                docs = [d for d in self.docs if asked and asked <= _words(d["title"])]
            body = {"numFound": len(docs), "start": 0, "numFoundExact": True, "docs": docs}
        else:
            return 404, {"Content-Type": "text/plain"}, b"no such path"
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def next_trouble(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else ""


def _handler(fake: FakeProviders) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            with fake.lock:
                fake.requests.append(self.path)
                fake.times.append(time.monotonic())
            trouble = fake.next_trouble()
            if trouble == "hang":
                time.sleep(fake.hang_seconds)
                return
            if fake.latency:
                time.sleep(fake.latency)
            if trouble in ("429", "500"):
                headers = {"Retry-After": "1"} if trouble == "429" else {}
                self._send(int(trouble), {"Content-Type": "text/plain", **headers}, b"busy")
                return
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            self._send(*fake.answer(parts.path, query))

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serving(fake: FakeProviders) -> Iterator[dict[str, str]]:
    """Serve `fake` on 127.0.0.1; yield the environment that points citegloss at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {
            "CITEGLOSS_CROSSREF_URL": f"{base}/crossref",
            "CITEGLOSS_OPENLIBRARY_URL": f"{base}/openlibrary",
            "CITEGLOSS_MAILTO": "maintainer@example.org",
        }
    finally:
        server.shutdown()
        server.server_close()
