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
# `publish` also writes a float16 copy of gpt-mini-bpe8k into bench/gpu-publish/models/gpt-mini-bpe8k-fp16 with
# bench/peer/make_float16.py (Debian's python3-onnx here; skipped with a line saying so without it): every float32
# weight, constant, input and output made float16, as onnxconverter_common's convert_float_to_float16 (the converter
# behind Optimum's --fp16 exports) writes them.
#
# What `run` does (all on the GPU; the CPU figures for the comparison are computed in the same run):
# 1. nvidia-smi and the CUDA provider loading (`evaluate --device cuda` on one pair per paradigm); without it the
#    script says why and stops with exit code 2, after step 2's check;
# 2. whether the PyTorch peer can run on this GPU: python3 with torch built for CUDA (torch.cuda.is_available())
#    and onnx. The GPU machine has no internet, so nothing is installed; without them the peer steps say so and are
#    skipped (install python3-torch with CUDA and python3-onnx there beforehand to get those figures);
# 3. full BLiMP (67,000 pairs) of every causal reference model through the CUDA provider and through the CPU, each
#    written as JSON; the per-paradigm counts must be equal (a difference is printed per paradigm);
# 4. throughput on the GPU: `blimp --device cuda` (gpt-mini-bpe8k, all pairs) and `pll --device cuda` (bert-mini,
#    2,000 pairs), platform only (--no-peer);
# 5. the PyTorch peer on the same GPU (bench/peer/peer_torch_blimp.py --device cuda, batch 64) on the same first
#    10,000 pairs as a platform `blimp --device cuda --limit 10000`, and their ratio:
#    `gpu blimp pairs/s: eval=<x> peer=<y> ratio=<x/y>`;
# 6. float16: the float16 copy's full BLiMP on CUDA against the float32 model's from step 3 (accuracy, paradigms
#    whose counts differ, the net change in correct pairs: float16 rounding may flip near-ties, so equality is not
#    expected) and its `blimp --device cuda` throughput beside float32's: `gpu float16 pairs/s: fp32=<x> fp16=<y>`.
# GPU_CHECK_SAMPLE=N limits every BLiMP pass to N pairs per paradigm (and the throughput runs to N x 67 pairs) for a
# quick try; the per-paradigm and float16 comparisons need python3 (no packages) on the GPU machine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/bench/gpu-publish"
chunk=$((32 * 1024 * 1024))

