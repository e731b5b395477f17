"""Generates Tests/MXNetTests/Fixtures/indexing.json: slicing, take, gather/scatter and boolean-mask operators,
forward and gradient, from real MXNet 1.9.1 (see oracle.py). The in-place-only assignment operators
(_npi_scatter_set_nd, _npi_boolean_mask_assign_*) cannot run out of place in MXNet; their expected values
come from NumPy."""
import numpy as onp
from oracle import fd_case, op_case, error_case, numpy_case, rand, write, encode


def _assign(x, region, v):
    out = x.copy()
    out[region] = v
    return out

cases = []
A = rand((4, 5), seed=11)
C = rand((2, 3, 4), seed=12)
V = rand((10,), seed=13)
I32 = onp.arange(20, dtype="int32").reshape(4, 5)

# --- slice ---------------------------------------------------------------------------------------------------------
slices = [
    ("rows", A, {"begin": (1,), "end": (3,)}),
    ("both_axes", A, {"begin": (1, 0), "end": (4, 3)}),
    ("none_entries", A, {"begin": (None, 2), "end": (None, None)}),
    ("negative_bounds", A, {"begin": (-3, -4), "end": (-1, -1)}),
    ("step", A, {"begin": (0, 0), "end": (4, 5), "step": (2, 3)}),
    ("negative_step", A, {"begin": (None, None), "end": (None, None), "step": (-1, -2)}),
    ("negative_step_bounds", V, {"begin": (8,), "end": (1,), "step": (-3,)}),
    ("overshoot_end", V, {"begin": (2,), "end": (20,)}),
    ("step_none", V, {"begin": (2,), "end": (8,), "step": (None,)}),
    ("empty_tuples", V, {"begin": (), "end": ()}),
    ("3d_partial", C, {"begin": (1, None), "end": (2, 2)}),
    ("3d_all", C, {"begin": (None, 2, 1), "end": (None, 0, None), "step": (None, -1, 2)}),
]
for name, x, attrs in slices:
    cases.append(op_case("slice_" + name, "slice", [x], attrs))
cases.append(op_case("npi_slice", "_npi_slice", [A], {"begin": (1, 1), "end": (3, 4)}))
cases.append(op_case("npx_slice", "_npx_slice", [A], {"begin": (0,), "end": (2,)}))
cases.append(op_case("crop", "crop", [A], {"begin": (0, 1), "end": (2, 5)}))
for dt in ["float64", "float16", "int32", "int64", "uint8", "bool"]:
    cases.append(op_case("slice_" + dt, "slice", [(A * 3).astype(dt)], {"begin": (1, None), "end": (None, 4), "step": (2, -1)},
                         grad=[] if dt in ("int32", "int64", "uint8", "bool") else None, rtol=1e-3))
cases.append(error_case("slice_step_zero", "slice", [V], {"begin": (2,), "end": (8,), "step": (0,)}))
cases.append(error_case("slice_too_many_axes", "slice", [V], {"begin": (1, 2), "end": (3, 4)}))
cases.append(error_case("slice_0d", "slice", [onp.array(3.0, "float32")], {"begin": (), "end": ()}))

# --- slice assignment -------------------------------------------------------------------------------------------
R22 = rand((4, 2), seed=14)
# MXNet 1.9.1 registers no gradient for the slice assignments; gradients are checked from NumPy below.
cases.append(op_case("slice_assign", "_npi_slice_assign", [A, R22], {"begin": (None, 1), "end": (None, 3)}, grad=[]))
cases.append(op_case("slice_assign_negative_step", "_slice_assign", [A, R22],
                     {"begin": (None, 4), "end": (None, 0), "step": (None, -2)}, grad=[]))
cases.append(op_case("slice_assign_3d", "_npi_slice_assign", [C, rand((1, 3, 2), seed=15)],
                     {"begin": (1, None, 0), "end": (2, None, 4), "step": (None, None, 2)}, grad=[]))
def with_numpy_grads(case, heads, grads):
    """Adds head gradients and NumPy-computed input gradients to a case."""
    case["head_grads"] = [encode(h) for h in heads]
    case["input_grads"] = [None if g is None else encode(g) for g in grads]
    return case
