"""Opt-in check of the whole gluon vision model zoo: random weights, exported by MXNet 1.9.1, run by `mxv1 run`.

Usage (from the repository root, after `swift build -c release`):
    PY=$(../shared/tools/mxnet-oracle.sh)        # or /root/.cache/mxnet-oracle/bin/python
    $PY legacy-models/zoo/check_zoo.py [--mxv1 .build/release/mxv1] [--models resnet18_v1,vgg11] [--rtol 1e-3]

For each model of mxnet.gluon.model_zoo.vision (see MODELS): initialise it with a fixed seed (Xavier weights,
seeded BatchNorm statistics), hybridize, export `<tmp>/<model>-symbol.json` + `<tmp>/<model>-0000.params`,
reload those files with mx.sym.load / mx.nd.load and run bind + forward(is_train=False) on a seeded input, then
run `mxv1 run <tmp>/<model> --input data=<input>.npy --out <dir>` and compare every `output_<i>.npy`:
same shape and dtype, and |mxv1 - mxnet| <= rtol * (|mxnet| + max|mxnet|) elementwise (the second term is an
absolute tolerance at the output's scale, for elements near zero). Prints one line per model and a summary
`N passed, M failed`; exits 1 when any model fails.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("MXNET_SUBGRAPH_VERBOSE", "0")

import numpy as np  # noqa: E402
import mxnet as mx  # noqa: E402
from mxnet.gluon.model_zoo import vision  # noqa: E402

# Every model vision.get_model knows in MXNet 1.9.1, by family.
MODELS = [
    "resnet18_v1", "resnet34_v1", "resnet50_v1", "resnet101_v1", "resnet152_v1",
    "resnet18_v2", "resnet34_v2", "resnet50_v2", "resnet101_v2", "resnet152_v2",
    "mobilenet1.0", "mobilenet0.75", "mobilenet0.5", "mobilenet0.25",
    "mobilenetv2_1.0", "mobilenetv2_0.75", "mobilenetv2_0.5", "mobilenetv2_0.25",
    "squeezenet1.0", "squeezenet1.1",
    "densenet121", "densenet161", "densenet169", "densenet201",
    "inceptionv3",
    "vgg11", "vgg13", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn",
    "alexnet",
]


def input_size(name):
    return 299 if name.startswith("inception") else 224


def build(name, seed):
    """The model with seeded random weights and BatchNorm statistics, hybridized and run once."""
    mx.random.seed(seed)
    rng = np.random.RandomState(seed)
    net = vision.get_model(name, pretrained=False)
    net.initialize(mx.init.Xavier(magnitude=2.0))
    size = input_size(name)
    x = rng.uniform(-1, 1, (1, 3, size, size)).astype("float32")
    net.hybridize()
    net(mx.nd.array(x))
    for pname, p in sorted(net.collect_params().items()):
        shape = p.shape
        if pname.endswith("running_mean"):
            p.set_data(mx.nd.array(rng.normal(0, 0.1, shape)))
        elif pname.endswith("running_var"):
            p.set_data(mx.nd.array(rng.uniform(0.5, 1.5, shape)))
        elif pname.endswith("gamma"):
            p.set_data(mx.nd.array(rng.uniform(0.5, 1.5, shape)))
        elif pname.endswith("beta"):
            p.set_data(mx.nd.array(rng.normal(0, 0.1, shape)))
    return net, x


def mxnet_outputs(prefix, x):
    """What MXNet 1.9.1 computes from the exported files."""
    sym = mx.sym.load(prefix + "-symbol.json")
    loaded = mx.nd.load(prefix + "-0000.params")
    args = {k[4:]: v for k, v in loaded.items() if k.startswith("arg:")}
    aux = {k[4:]: v for k, v in loaded.items() if k.startswith("aux:")}
    args["data"] = mx.nd.array(x)
    exe = sym.bind(mx.cpu(), args=args, aux_states=aux, grad_req="null")
    start = time.time()
    exe.forward(is_train=False)
    outs = [o.asnumpy() for o in exe.outputs]
    return outs, time.time() - start


def compare(actual, expected, rtol):
    """None when they agree, else a short reason."""
    if actual.shape != expected.shape:
        return "shape %s, expected %s" % (actual.shape, expected.shape)
    if actual.dtype != expected.dtype:
        return "dtype %s, expected %s" % (actual.dtype, expected.dtype)
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    err = np.abs(actual.astype("float64") - expected.astype("float64"))
    bound = rtol * (np.abs(expected.astype("float64")) + scale)
    bad = ~(err <= bound)
    if np.any(bad):
        k = int(np.argmax(bad.reshape(-1)))
        return "%d of %d elements differ; first at %d: %g vs %g (max error %.3g, output scale %.3g)" % (
            int(bad.sum()), bad.size, k, actual.reshape(-1)[k], expected.reshape(-1)[k], float(err.max()), scale)
    return None


def check(name, mxv1, rtol, seed, workdir, timeout):
    """Returns (passed, line)."""
    net, x = build(name, seed)
    prefix = os.path.join(workdir, name)
    net.export(prefix, epoch=0)
    expected, mx_seconds = mxnet_outputs(prefix, x)
    input_path = os.path.join(workdir, name + "-input.npy")
    np.save(input_path, x)
    out_dir = os.path.join(workdir, name + "-out")
    os.makedirs(out_dir, exist_ok=True)
    start = time.time()
    try:
        proc = subprocess.run([mxv1, "run", prefix, "--input", "data=" + input_path, "--out", out_dir],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "FAIL  mxv1 run timed out after %d s" % timeout
    run_seconds = time.time() - start
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
        return False, "FAIL  mxv1 run exited %d: %s" % (proc.returncode, first)
    problems = []
    for i, e in enumerate(expected):
        path = os.path.join(out_dir, "output_%d.npy" % i)
        if not os.path.exists(path):
            problems.append("output_%d.npy missing" % i)
            continue
        reason = compare(np.load(path), e, rtol)
        if reason:
            problems.append("output %d: %s" % (i, reason))
    extra = sorted(f for f in os.listdir(out_dir) if f.startswith("output_"))[len(expected):]
    if extra:
        problems.append("unexpected extra outputs %s" % ", ".join(extra))
    timing = "mxnet forward %.0f ms, mxv1 run (whole process) %.0f ms" % (mx_seconds * 1e3, run_seconds * 1e3)
    if problems:
        return False, "FAIL  %s  (%s)" % ("; ".join(problems), timing)
    err = max(float(np.max(np.abs(np.load(os.path.join(out_dir, "output_%d.npy" % i)).astype("float64")
                                  - e.astype("float64")))) for i, e in enumerate(expected))
    return True, "PASS  max abs error %.2e  (%s)" % (err, timing)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mxv1", default=".build/release/mxv1", help="path to the mxv1 binary")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated model names")
    parser.add_argument("--rtol", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed for one mxv1 run")
    parser.add_argument("--keep", metavar="DIR", help="keep exported files, inputs and outputs in DIR")
    args = parser.parse_args()
    if mx.__version__ != "1.9.1":
        sys.exit("needs MXNet 1.9.1, found %s" % mx.__version__)
    mxv1 = os.path.abspath(args.mxv1)
    if not os.access(mxv1, os.X_OK):
        sys.exit("%s is not an executable; build it with `swift build -c release` or pass --mxv1" % mxv1)
    names = [n.strip() for n in args.models.split(",") if n.strip()]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit("unknown models: %s (known: %s)" % (", ".join(unknown), ", ".join(MODELS)))

    passed = failed = 0
    for name in names:
        workdir = os.path.join(args.keep, name) if args.keep else tempfile.mkdtemp(prefix="mxv1-zoo-")
        os.makedirs(workdir, exist_ok=True)
        try:
            ok, line = check(name, mxv1, args.rtol, args.seed, workdir, args.timeout)
        except Exception as e:  # an MXNet-side failure is reported, not fatal
            ok, line = False, "FAIL  generator error: %s" % (str(e).splitlines()[0] if str(e) else repr(e))
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
        passed += ok
        failed += not ok
        print("%-18s %s" % (name, line), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
