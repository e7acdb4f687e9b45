"""Which data files cite which sources, found without knowing their formats.

The glossary, the timeline and other features each keep their own data with a
`sources:` list of registry ids. To tell which registry entries nothing cites,
and to list a source's uses on the Sources page, this module reads every data
path under `extra.reading` and collects any mapping that has such a list. A
file that fails to parse is skipped here: its own hook reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .yamlio import load_yaml

SKIP_KEYS = {"manifest", "sources"}


@dataclass(frozen=True)
class Use:
    kind: str  # the `extra.reading` key of the data, e.g. "glossary"
    item: str | None  # the citing item's id (or file name), if it has one
    label: str  # what a reader would call it


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yml", ".yaml"})
    if path.is_file() and path.suffix in {".yml", ".yaml"}:
        return [path]
    return []


def _walk(data: Any, stem: str | None) -> Iterator[tuple[str | None, str, list[str]]]:
    if isinstance(data, dict):
        ids = data.get("sources")
        if isinstance(ids, list) and all(isinstance(i, str) for i in ids):
            item = data.get("id") if isinstance(data.get("id"), str) else stem
            label = next((data[k] for k in ("term", "title", "label") if isinstance(data.get(k), str)), item or "")
            yield item, " ".join(label.split()), ids
        for key, value in data.items():
            if key != "sources":
                yield from _walk(value, None)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value, None)


def scan_citations(settings: Any, exclude: set[Path]) -> dict[str, list[Use]]:
    """{source id: [Use, ...]} for every data path in `settings.options` but `exclude`."""
    out: dict[str, list[Use]] = {}
    for key, value in sorted(settings.options.items()):
        if key in SKIP_KEYS or not isinstance(value, str):
            continue
        root = settings.path(key)
        if root is None or root in exclude:
            continue
        for path in _files(root):
            try:
                data = load_yaml(path)
            except ContentError:
                continue
            # A folder of one-entry files: the file name is the entry's id.
            stem = path.stem if root.is_dir() else None
            for item, label, ids in _walk(data, stem):
                for sid in ids:
                    out.setdefault(sid, []).append(Use(key, item, label))
    return out