H = rand((4, 5), seed=19)
region = (slice(None), slice(4, 0, -2))
d_lhs = H.copy(); d_lhs[region] = 0
cases.append(with_numpy_grads(
    numpy_case("slice_assign_grad", "_npi_slice_assign", [A, R22], [_assign(A, region, R22)], {"begin": (None, 4), "end": (None, 0), "step": (None, -2)}),
    [H], [d_lhs, H[region]]))
cases.append(with_numpy_grads(
    numpy_case("slice_assign_scalar_grad", "_npi_slice_assign_scalar", [A], [_assign(A, region, 7)],
               {"begin": (None, 4), "end": (None, 0), "step": (None, -2), "scalar": 7}),
    [H], [d_lhs]))
cases.append(op_case("crop_assign_int32", "_crop_assign", [I32, onp.full((2, 5), -1, "int32")],
                     {"begin": (1,), "end": (3,)}))
cases.append(error_case("slice_assign_bad_rhs", "_npi_slice_assign", [A, rand((1, 2), seed=16)],
                        {"begin": (None, 1), "end": (None, 3)}))
cases.append(op_case("slice_assign_scalar", "_npi_slice_assign_scalar", [A],
                     {"begin": (None, 4), "end": (None, 0), "step": (None, -2), "scalar": 7}, grad=[]))
cases.append(op_case("slice_assign_scalar_legacy", "_slice_assign_scalar", [C], {"begin": (0, 1), "end": (1, 3), "scalar": -2.5},
                     grad=[]))
cases.append(op_case("slice_assign_scalar_int32", "_npi_slice_assign_scalar", [I32], {"begin": (2,), "end": (None,), "scalar": 9}))

# --- slice_axis / slice_like -------------------------------------------------------------------------------------
for name, attrs in [("end_none", {"axis": 1, "begin": 1, "end": "None"}),
                    ("negative", {"axis": -1, "begin": -3, "end": -1}),
                    ("axis0", {"axis": 0, "begin": 1, "end": 3})]:
    cases.append(op_case("slice_axis_" + name, "slice_axis", [A], attrs))
cases.append(op_case("slice_axis_3d", "slice_axis", [C], {"axis": 1, "begin": 0, "end": 2}))
for name, attrs in [("end_past", {"axis": 1, "begin": 3, "end": 10}), ("reversed", {"axis": 1, "begin": 3, "end": 2}),
                    ("begin_low", {"axis": 1, "begin": -10, "end": 2}), ("bad_axis", {"axis": 2, "begin": 0, "end": 1})]:
    cases.append(error_case("slice_axis_" + name, "slice_axis", [A], attrs))
Z13 = onp.zeros((1, 3), "float32")
cases.append(op_case("slice_like_all", "slice_like", [A, Z13], grad=[0]))
cases.append(op_case("slice_like_axes", "slice_like", [A, Z13], {"axes": (1,)}, grad=[0]))
cases.append(op_case("slice_like_negative_axis", "slice_like", [A, Z13], {"axes": (-1,)}, grad=[0]))
cases.append(op_case("slice_like_3d", "slice_like", [C, onp.zeros((2, 2, 2), "float32")], {"axes": (1, 2)}, grad=[0]))
cases.append(error_case("slice_like_too_big", "slice_like", [A, onp.zeros((5, 3), "float32")]))
cases.append(error_case("slice_like_rank", "slice_like", [A, onp.zeros((1, 3, 4), "float32")]))
cases.append(error_case("slice_like_axis_past_like", "slice_like", [A, onp.zeros((3,), "float32")], {"axes": (1,)}))

# --- take --------------------------------------------------------------------------------------------------------
IDX = onp.array([[0, -1], [12, 3]], "int32")
cases.append(op_case("take_clip", "take", [A, IDX], {"axis": 1}, grad=[0]))
cases.append(op_case("take_wrap", "take", [A, IDX], {"axis": 1, "mode": "wrap"}, grad=[0]))
cases.append(op_case("take_axis0_repeats", "_npi_take", [A, onp.array([3, 0, 3, 3], "int64")], grad=[0]))
cases.append(op_case("take_negative_axis", "take", [C, onp.array([2, 0], "int64")], {"axis": -1}, grad=[0]))
cases.append(op_case("take_middle_axis", "take", [C, onp.array([[1], [2]], "int32")], {"axis": 1}, grad=[0]))
cases.append(op_case("take_0d_index", "take", [A, onp.array(1, "int64")], grad=[0]))
cases.append(op_case("take_float_indices", "take", [A, onp.array([0.7, 1.9], "float32")], {"axis": 1}, grad=[0]))
cases.append(op_case("take_raise_in_range", "take", [A, onp.array([4, 0], "int32")], {"axis": 1, "mode": "raise"}, grad=[0]))
cases.append(op_case("take_int32_data", "take", [I32, onp.array([1, 1], "int32")], grad=[]))
cases.append(op_case("take_float16", "take", [A.astype("float16"), onp.array([2, 0], "int32")], grad=[], rtol=1e-3))
cases.append(error_case("take_bad_axis", "take", [A, onp.array([0], "int32")], {"axis": 2}))

