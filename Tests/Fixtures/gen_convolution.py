"""Generates Tests/MXNetTests/Fixtures/convolution.json: FullyConnected, Convolution and Deconvolution, forward
and gradient, from real MXNet 1.9.1 (see oracle.py).

MXNet's oneDNN (MKLDNN) path fails at random on some convolutions ("Check failed: delay_alloc"), so cases run in
a child process with MXNET_MKLDNN_ENABLED=0, on MXNet's own CPU kernels; only 3-d deconvolution (which MXNet runs
through oneDNN alone) and dilated deconvolution (which MXNet's own kernel gets wrong) run with it."""
import sys

import numpy as onp
from oracle import numpy_case, rand, write
from oracle_backends import Backends

ONEDNN_CASES = {"deconv_3d", "deconv_dilate"}
backends = Backends(native=lambda name: name not in ONEDNN_CASES)
NATIVE = backends.is_child

cases, failed, op_case, error_case = backends.cases, backends.failed, backends.op_case, backends.error_case


def R(*shape, dtype="float32", seed=None):
    return rand(shape, dtype=dtype, seed=seed if seed is not None else (sum(shape) * 13 + len(shape)))


T = dict(rtol=1e-4, atol=1e-4)  # float32 sums in a different order than MXNet's

# MARK: FullyConnected
op_case("fc_basic", "FullyConnected", [R(4, 5), R(3, 5), R(3)], {"num_hidden": 3}, **T)
op_case("fc_no_bias", "FullyConnected", [R(4, 5), R(3, 5)], {"num_hidden": 3, "no_bias": True}, **T)
op_case("fc_flatten_3d", "FullyConnected", [R(2, 3, 4), R(5, 12), R(5)], {"num_hidden": 5}, **T)
op_case("fc_no_flatten_3d", "FullyConnected", [R(2, 3, 4), R(5, 4), R(5)], {"num_hidden": 5, "flatten": False}, **T)
op_case("fc_1d", "FullyConnected", [R(5), R(3, 1), R(3)], {"num_hidden": 3}, **T)
op_case("fc_1d_no_flatten", "FullyConnected", [R(5), R(3, 5), R(3)], {"num_hidden": 3, "flatten": False}, **T)
op_case("fc_float64", "FullyConnected", [R(4, 5, dtype="float64"), R(3, 5, dtype="float64"), R(3, dtype="float64")],
        {"num_hidden": 3}, rtol=1e-10)
op_case("fc_npx_alias", "_npx_fully_connected", [R(2, 6), R(4, 6), R(4)], {"num_hidden": 4}, **T)
op_case("fc_zero_batch", "FullyConnected", [R(0, 5), R(3, 5), R(3)], {"num_hidden": 3}, grad=[])
# MXNet 1.9.1 computes float16 FullyConnected only with cuDNN: expected from NumPy (float32 math, rounded).
H = [R(4, 5, dtype="float16"), R(3, 5, dtype="float16"), R(3, dtype="float16")]
ref = (H[0].astype("float32") @ H[1].astype("float32").T + H[2].astype("float32")).astype("float16")
cases.append(numpy_case("fc_float16", "FullyConnected", H, [ref], {"num_hidden": 3}, rtol=2e-3, atol=2e-3))
error_case("fc_weight_mismatch", "FullyConnected", [R(4, 5), R(3, 4), R(3)], {"num_hidden": 3})
error_case("fc_hidden_mismatch", "FullyConnected", [R(4, 5), R(3, 5), R(3)], {"num_hidden": 4})

