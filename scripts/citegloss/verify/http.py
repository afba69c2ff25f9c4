"""The network edge: one HTTP client for every provider, polite and bounded. The only I/O of verify.

Libraries do the work: requests-cache keeps responses on disk (a warm re-run asks no one),
urllib3's `Retry` retries 429 and 5xx with exponential backoff and honours `Retry-After`, and
pyrate-limiter's bucket keeps all requests, to every provider together, under the rate across
threads. Only requests
that miss the cache reach the adapter, so only they spend the rate.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.request import getproxies

import requests
import requests_cache
from pyrate_limiter import Duration, Limiter, Rate
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from citegloss import __version__

#: The statuses worth asking again: rate limited, or the server's own trouble.
RETRY_STATUSES = (429, 500, 502, 503, 504)


class Unreachable(Exception):
    """The provider could not be asked: no network, a timeout, 5xx or 429 after the retries."""


class WaitTooLong(Exception):
    """The provider asked us to wait longer than we are willing to: stop asking it."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Politeness:
    #: Contact address sent to providers (CITEGLOSS_MAILTO).
    mailto: str = ""
    #: Requests per second, all providers together; Crossref's polite pool allows 10.
    rate: float = 5.0
    #: Requests in flight at once (Crossref asks for at most 3 in its polite pool).
    concurrency: int = 3
    #: Seconds to connect, and to wait for the response.
    timeout: float = 10.0
    #: Retries of one request after the first try.
    retries: int = 3
    #: Backoff base in seconds: 0.5, 1, 2, ... between retries.
    backoff: float = 0.5
    #: The longest `Retry-After` honoured; a longer one ends the run for that provider.
    longest_wait: float = 60.0
    #: Where responses are cached; None for no cache.
    cache_dir: Path | None = None
    #: How long a cached response stays fresh.
    cache_days: float = 7.0

    @property
    def user_agent(self) -> str:
        contact = f" (mailto:{self.mailto})" if self.mailto else ""
        return f"citegloss/{__version__}{contact}"


class _BoundedRetry(Retry):
    """urllib3's Retry, but a `Retry-After` beyond `longest_wait` ends the retries."""

    longest_wait: float = 60.0

    def new(self, **kw: Any) -> _BoundedRetry:
        retry: _BoundedRetry = super().new(**kw)
        retry.longest_wait = self.longest_wait
        return retry

    def parse_retry_after(self, retry_after: str) -> float:
        seconds = float(super().parse_retry_after(retry_after))
        if seconds > self.longest_wait:
            raise WaitTooLong(f"the provider asked to wait {seconds:.0f} s before asking again")
        return seconds


