"""The sources registry: every document the site cites, with its verification status.

`status` keeps the research dossier's word on each URL: `seen` (the page itself
was read), `derived` (the address was inferred, not opened) or `unverified`.
Only `seen` is ever shown as checked.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .authoring import ID
from .errors import ContentError
from .yamlio import Fields, LineList, load_yaml

KINDS = ["primary", "secondary"]
STATUSES = ["seen", "derived", "unverified"]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")
STATUS_LABELS = {
    "seen": "checked",
    "derived": "address not checked",
    "unverified": "unverified",
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str | None
    url: str
    kind: str
    locator: str | None
    status: str
    note: str | None
    path: str
    line: int

    @property
    def checked(self) -> bool:
        return self.status == "seen"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def real_date(date: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a day, month or year that exists."""
    parts = [int(p) for p in date.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def load_sources(path: str | Path) -> dict[str, Source]:
    """Load and validate the registry; errors carry path:line."""
    path = Path(path)
    data = load_yaml(path)
    if not isinstance(data, list):
        raise ContentError(
            path,
            getattr(data, "line", 1),
            "the sources registry must be a YAML list",
            "Start each source with `- id: ...`",
        )
    out: dict[str, Source] = {}
    for i, item in enumerate(data):
        line = data.line_of(i) if isinstance(data, LineList) else None
        f = Fields(item, path, f"source {i + 1}", line)
        f.only({"id", "title", "publisher", "date", "url", "kind", "locator", "status", "note"})
        sid = f.text("id")
        if not ID.match(sid):
            raise f.error("id", f"id {sid!r} must be lowercase letters, digits and hyphens")
        if sid in out:
            raise f.error(
                "id", f"duplicate source id {sid!r} (first at line {out[sid].line})", "Give each source its own id"
            )
        url = f.text("url")
        if not url.startswith("https://"):
            raise f.error("url", f"url {url!r} is not https", "Use the https:// address, or leave the source out")
        if not URL.match(url):
            raise f.error("url", f"url {url!r} is malformed", "Write a full address such as https://example.org/page")
        date = f.text("date", required=False)
        if date and not DATE.match(date):
            raise f.error("date", f"date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD", 'Quote it: date: "2023-11-30"')
        if date and not real_date(date):
            raise f.error("date", f"date {date!r} is not a real date", "Check the month (01-12) and the day")
        out[sid] = Source(
            id=sid,
            title=f.text("title"),
            publisher=f.text("publisher"),
            date=date,
            url=url,
            kind=f.choice("kind", KINDS),
            locator=f.text("locator", required=False),
            status=f.choice("status", STATUSES),
            note=f.text("note", required=False),
            path=str(path),
            line=f.line("id"),
        )
    return out
