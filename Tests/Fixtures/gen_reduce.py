"""Generates Tests/MXNetTests/Fixtures/reduce.json: NumPy and MXNet 1.x reductions (sum, prod, mean, max, min,
all, any, argmax, argmin, std, var, cumsum, norm, nansum, nanprod, argmax_channel), forward and gradient, from
real MXNet 1.9.1 (see oracle.py). Cases MXNet 1.9.1 gets wrong or lacks come from NumPy (numpy_case)."""
import numpy as onp
from oracle import fd_case, op_case, error_case, numpy_case, rand, write

cases = []
A = rand((2, 3, 4), seed=11)
P = rand((2, 3, 4), low=0.5, high=1.5, seed=12)    # positive, for prod
I = onp.array([[7, -3, 0, 2], [5, 2, -8, 2], [1, 1, 9, -4]], dtype="int32")
N = A.copy(); N[0, 1, 2] = onp.nan; N[1, 0, 0] = onp.nan
E = onp.zeros((0, 3), "float32")
Z = onp.array(2.5, "float32")


# MARK: NumPy reductions
axes_cases = [({}, "all"), ({"axis": (1,), "keepdims": True}, "axis1_keepdims"), ({"axis": (0, 2)}, "axes02"),
              ({"axis": (-1,)}, "axis_neg1"), ({"axis": ()}, "axis_empty"), ({"keepdims": True}, "all_keepdims"),
              ({"axis": (2, 0, 1)}, "axes_all_tuple")]
for op in ["_np_sum", "_np_prod", "_npi_mean", "_np_max", "_np_min"]:
    x = P if op == "_np_prod" else A
    for attrs, tag in axes_cases:
        cases.append(op_case("%s_%s" % (op, tag), op, [x], attrs, rtol=1e-4))
    cases.append(op_case(op + "_float64", op, [x.astype("float64")], {"axis": (1,)}, rtol=1e-10))
    cases.append(op_case(op + "_float16", op, [x.astype("float16")], {"axis": (2,)}, rtol=2e-3, atol=2e-3))
    cases.append(op_case(op + "_int32", op, [I], {"axis": (1,)}, grad=[]))
    cases.append(op_case(op + "_int32_all", op, [I], grad=[]))
    cases.append(op_case(op + "_0d", op, [Z]))
    if op in ("_np_max", "_np_min"):
        cases.append(error_case(op + "_0d_axis0", op, [Z], {"axis": (0,)}))
    else:
        cases.append(op_case(op + "_0d_axis0", op, [Z], {"axis": (0,)}, grad=[]))
    cases.append(error_case(op + "_bad_axis", op, [A], {"axis": (3,)}))
    cases.append(error_case(op + "_duplicate_axis", op, [A], {"axis": (0, -3)}))
    cases.append(op_case(op + "_uint8", op, [onp.array([[3, 200], [7, 1]], "uint8")], {"axis": (0,)}, grad=[]))
for op in ["_np_max", "_np_min"]:
    cases.append(op_case(op + "_zero_size_kept", op, [E], {"axis": (1,)}, grad=[]))
# MXNet 1.9.1 fails asynchronously on this one.
cases.append(numpy_case("_np_sum_zero_size_kept", "_np_sum", [E], [onp.sum(E, axis=1)], {"axis": (1,)}))
cases.append(op_case("_np_sum_zero_size", "_np_sum", [E], {"axis": (0,)}, grad=[]))
cases.append(op_case("_np_sum_zero_size_all", "_np_sum", [E], grad=[]))
for op in ["_np_max", "_np_min"]:
    cases.append(error_case(op + "_zero_size_error", op, [E], {"axis": (0,)}))
    cases.append(error_case(op + "_zero_size_all_error", op, [E]))
    cases.append(op_case(op + "_nan", op, [N], {"axis": (2,)}))
    cases.append(op_case(op + "_nan_all", op, [N], grad=[]))
    cases.append(op_case(op + "_ties", op, [onp.array([[1, 3, 3], [2, 2, 1]], "float32")], {"axis": (1,)}))
    cases.append(op_case(op + "_bool", op, [onp.array([[True, False], [True, True]])], {"axis": (1,)}, grad=[]))
