"""Optuna's TPESampler as an ask/tell loop: the anchor of `bench search`'s MNIST sweep.

Reads: seed, trials, startup, lr low, lr high, dropout high. Prints a JSON line with Optuna's version, then per trial one
JSON line of the proposal ({"lr": ..., "dropout": ...}) and waits for its val_loss on stdin (the bench trains it through
Hypergrid's CLI, as it trains Hypergrid's own proposals, so both pay the same per-trial cost and read the same value).
Only the benchmark uses Optuna (Debian's python3-optuna); the product never does.
"""
import json, math, sys
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)

seed, trials, startup = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
lr_low, lr_high, dropout_high = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed, n_startup_trials=startup))
print(json.dumps({"optuna": optuna.__version__}), flush=True)
for _ in range(trials):
    t = study.ask()
    print(json.dumps({"lr": t.suggest_float("lr", lr_low, lr_high, log=True),
                      "dropout": t.suggest_float("dropout", 0, dropout_high)}), flush=True)
    value = float(sys.stdin.readline())
    study.tell(t, value if math.isfinite(value) else None,
               state=optuna.trial.TrialState.COMPLETE if math.isfinite(value) else optuna.trial.TrialState.FAIL)