class _PacedAdapter(HTTPAdapter):
    """Waits for the provider's rate bucket before each request that really goes out."""

    def __init__(self, limiter: Limiter, bucket: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.limiter, self.bucket = limiter, bucket

    def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:  # type: ignore[override]
        self.limiter.try_acquire(self.bucket)
        return super().send(request, **kw)


class Client:
    """GET JSON from providers' base URLs, through the cache, the rate limit and the retries."""

    def __init__(self, politeness: Politeness, base_urls: dict[str, str]) -> None:
        self.politeness = politeness
        self.base_urls = {name: url.rstrip("/") for name, url in base_urls.items()}
        per_second = max(1, round(politeness.rate))
        # Evenly spaced (one per 1/rate s), and the window 10% longer than a second: requests
        # leave a little unevenly (threads, a busy machine), and a provider counts arrivals.
        spacing = Rate(1, math.ceil(int(Duration.SECOND) / per_second))
        self.limiter = Limiter(
            [spacing, Rate(per_second, int(Duration.SECOND) * 11 // 10)], buffer_ms=5
        )
        if politeness.cache_dir is not None:
            politeness.cache_dir.mkdir(parents=True, exist_ok=True)
            self.session: requests.Session = requests_cache.CachedSession(
                str(politeness.cache_dir / "responses"),
                backend="sqlite",
                expire_after=timedelta(days=politeness.cache_days),
                allowable_codes=(200, 404),
                stale_if_error=False,
                key_fn=_cache_key,
            )
        else:
            self.session = requests.Session()
        retry = _BoundedRetry(
            total=politeness.retries,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            backoff_factor=politeness.backoff,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        retry.longest_wait = politeness.longest_wait
        for name, url in self.base_urls.items():
            adapter = _PacedAdapter(
                self.limiter, name, max_retries=retry, pool_maxsize=politeness.concurrency
            )
            self.session.mount(url + "/", adapter)
        self.session.headers["User-Agent"] = politeness.user_agent
        # The environment's proxies and CA bundle, read once: requests would rescan os.environ
        # for every request, a third of a warm run's time.
        self.session.trust_env = False
        self.session.proxies.update(getproxies())
        self.session.verify = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        )
        #: Providers that could not be asked, and why: they are not asked again in this run.
        self.down: dict[str, str] = {}

    def get_json(self, provider: str, path: str, params: dict[str, str]) -> Any | None:
        """The decoded JSON body; None when the provider has no such record (404).

        Raises Unreachable; after that, every later request to the same provider raises it at
        once, so a provider that is down is not retried entry after entry.
        """
        if provider in self.down:
            raise Unreachable(self.down[provider])
        try:
            return self._get_json(provider, path, params)
        except Unreachable as exc:
            self.down.setdefault(provider, str(exc))
            raise

    def _get_json(self, provider: str, path: str, params: dict[str, str]) -> Any | None:
        url = self.base_urls[provider] + path
        if provider == "crossref" and self.politeness.mailto:
            params = {**params, "mailto": self.politeness.mailto}
        timeout = self.politeness.timeout
        try:
            response = self._fresh_from_cache(url, params)
            if response is None:
                response = self.session.get(url, params=params, timeout=(timeout, timeout))
        except WaitTooLong as exc:
            raise Unreachable(str(exc)) from exc
        except requests.exceptions.RetryError as exc:
            raise Unreachable(
                f"{provider} kept failing after {self.politeness.retries} retries"
            ) from exc
        except requests.exceptions.Timeout as exc:
            raise Unreachable(f"{provider} did not answer within {timeout:g} s") from exc
        except requests.exceptions.RequestException as exc:
            raise Unreachable(
                f"cannot reach {provider} at {self.base_urls[provider]}: {_reason(exc)}"
            ) from exc
        if response.status_code == 404:
            return None
        if response.status_code in RETRY_STATUSES:
            raise Unreachable(
                f"{provider} answered {response.status_code} after {self.politeness.retries} retries"
            )
        if response.status_code != 200:
            raise Unreachable(f"{provider} answered {response.status_code} to {url}")
        try:
            return response.json()
        except (json.JSONDecodeError, requests.exceptions.JSONDecodeError) as exc:
            raise Unreachable(f"{provider} sent something that is not JSON") from exc

    def _fresh_from_cache(self, url: str, params: dict[str, str]) -> requests.Response | None:
        """A fresh cached answer looked up by its key directly: a warm run then skips requests'
        preparation of a request that will not be sent (most of a cached answer's time)."""
        cache = getattr(self.session, "cache", None)
        if cache is None:
            return None
        prepared = requests.models.PreparedRequest()
        prepared.prepare_url(url, params)
        prepared.method = "GET"
        cached = cache.get_response(_cache_key(prepared))
        return None if cached is None or cached.is_expired else cached

    def close(self) -> None:
        self.session.close()


def _cache_key(request: Any, **_: Any) -> str:
    """The method and URL as sent (our URLs are already canonical): skips requests-cache's URL
    normalisation, a fifth of the time of a cached answer."""
    return hashlib.sha256(f"{request.method} {request.url}".encode()).hexdigest()[:32]


def _reason(exc: Exception) -> str:
    """The innermost cause, without urllib3's object reprs."""
    text = str(exc)
    for marker in (
        "Failed to establish a new connection: ",
        "NameResolutionError",
        "Connection refused",
    ):
        if marker in text:
            return "connection refused" if "refused" in text else "no network or unknown host"
    return text[:200]