publish() {
    rm -rf "$out"
    dotnet publish "$here/src/Eval.Cli" -c Release -r linux-x64 --self-contained -o "$out/cli" -nologo -v q
    dotnet publish "$here/bench/Eval.Bench" -c Release -r linux-x64 --self-contained -o "$out/bench" -nologo -v q
    if /usr/bin/python3 -c "import onnx, numpy" 2>/dev/null; then
        /usr/bin/python3 "$here/bench/peer/make_float16.py" "$here/models/reference/gpt-mini-bpe8k" "$out/models/gpt-mini-bpe8k-fp16"
    else
        echo "float16 copy skipped: /usr/bin/python3 has no onnx (apt-get install -y python3-onnx), so run will skip step 6"
    fi
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
    cd "$here"
    local sample="${GPU_CHECK_SAMPLE:-}" eval_limit=() bench_limit=() peer_pairs=10000
    if [ -n "$sample" ]; then
        eval_limit=(--max-instances-per-subset "$sample")
        bench_limit=(--limit $((sample * 67)))
        peer_pairs=$((sample * 67))
    fi
    echo "== 1. GPU and CUDA provider"
    nvidia-smi || echo "nvidia-smi: not found or failed"
    local cuda_ok=1 probe=0
    "$out/cli/eval" evaluate --model models/reference/gpt-nano-bpe4k --scenario blimp --device cuda \
        --max-instances-per-subset 1 --json /tmp/gpu-check-probe.json > /dev/null 2> /tmp/gpu-check-probe.err || probe=$?
    if [ "$probe" -ne 0 ]; then
        cuda_ok=0
        echo "CUDA provider: unavailable (evaluate --device cuda exit $probe): $(tail -n 3 /tmp/gpu-check-probe.err)"
    else
        echo "CUDA provider: loads"
    fi

    echo "== 2. PyTorch peer on the GPU"
    local peer_ok=1 why
    if ! why="$(python3 -c 'import torch, onnx, sys
ok = torch.cuda.is_available()
print(f"torch {torch.__version__} (CUDA build {torch.version.cuda}), onnx {onnx.__version__}: " + (f"GPU {torch.cuda.get_device_name()}" if ok else "no usable CUDA device"))
sys.exit(0 if ok else 1)' 2>&1 | tail -n 1)"; then
        peer_ok=0
        echo "peer: cannot run on the GPU: $why; the GPU machine has no internet to install torch with CUDA, so step 5 is skipped"
    else
        echo "peer: $why"
    fi
    if [ "$cuda_ok" -eq 0 ]; then
        echo "stopping: the remaining steps need the CUDA provider"
        exit 2
    fi

    echo "== 3. full BLiMP, CUDA against CPU"
    for model in gpt-nano-bpe4k gpt-mini-bpe8k gpt-mini-bpe8k-early llama-mini-bpe8k byte-gpt-mini; do
        for device in cuda cpu; do
            "$out/cli/eval" evaluate --model "models/reference/$model" --scenario blimp --device "$device" "${eval_limit[@]}" \
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

    echo "== 4. throughput on the GPU, platform only"
    "$out/bench/Eval.Bench" blimp --model models/reference/gpt-mini-bpe8k --device cuda --no-peer "${bench_limit[@]}"
    "$out/bench/Eval.Bench" pll --model models/reference/bert-mini-bpe8k --device cuda --limit "${sample:+$((sample * 67))}${sample:-2000}" --no-peer

    echo "== 5. the PyTorch peer on the same GPU"
    if [ "$peer_ok" -eq 1 ]; then
        local eval_rate peer_line peer_rate
        eval_rate="$("$out/bench/Eval.Bench" blimp --model models/reference/gpt-mini-bpe8k --device cuda --no-peer --limit "$peer_pairs" \
            | tee /dev/stderr | sed -n 's/^blimp pairs\/s: eval=\([^ ]*\).*/\1/p')"
        peer_line="$(python3 bench/peer/peer_torch_blimp.py models/reference/gpt-mini-bpe8k bench/peer/data/blimp_ids_bpe8k_space.jsonl.gz \
            --batch 64 --device cuda --limit "$peer_pairs" | tail -n 1)"
        echo "peer: $peer_line"
        peer_rate="$(echo "$peer_line" | sed -n 's/.* pairs in \([0-9.]*\)s = .*/\1/p')"
        python3 -c "import sys; e, n, s = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]); p = n / s
print(f'gpu blimp pairs/s: eval={e:.4g} peer={p:.4g} ratio={e / p:.4g}')" "$eval_rate" "$peer_pairs" "$peer_rate"
    else
        echo "skipped: $why"
    fi

    echo "== 6. float16 on CUDA against float32"
    local fp16="$out/models/gpt-mini-bpe8k-fp16"
    if [ -f "$fp16/model.onnx" ]; then
        "$out/cli/eval" evaluate --model "$fp16" --scenario blimp --device cuda "${eval_limit[@]}" \
            --json /tmp/gpu-check-fp16-cuda.json > /dev/null
        python3 - <<'PY'
import json
a, b = (json.load(open(f"/tmp/gpu-check-{m}-cuda.json")) for m in ("fp16", "gpt-mini-bpe8k"))
diff = {k: a["subsets"][k]["accuracy"] - b["subsets"][k]["accuracy"] for k in b["subsets"] if a["subsets"][k] != b["subsets"][k]}
net = round(sum(d * b["subsets"][k]["count"] for k, d in diff.items()))
print(f"float16 on CUDA: accuracy {a['metrics']['accuracy']:.4f} ({a['elapsed_seconds']:.1f}s), float32 {b['metrics']['accuracy']:.4f} "
      f"({b['elapsed_seconds']:.1f}s); paradigms differing: {len(diff)}; net change in correct pairs {net:+d}; largest differences: "
      + ", ".join(f"{k} {v:+.4f}" for k, v in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:5]))
PY
        local fp32_rate fp16_rate
        fp32_rate="$("$out/bench/Eval.Bench" blimp --model models/reference/gpt-mini-bpe8k --device cuda --no-peer "${bench_limit[@]}" \
            | sed -n 's/^blimp pairs\/s: eval=\([^ ]*\).*/\1/p')"
        fp16_rate="$("$out/bench/Eval.Bench" blimp --model "$fp16" --device cuda --no-peer "${bench_limit[@]}" \
            | sed -n 's/^blimp pairs\/s: eval=\([^ ]*\).*/\1/p')"
        echo "gpu float16 pairs/s: fp32=$fp32_rate fp16=$fp16_rate"
    else
        echo "skipped: no $fp16 (publish writes it with python3-onnx)"
    fi
}

case "${1:-}" in
    publish) publish ;;
    run) run ;;
    *) echo "usage: bash bench/gpu-check.sh publish|run" >&2; exit 2 ;;
esac
