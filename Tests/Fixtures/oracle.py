"""Shared helpers for fixture generators: run an operator in real MXNet 1.9.1 by name with attribute strings,
record outputs and gradients, and write them as JSON fixtures that Tests/TestSupport/Fixtures.swift reads.

Usage (from the repository root):
    PY=$(../shared/tools/mxnet-oracle.sh) && $PY Tests/Fixtures/gen_<family>.py
Every expected value in the Swift tests comes from here; nothing is typed by hand.
"""
import ctypes
import json
import math
import os
import sys

import numpy as onp
import mxnet as mx
from mxnet import autograd, np as mnp, npx
from mxnet._ctypes.ndarray import _imperative_invoke
from mxnet.base import _LIB, check_call, c_str

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "MXNetTests", "Fixtures")

npx.set_np()


def _handle(name):
    h = ctypes.c_void_p()
    check_call(_LIB.NNGetOpHandle(c_str(name), ctypes.byref(h)))
    if not h.value:
        raise ValueError("MXNet has no operator %r" % name)
    return h.value


def invoke(op, inputs, attrs=None):
    """Runs MXNet operator `op` (any registered name) on mx.np arrays with string attributes."""
    attrs = attrs or {}
    keys = list(attrs.keys())
    vals = [str(v) for v in attrs.values()]
    return _imperative_invoke(_handle(op), inputs, keys, vals, None, True, True)


def encode(a):
    """An array as {"dtype", "shape", "data"}; NaN and infinities as strings."""
    a = onp.asarray(a)
    dtype = str(a.dtype)
    if dtype == "bool":
        data = [1 if v else 0 for v in a.reshape(-1).tolist()]
    else:
        data = []
        for v in a.reshape(-1).tolist():
            if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
                data.append("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
            else:
                data.append(v)
    return {"dtype": dtype, "shape": list(a.shape), "data": data}


def op_case(name, op, inputs, attrs=None, grad=None, rtol=1e-5, atol=1e-6, seed=0, train=False):
    """One operator case.

    inputs: NumPy arrays (their dtype is kept). attrs: MXNet attribute strings (values are str()-ed).
    grad: indices of inputs to differentiate (None: every floating input when the op has a gradient; [] for none).
    Head gradients are seeded random normals of each output's shape.
    """
    attrs = {k: str(v) for k, v in (attrs or {}).items()}
    arrays = [mnp.array(x, dtype=x.dtype) for x in inputs]
    if grad is None:
        grad = [i for i, x in enumerate(inputs) if onp.issubdtype(x.dtype, onp.floating)]
    for i in grad:
        arrays[i].attach_grad()
    case = {"name": name, "op": op, "attrs": attrs, "inputs": [encode(x) for x in inputs],
            "rtol": rtol, "atol": atol, "train": train}
    if grad:
        with autograd.record(train_mode=train):
            outs = invoke(op, arrays, attrs)
        rng = onp.random.RandomState(seed)
        heads = [rng.standard_normal(o.shape).astype(o.asnumpy().dtype) for o in outs]
        autograd.backward(outs, [mnp.array(h, dtype=h.dtype) for h in heads])
        case["head_grads"] = [encode(h) for h in heads]
        case["input_grads"] = [encode(arrays[i].grad.asnumpy()) if i in grad else None for i in range(len(arrays))]
    else:
        if train:
            with autograd.train_mode():
                outs = invoke(op, arrays, attrs)
        else:
            outs = invoke(op, arrays, attrs)
    case["outputs"] = [encode(o.asnumpy()) for o in outs]
    return case


def error_case(name, op, inputs, attrs=None):
    """A case MXNet rejects: the Swift side must throw too (the message is not compared)."""
    attrs = {k: str(v) for k, v in (attrs or {}).items()}
    arrays = [mnp.array(x, dtype=x.dtype) for x in inputs]
    try:
        outs = invoke(op, arrays, attrs)
        [o.asnumpy() for o in outs]
    except Exception:  # noqa: BLE001 - any MXNet error is the expected outcome
        return {"name": name, "op": op, "attrs": attrs, "inputs": [encode(x) for x in inputs], "error": True}
    raise AssertionError("MXNet accepted error case %r" % name)


def write(family, cases, generator):
    """Writes Tests/MXNetTests/Fixtures/<family>.json."""
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, family + ".json")
    doc = {"generated_by": "Tests/Fixtures/" + os.path.basename(generator) + " with mxnet " + mx.__version__,
           "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.relpath(path)), file=sys.stderr)


def rand(shape, dtype="float32", low=-2.0, high=2.0, seed=None):
    """Deterministic uniform test data."""
    rng = onp.random.RandomState(seed if seed is not None else (hash(tuple(shape)) & 0xFFFF))
    return rng.uniform(low, high, size=shape).astype(dtype)


def numpy_case(name, op, inputs, expected, attrs=None, rtol=1e-5, atol=1e-6, fd_grad=None, seed=0):
    """A case for an operator MXNet 1.9.1 lacks (MXNet 2.0 additions such as fmax): expected outputs come from
    NumPy, computed by the caller (`expected` is a list of NumPy arrays).

    fd_grad: indices of inputs whose gradient the Swift side checks by central finite differences in float64
    (no oracle gradient exists); seeded random head gradients are written for it.
    """
    attrs = {k: str(v) for k, v in (attrs or {}).items()}
    case = {"name": name, "op": op, "attrs": attrs, "inputs": [encode(x) for x in inputs],
            "outputs": [encode(e) for e in expected], "rtol": rtol, "atol": atol, "train": False,
            "expected_from": "numpy"}
    if fd_grad:
        rng = onp.random.RandomState(seed)
        case["head_grads"] = [encode(rng.standard_normal(onp.shape(e)).astype(onp.asarray(e).dtype)) for e in expected]
        case["fd_grad_inputs"] = list(fd_grad)
    return case


def fd_case(name, op, inputs, attrs=None, fd_grad=(0,), rtol=1e-5, atol=1e-6, seed=0):
    """Forward from MXNet 1.9.1; the gradient of inputs `fd_grad` is checked by finite differences only, for ops
    whose MXNet gradient is missing or wrong (noted at the call)."""
    case = op_case(name, op, inputs, attrs, grad=[], rtol=rtol, atol=atol, seed=seed)
    rng = onp.random.RandomState(seed)
    case["head_grads"] = [encode(rng.standard_normal(o["shape"]).astype(o["dtype"])) for o in case["outputs"]]
    case["fd_grad_inputs"] = list(fd_grad)
    return case
