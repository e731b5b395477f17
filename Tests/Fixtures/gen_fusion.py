"""Generates Tests/MXNetTests/Fixtures/fusion.json: the inference-only `_fused_convolution` (Convolution + residual
add + ReLU in one kernel, made by our inference fusion pass from loaded graphs).

MXNet 1.9.1 has no such operator, so each expected output is what MXNet 1.9.1 computes for the unfused chain:
`Activation(elemwise_add(Convolution(data, weight, bias), residual), act_type='relu')` (run on MXNet's own CPU
kernels, MXNET_MKLDNN_ENABLED=0, so the results are not those of oneDNN's own fused kernel)."""
import os
import sys

if os.environ.get("MXNET_MKLDNN_ENABLED") != "0":
    os.environ["MXNET_MKLDNN_ENABLED"] = "0"
    os.environ["MXNET_STORAGE_FALLBACK_LOG_VERBOSE"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import mxnet as mx
from oracle import numpy_case, rand, write

T = dict(rtol=1e-4, atol=1e-4)  # float32 sums in a different order than MXNet's
cases = []


def R(*shape, dtype="float32", seed=None):
    return rand(shape, dtype=dtype, seed=seed if seed is not None else (sum(shape) * 7 + len(shape)))


def fused(name, data, weight, bias, residual, attrs, relu, **tol):
    conv_attrs = {k: str(v) for k, v in attrs.items()}
    args = [mx.nd.array(data, dtype=data.dtype), mx.nd.array(weight, dtype=weight.dtype)]
    if bias is not None:
        args.append(mx.nd.array(bias, dtype=bias.dtype))
    else:
        conv_attrs["no_bias"] = "True"
    out = mx.nd.Convolution(*args, **conv_attrs)
    if residual is not None:
        out = out + mx.nd.array(residual, dtype=residual.dtype)
    if relu:
        out = mx.nd.Activation(out, act_type="relu")
    inputs = [data, weight] + ([bias] if bias is not None else []) + ([residual] if residual is not None else [])
    case_attrs = dict(conv_attrs, with_sum=str(residual is not None), with_act=str(relu))
    case = numpy_case(name, "_fused_convolution", inputs, [out.asnumpy()], case_attrs, **(tol or T))
    case["expected_from"] = "mxnet-composition"
    cases.append(case)


fused("fused_relu_3x3", R(1, 4, 7, 7), R(6, 4, 3, 3), R(6), None, {"kernel": (3, 3), "num_filter": 6, "pad": (1, 1)}, True)
fused("fused_sum_relu_3x3", R(1, 4, 7, 7), R(6, 4, 3, 3), R(6), R(1, 6, 7, 7, seed=3),
      {"kernel": (3, 3), "num_filter": 6, "pad": (1, 1)}, True)
fused("fused_sum_no_relu", R(2, 3, 6, 6), R(5, 3, 3, 3), R(5), R(2, 5, 4, 4, seed=4), {"kernel": (3, 3), "num_filter": 5}, False)
fused("fused_no_bias_stride2", R(2, 8, 9, 9), R(4, 8, 1, 1), None, R(2, 4, 5, 5, seed=5),
      {"kernel": (1, 1), "num_filter": 4, "stride": (2, 2)}, True)
fused("fused_1x1_identity", R(1, 16, 5, 5), R(8, 16, 1, 1), R(8), None, {"kernel": (1, 1), "num_filter": 8}, True)
fused("fused_grouped_dilated", R(1, 6, 10, 10), R(6, 2, 3, 3), R(6), R(1, 6, 6, 6, seed=6),
      {"kernel": (3, 3), "num_filter": 6, "num_group": 3, "dilate": (2, 2)}, True)
fused("fused_conv1d", R(3, 4, 12), R(5, 4, 3), R(5), R(3, 5, 12, seed=7), {"kernel": (3,), "num_filter": 5, "pad": (1,)}, True)
fused("fused_parallel_gemm", R(1, 16, 24, 24), R(64, 16, 3, 3), R(64), R(1, 64, 24, 24, seed=8),
      {"kernel": (3, 3), "num_filter": 64, "pad": (1, 1)}, True, rtol=1e-4, atol=5e-4)
# Grids cut into column tiles (4+ tiles of 64 columns when the column matrix has 4096+ rows). Inputs are
# multiples of 1/64, which keeps these large cases short in JSON.
def Q(*shape, seed=None):
    return (R(*shape, seed=seed) * 64).round() / 64


fused("fused_tiles_3x3", Q(1, 512, 18, 18), Q(4, 512, 3, 3), Q(4), Q(1, 4, 16, 16, seed=12),
      {"kernel": (3, 3), "num_filter": 4}, True, rtol=1e-4, atol=5e-4)
fused("fused_tiles_1d_stride2", Q(1, 256, 520), Q(3, 256, 17), Q(3), None,
      {"kernel": (17,), "num_filter": 3, "stride": (2,), "pad": (8,)}, True, rtol=1e-4, atol=5e-4)
fused("fused_batch4", R(4, 8, 12, 12), R(16, 8, 3, 3), R(16), R(4, 16, 12, 12, seed=9),
      {"kernel": (3, 3), "num_filter": 16, "pad": (1, 1)}, True)
fused("fused_float64", R(2, 3, 6, 6, dtype="float64"), R(4, 3, 3, 3, dtype="float64"), R(4, dtype="float64"),
      R(2, 4, 6, 6, dtype="float64", seed=10), {"kernel": (3, 3), "num_filter": 4, "pad": (1, 1)}, True, rtol=1e-10, atol=1e-12)

write("fusion", cases, __file__)
