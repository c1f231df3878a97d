# The PyTorch anchor of `bench train`: the same model, data, data order, batch size and optimizer as Hypergrid's trainer,
# timed the same way (train samples/s per epoch, from the end of each epoch's first batch to the end of its last).
# Input: a folder written by the bench (data.bin, labels.bin, order_<epoch>.bin, spec.json). Output: one JSON line.
import json, resource, sys, time
import numpy as np
import torch
from collections import OrderedDict
from torch import nn

folder = sys.argv[1]
spec = json.load(open(f"{folder}/spec.json"))
torch.set_num_threads(1)
torch.manual_seed(0)
shape = spec["shape"]
x = torch.from_numpy(np.fromfile(f"{folder}/data.bin", dtype=np.float32).reshape([-1] + shape))
y = torch.from_numpy(np.fromfile(f"{folder}/labels.bin", dtype=np.int64))
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
rates, faults = [], []
for epoch in range(1, spec["epochs"] + 1):
    order = torch.from_numpy(np.fromfile(f"{folder}/order_{epoch}.bin", dtype=np.int64))
    model.train()
    start = None
    for b in range(0, len(order), batch):
        idx = order[b:b + batch]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x.index_select(0, idx)), y.index_select(0, idx))
        loss.backward()
        opt.step()
        loss.item()
        if start is None:
            start, first, minflt = time.perf_counter(), len(idx), resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    rates.append((len(order) - first) / (time.perf_counter() - start))
    faults.append((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - minflt) / (len(range(0, len(order), batch)) - 1))
# Which BLAS ran shows in its speed: Debian's reference BLAS does a few GFLOP/s, OpenBLAS tens.
a, w = torch.randn(128, 784), torch.randn(784, 256)
start = time.perf_counter()
for _ in range(500):
    a @ w
gflops = 2 * 128 * 784 * 256 * 500 / (time.perf_counter() - start) / 1e9
print(json.dumps({"rates": rates, "faults": faults, "torch": torch.__version__, "gflops": gflops}))
