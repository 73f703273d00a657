"""Every `uses:` of the files given is pinned by a full commit SHA, with its version in a comment:

    uses: OWNER/REPO[/PATH]@<40 hex digits> # vX.Y.Z

A tag or a branch can be moved to other code; a commit cannot. Reads each file twice, as YAML (every
`uses` key, wherever it is) and as lines (the comment), and fails if the two disagree on the count,
so a `uses:` written in another form is not missed. Exits 1 naming each unpinned `uses:`.

    python3 tests/install/pins.py action.yml .github/workflows/release.yml
"""

import re
import sys

import yaml

PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")
LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(\S+))?\s*$")
VERSION = re.compile(r"^v\d+(\.\d+)*$")


def uses_of(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uses":
                yield value
            else:
                yield from uses_of(value)
    elif isinstance(node, list):
        for item in node:
            yield from uses_of(item)


def problems(path):
    text = open(path, encoding="utf-8").read()
    found = []
    parsed = list(uses_of(yaml.safe_load(text)))
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*(-\s+)?uses:", line)]
    if len(parsed) != len(lines):
        found.append(f"{path}: {len(parsed)} uses in the YAML, {len(lines)} `uses:` lines")
    for n, line in lines:
        m = LINE.match(line)
        if not m or not PINNED.match(m.group(1)):
            found.append(f"{path}:{n}: not pinned by a full commit SHA: {line.strip()}")
        elif not m.group(2) or not VERSION.match(m.group(2)):
            found.append(f"{path}:{n}: no `# vX.Y.Z` comment naming the pinned version: {line.strip()}")
    return found, len(lines)


def main(paths):
    found, count = [], 0
    for path in paths:
        p, n = problems(path)
        found += p
        count += n
    for problem in found:
        print(problem)
    if found:
        return 1
    print(f"pins: {count} uses in {len(paths)} files, each pinned by a commit SHA with its version")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
