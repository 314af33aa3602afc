"""Peer baseline: BLiMP by pseudo-log-likelihood with PyTorch eager on the CPU, the way minicons scores a masked LM.

python3 peer_torch_pll.py MODEL_DIR PLL_IDS.jsonl [--batch 16] [--threads N] [--limit N]
MODEL_DIR is a masked reference model (bert-mini-bpe8k: model.onnx + config.json); the weights are read from the
ONNX initializers into the equivalent PyTorch module below (pre-LN encoder, GELU head tied to the embeddings).
PLL_IDS has one line per pair, {"good": [...], "bad": [...]}, each the ids the model sees with <s> ... </s>
(Eval.Bench writes it with the platform's tokenizer). As minicons' MaskedLMScorer does, a batch holds --batch
sentences and every masked copy of each (one per inner token), right-padded; the full logits of every position are
computed and log-softmaxed, and the masked position's target read. Prints accuracy and pairs per second.
Needs Debian's python3-torch, python3-onnx and libopenblas0-pthread.
"""
import argparse, json, math, os, time
import torch
import torch.nn as nn
import torch.nn.functional as F
import onnx
from onnx import numpy_helper


class Block(nn.Module):
    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.out = nn.Linear(d, ff), nn.Linear(ff, d)

    def forward(self, x, bias):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=-1)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + bias, dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Bert(nn.Module):
    def __init__(self, cfg, ff):
        super().__init__()
        d, vocab = cfg["hidden_size"], cfg["vocab_size"]
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(cfg["max_position_embeddings"], d)
        self.blocks = nn.ModuleList(Block(d, cfg["num_heads"], ff) for _ in range(cfg["num_layers"]))
        self.lnf, self.head_dense, self.head_ln = nn.LayerNorm(d), nn.Linear(d, d), nn.LayerNorm(d)
        self.head_bias = nn.Parameter(torch.zeros(vocab))

    def forward(self, ids, mask):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))[None]
        bias = torch.zeros(mask.shape, dtype=x.dtype).masked_fill(mask == 0, float("-inf"))[:, None, None, :]
        for block in self.blocks:
            x = block(x, bias)
        x = self.head_ln(F.gelu(self.head_dense(self.lnf(x))))
        return x @ self.wte.weight.T + self.head_bias


ap = argparse.ArgumentParser()
ap.add_argument("model_dir")
ap.add_argument("ids", help="pairs as the model sees them (.jsonl)")
ap.add_argument("--batch", type=int, default=16, help="sentences per batch (with all their masked copies)")
ap.add_argument("--threads", type=int, default=os.cpu_count())
ap.add_argument("--limit", type=int, default=0)
a = ap.parse_args()
torch.set_num_threads(a.threads)
cfg = json.load(open(os.path.join(a.model_dir, "config.json")))
m = onnx.load(os.path.join(a.model_dir, "model.onnx"))
sd = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in m.graph.initializer}
model = Bert(cfg, sd["blocks.0.fc.weight"].shape[0])
missing, unexpected = model.load_state_dict({k: v for k, v in sd.items() if not k.startswith("onnx::")}, strict=False)
assert not missing, missing
model.eval()
mask_id, pad_id = cfg["mask_token_id"], cfg["pad_token_id"]
pairs = [json.loads(l) for l in open(a.ids)]
if a.limit:
    pairs = pairs[: a.limit]
sents = []
for i, p in enumerate(pairs):
    sents.append((i, 0, p["good"]))
    sents.append((i, 1, p["bad"]))
sents.sort(key=lambda s: len(s[2]))
scores = [[0.0, 0.0] for _ in pairs]
t0 = time.time()
with torch.inference_mode():
    for b in range(0, len(sents), a.batch):
        chunk = sents[b:b + a.batch]
        L = max(len(s[2]) for s in chunk)
        rows, owners, positions, targets = [], [], [], []
        for j, s in enumerate(chunk):
            for k in range(1, len(s[2]) - 1):  # inner tokens: <s> and </s> are context, never scored
                row = list(s[2]) + [pad_id] * (L - len(s[2]))
                row[k] = mask_id
                rows.append(row)
                owners.append(j)
                positions.append(k)
                targets.append(s[2][k])
        if not rows:
            continue
        ids = torch.tensor(rows)
        mask = torch.tensor([[1] * len(chunk[o][2]) + [0] * (L - len(chunk[o][2])) for o in owners])
        lp = torch.log_softmax(model(ids, mask), dim=-1)
        picked = lp[torch.arange(len(rows)), torch.tensor(positions), torch.tensor(targets)]
        totals = torch.zeros(len(chunk)).index_add_(0, torch.tensor(owners), picked.float())
        for j, s in enumerate(chunk):
            scores[s[0]][s[1]] = totals[j].item()
dt = time.time() - t0
acc = sum(1 for g, b in scores if g > b) / len(scores)
print(f"torch {torch.__version__} threads {a.threads} batch {a.batch}: {len(pairs)} pairs in {dt:.1f}s = "
      f"{len(pairs)/dt:.0f} pairs/s; accuracy {acc:.4f}")
