#!/usr/bin/env bash
# Packs the GPU check for a machine with an NVIDIA GPU but neither the .NET SDK nor a network: one linux-x64 program
# with the .NET runtime inside (benchmarks/RollNet.GpuCheck, which runs the CUDA copies of the GPU tests, rollnet and
# the BenchmarkDotNet rows) and gpu-check.sh beside it, in one tar.gz that unpacks into rollnet-gpu-check/. Needs the
# SDK and the NuGet packages of a Release build; takes a few minutes.
#
#   benchmarks/gpu-bundle.sh [--out FILE]
#
#   --out FILE   where the bundle goes (default: artifacts/rollnet-gpu-check.tar.gz in the checkout)
#
# Then, on the GPU machine: tar -xzf rollnet-gpu-check.tar.gz && rollnet-gpu-check/gpu-check.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/rollnet-gpu-check.tar.gz"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "gpu-bundle: --out needs a file name" >&2; exit 2; }; out="$2"; shift ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "gpu-bundle: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "gpu-bundle: $*" >&2; exit 1; }
step() { echo "gpu-bundle: $*" >&2; }
bundle="$work/rollnet-gpu-check"

step "publishing benchmarks/RollNet.GpuCheck (self-contained linux-x64)"
# A build folder of its own, so that a build or test run of the checkout's Release outputs goes on undisturbed; no
# build servers, which would outlive the script.
dotnet publish "$root/benchmarks/RollNet.GpuCheck/RollNet.GpuCheck.csproj" -c Release -p:GpuBundle=true \
  --artifacts-path "$work/build" -o "$bundle/bin" --disable-build-servers -nologo -v quiet >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; fail "the publish failed"; }
cp "$root/benchmarks/gpu-check.sh" "$bundle/"
git -C "$root" describe --always --dirty >"$bundle/COMMIT" 2>/dev/null || echo unknown >"$bundle/COMMIT"

mkdir -p "$(dirname "$out")"
tar -czf "$out" -C "$work" rollnet-gpu-check || fail "could not write $out"
mib() { awk -v bytes="$1" 'BEGIN { printf "%.1f MiB", bytes / 1048576 }'; }
step "wrote $out: $(mib "$(stat -c %s "$out")") packed, $(mib "$(du -sb "$bundle" | cut -f1)") unpacked"
