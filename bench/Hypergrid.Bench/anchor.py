# The PyTorch anchor of `bench train`, written as a user writes the loop: the data as one tensor made once,
# torch.randperm per epoch, x[idx] (or index_select) per batch, the same model, Adam, batch 128, one loss.item() per batch.
# Input: a folder written by the bench (data.bin, labels.bin, val.bin, val_labels.bin, spec.json) and the variant:
#   bare  - train passes only; samples/s per epoch from the end of its first batch to the end of its last
#   whole - each epoch also runs its val pass (loss and accuracy, one .item() each per batch) and saves model and
#           optimizer state (torch.save); samples/s per epoch from the end of one epoch's val pass to the end of the next's
#           (the save, the train pass and the val pass), as Hypergrid's whole epochs are read from its batch log.
# and the indexing: getitem (x[idx]) or index_select. Output: one JSON line.
import json, os, resource, sys, time
import numpy as np
import torch
from collections import OrderedDict
from torch import nn

folder, variant, indexing = sys.argv[1], sys.argv[2], sys.argv[3]
spec = json.load(open(f"{folder}/spec.json"))
torch.set_num_threads(1)
torch.manual_seed(0)
shape = spec["shape"]
x = torch.from_numpy(np.fromfile(f"{folder}/data.bin", dtype=np.float32).reshape([-1] + shape))
y = torch.from_numpy(np.fromfile(f"{folder}/labels.bin", dtype=np.int64))
vx = torch.from_numpy(np.fromfile(f"{folder}/val.bin", dtype=np.float32).reshape([-1] + shape))
vy = torch.from_numpy(np.fromfile(f"{folder}/val_labels.bin", dtype=np.int64))
if spec["model"] == "mlp":
    layers = OrderedDict([("flatten", nn.Flatten()), ("fc0", nn.Linear(784, spec["hidden"])), ("act0", nn.ReLU()), ("out", nn.Linear(spec["hidden"], 10))])
else:
    c1, c2 = spec["channels"]
    layers = OrderedDict([("conv0", nn.Conv2d(1, c1, 3, padding=1)), ("relu0", nn.ReLU()), ("pool0", nn.MaxPool2d(2)),
                          ("conv1", nn.Conv2d(c1, c2, 3, padding=1)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
                          ("flatten", nn.Flatten()), ("fc", nn.Linear(c2 * 7 * 7, spec["fc"])), ("relu_fc", nn.ReLU()), ("out", nn.Linear(spec["fc"], 10))])
model = nn.Sequential(layers)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
batch = spec["batch"]
n = len(x)
pick = (lambda t, idx: t[idx]) if indexing == "getitem" else (lambda t, idx: t.index_select(0, idx))
rates, faults = [], []
last = time.perf_counter()
for epoch in range(1, spec["epochs"] + 1):
    model.train()
    perm = torch.randperm(n)
    start = None
    for b in range(0, n, batch):
        idx = perm[b:b + batch]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(pick(x, idx)), pick(y, idx))
        loss.backward()
        opt.step()
        loss.item()
        if start is None:
            start, first, minflt = time.perf_counter(), len(idx), resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    if variant == "bare":
        rates.append((n - first) / (time.perf_counter() - start))
        faults.append((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - minflt) / (len(range(0, n, batch)) - 1))
        continue
    model.eval()
    with torch.no_grad():
        for b in range(0, len(vx), batch):
            logits = model(vx[b:b + batch])
            nn.functional.cross_entropy(logits, vy[b:b + batch]).item()
            (logits.argmax(1) == vy[b:b + batch]).float().mean().item()
    now = time.perf_counter()
    if epoch > 1:
        rates.append(n / (now - last))
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch}, f"{folder}/checkpoint.pt")
    last = now
# Which BLAS ran shows in its speed: Debian's reference BLAS does a few GFLOP/s, OpenBLAS tens.
a, w = torch.randn(128, 784), torch.randn(784, 256)
start = time.perf_counter()
for _ in range(500):
    a @ w
gflops = 2 * 128 * 784 * 256 * 500 / (time.perf_counter() - start) / 1e9
print(json.dumps({"rates": rates, "faults": faults, "torch": torch.__version__, "gflops": gflops}))
