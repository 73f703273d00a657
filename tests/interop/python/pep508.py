"""The crate's PEP 508 reader against Python's `packaging`, the reference reader.

Every requirement of the test corpora (requirements files and `pyproject.toml` dependency
strings under tests/fixtures, tests/corpus and examples), a generated set of tricky lines and
random mutations of both (a fixed seed) go to the command given after `--` (the example
`pep508`: one JSON string a line in, `ok NAME` or `err ...` out); each answer must be
packaging's: the same name, or a refusal where `Requirement` raises.

The crate's two rules of its own are applied to packaging's answer too: the URL of `name @ URL`
must have a scheme pip installs from (packaging takes any text without white space), and a name
counts only when it is a PEP 508 name, ending with a letter or digit (packaging's parser takes
`garak_`, which PEP 503 makes `garak-`, no package; the crate warns and credits nothing). One known
difference is counted, not failed: a quoted string's `\\N{NAME}` is checked for its form, not
against Unicode's names.

    python tests/interop/python/pep508.py -- cargo run -q --example pep508 --features detect
"""

import json
import pathlib
import random
import re
import subprocess
import sys
import tomllib

from packaging.requirements import InvalidRequirement, Requirement

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCHEMES = {
    "http", "https", "file", "git+git", "git+http", "git+https", "git+ssh", "git+file",
    "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http", "svn+ssh", "svn+http",
    "svn+https", "svn+svn", "svn+file", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp",
    "bzr+ftp", "bzr+lp", "bzr+file",
}


# PEP 508's name: ASCII letters and digits, with `.`, `-` and `_` inside.
NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")


def installable(url):
    """The crate's rule for a direct reference's URL (src/detect/pep508.rs, installable_url)."""
    scheme, colon, rest = url.partition(":")
    if not colon or scheme not in SCHEMES:
        return False
    if scheme == "file":
        return rest != ""
    if not rest.startswith("//"):
        return False
    authority = rest[2:]
    for stop in "/?#":
        authority = authority.split(stop, 1)[0]
    host = authority.rsplit("@", 1)[-1]
    host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
    return host != ""


def expected(line):
    try:
        req = Requirement(line)
    except InvalidRequirement as e:
        return ("err", str(e))
    if req.url is not None and not installable(req.url):
        return ("err", "not a URL with a scheme pip installs from")
    if not NAME.fullmatch(req.name):
        return ("err", "not a package name (PEP 508: starts and ends with a letter or digit)")
    return ("ok", req.name)


def requirement_lines(path):
    text = path.read_text(encoding="utf-8", errors="replace").replace("\\\n", "")
    for line in text.splitlines():
        line = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        yield line.split(" --", 1)[0].rstrip()


def pyproject_lines(path):
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return
    project = doc.get("project") if isinstance(doc.get("project"), dict) else {}
    lists = [project.get("dependencies")]
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        lists += optional.values()
    groups = doc.get("dependency-groups")
    if isinstance(groups, dict):
        lists += groups.values()
    build = doc.get("build-system")
    if isinstance(build, dict):
        lists.append(build.get("requires"))
    for items in lists:
        if isinstance(items, list):
            yield from (i for i in items if isinstance(i, str))


def corpus():
    lines = []
    for top in ("tests/fixtures", "tests/corpus", "examples"):
        for path in sorted((ROOT / top).rglob("*")):
            if not path.is_file():
                continue
            name = path.name
            if name == "pyproject.toml":
                lines += pyproject_lines(path)
            elif path.suffix in (".txt", ".in") and (
                "requirements" in name or "constraints" in name or path.parent.name == "requirements"
            ):
                lines += requirement_lines(path)
    return lines


NAMES = ["garak", "A", "a_", "a-", "a.", "_a", "Foo.Bar-baz_1", "0", "caf\u00e9", "x\u00e9y"]
EXTRAS = ["", "[]", "[ ]", "[all]", "[a,b]", "[ a , b ]", "[a,]", "[,a]", "[a b]", "[all-]",
          "[a", "[a_]", "[\u00e9]"]
SPECS = ["", ">=1", ">=1.0,<2", " >= 1.0 , < 2 ", "(>=1)", "( >=1 , <2 )", "()", "(",
         "==1.*", "!=1.2.*", ">=1.*", "==1.0a1.*", "==1.0+cpu", "==1.0+CPU.x_1", ">=1+l",
         "===foo", "=== foo", "===a,>=1", "===a,,", "===a,b", "===\u00e9", "~=1", "~=1.4",
         "~=1.4.5rc1.post2.dev3", ">==1", "=>1", "=1", "<>1", ">=1,", ">=1,,<2", ",>=1",
         "==v1!2.0-1", "==\u00a01.0", "==\n1.0", ">=1.0a", ">=1.0.", "<=1.0.POST", ">= 1 >= 2",
         ">=1.0-dev", "==1.0.post-1", "> 1", "1.0", "==1.0 ", ">=1\t"]
