"""MXNet 1.9.1's gluon.model_zoo.vision networks with seeded random weights, for checking model_zoo.vision.

Three uses (run with the oracle python, $PY, from the repository root):

  $PY Tests/Fixtures/gen_model_zoo.py --out DIR resnet18_v1 mobilenet0.25:64 ...
      For each model (optionally NAME:SIZE for a SIZE x SIZE input; default 224, inceptionv3 299): build it with
      classes=10, run it once to finish initialisation, then overwrite every parameter with seeded random values
      (He-normal weights, small biases, BatchNorm gamma and beta away from 1 / 0, running statistics from this
      input, perturbed; see build), so inference-mode BatchNorm is not an identity and outputs are of order 1,
      and write DIR/NAME.params (save_parameters: structural names such as features.0.weight),
      DIR/NAME-input.npy (seeded uniform(-1, 1), batch 1) and DIR/NAME-output.npy (inference-mode forward).
      Tests/MXNetTests/ModelZooTests.swift calls this at test time (the weights are too large to commit).

  $PY Tests/Fixtures/gen_model_zoo.py --param-shapes
      Writes Tests/MXNetTests/Fixtures/model_zoo_params.json: for all 34 models (classes=10, default input size)
      the input shape and every (structural name, shape) in save_parameters order. Names and shapes only.

  $PY Tests/Fixtures/gen_model_zoo.py --check .build/release/mxv1 [--models a,b] [--size N]
      Runs every model end to end: files as above, then `mxv1 zoo NAME` imperative and hybridized, comparing
      with MXNet's output (rtol 1e-3, atol 1e-4). Prints one line per model and `N passed, M failed`.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import mxnet as mx
from mxnet.gluon.model_zoo import vision

# The 34 models of MXNet 1.9.1's vision.get_model: one list, kept with the symbol-path check.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "legacy-models", "zoo"))
from check_zoo import MODELS  # noqa: E402
CLASSES = 10
SEED = 7
RTOL, ATOL = 1e-3, 1e-4
PARAMS_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MXNetTests", "Fixtures",
                           "model_zoo_params.json")


def default_size(name):
    return 299 if name.startswith("inception") else 224


def build(name, size):
    """The model with seeded weights and BatchNorm values, and a seeded input (1, 3, size, size).

    Weights are He-normal (standard deviation sqrt(2 / fan_in)) and biases normal(0, 0.05), whatever the model's
    own initializers are; BatchNorm gamma is uniform(0.5, 1.5) and beta normal(0, 0.1). The running statistics
    are then set to this input's batch statistics (one training pass with momentum 0), so activations keep
    their scale through every depth and outputs are of order 1-100, and finally perturbed (mean shifted by
    normal(0, 0.1) standard deviations, variance scaled by exp(uniform(-0.2, 0.2)), which keeps the scale on
    average) so that inference mode, which uses them, differs from training mode.
    """
    mx.random.seed(SEED)
    rng = np.random.RandomState(SEED)
    net = vision.get_model(name, classes=CLASSES)
    net.initialize(mx.init.Xavier(magnitude=2.0))
    x = rng.uniform(-1, 1, (1, 3, size, size)).astype("float32")
    net(mx.nd.array(x))   # finishes deferred initialisation
    params = net._collect_params_with_prefix()
    for pname, p in params.items():
        shape = p.shape
        if pname.endswith("weight"):
            fan_in = int(np.prod(shape[1:]))
            p.set_data(mx.nd.array(rng.normal(0, np.sqrt(2.0 / fan_in), shape)))
        elif pname.endswith("bias"):
            p.set_data(mx.nd.array(rng.normal(0, 0.05, shape)))
        elif pname.endswith("beta"):
            p.set_data(mx.nd.array(rng.normal(0, 0.1, shape)))
        elif pname.endswith("gamma"):
            p.set_data(mx.nd.array(rng.uniform(0.5, 1.5, shape)))
    norms = []
    net.apply(lambda b: norms.append(b) if isinstance(b, mx.gluon.nn.BatchNorm) else None)
    for b in norms:
        b._kwargs["momentum"] = 0.0
    with mx.autograd.record(train_mode=True):
        y = net(mx.nd.array(x))
    y.backward()   # MXNet 1.x updates BatchNorm's running statistics in the backward pass
    for b in norms:
        b._kwargs["momentum"] = 0.9
    for pname, p in params.items():
        if pname.endswith("running_mean"):
            std = np.sqrt(params[pname[:-len("mean")] + "var"].data().asnumpy())
            p.set_data(p.data() + mx.nd.array(rng.normal(0, 0.1, p.shape) * std))
        elif pname.endswith("running_var"):
            p.set_data(p.data() * mx.nd.array(np.exp(rng.uniform(-0.2, 0.2, p.shape))))
    return net, x


def generate(name, size, out):
    """Writes out/NAME.params, out/NAME-input.npy and out/NAME-output.npy; returns MXNet's output."""
    net, x = build(name, size)
    y = net(mx.nd.array(x)).asnumpy()
    net.save_parameters(os.path.join(out, name + ".params"))
    np.save(os.path.join(out, name + "-input.npy"), x)
    np.save(os.path.join(out, name + "-output.npy"), y)
    return y


