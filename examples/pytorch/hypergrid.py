"""Hypergrid's helper for training programs: the contract of the `command` key in a few lines.

Standard library only, Python 3.8+. Install it with `pip install <hypergrid>/python`, or copy this one file next to
your script. A typical PyTorch script needs these lines:

    import hypergrid
    args = parser.parse_args()
    hypergrid.init(args)                      # the trial's values into args (and hypergrid.config)
    ...
    hypergrid.log(epoch, "train", batch_idx, loss=loss.item())           # in train(), per batch
    hypergrid.log(epoch, "val", 0, loss=test_loss, acc=correct / total)  # in test()
    ...
    start = hypergrid.restore(model=model, optimizer=optimizer, scheduler=scheduler)
    for epoch in range(start, args.epochs + 1):
        train(...); test(...); scheduler.step()
        hypergrid.epoch_end(epoch)            # checkpoint; on SIGTERM or at a search rung: exit 75

Under Hypergrid (HYPERGRID_* in the environment) rows go to HYPERGRID_BATCH_LOG line by line, checkpoints to
HYPERGRID_CHECKPOINT_DIR, an interrupted trial continues exactly from its last epoch (weights, optimizer, random
number generators, the log cut back to the rows that checkpoint covers), and the versions of Python and of the
libraries the program imported are reported for run.json. Without Hypergrid the same script runs on its own and logs
to hypergrid_runs/<script>-<time>/batch_log.csv.
"""
import atexit
import json
import os
import pickle
import platform
import random
import signal
import sys
import time

__version__ = "0.1.0"

EXIT_CONTINUE = 75  # EX_TEMPFAIL: "interrupted, continue me"
_LIBRARIES = ("torch", "torchvision", "numpy", "scipy", "sklearn", "pandas", "jax", "tensorflow", "lightning", "transformers")
_STATE_FILE = "hypergrid_state.pt"


