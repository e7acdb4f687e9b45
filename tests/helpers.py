"""Plain helper functions shared by the tests (fixtures live in conftest.py).

Import them as ``from helpers import build, parse, copy_project, ROOT``;
a benchmark's module with ``bench_module("axe_matrix")``; a slow command a
test runs, declared with ``may_start_early`` and read with ``early_output``.
For built pages: ``parsed`` (a cached parse, read-only), ``resolve`` (where a
link leads), ``page_ids`` (a page's ids, cached), ``link_fault`` (why a link
does not land, or None); for accessibility audits: ``AXE_TAGS``, ``AXE_OPTIONS``.
"""

from __future__ import annotations

import copy
import fnmatch
import functools
import importlib
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# Repository root (this file is tests/helpers.py).
ROOT: Path = Path(__file__).resolve().parents[1]

# axe-core's rules for WCAG 2.2 AA, what every accessibility audit runs.
AXE_TAGS: list[str] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS: dict = {"runOnly": {"type": "tag", "values": AXE_TAGS}}

# What a site build reads; copy_project copies those of them that exist.
PROJECT_ITEMS: tuple[str, ...] = (
    "mkdocs.yml",
    "docs",
    "seeds",
    "hooks",
    "glossary",
    "sources",
    "overrides",
    "teaching",
)

IGNORED: tuple[str, ...] = (".venv", "site", ".git", "tests", "__pycache__")


# Builds that crashed in this process and ran again in a subprocess, as
# (config file, last line of the traceback): each costs an interpreter start
# and every import. conftest.py lists them at the end of the run.
SUBPROCESS_BUILDS: list[tuple[str, str]] = []


def build_env() -> dict[str, str]:
    """Environment for running mkdocs: the caller's, without Material's MkDocs 2 banner."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def build(
    config_file: Path,
    site_dir: Path,
    strict: bool = True,
    env: dict[str, str] | None = None,
    edition: str | None = "teacher",
    program: str = "mkdocs",
) -> tuple[int, str]:
    """Run ``mkdocs build`` on config_file into site_dir (``program`` names
    another generator with MkDocs' command line, e.g. "properdocs").

    MkDocs builds run in this process (see `_build_here`), which saves an
    interpreter start and every import per build; READING_TEST_BUILD=subprocess
    runs each in its own process instead, as the command line would. Returns
    (returncode, output as the command line prints it).
    `edition` sets READING_EDITION: the teacher edition by default (the whole
    site, as the tests have always seen it); "student" for the student
    edition; None leaves it to mkdocs.yml (and `env`).
    """
    environ = {**build_env(), **({"READING_EDITION": edition} if edition else {}), **(env or {})}
    if program == "mkdocs" and os.environ.get("READING_TEST_BUILD") != "subprocess":
        code, out = _build_here(Path(config_file), Path(site_dir), strict, environ)
        if "Traceback (most recent call last)" not in out:
            return code, out
        # Not a content error: the hooks crashed, or this process's readkit (imported
        # once from hooks/) is older than the copy's hooks. A process of its own
        # tells the two apart, and prints what `mkdocs build` would.
        SUBPROCESS_BUILDS.append((str(config_file), out.strip().splitlines()[-1]))
    cmd = [
        sys.executable,
        "-m",
        program,
        "build",
        "--strict" if strict else "--no-strict",
        "-f",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    proc = subprocess.run(
        cmd,
        cwd=Path(config_file).parent,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return proc.returncode, proc.stdout


class _CliFormat(logging.Formatter):
    """Log lines as `mkdocs build` prints them: `ERROR   -  message`."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _build_here(config_file: Path, site_dir: Path, strict: bool, environ: dict[str, str]) -> tuple[int, str]:
    """`mkdocs build` in this process, as its command line does it (load the
    config, on_startup, build, on_shutdown), with the same environment,
    working folder, log lines and exit status.

    Module state is no obstacle: MkDocs loads a hook file once per path, and a
    project copy's hooks have their own paths; the hooks reset what they keep
    in on_config (hooks/reading.py starts every build with readkit.site's
    new_build), and readkit's caches are keyed by file and modification time.
    """
    import traceback

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(_CliFormat())
    logger = logging.getLogger("mkdocs")
    saved_env, saved_cwd, saved_level = dict(os.environ), os.getcwd(), logger.level
    os.environ.clear()
    os.environ.update(environ)
    os.chdir(config_file.parent)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as err:
        code = 1
        out.write(f"\n{err}\n")
    except MkDocsException as err:
        code = 1
        out.write(f"Error: {err.format_message()}\n")
    except Exception:
        code = 1
        out.write(traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved_level)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return code, out.getvalue()


def parse(html_path: Path) -> BeautifulSoup:
    """Parse a built HTML file."""
    return BeautifulSoup(Path(html_path).read_text(encoding="utf-8"), "html.parser")


def copy_project(dst: Path, extra_ignore: Iterable[str] = ()) -> Path:
    """Copy the repo's site sources (PROJECT_ITEMS that exist) into dst.

    extra_ignore: more globs to leave out (shutil.ignore_patterns style; they
    also apply to the top-level items, so ("sources",) skips sources/).
    Returns dst; build it with ``build(dst / "mkdocs.yml", some_site_dir)``.
    """
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    extra = tuple(extra_ignore)
    ignore = shutil.ignore_patterns(*IGNORED, *extra)
    for name in PROJECT_ITEMS:
        if any(fnmatch.fnmatch(name, pattern) for pattern in extra):
            continue
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=ignore, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, dst / name)
    return dst


