"""Where the hooks meet: the site's data files, loaded once per build, and the
annotators that take part in the single annotation pass.

Every path comes from `extra.reading` in mkdocs.yml (relative to that file),
so a second article needs a new manifest and data, never new code:

    extra:
      reading:
        manifest: seeds/article.yml
        glossary: glossary         # folder of one-entry YAML files
        sources: sources/sources.yml
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .seed import Reading, load_reading
from .yamlio import key_line

_cache: dict[tuple, Any] = {}
# Values already checked during the current build: files don't change within
# one build, so only the first call per build looks at modification times.
_this_build: dict[Any, Any] = {}


def new_build() -> None:
    """Called at the start of each build (the reading hook's on_config)."""
    _this_build.clear()


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
        memo_key = ("path", self.root, value)
        if memo_key not in _this_build:  # resolving asks the file system: once per build
            _this_build[memo_key] = (self.root / value).resolve()
        return _this_build[memo_key]

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
    # Hooks ask for it hundreds of times a build; the config is kept with the
    # answer so a new config object never meets an old answer under a reused id.
    options = (config.extra or {}).get("reading")
    memo = _this_build.get(("settings", id(config)))
    if memo is not None and memo[0] is config and memo[1].options is options:
        return memo[1]
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    if not isinstance(options, dict) or "manifest" not in options:
        raise ContentError(
            config_file,
            key_line(config_file, ["extra", "reading"]),
            "extra.reading.manifest is not set",
            "Add `extra: {reading: {manifest: seeds/<article>.yml}}` to mkdocs.yml",
        )
    found = Settings(config_file.parent, config_file, options)
    _this_build[("settings", id(config))] = (config, found)
    return found


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
    if name in _this_build:
        return _this_build[name]
    key = (name, _stamp(deps))
    if key not in _cache:
        for old in [k for k in _cache if k[0] == name]:
            del _cache[old]
        _cache[key] = load()
    _this_build[name] = _cache[key]
    return _cache[key]


def reading(config: Any) -> Reading:
    s = settings(config)
    manifest = s.existing("manifest")
    assert manifest is not None

    def load() -> Reading:
        return load_reading(manifest)

    deps = [manifest, manifest.parent]
    return cached(f"reading:{manifest}", deps, load)


# -- annotation pass registry -------------------------------------------------
# A hook registers a factory in on_config; the annotate hook calls each factory
# once per page to get that page's provider (see annotate.Provider). A provider
# may also have `finish(html, state) -> html`, run after the pass.
_annotators: dict[str, Callable[..., Any]] = {}


def register_annotator(name: str, factory: Callable[..., Any]) -> None:
    _annotators[name] = factory


def annotators() -> list[tuple[str, Callable[..., Any]]]:
    return sorted(_annotators.items())


def glossary_page(config: Any) -> str:
    """The glossary page's path in docs/ (`extra.reading.glossary_page`, default glossary.md)."""
    return str(settings(config).options.get("glossary_page", "glossary.md"))


def sources(config: Any) -> dict:
    """The sources registry named by `extra.reading.sources` ({} if not set)."""
    from .sources import load_sources

    path = settings(config).existing("sources")
    if path is None:
        return {}
    return cached(f"sources:{path}", [path], lambda: load_sources(path))
