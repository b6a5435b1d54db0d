#!/usr/bin/env bash
# Measures the GPU backend on a machine with an NVIDIA GPU, in about 8 minutes: runs the CUDA copies of the GPU tests,
# `rollnet bench` on the GPU and on the CPU, and BenchmarkDotNet's CPU-against-GPU rows at a short job, then writes
# the figures as rows for docs/PERFORMANCE.md. From a fresh checkout it needs the .NET SDK, and builds first; from the
# bundle that benchmarks/gpu-bundle.sh packs (this script beside bin/) it needs neither the SDK nor a network.
#
#   benchmarks/gpu-check.sh [--dry-run] [--no-build] [--out FILE]
#   rollnet-gpu-check/gpu-check.sh [--dry-run] [--out FILE]
#
#   --out FILE   where the rows go (default: gpu-check.md in the current folder); the log goes to stderr
#   --no-build   use what the last `dotnet build -c Release` (or `dotnet test -c Release`) of RollNet.sln left
#   --dry-run    every step without a GPU, so that the script itself is checked on any machine (CI does): the
#                kernel tests run on ILGPU's CPU accelerator, which stands in for the GPU; `rollnet bench` and
#                BenchmarkDotNet measure their quickest figures on the CPU backend for both columns, because the
#                accelerator runs kernels about ten thousand times slower than the CPU backend.
set -euo pipefail

dry=0 build=1 out=gpu-check.md
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=1 ;;
    --no-build) build=0 ;;
    --out) [ $# -ge 2 ] || { echo "gpu-check: --out needs a file name" >&2; exit 2; }; out="$2"; shift ;;
    -h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "gpu-check: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "gpu-check: $*" >&2; exit 1; }
step() { echo "gpu-check: $*" >&2; }

if [ "$dry" -eq 1 ]; then
  tests=Simulator gpu_backend=cpu gpu_column="stand-in (CPU backend)" figures=fma_peak_gflops,sgemm_recurrent_gflops job=dry
  bdn_filter=('RollNet.Benchmarks.GemmBenchmarks*')
else
  tests=Cuda gpu_backend=cuda gpu_column="CUDA backend" figures="" job=short
  bdn_filter=('RollNet.Benchmarks.GemmBenchmarks*' 'RollNet.Benchmarks.LstmStepBenchmarks*' 'RollNet.Benchmarks.TrainingStepBenchmarks*')
fi

# From the bundle, one self-contained program runs the tests, rollnet and the benchmarks, and there is nothing to build.
if [ -x "$here/bin/rollnet-gpu-check" ]; then bundle=1; else bundle=0; fi
if [ "$bundle" -eq 1 ]; then
  check() { "$here/bin/rollnet-gpu-check" "$@"; }
  rollnet() { check rollnet "$@"; }
  benchmarks() { check benchmarks "$@"; }
  built_from="commit $(cat "$here/COMMIT"), bundled by benchmarks/gpu-bundle.sh"
  command="rollnet-gpu-check/gpu-check.sh"
else
  root=$(cd "$here/.." && pwd)
  rollnet() { dotnet "$root/src/RollNet.Cli/bin/Release/net10.0/rollnet.dll" "$@"; }
  benchmarks() { dotnet "$root/benchmarks/RollNet.Benchmarks/bin/Release/net10.0/RollNet.Benchmarks.dll" "$@"; }
  if [ "$build" -eq 1 ]; then
    step "building (Release)"
    dotnet build "$root/RollNet.sln" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the build failed"; }
  fi
  for built in src/RollNet.Cli/bin/Release/net10.0/rollnet.dll tests/RollNet.Gpu.Tests/bin/Release/net10.0/RollNet.Gpu.Tests.dll \
    benchmarks/RollNet.Benchmarks/bin/Release/net10.0/RollNet.Benchmarks.dll; do
    [ -f "$root/$built" ] || fail "$built is missing: build RollNet.sln in Release first, or leave out --no-build"
  done
  built_from="commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
  command="benchmarks/gpu-check.sh"
fi
if [ "$dry" -eq 1 ]; then
  command="$command --dry-run"
fi

step "devices"
rollnet devices >"$work/devices.txt"
if [ "$dry" -eq 1 ]; then
  gpu="none (dry run: ILGPU's CPU accelerator stands in)" driver="none"
else
  gpu=$(grep -m1 '(Cuda)' "$work/devices.txt" | sed 's/ (Cuda).*//') || fail "ILGPU sees no CUDA device: $(tr '\n' ' ' <"$work/devices.txt")"
  driver=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -n 1) || driver="unknown (no nvidia-smi)"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(nproc)

