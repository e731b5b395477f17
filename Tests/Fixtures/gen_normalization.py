"""Generates Tests/MXNetTests/Fixtures/normalization.json (BatchNorm, LayerNorm, GroupNorm, InstanceNorm,
L2Normalization: forward and gradients from real MXNet 1.9.1, see oracle.py) and normalization_aux.json (BatchNorm's
running statistics after a training step, which MXNet 1.9.1 updates during the backward pass)."""
import json
import os

import numpy as onp
from oracle import op_case, error_case, numpy_case, rand, write, encode, mnp, invoke, autograd, OUT_DIR

cases = []
X = rand((2, 3, 4), seed=11)
X4 = rand((2, 3, 2, 2), seed=12)
C3 = [rand((3,), seed=13), rand((3,), seed=14), rand((3,), seed=15), rand((3,), low=0.5, high=2.0, seed=16)]


def bn_inputs(x, axis=1, dtype=None, param_dtype=None):
    c = x.shape[axis]
    ins = [x, rand((c,), low=0.5, high=1.5, seed=21), rand((c,), seed=22), rand((c,), seed=23),
           rand((c,), low=0.5, high=2.0, seed=24)]
    if dtype:
        ins[0] = ins[0].astype(dtype)
    if param_dtype:
        ins[1:] = [a.astype(param_dtype) for a in ins[1:]]
    return ins


BN = "BatchNorm"
cases.append(op_case("batchnorm_inference_fix_gamma", BN, bn_inputs(X), grad=[0, 1, 2], rtol=1e-4))
cases.append(op_case("batchnorm_inference", BN, bn_inputs(X), {"fix_gamma": False}, grad=[0, 1, 2], rtol=1e-4))
cases.append(op_case("batchnorm_train", BN, bn_inputs(X), {"fix_gamma": False}, grad=[0, 1, 2], rtol=1e-4,
                     train=True))
cases.append(op_case("batchnorm_train_fix_gamma", BN, bn_inputs(X4), grad=[0, 1, 2], rtol=1e-4, train=True))
cases.append(op_case("batchnorm_train_global_stats", BN, bn_inputs(X4),
                     {"fix_gamma": False, "use_global_stats": True}, grad=[0, 1, 2], rtol=1e-4, train=True))
cases.append(op_case("batchnorm_train_eps_momentum", "_npx_batch_norm", bn_inputs(X4),
                     {"fix_gamma": False, "eps": 0.1, "momentum": 0.5}, grad=[0, 1, 2], rtol=1e-4, train=True))
cases.append(op_case("batchnorm_axis_last", BN, bn_inputs(X, axis=2), {"axis": -1, "fix_gamma": False},
                     grad=[0, 1, 2], rtol=1e-4, train=True))
cases.append(op_case("batchnorm_axis0_2d", BN, bn_inputs(rand((4, 5), seed=25), axis=0), {"axis": 0, "fix_gamma": False},
                     grad=[0, 1, 2], rtol=1e-4, train=True))
cases.append(op_case("batchnorm_output_mean_var", BN, bn_inputs(X), {"output_mean_var": True, "fix_gamma": False},
                     grad=[0, 1, 2], rtol=1e-4))
cases.append(op_case("batchnorm_output_mean_var_train", BN, bn_inputs(X), {"output_mean_var": True}, grad=[0, 1, 2],
                     rtol=1e-4, train=True))
cases.append(op_case("batchnorm_float64", BN, bn_inputs(X, dtype="float64", param_dtype="float64"),
                     {"fix_gamma": False}, grad=[0, 1, 2], rtol=1e-8, train=True))
cases.append(op_case("batchnorm_float16", BN, bn_inputs(X, dtype="float16"), {"fix_gamma": False}, grad=[],
                     rtol=1e-2, atol=1e-2, train=True))
cases.append(op_case("batchnorm_cudnn_off_calib", BN, bn_inputs(X),
                     {"cudnn_off": True, "min_calib_range": -1.0, "max_calib_range": 1.0}, grad=[], rtol=1e-4))
cases.append(error_case("batchnorm_bad_axis", BN, bn_inputs(X), {"axis": 3}))

LN = "LayerNorm"
cases.append(op_case("layernorm_default", LN, [X, rand((4,), seed=31), rand((4,), seed=32)], rtol=1e-4))
cases.append(op_case("layernorm_axis1", "_npx_layer_norm", [X, rand((3,), seed=33), rand((3,), seed=34)],
                     {"axis": 1, "eps": 1e-3}, rtol=1e-4))
cases.append(op_case("layernorm_axis0", LN, [X, rand((2,), seed=35), rand((2,), seed=36)], {"axis": -3}, rtol=1e-4))
cases.append(op_case("layernorm_1d", LN, [rand((6,), seed=37), rand((6,), seed=38), rand((6,), seed=39)], rtol=1e-4))
cases.append(op_case("layernorm_output_mean_var", LN, [X, rand((4,), seed=31), rand((4,), seed=32)],
                     {"output_mean_var": True}, rtol=1e-4))
cases.append(op_case("layernorm_float64", LN, [X.astype("float64"), rand((4,), "float64", seed=31),
                                                rand((4,), "float64", seed=32)], rtol=1e-8))
cases.append(op_case("layernorm_float16", LN, [X.astype("float16"), rand((4,), "float16", seed=31),
                                                rand((4,), "float16", seed=32)], grad=[], rtol=1e-2, atol=1e-2))