class Config(dict):
    """The trial's values: a dict whose keys are also attributes (config.lr), typed as JSON types them (1.0 is a float)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError("the trial's config has no key '%s' (it has: %s)" % (name, ", ".join(sorted(self)))) from None


def _typed(value, default):
    """A config value in the type of the script's own default: 1 for a float default is 1.0; anything else as given."""
    if default is None or isinstance(default, bool) or isinstance(value, bool):
        return value
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    if isinstance(default, int) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Run:
    """One training run: under Hypergrid one attempt at a trial, else a local run folder."""

    def __init__(self, defaults=None, metrics=None):
        env = os.environ
        self.managed = "HYPERGRID_CONFIG_JSON" in env and "HYPERGRID_BATCH_LOG" in env
        namespace = None
        if defaults is None:
            values = {}
        elif isinstance(defaults, dict):
            values = dict(defaults)
        else:  # an argparse.Namespace (or any object with attributes)
            namespace, values = defaults, dict(vars(defaults))
        given = json.loads(env["HYPERGRID_CONFIG_JSON"]) if self.managed else {}
        for key, value in given.items():
            values[key] = _typed(value, values.get(key))
            # The script reads args.lr: the trial's value goes there too (keys the script does not know stay in config).
            if namespace is not None and hasattr(namespace, key):
                setattr(namespace, key, values[key])
        self.config = Config(values)
        if self.managed:
            self.log_path = env["HYPERGRID_BATCH_LOG"]
            self.checkpoint_dir = env.get("HYPERGRID_CHECKPOINT_DIR") or os.path.dirname(self.log_path)
            self.resuming = env.get("HYPERGRID_RESUME") == "1"
            self.info_path = env.get("HYPERGRID_PROGRAM_INFO")
            stop_after = env.get("HYPERGRID_STOP_AFTER_EPOCH")
            self.stop_after = int(stop_after) if stop_after else None
        else:
            stem = os.path.splitext(os.path.basename(sys.argv[0] or "run"))[0] or "run"
            folder = os.path.join("hypergrid_runs", "%s-%s" % (stem, time.strftime("%Y%m%d-%H%M%S")))
            os.makedirs(folder, exist_ok=True)
            self.log_path = os.path.join(folder, "batch_log.csv")
            self.checkpoint_dir = folder
            self.resuming, self.info_path, self.stop_after = False, None, None
            print("hypergrid: not run by Hypergrid; logging to " + self.log_path, file=sys.stderr, flush=True)
        os.makedirs(self.checkpoint_dir, exist_ok=True)
        self.stop_requested = False
        self.state = {}  # what restore() found besides the objects it loaded into
        self._objects = {}
        self._log = None
        self._columns = list(metrics) if metrics else None  # the header's metrics (default: the first row's)
        self._seconds = 0.0
        self._started = time.monotonic()
        self._versions = {}
        try:
            signal.signal(signal.SIGTERM, self._on_term)
        except ValueError:
            pass  # not the main thread: the program handles its own signals
        self.report_versions()
        atexit.register(self.report_versions)

    def _on_term(self, signum, frame):
        # A stop request: the epoch finishes, epoch_end() checkpoints and exits 75, Hypergrid continues the trial later.
        self.stop_requested = True

    # --- the batch log -------------------------------------------------------------------------------------------
    def log(self, epoch, phase, batch, **metrics):
        """One row of the batch log: epoch, phase ('train' or 'val'), batch index and metrics (numbers or 0-d tensors).

        The first call's metric names are the header (a 'time' column is added unless given); later rows may leave a
        metric out (an empty cell) but not add one. Rows are written line by line, so the page follows them live."""
        if "time" not in metrics:
            metrics["time"] = self._seconds + time.monotonic() - self._started
        if self._log is None:
            self._open(self._columns or list(metrics))
        unknown = [k for k in metrics if k not in self._columns]
        if unknown:
            raise ValueError("hypergrid.log: metric(s) %s were not in the first row (%s); pass every metric in the first "
                             "call (None where a row has no value) or name them all in hypergrid.init(metrics=[...])" % (", ".join(unknown), ", ".join(self._columns)))
        cells = [str(int(epoch)), str(phase), str(int(batch))] + [_cell(metrics.get(k)) for k in self._columns]
        self._log.write(",".join(cells) + "\n")

    def _open(self, metrics):
        self._log = open(self.log_path, "a", buffering=1)  # line-buffered: every row reaches the file at once
        if self._log.tell() > 0:
            with open(self.log_path) as f:
                header = f.readline().strip().split(",")
            self._columns = header[3:]  # a continued attempt keeps its header
        else:
            self._columns = metrics if "time" in metrics else metrics + ["time"]
            self._log.write(",".join(["epoch", "mode", "batch"] + self._columns) + "\n")

    # --- checkpoints and resume ----------------------------------------------------------------------------------
    @property
    def checkpoint_path(self):
        return os.path.join(self.checkpoint_dir, _STATE_FILE)

    def restore(self, **objects):
        """The first epoch to train: 1, or the one after the last checkpoint when Hypergrid continues this trial.

        Objects with state_dict()/load_state_dict() (model, optimizer, scheduler, scaler) are loaded in place and
        remembered, so epoch_end(epoch) saves them without naming them again; the random number generators of random,
        numpy and torch are restored too, so a continued trial draws what an uninterrupted one would have drawn."""
        self._objects.update(objects)
        if not (self.resuming and os.path.exists(self.checkpoint_path)):
            if self._log is None and os.path.exists(self.log_path):
                os.truncate(self.log_path, 0)  # nothing to continue from: start the log again
            return 1
        saved = _load(self.checkpoint_path)
        for name, obj in self._objects.items():
            if name in saved["objects"]:
                if hasattr(obj, "load_state_dict"):
                    obj.load_state_dict(saved["objects"][name])
                else:
                    self.state[name] = saved["objects"][name]
        _set_rng(saved["rng"])
        self._seconds = saved["seconds"]
        self._started = time.monotonic()
        if self._log is not None:
            self._log.close()
            self._log = None
        if os.path.getsize(self.log_path) > saved["log_bytes"]:
            os.truncate(self.log_path, saved["log_bytes"])  # the rows after the checkpoint are trained again
        return int(saved["epoch"]) + 1

    def checkpoint(self, epoch, **objects):
        """Saves the objects (and those given to restore), the random states and the log's size, atomically."""
        self._objects.update(objects)
        if self._log is not None:
            self._log.flush()
            os.fsync(self._log.fileno())
        log_bytes = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        state = {
            "epoch": int(epoch), "log_bytes": log_bytes, "seconds": self._seconds + time.monotonic() - self._started,
            "rng": _get_rng(),
            "objects": {n: (o.state_dict() if hasattr(o, "state_dict") else o) for n, o in self._objects.items()},
        }
        _save(state, self.checkpoint_path)

    def epoch_end(self, epoch, **objects):
        """Checkpoints the epoch; then, on a stop request (SIGTERM) or at a search rung (HYPERGRID_STOP_AFTER_EPOCH),
        exits 75 so that Hypergrid continues the trial from here. The trial's last epoch (config 'epochs') returns."""
        self.checkpoint(epoch, **objects)
        self.report_versions()
        last = self.config.get("epochs")
        if isinstance(last, int) and not isinstance(last, bool) and epoch >= last:
            return
        if self.stop_requested:
            print("hypergrid: stop requested: checkpointed epoch %d; exiting 75 (continue me)" % epoch, flush=True)
            self._exit()
        if self.stop_after is not None and epoch >= self.stop_after:
            print("hypergrid: search rung at epoch %d: checkpointed; exiting 75 until a decision promotes this trial" % epoch, flush=True)
            self._exit()

    def should_stop(self):
        """Whether a stop was requested (SIGTERM): a program with long epochs may check it between batches."""
        return self.stop_requested

    def _exit(self):
        if self._log is not None:
            self._log.close()
        sys.exit(EXIT_CONTINUE)

    # --- what produced the result ---------------------------------------------------------------------------------
    def version(self, name, value):
        """Reports the version of something else the result depends on (a library of your own, a data release)."""
        self._versions[str(name)] = str(value)
        self.report_versions()

    def report_versions(self):
        """Writes Python's version and those of the libraries imported so far where Hypergrid reads them for run.json."""
        if not self.info_path:
            return
        versions = {"python": platform.python_version(), "hypergrid_helper": __version__}
        for name in _LIBRARIES:
            module = sys.modules.get(name)
            if module is not None and isinstance(getattr(module, "__version__", None), str):
                versions[name] = module.__version__
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(getattr(getattr(torch, "version", None), "cuda", None), str):
            versions["cuda"] = torch.version.cuda
        versions.update(self._versions)
        try:
            tmp = self.info_path + ".tmp"
            with open(tmp, "w") as f:
                json.dump({"versions": versions}, f)
            os.replace(tmp, self.info_path)
        except OSError:
            pass  # the versions are a record, never a reason to fail a trial


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "item"):  # a 0-d tensor or numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    return str(value)


