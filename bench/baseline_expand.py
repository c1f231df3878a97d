"""Baseline for the expansion benchmark: the straightforward Python expansion with PyYAML's libyaml
dumper (what the original tool did). Usage: baseline_expand.py CFG_DIR OUT_DIR"""
import itertools, os, sys, time
import yaml

def main(cfg, out):
    start = time.perf_counter()
    for root, _, files in os.walk(cfg):
        rel = os.path.relpath(root, cfg).split(os.sep)
        if 'cfg.yaml' not in files or len(rel) != 4:
            continue
        merged = {}
        for depth in range(0, 5):
            p = os.path.join(cfg, *rel[:depth], 'cfg.yaml')
            if os.path.exists(p):
                with open(p) as f:
                    merged.update(yaml.load(f, Loader=yaml.CSafeLoader) or {})
        axes = [k for k, v in merged.items() if isinstance(v, list) and k != 'batch_metrics']
        for n, combo in enumerate(itertools.product(*(merged[k] for k in axes))):
            trial = dict(merged, **dict(zip(axes, combo)))
            d = os.path.join(out, 'log', *rel, 'trial_%03d' % n)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, 'cfg.yaml'), 'w') as f:
                yaml.dump(trial, f, Dumper=yaml.CSafeDumper, sort_keys=False)
    print(time.perf_counter() - start)

main(sys.argv[1], sys.argv[2])