step "the ${tests} copies of the GPU tests"
if [ "$bundle" -eq 0 ]; then
  dotnet test "$root/tests/RollNet.Gpu.Tests/bin/Release/net10.0/RollNet.Gpu.Tests.dll" --filter "FullyQualifiedName~RollNet.Gpu.Tests.${tests}" \
    --results-directory "$work/tests" --logger "trx;LogFileName=gpu.trx" >"$work/tests.log" 2>&1 || true
  counters=$(grep -o '<Counters [^>]*>' "$work/tests/gpu.trx" 2>/dev/null | head -n 1) || { cat "$work/tests.log" >&2; fail "the GPU tests wrote no results"; }
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(count total) passed=$(count passed) failed=$(count failed)
  skipped=$((total - passed - failed))
else
  check tests --device "${tests,,}" >"$work/tests.log" 2>&1 || true
  # Its last line: "N passed, N failed, N skipped".
  read -r passed failed skipped < <(sed -n '$s/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$work/tests.log") \
    || { cat "$work/tests.log" >&2; fail "the GPU tests wrote no results"; }
  total=$((passed + failed + skipped))
fi
[ "$failed" -eq 0 ] || { grep -E '^\s*Failed ' "$work/tests.log" >&2 || true; fail "$failed of $total GPU tests failed"; }
[ "$passed" -gt 0 ] && [ "$skipped" -eq 0 ] || fail "$skipped of $total GPU tests were skipped: the ${tests} device was not found"

step "rollnet bench on the CPU and on ${gpu_backend}"
bench=(bench --threads "$cores")
[ -n "$figures" ] && bench+=(--figures "$figures")
rollnet "${bench[@]}" --device cpu >"$work/cpu.txt"
rollnet "${bench[@]}" --device "$gpu_backend" >"$work/gpu.txt"

step "BenchmarkDotNet, ${job} job: ${bdn_filter[*]}"
(cd "$work" && benchmarks \
  --filter "${bdn_filter[@]}" --job "$job" --inProcess --artifacts "$work/bdn" >"$work/bdn.log" 2>&1) \
  || { tail -n 40 "$work/bdn.log" >&2; fail "BenchmarkDotNet failed"; }
reports=("$work"/bdn/results/*-report-github.md)
[ -f "${reports[0]}" ] || fail "BenchmarkDotNet wrote no report"

{
  echo "### $(date -u +%Y-%m-%d): ${gpu}"
  echo
  echo "GPU: ${gpu}, driver ${driver}. CPU: ${cpu}, ${cores} cores. GPU tests (${tests}): ${passed} passed."
  echo "Command: \`${command}\`, ${built_from}."
  echo
  echo "| figure | unit | CPU backend | ${gpu_column} | ratio |"
  echo "| --- | --- | ---: | ---: | ---: |"
  awk 'NR == FNR { cpu[$1] = $2; next }
       ($1 in cpu) { ratio = cpu[$1] > 0 ? sprintf("%.2f×", $2 / cpu[$1]) : "–"; printf "| %s | %s | %s | %s | %s |\n", $1, $3, cpu[$1], $2, ratio }' \
    "$work/cpu.txt" "$work/gpu.txt"
  for report in "${reports[@]}"; do
    echo
    grep -v '^```' "$report"
  done
} >"$out"

rows=$(grep -c '^| [a-z0-9_]* | ' "$out" || true)
[ "$rows" -gt 0 ] || fail "no figure of rollnet bench came out in both columns"
step "wrote ${out}"
