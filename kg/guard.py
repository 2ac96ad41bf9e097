"""Checks a query passes before any SPARQL engine sees it, and the request checks of kg serve.

Oxigraph parses and evaluates queries by recursion: a query nested a few
thousand brackets deep overflows its stack and kills the process (kg query,
kg view --construct, the oxigraph server behind kg serve). ``check_query``
refuses such a query first, counting the nesting of ( { [ and << outside
strings, IRIs and comments. It also finds SERVICE, which makes the engine
fetch from any URL, so that kg serve can refuse it.

The text is split as SPARQL's grammar splits it: long strings first, then
short ones, IRIs (<...> with no space inside), comments to the end of the
line. A bracket inside something read as an IRI still counts while it is open
(``?a<((((?b>`` may be a comparison), and the word SERVICE is looked for
everywhere but in strings, IRIs, comments, variables, language tags and the
local part of prefixed names up to a dot, so that ``?x.SERVICE`` or
``1SERVICE:x`` are found too. A ``<`` that the engine reads as less-than but
this reads as an IRI holding ``#`` or a quote can still hide text from these
checks; kg serve survives what slips through by restarting its engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_NESTING = 200
MAX_QUERY_BYTES = 100_000


@dataclass(frozen=True)
class Limits:
    """What kg serve lets through (the defaults of its flags)."""
    max_query_bytes: int = MAX_QUERY_BYTES
    max_nesting: int = MAX_NESTING
    timeout_s: int = 30
    max_result_bytes: int = 50_000_000
    allow_service: bool = False
    allow_hosts: tuple[str, ...] = ()
    allow_origins: tuple[str, ...] = ()


TOKEN = re.compile(r"""
    (?P<skip>'''(?:[^'\\]|\\.|'(?!''))*'''           # long strings
      |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n\r]|\\[^\n\r])*'                    # short strings
      |"(?:[^"\\\n\r]|\\[^\n\r])*"
      |\#[^\n\r]*)                                    # comments
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<open>[({\[]|<<)
    |(?P<close>[)}\]]|>>)
    """, re.X | re.S)
NAMES = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+"        # variables
                   r"|@[A-Za-z]+(?:-[A-Za-z0-9]+)*"                    # language tags
                   r"|:(?:[\w\u00B7:%-]|\\.)*")                        # local parts of prefixed names (to a dot)
OPENERS, CLOSERS = "([{", ")]}"


class QueryRefused(ValueError):
    """A query kg will not run; str() is one line."""


def scan(text: str) -> tuple[int, str]:
    """(deepest nesting, the text outside strings, IRIs and comments)."""
    depth = deepest = 0
    code, last = [], 0
    for m in TOKEN.finditer(text):
        code.append(text[last:m.start()])
        last = m.end()
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            code.append(" ( ")
        elif kind == "close":
            depth = max(depth - 1, 0)
            code.append(" ) ")
        elif kind == "iri":   # brackets inside count while open, and close only their own
            inner = peak = 0
            for ch in m.group()[1:-1]:
                if ch in OPENERS:
                    inner += 1
                    peak = max(peak, inner)
                elif ch in CLOSERS and inner:
                    inner -= 1
            deepest = max(deepest, depth + peak)
            depth += inner
            code.append(" ")
        else:
            code.append(" ")
    code.append(text[last:])
    return deepest, "".join(code)


def check_query(text: str, max_nesting: int = MAX_NESTING, allow_service: bool = True) -> None:
    """Raise QueryRefused for a query nested deeper than ``max_nesting`` (and with SERVICE, unless allowed)."""
    check_nesting(text, max_nesting)
    if not allow_service:
        check_service(text)


def check_nesting(text: str, max_nesting: int = MAX_NESTING) -> None:
    deepest, _ = scan(text)
    if deepest > max_nesting:
        raise QueryRefused(f"query nested {deepest:,} deep (brackets within brackets); the limit is {max_nesting:,}")


def check_service(text: str) -> None:
    if "service" in NAMES.sub(" ", scan(text)[1]).lower():
        raise QueryRefused("SERVICE (a query sent on to another endpoint) is refused here")


def check_size(text: str, max_bytes: int = MAX_QUERY_BYTES) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise QueryRefused(f"query of {size:,} bytes; the limit is {max_bytes:,}")


def query_refusal(text: str, limits: Limits) -> str | None:
    """Why kg serve refuses a query, in one line naming the flag that allows it; None if it does not."""
    for check, flag in ((lambda: check_size(text, limits.max_query_bytes), " (--max-query-bytes)"),
                        (lambda: check_nesting(text, limits.max_nesting), " (--max-nesting)"),
                        (lambda: limits.allow_service or check_service(text), "; kg serve --allow-service allows it")):
        try:
            check()
        except QueryRefused as e:
            return f"{e}{flag}"
    return None


def request_refusal(hosts: list[str], origins: list[str], fetch_site: str, port: int, limits: Limits) -> str | None:
    """Why kg serve refuses a request for its Host, Origin or Sec-Fetch-Site headers; None if it does not."""
    if len(hosts) != 1 or not host_allowed(hosts[0], limits.allow_hosts):
        return (f"Host {hosts[0] if hosts else '(none)'!r} is not this machine; "
                "kg serve --allow-host NAME allows another name")
    if origins and (len(origins) > 1 or not origin_allowed(origins[0], port, limits.allow_origins)):
        return f"requests from pages of {origins[0]!r} are refused; kg serve --allow-origin ORIGIN allows one"
    if not origins and fetch_site.lower() in ("cross-site", "same-site"):
        return "requests from pages of other sites are refused"
    return None


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def host_allowed(header: str | None, allowed: tuple[str, ...] = ()) -> bool:
    """Whether a Host header names this machine (or one of ``allowed``), with or without a port:
    a page of another site that rebinds its name to 127.0.0.1 sends its own name and is refused."""
    if not header:
        return False
    header = header.strip().lower()
    m = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^:\[\]]+)(?::(\d{1,5}))?", header)
    if not m:
        return False
    names = {n.lower() for n in LOCAL_HOSTS + tuple(allowed)}
    return m[1] in names or header in names


def origin_allowed(header: str, port: int, allowed: tuple[str, ...] = ()) -> bool:
    """Whether an Origin header is kg serve's own page (or one of ``allowed``); "null" never is."""
    own = {f"http://localhost:{port}", f"http://127.0.0.1:{port}"}
    return _origin(header) in own | {_origin(a) for a in allowed}


def _origin(text: str) -> str:
    text = text.strip().rstrip("/").lower()
    try:
        parts = urlsplit(text)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else text
    except ValueError:
        return text
