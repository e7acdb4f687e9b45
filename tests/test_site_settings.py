"""readkit.site and readkit.context: where the data files are, and the one
build context every hook reads.

The context is loaded once per build, through a cache that reloads a file
only when it changed (what makes `mkdocs serve` rebuilds cheap), so these
tests hold that a new build always sees the current files and config."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import ROOT
from readkit import context, site
from readkit.errors import ContentError


def config(folder: Path, manifest: str, **more: str) -> SimpleNamespace:
    return SimpleNamespace(
        config_file_path=str(folder / "mkdocs.yml"), extra={"reading": {"manifest": manifest, **more}}
    )


def test_each_config_gets_its_own_paths(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert site.settings(config(one, "seeds/a.yml")).path("manifest") == (one / "seeds/a.yml").resolve()
    assert site.settings(config(two, "seeds/b.yml")).path("manifest") == (two / "seeds/b.yml").resolve()
    cfg = config(tmp_path, "seeds/a.yml")
    cfg.extra["reading"] = {"manifest": "seeds/b.yml", "sources": "data/s.yml"}
    assert site.settings(cfg).path("manifest").name == "b.yml"
    assert site.settings(cfg).path("sources") == (tmp_path / "data/s.yml").resolve()
    assert site.settings(cfg).path("glossary") is None


def test_a_missing_manifest_stops_the_build_every_time(tmp_path: Path) -> None:
    cfg = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), extra={})
    for _ in range(2):
        with pytest.raises(ContentError, match="extra.reading.manifest is not set"):
            context.load(cfg)


def test_cached_loads_again_only_when_a_file_changed(tmp_path: Path) -> None:
    data = tmp_path / "data.yml"
    data.write_text("one", encoding="utf-8")
    loads: list[str] = []

    def load() -> str:
        loads.append(data.read_text(encoding="utf-8"))
        return loads[-1]

    assert site.cached("test-data", [data], load) == "one"
    assert site.cached("test-data", [data], load) == "one"
    assert loads == ["one"]
    data.write_text("two", encoding="utf-8")
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later edit, whatever the clock
    assert site.cached("test-data", [data], load) == "two"
    assert loads == ["one", "two"]


def project(dst: Path) -> Path:
    for item in ("mkdocs.yml", "seeds", "glossary", "sources", "teaching"):
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst / item)
    return dst


def test_the_context_holds_every_data_file_and_sees_an_edit(tmp_path: Path) -> None:
    root = project(tmp_path)
    cfg = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), extra={"reading": _reading_block(root)})
    first = context.load(cfg)
    assert first.reading.paragraphs and first.glossary is not None and first.sources
    assert first.claims and first.notes and first.timeline is not None and first.shells is not None
    again = context.load(cfg)
    assert again is not first  # one context per build
    assert again.glossary is first.glossary and again.reading is first.reading  # nothing changed: nothing reloaded
    entry = next(iter(sorted((root / "glossary").glob("*.yml"))))
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text + "\n", encoding="utf-8")
    stat = entry.stat()
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    third = context.load(cfg)
    assert third.glossary is not first.glossary  # the edited glossary is read again ...
    assert third.reading is first.reading  # ... and the article is not


def _reading_block(root: Path) -> dict:
    """`extra: reading:` of the project's mkdocs.yml (its custom tags aside)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a safe loader)
    return data["extra"]["reading"]
