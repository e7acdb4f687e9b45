"""Two errors that used to have no line: a seed saved in another encoding,
and a bad `extra.reading.on_demand` entry in mkdocs.yml. Both stop the build
at the line to fix, with the path relative to the project."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from helpers import build, copy_project

SEED = "seeds/necessity-knows-no-law.txt"


def test_a_seed_in_another_encoding_stops_at_the_line_of_its_first_bad_byte(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    seed = project / SEED
    lines = seed.read_bytes().split(b"\n")
    lines[6] += b" \x92"  # a curly apostrophe as Windows-1252 writes it
    seed.write_bytes(b"\n".join(lines))
    manifest = project / "seeds/necessity-knows-no-law.yml"
    # The seed's checksum is checked first: let it pass so the encoding is what fails.
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        re.sub(r"(sha256:\s*)\S+", lambda m: m.group(1) + hashlib.sha256(seed.read_bytes()).hexdigest(), text),
        encoding="utf-8",
    )
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert f"{SEED}:7: not UTF-8 text" in out, out
    assert "Traceback" not in out


def test_a_bad_on_demand_entry_stops_at_its_line_in_mkdocs_yml(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      assets/js/shells.js: form.ts-whatif\n" in text
    text = text.replace("      assets/js/shells.js: form.ts-whatif\n", "      assets/js/nowhere.js: form.ts-whatif\n")
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      assets/js/nowhere.js: form.ts-whatif") + 1
    code, out = build(config, tmp_path / "site")
    assert code != 0
    assert f"mkdocs.yml:{line}: extra.reading.on_demand: 'assets/js/nowhere.js' must be a plain script" in out, out
    assert "Traceback" not in out
