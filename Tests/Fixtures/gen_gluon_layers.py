"""Generates Tests/MXNetTests/Fixtures/gluon_layers.json: Gluon `nn` layers built in MXNet 1.9.1's gluon, given
seeded uniform parameters, run on a seeded input under autograd.record and differentiated with a seeded head
gradient. Each case records the input, the parameters by structural name (`_collect_params_with_prefix()`: `weight`,
`gamma`, `alpha` ...), the output, the input gradient and the gradients of parameters whose grad_req is not null.

Where MXNet 2.0's layer differs from 1.9.1's (GroupNorm's per-channel gamma/beta, GELU's tanh approximation) or
1.9.1 has no such layer (Identity), the case is computed with NumPy in float64 from the same inputs and marked
`"expected_from": "numpy"` with a reason. SiLU (2.0 only) is 1.9.1's Swish(beta=1), the same function.

Usage (from the repository root): $PY Tests/Fixtures/gen_gluon_layers.py
"""
import json
import math
import os

import numpy as onp
import mxnet as mx
from mxnet import autograd, npx
from mxnet.gluon import nn

npx.reset_np()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MXNetTests", "Fixtures", "gluon_layers.json")
cases = []


def encode(a):
    """{"dtype", "shape", "data"} with each float32 value written in its shortest round-trip form."""
    a = onp.asarray(a)
    if a.dtype == onp.float32:
        data = [float(repr(v)) for v in a.reshape(-1)]
    else:
        data = a.reshape(-1).tolist()
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": data}


def random_input(rng, shape, low=-2.0, high=2.0, dtype="float32"):
    return rng.uniform(low, high, shape).astype(dtype)


def param_value(rng, name, shape, dtype):
    # gamma around 1 keeps normalisation layers realistic; everything else uniform in [-1, 1).
    low, high = (0.5, 1.5) if name == "gamma" else ((0.1, 0.5) if name == "alpha" else (-1.0, 1.0))
    return rng.uniform(low, high, shape).astype(dtype)


def case(key, make, shape, seed, input_low=-2.0, input_high=2.0, input_dtype="float32", input_grad=True,
         integers=False, rtol=1e-5, atol=1e-6):
    """A layer case run entirely in MXNet 1.9.1's gluon. `make` is the 1.9.1 constructor
    expression (recorded as the case's `layer`); `integers` draws integral
    input values in [input_low, input_high)."""
    rng = onp.random.RandomState(seed)
    if integers:
        x_np = rng.randint(int(input_low), int(input_high), shape).astype(input_dtype)
    else:
        x_np = random_input(rng, shape, input_low, input_high, input_dtype)
    block = eval(make)
    block.initialize()
    x = mx.nd.array(x_np, dtype=x_np.dtype)
    block(x)  # deferred initialisation
    params = block._collect_params_with_prefix()
    values = {}
    for name, p in params.items():
        values[name] = param_value(rng, name, p.shape, p.dtype)
        p.set_data(mx.nd.array(values[name], dtype=values[name].dtype))
    if input_grad:
        x.attach_grad()
    with autograd.record():
        y = block(x)
    head = rng.standard_normal(y.shape).astype(y.dtype)
    y.backward(mx.nd.array(head, dtype=head.dtype))
    c = {"key": key, "layer": make, "expected_from": "mxnet",
         "input": encode(x_np), "params": {n: encode(v) for n, v in values.items()},
         "output": encode(y.asnumpy()), "head_grad": encode(head),
         "param_grads": {n: encode(p.grad().asnumpy()) for n, p in params.items() if p.grad_req != "null"},
         "rtol": rtol, "atol": atol}
    if input_grad:
        c["input_grad"] = encode(x.grad.asnumpy())
    cases.append(c)


