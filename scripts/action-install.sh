#!/usr/bin/env bash
# Puts `mlsecops` on the PATH for the GitHub Action: action.yml runs it when its `install` input is
# empty (the default).
#
# - At a release of the action's own version, it downloads that release's binary for the runner and
#   verifies it. The version is Cargo.toml's, next to this script (never asked of the network); the
#   action is at a release when its ref is `v<version>`, the alias `v<major>` or `v<major>.<minor>`
#   of it, or the commit the release was built from (the release's `mlsecops-<version>.commit`
#   names it). The files are `mlsecops-<version>-<target>` and `mlsecops-<version>-<target>.sha256`
#   (`sha256sum` output) of the release `v<version>` of the action's repository; the second must
#   name the first and `sha256sum -c` must accept it; the binary must answer `mlsecops <version>`
#   to `--version`. It goes into its own directory, which is added to $GITHUB_PATH.
# - At any other ref (a branch, an unreleased commit, a local `uses: ./`), on a runner the release
#   has no binary for (Windows), or when a file of the release cannot be downloaded (not published
#   yet, network), it builds the Python package from the action's own source (pip; maturin and the
#   runner's Rust toolchain), and says why in the log.
# - A binary whose checksum does not match, a checksum file that is not one, or a binary that is
#   not the version fails the step: nothing is built in its place.
#
# The environment (action.yml passes the first two from the `github` context; the others are for
# tests/install/release-checks, which runs this script against a fake release directory):
#   MLSECOPS_ACTION_REPOSITORY  owner/name of the action; read first from $GITHUB_ACTION_PATH
#                               (…/_actions/OWNER/NAME/REF), last the repository action.yml names
#   MLSECOPS_ACTION_REF         the ref the action is used at; read first from $GITHUB_ACTION_PATH
#   MLSECOPS_RELEASE_BASE       where releases are, default https://github.com/<repository>/releases/download
#                               (the files of v<version> are under <base>/v<version>/; file:// works)
#   MLSECOPS_BUILD_FROM_SOURCE  the command that builds from source, default a pip install of the action
#   MLSECOPS_INSTALL_DIR        where the binary goes, default $RUNNER_TEMP/mlsecops-<version>
set -euo pipefail

root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
default_repository=mlsecops-taxonomy/mlsecops-taxonomy

log() { printf 'mlsecops install: %s\n' "$*"; }
fail() {
  echo "::error title=mlsecops install::$*"
  exit 1
}

version=$(sed -n '/^\[package\]/,/^\[/s/^version = "\([^"]*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
[ -n "$version" ] || fail "no version in $root/Cargo.toml"
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}

# Where the action runs from names it: the runner unpacks `uses: OWNER/NAME@REF` into
# …/_actions/OWNER/NAME/REF, for composite actions nested in others too (the `github` context's
# action_repository and action_ref are not promised to composite actions).
repository="" ref=""
path="${GITHUB_ACTION_PATH:-}"
path="${path//\\//}"
if [[ "$path" =~ /_actions/([^/]+)/([^/]+)/(.+)$ ]]; then
  repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  ref="${BASH_REMATCH[3]}"
fi
repository="${repository:-${MLSECOPS_ACTION_REPOSITORY:-$default_repository}}"
ref="${ref:-${MLSECOPS_ACTION_REF:-}}"
base="${MLSECOPS_RELEASE_BASE:-https://github.com/$repository/releases/download}"
base="${base%/}/v$version"

from_source() {
  log "building mlsecops $version from the action's source ($1)"
  if [ -n "${MLSECOPS_BUILD_FROM_SOURCE:-}" ]; then
    eval "$MLSECOPS_BUILD_FROM_SOURCE"
  else
    python3 -m pip install --disable-pip-version-check "$root"
  fi
  exit 0
}

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
  *) from_source "a release has no binary for $(uname -s) $(uname -m)" ;;
esac

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mlsecops-download.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

download() { # URL FILE
  curl --proto '=https,file' --proto-redir '=https' -fsSL --retry 3 --connect-timeout 20 \
    --max-time 300 -o "$2" "$1"
}

case "$ref" in
  "v$version" | "v$major" | "v$major.$minor") ;;
  *)
    if [[ "$ref" =~ ^[0-9a-f]{40}$ ]]; then
      # A commit: the release of this version says which commit it was built from.
      if ! download "$base/mlsecops-$version.commit" "$tmp/commit" 2>/dev/null; then
        from_source "the commit $ref has no release of v$version to compare with"
      fi
      read -r built <"$tmp/commit" || true
      [ "$built" = "$ref" ] || from_source "the commit $ref is not the one v$version was built from"
    else
      from_source "the ref '${ref:-(none)}' is not a release of v$version"
    fi
    ;;
esac

name="mlsecops-$version-$target"
log "downloading $name and its SHA-256 checksum from $base"
for file in "$name" "$name.sha256"; do
  if ! download "$base/$file" "$tmp/$file"; then
    echo "::warning title=mlsecops install::$base/$file could not be downloaded; building from source instead"
    from_source "no release binary to download"
  fi
done

# The checksum file is one line, "<64 hex digits>  <name>" (or " *<name>"), naming this binary.
lines=$(wc -l <"$tmp/$name.sha256" | tr -d ' ')
read -r sum named <"$tmp/$name.sha256" || true
if [ "$lines" != 1 ] || ! [[ "$sum" =~ ^[0-9a-f]{64}$ ]] || [ "${named#\*}" != "$name" ]; then
  fail "$name.sha256 of the release v$version is not a SHA-256 checksum of $name; refusing the binary"
fi
if command -v sha256sum >/dev/null; then
  check=(sha256sum -c --strict "$name.sha256")
else
  check=(shasum -a 256 -c "$name.sha256") # macOS
fi
if ! (cd "$tmp" && "${check[@]}"); then
  fail "checksum mismatch: $name downloaded from $base is not the binary its $name.sha256 names; refusing it (nothing is built in its place)"
fi

dir="${MLSECOPS_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mlsecops-$version}"
mkdir -p "$dir"
mv -f "$tmp/$name" "$dir/mlsecops"
chmod +x "$dir/mlsecops"
answered=$("$dir/mlsecops" --version 2>&1 || true)
if [ "$answered" != "mlsecops $version" ]; then
  rm -f "$dir/mlsecops"
  fail "the release binary $name answers '$answered' to --version, not 'mlsecops $version'"
fi
echo "$dir" >>"${GITHUB_PATH:-/dev/null}"
log "installed $answered ($target) from the release v$version of $repository, SHA-256 verified, in $dir"
