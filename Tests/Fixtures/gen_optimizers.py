"""Fixtures for the Gluon optimizers, learning-rate schedulers and deterministic initializers, from MXNet 1.9.1.

Writes Tests/MXNetTests/Fixtures/optimizers.json (read by Tests/MXNetTests/OptimizerTests.swift,
LRSchedulerTests.swift and InitializerTests.swift). Run from the repository root:
    $PY Tests/Fixtures/gen_optimizers.py
Optimizer cases run `mx.optimizer.create(name, **options)` with `create_state(index, w)` and
`update(index, w, g, state)` over recorded gradients; AdamW (MXNet 2.0's optimizer, absent from 1.9.1)
replays 2.0's fused step through 1.9.1's `_adamw_update` kernel.
"""
import json
import math
import os
import sys

import numpy as onp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import encode, OUT_DIR  # noqa: E402
import mxnet as mx  # noqa: E402
from mxnet import npx  # noqa: E402

npx.reset_np()
rng = onp.random.RandomState(7)


class AdamW2:
    """MXNet 2.0's AdamW fused step (python/mxnet/optimizer/adamW.py) on 1.9.1's adamw_update kernel."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-6, correct_bias=True,
                 wd=0.0, rescale_grad=1.0, clip_gradient=None):
        self.lr, self.beta1, self.beta2, self.epsilon = learning_rate, beta1, beta2, epsilon
        self.correct_bias, self.wd, self.rescale_grad, self.clip_gradient = correct_bias, wd, rescale_grad, clip_gradient
        self.counts = {}

    def create_state(self, index, weight):
        return (mx.nd.zeros(weight.shape, dtype=weight.dtype), mx.nd.zeros(weight.shape, dtype=weight.dtype))

    def update(self, index, weight, grad, state):
        self.counts[index] = self.counts.get(index, 0) + 1
        t = self.counts[index]
        lr = self.lr
        if self.correct_bias:
            lr *= math.sqrt(1. - self.beta2 ** t) / (1. - self.beta1 ** t)
        kwargs = {'beta1': self.beta1, 'beta2': self.beta2, 'epsilon': self.epsilon}
        if self.clip_gradient:
            kwargs['clip_gradient'] = self.clip_gradient
        mean, var = state
        mx.nd.contrib.adamw_update(weight, grad, mean, var, mx.nd.full((1,), self.rescale_grad), out=weight,
                                   lr=1, wd=self.wd, eta=lr, **kwargs)


def states_list(state):
    if state is None:
        return []
    if isinstance(state, (tuple, list)):
        return [s for s in state]
    return [state]


def optimizer_case(name, options, shape=(3, 4), dtype="float32", steps=6, indices=None, scheduler=None,
                   rtol=1e-5, atol=1e-6):
    """`steps` updates; `indices` lists the weight index updated at each step (weights start equal per index)."""
    indices = indices or [0] * steps
    opts = dict(options)
    if scheduler is not None:
        opts['lr_scheduler'] = make_scheduler(scheduler)
    opt = AdamW2(**opts) if name == "adamw" else mx.optimizer.create(name, **opts)
    w0 = {i: rng.uniform(-1, 1, size=shape).astype(dtype) for i in sorted(set(indices))}
    weights = {i: mx.nd.array(w0[i], dtype=dtype) for i in w0}
    states = {i: opt.create_state(i, weights[i]) for i in w0}
    record = []
    for index in indices:
        g = rng.uniform(-2, 2, size=shape).astype(dtype)
        opt.update(index, weights[index], mx.nd.array(g, dtype=dtype), states[index])
        record.append({"index": index, "grad": encode(g), "weight": encode(weights[index].asnumpy()),
                       "states": [encode(s.asnumpy()) for s in states_list(states[index])],
                       "lr": None if name == "adamw" else float(opt.learning_rate)})
    return {"optimizer": name, "options": options, "scheduler": scheduler, "dtype": dtype,
            "initial": {str(i): encode(w0[i]) for i in w0}, "steps": record, "rtol": rtol, "atol": atol}


def make_scheduler(spec):
    spec = dict(spec)
    kind = spec.pop("kind")
    cls = {"factor": mx.lr_scheduler.FactorScheduler, "multifactor": mx.lr_scheduler.MultiFactorScheduler,
           "poly": mx.lr_scheduler.PolyScheduler, "cosine": mx.lr_scheduler.CosineScheduler}[kind]
    return cls(**spec)


def scheduler_case(spec, n=40):
    s = make_scheduler(spec)
    return {"scheduler": spec, "lrs": [float(s(i)) for i in range(n)]}


optimizers = []
for opts in [{}, {"learning_rate": 0.1}, {"learning_rate": 0.1, "momentum": 0.9},
             {"learning_rate": 0.05, "momentum": 0.9, "wd": 0.01}, {"learning_rate": 0.1, "wd": 0.05},
             {"learning_rate": 0.1, "momentum": 0.5, "clip_gradient": 0.5, "rescale_grad": 0.25},
             {"learning_rate": 0.1, "clip_gradient": 1.0}]:
    optimizers.append(optimizer_case("sgd", opts))
optimizers.append(optimizer_case("sgd", {"learning_rate": 0.1, "momentum": 0.9}, dtype="float64"))
optimizers.append(optimizer_case("sgd", {"momentum": 0.9},
                                 scheduler={"kind": "factor", "step": 2, "factor": 0.5, "base_lr": 0.2}, steps=8))
for opts in [{"learning_rate": 0.1}, {"learning_rate": 0.1, "momentum": 0.9},
             {"learning_rate": 0.1, "momentum": 0.9, "wd": 0.01, "clip_gradient": 0.8, "rescale_grad": 0.5}]:
    optimizers.append(optimizer_case("nag", opts))
for opts in [{}, {"learning_rate": 0.01, "wd": 0.01}, {"learning_rate": 0.01, "beta1": 0.8, "beta2": 0.99,
             "epsilon": 1e-6, "clip_gradient": 0.5, "rescale_grad": 0.5}]:
    optimizers.append(optimizer_case("adam", opts))
optimizers.append(optimizer_case("adam", {"learning_rate": 0.01}, indices=[0, 1, 0, 0, 1, 0, 1, 1]))
optimizers.append(optimizer_case("adam", {"learning_rate": 0.01}, dtype="float64"))
for opts in [{}, {"learning_rate": 0.01, "wd": 0.1}, {"learning_rate": 0.01, "wd": 0.01, "clip_gradient": 0.5,
             "rescale_grad": 0.5, "correct_bias": False}]:
    optimizers.append(optimizer_case("adamw", opts))
for opts in [{}, {"learning_rate": 0.01, "wd": 0.01}, {"learning_rate": 0.01, "gamma1": 0.8, "clip_gradient": 0.5,
             "rescale_grad": 0.5, "clip_weights": 0.9}, {"learning_rate": 0.01, "centered": True},
             {"learning_rate": 0.01, "centered": True, "gamma1": 0.95, "gamma2": 0.8, "wd": 0.01, "clip_gradient": 1.0}]:
    optimizers.append(optimizer_case("rmsprop", opts))
for opts in [{"learning_rate": 0.1}, {"learning_rate": 0.1, "wd": 0.01, "eps": 1e-6, "clip_gradient": 0.5,
             "rescale_grad": 0.5}]:
    optimizers.append(optimizer_case("adagrad", opts))
for opts in [{}, {"rho": 0.8, "epsilon": 1e-4, "wd": 0.01, "clip_gradient": 0.5, "rescale_grad": 0.5}]:
    optimizers.append(optimizer_case("adadelta", opts))
optimizers.append(optimizer_case("adam", {"learning_rate": 0.05},
                                 scheduler={"kind": "cosine", "max_update": 6, "base_lr": 0.05,
                                            "warmup_steps": 2, "warmup_begin_lr": 0.01}, steps=8))

schedulers = [scheduler_case(s) for s in [
    {"kind": "factor", "step": 5, "factor": 0.5, "base_lr": 0.1},
    {"kind": "factor", "step": 3, "factor": 0.1, "base_lr": 1.0, "stop_factor_lr": 1e-3},
    {"kind": "factor", "step": 4, "factor": 0.9, "base_lr": 0.1, "warmup_steps": 6, "warmup_begin_lr": 0.01},
    {"kind": "multifactor", "step": [5, 12, 20], "factor": 0.5, "base_lr": 0.1},
    {"kind": "multifactor", "step": [10], "factor": 0.1, "base_lr": 1.0, "warmup_steps": 5,
     "warmup_mode": "constant", "warmup_begin_lr": 0.2},
    {"kind": "poly", "max_update": 30, "base_lr": 0.1},
    {"kind": "poly", "max_update": 30, "base_lr": 0.1, "pwr": 1, "final_lr": 0.01, "warmup_steps": 5},
    {"kind": "cosine", "max_update": 30, "base_lr": 0.1},
    {"kind": "cosine", "max_update": 25, "base_lr": 0.5, "final_lr": 0.05, "warmup_steps": 8,
     "warmup_begin_lr": 0.1},
    {"kind": "cosine", "max_update": 20, "base_lr": 0.5, "warmup_steps": 4, "warmup_mode": "constant",
     "warmup_begin_lr": 0.1},
]]


def init_case(kind, args, name, shape, dtype="float32"):
    init = {"constant": mx.init.Constant, "zero": mx.init.Zero, "one": mx.init.One,
            "bilinear": mx.init.Bilinear, "uniform": mx.init.Uniform}[kind](**args)
    arr = mx.nd.zeros(shape, dtype=dtype)
    init(mx.init.InitDesc(name), arr)
    return {"init": kind, "args": args, "name": name, "shape": list(shape), "dtype": dtype,
            "expected": encode(arr.asnumpy())}


initializers = [
    init_case("constant", {"value": 0.5}, "fc_weight", (3, 4)),
    init_case("constant", {"value": -2.25}, "conv_weight", (2, 3, 2, 2), "float64"),
    init_case("constant", {"value": 0.5}, "fc_bias", (4,)),
    init_case("zero", {}, "fc_weight", (2, 5)),
    init_case("one", {}, "fc_weight", (2, 5)),
    init_case("one", {}, "fc_bias", (5,)),
    init_case("zero", {}, "bn_gamma", (3,)),
    init_case("one", {}, "bn_beta", (3,)),
    init_case("uniform", {}, "q_min", (2,)),
    init_case("uniform", {}, "q_max", (2,)),
    init_case("bilinear", {}, "up_weight", (1, 1, 4, 4)),
    init_case("bilinear", {}, "up_weight", (2, 3, 3, 5)),
    init_case("bilinear", {}, "up_weight", (1, 2, 6, 6)),
]

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "optimizers.json"), "w") as f:
    f.write('{"generated_by": "Tests/Fixtures/gen_optimizers.py (MXNet %s)",\n' % mx.__version__)
    f.write('"optimizers": %s,\n"schedulers": %s,\n"initializers": %s}\n'
            % (json.dumps(optimizers), json.dumps(schedulers), json.dumps(initializers)))
print("optimizers %d, schedulers %d, initializers %d" % (len(optimizers), len(schedulers), len(initializers)))