def bench_module(name: str) -> ModuleType:
    """Import bench/<name>.py as its command line does (bench/ first on
    sys.path, bench's own helper modules under their names), and leave
    sys.path and sys.modules as they were apart from `name` itself.

    bench's helper modules (benchkit, serve_gzip, lighthouse, ...) are plain
    top-level names: left in sys.modules, they would stand in for any other
    module of the same name that a later test imports.
    """
    bench = ROOT / "bench"
    own = {path.stem for path in bench.glob("*.py")} - {name}
    saved_path = list(sys.path)
    saved = {key: sys.modules.pop(key) for key in own if key in sys.modules}
    sys.path.insert(0, str(bench))
    try:
        module = importlib.import_module(name)
    finally:
        sys.path[:] = saved_path
        for key in own:
            sys.modules.pop(key, None)
        sys.modules.update(saved)
    return module


# -- commands that can run beside the other tests -------------------------------


@dataclass
class _Command:
    test: str
    args: tuple[str, ...]
    env: dict[str, str]
    timeout: float
    queued: bool = False  # start_early will run it
    done: threading.Event = field(default_factory=threading.Event)
    result: tuple[int, str, Path] | None = None
    proc: subprocess.Popen[str] | None = None

    def run(self) -> None:
        if _STOPPED.is_set():  # the session is over: start nothing more
            self.result = (-1, "not run: the test session ended first", Path(tempfile.gettempdir()))
            self.done.set()
            return
        out = Path(tempfile.mkdtemp(prefix="early-"))
        args = [arg.replace("{out}", str(out)) for arg in self.args]
        try:
            with open(out / "output.txt", "w+", encoding="utf-8") as log:
                self.proc = subprocess.Popen(
                    args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, text=True
                )
                try:
                    code = self.proc.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    code = self.proc.wait()
                    log.write(f"\n(killed after {self.timeout:.0f} s)\n")
                log.seek(0)
                self.result = (code, log.read(), out)
        finally:
            self.done.set()


# Commands (a subprocess each) that tests run and then check, by name, with
# the test that reads each (`file::function`). conftest.py may start them in
# one background thread as soon as the tests are collected, one after the
# other, so that they use the second core while the other tests run; a
# command not started early runs when its test asks for it.
EARLY: dict[str, _Command] = {}
_STOPPED = threading.Event()


def may_start_early(
    name: str, test: str, args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 600
) -> None:
    """Declare command `name`, read by `test` ("test_file.py::test_name"):
    `args` run from the repository root; "{out}" in an argument becomes a
    fresh empty folder."""
    EARLY[name] = _Command(test, tuple(args), env or build_env(), timeout)