def numpy_case(key, layer, reason, shape, params, forward, seed, rtol=1e-5, atol=1e-6):
    """A case whose expected values come from NumPy: `params` maps name → (shape, trainable); `forward(x, p, head)`
    returns (output, input_grad, {name: grad}) in float64."""
    rng = onp.random.RandomState(seed)
    x = random_input(rng, shape)
    values = {n: param_value(rng, n, s, "float32") for n, (s, _) in params.items()}
    x64, p64 = x.astype("float64"), {n: v.astype("float64") for n, v in values.items()}
    head = rng.standard_normal(forward(x64, p64, None)[0].shape).astype("float32")
    y, gx, gp = forward(x64, p64, head.astype("float64"))
    cases.append({"key": key, "layer": layer, "expected_from": "numpy", "reason": reason,
                  "input": encode(x), "params": {n: encode(v) for n, v in values.items()},
                  "output": encode(y.astype("float32")), "head_grad": encode(head),
                  "param_grads": {n: encode(gp[n].astype("float32")) for n, (_, t) in params.items() if t},
                  "input_grad": encode(gx.astype("float32")), "rtol": rtol, "atol": atol})


# MARK: - Transposed convolutions (weight (in_channels, channels / groups, kernel...)). 1.9.1 cannot defer
# in_channels when groups > 1, so those cases give it; the Swift table leaves it deferred.
case("Conv1DTranspose_default", "nn.Conv1DTranspose(3, 3)", (2, 4, 5), 1)
case("Conv1DTranspose_stride_pad_outpad",
     "nn.Conv1DTranspose(4, 3, strides=2, padding=1, output_padding=1, use_bias=False)", (2, 2, 5), 2)
case("Conv1DTranspose_groups_dilation",
     "nn.Conv1DTranspose(4, 2, dilation=2, groups=2, in_channels=4, activation='tanh')", (1, 4, 6), 3)
case("Conv2DTranspose_default", "nn.Conv2DTranspose(4, (3, 3))", (2, 3, 4, 4), 4)
case("Conv2DTranspose_stride_groups", "nn.Conv2DTranspose(6, (3, 2), strides=(2, 1), padding=(1, 0), "
     "output_padding=(1, 0), groups=2, in_channels=4)", (1, 4, 3, 4), 5)
case("Conv2DTranspose_dilation_nobias", "nn.Conv2DTranspose(2, 3, dilation=2, padding=2, use_bias=False)",
     (1, 2, 4, 5), 6)
case("Conv3DTranspose_default", "nn.Conv3DTranspose(2, (2, 2, 2))", (1, 3, 2, 3, 3), 7)
case("Conv3DTranspose_stride_groups",
     "nn.Conv3DTranspose(4, 3, strides=2, padding=1, output_padding=1, groups=2, in_channels=2)", (1, 2, 2, 2, 3), 8)

# MARK: - Pooling (channels-first layouts).
case("MaxPool1D_default", "nn.MaxPool1D()", (2, 3, 7), 10)
case("MaxPool1D_stride_pad_ceil", "nn.MaxPool1D(3, strides=2, padding=1, ceil_mode=True)", (2, 3, 8), 11)
case("MaxPool2D_stride_pad", "nn.MaxPool2D((3, 2), strides=(2, 1), padding=(1, 0))", (1, 2, 5, 4), 12)
case("MaxPool3D_default", "nn.MaxPool3D()", (1, 2, 4, 4, 4), 13)
case("MaxPool3D_stride_pad_ceil", "nn.MaxPool3D((3, 2, 2), strides=(2, 1, 2), padding=(1, 0, 1), ceil_mode=True)",
     (1, 2, 5, 4, 5), 14)
case("AvgPool1D_exclude_pad", "nn.AvgPool1D(3, strides=2, padding=1, count_include_pad=False)", (2, 3, 8), 15)
case("AvgPool1D_ceil_include_pad", "nn.AvgPool1D(2, padding=1, ceil_mode=True)", (2, 3, 7), 16)
case("AvgPool2D_exclude_pad_ceil", "nn.AvgPool2D(3, strides=2, padding=1, ceil_mode=True, count_include_pad=False)",
     (1, 2, 6, 5), 17)
