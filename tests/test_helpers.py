"""The shared test helpers keep the suite's builds in this process: a build
that crashes here runs again in a subprocess (see helpers.build), which hides
the crash and costs an interpreter start and every import."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import ROOT, SUBPROCESS_BUILDS, bench_module


def test_a_bench_module_leaves_the_hooks_own_modules_alone():
    bench_module("axe_matrix")  # imports bench/_common.py
    assert str(ROOT / "bench") not in sys.path
    common = sys.modules.get("_common")
    assert common is None or Path(common.__file__).parent == ROOT / "hooks", common


def test_the_sites_build_ran_in_this_process(built_site: Path):
    assert (built_site / "index.html").is_file()
    fell_back = [line for config, line in SUBPROCESS_BUILDS if config == str(ROOT / "mkdocs.yml")]
    assert not fell_back, f"the site's build crashed in the test process: {fell_back[0]}"
