#!/usr/bin/env bash
# The hostile repositories of the robustness page, each built in a fresh git repository and run
# through `mlsecops`: exit status, peak memory (GNU time's maximum resident set), seconds, the
# bytes the case holds and the aim (64 MiB plus 8 times those bytes), and the bytes written.
#
#   bash scripts/hostile-cases.sh [MLSECOPS]     (default: target/release/mlsecops)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/target/release/mlsecops}"
work="${HOSTILE_WORK:-$root/target/hostile-cases}"
rm -rf "$work"
mkdir -p "$work"

repo() {
    local dir="$work/$1"
    mkdir -p "$dir/.git"
    printf 'detect = true\nrequire = ["R17-Security"]\n' >"$dir/mlsecops.toml"
    printf '[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic TOKEN-d41d8cd98f00b204\n' >"$dir/.git/config"
    echo "$dir"
}

printf '| case | input | exit | peak memory | aim | time | output |\n|---|---|---|---|---|---|---|\n'
measure() {
    local name="$1" dir="$2"
    shift 2
    local bytes
    bytes=$(find "$dir" -path "$dir/.git" -prune -o -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    local slug
    slug=$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' '-')
    local out="$work/$slug.out"
    local status=0
    /usr/bin/time -f '%M %e' -o "$work/$slug.time" "$bin" "$@" >"$out" 2>"$out.err" || status=$?
    read -r kib secs < <(tail -n 1 "$work/$slug.time")
    local aim=$((64 + 8 * bytes / 1048576))
    if grep -q 'TOKEN-d41d8cd98f00b204' "$out" "$out.err"; then
        echo "$name: the token reached the output" >&2
        exit 1
    fi
    printf '| %s | %s | %s | %s MiB | %s MiB | %s s | %s |\n' "$name" \
        "$(numfmt --to=iec-i --suffix=B "$bytes")" "$status" "$((kib / 1024))" "$aim" "$secs" \
        "$(numfmt --to=iec-i --suffix=B "$(($(stat -c %s "$out") + $(stat -c %s "$out.err")))")"
}

# A 4 MB scalar aliased 200,000 times in a workflow.
d=$(repo alias-bytes)
mkdir -p "$d/.github/workflows"
python3 -c "
import sys
sys.stdout.write('x: &big \"' + 'a' * 4_000_000 + '\"\njobs:\n  a:\n    steps: [' + ','.join(['*big'] * 200_000) + ']\n')
" >"$d/.github/workflows/bomb.yml"
measure "workflow aliasing a 4 MB scalar 200,000 times (check, sarif)" "$d" check "$d" --format sarif

# 63 nested anchors, no alias, 945,000 scalars (flow mappings, so that depth costs no indentation).
d=$(repo nested-anchors)
python3 -c "
import sys
out = ['x: ']
for depth in range(63):
    out.append('&n%d {' % depth + ''.join('s%d: v, ' % i for i in range(7_500)) + 'a%d: ' % depth)
out.append('1' + '}' * 63 + '\ndependencies:\n  - numpy\n')
sys.stdout.write(''.join(out))
" >"$d/environment.yml"
measure "63 nested anchors without an alias, 945,000 scalars (detect)" "$d" detect "$d"

# 4 million lines pip rejects.
d=$(repo rejected-lines)
python3 -c "import sys; sys.stdout.write('!\n' * 4_000_000)" >"$d/requirements.txt"
measure "4,000,000 rejected lines (check, sarif)" "$d" check "$d" --format sarif
measure "4,000,000 rejected lines (check, table)" "$d" check "$d"

# A marker of 20,000 nested parentheses, and a requirement of 250,000 extras.
d=$(repo deep-marker)
python3 -c "import sys; sys.stdout.write('garak ; ' + '(' * 20_000 + \"os_name == 'x'\" + ')' * 20_000 + '\n')" >"$d/requirements.txt"
measure "a marker nested 20,000 deep (detect)" "$d" detect "$d"
d=$(repo extras)
python3 -c "import sys; sys.stdout.write('garak[' + ','.join(['e%d' % i for i in range(250_000)]) + ']\n')" >"$d/requirements.txt"
measure "250,000 extras in one requirement (detect)" "$d" detect "$d"

# A Cargo.lock whose root depends on every one of 120,000 packages (15 MiB, under the 16 MiB limit).
d=$(repo cargo-lock)
python3 -c "
import sys
n = 120_000
out = ['version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n']
out.extend(' \"dep%d\",\n' % i for i in range(n))
out.append(']\n')
out.extend('\n[[package]]\nname = \"dep%d\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n' % i for i in range(n))
sys.stdout.write(''.join(out))
" >"$d/Cargo.lock"
measure "Cargo.lock, the root depending on 120,000 packages (detect)" "$d" detect "$d"

# A policy of 100,000 requirements on one line.
d=$(repo long-policy)
python3 -c "import sys; sys.stdout.write('# sécurité\nrequire = [' + ', '.join(['\"R1-Security\"'] * 100_000) + ']\n')" >"$d/mlsecops.toml"
measure "a policy of 100,000 requirements on one line (check)" "$d" check "$d"

# A FIFO and a device named by -r, and the token behind -r .git/config.
d=$(repo special)
mkfifo "$d/pipe.txt"
printf 'garak\n-r pipe.txt\n' >"$d/requirements.txt"
measure "a FIFO named by -r (detect the file)" "$d" detect "$d/requirements.txt"
if mknod "$d/zero.txt" c 1 5 2>/dev/null; then
    printf 'garak\n-r zero.txt\n' >"$d/requirements.txt"
    measure "a character device named by -r (detect the file)" "$d" detect "$d/requirements.txt"
fi
d=$(repo token)
printf 'garak\n-r .git/config\n' >"$d/requirements.txt"
for format in table github sarif json markdown; do
    measure "-r .git/config (check, $format)" "$d" check "$d" --format "$format"
done
