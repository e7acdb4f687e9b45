"""axe-core with the WCAG 2.2 AA tags finds nothing: every page at the three
sizes (390x844, 1280x720, 1400x900) as it opens, and a section page in every
reading mode, light and dark, at each size. bench/axe_matrix.py runs the
whole matrix (every page x mode x size x scheme)."""

from __future__ import annotations

import pytest

from helpers import bench_module

axe_matrix = bench_module("axe_matrix")
SIZES, page_paths, run = axe_matrix.SIZES, axe_matrix.page_paths, axe_matrix.run


def report(cells) -> str:
    return "\n".join(v.line() for c in cells for v in c.violations)


@pytest.mark.browser
def test_every_page_at_every_size_as_it_opens(browser, site_server, built_site):
    cells = list(run(site_server, page_paths(built_site), SIZES, ["light"], modes="default", browser=browser))
    assert len(cells) == len(page_paths(built_site)) * len(SIZES)
    assert not report(cells), report(cells)


@pytest.mark.browser
def test_a_section_page_in_every_mode_light_and_dark_at_every_size(browser, site_server):
    cells = list(run(site_server, ["read/sanctions/"], SIZES, ["light", "dark"], modes="all", browser=browser))
    assert {c.scheme for c in cells} == {"light", "dark"}
    assert not report(cells), report(cells)
