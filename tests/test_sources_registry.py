"""The sources registry refuses what a link needs to be trusted: every error
names the file and line and says how to fix it."""

from __future__ import annotations

import textwrap

import pytest

from helpers import ROOT
from readkit.errors import ContentError
from readkit.sources import load_sources

GOOD = """
    - id: un-sgsm-21817
      title: Statement on the launch of 31 May 2023
      publisher: United Nations
      date: "2023-05-30"
      url: "https://press.un.org/en/2023/sgsm21817.doc.htm"
      kind: primary
      status: seen
"""


def load(tmp_path, text: str):
    path = tmp_path / "sources.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path, load_sources(path)


def test_a_good_entry_loads_and_only_seen_counts_as_checked(tmp_path):
    _, sources = load(tmp_path, GOOD + GOOD.replace("un-sgsm-21817", "other").replace("seen", "derived"))
    assert sources["un-sgsm-21817"].checked and sources["un-sgsm-21817"].status_label == "checked"
    assert not sources["other"].checked and sources["other"].status_label == "address not checked"
    assert sources["other"].line == 9  # after the blank line between entries


@pytest.mark.parametrize(
    "change, line, message",
    [
        (("https://press", "http://press"), 5, "is not https"),
        (("https://press.un.org/en/2023/sgsm21817.doc.htm", "https://press un org"), 5, "is malformed"),
        (("https://press.un.org/en/2023/sgsm21817.doc.htm", "https://"), 5, "is malformed"),
        (("kind: primary", "kind: tertiary"), 6, "'kind' is 'tertiary'"),
        (("status: seen", "status: probably"), 7, "'status' is 'probably'"),
        (('date: "2023-05-30"', 'date: "30 May 2023"'), 4, "must be YYYY"),
        (("status: seen", "status: seen\n      verified: yes"), 8, "unknown field 'verified'"),
        (("id: un-sgsm-21817", "id: UN SG/SM 21817"), 1, "must be lowercase"),
        (("      title: Statement on the launch of 31 May 2023\n", ""), 1, "'title' is missing"),
    ],
)
def test_registry_errors_name_file_and_line(tmp_path, change, line, message):
    with pytest.raises(ContentError) as info:
        load(tmp_path, GOOD.replace(*change))
    assert str(info.value).startswith(f"{tmp_path / 'sources.yml'}:{line}: "), str(info.value)
    assert message in str(info.value)


def test_a_duplicate_id_names_both_lines(tmp_path):
    with pytest.raises(ContentError) as info:
        load(tmp_path, GOOD + GOOD)
    assert str(info.value).startswith(f"{tmp_path / 'sources.yml'}:9: ")
    assert "duplicate source id 'un-sgsm-21817' (first at line 1)" in str(info.value)


def test_the_real_registry_uses_https_and_keeps_the_dossiers_statuses():
    sources = load_sources(ROOT / "sources" / "sources.yml")
    assert len(sources) >= 60
    assert {s.status for s in sources.values()} == {"seen", "derived", "unverified"}
    assert all(s.url.startswith("https://") for s in sources.values())
    # Addresses built from a document symbol were never opened: never "seen".
    for s in sources.values():
        if s.url.startswith("https://undocs.org/"):
            assert s.status != "seen", s.id