def start_early(tests: Iterable[str]) -> None:
    """Run the commands that `tests` read, in order, in a background thread."""
    wanted = list(tests)
    commands = [command for test in wanted for command in EARLY.values() if command.test == test]
    for command in commands:
        command.queued = True
    thread = threading.Thread(target=lambda: [command.run() for command in commands], daemon=True)
    thread.start()


def stop_early() -> None:
    """Kill what still runs (the session is ending) and delete the output folders."""
    _STOPPED.set()
    for command in EARLY.values():
        if command.proc is not None and command.proc.poll() is None:
            command.proc.kill()
        if command.result is not None and command.result[2].name.startswith("early-"):
            shutil.rmtree(command.result[2], ignore_errors=True)


def early_output(name: str) -> tuple[int, str, Path]:
    """Command `name` as it ran: (exit status, stdout and stderr, the "{out}"
    folder). Waits for it if it was started early; otherwise runs it now."""
    command = EARLY[name]
    if not command.queued and not command.done.is_set():
        command.run()
    command.done.wait()
    assert command.result is not None
    return command.result


# -- reading built pages -------------------------------------------------------


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = Path(path).stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def parsed(html_path: Path) -> BeautifulSoup:
    """A built page, parsed once per version of the file: tests share the
    result, so treat it as read-only (``parse`` gives a fresh copy to change)."""
    return _parsed(_stamp(html_path))


@functools.lru_cache(maxsize=256)
def _parsed(stamp: tuple[str, int, int]) -> BeautifulSoup:
    return parse(Path(stamp[0]))


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def page_ids(html_path: Path) -> frozenset[str]:
    """Every `id` (and `<a name>`) of a built page: what a #fragment can land on."""
    return _page_ids(_stamp(html_path))


@functools.lru_cache(maxsize=1024)
def _page_ids(stamp: tuple[str, int, int]) -> frozenset[str]:
    collector = _Ids()
    collector.feed(Path(stamp[0]).read_text(encoding="utf-8"))
    collector.close()
    return frozenset(collector.ids)


def resolve(site: Path, page: Path | str, href: str) -> tuple[Path, str]:
    """The built file and #fragment that `href` on `page` leads to. `page` is
    the linking page's file (under `site`, or relative to it, e.g.
    Path("read/sanctions/index.html")) or its URL path ("timeline/")."""
    if isinstance(page, Path):
        page = (page.relative_to(site) if page.is_absolute() else page).as_posix()
    url = urlsplit(urljoin("http://site.invalid/" + page, href))
    path = site / unquote(url.path).lstrip("/")
    if url.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(url.fragment)


def link_fault(site: Path, page: Path | str, href: str) -> str | None:
    """Why `href` on `page` does not land (no such file, no such #id), or None."""
    path, fragment = resolve(site, page, href)
    if not path.is_file():
        return f"{href} from {page}: no page {path.relative_to(site) if path.is_relative_to(site) else path}"
    if fragment and path.suffix == ".html" and fragment not in page_ids(path):
        return f"{href} from {page}: no #{fragment} on {path.relative_to(site)}"
    return None


def without_inserts(tag):
    """A copy of `tag` without what annotation inserted (source and note
    markers carry data-ar-insert); the original soup is left as it was."""
    tag = copy.copy(tag)
    for el in tag.select("[data-ar-insert]"):
        el.decompose()
    return tag


def article_text(node) -> str:
    """A paragraph's article words: its text minus what annotation inserted."""
    return without_inserts(node).get_text()


def text_before(marker) -> str:
    """The article text of the marker's paragraph up to the marker, other markers left out."""
    parts = []
    for el in marker.find_all_previous(string=True):
        if el.find_parent(class_="ar-text") is None:
            break
        if el.find_parent(attrs={"data-ar-insert": True}) is None:
            parts.append(str(el))
    return "".join(reversed(parts))


def draw_all(page) -> None:
    """Draw every item of the page's long lists before an accessibility audit.

    reading.css draws those items only near the viewport (content-visibility);
    axe misjudges items not yet drawn (in the dark palette it read the light
    palette's link colour on them, whose real colour is right). A reader only
    ever sees drawn items, so the audits look at the page fully drawn.
    """
    page.evaluate("document.querySelector('.md-content')?.classList.add('ar-render-all')")
