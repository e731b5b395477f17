"""Generates Tests/MXNetTests/Fixtures/pooling.json: Pooling (max, avg, sum, lp; valid/full conventions, padding,
global pooling, 1-3-d), forward and gradient, from real MXNet 1.9.1 (see oracle.py).

For average pooling with the 'full' convention, MXNet's oneDNN backward divides edge windows by the whole kernel
size while its forward divides by the clipped size; those cases run on MXNet's own kernels, whose backward matches
the forward (see oracle_backends.py)."""
import sys

import numpy as onp
from oracle import rand, write
from oracle_backends import Backends

NATIVE_CASES = {"pool_avg_full", "pool_avg_1d_full"}
backends = Backends(native=lambda name: name in NATIVE_CASES)

cases, failed, op_case, error_case = backends.cases, backends.failed, backends.op_case, backends.error_case


def R(*shape, dtype="float32", low=-2.0, high=2.0):
    return rand(shape, dtype=dtype, low=low, high=high, seed=sum(shape) * 17 + len(shape))


X2 = R(2, 3, 7, 7)
P2 = R(2, 3, 7, 7, low=0.2, high=2.0)   # positive: Lp gradients divide by the output
# Recorded in training mode: in predict mode MXNet's oneDNN max pooling keeps no argmax workspace and its backward
# sends every gradient to the window's first element.
T = dict(rtol=1e-4, atol=1e-5, train=True)

for name, x, attrs in [
    ("max_k2s2", X2, {"kernel": (2, 2), "stride": (2, 2)}),
    ("max_k3s2p1", X2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1)}),
    ("max_k3s1p1", X2, {"kernel": (3, 3), "pad": (1, 1)}),
    ("max_full", X2, {"kernel": (3, 3), "stride": (2, 2), "pooling_convention": "full"}),
    ("max_full_pad", X2, {"kernel": (2, 2), "stride": (3, 3), "pad": (1, 1), "pooling_convention": "full"}),
    ("max_asymmetric", X2, {"kernel": (2, 3), "stride": (1, 2), "pad": (1, 0)}),
    ("avg_k2s2", X2, {"kernel": (2, 2), "stride": (2, 2), "pool_type": "avg"}),
    ("avg_pad", X2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1), "pool_type": "avg"}),
    ("avg_pad_exclude", X2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1), "pool_type": "avg",
                             "count_include_pad": False}),
    ("avg_full", X2, {"kernel": (3, 3), "stride": (3, 3), "pool_type": "avg", "pooling_convention": "full"}),
    ("avg_full_pad", X2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1), "pool_type": "avg",
                          "pooling_convention": "full"}),
    ("avg_full_pad_exclude", X2, {"kernel": (3, 3), "stride": (3, 3), "pad": (1, 1), "pool_type": "avg",
                                  "pooling_convention": "full", "count_include_pad": False}),
    ("sum_k2s1", X2, {"kernel": (2, 2), "pool_type": "sum"}),
    ("sum_full_pad", X2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1), "pool_type": "sum",
                          "pooling_convention": "full"}),
    ("lp1", X2, {"kernel": (2, 2), "stride": (2, 2), "pool_type": "lp", "p_value": 1}),
    ("lp2", P2, {"kernel": (2, 2), "stride": (2, 2), "pool_type": "lp", "p_value": 2}),
    ("lp3", P2, {"kernel": (3, 3), "stride": (2, 2), "pool_type": "lp", "p_value": 3}),
    ("lp2_pad", P2, {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1), "pool_type": "lp", "p_value": 2}),
    ("global_max", X2, {"pool_type": "max", "global_pool": True}),
    ("global_avg", X2, {"pool_type": "avg", "global_pool": True}),
    ("global_avg_kernel_ignored", X2, {"kernel": (2, 2), "pool_type": "avg", "global_pool": True, "pad": (1, 1)}),
    ("global_sum", X2, {"pool_type": "sum", "global_pool": True}),
    ("global_lp2", P2, {"pool_type": "lp", "p_value": 2, "global_pool": True}),
    ("max_1d", R(2, 3, 9), {"kernel": (3,), "stride": (2,), "pad": (1,)}),
    ("avg_1d", R(2, 3, 9), {"kernel": (3,), "stride": (2,), "pad": (1,), "pool_type": "avg"}),
    ("avg_1d_full", R(2, 3, 8), {"kernel": (3,), "stride": (3,), "pool_type": "avg", "pooling_convention": "full"}),
    ("sum_1d", R(2, 3, 9), {"kernel": (2,), "pool_type": "sum"}),
    ("global_avg_1d", R(2, 3, 9), {"pool_type": "avg", "global_pool": True}),
    ("max_3d", R(1, 2, 5, 5, 5), {"kernel": (2, 2, 2), "stride": (2, 2, 2)}),
    ("max_3d_pad", R(1, 2, 4, 5, 6), {"kernel": (3, 3, 3), "stride": (2, 2, 2), "pad": (1, 1, 1)}),
    ("avg_3d", R(1, 2, 5, 5, 5), {"kernel": (3, 2, 2), "stride": (2, 1, 2), "pad": (1, 0, 1), "pool_type": "avg"}),
    ("avg_3d_exclude", R(1, 2, 5, 5, 5), {"kernel": (3, 3, 3), "stride": (2, 2, 2), "pad": (1, 1, 1),
                                          "pool_type": "avg", "count_include_pad": False}),
    ("global_max_3d", R(1, 2, 3, 4, 5), {"pool_type": "max", "global_pool": True}),
    ("layout_nchw", X2, {"kernel": (2, 2), "layout": "NCHW"}),
]:
    op_case("pool_" + name, "Pooling", [x], attrs, **T)
# Ties: the gradient goes to the first maximum in scan order.
ties = onp.round(R(1, 2, 6, 6)).astype("float32")
op_case("pool_max_ties", "Pooling", [ties], {"kernel": (3, 3), "stride": (1, 1)}, **T)
op_case("pool_npx_alias", "_npx_pooling", [X2], {"kernel": (2, 2), "stride": (2, 2), "pool_type": "avg"}, **T)
op_case("pool_float64", "Pooling", [X2.astype("float64")], {"kernel": (3, 3), "stride": (2, 2), "pad": (1, 1),
                                                             "pool_type": "avg"}, rtol=1e-10, atol=1e-12, train=True)
op_case("pool_max_float64", "Pooling", [X2.astype("float64")], {"kernel": (3, 3), "stride": (2, 2)}, rtol=1e-12,
        train=True)
op_case("pool_float16", "Pooling", [X2.astype("float16")], {"kernel": (2, 2), "stride": (2, 2), "pool_type": "avg"},
        rtol=2e-3, atol=2e-3, train=True)
error_case("pool_kernel_too_big", "Pooling", [X2], {"kernel": (9, 9)})
error_case("pool_rank_mismatch", "Pooling", [X2], {"kernel": (2,)})
error_case("pool_same_convention", "Pooling", [R(2, 3, 9)], {"kernel": (3,), "pooling_convention": "same"})
error_case("pool_lp_without_p", "Pooling", [X2], {"kernel": (2, 2), "pool_type": "lp"})
error_case("pool_lp_p4", "Pooling", [X2], {"kernel": (2, 2), "pool_type": "lp", "p_value": 4})
error_case("pool_2d_data", "Pooling", [R(3, 7)], {"kernel": (2,)})

if failed:
    sys.exit("cases MXNet could not run:\n" + "\n".join(failed))
if backends.is_child:
    backends.emit(cases)
else:
    write("pooling", backends.merge(cases, __file__), __file__)
