"""readkit.site.settings: where every hook finds the article's data files.

Hooks ask for the settings hundreds of times a build, so the answer is kept
for the build; these tests hold that it is always the answer for the config
being asked about."""

from __future__ import annotations

import gc
from pathlib import Path
from types import SimpleNamespace

import pytest

from readkit import site
from readkit.errors import ContentError


def config(folder: Path, manifest: str) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(folder / "mkdocs.yml"), extra={"reading": {"manifest": manifest}})


def test_each_config_gets_its_own_paths(tmp_path: Path) -> None:
    site.new_build()
    one, two = tmp_path / "one", tmp_path / "two"
    assert site.settings(config(one, "seeds/a.yml")).path("manifest") == (one / "seeds/a.yml").resolve()
    assert site.settings(config(two, "seeds/b.yml")).path("manifest") == (two / "seeds/b.yml").resolve()
    # A config made after another is gone may reuse its id; it must not get its answer.
    for name in ("c", "d", "e"):
        gc.collect()
        assert site.settings(config(one, f"seeds/{name}.yml")).path("manifest").name == f"{name}.yml"


def test_a_changed_reading_block_is_seen(tmp_path: Path) -> None:
    site.new_build()
    cfg = config(tmp_path, "seeds/a.yml")
    assert site.settings(cfg).path("manifest").name == "a.yml"
    cfg.extra["reading"] = {"manifest": "seeds/b.yml", "sources": "data/s.yml"}
    assert site.settings(cfg).path("manifest").name == "b.yml"
    assert site.settings(cfg).path("sources") == (tmp_path / "data/s.yml").resolve()
    assert site.settings(cfg).path("glossary") is None


def test_a_missing_manifest_stops_the_build_every_time(tmp_path: Path) -> None:
    site.new_build()
    cfg = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), extra={})
    for _ in range(2):
        with pytest.raises(ContentError, match="extra.reading.manifest is not set"):
            site.settings(cfg)