cases.append(op_case("_np_amax_alias", "_np_amax", [A], {"axis": (0,)}))
cases.append(op_case("_np_amin_alias", "_np_amin", [A], {"axis": (0,)}))
cases.append(op_case("_np_product_alias", "_np_product", [P], {"axis": (1,)}))
cases.append(op_case("_np_sum_nan", "_np_sum", [N], {"axis": (1,)}, grad=[]))
cases.append(op_case("_np_sum_bool", "_np_sum", [onp.array([[True, False], [True, True]])], grad=[]))
cases.append(op_case("_np_prod_bool", "_np_prod", [onp.array([[True, False], [True, True]])], {"axis": (1,)}, grad=[]))
cases.append(op_case("_npi_mean_bool", "_npi_mean", [onp.array([[True, False], [True, True]])], grad=[]))
cases.append(op_case("_np_sum_dtype_float64", "_np_sum", [A], {"axis": (2,), "dtype": "float64"}, grad=[]))
cases.append(op_case("_np_sum_int_to_float", "_np_sum", [I], {"dtype": "float32"}, grad=[]))
cases.append(op_case("_np_sum_float_to_int", "_np_sum", [onp.array([0.6, 0.7, 1.6], "float32")], {"dtype": "int32"},
                     grad=[]))
cases.append(op_case("_np_sum_uint8_to_int32", "_np_sum", [onp.array([100, 100, 100], "uint8")], {"dtype": "int32"},
                     grad=[]))
cases.append(op_case("_np_prod_dtype_float64", "_np_prod", [P], {"axis": (0,), "dtype": "float64"}, grad=[]))
cases.append(op_case("_npi_mean_int_dtype_float64", "_npi_mean", [I], {"axis": (0,), "dtype": "float64"}, grad=[]))
cases.append(op_case("_npi_mean_float_dtype_int32", "_npi_mean", [A * 3], {"axis": (2,), "dtype": "int32"}, grad=[]))
cases.append(op_case("_npi_mean_uint8", "_npi_mean", [onp.array([[3, 200], [7, 1]], "uint8")], grad=[]))
cases.append(error_case("_np_sum_initial", "_np_sum", [A], {"initial": 2}))
# MXNet 1.9.1 fills empty prod/mean results with 0; NumPy (and MXNet 2.0's intent) give 1 and NaN.
cases.append(numpy_case("_np_prod_zero_size", "_np_prod", [E], [onp.prod(E, axis=0)], {"axis": (0,)}))
with onp.errstate(invalid="ignore"):
    cases.append(numpy_case("_npi_mean_zero_size", "_npi_mean", [E], [onp.mean(E, axis=0)], {"axis": (0,)}))

# MARK: all / any
Bo = onp.array([[True, False, True], [True, True, True]])
for op in ["_np_all", "_np_any"]:
    cases.append(op_case(op, op, [Bo], grad=[]))
    cases.append(op_case(op + "_axis1", op, [Bo], {"axis": (1,)}, grad=[]))
    cases.append(op_case(op + "_keepdims", op, [Bo], {"axis": (0,), "keepdims": True}, grad=[]))
    cases.append(op_case(op + "_float", op, [onp.array([[0.0, 1.5], [onp.nan, 0.0]], "float32")], {"axis": (1,)}, grad=[]))
    cases.append(op_case(op + "_int32", op, [I], {"axis": (0,)}, grad=[]))
    cases.append(op_case(op + "_zero_size", op, [E], {"axis": (0,)}, grad=[]))
    cases.append(op_case(op + "_zero_size_all", op, [E], grad=[]))
    cases.append(op_case(op + "_0d", op, [Z], grad=[]))

# MARK: argmax / argmin
Ti = onp.array([[1, 7, 3, 7], [7, 5, 7, 0], [2, 2, 2, 2]], "float32")
for op in ["_npi_argmax", "_npi_argmin", "argmax", "argmin"]:
    cases.append(op_case(op + "_all", op, [Ti], grad=[]))
    cases.append(op_case(op + "_axis1", op, [Ti], {"axis": 1}, grad=[]))
    cases.append(op_case(op + "_axis_neg2_keepdims", op, [Ti], {"axis": -2, "keepdims": True}, grad=[]))
    cases.append(op_case(op + "_keepdims_all", op, [Ti], {"keepdims": True}, grad=[]))
    cases.append(op_case(op + "_int32", op, [I], {"axis": 0}, grad=[]))
    cases.append(op_case(op + "_float64", op, [A.astype("float64")], {"axis": 2}, grad=[]))
    cases.append(op_case(op + "_nan", op, [N], {"axis": 2}, grad=[]))
    cases.append(op_case(op + "_3d_axis1", op, [A], {"axis": 1}, grad=[]))
    cases.append(op_case(op + "_0d", op, [Z], grad=[]))
    cases.append(op_case(op + "_zero_size_kept", op, [E], {"axis": 1}, grad=[]))
    cases.append(error_case(op + "_zero_size_error", op, [E], {"axis": 0}))
    cases.append(error_case(op + "_bad_axis", op, [A], {"axis": 3}))