# --- gather_nd / scatter -----------------------------------------------------------------------------------------
GP = onp.array([[0, 1, -1], [1, -2, 4]], "int32")
# MXNet 1.9.1 crashes differentiating gather_nd with negative indices: that gradient comes from NumPy.
cases.append(op_case("gather_nd_points", "gather_nd", [A, GP], grad=[]))
HG = rand((3,), seed=20)
dA = onp.zeros_like(A); onp.add.at(dA, tuple(GP), HG)
cases.append(with_numpy_grads(numpy_case("gather_nd_points_grad", "gather_nd", [A, GP], [A[tuple(GP)]]), [HG], [dA, None]))
cases.append(op_case("gather_nd_positive_grad", "gather_nd", [A, onp.array([[0, 1, 1], [1, 2, 2]], "int32")], grad=[0]))
cases.append(op_case("gather_nd_rows", "gather_nd", [A, onp.array([[1], [0]], "int32")], grad=[0]))
cases.append(op_case("gather_nd_duplicates", "_npi_gather_nd", [C, onp.array([[1, 1, 0], [2, 2, 0]], "int64")], grad=[0]))
cases.append(op_case("gather_nd_grid", "_npx_gather_nd", [C, onp.array([[[0, 1], [1, 0]], [[2, 1], [0, 0]]], "int32")], grad=[0]))
cases.append(op_case("gather_nd_fractional", "gather_nd", [A, onp.array([[1.5, 0.2], [1.7, 3.9]], "float32")], grad=[]))
cases.append(op_case("gather_nd_int32_data", "gather_nd", [I32, onp.array([[3, 0]], "int32")], grad=[]))
cases.append(error_case("gather_nd_too_many_axes", "gather_nd", [A, onp.array([[0, 1], [1, 0], [0, 0]], "int32")]))
SI = onp.array([[0, 1, 0], [1, 0, 1]], "int32")
cases.append(op_case("scatter_nd", "scatter_nd", [onp.array([10, 20, 30], "float32"), SI], {"shape": (2, 5)}, grad=[]))
cases.append(op_case("scatter_nd_rows", "scatter_nd", [rand((2, 5), seed=17), onp.array([[3, 1]], "int32")],
                     {"shape": (4, 5)}, grad=[]))
cases.append(op_case("backward_gather_nd_adds", "_backward_gather_nd", [onp.array([10, 20, 30], "float32"), SI],
                     {"shape": (2, 5)}, grad=[]))
cases.append(fd_case("scatter_nd_fd", "scatter_nd", [onp.array([10, 20, 30], "float32"), onp.array([[0, 1, 1], [1, 0, 3]], "int32")],
                     {"shape": (2, 5)}))  # distinct targets: with duplicates the last write wins
cases.append(error_case("scatter_nd_bad_shape", "scatter_nd", [onp.array([10, 20], "float32"), SI], {"shape": (2, 5)}))

# --- boolean_mask ------------------------------------------------------------------------------------------------
cases.append(op_case("boolean_mask", "_npi_boolean_mask", [A, onp.array([True, False, True, True])], grad=[0]))
cases.append(op_case("boolean_mask_int_mask", "_contrib_boolean_mask", [C, onp.array([0, 1], "int32")], grad=[0]))
cases.append(op_case("boolean_mask_float_mask", "_npi_boolean_mask", [A, onp.array([0.0, 0.5, 0, 2], "float32")], grad=[0]))
cases.append(op_case("boolean_mask_none", "_npi_boolean_mask", [A, onp.zeros(4, bool)], grad=[0]))
cases.append(op_case("boolean_mask_int32_data", "_npi_boolean_mask", [I32, onp.array([1, 0, 0, 1], bool)], grad=[]))
cases.append(error_case("boolean_mask_wrong_length", "_npi_boolean_mask", [A, onp.array([True, False])]))

