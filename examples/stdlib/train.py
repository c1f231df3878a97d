#!/usr/bin/env python3
"""Softmax regression on Gaussian clusters in plain Python (no numpy, no torch): a complete Hypergrid program.

It speaks the contract of Hypergrid's `command` key: its config comes in HYPERGRID_CONFIG_JSON, it appends one row per
batch to HYPERGRID_BATCH_LOG (a header first), checkpoints into HYPERGRID_CHECKPOINT_DIR at every epoch end, and on
SIGTERM exits 75 ("continue me"). With HYPERGRID_RESUME=1 it continues from its checkpoint and cuts the log back to
the rows that checkpoint covers, so an interrupted trial ends with exactly the rows of an uninterrupted one. Under a
search (successive halving), HYPERGRID_STOP_AFTER_EPOCH names the last epoch this attempt may train: it checkpoints
there and exits 75, and continues from that checkpoint if a decision promotes the trial.
"""
import json, math, os, random, signal, sys, time

cfg = json.loads(os.environ["HYPERGRID_CONFIG_JSON"])
seed = int(cfg["seed"])
epochs = int(cfg.get("epochs", 3))
lr = float(cfg.get("lr", 0.1))
batch_size = int(cfg.get("batch_size", 32))
features, classes = int(cfg.get("features", 8)), int(cfg.get("classes", 4))
n_train, n_val = int(cfg.get("n_train", 512)), int(cfg.get("n_val", 256))
delay = float(cfg.get("delay", 0))  # seconds per batch: lets tests stop a trial mid-way
stop_after = int(os.environ.get("HYPERGRID_STOP_AFTER_EPOCH", epochs))  # a search rung: the last epoch of this attempt

log_path = os.environ["HYPERGRID_BATCH_LOG"]
ckpt_dir = os.environ["HYPERGRID_CHECKPOINT_DIR"]
ckpt_path = os.path.join(ckpt_dir, "state.json")

stop = False
def on_term(signum, frame):
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_term)

# Data: the same for every trial (data_seed), so seeds differ only in weights and order.
data_rng = random.Random(int(cfg.get("data_seed", 1234)))
centers = [[data_rng.gauss(0, 1.5) for _ in range(features)] for _ in range(classes)]
def sample(n):
    ys = [data_rng.randrange(classes) for _ in range(n)]
    return [[c + data_rng.gauss(0, 1.0) for c in centers[y]] for y in ys], ys
train_x, train_y = sample(n_train)
val_x, val_y = sample(n_val)

init = random.Random(seed)
W = [[init.gauss(0, 0.01) for _ in range(features)] for _ in range(classes)]
b = [0.0] * classes
start_epoch, seconds = 1, 0.0

# --- the contract: continue from our own checkpoint, keeping only the log rows it covers -------------------------
if os.environ.get("HYPERGRID_RESUME") == "1" and os.path.exists(ckpt_path):
    with open(ckpt_path) as f:
        state = json.load(f)
    W, b, start_epoch, seconds = state["W"], state["b"], state["epoch"] + 1, state["seconds"]
    with open(log_path, "r+b") as f:
        f.truncate(state["log_bytes"])
elif os.path.exists(log_path):
    os.truncate(log_path, 0)  # nothing to continue from: start the log again
log = open(log_path, "a")
if log.tell() == 0:
    log.write("epoch,mode,batch,time,loss,acc,lr,margin\n")

def checkpoint(epoch):
    log.flush(); os.fsync(log.fileno())
    tmp = ckpt_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"W": W, "b": b, "epoch": epoch, "seconds": seconds, "log_bytes": log.tell()}, f)
        f.flush(); os.fsync(f.fileno())
    os.replace(tmp, ckpt_path)
# ----------------------------------------------------------------------------------------------------------------

def forward(x):
    z = [sum(w * v for w, v in zip(W[k], x)) + b[k] for k in range(classes)]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return z, [v / s for v in e]

def run_batch(xs, ys, train):
    loss = acc = margin = 0.0
    gW = [[0.0] * features for _ in range(classes)]
    gb = [0.0] * classes
    for x, y in zip(xs, ys):
        z, p = forward(x)
        loss -= math.log(max(p[y], 1e-12))
        acc += 1.0 if max(range(classes), key=lambda k: z[k]) == y else 0.0
        margin += z[y] - max(z[k] for k in range(classes) if k != y)
        if train:
            for k in range(classes):
                g = p[k] - (1.0 if k == y else 0.0)
                gb[k] += g
                for j in range(features):
                    gW[k][j] += g * x[j]
    n = len(xs)
    if train:
        for k in range(classes):
            b[k] -= lr * gb[k] / n
            for j in range(features):
                W[k][j] -= lr * gW[k][j] / n
    return loss / n, acc / n, margin / n

started = time.monotonic() - seconds
for epoch in range(start_epoch, epochs + 1):
    order = list(range(n_train))
    random.Random(seed * 100003 + epoch).shuffle(order)  # the order is a function of (seed, epoch): nothing to save
    for i, at in enumerate(range(0, n_train, batch_size)):
        idx = order[at:at + batch_size]
        loss, acc, margin = run_batch([train_x[j] for j in idx], [train_y[j] for j in idx], True)
        log.write(f"{epoch},train,{i},{time.monotonic() - started:.4f},{loss!r},{acc!r},{lr!r},\n")
        if delay:
            log.flush(); time.sleep(delay)
    for i, at in enumerate(range(0, n_val, batch_size)):
        loss, acc, margin = run_batch(val_x[at:at + batch_size], val_y[at:at + batch_size], False)
        log.write(f"{epoch},val,{i},{time.monotonic() - started:.4f},{loss!r},{acc!r},,{margin!r}\n")
    seconds = time.monotonic() - started
    checkpoint(epoch)
    print(f"epoch {epoch}/{epochs}: val loss {loss:.4f} acc {acc:.3f}", flush=True)
    if stop:
        print("SIGTERM: checkpointed; exiting 75 so that Hypergrid continues this trial later", flush=True)
        sys.exit(75)
    if epoch >= stop_after and epoch < epochs:
        print(f"search rung at epoch {epoch}: checkpointed; exiting 75 until a decision promotes this trial", flush=True)
        sys.exit(75)
log.close()