cases.append(op_case("argmax_channel", "argmax_channel", [A], grad=[]))
cases.append(op_case("argmax_channel_int32", "argmax_channel", [I], grad=[]))
cases.append(error_case("argmax_channel_1d", "argmax_channel", [onp.arange(3, dtype="float32")]))

# MARK: std / var
# MXNet gives std and var a zero gradient; the true gradients are checked against NumPy in gen_reduce_np.py.
for op in ["_npi_std", "_npi_var"]:
    cases.append(op_case(op + "_all", op, [A], grad=[], rtol=1e-4))
    cases.append(op_case(op + "_axis1", op, [A], {"axis": (1,)}, grad=[], rtol=1e-4))
    cases.append(op_case(op + "_axes_keepdims", op, [A], {"axis": (0, 2), "keepdims": True}, grad=[], rtol=1e-4))
    cases.append(op_case(op + "_ddof1", op, [A], {"axis": (2,), "ddof": 1}, grad=[], rtol=1e-4))
    cases.append(op_case(op + "_float64", op, [A.astype("float64")], {"axis": (-1,)}, grad=[], rtol=1e-10))
    cases.append(op_case(op + "_int32", op, [I], {"axis": (1,)}, grad=[]))
    cases.append(op_case(op + "_int32_dtype_float32", op, [I], {"dtype": "float32"}, grad=[], rtol=1e-4))
    cases.append(op_case(op + "_axis_empty", op, [A], {"axis": ()}, grad=[]))
    cases.append(op_case(op + "_zero_size", op, [E], {"axis": (0,)}, grad=[]))
    cases.append(op_case(op + "_0d", op, [Z], grad=[]))
    cases.append(op_case(op + "_nan", op, [N], {"axis": (2,)}, grad=[]))
cases.append(op_case("_npi_std_constant_row", "_npi_std", [onp.array([[1, -2, 3], [0, 0, 0]], "float32")], {"axis": (1,)},
                     grad=[]))
# MXNet's zero gradients are not the derivative: ours are checked by finite differences.
cases.append(fd_case("_npi_std_fd", "_npi_std", [A], {"axis": (1,)}, rtol=1e-4))
cases.append(fd_case("_npi_var_fd", "_npi_var", [A], {"axis": (0, 2), "ddof": 1}, rtol=1e-4))

# MARK: cumsum
for attrs, tag in [({}, "flat"), ({"axis": 0}, "axis0"), ({"axis": 1}, "axis1"), ({"axis": 2}, "axis2")]:
    cases.append(op_case("_np_cumsum_" + tag, "_np_cumsum", [A], attrs, rtol=1e-4))
    cases.append(op_case("_np_cumsum_int32_" + tag, "_np_cumsum", [I.reshape(3, 2, 2)], attrs, grad=[]))
cases.append(op_case("_np_cumsum_dtype", "_np_cumsum", [I], {"axis": 1, "dtype": "float64"}, grad=[]))
cases.append(op_case("_np_cumsum_bool", "_np_cumsum", [onp.array([True, False, True])], grad=[]))
cases.append(op_case("_np_cumsum_uint8", "_np_cumsum", [onp.array([200, 100, 1], "uint8")], grad=[]))
cases.append(op_case("_np_cumsum_0d", "_np_cumsum", [Z]))
cases.append(op_case("_np_cumsum_zero_size", "_np_cumsum", [E], grad=[]))
cases.append(op_case("cumsum_alias", "cumsum", [A], {"axis": 1}))
cases.append(error_case("_np_cumsum_bad_axis", "_np_cumsum", [A], {"axis": 3}))
# MXNet 1.9.1 rejects negative axes here; NumPy accepts them.
cases.append(numpy_case("_np_cumsum_negative_axis", "_np_cumsum", [A], [onp.cumsum(A, axis=-1)], {"axis": -1}, rtol=1e-5))

