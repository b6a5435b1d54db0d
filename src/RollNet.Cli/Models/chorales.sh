#!/usr/bin/env bash
# Re-creates the bundled chorale model, src/RollNet.Cli/Models/chorales.rollnet, byte for byte (about half an
# hour on two cores), and says whether it did. Run from anywhere in a checkout; the datasets are found in
# ../shared/datasets beside the checkout, or in $ROLLNET_SHARED/datasets. Three runs, each in a folder of OUT:
#
#   default-model  the chorale model learns JSB Chorales (the best of 312 epochs by validation loss);
#   own-1          it continues each of the 229 training chorales twice with --avoid-parallels, into the folder
#                  own-chorales-1, and trains 20 epochs more on those continuations, keeping the last epoch;
#   own-2          the same again from the model own-1 ends with: own-2/best.rollnet is the bundled model.
#
#   src/RollNet.Cli/Models/chorales.sh [--quick] [--no-build] [--out DIR]
#
#   --out DIR    where the runs and the continuations go (default: runs/chorales in the checkout); it must not hold
#                a run already
#   --no-build   use what the last `dotnet build -c Release` of RollNet.sln left
#   --quick      every step at a toy size (a 1×16 model, one epoch a run, five chorales continued), to check the
#                recipe end to end in a minute or two; its model is not the bundled one
set -euo pipefail

quick=0 build=1 out=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --out) [ $# -ge 2 ] || { echo "chorales.sh: --out needs a folder" >&2; exit 2; }; out="$2"; shift ;;
    -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "chorales.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

root=$(cd "$(dirname "$0")/../../.." && pwd)
shared=${ROLLNET_SHARED:-$root/../shared}
datasets=$(cd "$shared/datasets" 2>/dev/null && pwd) || {
  echo "chorales.sh: no datasets folder in $shared; set ROLLNET_SHARED to the folder above datasets/" >&2
  exit 2
}
out=${out:-$root/runs/chorales}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
if [ "$build" = 1 ]; then
  dotnet build src/RollNet.Cli -c Release -v quiet -nologo >&2
fi
rollnet() { dotnet "$root/src/RollNet.Cli/bin/Release/net10.0/rollnet.dll" "$@"; }

if [ "$quick" = 1 ]; then
  shape=(--layers 1 --hidden 16 --nade-hidden 8 --epochs 1) further=(--epochs 1) last=4
else
  shape=(--layers 2 --hidden 256 --nade-hidden 200 --epochs 400) further=(--epochs 20) last=228
fi

# The model learns Bach's chorales.
rollnet train --data-dir "$datasets" --data jsb --head nade --nade-order outsidein --nade-split 74 \
  --nade-parallel-bias "${shape[@]}" --dropout 0.4 --transpose 6 --lr 0.002 --lr-decay 0.5 --lr-patience 10 \
  --batch 8 --patience 30 --threads 1 --seed 1 \
  --out "$out/default-model"

# Twice: the model continues each training chorale twice with the harmony teacher's rule, and learns from those
# continuations. The folder's name is what the model records it learnt.
model="$out/default-model/best.rollnet"
for round in 1 2; do
  music="$out/own-chorales-$round"
  mkdir -p "$music"
  echo "continuing the training chorales with $model into $music" >&2
  # From OUT, where a model that learnt a folder of continuations finds it, to sum up its music beside them.
  for i in $(seq 0 "$last"); do
    for s in 5000 6000; do
      (cd "$out" && rollnet generate --data-dir "$datasets" --model "$model" --prime-data jsb --prime-split train \
        --prime-index "$i" --prime-steps 8 --steps 64 --seed $((i + s)) --avoid-parallels \
        --out "$music/s$s-$(printf %03d "$i").mid" > /dev/null)
    done
  done
  rollnet train --data-dir "$datasets" --init "$model" --data "$music" --keep last "${further[@]}" --lr 0.0002 \
    --patience 0 --transpose 6 --batch 8 --threads 1 --seed 1 --out "$out/own-$round"
  model="$out/own-$round/best.rollnet"
done

bundled=src/RollNet.Cli/Models/chorales.rollnet
echo "$(sha256sum "$model" | cut -d' ' -f1)  $model"
if [ "$quick" = 0 ]; then
  if cmp -s "$model" "$bundled"; then
    echo "the same bytes as $bundled"
  else
    echo "chorales.sh: $model differs from $bundled" >&2
    exit 1
  fi
fi
