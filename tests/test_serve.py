"""The authoring loop: `scripts/serve`, and plain `mkdocs serve` as users type
it, rebuild and reload the open page when content, data or hook files change."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import ROOT, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_copy(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    shutil.copy(ROOT / "requirements.txt", project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        ["bash", "scripts/serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "SITE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("scripts/serve did not start")
        yield project, url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(1.1)  # a new mtime the watcher can see
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_reloads_the_page_when_docs_or_seed_data_change(page, served_copy):
    project, url = served_copy
    page.goto(url + "about/")
    about = page.locator("article")

    edit(
        project / "docs" / "about.md", "## How the text is reproduced", "## How the text is reproduced, freshly edited"
    )
    expect(about).to_contain_text("freshly edited", timeout=30_000)

    edit(
        project / "seeds" / "necessity-knows-no-law.yml",
        'date_note: "Not given in our copy;',
        'date_note: "Still not given in our copy;',
    )
    expect(about).to_contain_text("Still not given in our copy", timeout=30_000)


def test_serve_reloads_when_a_hook_folder_file_changes(page, served_copy):
    project, url = served_copy
    page.goto(url)
    page.evaluate("window.__beforeReload = true")
    time.sleep(1.1)
    (project / "hooks" / "readkit" / "__init__.py").touch()
    page.wait_for_function("() => window.__beforeReload === undefined", timeout=30_000)


@pytest.fixture
def plain_serve(tmp_path: Path):
    """`mkdocs serve` with no flags but the address: the folders to watch come from mkdocs.yml."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "SITE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("mkdocs serve did not start")
        yield project, url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def page_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def served_epoch(url: str) -> int:
    """The site version the served page's livereload script waits to see change."""
    found = re.search(r"livereload\((\d+),\s*\d+\)", page_text(url))
    assert found is not None, "the served page carries no livereload script"
    return int(found.group(1))


def wait_for(url: str, text: str) -> None:
    deadline = time.monotonic() + 60
    while text not in page_text(url):
        if time.monotonic() > deadline:
            pytest.fail(f"{url} never showed {text!r}")
        time.sleep(0.25)


def test_plain_mkdocs_serve_shows_every_edit_and_rests_between_them(plain_serve):
    # Plain `mkdocs serve`, as users type it: a glossary edit reaches the glossary page.
    # A rebuild reads the watched files again; reading them must not count as an
    # edit (a rebuild would start the next one, and a reload could come before
    # the edit was built). Each edit shows, search included, and an untouched
    # project is not rebuilt.
    project, url = plain_serve
    entry = project / "glossary" / "roscosmos.yml"
    assert "firstedit" not in page_text(url + "glossary/")
    edit(entry, "Russia’s state space corporation", "Russia’s firstedit corporation")
    wait_for(url + "glossary/", "firstedit")
    settled = served_epoch(url + "about/")
    time.sleep(1.2)  # file events arrive in milliseconds; polling (the fallback) looks twice a second
    assert served_epoch(url + "about/") == settled
    edit(entry, "Russia’s firstedit corporation", "Russia’s secondedit corporation")
    wait_for(url + "glossary/", "secondedit")
    assert "secondedit" in page_text(url + "search/search_index.json")
    edit(project / "docs" / "about.md", "## How the text is reproduced", "## How the text is reproduced, thirdedit")
    wait_for(url + "about/", "thirdedit")
    assert "thirdedit" in page_text(url + "search/search_index.json")
