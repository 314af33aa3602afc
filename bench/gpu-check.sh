#!/usr/bin/env bash
# GPU check: the CUDA path on a machine with an NVIDIA GPU and CUDA 13 (+ cuDNN 9) but no .NET.
#
# Prepare here (a machine with the .NET 10 SDK), from the repository root:
#     bash bench/gpu-check.sh publish
# which writes self-contained builds of the CLI and the benchmark (Microsoft.ML.OnnxRuntime.Gpu.Linux, the package
# the engine already references) into bench/gpu-publish/{cli,bench}. Then on the GPU machine, from the repository
# root of the same checkout:
#     bash bench/gpu-check.sh run > gpu-check.txt 2>&1
#
# Carrying the build to the GPU machine in chunks: the self-contained CLI is about 389 MB, 284 MB of it
# libonnxruntime_providers_cuda.so, and the device runner carries at most 64 MiB of ignored paths per call (a call's
# carried paths replace those paths there; other ignored files already on a warm machine stay). `publish` therefore
# splits every file over 32 MiB into 32 MiB pieces (<file>.part-aa, -ab, ...) and deletes the original; carry the
# pieces over several back-to-back calls (two pieces per call, naming them in carry) while the machine stays warm,
# then `run` joins the pieces (cat in name order) before anything starts. Any other copy of the folder works the same.
# The machine goes back when idle, so the calls must follow each other closely; this has not been tried yet (no GPU
# was lent to the task that wrote this script).
#
# What `run` does (all on the GPU; the CPU figures for the comparison are computed in the same run):
# 1. nvidia-smi and the CUDA provider loading (`evaluate --device cuda` exits 2 with the reason if it cannot);
# 2. full BLiMP (67,000 pairs) of every causal reference model through the CUDA provider and through the CPU, each
#    written as JSON; the per-paradigm counts must be equal (a difference is printed per paradigm);
# 3. throughput on the GPU: `blimp --device cuda` (gpt-mini-bpe8k, all pairs) and `pll --device cuda` (bert-mini,
#    2,000 pairs), platform only (--no-peer).
# Not yet here: the PyTorch peer on the same GPU (the peer scripts run on the CPU) and a float16 pass. The per-paradigm
# comparison needs python3 (no packages) on the GPU machine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/bench/gpu-publish"
chunk=$((32 * 1024 * 1024))

publish() {
    rm -rf "$out"
    dotnet publish "$here/src/Eval.Cli" -c Release -r linux-x64 --self-contained -o "$out/cli" -nologo -v q
    dotnet publish "$here/bench/Eval.Bench" -c Release -r linux-x64 --self-contained -o "$out/bench" -nologo -v q
    find "$out" -type f -size +"$chunk"c -print0 | while IFS= read -r -d '' f; do
        split -b "$chunk" "$f" "$f.part-"
        rm "$f"
    done
    du -sh "$out"
}

join_pieces() {
    find "$out" -name '*.part-aa' -print0 | while IFS= read -r -d '' first; do
        base="${first%.part-aa}"
        cat "$base".part-* > "$base"
        rm "$base".part-*
    done
    chmod +x "$out/cli/eval" "$out/bench/Eval.Bench"
}

run() {
    join_pieces
    export ORT_DISABLE_TELEMETRY=1
    nvidia-smi || true
    cd "$here"
    for model in gpt-nano-bpe4k gpt-mini-bpe8k gpt-mini-bpe8k-early llama-mini-bpe8k byte-gpt-mini; do
        for device in cuda cpu; do
            "$out/cli/eval" evaluate --model "models/reference/$model" --scenario blimp --device "$device" \
                --json "/tmp/gpu-check-$model-$device.json" > /dev/null
        done
        python3 - "$model" <<'PY'
import json, sys
m = sys.argv[1]
a, b = (json.load(open(f"/tmp/gpu-check-{m}-{d}.json")) for d in ("cuda", "cpu"))
diff = [k for k in b["subsets"] if a["subsets"][k] != b["subsets"][k]]
print(f"{m}: cuda accuracy {a['metrics']['accuracy']:.4f} ({a['provider']}, {a['elapsed_seconds']:.1f}s), "
      f"cpu {b['metrics']['accuracy']:.4f} ({b['elapsed_seconds']:.1f}s); paradigms differing: {len(diff)} {diff[:5]}")
PY
    done
    "$out/bench/Eval.Bench" blimp --model models/reference/gpt-mini-bpe8k --device cuda --no-peer
    "$out/bench/Eval.Bench" pll --model models/reference/bert-mini-bpe8k --device cuda --limit 2000 --no-peer
}

case "${1:-}" in
    publish) publish ;;
    run) run ;;
    *) echo "usage: bash bench/gpu-check.sh publish|run" >&2; exit 2 ;;
esac
