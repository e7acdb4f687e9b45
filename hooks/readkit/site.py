"""Where the site's data files are, and the file-time cache that reads them.

Every path comes from `extra.reading` in mkdocs.yml (relative to that file),
so a second article needs a new manifest and data, never new code:

    extra:
      reading:
        manifest: seeds/article.yml
        glossary: glossary         # folder of one-entry YAML files
        sources: sources/sources.yml

The build context (readkit.context) loads each file through `cached`, once
per build; `cached` keeps the loaded value for as long as the process runs
and loads it again only when one of its files changed (`mkdocs serve`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .seed import Reading, load_reading
from .yamlio import key_line

# Loaded values by (name, modification times of their files): the process's
# only cache, so a rebuild under `mkdocs serve` skips every file not edited.
_cache: dict[tuple, Any] = {}


@dataclass(frozen=True)
class Settings:
    root: Path  # folder of mkdocs.yml
    config_file: Path
    options: dict

    def path(self, key: str, default: str | None = None) -> Path | None:
        value = self.options.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(
                key, f"extra.reading.{key} must be a path", f"Write `{key}: some/path` under `extra: reading:`"
            )
        return (self.root / value).resolve()

    def existing(self, key: str) -> Path | None:
        """`path(key)`, which must exist: else an error at the option's line in mkdocs.yml."""
        path = self.path(key)
        if path is not None and not path.exists():
            value = self.options[key]
            raise self.error(
                key,
                f"extra.reading.{key} names {value}, which does not exist",
                f"Create it, or fix the path (relative to {self.config_file.name})",
            )
        return path

    def line(self, key: str) -> int | None:
        """The line of `extra: reading: key:` in mkdocs.yml (or of `reading:` if the key is absent)."""
        return key_line(self.config_file, ["extra", "reading", key])

    def error(self, key: str, message: str, hint: str = "") -> ContentError:
        """A ContentError at `extra.reading.<key>` in mkdocs.yml."""
        return ContentError(self.config_file, self.line(key), message, hint)


def settings(config: Any) -> Settings:
    """The `extra.reading` block of an MkDocs config (duck-typed: no MkDocs import)."""
    options = (config.extra or {}).get("reading")
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    if not isinstance(options, dict) or "manifest" not in options:
        raise ContentError(
            config_file,
            key_line(config_file, ["extra", "reading"]),
            "extra.reading.manifest is not set",
            "Add `extra: {reading: {manifest: seeds/<article>.yml}}` to mkdocs.yml",
        )
    return Settings(config_file.parent, config_file, options)


def _stamp(paths: list[Path]) -> tuple:
    """Modification times of files (and folder contents) a cached value depends on."""
    stamp: list[tuple[str, int | None]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                stamp.append((str(child), child.stat().st_mtime_ns))
        elif path.exists():
            stamp.append((str(path), path.stat().st_mtime_ns))
        else:
            stamp.append((str(path), None))
    return tuple(stamp)


def cached(name: str, deps: list[Path], load: Callable[[], Any]) -> Any:
    """`load()` once per change of `deps` (so `mkdocs serve` sees edits)."""
    key = (name, _stamp(deps))
    if key not in _cache:
        for old in [k for k in _cache if k[0] == name]:
            del _cache[old]
        _cache[key] = load()
    return _cache[key]


def reading_of(s: Settings) -> Reading:
    """The article (manifest and seed) named by `extra.reading.manifest`."""
    manifest = s.existing("manifest")
    assert manifest is not None
    return cached(f"reading:{manifest}", [manifest, manifest.parent], lambda: load_reading(manifest))


def sources_of(s: Settings) -> dict:
    """The sources registry named by `extra.reading.sources` ({} if not set)."""
    from .sources import load_sources

    path = s.existing("sources")
    if path is None:
        return {}
    return cached(f"sources:{path}", [path], lambda: load_sources(path))