def param_shapes():
    doc = {"generated_by": "Tests/Fixtures/gen_model_zoo.py --param-shapes with mxnet %s" % mx.__version__,
           "classes": CLASSES, "models": {}}
    for name in MODELS:
        size = default_size(name)
        mx.random.seed(SEED)
        net = vision.get_model(name, classes=CLASSES)
        net.initialize(mx.init.Zero())
        net(mx.nd.zeros((1, 3, size, size)))
        params = [[k, list(p.shape)] for k, p in net._collect_params_with_prefix().items()]
        doc["models"][name] = {"input": [1, 3, size, size], "params": params}
        print("%-18s %4d parameters" % (name, len(params)), flush=True)
    with open(PARAMS_JSON, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


def check(mxv1, names, size_override):
    passed = failed = 0
    for name in names:
        size = size_override or default_size(name)
        work = tempfile.mkdtemp(prefix="zoo-%s-" % name)
        try:
            start = time.time()
            expected = generate(name, size, work)
            mx_seconds = time.time() - start
            line, ok = [], True
            for mode in ["imperative", "hybridized"]:
                out = os.path.join(work, "%s-%s.npy" % (name, mode))
                cmd = [mxv1, "zoo", name, "--params", os.path.join(work, name + ".params"),
                       "--input", os.path.join(work, name + "-input.npy"), "--out", out, "--classes", str(CLASSES)]
                if mode == "hybridized":
                    cmd.append("--hybridize")
                start = time.time()
                proc = subprocess.run(cmd, capture_output=True, text=True)
                seconds = time.time() - start
                if proc.returncode != 0:
                    ok = False
                    line.append("%s: exit %d %s" % (mode, proc.returncode, proc.stderr.strip()[:200]))
                    continue
                actual = np.load(out)
                if actual.shape != expected.shape:
                    ok = False
                    line.append("%s: shape %s, expected %s" % (mode, actual.shape, expected.shape))
                    continue
                err = float(np.max(np.abs(actual.astype("float64") - expected.astype("float64"))))
                close = np.allclose(actual, expected, rtol=RTOL, atol=ATOL)
                ok = ok and close
                line.append("%s max abs err %.2e%s (%.1f s)" % (mode, err, "" if close else " MISMATCH", seconds))
            scale = float(np.max(np.abs(expected)))
            print("%-18s %s  %s; output scale %.3g; mxnet %.1f s" % (
                name, "PASS" if ok else "FAIL", "; ".join(line), scale, mx_seconds), flush=True)
        except Exception as e:  # report and go on
            ok = False
            print("%-18s FAIL  %s" % (name, str(e).splitlines()[0] if str(e) else repr(e)), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        passed += ok
        failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return failed == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", help="NAME or NAME:SIZE (with --out)")
    parser.add_argument("--out", help="directory for NAME.params, NAME-input.npy, NAME-output.npy")
    parser.add_argument("--param-shapes", action="store_true", help="write model_zoo_params.json")
    parser.add_argument("--check", metavar="MXV1", help="run every model through `MXV1 zoo` and compare")
    parser.add_argument("--models", dest="model_list", default=",".join(MODELS), help="with --check")
    parser.add_argument("--size", type=int, help="with --check: one input size for every model")
    args = parser.parse_args()
    if mx.__version__ != "1.9.1":
        sys.exit("needs MXNet 1.9.1, found %s" % mx.__version__)
    if args.param_shapes:
        param_shapes()
    elif args.check:
        names = [n.strip() for n in args.model_list.split(",") if n.strip()]
        sys.exit(0 if check(os.path.abspath(args.check), names, args.size) else 1)
    elif args.out:
        os.makedirs(args.out, exist_ok=True)
        for spec in args.models:
            name, _, size = spec.partition(":")
            generate(name, int(size) if size else default_size(name), args.out)
    else:
        parser.error("give --out DIR with model names, --param-shapes, or --check MXV1")


if __name__ == "__main__":
    main()
