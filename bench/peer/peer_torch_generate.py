"""Peer baseline: greedy generation with a key/value cache in PyTorch eager on the CPU.

python3 peer_torch_generate.py MODEL_DIR PROMPTS.jsonl OUT.jsonl --max-tokens 256 --stop '["\\n\\n", "Q:"]'
    [--batch 1] [--threads N]
MODEL_DIR is a causal reference model (model.onnx + config.json + tokenizer.json); the weights are read from the ONNX
initializers into the module of train_refmodels.py and run through its cached forward (the export's own wrapper).
PROMPTS has one {"ids": [...]} per line, the prompt ids the platform feeds (Eval.Bench writes them); they are taken in
file order, --batch at a time, left-padded, position ids counting real tokens, as the platform does. Each row ends at
the eos id (not kept), when its decoded text holds a stop sequence, or after min(max tokens, context - prompt) tokens;
finished rows leave the batch. OUT gets each prompt's generated ids. Prints prefill and decode tokens per second.
Needs Debian's python3-torch, python3-onnx and libopenblas0-pthread.
"""
import argparse, json, os, sys, time
import torch
import onnx
from onnx import numpy_helper

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)  # train_refmodels.py (the model definition) sits beside this file
from train_refmodels import LM, OnnxWrapper  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("model_dir")
ap.add_argument("prompts")
ap.add_argument("out")
ap.add_argument("--max-tokens", type=int, default=256)
ap.add_argument("--stop", default="[]", help="stop sequences, a JSON list")
ap.add_argument("--batch", type=int, default=1)
ap.add_argument("--threads", type=int, default=os.cpu_count())
a = ap.parse_args()
torch.set_num_threads(a.threads)
cfg_json = json.load(open(os.path.join(a.model_dir, "config.json")))
cfg = dict(name=cfg_json["model_name"], arch=cfg_json["architecture"], layers=cfg_json["num_layers"],
           d=cfg_json["hidden_size"], heads=cfg_json["num_heads"], ctx=cfg_json["max_position_embeddings"],
           vocab=cfg_json["vocab_size"])
m = onnx.load(os.path.join(a.model_dir, "model.onnx"))
sd = {i.name[3:]: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in m.graph.initializer if i.name.startswith("lm.")}
cfg["ff"] = [v for k, v in sd.items() if k.endswith(("fc.weight", "gate.weight"))][0].shape[0]
lm = LM(cfg)
lm.load_state_dict(sd, strict=False)
lm.eval()
model = OnnxWrapper(lm)
eos, ctx, heads, hd = cfg_json["eos_token_id"], cfg["ctx"], cfg["heads"], cfg["d"] // cfg["heads"]
stops = json.loads(a.stop)

# Byte-level BPE decoding (GPT-2's byte-to-unicode table), to match stop sequences on text as the platform does.
vocab = json.load(open(os.path.join(a.model_dir, "tokenizer.json"), encoding="utf-8"))["model"]["vocab"]
bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
cs = bs[:]
n = 0
for b in range(256):
    if b not in bs:
        bs.append(b)
        cs.append(256 + n)
        n += 1
byte_of = {chr(c): b for b, c in zip(bs, cs)}
token_bytes = {i: bytes(byte_of[ch] for ch in t if ch in byte_of) for t, i in vocab.items()}


def decode(ids):
    return b"".join(token_bytes.get(i, b"") for i in ids).decode("utf-8", errors="replace")


prompts = [json.loads(l)["ids"] for l in open(a.prompts)]
generated = [[] for _ in prompts]
prefill_tokens = decode_tokens = 0
prefill_s = decode_s = 0.0
with torch.inference_mode():
    for start in range(0, len(prompts), a.batch):
        rows = list(range(start, min(start + a.batch, len(prompts))))
        width = max(len(prompts[r]) for r in rows)
        ids = torch.full((len(rows), width), eos, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        pos = torch.zeros((len(rows), width), dtype=torch.long)
        for j, r in enumerate(rows):
            p = prompts[r]
            ids[j, width - len(p):] = torch.tensor(p)
            mask[j, width - len(p):] = 1
            pos[j, width - len(p):] = torch.arange(len(p))
        past = [torch.zeros((len(rows), heads, 0, hd)) for _ in range(2 * cfg["layers"])]
        max_new = {r: max(1, min(a.max_tokens, ctx - len(prompts[r]))) for r in rows}
        t0 = time.time()
        logits, *past = model(ids, mask, pos, *past)
        prefill_s += time.time() - t0
        prefill_tokens += sum(len(prompts[r]) for r in rows)
        active = list(range(len(rows)))  # indices into this batch's cache rows
        t0 = time.time()
        while True:
            nxt = logits[:, -1].argmax(-1).tolist()
            still = []
            for k, j in enumerate(active):
                r, token = rows[j], nxt[k]
                if token == eos:
                    continue
                generated[r].append(token)
                text = decode(generated[r])
                if any(s and s in text for s in stops) or len(generated[r]) >= max_new[r]:
                    continue
                still.append(k)
            if not still:
                break
            keep = torch.tensor(still)
            past = [p.index_select(0, keep) for p in past]
            mask = torch.cat([mask.index_select(0, keep), torch.ones((len(still), 1), dtype=torch.long)], dim=1)
            active = [active[k] for k in still]
            step_ids = torch.tensor([[generated[rows[j]][-1]] for j in active])
            step_pos = torch.tensor([[len(prompts[rows[j]]) + len(generated[rows[j]]) - 1] for j in active])
            logits, *past = model(step_ids, mask, step_pos, *past)
        decode_s += time.time() - t0
        # The first token of each row comes from the prefill's logits; the rest are decode steps.
        decode_tokens += sum(max(0, len(generated[r]) - 1) for r in rows)
with open(a.out, "w") as f:
    for g in generated:
        f.write(json.dumps(g) + "\n")
total = sum(len(g) for g in generated)
print(f"torch {torch.__version__} threads {a.threads} batch {a.batch}: {len(prompts)} prompts, {total} tokens in "
      f"{prefill_s + decode_s:.2f}s; prefill {prefill_tokens} tokens in {prefill_s:.2f}s; decode {decode_tokens} tokens in {decode_s:.2f}s")
