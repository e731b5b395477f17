"""Writes the legacy-model cases in legacy-models/<case>/ with real MXNet 1.9.1.

Usage (from the repository root):
    PY=$(../shared/tools/mxnet-oracle.sh)        # or /root/.cache/mxnet-oracle/bin/python
    $PY legacy-models/generate.py                # every case
    $PY legacy-models/generate.py conv1d_stride_dilate lenet_checkpoint   # some cases
    $PY legacy-models/generate.py --list

Each case saves a model the way a 1.x user did (mx.model.save_checkpoint, Module.save_checkpoint,
HybridBlock.export, or a hand-written pre-1.0 file), then reloads the files on disk in MXNet 1.9.1, runs
bind + forward(is_train=False) and stores the outputs as the expectation (see generator/common.py).
Everything is seeded; running it twice gives the same files.
"""
import json
import os
import subprocess
import sys

os.environ.setdefault("MXNET_SUBGRAPH_VERBOSE", "0")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: identical sums run to run
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mxnet as mx  # noqa: E402

from generator import common  # noqa: E402
from generator import op_cases, layout_cases, model_cases, legacy_cases  # noqa: E402,F401  (register cases)

SIZE_LIMIT = 20 * 1024 * 1024


def folder_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def main(argv):
    if mx.__version__ != "1.9.1":
        sys.exit("needs MXNet 1.9.1, found %s" % mx.__version__)
    if "--list" in argv:
        for name, (_, description, _) in common.REGISTRY.items():
            print("%-36s %s" % (name, description))
        return
    names = argv or list(common.REGISTRY)
    unknown = [n for n in names if n not in common.REGISTRY]
    if unknown:
        sys.exit("unknown cases: %s" % ", ".join(unknown))
    failed = []
    for name in names:
        fn, description, env = common.REGISTRY[name]
        mx.random.seed(0)
        try:
            if any(os.environ.get(k) != v for k, v in env.items()):
                # MXNet reads these once at start-up: run the case in a fresh process.
                subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True,
                               env=dict(os.environ, **env), stdout=subprocess.DEVNULL)
                with open(os.path.join(common.ROOT, name, "meta.json")) as f:
                    meta = json.load(f)
            else:
                meta = fn(common.Case(name, description))
            print("%-36s %d input(s), %d output(s), %s" % (name, len(meta["inputs"]), len(meta["outputs"]),
                                                         meta["api"]))
        except Exception as e:  # report every failing case, then fail
            failed.append(name)
            if os.environ.get("TRACE"):
                import traceback
                traceback.print_exc()
            print("%-36s FAILED: %s" % (name, str(e).splitlines()[0] if str(e) else repr(e)))
    total = sum(folder_size(os.path.join(common.ROOT, n)) for n in common.REGISTRY
                if os.path.isdir(os.path.join(common.ROOT, n)))
    print("%d cases registered, %d failed; case folders hold %.2f MB" % (len(common.REGISTRY), len(failed),
                                                                      total / 1048576))
    if total > SIZE_LIMIT:
        sys.exit("legacy-models exceeds %d MB" % (SIZE_LIMIT // 1048576))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
