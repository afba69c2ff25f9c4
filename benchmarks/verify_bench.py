"""`citegloss verify` at scale against the loopback fake provider: cold within the rate, warm from cache.

Run by hand (`make bench-verify`, or `python benchmarks/verify_bench.py [ENTRIES] [RATE]`); not a
test. It generates ENTRIES articles (default 1,000), each with a DOI the fake Crossref holds (the
recorded PLoS record with its DOI and title changed), serves them with 50 ms latency, then verifies
them cold (an empty response cache) at RATE requests per second (default 10, the most citegloss
allows) and warm (the same cache). Targets: the cold run never exceeds RATE requests in any second;
the warm run takes under 1 s and asks the server nothing.
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citegloss.bib import parse_bibliography  # noqa: E402
from citegloss.verify.http import Client, Politeness  # noqa: E402
from citegloss.verify.lookup import verify_all  # noqa: E402
from fake_providers import FakeProviders, recorded, serving  # noqa: E402


def generated(entries: int) -> tuple[str, dict[str, dict[str, object]]]:
    template = recorded("crossref-work-pone.0033693.json")["message"]
    works, bib = {}, []
    for i in range(entries):
        doi = f"10.5555/bench.{i:05d}"
        title = f"Methylphenidate Exposure Study Number {i}"
        work = copy.deepcopy(template)
        work.update(DOI=doi, title=[title])
        works[doi] = work
        bib.append(
            f"@article{{bench{i},\n  author = {{Sadasivan, Shankar and Pond, Brooks B. and "
            "Pani, Amar K. and Qu, Chunxu and Jiao, Yun and Smeyne, Richard J.},\n"
            f"  title = {{{title}}},\n  journal = {{PLoS ONE}},\n  year = {{2012}},\n"
            f"  volume = {{7}},\n  doi = {{{doi}}}\n}}\n"
        )
    return "\n".join(bib), works


def busiest_second(times: list[float]) -> int:
    """The most requests that arrived within any one second."""
    ordered, most, start = sorted(times), 0, 0
    for end, t in enumerate(ordered):
        while t - ordered[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def run(entries: int, rate: float) -> None:
    text, works = generated(entries)
    references = list(parse_bibliography(text, "references.bib").references.values())
    fake = FakeProviders(works=works, latency=0.05)
    with tempfile.TemporaryDirectory() as cache, serving(fake) as env:
        urls = {
            "crossref": env["CITEGLOSS_CROSSREF_URL"],
            "openlibrary": env["CITEGLOSS_OPENLIBRARY_URL"],
        }
        politeness = Politeness(mailto="bench@example.org", rate=rate, cache_dir=Path(cache))
        timings, departures = [], []
        for label in ("cold", "warm"):
            client = Client(politeness, urls)
            acquire = client.limiter.try_acquire

            def paced(name: str, *args: object, _acquire=acquire, **kw: object) -> object:
                granted = _acquire(name, *args, **kw)
                departures.append(time.monotonic())
                return granted

            client.limiter.try_acquire = paced  # type: ignore[method-assign]
            asked = len(fake.requests)
            started = time.perf_counter()
            results = verify_all(references, client)
            elapsed = time.perf_counter() - started
            client.close()
            confirmed = sum(r.verdict == "confirmed" for r in results)
            if confirmed < entries:
                print("not confirmed:", next(r for r in results if r.verdict != "confirmed"))
            timings.append(elapsed)
            print(
                f"{label}: {entries} entries in {elapsed:.2f} s, {confirmed} confirmed, "
                f"{len(fake.requests) - asked} requests to the server"
            )
        floor = entries / rate
        print(
            f"cold: busiest second {busiest_second(departures)} requests sent, "
            f"{busiest_second(fake.times)} received (limit {rate:g}/s; the server shares the "
            "client's process, so a busy machine bunches its arrival times); "
            f"{entries / timings[0]:.1f} entries/s; the rate alone needs >= {floor - 1:.0f} s"
        )
        print(f"warm: {timings[1]:.2f} s (target < 1 s)")


if __name__ == "__main__":
    run(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
        float(sys.argv[2]) if len(sys.argv) > 2 else 10.0,
    )