MARKERS = ["", ";", "; python_version >= '3.9'", ";python_version>='3.9'",
           "; python_version>='3.9'and(os_name=='nt'or sys_platform=='linux')",
           "; extra == 'dev'", "; 'dev' in extras", "; 'x' not  in dependency_groups",
           "; 'x' notin extras", "; 'x' not extras",
           "; os.name == 'posix' and platform.python_implementation == 'CPython'",
           "; python_implementation == 'CPython'", "; platform.version == '1'",
           "; sys.platform == 'x'", "; implementation_name == 'cpython'",
           "; python_version === '3.9' or python_version ~= '3.9'",
           "; ( ( python_version > '3' ) )", "; (python_version > '3'", "; python_version > '3')",
           "; os_name == \"it's\"", "; os_name == 'caf\u00e9'", "; os_name == 'a\\'",
           "; os_name == '\\x41\\u0041\\U00000041\\N{BULLET}\\d\\777'", "; os_name == '\\x4'",
           "; os_name == '\\U00110000'", "; os_name == '\\N{NO SUCH NAME}'", "; os_name == '\\N{}'",
           "; os_name == 'a\x00'", "; os_name == 'a\rb'", "; os_name == 'a\\\rb'",
           "; os_name == 'a\x0c\x1a\x01\x7f\x85\u2028\ufeff'", "; python_versoin >= '3'",
           "; python_version => '3'", "; python_version >= '3' AND os_name == 'nt'",
           "; python_version >= '3", "; extras_x == '1'", "; extra=='a'and extra=='b'",
           "; extra=='a'andextra=='b'", "; 'a'in'b'", "; '3'<python_version",
           "; python_version == '3' or", "; python_version\u00e9 == '3'", "; python_version <> '3'",
           "; python_version ! '3'", "; python_full_version >= '3.9.1' ",
           "; platform_machine=='x86_64'\t", "; dependency_groups == 'x'", "; python_version == '3' ;"]
URLS = ["@ https://example.com/p.whl", "@https://x/y", " @ https://h/p ", "@ https://h/p;os_name=='a'",
        "@ https://h/p ; os_name == 'a'", "@ https://h/p; os_name == 'a'", "@ ", "@ ${URL}",
        "@ ftp://h/p", "@ https:///p", "@ git+https://github.com/o/r.git@v1#egg=x",
        "@ file:///${PROJECT_ROOT}/pkg", "@ file:", "@ foo", "@ https://h/p\u00a0; os_name == 'a'",
        "@ https://[::1]:8000/p", "@ https://user@/p", "@ https://h/p \t"]


def generated():
    lines = []
    for name in NAMES:
        lines.append(name)
        lines.append("  " + name + "\t")
    for extras in EXTRAS:
        lines.append("garak" + extras)
        lines.append("garak " + extras + " >=1")
    for spec in SPECS:
        lines.append("garak" + spec)
        lines.append("garak " + spec)
        lines.append("garak[all]" + spec + "; python_version > '3'")
    for marker in MARKERS:
        lines.append("garak" + marker)
        lines.append("garak >=1" + marker)
        lines.append("garak (>=1)" + marker)
    for url in URLS:
        lines.append("garak" + url)
        lines.append("garak[x] " + url + " ; python_version > '3'")
    for n in (1, 199, 200, 201, 20_000):
        lines.append("a; " + "(" * n + "python_version > '3'" + ")" * n)
    lines.append("a[" + ",".join(f"e{i}" for i in range(1000)) + "]")
    lines += ["", " ", "\t", "a b", "a\u00a0>=1", "a >=1 \u00a0", "a;\u00a0os_name=='a'"]
    return lines


PIECES = [" ", "\t", "(", ")", "[", "]", ",", ";", "@", "=", "<", ">", "!", "~", ".", "*", "+",
          "-", "_", "'", '"', "\\", "a", "e", "0", "1", "v", "\u00e9", "\u00a0", "\x0c", "\n",
          " and ", " or ", " in ", " not in ", "extra", "python_version", "os.name", "==", "===",
          "~=", ".*", "+local", " @ ", "https://x/y", "file:", "\\N{BULLET}", "\\x4", "rc1",
          ".post1", ".dev0", "!"]


def mutants(bases, count, seed=508):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        line = rng.choice(bases)
        for _ in range(rng.randint(1, 3)):
            i = rng.randint(0, len(line))
            j = min(len(line), i + rng.randint(0, 4))
            kind = rng.random()
            if kind < 0.5:
                line = line[:i] + rng.choice(PIECES) + line[i:]
            elif kind < 0.8:
                line = line[:i] + line[j:]
            else:
                line = line[:i] + line[i:j] * 2 + line[j:]
        out.append(line)
    return out


def main():
    command = sys.argv[sys.argv.index("--") + 1:]
    from_corpus = corpus()
    tricky = generated()
    bases = [line for line in from_corpus + tricky if len(line) < 400]
    lines = from_corpus + tricky + mutants(bases, 30_000)
    # Forms a pyproject.toml's reader takes before the PEP 508 reader: editables, Hatch's
    # `{root:uri}`.
    lines = [
        line for line in lines
        if not (line.startswith("-e") and line[2:3] in (" ", "\t")) and "{root" not in line
    ]
    lines = list(dict.fromkeys(lines))
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    run = subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)
    answers = run.stdout.splitlines()
    assert len(answers) == len(lines), (len(answers), len(lines))
    wrong, named, known = [], 0, 0
    for line, answer in zip(lines, answers):
        want = expected(line)
        got = ("ok", answer[3:]) if answer.startswith("ok ") else ("err", answer)
        if got[0] == want[0] and (got[0] == "err" or got[1] == want[1]):
            named += got[0] == "ok"
            continue
        if want[0] == "err" and got[0] == "ok" and "\\N{" in line and "Invalid quoted string" in want[1]:
            known += 1
            continue
        wrong.append((line, want, got))
    for line, want, got in wrong[:40]:
        print(f"{line!r}: packaging {want[0]} {want[1].splitlines()[0]!r}, the crate {got[0]} {got[1]!r}")
    print(
        f"packaging: {len(lines)} requirement lines compared ({len(from_corpus)} from the corpora, "
        f"{len(tricky)} generated, the rest mutants), {named} read with the same name, "
        f"{len(lines) - named - len(wrong) - known} refused by both, {known} known differences "
        f"(\\N{{NAME}} not looked up), {len(wrong)} disagreements"
    )
    sys.exit(1 if wrong else 0)


main()