cases.append(error_case("layernorm_bad_gamma", LN, [X, rand((3,)), rand((3,))]))
cases.append(error_case("layernorm_bad_axis", LN, [X, rand((4,)), rand((4,))], {"axis": 3}))

GN = "GroupNorm"
G8 = rand((2, 4, 3), seed=41)
cases.append(op_case("groupnorm_2groups", GN, [G8, rand((2,), seed=42), rand((2,), seed=43)], {"num_groups": 2},
                     rtol=1e-4))
cases.append(op_case("groupnorm_1group_4d", GN, [rand((2, 4, 2, 2), seed=44), rand((1,), seed=45), rand((1,), seed=46)],
                     rtol=1e-4))
cases.append(op_case("groupnorm_4groups_eps", GN, [G8, rand((4,), seed=47), rand((4,), seed=48)],
                     {"num_groups": 4, "eps": 1e-2}, rtol=1e-4))
cases.append(op_case("groupnorm_output_mean_var", GN, [G8, rand((2,), seed=42), rand((2,), seed=43)],
                     {"num_groups": 2, "output_mean_var": True}, rtol=1e-4))
cases.append(op_case("groupnorm_float64", GN, [G8.astype("float64"), rand((2,), "float64", seed=42),
                                                rand((2,), "float64", seed=43)], {"num_groups": 2}, rtol=1e-8))
cases.append(error_case("groupnorm_indivisible", GN, [rand((2, 3, 4)), rand((2,)), rand((2,))], {"num_groups": 2}))
# MXNet 2.0 scales per channel: gamma and beta of shape (C,). Expected values from NumPy.
gamma_c, beta_c = rand((4,), seed=49), rand((4,), seed=50)
xr = G8.reshape(2, 2, -1).astype("float64")
norm = ((xr - xr.mean(-1, keepdims=True)) / onp.sqrt(xr.var(-1, keepdims=True) + 1e-5)).reshape(G8.shape)
per_channel = numpy_case("groupnorm_per_channel_gamma", GN, [G8, gamma_c, beta_c],
                         [(norm * gamma_c.reshape(1, 4, 1) + beta_c.reshape(1, 4, 1)).astype("float32")],
                         {"num_groups": 2}, rtol=1e-4)
head = onp.random.RandomState(0).standard_normal(G8.shape).astype("float32")
h = head.astype("float64")
std = onp.sqrt(xr.var(-1, keepdims=True) + 1e-5)
dxhat = (h * gamma_c.reshape(1, 4, 1)).reshape(2, 2, -1)
xhat = norm.reshape(2, 2, -1)
dx = (dxhat - dxhat.mean(-1, keepdims=True) - xhat * (dxhat * xhat).mean(-1, keepdims=True)) / std
per_channel["head_grads"] = [encode(head)]
per_channel["input_grads"] = [encode(dx.reshape(G8.shape).astype("float32")),
                              encode((h * norm).sum((0, 2)).astype("float32")), encode(h.sum((0, 2)).astype("float32"))]
cases.append(per_channel)

IN = "InstanceNorm"
cases.append(op_case("instancenorm_3d", IN, [X, rand((3,), seed=51), rand((3,), seed=52)], rtol=1e-4))
cases.append(op_case("instancenorm_4d_eps", IN, [X4, rand((3,), seed=53), rand((3,), seed=54)], {"eps": 1e-5},
                     rtol=1e-4))
cases.append(error_case("instancenorm_bad_gamma", IN, [X, rand((4,)), rand((4,))]))

L2 = "L2Normalization"
cases.append(op_case("l2norm_instance", L2, [X], rtol=1e-4))
cases.append(op_case("l2norm_instance_2d", L2, [rand((3, 5), seed=61)], {"eps": 1e-3}, rtol=1e-4))
cases.append(op_case("l2norm_channel", L2, [X4], {"mode": "channel"}, rtol=1e-4))
cases.append(op_case("l2norm_spatial", L2, [X4], {"mode": "spatial"}, rtol=1e-4))
cases.append(op_case("l2norm_float64", L2, [X.astype("float64")], {"mode": "channel"}, rtol=1e-8))
cases.append(error_case("l2norm_channel_2d", L2, [rand((3, 5))], {"mode": "channel"}))

write("normalization", cases, __file__)

# Running statistics after one training step (MXNet 1.9.1 updates them in the backward pass).
aux = []
for name, x, attrs in [("momentum_default", X, {}), ("momentum_0.5_axis_last", X, {"momentum": 0.5, "axis": -1}),
                       ("global_stats", X4, {"use_global_stats": True})]:
    axis = int(attrs.get("axis", 1))
    ins = bn_inputs(x, axis=axis)
    arrays = [mnp.array(a) for a in ins]
    arrays[0].attach_grad()
    with autograd.record(train_mode=True):
        out = invoke("BatchNorm", arrays, {k: str(v) for k, v in attrs.items()})
    out[0].backward()
    aux.append({"name": name, "attrs": {k: str(v) for k, v in attrs.items()}, "inputs": [encode(a) for a in ins],
                "moving_mean": encode(arrays[3].asnumpy()), "moving_var": encode(arrays[4].asnumpy())})
with open(os.path.join(OUT_DIR, "normalization_aux.json"), "w") as f:
    json.dump({"generated_by": "Tests/Fixtures/gen_normalization.py", "cases": aux}, f, separators=(",", ":"))
    f.write("\n")