def _get_rng():
    rng = {"random": random.getstate()}
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        rng["numpy"] = numpy.random.get_state()
    torch = sys.modules.get("torch")
    if torch is not None:
        rng["torch"] = torch.get_rng_state()
        if torch.cuda.is_available():
            rng["cuda"] = torch.cuda.get_rng_state_all()
    return rng


def _set_rng(rng):
    random.setstate(rng["random"])
    numpy = sys.modules.get("numpy")
    if numpy is not None and "numpy" in rng:
        numpy.random.set_state(rng["numpy"])
    torch = sys.modules.get("torch")
    if torch is not None and "torch" in rng:
        torch.set_rng_state(rng["torch"])
        if "cuda" in rng and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(rng["cuda"])


def _save(state, path):
    tmp = path + ".tmp"
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.save(state, tmp)  # tensors in a state_dict: torch's own format
    else:
        with open(tmp, "wb") as f:
            pickle.dump(state, f)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _load(path):
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            return torch.load(path, weights_only=False)  # our own file: random states are Python objects
        except TypeError:
            return torch.load(path)  # a torch without weights_only
    with open(path, "rb") as f:
        return pickle.load(f)


# --- one run per process: the module's functions act on it ------------------------------------------------------
_run = None


def init(defaults=None, metrics=None):
    """Starts this process's run. defaults: the script's argparse Namespace (its attributes get the trial's values)
    or a dict of default values; metrics: the batch log's metric names when the first row has not all of them
    (train rows with a loss, val rows with a loss and an accuracy). Returns the Run; hypergrid.config is its config."""
    global _run, config
    _run = Run(defaults, metrics)
    config = _run.config
    return _run


def _current():
    return _run if _run is not None else init()


config = Config()


def log(epoch, phase, batch, **metrics):
    """See Run.log."""
    _current().log(epoch, phase, batch, **metrics)


def restore(**objects):
    """See Run.restore."""
    return _current().restore(**objects)


def checkpoint(epoch, **objects):
    """See Run.checkpoint."""
    _current().checkpoint(epoch, **objects)


def epoch_end(epoch, **objects):
    """See Run.epoch_end."""
    _current().epoch_end(epoch, **objects)


def should_stop():
    """See Run.should_stop."""
    return _current().should_stop()


def version(name, value):
    """See Run.version."""
    _current().version(name, value)
