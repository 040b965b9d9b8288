"""Run the CI recipes of docs/deploy.md (GitHub Actions, GitLab CI) against a local tarball.

Usage: python3 scripts/deploy/test_ci_recipes.py TARBALL

Needs PyYAML. For scripts/deploy/ci/github-actions.yml and gitlab-ci.yml:
- the file parses, and has the triggers and jobs docs/deploy.md describes;
- the shell steps run as written, in a new goals repository made by `goalwall init`,
  with GOALWALL_URL=file://TARBALL: GitHub's `run:` steps of the build job (with
  RUNNER_TEMP and GITHUB_PATH as the runner sets them), GitLab's before_script and script
  in one shell (its /opt/goalwall moved to a temporary folder, its apt-get line skipped
  unless GOALWALL_TEST_APT=1). Each must leave public/index.html.
The `uses:` actions and the Pages publishing are not run. PATH for the steps holds no
/opt/swift. Exits 1 on the first failure.
"""

import os
import pathlib
import subprocess
import sys
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def fail(message: str) -> None:
    print(f"FAIL {message}", file=sys.stderr)
    sys.exit(1)


def new_site(folder: pathlib.Path, goalwall: str) -> pathlib.Path:
    site = folder / "repo"
    subprocess.run([goalwall, "init", str(site)], check=True, stdout=subprocess.DEVNULL)
    return site


def run_shell(script: str, cwd: pathlib.Path, env: dict) -> None:
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"step exited {result.returncode}:\n{script}\n{result.stdout}{result.stderr}")


def github(tarball: pathlib.Path, goalwall: str) -> None:
    workflow = yaml.safe_load((ROOT / "scripts/deploy/ci/github-actions.yml").read_text())
    triggers = workflow.get(True) or workflow.get("on")  # YAML 1.1 reads the key `on` as true
    if triggers["push"]["branches"] != ["main"] or "schedule" not in triggers or "workflow_dispatch" not in triggers:
        fail("github-actions.yml: want push to main, a schedule and workflow_dispatch")
    jobs = workflow["jobs"]
    if jobs["deploy"]["needs"] != "build":
        fail("github-actions.yml: deploy must need build")
    steps = jobs["build"]["steps"]
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    if not uploads or uploads[0]["with"]["path"] != "public":
        fail("github-actions.yml: build must upload public/")
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        site = new_site(folder, goalwall)
        runner_temp = folder / "runner-temp"
        runner_temp.mkdir()
        github_path = folder / "github-path"
        github_path.write_text("")
        env = {"HOME": str(folder), "PATH": CLEAN_PATH, "LANG": "C.UTF-8", "RUNNER_TEMP": str(runner_temp),
               "GITHUB_PATH": str(github_path), **workflow["env"], "GOALWALL_URL": tarball.as_uri()}
        for step in steps:
            if "run" not in step:
                continue
            added = [line for line in github_path.read_text().splitlines() if line]
            env["PATH"] = ":".join(added[::-1] + [CLEAN_PATH])
            run_shell(step["run"], site, env)
        if not (site / "public/index.html").is_file():
            fail("github-actions.yml: no public/index.html after the build job")
    print("ok   github-actions.yml: its run steps install goalwall from the tarball and build public/")


def gitlab(tarball: pathlib.Path, goalwall: str) -> None:
    pipeline = yaml.safe_load((ROOT / "scripts/deploy/ci/gitlab-ci.yml").read_text())
    job = pipeline["pages"]
    if job["artifacts"]["paths"] != ["public"]:
        fail("gitlab-ci.yml: the pages job must keep public/ as its artifact")
    if not job["image"].startswith("debian:12"):
        fail("gitlab-ci.yml: want a Debian 12 image")
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        site = new_site(folder, goalwall)
        prefix = folder / "opt-goalwall"
        lines = []
        for line in job["before_script"] + job["script"]:
            if line.startswith("apt-get") and os.environ.get("GOALWALL_TEST_APT") != "1":
                continue
            lines.append(line.replace("/opt/goalwall", str(prefix)))
        env = {"HOME": str(folder), "PATH": CLEAN_PATH, "LANG": "C.UTF-8", **pipeline["variables"],
               "GOALWALL_URL": tarball.as_uri()}
        run_shell("\n".join(lines), site, env)
        if not (site / "public/index.html").is_file():
            fail("gitlab-ci.yml: no public/index.html after the pages job")
    print("ok   gitlab-ci.yml: its script installs goalwall from the tarball and builds public/")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tarball = pathlib.Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["tar", "-xzf", str(tarball), "-C", folder, "--strip-components=1"], check=True)
        goalwall = str(pathlib.Path(folder) / "bin/goalwall")
        github(tarball, goalwall)
        gitlab(tarball, goalwall)


if __name__ == "__main__":
    main()
