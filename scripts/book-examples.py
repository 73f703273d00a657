#!/usr/bin/env python3
"""Refreshes the output of every `$ mlsecops ...` line of the book's and README's ```console
blocks by running the command from the repository's root (target/debug/mlsecops, built with
`cargo build --features cli`). tests/book.rs checks that the pages show what the command prints;
run this after a change to the command's output, and read the diff.

    python3 scripts/book-examples.py
"""
import pathlib
import shlex
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "debug" / "mlsecops"


def run(command: str) -> str:
    stdin = ""
    if command.startswith("printf '"):
        text, command = command[len("printf '"):].split("' | ", 1)
        stdin = text.replace("\\n", "\n")
    words = command.split()
    assert words[0] == "mlsecops", command
    p = subprocess.run([str(BIN)] + words[1:], cwd=ROOT, input=stdin, capture_output=True, text=True)
    return (p.stdout + p.stderr).rstrip("\n")


def refresh(page: pathlib.Path) -> None:
    lines = page.read_text().split("\n")
    out, in_block, i = [], False, 0
    while i < len(lines):
        line = lines[i]
        if not in_block and line == "```console":
            in_block = True
            out.append(line)
        elif in_block and line == "```":
            in_block = False
            out.append(line)
        elif in_block and line.startswith("$ "):
            out.append(line)
            out.extend(run(line[2:]).split("\n"))
            i += 1
            while i < len(lines) and not lines[i].startswith("$ ") and lines[i] != "```":
                i += 1
            continue
        else:
            out.append(line)
        i += 1
    page.write_text("\n".join(out))


for page in [ROOT / "README.md", *sorted((ROOT / "docs" / "src").rglob("*.md"))]:
    refresh(page)
