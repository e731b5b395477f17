"""Generates Tests/MXNetTests/Fixtures/gluon_losses.json: Gluon losses run in MXNet 1.9.1 (legacy NDArray mode,
where `mean(axis=batch_axis, exclude=True)` honours batch_axis exactly as MXNet 2.0's `_batch_mean`), their outputs
and the gradient of sum(loss) w.r.t. the first input (autograd.record + backward with ones).

Where MXNet 2.0's loss.py differs from 1.9.1's class (KLDiv: batch mean instead of batch sum; PoissonNLL: batch mean
instead of a scalar mean; CosineEmbedding: 2.0's where/clip formula; Triplet: sample_weight), the case runs the
2.0 formula composed of MXNet 1.9.1 NDArray operators under autograd ("expected_from": "mxnet-1.9.1-ops-2.0-formula").
"""
import json
import os
import sys

import numpy as onp
import mxnet as mx
from mxnet import autograd, npx

from oracle import encode, rand, OUT_DIR

npx.reset_np()
nd = mx.nd
gloss = mx.gluon.loss

cases = []


def run(fn, inputs, extra):
    arrays = [nd.array(x, dtype=x.dtype) for x in inputs]
    arrays[0].attach_grad()
    with autograd.record():
        out = fn(*arrays, *extra)
    out.backward()
    return out.asnumpy(), arrays[0].grad.asnumpy()


def case(name, loss, opts, inputs, sample_weight=None, pos_weight=None, fn=None, rtol=1e-5, atol=1e-6):
    extra = []  # positional: Block.__call__ takes no keywords
    if sample_weight is not None or pos_weight is not None:
        extra.append(None if sample_weight is None else nd.array(sample_weight, dtype=sample_weight.dtype))
    if pos_weight is not None:
        extra.append(nd.array(pos_weight, dtype=pos_weight.dtype))
    c = {"name": name, "loss": loss, "opts": opts, "inputs": [encode(x) for x in inputs],
         "sample_weight": None if sample_weight is None else encode(sample_weight),
         "pos_weight": None if pos_weight is None else encode(pos_weight), "rtol": rtol, "atol": atol}
    if fn is None:
        kw = {k: v for k, v in opts.items()}
        block = getattr(gloss, loss)(**kw)
        fn = block
    else:
        c["expected_from"] = "mxnet-1.9.1-ops-2.0-formula"
    out, grad = run(fn, inputs, extra)
    c["output"] = encode(out)
    c["grad"] = encode(grad)
    cases.append(c)


def batch_mean(loss, batch_axis):
    return nd.mean(loss, axis=batch_axis, exclude=True) if loss.ndim > 1 else loss


def weighting(loss, weight, sample_weight):
    if sample_weight is not None:
        loss = nd.broadcast_mul(loss, sample_weight)
    if weight is not None:
        loss = loss * weight
    return loss


def kldiv20(from_logits=True, axis=-1, weight=None, batch_axis=0):
    def f(pred, label, sample_weight=None):
        if not from_logits:
            pred = nd.log_softmax(pred, axis)
        loss = label * (nd.log(label + 1e-12) - pred)
        return batch_mean(weighting(loss, weight, sample_weight), batch_axis)
    return f


def poisson20(weight=None, from_logits=True, batch_axis=0, compute_full=False, epsilon=1e-08):
    def f(pred, target, sample_weight=None):
        target = target.reshape(pred.shape)
        loss = nd.exp(pred) - target * pred if from_logits else pred - target * nd.log(pred + epsilon)
        if compute_full:
            stirling = target * nd.log(target) - target + 0.5 * nd.log(2 * target * onp.pi)
            loss = loss + stirling * (target > 1)
        return batch_mean(weighting(loss, weight, sample_weight), batch_axis)
    return f


def cosine20(weight=None, batch_axis=0, margin=0):
    def f(x1, x2, label, sample_weight=None):
        x1 = x1.reshape(x2.shape)
        xn = nd.norm(x1, axis=-1).reshape((-1, 1))
        yn = nd.norm(x2, axis=-1).reshape((-1, 1))
        dot = nd.sum(x1 * x2, axis=-1).reshape((-1, 1))
        cos = nd.broadcast_div(dot, nd.broadcast_maximum(xn * yn, nd.full((1, 1), 1e-12)))
        label = label.reshape(cos.shape)
        loss = nd.where(label == 1, 1 - cos, nd.clip(cos - margin, 0, 1 - margin))
        return batch_mean(weighting(loss, weight, sample_weight), batch_axis)
    return f


