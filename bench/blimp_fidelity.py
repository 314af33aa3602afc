#!/usr/bin/env python3
"""Fidelity check: full BLiMP through the CLI, compared per paradigm with the counts in the model's config.json.

usage: python3 bench/blimp_fidelity.py [--models gpt-nano-bpe4k gpt-mini-bpe8k] [--conventions eot_space eot_nospace]
           [--tolerance 2] [--out bench/results]
Runs `dotnet run --project src/Eval.Cli -c Release -- evaluate ... --json` for each model and convention (full data),
prints every paradigm whose count differs, and exits 1 if any differs by more than the tolerance.
"""
import argparse, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--models", nargs="+", default=["gpt-nano-bpe4k", "gpt-mini-bpe8k"])
ap.add_argument("--conventions", nargs="+", default=["eot_space", "eot_nospace"])
ap.add_argument("--tolerance", type=int, default=2)
ap.add_argument("--out", default=os.path.join(root, "bench", "results"))
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)

subprocess.run(["dotnet", "build", os.path.join(root, "src", "Eval.Cli"), "-c", "Release", "-v", "q", "-nologo"], check=True)
worst_overall = 0
for model in a.models:
    folder = os.path.join(root, "models", "reference", model)
    reference = json.load(open(os.path.join(folder, "config.json")))["blimp_reference"]
    for convention in a.conventions:
        out = os.path.join(a.out, f"fidelity_{model}_{convention}.json")
        cmd = ["dotnet", "run", "--project", os.path.join(root, "src", "Eval.Cli"), "-c", "Release", "--no-build", "--",
               "evaluate", "--model", folder, "--scenario", "blimp", "--convention", convention, "--device", "cpu", "--json", out]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        got = json.load(open(out))
        expected = reference[convention]["by_paradigm"]
        diffs = {}
        for uid, count in expected.items():
            s = got["subsets"][uid]
            correct = round(s["accuracy"] * s["count"])
            if correct != count:
                diffs[uid] = correct - count
        worst = max([abs(d) for d in diffs.values()], default=0)
        worst_overall = max(worst_overall, worst)
        print(f"{model} {convention}: accuracy {got['metrics']['accuracy']:.4f} "
              f"(reference {reference[convention]['micro_accuracy']:.4f}), {len(expected)} paradigms, "
              f"{len(diffs)} differ, largest difference {worst} pairs, {got['elapsed_seconds']:.1f} s"
              + (f"; differences: {diffs}" if diffs else ""))
print(f"fidelity: largest per-paradigm difference {worst_overall} pairs (tolerance {a.tolerance})")
sys.exit(0 if worst_overall <= a.tolerance else 1)
