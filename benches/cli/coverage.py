"""The `mlsecops coverage Garak ModelScan` query written in Python over the exported JSON.

Reads taxonomy.json (`cargo run --features cli -- export > taxonomy.json`), finds the named
tools, and prints covered / total per layer and phase, as the command does. Used as the
baseline of the command's speed (see benches/cli/run.sh).
"""

import json
import sys


def main(path, names):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    fold = lambda s: "".join(c for c in s.lower() if c.isalnum())
    tools = {fold(t["id"]): t for t in doc["tools"]}
    tools.update({fold(t["name"]): t for t in doc["tools"]})
    chosen = []
    for name in names:
        tool = tools.get(fold(name))
        if tool is None:
            print(f"unknown tool {name!r}", file=sys.stderr)
            return 2
        chosen.append(tool)
    covered = {code for t in chosen for code in t["risks"]}
    print(f"Tools ({len(chosen)}): {', '.join(t['name'] for t in chosen)}")
    print(f"Covered: {len(covered)} of {len(doc['risks'])} risks")
    for layer in doc["layers"]:
        risks = [r["code"] for r in doc["risks"] if r["layer"] == layer["id"]]
        print(f"{layer['name']} layer {sum(r in covered for r in risks)}/{len(risks)}")
        for phase in doc["phases"]:
            if phase["layer"] != layer["id"]:
                continue
            here = [r["code"] for r in doc["risks"] if r["phase"] == phase["id"]]
            open_ = [r for r in here if r not in covered]
            print(f"  {phase['name']} {len(here) - len(open_)}/{len(here)} {', '.join(open_)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
