"""Talking to a SPARQL 1.1 store over HTTP: authentication, retries and one-line errors.

    EndpointError            any failure; str() is one line naming the URL
      AuthenticationError    401/403: wrong or missing user or password
      ProtocolError          another 4xx, or an answer kg cannot read: wrong URL or protocol

Transient failures (connection refused or reset, timeouts, 5xx, 429) are
retried with exponential backoff before they become an EndpointError. The
user name is an argument; the password is read from the environment variable
KG_ENDPOINT_PASSWORD only, never from the command line (where other users of
the machine could read it). Basic or Digest authentication is chosen by the
server's challenge (Virtuoso asks for Digest).
"""
from __future__ import annotations

import base64
import html
import os
import re
import time
from dataclasses import dataclass, field

import httpx

PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
TRANSIENT = {429, 500, 502, 503, 504}


class EndpointError(Exception):
    """A request to a store that failed; str() is one line."""


class AuthenticationError(EndpointError):
    """The store refused the credentials (or wants some)."""


class ProtocolError(EndpointError):
    """The store did not understand the request, or kg did not understand the answer."""


class ChallengeAuth(httpx.Auth):
    """HTTP Digest or Basic authentication, whichever the server's challenge asks for."""

    def __init__(self, user: str, password: str):
        self._digest = httpx.DigestAuth(user, password)
        self._basic = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self._use_basic = False

    def auth_flow(self, request: httpx.Request):
        if self._use_basic:
            request.headers["Authorization"] = self._basic
            yield request
            return
        digest = self._digest.auth_flow(request)
        response = yield next(digest)
        try:
            retry = digest.send(response)
        except StopIteration:   # no Digest challenge: answer a Basic one, if that is what came
            if response.status_code == 401 and "basic" in response.headers.get("www-authenticate", "").lower():
                self._use_basic = True
                request.headers["Authorization"] = self._basic
                yield request
            return
        yield retry


def credentials(user: str | None) -> ChallengeAuth | None:
    if user is None:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise AuthenticationError(f"--user {user} needs the password in the environment variable {PASSWORD_ENV}")
    return ChallengeAuth(user, password)


def excerpt(response: httpx.Response, limit: int = 160) -> str:
    """The gist of an error page on one line (the text of its <xmp>/<pre> when it has one)."""
    body = response.text
    inner = re.search(r"<(xmp|pre)>(.*?)</\1>", body, re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", inner.group(2) if inner else body))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Endpoint:
    """One store's URL with its client; ``request`` retries what is worth retrying."""

    url: str
    user: str | None = None
    retries: int = 4            # after the first attempt
    backoff: float = 0.5        # seconds before the first retry; doubles each time
    timeout: float = 120.0
    attempts: int = field(default=0, init=False)   # requests sent, retries included

    def __post_init__(self):
        if not re.match(r"https?://", self.url):
            raise ProtocolError(f"{self.url}: not an http:// or https:// URL")
        self.client = httpx.Client(auth=credentials(self.user), timeout=self.timeout)

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, url: str | None = None, what: str = "", **kwargs) -> httpx.Response:
        url = url or self.url
        where = f"{self.url} ({what})" if what else self.url
        for attempt in range(self.retries + 1):
            self.attempts += 1
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TransportError as e:   # refused, reset, timed out
                problem = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            else:
                status = response.status_code
                if status in (401, 403):
                    hint = f"give --user NAME and set {PASSWORD_ENV}" if self.user is None \
                        else f"check the user {self.user!r} and {PASSWORD_ENV}, and that the user may write"
                    if self.url.rstrip("/").endswith("/sparql-graph-crud"):
                        hint += " (Virtuoso takes authenticated writes at /sparql-graph-crud-auth)"
                    raise AuthenticationError(f"{where}: {status} {response.reason_phrase}: {hint}")
                if status not in TRANSIENT and status >= 400:
                    raise ProtocolError(f"{where}: {method} answered {status} {response.reason_phrase}: "
                                        f"{excerpt(response)}")
                if status < 400:
                    return response
                problem = f"{status} {response.reason_phrase}: {excerpt(response)}"
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        raise EndpointError(f"{where}: {problem} (gave up after {self.retries + 1} attempts)")
