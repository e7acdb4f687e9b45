"""Shared fixtures. Plain helpers (build, parse, copy_project, ROOT) are in helpers.py.

Fixtures:
    repo_root            session  Path of the repository root.
    built_site           session  Path of the real site, built once with --strict.
    site_server          session  "http://127.0.0.1:PORT/" serving built_site.
    serve_dir            session  factory: serve_dir(path) -> "http://127.0.0.1:PORT/".
    browser              session  Playwright Browser (system Chromium, headless).
    page                 function desktop Page, 1280x900; page.requests_seen: list[str]
                                  of every requested URL, page.errors: list[str] of
                                  uncaught page errors and console errors.
    requests_seen        function the same list as page.requests_seen.
    mobile_page          function like page, but 390x844, touch, mobile, DPR 2.

Tests using browser, page, mobile_page or requests_seen get the `browser`
marker automatically.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from helpers import EARLY, ROOT, SUBPROCESS_BUILDS, build, start_early, stop_early

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_ARGS: list[str] = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    # No traffic to anything but the test server:
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Every page carries a Content-Security-Policy without 'unsafe-eval'. Playwright
# runs a `wait_for_function` given as a bare expression ("window.x === 1")
# through eval, which that policy refuses whenever it has to poll; given as a
# function ("() => window.x === 1") it needs no eval. So bare expressions are
# handed over as functions, and the tests keep running under the real policy.
_FUNCTION = re.compile(r"^\s*(async\s+)?(function\b|\(?[\w\s,]*\)?\s*=>)")


def _as_function(wait_for_function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(wait_for_function)
    def wrapped(self: Any, expression: str, *args: Any, **kwargs: Any) -> Any:
        if not _FUNCTION.match(expression):
            expression = f"() => ({expression})"
        return wait_for_function(self, expression, *args, **kwargs)

    return wrapped


def _patch_playwright() -> None:
    from playwright.sync_api import Page

    if not getattr(Page.wait_for_function, "__wrapped__", None):
        Page.wait_for_function = _as_function(Page.wait_for_function)  # type: ignore[method-assign]
    for name in ("goto", "reload"):
        if not getattr(getattr(Page, name), "__wrapped__", None):
            setattr(Page, name, _then_scripts(getattr(Page, name)))


# Pages outside the article's sections load our bundle once the page has
# loaded (assets/js/mode.js, data-later), a moment after Playwright's `load`.
# goto and reload return when it has run, as a reader's first tap a moment
# later would find it; `wait_until="commit"` or "domcontentloaded" still
# returns at once, and a page without scripts (no-js) is not waited for.
_SCRIPTS_RAN = (
    "() => !document.querySelector('script[data-later]')"
    " || document.documentElement.classList.contains('no-js') || window.__arReadingBound === true"
)


def _then_scripts(navigate: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(navigate)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        response = navigate(self, *args, **kwargs)
        if kwargs.get("wait_until") not in ("commit", "domcontentloaded"):
            self.wait_for_function(_SCRIPTS_RAN)
        return response

    return wrapped


# Hypothesis' deadline (200 ms an example by default) is a timed assertion: on a
# loaded machine it fails examples that pass, as a flaky "DeadlineExceeded".
# What the properties check, and how many examples they try, is unchanged.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    # The suite keeps a large heap (every test module, hypothesis, the cached
    # parses of built pages) while each in-process build makes and drops many
    # objects; at Python's default thresholds the collector walks the whole
    # heap again and again (about a tenth of a run's CPU time). Collecting the
    # youngest generation every 10,000 allocations instead of 700 makes that
    # rare; nothing is left uncollected.
    gc.set_threshold(10_000, 10, 10)


BROWSER_FIXTURES = frozenset({"browser", "page", "mobile_page", "requests_seen"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the selected tests' slow commands (helpers.may_start_early) in a
    background thread, and run those tests last, so the commands use the second
    core meanwhile. Not beside browser tests: the extra load could slow pages
    past their waits; there each test runs its command itself."""
    if session.config.option.collectonly or any(item.get_closest_marker("browser") for item in session.items):
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # Under pytest-xdist (-n 2) every worker collects every test but runs
        # only its share; the workers keep both cores busy, and each test runs
        # its own command.
        return
    tests = {command.test for command in EARLY.values()}
    early = [item for item in session.items if item.nodeid.rsplit("/", 1)[-1] in tests]
    if early:
        start_early([item.nodeid.rsplit("/", 1)[-1] for item in early])
        session.items[:] = [item for item in session.items if item not in early] + early


def pytest_sessionfinish(session: pytest.Session) -> None:
    stop_early()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Name the builds that crashed in this process and ran in a subprocess instead."""
    if SUBPROCESS_BUILDS:
        terminalreporter.section("builds run in a subprocess")
        for config, line in SUBPROCESS_BUILDS:
            terminalreporter.write_line(f"{config}: {line}")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _start_server(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: any free port
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Factory serving any directory over HTTP; returns its base URL (ends in /)."""
    servers: list[ThreadingHTTPServer] = []

    def serve(directory: Path) -> str:
        assert Path(directory).is_dir(), f"not a directory: {directory}"
        server, url = _start_server(Path(directory))
        servers.append(server)
        return url

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def _served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The repository's own site, built once per session with --strict, and served.

    The server starts first so the site is built for its address: Material's
    instant navigation only treats links as internal when they match
    site_url's host and port.
    """
    config = ROOT / "mkdocs.yml"
    assert config.is_file(), f"{config} is missing"
    site = tmp_path_factory.mktemp("built_site") / "site"
    server, url = _start_server(site)
    code, output = build(config, site, strict=True, env={"SITE_URL": url})
    assert code == 0, f"mkdocs build --strict failed (exit {code}):\n{output}"
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_served_site: tuple[Path, str]) -> Path:
    """The repository's own site, built once per session with --strict."""
    return _served_site[0]


@pytest.fixture(scope="session")
def site_server(_served_site: tuple[Path, str]) -> str:
    """Base URL ("http://127.0.0.1:PORT/") of the built site."""
    return _served_site[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(executable, os.X_OK):
        message = (
            f"Chromium not found at {executable}. Install it (Debian/Ubuntu: "
            "sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium; "
            "scripts/test does this for you."
        )
        if os.environ.get("CI"):
            # Browser tests must never be skipped silently in CI.
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    _patch_playwright()

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _new_page(browser: Browser, **context_options: Any) -> Iterator[Page]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda msg: errors.append(f"console.error: {msg.text}") if msg.type == "error" else None,
    )
    # Plain attributes on the Page object, so tests need no extra fixture.
    page.requests_seen = requests  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _new_page(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def requests_seen(page: Page) -> list[str]:
    """Every URL `page` has requested so far (a live list)."""
    return page.requests_seen  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def mobile_page(browser: Browser) -> Iterator[Page]:
    yield from _new_page(
        browser,
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
    )
