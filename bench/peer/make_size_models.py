"""Random-weight GPT-2-style models of growing size, exported as the reference models were (no download).

python3 make_size_models.py OUT_DIR TOKENIZER_MODEL_DIR [--sizes 3m,30m,124m] [--seed 0]
Each size becomes OUT_DIR/<size>/ with model.onnx (train_refmodels.py's module with its random init, exported by
its export(): decoder-with-past, opset 17, initializers kept as lm.*), config.json and the tokenizer.json of
TOKENIZER_MODEL_DIR (gpt-mini-bpe8k's, so the peer's pre-tokenized BLiMP file holds these models' ids too). The
124m model has GPT-2 small's shape, 50,257-row embedding included; the tokenizer uses its first 8,192 ids.
Prints one line per model: `built <size>: <parameters> parameters, <MiB> MiB in <s>s`.
Needs Debian's python3-torch and python3-onnx.
"""
import argparse, json, os, shutil, sys, time
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)  # the model and the export path of the reference models
from train_refmodels import LM, export  # noqa: E402

# GPT-2's layout (learned positions, LayerNorm, GELU MLP of 4 x d, tied embeddings); 124m is GPT-2 small.
SIZES = {
    "3m": dict(layers=4, d=192, heads=4, ff=768, ctx=512, vocab=8192),      # gpt-mini-bpe8k's shape
    "30m": dict(layers=8, d=512, heads=8, ff=2048, ctx=512, vocab=8192),
    "124m": dict(layers=12, d=768, heads=12, ff=3072, ctx=1024, vocab=50257),
}

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("tokenizer_model")
ap.add_argument("--sizes", default=",".join(SIZES))
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
src_cfg = json.load(open(os.path.join(a.tokenizer_model, "config.json")))
eot = src_cfg["bos_token_id"]
for size in a.sizes.split(","):
    if size not in SIZES:
        sys.exit(f"unknown size '{size}' (known: {', '.join(SIZES)})")
    t0 = time.time()
    name = f"random-gpt-{size}"
    cfg = dict(SIZES[size], name=name, arch="gpt", eot=eot)
    torch.manual_seed(a.seed)
    model = LM(cfg).eval()
    params = sum(p.numel() for p in model.parameters())
    folder = os.path.join(a.out, size)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    export(model, cfg, path, "cpu", lambda s: None)
    shutil.copy(os.path.join(a.tokenizer_model, "tokenizer.json"), folder)
    config = {"model_name": name, "architecture": "gpt", "tokenizer": src_cfg.get("tokenizer", ""),
              "parameters": params, "num_layers": cfg["layers"], "hidden_size": cfg["d"], "num_heads": cfg["heads"],
              "head_dim": cfg["d"] // cfg["heads"], "max_position_embeddings": cfg["ctx"], "vocab_size": cfg["vocab"],
              "bos_token_id": eot, "eos_token_id": eot,
              "training": {"steps": 0, "note": f"random weights (torch.manual_seed({a.seed})), bench/peer/make_size_models.py"}}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    print(f"built {size}: {params} parameters, {os.path.getsize(path) / 2**20:.1f} MiB in {time.time() - t0:.1f}s", flush=True)
