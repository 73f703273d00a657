"""Writes a tree of manifests for `mlsecops detect` at scale: N projects (default 10,000 files
in all), each a directory with one of: requirements.txt, pyproject.toml, package.json, uv.lock,
Cargo.toml + Cargo.lock, poetry.lock; some name a tool of the registry, most name other packages.

    python3 benches/detect/generate.py DIR [FILES]
"""

import os
import random
import sys

TOOLS_PY = ["garak", "modelscan", "adversarial-robustness-toolkit", "pyrit", "safetensors"]
OTHER_PY = ["numpy", "pandas", "requests", "fastapi", "torch", "scikit-learn", "pydantic", "rich"]
OTHER_JS = ["react", "lodash", "express", "vite", "typescript"]


def deps(rng, n):
    names = rng.sample(OTHER_PY, k=min(n, len(OTHER_PY)))
    if rng.random() < 0.1:
        names.append(rng.choice(TOOLS_PY))
    return names


def main():
    root = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(20261123)
    written = 0
    project = 0
    while written < files:
        d = os.path.join(root, f"p{project // 100:03d}", f"project-{project:05d}")
        os.makedirs(d, exist_ok=True)
        kind = project % 6
        names = deps(rng, rng.randint(3, 8))
        if kind == 0:
            with open(os.path.join(d, "requirements.txt"), "w") as f:
                f.write("# generated\n" + "".join(f"{n}>=1.{i}\n" for i, n in enumerate(names)))
            written += 1
        elif kind == 1:
            body = ",\n    ".join(f'"{n}>=1.0"' for n in names)
            with open(os.path.join(d, "pyproject.toml"), "w") as f:
                f.write(f'[project]\nname = "p{project}"\nversion = "0.1.0"\ndependencies = [\n    {body},\n]\n')
            written += 1
        elif kind == 2:
            js = rng.sample(OTHER_JS, k=3)
            body = ",\n    ".join(f'"{n}": "^1.0.0"' for n in js)
            with open(os.path.join(d, "package.json"), "w") as f:
                f.write(f'{{\n  "name": "p{project}",\n  "dependencies": {{\n    {body}\n  }}\n}}\n')
            written += 1
        elif kind == 3:
            with open(os.path.join(d, "uv.lock"), "w") as f:
                f.write("version = 1\nrequires-python = \">=3.10\"\n\n")
                f.write(f'[[package]]\nname = "p{project}"\nversion = "0.1.0"\nsource = {{ editable = "." }}\n'
                        + "dependencies = [" + ", ".join(f'{{ name = "{n}" }}' for n in names) + "]\n\n")
                for n in names:
                    f.write(f'[[package]]\nname = "{n}"\nversion = "1.0.0"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n')
            written += 1
        elif kind == 4:
            with open(os.path.join(d, "Cargo.toml"), "w") as f:
                f.write(f'[package]\nname = "p{project}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = "1"\n'
                        + ('safetensors = "0.4"\n' if rng.random() < 0.1 else ""))
            with open(os.path.join(d, "Cargo.lock"), "w") as f:
                f.write(f'version = 4\n\n[[package]]\nname = "p{project}"\nversion = "0.1.0"\ndependencies = ["serde"]\n\n'
                        '[[package]]\nname = "serde"\nversion = "1.0.200"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n')
            written += 2
        else:
            with open(os.path.join(d, "poetry.lock"), "w") as f:
                for n in names:
                    f.write(f'[[package]]\nname = "{n}"\nversion = "1.0.0"\ndescription = ""\noptional = false\npython-versions = "*"\n\n')
                f.write('[metadata]\nlock-version = "2.0"\npython-versions = "^3.10"\ncontent-hash = "0"\n')
            written += 1
        project += 1
    print(f"{written} files in {project} projects under {root}")


if __name__ == "__main__":
    main()