# MARK: MXNet 1.x reductions
for op in ["sum", "mean", "prod", "max", "min", "nansum", "nanprod"]:
    x = P if "prod" in op else A
    cases.append(op_case(op + "_all", op, [x], rtol=1e-4))
    cases.append(op_case(op + "_axis1", op, [x], {"axis": (1,)}, rtol=1e-4))
    cases.append(op_case(op + "_exclude", op, [x], {"axis": (1,), "exclude": True}, rtol=1e-4))
    cases.append(op_case(op + "_exclude_keepdims", op, [x], {"axis": (0, 2), "exclude": True, "keepdims": True}, rtol=1e-4))
    cases.append(op_case(op + "_axis_empty", op, [x], {"axis": ()}, rtol=1e-4))
    cases.append(op_case(op + "_keepdims_all", op, [x], {"keepdims": True}, rtol=1e-4))
    cases.append(op_case(op + "_int32", op, [I], {"axis": (0,)}, grad=[]))
    cases.append(op_case(op + "_0d", op, [Z]))
    cases.append(error_case(op + "_duplicate_axis", op, [x], {"axis": (0, 0)}))
for op in ["nansum", "nanprod"]:
    cases.append(op_case(op + "_nan", op, [onp.array([[1, onp.nan, 3], [2, 5, 0.5]], "float32")], {"axis": (1,)}))
for op in ["sum", "mean", "prod", "nansum"]:
    cases.append(op_case(op + "_zero_size", op, [E], {"axis": (0,)}, grad=[]))
cases.append(op_case("sum_axis_alias", "sum_axis", [A], {"axis": (2,)}))
cases.append(op_case("max_axis_alias", "max_axis", [A], {"axis": (2,)}))
cases.append(op_case("min_axis_alias", "min_axis", [A], {"axis": (0,)}))
cases.append(op_case("max_nan", "max", [N], {"axis": (1,)}, grad=[]))
cases.append(error_case("max_zero_size_error", "max", [E], {"axis": (1,)}))

# MARK: norms
V = rand((2, 3, 4), seed=31)
M = onp.array([[1, -2, 3], [4, 5, -6]], "float32")
cases.append(op_case("norm_default", "norm", [V], rtol=1e-4))
cases.append(op_case("norm_ord1_axis1", "norm", [V], {"ord": 1, "axis": (1,)}, rtol=1e-4))
cases.append(op_case("norm_axis_pair_keepdims", "norm", [V], {"axis": (0, 2), "keepdims": True}, rtol=1e-4))
cases.append(op_case("norm_int32_ord1", "norm", [I], {"ord": 1}, grad=[]))
cases.append(op_case("norm_zero_row", "norm", [onp.array([[1, -2, 3], [0, 0, 0]], "float32")], {"axis": (1,)}))
cases.append(op_case("norm_0d", "norm", [onp.array(-2.0, "float32")]))
cases.append(error_case("norm_ord3", "norm", [V], {"ord": 3}))
for attrs, tag in [({"ord": 2, "flag": -2}, "all"), ({"ord": 2, "flag": -2, "keepdims": True}, "all_keepdims"),
                   ({"ord": 2, "axis": (1,), "flag": -1}, "vec2"), ({"ord": 1, "axis": (1,), "flag": -1}, "vec1"),
                   ({"ord": 3, "axis": (2,), "flag": -1}, "vec3"), ({"ord": -1, "axis": (2,), "flag": -1}, "vec_neg1"),
                   ({"ord": 2, "axis": (1, 2), "flag": 1}, "fro"), ({"ord": 2, "axis": (0,), "flag": 1}, "fro_1axis"),
                   ({"ord": 2, "axis": (1, 2), "flag": 1, "keepdims": True}, "fro_keepdims"),
                   ({"ord": 2, "flag": 1}, "fro_default_axes")]:
    cases.append(op_case("_npi_norm_" + tag, "_npi_norm", [V], attrs, rtol=1e-4))
