"""The GitHub Pages workflow is valid and builds the site the way the tests do."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


def steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def run_commands(workflow: dict[Any, Any], job: str) -> list[list[str]]:
    """Every shell command of a job's `run:` steps, split into words."""
    commands = []
    for step in steps(workflow, job):
        for line in str(step.get("run", "")).splitlines():
            if line.strip():
                commands.append(shlex.split(line))
    return commands


def test_there_are_workflows() -> None:
    assert PAGES in workflow_files()


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_matches_schema(path: Path) -> None:
    # check-jsonschema ships the workflow schema, so this works offline.
    exe = Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run(
        [str(exe), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_triggers_and_permissions() -> None:
    wf = load(PAGES)
    on = wf[True]  # YAML 1.1: the bare key `on` parses as True
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"]["group"] == "pages"


def _build_steps(wf: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for s in steps(wf, "build") if "mkdocs build" in str(s.get("run", ""))]


def test_build_is_strict_and_uses_pages_base_url() -> None:
    wf = load(PAGES)
    builds = [c for c in run_commands(wf, "build") if c[:2] == ["mkdocs", "build"]]
    assert builds, "no `mkdocs build` step"
    assert all("--strict" in c for c in builds), builds
    for build_step in _build_steps(wf):
        env = build_step["env"]
        assert str(env["NO_MKDOCS_2_WARNING"]) == "1"
        assert env["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any(
        s.get("id") == "pages" and str(s.get("uses", "")).startswith("actions/configure-pages@")
        for s in steps(wf, "build")
    )


def built_editions(wf: dict[Any, Any]) -> dict[str, str]:
    """edition -> the folder its `mkdocs build` writes."""
    out = {}
    for step in _build_steps(wf):
        (command,) = [shlex.split(line) for line in str(step["run"]).splitlines() if line.strip()]
        out[str(step["env"]["READING_EDITION"])] = command[command.index("-d") + 1]
    return out


def published_folder(wf: dict[Any, Any], switch: str) -> str:
    """What the Pages artifact uploads when the switch says `switch`."""
    (upload,) = [s for s in steps(wf, "build") if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    return str(upload["with"]["path"]).replace("${{ env.PUBLISH_EDITION }}", switch)


def test_both_editions_are_built_and_the_switch_publishes_the_student_one_by_default() -> None:
    wf = load(PAGES)
    editions = built_editions(wf)
    assert set(editions) == {"student", "teacher"}
    assert len(set(editions.values())) == 2, "the editions must not share a folder"
    # The one line that switches: a workflow-level variable, student by default.
    assert wf["env"]["PUBLISH_EDITION"] == "student"
    assert PAGES.read_text(encoding="utf-8").count("PUBLISH_EDITION:") == 1
    assert published_folder(wf, wf["env"]["PUBLISH_EDITION"]) == editions["student"]


@pytest.mark.parametrize("switch", ["student", "teacher"])
def test_the_switch_publishes_exactly_the_edition_it_names(switch: str) -> None:
    wf = load(PAGES)
    editions = built_editions(wf)
    assert published_folder(wf, switch) == editions[switch]
    others = [folder for edition, folder in editions.items() if edition != switch]
    assert published_folder(wf, switch) not in others


def test_the_teacher_edition_is_attached_to_the_run_never_deployed() -> None:
    wf = load(PAGES)
    editions = built_editions(wf)
    (attach,) = [s for s in steps(wf, "build") if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert attach["with"]["path"] == editions["teacher"]
    assert attach["with"]["name"] == "teacher-edition"
    assert attach["with"]["if-no-files-found"] == "error"
    # It is built after the student edition, whose strict build would stop the run first.
    names = [s.get("name", "") for s in steps(wf, "build")]
    assert names.index("Build the student edition") < names.index("Build the teacher edition")


def test_uploads_site_and_deploys_it() -> None:
    wf = load(PAGES)
    uploads = [s for s in steps(wf, "build") if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert [u["with"]["path"] for u in uploads] == ["editions/${{ env.PUBLISH_EDITION }}"]
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v5"]
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["steps"][0]["id"] == "deployment"


def test_installs_the_site_requirements() -> None:
    wf = load(PAGES)
    installs = [c for c in run_commands(wf, "build") if c[:2] == ["pip", "install"]]
    assert installs, "no `pip install` step"
    for command in installs:
        assert "-r" in command, command
        requirement = command[command.index("-r") + 1]
        assert requirement == "requirements.txt"
        assert (ROOT / requirement).is_file()
        text = (ROOT / requirement).read_text(encoding="utf-8")
        assert "mkdocs" in text and "mkdocs-material" in text


# The Node 20 majors stopped working once GitHub moved runners to Node 24
# (June 2026); each of these is the first major that runs on Node 24.
NODE24_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/upload-artifact": 7,
    "actions/deploy-pages": 5,
}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_on_a_node24_major(path: Path) -> None:
    wf = load(path)
    used = [str(s["uses"]) for job in wf["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used
    for ref in used:
        name, _, version = ref.partition("@")
        assert name in NODE24_MAJORS, f"{ref}: add the action's first Node 24 major to NODE24_MAJORS"
        major = int(version.lstrip("v").split(".")[0])
        assert major >= NODE24_MAJORS[name], f"{ref} runs on Node 20; use @v{NODE24_MAJORS[name]} or later"
