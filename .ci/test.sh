#!/usr/bin/env bash
# Runs every Coffer test on a fresh Debian machine: installs what is missing, builds in Release with the lock
# files, checks formatting, runs the .NET test projects and the official-client compatibility harness, smoke-runs the
# benchmark (coffer-bench --quick: it fails the script only if it crashes or a request fails), and ends with one
# line "N passed, N failed, N skipped". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir=$(mktemp -d)
pg_cluster_dir=""
cleanup() {
  if [ -n "$pg_cluster_dir" ]; then .ci/pg-cluster.sh stop "$pg_cluster_dir" || true; fi
  rm -rf "$log_dir"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "prerequisites"
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# Debian's PostgreSQL for the PostgreSQL store tests; the script starts its own throwaway cluster, none is needed.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  missing+=(postgresql)
  # No default cluster on port 5432: the tests start their own.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    as_root mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || die "cannot install ${missing[*]}"
fi
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"
dotnet --version
node --version

step "restore and build (Release, locked)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Coffer.slnx --locked-mode || die "restore failed"
dotnet build Coffer.slnx -c Release --no-restore -warnaserror || die "build failed"

step "format check"
dotnet format Coffer.slnx --verify-no-changes --no-restore || die "dotnet format found changes (run: dotnet format Coffer.slnx)"

passed=0; failed=0; skipped=0
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

step "PostgreSQL test cluster (.ci/pg-cluster.sh: loopback, temporary folder owned by postgres)"
pg_started=$(.ci/pg-cluster.sh start) || die "cannot start a PostgreSQL cluster for the tests"
eval "$pg_started"
pg_cluster_dir=$PG_CLUSTER_DIR
export COFFER_TEST_POSTGRES="$PG_CLUSTER_URL"
# The failover test (Coffer.Cli.Tests) starts and removes its own primary and synchronous standby with
# .ci/pg-cluster.sh start-pair/kill/promote/stop; it needs root, as this script has.
echo "PostgreSQL on 127.0.0.1:$PG_CLUSTER_PORT ($pg_cluster_dir)"

# Before the .NET tests: the multi-node crash test (Coffer.Cli.Tests) drives the official client from these packages.
step "official client packages (npm ci in tests/compat)"
(cd tests/compat && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in tests/compat"

step ".NET tests"
dotnet test Coffer.slnx -c Release --no-build 2>&1 | tee "$log_dir/dotnet.log"
dotnet_status=${PIPESTATUS[0]}
# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
while read -r f p s; do add_counts "$p" "$f" "$s"; done < <(
  sed -nE 's/.*(Passed!|Failed!) +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log_dir/dotnet.log")
assemblies=$(grep -cE '(Passed!|Failed!) +- Failed:' "$log_dir/dotnet.log")
expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$assemblies" -ne "$expected" ]; then
  echo "test.sh: expected $expected test assemblies to report, saw $assemblies"
  failed=$((failed + 1))
fi
[ "$dotnet_status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=$((failed + 1))

step "compatibility harness (official Alibaba clients)"
COFFER_DLL="$root/src/Coffer.Cli/bin/Release/net10.0/coffer.dll" node tests/compat/run.js 2>&1 | tee "$log_dir/compat.log"
compat_status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log_dir/compat.log" | tail -n 1)
if [ -n "$line" ]; then
  read -r p _ f _ s _ <<<"$line"
  add_counts "$p" "$f" "$s"
else
  echo "test.sh: the compatibility harness printed no summary"
  failed=$((failed + 1))
fi
[ "$compat_status" -eq 0 ] || [ -z "$line" ] || [ "$f" -gt 0 ] || failed=$((failed + 1))

step "benchmark smoke run (coffer-bench --quick: under a minute, asserts no timing, counts no tests)"
dotnet bench/Coffer.Bench/bin/Release/net10.0/coffer-bench.dll --quick || die "coffer-bench --quick failed (docs/performance.md)"

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