# --- in-place assignment ops (expected from NumPy) ------------------------------------------------------------------
def scatter_set(lhs, rhs, idx):
    out = lhs.copy()
    out[tuple(idx)] = rhs
    return out
IX = onp.array([[0, 3, 1], [4, 0, 2]], "int64")
cases.append(numpy_case("scatter_set_nd", "_npi_scatter_set_nd", [A, onp.array([1.0, 2.0, 3.0], "float32"), IX],
                        [scatter_set(A, onp.array([1.0, 2.0, 3.0], "float32"), IX)], {"shape": (4, 5)}, fd_grad=[0, 1]))
cases.append(numpy_case("scatter_set_nd_rows", "_scatter_set_nd", [A, onp.ones((2, 5), "float32"), onp.array([[2, 0]], "int32")],
                        [scatter_set(A, onp.ones((2, 5), "float32"), onp.array([[2, 0]]))], {"shape": (4, 5)}))
M = onp.array([True, False, True, False])
def mask_set(x, mask, v, start=0):
    out = x.copy()
    out[(slice(None),) * start + (mask,)] = v
    return out
cases.append(numpy_case("mask_assign_scalar", "_npi_boolean_mask_assign_scalar", [A, M], [mask_set(A, M, 7)],
                        {"value": 7, "start_axis": 0}, fd_grad=[0]))
cases.append(numpy_case("mask_assign_scalar_2d_mask", "_npi_boolean_mask_assign_scalar", [A, A > 0], [mask_set(A, A > 0, -1)],
                        {"value": -1, "start_axis": 0}))
M5 = onp.array([1, 0, 1, 0, 0], bool)
cases.append(numpy_case("mask_assign_scalar_axis1", "_npi_boolean_mask_assign_scalar", [A, M5], [mask_set(A, M5, 2, 1)],
                        {"value": 2, "start_axis": 1}))
row = onp.array([10, 20, 30, 40, 50], "float32")
cases.append(numpy_case("mask_assign_tensor_row", "_npi_boolean_mask_assign_tensor", [A, M, row], [mask_set(A, M, row)],
                        {"start_axis": 0}, fd_grad=[0, 2]))
rows = rand((2, 5), seed=18)
cases.append(numpy_case("mask_assign_tensor_rows", "_npi_boolean_mask_assign_tensor", [A, M, rows], [mask_set(A, M, rows)],
                        {"start_axis": 0}))
vals = onp.arange(onp.count_nonzero(A > 0), dtype="float32")
cases.append(numpy_case("mask_assign_tensor_2d_mask", "_npi_boolean_mask_assign_tensor", [A, A > 0, vals],
                        [mask_set(A, A > 0, vals)], {"start_axis": 0}))
col = onp.array([[1.0], [2.0], [3.0], [4.0]], "float32")
cases.append(numpy_case("mask_assign_tensor_axis1", "_npi_boolean_mask_assign_tensor", [A, M5, col], [mask_set(A, M5, col, 1)],
                        {"start_axis": 1}))
cases.append(error_case("mask_assign_shape_mismatch", "_npi_boolean_mask_assign_scalar", [A, onp.array([True, False])],
                        {"value": 7, "start_axis": 0}))

# Zero-size results last: after one, MXNet 1.9.1 sometimes fails later slices ("Check failed: delay_alloc").
cases.append(op_case("slice_past_end_empty", "slice", [V], {"begin": (12,), "end": (15,)}))
cases.append(op_case("slice_reversed_empty", "slice", [V], {"begin": (5,), "end": (2,)}))
cases.append(op_case("slice_zero_size_input", "slice", [onp.zeros((0, 3), "float32")], {"begin": (0, 1), "end": (None, 3)}))
# Errors raised while the kernel runs come last: MXNet's engine may hang on later calls after one.
cases.append(error_case("take_raise_out_of_range", "take", [A, IDX], {"axis": 1, "mode": "raise"}))
cases.append(error_case("take_raise_negative", "take", [A, onp.array([0, -1], "int32")], {"axis": 1, "mode": "raise"}))
cases.append(error_case("gather_nd_out_of_range", "gather_nd", [A, onp.array([[0, 1], [7, 9]], "int32")]))
cases.append(error_case("gather_nd_fractional_past_end", "gather_nd", [A, onp.array([[1.5, 0.2], [1.7, 4.9]], "float32")]))

write("indexing", cases, __file__)
