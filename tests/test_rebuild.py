"""hooks/rebuild.py lets `mkdocs serve` skip, on a rebuild in the same
process, the work an edit did not touch: compiled templates, the theme's file
list, each page's Markdown conversion and its search entries are kept. Every
edit must still show, and a rebuild must make the same site a fresh build of
the edited project makes."""

from __future__ import annotations

import gzip
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from helpers import build, build_env, copy_project, parse

WORD = "Freshlyeditedword"


def hook_module(project: Path) -> ModuleType:
    """The project's hooks/rebuild.py as MkDocs loaded it in this process."""
    module = sys.modules["hooks/rebuild.py"]
    assert Path(module.__file__ or "").resolve() == (project / "hooks" / "rebuild.py").resolve()
    return module


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fresh_build(project: Path, site: Path) -> None:
    """`mkdocs build` in a process of its own: nothing kept from an earlier build."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env={**build_env(), "READING_EDITION": "teacher"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def site_files(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[str(path.relative_to(site))] = gzip.decompress(data) if path.suffix == ".gz" else data
    return out


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory):
    """A project built, edited in four ways, and built again in the same process."""
    tmp = tmp_path_factory.mktemp("rebuild")
    project = copy_project(tmp / "project")
    assert "  - hooks/rebuild.py\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    # A checkout of some time ago: the theme folders are settled, so their listing is kept.
    past = time.time() - 3600
    for folder in [project / "overrides", *(p for p in (project / "overrides").rglob("*") if p.is_dir())]:
        os.utime(folder, (past, past))
    code, out = build(project / "mkdocs.yml", tmp / "one")
    assert code == 0, out
    module = hook_module(project)
    kept_listings = len(module._theme_listing.kept)
    before = (module._search_entries.reused, module._conversions.reused, module._search_entries.parsed)

    # a glossary entry, a page, a template, a data file
    replace(project / "glossary" / "roscosmos.yml", "Russia’s state space corporation", f"Russia’s {WORD} corporation")
    replace(project / "docs" / "about.md", "## How the text is reproduced", "## How the text is reproduced, newly")
    replace(project / "overrides" / "main.html", '<meta name="theme-color"', '<meta name="x-edited-template"')
    replace(
        project / "seeds" / "necessity-knows-no-law.yml",
        'date_note: "Not given in our copy;',
        'date_note: "Still not given in our copy;',
    )
    code, out = build(project / "mkdocs.yml", tmp / "two")
    assert code == 0, out
    return {
        "project": project,
        "tmp": tmp,
        "one": tmp / "one",
        "two": tmp / "two",
        "module": module,
        "kept_listings": kept_listings,
        "before": before,
    }


def test_the_rebuild_reused_what_the_edits_did_not_touch(rebuilt):
    module = rebuilt["module"]
    assert rebuilt["kept_listings"] == 1  # the first build's theme listing was kept
    searched, converted, parsed = rebuilt["before"]
    assert module._search_entries.reused > searched  # unchanged pages kept their search entries
    assert module._conversions.reused > converted  # and their Markdown conversion
    assert module._search_entries.parsed > parsed  # the pages the edits changed were indexed again


def test_a_rebuild_makes_what_a_fresh_build_of_the_edited_project_makes(rebuilt):
    fresh = rebuilt["tmp"] / "fresh"
    fresh_build(rebuilt["project"], fresh)
    built, expected = site_files(rebuilt["two"]), site_files(fresh)
    assert sorted(built) == sorted(expected)
    differing = [name for name in expected if built[name] != expected[name]]
    assert differing == []


def test_a_glossary_edit_shows_on_the_glossary_page_and_in_search(rebuilt):
    assert WORD not in (rebuilt["one"] / "glossary" / "index.html").read_text(encoding="utf-8")
    assert WORD in (rebuilt["two"] / "glossary" / "index.html").read_text(encoding="utf-8")
    index = json.loads((rebuilt["two"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [doc["location"] for doc in index["docs"] if WORD in doc["text"]]
    assert any(location.startswith("glossary/") for location in found), found


def test_a_page_edit_shows_with_its_heading_in_the_contents_and_in_search(rebuilt):
    page = parse(rebuilt["two"] / "about" / "index.html")
    heading = page.find(id="how-the-text-is-reproduced-newly")
    assert heading is not None and "newly" in heading.get_text()
    assert page.select_one('nav.md-nav--secondary a[href="#how-the-text-is-reproduced-newly"]') is not None
    index = json.loads((rebuilt["two"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "about/#how-the-text-is-reproduced-newly" in [doc["location"] for doc in index["docs"]]


def test_a_template_edit_shows_on_the_next_build(rebuilt):
    assert parse(rebuilt["one"] / "about" / "index.html").find("meta", attrs={"name": "theme-color"}) is not None
    page = parse(rebuilt["two"] / "about" / "index.html")
    assert page.find("meta", attrs={"name": "x-edited-template"}) is not None
    assert page.find("meta", attrs={"name": "theme-color"}) is None


def test_a_data_file_edit_shows_on_the_next_build(rebuilt):
    assert "Still not given in our copy" in parse(rebuilt["two"] / "about" / "index.html").get_text()


def test_a_file_added_to_or_removed_from_the_theme_folder_is_copied_or_left_out(rebuilt):
    project, tmp = rebuilt["project"], rebuilt["tmp"]
    assert not (rebuilt["two"] / "added-to-theme.txt").exists()
    (project / "overrides" / "added-to-theme.txt").write_text("a file added to the theme folder\n", encoding="utf-8")
    code, out = build(project / "mkdocs.yml", tmp / "added")
    assert code == 0, out
    assert (tmp / "added" / "added-to-theme.txt").read_text(encoding="utf-8").startswith("a file added")
    (project / "overrides" / "added-to-theme.txt").unlink()
    code, out = build(project / "mkdocs.yml", tmp / "removed")
    assert code == 0, out
    assert not (tmp / "removed" / "added-to-theme.txt").exists()
    assert (tmp / "removed" / "about" / "index.html").exists()


# The pieces on their own ------------------------------------------------------


def test_the_theme_listing_is_kept_only_while_no_folder_changed(tmp_path: Path):
    import jinja2
    import rebuild

    root = tmp_path / "theme"
    (root / "sub").mkdir(parents=True)
    (root / "a.css").write_text("a", encoding="utf-8")
    (root / "sub" / "b.js").write_text("b", encoding="utf-8")
    past = time.time() - 3600
    for folder in (root, root / "sub"):
        os.utime(folder, (past, past))
    listing = rebuild.ThemeListing()
    calls = []

    def env() -> jinja2.Environment:
        e = jinja2.Environment(loader=jinja2.FileSystemLoader([str(root)]))
        original = e.list_templates

        def counted(*args, **kwargs):
            calls.append(1)
            return original(*args, **kwargs)

        e.list_templates = counted  # type: ignore[method-assign]
        listing.wrap(e, ["404.html"])
        return e

    def not_html(name: str) -> bool:
        return not name.endswith(".html")

    assert env().list_templates(filter_func=not_html) == ["a.css", "sub/b.js"]
    assert env().list_templates(filter_func=not_html) == ["a.css", "sub/b.js"]
    assert len(calls) == 1  # the second environment used the kept list
    (root / "sub" / "c.js").write_text("c", encoding="utf-8")
    assert env().list_templates(filter_func=not_html) == ["a.css", "sub/b.js", "sub/c.js"]
    (root / "a.css").unlink()
    assert env().list_templates(filter_func=not_html) == ["sub/b.js", "sub/c.js"]
    (root / "sub" / "new").mkdir()
    (root / "sub" / "new" / "d.svg").write_text("d", encoding="utf-8")
    assert env().list_templates(filter_func=not_html) == ["sub/b.js", "sub/c.js", "sub/new/d.svg"]


class FakeObserver:
    def __init__(self, fails: bool = False) -> None:
        self.fails = fails
        self.scheduled: list[tuple[object, str, bool]] = []
        self.started = False

    def schedule(self, handler, path, *, recursive=False, event_filter=None):
        self.scheduled.append((handler, path, recursive))
        return (path, recursive)

    def unschedule(self, watch):
        self.scheduled = [s for s in self.scheduled if (s[1], s[2]) != watch]

    def unschedule_all(self):
        self.scheduled = []

    def start(self):
        if self.fails:
            raise OSError(28, "inotify watch limit reached")
        self.started = True

    def is_alive(self):
        return self.started


def test_the_watcher_falls_back_to_polling_with_every_watch_if_file_events_cannot_start(caplog):
    import rebuild

    polling = FakeObserver()
    watcher = rebuild.Watcher(FakeObserver(fails=True), lambda: polling)
    watcher.schedule("docs-handler", "/p/docs", recursive=True)
    config = watcher.schedule("config-handler", "/p/mkdocs.yml", recursive=False)
    gone = watcher.schedule("gone-handler", "/p/gone", recursive=True)
    watcher.unschedule(gone)
    with caplog.at_level(logging.INFO):
        watcher.start()
    assert polling.started and watcher.is_alive()
    assert [(h.handler, path, rec) for h, path, rec in polling.scheduled] == [
        ("docs-handler", "/p/docs", True),
        ("config-handler", "/p/mkdocs.yml", False),
    ]
    assert "polling" in caplog.text
    watcher.unschedule(config)  # what the server was given still unwatches, now on the polling observer
    assert [path for _, path, _ in polling.scheduled] == ["/p/docs"]


def test_the_watcher_passes_on_changes_and_drops_files_being_read():
    import rebuild
    from watchdog import events

    seen: list[events.FileSystemEvent] = []

    class Handler:
        def dispatch(self, event):
            seen.append(event)

    changes = rebuild.Changes(Handler())
    changes.dispatch(events.FileOpenedEvent("/p/glossary/a.yml"))
    changes.dispatch(events.FileClosedNoWriteEvent("/p/glossary/a.yml"))
    changes.dispatch(events.DirModifiedEvent("/p/glossary"))
    assert seen == []
    changes.dispatch(events.FileModifiedEvent("/p/glossary/a.yml"))
    changes.dispatch(events.FileClosedEvent("/p/glossary/a.yml"))
    changes.dispatch(events.FileAttribEvent("/p/hooks/b.py"))  # touch
    changes.dispatch(events.DirMovedEvent("/p/docs/old", "/elsewhere/old"))
    assert [e.src_path for e in seen] == ["/p/glossary/a.yml", "/p/glossary/a.yml", "/p/hooks/b.py", "/p/docs/old"]
    assert not any(e.is_directory for e in seen)  # MkDocs ignores folder events: a moved folder still rebuilds


def test_a_page_that_includes_another_file_shows_that_files_edit(tmp_path: Path):
    # pymdownx.snippets reads other files while converting: the page's own
    # Markdown stays the same, so its conversion must not be reused.
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    replace(
        config,
        "  - pymdownx.superfences\n",
        "  - pymdownx.superfences\n  - pymdownx.snippets:\n      base_path: [parts]\n",
    )
    (project / "parts").mkdir()
    part = project / "parts" / "note.md"
    part.write_text("Included first version.\n", encoding="utf-8")
    replace(
        project / "docs" / "about.md",
        "## How the text is reproduced",
        '--8<-- "note.md"\n\n## How the text is reproduced',
    )
    code, out = build(config, tmp_path / "one")
    assert code == 0, out
    assert "Included first version." in parse(tmp_path / "one" / "about" / "index.html").get_text()
    part.write_text("Included second version.\n", encoding="utf-8")
    code, out = build(config, tmp_path / "two")
    assert code == 0, out
    text = parse(tmp_path / "two" / "about" / "index.html").get_text()
    assert "Included second version." in text and "first version" not in text


def test_on_serve_moves_every_watch_to_file_events_and_a_read_is_no_edit(tmp_path: Path, monkeypatch):
    import rebuild
    from mkdocs.livereload import LiveReloadServer

    monkeypatch.delenv("READING_WATCH", raising=False)
    for name in ("docs", "glossary"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    server.watch(str(tmp_path / "docs"))  # watched twice: unwatched once, still watched
    assert rebuild.on_serve(server, config=None, builder=server.builder) is server  # type: ignore[arg-type]
    assert isinstance(server.observer, rebuild.Watcher)
    server.watch(str(tmp_path / "glossary"))  # config.watch, after on_serve
    server.unwatch(str(tmp_path / "docs"))
    assert sorted(Path(p).name for p in server._watched_paths) == ["docs", "glossary", "mkdocs.yml"]
    server.observer.start()
    try:
        passed: list[str] = []  # the paths of the events MkDocs' callback was given
        for watch in server.observer.watches:
            mkdocs_handler = watch.handler.handler

            class Recording:
                def dispatch(self, event, forward=mkdocs_handler.dispatch):
                    passed.append(Path(event.src_path).name)
                    forward(event)

            watch.handler.handler = Recording()

        def passed_on(change, name: str) -> list[str]:
            passed.clear()
            server._want_rebuild = False
            change()
            deadline = time.monotonic() + 30
            while name not in passed and time.monotonic() < deadline:
                time.sleep(0.02)
            assert server._want_rebuild
            return passed[: passed.index(name)]

        glossary, docs = tmp_path / "glossary", tmp_path / "docs"

        def read_then_edit() -> None:
            # a build reads the watched files: no reason to build again (the
            # edit after it shows when the reading's events would have come)
            for path in (docs / "a.md", glossary / "a.md", tmp_path / "mkdocs.yml"):
                path.read_text(encoding="utf-8")
            (glossary / "edited.md").write_text("x\n", encoding="utf-8")

        assert passed_on(read_then_edit, "edited.md") == []
        passed_on(lambda: (glossary / "a.md").write_text("b\n", encoding="utf-8"), "a.md")
        passed_on(lambda: (docs / "a.md").write_text("b\n", encoding="utf-8"), "a.md")
        passed_on(lambda: (tmp_path / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8"), "mkdocs.yml")
        passed_on(lambda: os.utime(glossary / "a.md"), "a.md")  # touch
        passed_on(lambda: (docs / "new").mkdir(), "new")
    finally:
        server.observer.stop()
        server.observer.join()


def test_reading_watch_poll_keeps_mkdocs_polling(tmp_path: Path, monkeypatch):
    import rebuild
    from mkdocs.livereload import LiveReloadServer

    monkeypatch.setenv("READING_WATCH", "poll")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    polling = server.observer
    rebuild.on_serve(server, config=None, builder=server.builder)  # type: ignore[arg-type]
    assert server.observer is polling