# MARK: Convolution
X = R(2, 3, 7, 7)
for name, x, w, b, attrs in [
    ("basic", X, R(4, 3, 3, 3), R(4), {"kernel": (3, 3), "num_filter": 4}),
    ("stride_pad", X, R(4, 3, 3, 3), R(4), {"kernel": (3, 3), "num_filter": 4, "stride": (2, 2), "pad": (1, 1)}),
    ("dilate", X, R(4, 3, 3, 3), R(4), {"kernel": (3, 3), "num_filter": 4, "dilate": (2, 2), "pad": (1, 1)}),
    ("asymmetric", X, R(5, 3, 2, 3), R(5), {"kernel": (2, 3), "num_filter": 5, "stride": (1, 2), "pad": (0, 1),
                                            "dilate": (2, 1)}),
    ("groups", R(2, 4, 6, 6), R(6, 2, 3, 3), R(6), {"kernel": (3, 3), "num_filter": 6, "num_group": 2, "pad": (1, 1)}),
    ("depthwise", R(2, 4, 6, 6), R(4, 1, 3, 3), R(4), {"kernel": (3, 3), "num_filter": 4, "num_group": 4,
                                                       "stride": (2, 2)}),
    ("one_by_one", X, R(6, 3, 1, 1), R(6), {"kernel": (1, 1), "num_filter": 6}),
    ("one_by_one_stride", X, R(6, 3, 1, 1), R(6), {"kernel": (1, 1), "num_filter": 6, "stride": (2, 2)}),
    ("one_by_one_groups", R(2, 4, 5, 5), R(6, 2, 1, 1), R(6), {"kernel": (1, 1), "num_filter": 6, "num_group": 2}),
    ("kernel_equals_input", R(2, 3, 4, 4), R(2, 3, 4, 4), R(2), {"kernel": (4, 4), "num_filter": 2}),
    ("layout_nchw", X, R(4, 3, 3, 3), R(4), {"kernel": (3, 3), "num_filter": 4, "layout": "NCHW"}),
    ("1d", R(2, 3, 10), R(4, 3, 3), R(4), {"kernel": (3,), "num_filter": 4, "stride": (2,), "pad": (1,),
                                           "dilate": (2,)}),
    ("1d_groups", R(3, 4, 9), R(4, 2, 2), R(4), {"kernel": (2,), "num_filter": 4, "num_group": 2}),
    ("3d", R(1, 2, 5, 5, 5), R(3, 2, 3, 3, 3), R(3), {"kernel": (3, 3, 3), "num_filter": 3, "stride": (2, 2, 2),
                                                      "pad": (1, 1, 1)}),
    ("3d_asymmetric", R(2, 2, 4, 5, 6), R(2, 2, 2, 3, 1), R(2), {"kernel": (2, 3, 1), "num_filter": 2,
                                                                  "dilate": (2, 1, 1), "pad": (0, 1, 0)}),
]:
    op_case("conv_" + name, "Convolution", [x, w, b], attrs, **T)
op_case("conv_no_bias", "Convolution", [X, R(4, 3, 3, 3)], {"kernel": (3, 3), "num_filter": 4, "no_bias": True}, **T)
op_case("conv_npx_alias", "_npx_convolution", [X, R(4, 3, 3, 3), R(4)], {"kernel": (3, 3), "num_filter": 4, "pad": (1, 1)},
        **T)
op_case("conv_float64", "Convolution", [X.astype("float64"), R(4, 3, 3, 3, dtype="float64"), R(4, dtype="float64")],
        {"kernel": (3, 3), "num_filter": 4, "stride": (2, 2), "pad": (1, 1)}, rtol=1e-10, atol=1e-10)
op_case("conv_batch_4", "Convolution", [R(4, 3, 6, 6), R(2, 3, 3, 3), R(2)], {"kernel": (3, 3), "num_filter": 2}, **T)
error_case("conv_group_mismatch", "Convolution", [R(1, 3, 5, 5), R(4, 1, 3, 3), R(4)],
           {"kernel": (3, 3), "num_filter": 4, "num_group": 2})
error_case("conv_kernel_too_big", "Convolution", [R(1, 3, 5, 5), R(4, 3, 7, 7), R(4)], {"kernel": (7, 7), "num_filter": 4})
error_case("conv_rank_mismatch", "Convolution", [R(1, 3, 5, 5), R(4, 3, 3), R(4)], {"kernel": (3,), "num_filter": 4})
error_case("conv_weight_mismatch", "Convolution", [R(1, 3, 5, 5), R(4, 2, 3, 3), R(4)], {"kernel": (3, 3), "num_filter": 4})

