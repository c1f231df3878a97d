# The pandas anchor of `bench aggregate`: what a researcher writes to turn a batch log into an epoch log, with the
# same reductions as Hypergrid's (time max, loss and acc mean, lr and iter_budget last, the solver statistics median,
# batch dropped, n_batches counted), groups in order of first appearance, written with to_csv.
# Input: the batch log and the epoch log to write. It reads one line from stdin per run ("go") and answers with the
# seconds that run took (read_csv + groupby + to_csv), wall clock and the process's CPU time, so the bench alternates runs with its own in one process each
# and the interpreter's start and imports are not counted.
import sys, time
import pandas as pd

src, dst = sys.argv[1], sys.argv[2]
REDUCE = {"time": "max", "loss": "mean", "acc": "mean", "lr": "last", "iter_budget": "last"}
for line in sys.stdin:
    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(src)
    metrics = [c for c in df.columns if c not in ("epoch", "mode", "batch")]
    g = df.groupby(["epoch", "mode"], sort=False)
    out = g.agg({c: REDUCE.get(c, "median") for c in metrics})
    out["n_batches"] = g.size()
    out.to_csv(dst)
    print(f"{time.perf_counter() - t0:.6f} {time.process_time() - c0:.6f}", flush=True)