cases.append(op_case("_npi_norm_vec0", "_npi_norm", [onp.round(V)], {"ord": 0, "axis": (1,), "flag": -1}))
for attrs, tag in [({"ord": 1, "flag": -1}, "mat1"), ({"ord": -1, "flag": -1}, "mat_neg1"),
                   ({"ord": 1, "axis": (1, 0), "flag": -1}, "mat1_swapped"), ({"ord": 2, "flag": -1}, "mat2"),
                   ({"ord": -2, "flag": -1}, "mat_neg2"), ({"ord": 2, "flag": 2}, "nuc"),
                   ({"ord": 2, "flag": 0, "keepdims": True}, "mat2_keepdims")]:
    # MXNet 1.9.1 multiplies the matrix 1-norm gradient by the head gradient twice; see gen_reduce_np.py.
    grad = []
    cases.append(op_case("_npi_norm_" + tag, "_npi_norm", [M], attrs, grad=grad, rtol=1e-4))
cases.append(op_case("_npi_norm_batch_mat2", "_npi_norm", [V], {"ord": 2, "axis": (1, 2), "flag": 0}, grad=[], rtol=1e-4))
cases.append(op_case("_npi_norm_batch_nuc", "_npi_norm", [V], {"ord": 2, "axis": (0, 2), "flag": 2}, grad=[], rtol=1e-4))
cases.append(op_case("_npi_norm_float64", "_npi_norm", [V.astype("float64")], {"ord": 2, "flag": -2}, rtol=1e-10))
cases.append(op_case("_npi_norm_float16", "_npi_norm", [V.astype("float16")], {"ord": 2, "flag": -2}, rtol=2e-3, atol=1e-3))
cases.append(op_case("_npi_norm_zero_size", "_npi_norm", [E], {"ord": 2, "flag": -2}, grad=[]))
cases.append(op_case("_npi_norm_0d", "_npi_norm", [Z], {"ord": 2, "flag": -2}))

write("reduce", cases, __file__)

# MARK: Large inputs
# Every kernel path (contiguous rows, strided accumulation, split reductions) on both cores. The inputs are
# generated by a formula both sides share (ReduceTests.patterned), so only the expected outputs are stored.


def patterned(shape):
    """x[i] = ((i * 7919) % 201 - 100) / 4: exact in float32."""
    i = onp.arange(int(onp.prod(shape)), dtype="int64")
    return (((i * 7919) % 201 - 100) / 4).astype("float32").reshape(shape)


large = []


def large_case(name, op, shape, attrs, rtol=1e-5, atol=1e-6):
    c = op_case(name, op, [patterned(shape)], attrs, grad=[], rtol=rtol, atol=atol)
    c["inputs"] = [{"dtype": "float32", "shape": list(shape), "pattern": "quarters"}]
    large.append(c)


for tag, shape, attrs in [("rows", (3, 30000), {"axis": (1,)}), ("cols", (30000, 3), {"axis": (0,)}),
                          ("full", (3, 30000), {}), ("mid", (40, 50, 40), {"axis": (1,)}),
                          ("outer_inner", (40, 50, 40), {"axis": (0, 2)})]:
    large_case("_np_sum_large_" + tag, "_np_sum", shape, attrs, atol=1e-3)
    large_case("_np_max_large_" + tag, "_np_max", shape, attrs)
    large_case("_np_prod_large_" + tag, "_np_prod", shape, attrs, rtol=1e-4)
    if attrs.get("axis") and len(attrs["axis"]) == 1:
        large_case("_npi_argmax_large_" + tag, "_npi_argmax", shape, {"axis": attrs["axis"][0]})
        large_case("_npi_argmin_large_" + tag, "_npi_argmin", shape, {"axis": attrs["axis"][0]})
large_case("_npi_argmax_large_full", "_npi_argmax", (3, 30000), {})
large_case("_npi_std_large_rows", "_npi_std", (3, 30000), {"axis": (1,)}, rtol=1e-4)
large_case("_npi_var_large_full", "_npi_var", (3, 30000), {}, rtol=1e-4)
large_case("_npi_mean_large_cols", "_npi_mean", (30000, 3), {"axis": (0,)}, rtol=1e-4)
large_case("_np_all_large", "_np_all", (3, 30000), {"axis": (1,)})
large_case("_npi_norm_large", "_npi_norm", (3, 30000), {"ord": 2, "flag": -2}, rtol=1e-4)
large_case("_np_cumsum_large_rows", "_np_cumsum", (3, 25000), {"axis": 1}, atol=1e-2)
large_case("_np_cumsum_large_cols", "_np_cumsum", (25000, 3), {"axis": 0}, atol=1e-2)
write("reduce_large", large, __file__)
