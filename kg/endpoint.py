"""Talking to a SPARQL 1.1 store over HTTP: authentication, retries and one-line errors.

    EndpointError            any failure; str() is one line naming the URL
      AuthenticationError    401/403: wrong or missing user or password
      ProtocolError          another 4xx, or an answer kg cannot read: wrong URL or protocol

Transient failures (connection refused or reset, timeouts, 5xx, 429) are
retried with exponential backoff before they become an EndpointError. The
user name is an argument; the password is read from the environment variable
KG_ENDPOINT_PASSWORD only, never from the command line (where other users of
the machine could read it). Basic or Digest authentication is chosen by the
server's challenge (Virtuoso asks for Digest); Basic sends the password as it
is, so over plain http to a host other than this machine it needs an explicit
allow_plain_auth (--allow-plain-http-auth). A user and password written into
the URL (http://user:secret@host/) are taken as the credentials, never shown:
messages print the URL with them masked. Only a 2xx answer is a success; a
redirect is reported, not followed.
"""
from __future__ import annotations

import base64
import html
import os
import re
import time
from dataclasses import dataclass, field

from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
TRANSIENT = {429, 500, 502, 503, 504}


class EndpointError(Exception):
    """A request to a store that failed; str() is one line."""


class AuthenticationError(EndpointError):
    """The store refused the credentials (or wants some)."""


class ProtocolError(EndpointError):
    """The store did not understand the request, or kg did not understand the answer."""


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def masked(url: str) -> str:
    """``url`` without the password of its user info (http://jane:***@host/...), for messages."""
    parts = urlsplit(url)
    if parts.password is None and parts.username is None:
        return url
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = (f"{parts.username}:***@" if parts.password is not None else "***@") + host + \
        (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(the URL without user info, its user, its password)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, unquote(parts.username or ""), unquote(parts.password) if parts.password is not None else None


class ChallengeAuth(httpx.Auth):
    """HTTP Digest or Basic authentication, whichever the server's challenge asks for. Basic goes
    over plain http only to this machine, unless ``plain_ok``."""

    def __init__(self, user: str, password: str, plain_ok: bool = False):
        self._digest = httpx.DigestAuth(user, password)
        self._basic = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self._use_basic = False
        self.plain_ok = plain_ok

    def _may_send_basic(self, request: httpx.Request) -> None:
        if request.url.scheme == "http" and request.url.host not in LOCAL_HOSTS and not self.plain_ok:
            raise AuthenticationError(
                f"{request.url.scheme}://{request.url.host}: the server asks for Basic authentication, which would "
                "send the password readable over plain http; use https, or --allow-plain-http-auth if the network "
                "is trusted")

    def auth_flow(self, request: httpx.Request):
        if self._use_basic:
            self._may_send_basic(request)
            request.headers["Authorization"] = self._basic
            yield request
            return
        digest = self._digest.auth_flow(request)
        response = yield next(digest)
        try:
            retry = digest.send(response)
        except StopIteration:   # no Digest challenge: answer a Basic one, if that is what came
            if response.status_code == 401 and "basic" in response.headers.get("www-authenticate", "").lower():
                self._may_send_basic(request)
                self._use_basic = True
                request.headers["Authorization"] = self._basic
                yield request
            return
        yield retry


def credentials(user: str | None, password: str | None = None, plain_ok: bool = False) -> ChallengeAuth | None:
    if user is None:
        return None
    password = password if password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        raise AuthenticationError(f"--user {user} needs the password in the environment variable {PASSWORD_ENV}")
    return ChallengeAuth(user, password, plain_ok)


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
    allow_plain_auth: bool = False   # Basic authentication over plain http to another machine
    attempts: int = field(default=0, init=False)   # requests sent, retries included

    def __post_init__(self):
        self.shown = masked(self.url)   # what messages print
        if not re.match(r"https?://", self.url):
            raise ProtocolError(f"{self.shown}: not an http:// or https:// URL")
        self.url, user, password = split_credentials(self.url)
        if user is not None and self.user is None:
            self.user = user
        self.client = httpx.Client(auth=credentials(self.user, password, self.allow_plain_auth), timeout=self.timeout,
                                   follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, url: str | None = None, what: str = "", **kwargs) -> httpx.Response:
        url = url or self.url
        where = f"{self.shown} ({what})" if what else self.shown
        for attempt in range(self.retries + 1):
            self.attempts += 1
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TransportError as e:   # refused, reset, timed out
                problem = f"{type(e).__name__}: {masked(str(e))}" if str(e) else type(e).__name__
            else:
                status = response.status_code
                if status in (401, 403):
                    hint = f"give --user NAME and set {PASSWORD_ENV}" if self.user is None \
                        else f"check the user {self.user!r} and {PASSWORD_ENV}, and that the user may write"
                    if self.url.rstrip("/").endswith("/sparql-graph-crud"):
                        hint += " (Virtuoso takes authenticated writes at /sparql-graph-crud-auth)"
                    raise AuthenticationError(f"{where}: {status} {response.reason_phrase}: {hint}")
                if 300 <= status < 400:
                    to = response.headers.get("location", "")
                    raise ProtocolError(f"{where}: {method} answered {status} {response.reason_phrase}"
                                        + (f" to {masked(to)}" if to else "")
                                        + "; kg does not follow redirects: give the URL it points to")
                if status not in TRANSIENT and status >= 400:
                    raise ProtocolError(f"{where}: {method} answered {status} {response.reason_phrase}: "
                                        f"{excerpt(response)}")
                if 200 <= status < 300:
                    return response
                if status < 300:   # 1xx: not an answer
                    raise ProtocolError(f"{where}: {method} answered {status}, not a result")
                problem = f"{status} {response.reason_phrase}: {excerpt(response)}"
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        raise EndpointError(f"{where}: {problem} (gave up after {self.retries + 1} attempts)")
