"""kg load and kg query --endpoint: a redirect is a failure, a password is never printed, and Basic
authentication goes over plain http to another machine only when allowed."""
from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.endpoint import AuthenticationError, Endpoint, masked, split_credentials
from servers import kg


class Fake(BaseHTTPRequestHandler):
    """Answers every request with ``answer`` (status, headers) and records the Authorization header."""

    answer: tuple = (302, {"Location": "http://elsewhere.example/store"})
    seen: list = []

    def handle_one(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append(self.headers.get("Authorization"))
        status, headers = self.answer
        if status == 401 and self.headers.get("Authorization"):
            status, headers = 204, {}
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = handle_one

    def log_message(self, *args):
        pass


@pytest.fixture()
def fake():
    Fake.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_redirect_is_a_failure_not_a_success(seed_build, fake):
    Fake.answer = (302, {"Location": "http://elsewhere.example/store"})
    status, out, err = kg("load", str(seed_build[0]), "--endpoint", f"http://{fake}/store", "--retries", "0")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "302" in err and "does not follow redirects" in err and "elsewhere.example" in err


def test_a_password_in_the_url_is_used_but_never_printed(seed_build, fake):
    Fake.answer = (500, {})
    status, _, err = kg("load", str(seed_build[0]), "--endpoint", f"http://jane:s3cret-Word@{fake}/store",
                        "--retries", "0")
    assert status == 2 and "s3cret" not in err and f"http://jane:***@{fake}/store" in err


def test_basic_over_plain_http_goes_to_this_machine_only_unless_allowed():
    Fake.answer = (401, {"WWW-Authenticate": 'Basic realm="kg"'})
    server = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        Fake.seen = []
        local = Endpoint(f"http://jane:pw@127.0.0.1:{server.server_port}/store", retries=0)
        assert local.request("PUT", content=b"").status_code == 204        # this machine: fine
        assert Fake.seen[-1] == "Basic " + base64.b64encode(b"jane:pw").decode()
        # Another host name for the same server: the password would cross a network in clear.
        far = Endpoint(f"http://jane:pw@localhost.localdomain:{server.server_port}/store", retries=0)
        far.client._transport = httpx_transport_to(server.server_port)
        Fake.seen = []
        with pytest.raises(AuthenticationError) as e:
            far.request("PUT", content=b"")
        assert "plain http" in str(e.value) and "pw" not in str(e.value)
        assert all(s is None for s in Fake.seen)   # the password never went out
        allowed = Endpoint(f"http://jane:pw@localhost.localdomain:{server.server_port}/store", retries=0,
                           allow_plain_auth=True)
        allowed.client._transport = httpx_transport_to(server.server_port)
        assert allowed.request("PUT", content=b"").status_code == 204
    finally:
        server.shutdown()


def httpx_transport_to(port: int):
    """A transport that sends every request to 127.0.0.1:port, whatever host the URL names."""
    import httpx

    class Redirected(httpx.HTTPTransport):
        def handle_request(self, request):
            moved = httpx.Request(request.method, request.url.copy_with(host="127.0.0.1", port=port),
                                  headers=request.headers, content=request.read())
            return super().handle_request(moved)
    return Redirected()


@pytest.mark.parametrize("url, shown", [
    ("http://jane:secret@host.example:8890/sparql", "http://jane:***@host.example:8890/sparql"),
    ("https://:secret@host.example/q", "https://:***@host.example/q"),
    ("http://token@host.example/q", "http://***@host.example/q"),
    ("http://host.example/q?x=1", "http://host.example/q?x=1"),
])
def test_messages_mask_user_info(url, shown):
    assert masked(url) == shown
    bare, user, password = split_credentials(url)
    assert "secret" not in bare and "@" not in bare