# MARK: Deconvolution (no bias unless no_bias=False)
Y = R(2, 3, 4, 4)
for name, x, w, attrs in [
    ("basic", Y, R(3, 2, 3, 3), {"kernel": (3, 3), "num_filter": 2}),
    ("stride_pad_adj", Y, R(3, 2, 3, 3), {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "pad": (1, 1),
                                          "adj": (1, 1)}),
    ("target_shape", Y, R(3, 2, 3, 3), {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "target_shape": (8, 8)}),
    ("target_shape_odd", Y, R(3, 2, 4, 4), {"kernel": (4, 4), "num_filter": 2, "stride": (2, 2),
                                            "target_shape": (7, 8)}),
    ("dilate", Y, R(3, 2, 3, 3), {"kernel": (3, 3), "num_filter": 2, "dilate": (2, 2), "stride": (2, 2)}),
    ("groups", R(2, 4, 3, 3), R(4, 3, 3, 3), {"kernel": (3, 3), "num_filter": 6, "num_group": 2, "stride": (2, 2)}),
    ("asymmetric", Y, R(3, 2, 2, 3), {"kernel": (2, 3), "num_filter": 2, "stride": (1, 2), "pad": (0, 1)}),
    ("one_by_one", Y, R(3, 5, 1, 1), {"kernel": (1, 1), "num_filter": 5}),
    ("1d", R(2, 3, 5), R(3, 2, 3), {"kernel": (3,), "num_filter": 2, "stride": (2,), "pad": (1,), "adj": (1,)}),
    ("3d", R(1, 2, 3, 3, 3), R(2, 2, 2, 2, 2), {"kernel": (2, 2, 2), "num_filter": 2, "stride": (2, 2, 2)}),
]:
    op_case("deconv_" + name, "Deconvolution", [x, w], attrs, **T)
op_case("deconv_bias", "Deconvolution", [Y, R(3, 2, 3, 3), R(2)],
        {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "no_bias": False}, **T)
op_case("deconv_npx_alias", "_npx_deconvolution", [Y, R(3, 2, 3, 3)], {"kernel": (3, 3), "num_filter": 2, "pad": (1, 1)},
        **T)
op_case("deconv_float64", "Deconvolution", [Y.astype("float64"), R(3, 2, 3, 3, dtype="float64")],
        {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "pad": (1, 1)}, rtol=1e-10, atol=1e-10)
error_case("deconv_adj_too_big", "Deconvolution", [Y, R(3, 2, 3, 3)],
           {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "adj": (2, 2)})
error_case("deconv_target_too_big", "Deconvolution", [Y, R(3, 2, 3, 3)],
           {"kernel": (3, 3), "num_filter": 2, "stride": (2, 2), "target_shape": (12, 12)})
error_case("deconv_weight_mismatch", "Deconvolution", [Y, R(2, 2, 3, 3)], {"kernel": (3, 3), "num_filter": 2})

# MARK: Deferred parameter shapes: MXNet's symbolic shape inference from the data shape alone
shape_cases = []
if not NATIVE:
    import mxnet as mx
    for name, op, data, attrs in [
        ("fc", "FullyConnected", (2, 3, 5), {"num_hidden": 4}),
        ("fc_no_flatten", "FullyConnected", (2, 3, 5), {"num_hidden": 4, "flatten": False}),
        ("fc_no_bias", "FullyConnected", (2, 5), {"num_hidden": 4, "no_bias": True}),
        ("conv", "Convolution", (1, 4, 7, 7), {"kernel": (3, 3), "num_filter": 6, "num_group": 2}),
        ("conv_1d", "Convolution", (1, 4, 9), {"kernel": (3,), "num_filter": 6, "stride": (2,)}),
        ("conv_3d", "Convolution", (1, 2, 5, 6, 7), {"kernel": (3, 2, 1), "num_filter": 3, "no_bias": True}),
        ("deconv", "Deconvolution", (1, 2, 5, 5), {"kernel": (3, 3), "num_filter": 4, "stride": (2, 2)}),
        ("deconv_bias_groups", "Deconvolution", (1, 4, 5, 5), {"kernel": (3, 3), "num_filter": 6, "num_group": 2,
                                                               "no_bias": False}),
    ]:
        sym = getattr(mx.sym, op)(mx.sym.var("data"), name="layer", **attrs)
        args, outs, _ = sym.infer_shape(data=data)
        shape_cases.append({"name": name, "op": op, "attrs": {k: str(v) for k, v in attrs.items()},
                            "arg_shapes": [list(a) for a in args], "out_shapes": [list(o) for o in outs]})

if failed:
    sys.exit("cases MXNet could not run:\n" + "\n".join(failed))
if NATIVE:
    backends.emit(cases)
else:
    write("convolution", backends.merge(cases, __file__), __file__)
    write("convolution_shapes", shape_cases, __file__)
