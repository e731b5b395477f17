"""Generates Tests/MXNetTests/Fixtures/metrics.json: MXNet 1.9.1 `mx.metric` objects fed several update batches
(lists of label and prediction NDArrays), with get() before any update and after each update."""
import json
import math
import os
import sys

import numpy as onp
import mxnet as mx
from mxnet import npx

from oracle import encode, rand, OUT_DIR

npx.reset_np()
nd = mx.nd
cases = []


def number(v):
    v = float(v)
    return "nan" if math.isnan(v) else v


def snapshot(m):
    name, value = m.get()
    if isinstance(name, list):
        return {"names": name, "values": [number(v) for v in value]}
    return {"names": [name], "values": [number(value)]}


def case(name, metric, opts, batches, children=None):
    """batches: list of (labels, preds), each a list of NumPy arrays."""
    if metric == "CompositeEvalMetric":
        m = mx.metric.CompositeEvalMetric()
        for child, child_opts in children:
            m.add(getattr(mx.metric, child)(**child_opts))
    else:
        m = getattr(mx.metric, metric)(**opts)
    steps = [snapshot(m)]
    for labels, preds in batches:
        m.update([nd.array(x, dtype=x.dtype) for x in labels], [nd.array(x, dtype=x.dtype) for x in preds])
        steps.append(snapshot(m))
    c = {"name": name, "metric": metric, "opts": opts,
         "batches": [{"labels": [encode(x) for x in ls], "preds": [encode(x) for x in ps]} for ls, ps in batches],
         "steps": steps}
    if children:
        c["children"] = [{"metric": ch, "opts": o} for ch, o in children]
    cases.append(c)


rng = onp.random.RandomState(0)


def probs(n, c):
    x = rng.uniform(0, 1, size=(n, c)).astype("float32")
    return x / x.sum(axis=1, keepdims=True)


def labels(n, c, dtype="float32"):
    return rng.randint(0, c, size=(n,)).astype(dtype)


cls_batches = [([labels(6, 4)], [probs(6, 4)]), ([labels(5, 4)], [probs(5, 4)]),
               ([labels(4, 4), labels(3, 4)], [probs(4, 4), probs(3, 4)])]
case("accuracy_probs", "Accuracy", {}, cls_batches)
case("accuracy_class_ids", "Accuracy", {}, [([labels(8, 3)], [labels(8, 3)]), ([labels(5, 3, "int32")], [labels(5, 3)])])
case("accuracy_axis_last_3d", "Accuracy", {"axis": 2},
     [([rng.randint(0, 3, size=(2, 4)).astype("float32")], [rng.uniform(size=(2, 4, 3)).astype("float32")])] * 2)
case("accuracy_axis1_3d", "Accuracy", {"axis": 1},
     [([rng.randint(0, 3, size=(2, 4)).astype("float32")], [rng.uniform(size=(2, 3, 4)).astype("float32")])])
for k in [2, 3, 4]:
    case("top_k_%d" % k, "TopKAccuracy", {"top_k": k}, cls_batches)

bin_batches = [([labels(10, 2)], [probs(10, 2)]), ([labels(7, 2)], [probs(7, 2)]),
               ([onp.ones(4, dtype="float32"), labels(6, 2)], [probs(4, 2), probs(6, 2)])]
case("f1_macro", "F1", {}, bin_batches)
case("f1_micro", "F1", {"average": "micro"}, bin_batches)
case("f1_no_positive_predictions", "F1", {}, [([onp.zeros(4, dtype="float32")],
                                             [onp.tile(onp.array([[0.9, 0.1]], dtype="float32"), (4, 1))])])

reg_batches = [([rand((6,), seed=21)], [rand((6, 1), seed=22)]), ([rand((4, 3), seed=23)], [rand((4, 3), seed=24)]),
               ([rand((5,), seed=25), rand((2,), seed=26)], [rand((5,), seed=27), rand((2, 1), seed=28)])]
for m in ["MAE", "MSE", "RMSE"]:
    case(m.lower(), m, {}, reg_batches)
    case(m.lower() + "_float64", m, {}, [([rand((5,), "float64", seed=29)], [rand((5,), "float64", seed=30)])])

case("cross_entropy", "CrossEntropy", {}, cls_batches)
case("cross_entropy_eps", "CrossEntropy", {"eps": 1e-3}, cls_batches[:2])
case("perplexity", "Perplexity", {"ignore_label": None}, cls_batches)
case("perplexity_ignore", "Perplexity", {"ignore_label": 1}, cls_batches)

corr_batches = [([rand((8,), seed=31)], [rand((8,), seed=32)]), ([rand((3, 2), seed=33)], [rand((3, 2), seed=34)]),
                ([rand((5,), seed=35), rand((4,), seed=36)], [rand((5,), seed=37), rand((4,), seed=38)])]
case("pearson_macro", "PearsonCorrelation", {}, corr_batches)
case("pearson_micro", "PearsonCorrelation", {"average": "micro"}, corr_batches)

case("composite", "CompositeEvalMetric", {}, cls_batches,
     children=[("Accuracy", {}), ("TopKAccuracy", {"top_k": 2}), ("CrossEntropy", {}), ("Perplexity", {"ignore_label": None})])

os.makedirs(OUT_DIR, exist_ok=True)
path = os.path.join(OUT_DIR, "metrics.json")
with open(path, "w") as f:
    json.dump({"generated_by": "Tests/Fixtures/gen_metrics.py with mxnet " + mx.__version__, "metrics": cases}, f,
              separators=(",", ":"))
    f.write("\n")
print("wrote %d metric cases to %s" % (len(cases), os.path.relpath(path)), file=sys.stderr)
