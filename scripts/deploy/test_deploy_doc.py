"""Check that docs/deploy.md shows the deploy files as they are.

Usage: python3 scripts/deploy/test_deploy_doc.py

docs/deploy.md quotes each recipe in a fenced block whose info string names the file,
e.g. ```ini file=scripts/deploy/goalwall.service. Every such block must equal that file
(after removing the block's indentation), and every recipe file in scripts/deploy
(units, web-server snippets, hook, CI files, the kiosk's .desktop) must be quoted.
Exits 1 listing the differences.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
QUOTED = [
    "scripts/deploy/goalwall.service",
    "scripts/deploy/goalwall-rebuild.service",
    "scripts/deploy/goalwall-rebuild.timer",
    "scripts/deploy/post-receive",
    "scripts/deploy/nginx-goals.conf",
    "scripts/deploy/apache-goals.conf",
    "scripts/deploy/ci/github-actions.yml",
    "scripts/deploy/ci/gitlab-ci.yml",
    "scripts/deploy/kiosk/goalwall-kiosk.desktop",
]
BLOCK = re.compile(r"^( *)```\w+ file=(\S+)\n(.*?)^\1```$", re.M | re.S)


def main() -> int:
    doc = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    problems = []
    seen = set()
    for match in BLOCK.finditer(doc):
        indent, path, body = match.group(1), match.group(2), match.group(3)
        seen.add(path)
        lines = [line[len(indent):] if line.startswith(indent) else line for line in body.split("\n")]
        quoted = "\n".join(lines)
        actual = (ROOT / path).read_text(encoding="utf-8") if (ROOT / path).exists() else None
        if actual is None:
            problems.append(f"docs/deploy.md quotes {path}, which does not exist")
        elif quoted != actual:
            problems.append(f"docs/deploy.md: the block for {path} differs from the file")
    for path in QUOTED:
        if path not in seen:
            problems.append(f"docs/deploy.md does not quote {path}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"ok   docs/deploy.md quotes {len(seen)} deploy files word for word")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