def triplet20(margin=1, weight=None, batch_axis=0):
    def f(pred, pos, neg, sample_weight=None):
        pos = pos.reshape(pred.shape)
        neg = neg.reshape(pred.shape)
        loss = nd.sum(nd.square(pos - pred) - nd.square(neg - pred), axis=batch_axis, exclude=True)
        loss = nd.relu(loss + margin)
        return weighting(loss, weight, sample_weight)
    return f


P = rand((4, 5), seed=1)
L = rand((4, 5), seed=2)
P3 = rand((3, 4, 2), seed=3)
L3 = rand((3, 4, 2), seed=4)
SW = rand((4, 1), seed=5, low=0.0, high=1.0)
SW3 = rand((3, 1, 1), seed=6, low=0.0, high=1.0)
SIGN = onp.where(rand((4, 5), seed=7) > 0, 1.0, -1.0).astype("float32")
BIN = onp.where(rand((4, 5), seed=8) > 0, 1.0, 0.0).astype("float32")
PROB = rand((4, 5), seed=9, low=0.02, high=0.98)

# L1 / L2
for loss in ["L1Loss", "L2Loss"]:
    case(loss + "_default", loss, {}, [P, L])
    case(loss + "_weight", loss, {"weight": 0.7}, [P, L])
    case(loss + "_sample_weight", loss, {}, [P, L], sample_weight=SW)
    case(loss + "_3d", loss, {}, [P3, L3])
    case(loss + "_3d_batch_axis1", loss, {"batch_axis": 1}, [P3, L3])
    case(loss + "_label_reshape", loss, {}, [P, L.reshape(4, 5, 1)])
    case(loss + "_1d", loss, {}, [P[0], L[0]])
    case(loss + "_float64", loss, {"weight": 2.0}, [P.astype("float64"), L.astype("float64")], rtol=1e-10)

# SoftmaxCrossEntropy
SPARSE = onp.array([0, 3, 4, 1], dtype="float32")
DENSE = onp.exp(L) / onp.exp(L).sum(axis=1, keepdims=True)
case("SoftmaxCE_sparse", "SoftmaxCrossEntropyLoss", {}, [P, SPARSE])
case("SoftmaxCE_sparse_weighted", "SoftmaxCrossEntropyLoss", {"weight": 0.5}, [P, SPARSE], sample_weight=SW)
case("SoftmaxCE_dense", "SoftmaxCrossEntropyLoss", {"sparse_label": False}, [P, DENSE.astype("float32")])
case("SoftmaxCE_from_logits", "SoftmaxCrossEntropyLoss", {"from_logits": True}, [P, SPARSE])
case("SoftmaxCE_from_logits_dense", "SoftmaxCrossEntropyLoss", {"from_logits": True, "sparse_label": False},
     [P, DENSE.astype("float32")])
SPARSE3 = onp.array([[0, 1], [2, 3], [1, 1]], dtype="float32")
case("SoftmaxCE_axis1", "SoftmaxCrossEntropyLoss", {"axis": 1}, [P3, SPARSE3])
case("SoftmaxCE_3d_last_axis", "SoftmaxCrossEntropyLoss", {}, [P3, onp.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 0, 0]],
                                                                               dtype="float32")])
case("SoftmaxCE_int_label", "SoftmaxCrossEntropyLoss", {}, [P, SPARSE.astype("int32")])
case("SoftmaxCE_float64", "SoftmaxCrossEntropyLoss", {}, [P.astype("float64"), SPARSE.astype("float64")], rtol=1e-10)

# SigmoidBinaryCrossEntropy
PW = rand((1, 5), seed=10, low=0.5, high=3.0)
case("SigmoidBCE_default", "SigmoidBinaryCrossEntropyLoss", {}, [P, BIN])
case("SigmoidBCE_soft_labels", "SigmoidBinaryCrossEntropyLoss", {}, [P, PROB])
case("SigmoidBCE_pos_weight", "SigmoidBinaryCrossEntropyLoss", {}, [P, BIN], pos_weight=PW)
case("SigmoidBCE_from_sigmoid", "SigmoidBinaryCrossEntropyLoss", {"from_sigmoid": True}, [PROB, BIN])
case("SigmoidBCE_from_sigmoid_pos_weight", "SigmoidBinaryCrossEntropyLoss", {"from_sigmoid": True}, [PROB, BIN],
     pos_weight=PW, sample_weight=SW)
