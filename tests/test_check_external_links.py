"""scripts/check-external-links reports dead links and never fails. Tested
offline against a local server standing in for the outside world."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import ROOT

SCRIPT = ROOT / "scripts" / "check-external-links"


class _World(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802
        # /no-head refuses HEAD, as some servers do; the script must then try GET.
        self.send_response({"/ok": 200, "/no-head": 405}.get(self.path, 404))
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def world():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _World)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_dead_links_are_reported_with_their_pages_and_the_exit_is_zero(tmp_path, world):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<link rel="canonical" href="http://own.site.invalid/">'
        f'<a href="{world}/ok">ok</a><a href="{world}/gone#part">gone</a>'
        '<a href="http://own.site.invalid/a/">own page</a><a href="a/">relative</a>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        f'<a href="{world}/gone">again</a><a href="{world}/no-head">x</a>', encoding="utf-8"
    )
    result = run("--site", str(site), "--timeout", "5", "--no-network-check")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Checking 3 external addresses" in out  # own site and relative links are not external
    assert "2 ok, 1 dead or unreachable." in out
    assert f"DEAD: {world}/gone (HTTP 404)\n  used on a/index.html\n  used on index.html" in out
    assert f"{world}/ok" not in out.split("dead or unreachable.")[1]


def test_without_a_network_nothing_fails(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    # Port 9 on localhost: nothing listens, as for every host when offline.
    (site / "index.html").write_text('<a href="http://127.0.0.1:9/x">x</a>', encoding="utf-8")
    result = run("--site", str(site), "--timeout", "2", "--no-network-check")
    assert result.returncode == 0
    assert "unreachable: probably no network" in result.stdout


def test_help_describes_the_options():
    result = run("--help")
    assert result.returncode == 0
    for option in ("--site", "--timeout", "--registry", "--workers"):
        assert option in result.stdout