case("AvgPool3D_default", "nn.AvgPool3D()", (1, 2, 4, 4, 4), 18)
case("AvgPool3D_stride_pad_ceil_exclude",
     "nn.AvgPool3D(3, strides=2, padding=1, ceil_mode=True, count_include_pad=False)", (1, 2, 5, 5, 4), 19)
case("GlobalMaxPool1D", "nn.GlobalMaxPool1D()", (2, 3, 5), 20)
case("GlobalMaxPool3D", "nn.GlobalMaxPool3D()", (1, 2, 3, 2, 4), 21)
case("GlobalAvgPool1D", "nn.GlobalAvgPool1D()", (2, 3, 5), 22)
case("GlobalAvgPool3D", "nn.GlobalAvgPool3D()", (1, 2, 3, 2, 4), 23)
case("GlobalAvgPool2D", "nn.GlobalAvgPool2D()", (2, 3, 2, 3), 24)

# MARK: - Normalisation.
case("LayerNorm_default", "nn.LayerNorm()", (2, 3, 4), 30)
case("LayerNorm_axis1_eps", "nn.LayerNorm(axis=1, epsilon=1e-3)", (2, 3, 4), 31)
case("LayerNorm_no_center", "nn.LayerNorm(center=False, in_channels=5)", (3, 5), 32)
case("LayerNorm_no_scale", "nn.LayerNorm(axis=-2, scale=False)", (2, 4, 3), 33)
case("InstanceNorm_default", "nn.InstanceNorm()", (2, 3, 4), 34)
case("InstanceNorm_scale_no_center_eps", "nn.InstanceNorm(epsilon=1e-3, center=False, scale=True)",
     (2, 3, 2, 2), 35)
case("InstanceNorm_axis2", "nn.InstanceNorm(axis=2, scale=True)", (2, 3, 4), 36)


def group_norm(num_groups, eps, center, scale):
    """MXNet 2.0's GroupNorm: statistics per (sample, group), gamma/beta per channel."""
    def forward(x, p, head):
        n, c = x.shape[:2]
        g = x.reshape(n, num_groups, -1)
        mean = g.mean(axis=2, keepdims=True)
        std = onp.sqrt(g.var(axis=2, keepdims=True) + eps)
        xhat = ((g - mean) / std).reshape(x.shape)
        bshape = (1, c) + (1,) * (x.ndim - 2)
        y = xhat * p["gamma"].reshape(bshape) + p["beta"].reshape(bshape)
        if head is None:
            return y, None, None
        dxhat = (head * p["gamma"].reshape(bshape)).reshape(n, num_groups, -1)
        xh = xhat.reshape(n, num_groups, -1)
        gx = (dxhat - dxhat.mean(axis=2, keepdims=True) - xh * (dxhat * xh).mean(axis=2, keepdims=True)) / std
        axes = tuple(i for i in range(x.ndim) if i != 1)
        return y, gx.reshape(x.shape), {"gamma": (head * xhat).sum(axis=axes), "beta": head.sum(axis=axes)}
    return forward


GN_REASON = "MXNet 2.0's GroupNorm has per-channel gamma/beta of shape (in_channels,); 1.9.1's are (num_groups,)"
GN_CASES = [("GroupNorm_2groups", (2, 4, 3), 2, 1e-5, True, True, 40),
            ("GroupNorm_1group_4d", (2, 3, 2, 2), 1, 1e-5, True, True, 41),
            ("GroupNorm_3groups_eps_no_center", (2, 6, 4), 3, 1e-3, False, True, 42)]
for key, shape, groups, eps, center, scale, seed in GN_CASES:
    numpy_case(key, "GroupNorm(num_groups=%d, epsilon=%g, center=%s, scale=%s)" % (groups, eps, center, scale),
               GN_REASON, shape, {"gamma": ((shape[1],), scale), "beta": ((shape[1],), center)},
               group_norm(groups, eps, center, scale), seed)