case("SigmoidBCE_weight_batch_axis1", "SigmoidBinaryCrossEntropyLoss", {"weight": 1.5, "batch_axis": 1}, [P, BIN])

# KLDiv (2.0: batch mean)
LOGP = onp.log(PROB / PROB.sum(axis=1, keepdims=True)).astype("float32")
case("KLDiv_from_logits", "KLDivLoss", {}, [LOGP, DENSE.astype("float32")], fn=kldiv20())
case("KLDiv_from_raw", "KLDivLoss", {"from_logits": False}, [P, DENSE.astype("float32")], fn=kldiv20(from_logits=False))
case("KLDiv_axis0_weighted", "KLDivLoss", {"from_logits": False, "axis": 0, "weight": 0.3}, [P, DENSE.astype("float32")],
     sample_weight=SW, fn=kldiv20(from_logits=False, axis=0, weight=0.3))

# Huber / Hinge / SquaredHinge / Logistic
for rho in [1, 0.5, 2.5]:
    case("Huber_rho_%s" % rho, "HuberLoss", {"rho": rho}, [P, L])
case("Huber_sample_weight", "HuberLoss", {"weight": 2.0}, [P3, L3], sample_weight=SW3)
for margin in [1, 0.5, 2]:
    case("Hinge_margin_%s" % margin, "HingeLoss", {"margin": margin}, [P, SIGN])
    case("SquaredHinge_margin_%s" % margin, "SquaredHingeLoss", {"margin": margin}, [P, SIGN])
case("Hinge_weighted", "HingeLoss", {"weight": 0.5}, [P, SIGN], sample_weight=SW)
case("SquaredHinge_batch_axis1", "SquaredHingeLoss", {"batch_axis": 1}, [P, SIGN])
case("Logistic_signed", "LogisticLoss", {}, [P, SIGN])
case("Logistic_binary", "LogisticLoss", {"label_format": "binary"}, [P, BIN])
case("Logistic_weighted", "LogisticLoss", {"weight": 3.0}, [P, SIGN], sample_weight=SW)

# Triplet
POS = rand((4, 5), seed=11)
NEG = rand((4, 5), seed=12)
for margin in [1, 0, 4]:
    case("Triplet_margin_%s" % margin, "TripletLoss", {"margin": margin}, [P, POS, NEG])
case("Triplet_3d_weight", "TripletLoss", {"weight": 0.5}, [P3, L3, rand((3, 4, 2), seed=13)])
case("Triplet_sample_weight", "TripletLoss", {}, [P, POS, NEG], sample_weight=SW.reshape(4),
     fn=triplet20())

# CosineEmbedding (2.0 formula)
X2 = rand((4, 5), seed=14)
CL = onp.array([1, -1, 1, -1], dtype="float32")
for margin in [0, 0.2]:
    case("CosineEmbedding_margin_%s" % margin, "CosineEmbeddingLoss", {"margin": margin}, [P, X2, CL],
         fn=cosine20(margin=margin))
case("CosineEmbedding_weighted", "CosineEmbeddingLoss", {"weight": 2.0}, [P, X2, CL], sample_weight=SW,
     fn=cosine20(weight=2.0))

# PoissonNLL (2.0: batch mean)
TGT = onp.floor(rand((4, 5), seed=15, low=0.0, high=5.0)).astype("float32")
POSP = rand((4, 5), seed=16, low=0.1, high=4.0)
case("PoissonNLL_from_logits", "PoissonNLLLoss", {}, [P, TGT], fn=poisson20())
case("PoissonNLL_rates", "PoissonNLLLoss", {"from_logits": False}, [POSP, TGT], fn=poisson20(from_logits=False))
case("PoissonNLL_compute_full", "PoissonNLLLoss", {"compute_full": True}, [P, TGT + 1], fn=poisson20(compute_full=True))
case("PoissonNLL_rates_full_weighted", "PoissonNLLLoss", {"from_logits": False, "compute_full": True, "weight": 0.5},
     [POSP, TGT + 1], sample_weight=SW, fn=poisson20(from_logits=False, compute_full=True, weight=0.5))

os.makedirs(OUT_DIR, exist_ok=True)
path = os.path.join(OUT_DIR, "gluon_losses.json")
with open(path, "w") as f:
    json.dump({"generated_by": "Tests/Fixtures/gen_gluon_losses.py with mxnet " + mx.__version__, "losses": cases}, f,
              separators=(",", ":"))
    f.write("\n")
print("wrote %d loss cases to %s" % (len(cases), os.path.relpath(path)), file=sys.stderr)