# The NumPy formula agrees with 1.9.1's GroupNorm when every channel of a group has the same gamma and beta.
_x = onp.random.RandomState(0).uniform(-2, 2, (2, 4, 3))
_gn = nn.GroupNorm(2)
_gn.initialize()
_gn.gamma.set_data(mx.nd.array([1.5, 0.5]))
_gn.beta.set_data(mx.nd.array([0.2, -0.3]))
_mine = group_norm(2, 1e-5, True, True)(_x, {"gamma": onp.array([1.5, 1.5, 0.5, 0.5]),
                                             "beta": onp.array([0.2, 0.2, -0.3, -0.3])}, None)[0]
assert onp.allclose(_gn(mx.nd.array(_x)).asnumpy(), _mine, rtol=1e-5, atol=1e-5), "GroupNorm formula check"

# MARK: - Embedding (1.9.1 has no data gradient).
case("Embedding_int_indices", "nn.Embedding(6, 3)", (2, 3), 50, input_low=0, input_high=6,
     input_dtype="int32", input_grad=False, integers=True)
case("Embedding_float_indices", "nn.Embedding(4, 5)", (5,), 51, input_low=0, input_high=4,
     input_grad=False, integers=True)
case("Embedding_clip_float64", "nn.Embedding(5, 4, dtype='float64')", (3, 2), 52, input_low=0, input_high=7,
     input_dtype="int32", input_grad=False, integers=True)

# MARK: - Activations.
case("LeakyReLU_0.1", "nn.LeakyReLU(0.1)", (3, 4), 60)
case("LeakyReLU_0", "nn.LeakyReLU(0.0)", (2, 5), 61)
case("PReLU_default", "nn.PReLU()", (2, 3, 4), 62)
case("PReLU_channels", "nn.PReLU(in_channels=3)", (2, 3, 4), 63)
case("ELU_default", "nn.ELU()", (3, 4), 64)
case("ELU_0.5", "nn.ELU(alpha=0.5)", (2, 3, 2), 65)
case("SELU", "nn.SELU()", (3, 4), 66)
case("GELU_erf", "nn.GELU()", (3, 4), 67)


def gelu_tanh(x, p, head):
    k = math.sqrt(2 / math.pi)
    u = k * (x + 0.044715 * x ** 3)
    t = onp.tanh(u)
    y = 0.5 * x * (1 + t)
    if head is None:
        return y, None, None
    dy = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
    return y, head * dy, {}


numpy_case("GELU_tanh", "GELU(approximation='tanh')", "MXNet 1.9.1's GELU has no tanh approximation", (3, 4), {},
           gelu_tanh, 68)
numpy_case("Identity", "Identity()", "MXNet 1.9.1 has no nn.Identity", (2, 3), {},
           lambda x, p, head: (x, head, {}), 69)
case("Swish_default", "nn.Swish()", (3, 4), 70)
case("Swish_beta", "nn.Swish(beta=2.5)", (2, 3), 71)
case("SiLU", "nn.Swish(beta=1.0)", (3, 4), 72)  # 2.0's SiLU is x * sigmoid(x): 1.9.1's Swish(1)

# MARK: - Lambda and padding.
case("HybridLambda_leaky", "nn.HybridLambda(lambda F, x: F.LeakyReLU(x, slope=0.1))", (3, 4), 80)
case("HybridLambda_composite", "nn.HybridLambda(lambda F, x: F.tanh(x) * x + 1)", (2, 3), 81)
case("ReflectionPad2D_1", "nn.ReflectionPad2D(1)", (1, 2, 3, 3), 82)
case("ReflectionPad2D_2", "nn.ReflectionPad2D(2)", (2, 1, 4, 5), 83)

doc = {"generated_by": "Tests/Fixtures/gen_gluon_layers.py with mxnet " + mx.__version__, "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.relpath(OUT), len(cases), "cases", os.path.getsize(OUT), "bytes")
