"""Generates Tests/MXNetTests/Fixtures/manipulation.json: transpose, swapaxes, moveaxis, expand_dims, squeeze,
concatenate/Concat, stack, vstack/hstack/dstack/column_stack, split/SliceChannel/hsplit, tile, repeat, flip,
roll, pad/Pad, where, clip, logical operators, sort, argsort, unique and nonzero, forward and gradient, from real
MXNet 1.9.1 (see oracle.py); NumPy supplies the ops 1.9.1 lacks (numpy_case)."""
import numpy as onp
from oracle import fd_case, encode, op_case, error_case, numpy_case, rand, write

cases = []
A = rand((2, 3, 4), seed=51)
B = rand((3, 4), seed=52)
I = onp.arange(12, dtype="int32").reshape(3, 4) - 5
H = A.astype("float16")
Z = onp.array(1.5, "float32")


def multi(name, op, inputs, attrs=None, **kw):
    """A case for an op with a variable number of inputs: num_args from the count."""
    attrs = dict(attrs or {})
    attrs["num_args"] = len(inputs)
    cases.append(op_case(name, op, inputs, attrs, **kw))


# MARK: axis order
for attrs, tag in [({}, "default"), ({"axes": (1, 0, 2)}, "102"), ({"axes": (-1, 0, 1)}, "negative"),
                   ({"axes": (0, 1, 2)}, "identity")]:
    cases.append(op_case("_np_transpose_" + tag, "_np_transpose", [A], attrs))
cases.append(op_case("_np_transpose_int32", "_np_transpose", [I], grad=[]))
cases.append(op_case("_np_transpose_float16", "_np_transpose", [H], {"axes": (2, 0, 1)}, rtol=1e-3))
cases.append(op_case("_np_transpose_0d", "_np_transpose", [Z]))
cases.append(op_case("_np_transpose_zero_size", "_np_transpose", [onp.zeros((0, 3), "float32")], grad=[]))
cases.append(op_case("transpose_legacy", "transpose", [A], {"axes": (2, 0, 1)}))
cases.append(op_case("transpose_legacy_empty_axes", "transpose", [A], {"axes": ()}))
cases.append(error_case("_np_transpose_repeated", "_np_transpose", [A], {"axes": (0, 0, 1)}))
cases.append(error_case("_np_transpose_short", "_np_transpose", [A], {"axes": (0, 1)}))
for attrs, tag in [({"dim1": 0, "dim2": 2}, "02"), ({"dim1": -1, "dim2": 0}, "negative"), ({"dim1": 1, "dim2": 1}, "same")]:
    cases.append(op_case("SwapAxis_" + tag, "SwapAxis", [A], attrs))
cases.append(op_case("swapaxes_alias", "swapaxes", [B], {"dim1": 0, "dim2": 1}))
cases.append(op_case("_npi_swapaxes_alias", "_npi_swapaxes", [I], {"dim1": 0, "dim2": 1}, grad=[]))
cases.append(error_case("SwapAxis_bad", "SwapAxis", [A], {"dim1": 3, "dim2": 0}))
for attrs, tag in [({"source": (0,), "destination": (-1,)}, "first_last"), ({"source": (0, 1), "destination": (2, 0)}, "two"),
                   ({"source": (-1,), "destination": (0,)}, "last_first")]:
    cases.append(op_case("_np_moveaxis_" + tag, "_np_moveaxis", [A], attrs))
cases.append(error_case("_np_moveaxis_bad", "_np_moveaxis", [A], {"source": (0,), "destination": (3,)}))
cases.append(error_case("_np_moveaxis_repeated", "_np_moveaxis", [A], {"source": (0, 0), "destination": (1, 2)}))

# MARK: unit axes
S = rand((1, 3, 1), seed=53)
for axis in [0, 3, -1, -4, 2]:
    cases.append(op_case("expand_dims_%d" % axis, "expand_dims", [A], {"axis": axis}))
cases.append(op_case("expand_dims_0d", "expand_dims", [Z], {"axis": 0}))
cases.append(op_case("_npi_expand_dims_alias", "_npi_expand_dims", [I], {"axis": 1}, grad=[]))
cases.append(error_case("expand_dims_bad", "expand_dims", [A], {"axis": 4}))
cases.append(error_case("expand_dims_bad_negative", "expand_dims", [A], {"axis": -5}))
for attrs, tag in [({}, "all"), ({"axis": (0,)}, "axis0"), ({"axis": (0, 2)}, "axes"), ({"axis": (-1,)}, "negative")]:
    cases.append(op_case("_np_squeeze_" + tag, "_np_squeeze", [S], attrs))
    cases.append(op_case("squeeze_" + tag, "squeeze", [S], attrs))
cases.append(op_case("_np_squeeze_to_0d", "_np_squeeze", [onp.ones((1, 1), "float32")]))
cases.append(op_case("squeeze_to_1", "squeeze", [onp.ones((1, 1), "float32")]))
cases.append(op_case("_np_squeeze_0d", "_np_squeeze", [Z]))
cases.append(error_case("_np_squeeze_not_one", "_np_squeeze", [S], {"axis": (1,)}))

# MARK: joining
B2 = rand((1, 4), seed=54)
multi("_npi_concatenate_axis0", "_npi_concatenate", [B, B2], {"axis": 0})
multi("_npi_concatenate_axis1", "_npi_concatenate", [B, rand((3, 2), seed=55)], {"axis": 1})
multi("_npi_concatenate_axis_neg", "_npi_concatenate", [A, A, A], {"axis": -1})
multi("_npi_concatenate_none", "_npi_concatenate", [B, A], {"axis": "None"})
multi("_npi_concatenate_one", "_npi_concatenate", [B])
multi("_npi_concatenate_int32", "_npi_concatenate", [I, I], {"axis": 1}, grad=[])
multi("_npi_concatenate_float16", "_npi_concatenate", [H, H], {"axis": 1}, rtol=1e-3)
multi("_npi_concatenate_zero_size", "_npi_concatenate", [onp.zeros((0, 4), "float32"), B], {"axis": 0})
multi("_npi_concatenate_0d_none", "_npi_concatenate", [Z, Z], {"axis": "None"})
cases.append(error_case("_npi_concatenate_mismatch", "_npi_concatenate", [B, A[0][:, :3].copy()], {"axis": 0, "num_args": 2}))
cases.append(error_case("_npi_concatenate_bad_axis", "_npi_concatenate", [B, B], {"axis": 2, "num_args": 2}))
multi("Concat_default", "Concat", [B, rand((3, 1), seed=56)])
multi("Concat_dim0", "Concat", [B, B2, B2], {"dim": 0})
multi("concat_alias", "concat", [A, A], {"dim": -1})
cases.append(error_case("Concat_bad_dim", "Concat", [B, B], {"dim": 2, "num_args": 2}))
for axis in [0, 1, 2, -1]:
    multi("_npi_stack_%d" % axis, "_npi_stack", [B, B * 2, B * 3], {"axis": axis})
multi("stack_alias", "stack", [A, A], {"axis": 1})
multi("_npi_stack_0d", "_npi_stack", [Z, onp.array(3.0, "float32")])
multi("_npi_stack_int32", "_npi_stack", [I, I], {"axis": 1}, grad=[])
cases.append(error_case("_npi_stack_mismatch", "_npi_stack", [B, B2], {"num_args": 2}))
V3 = rand((3,), seed=57)
multi("_npi_vstack_1d", "_npi_vstack", [V3, V3 * 2])
multi("_npi_vstack_mixed", "_npi_vstack", [B[:, :3], V3])
multi("_npi_vstack_0d", "_npi_vstack", [Z, Z])
multi("_npi_hstack_1d", "_npi_hstack", [V3, V3])
multi("_npi_hstack_2d", "_npi_hstack", [B, rand((3, 2), seed=58)])
multi("_npi_hstack_0d", "_npi_hstack", [Z, Z])
multi("_npi_dstack", "_npi_dstack", [B, B])
multi("_npi_dstack_1d", "_npi_dstack", [V3, V3])
multi("_npi_column_stack", "_npi_column_stack", [V3, V3 * 2])
multi("_npi_column_stack_mixed", "_npi_column_stack", [B[:, :2].copy(), V3])

# MARK: splitting
C = rand((4, 6), seed=59)
for attrs, tag in [({"indices": (0, 2), "axis": 1}, "indices"), ({"indices": (0, 1, 3), "axis": 0}, "indices_axis0"),
                   ({"indices": (0,), "axis": 1, "sections": 3}, "sections"), ({"indices": (), "axis": 1, "sections": 4}, "uneven"),
                   ({"indices": (0, 1), "axis": -1}, "negative_axis"), ({"indices": (0, 2, 2), "axis": 1}, "empty_piece"),
                   ({"indices": (0, 1, 2, 3), "axis": 0, "squeeze_axis": True}, "squeeze")]:
    cases.append(op_case("_npi_split_" + tag, "_npi_split", [C], attrs))
cases.append(op_case("_split_v2_alias", "_split_v2", [C], {"indices": (0, 3), "axis": 1}))
cases.append(op_case("_npi_split_int32", "_npi_split", [I], {"indices": (0, 2), "axis": 1}, grad=[]))
cases.append(error_case("_npi_split_out_of_range", "_npi_split", [C], {"indices": (0, 2, 7), "axis": 1}))
cases.append(error_case("_npi_split_descending", "_npi_split", [C], {"indices": (0, 4, 2), "axis": 1}))
for attrs, tag in [({"num_outputs": 3}, "default"), ({"num_outputs": 2, "axis": 0}, "axis0"),
                   ({"num_outputs": 4, "axis": 0, "squeeze_axis": True}, "squeeze"), ({"num_outputs": 2, "axis": -1}, "negative")]:
    cases.append(op_case("SliceChannel_" + tag, "SliceChannel", [C], attrs))
cases.append(op_case("split_alias", "split", [C], {"num_outputs": 6}))
cases.append(error_case("SliceChannel_uneven", "SliceChannel", [C], {"num_outputs": 4}))
cases.append(error_case("SliceChannel_squeeze_not_one", "SliceChannel", [C], {"num_outputs": 2, "axis": 0, "squeeze_axis": True}))
cases.append(op_case("_npi_hsplit", "_npi_hsplit", [C], {"indices": (0, 4), "axis": 1}))
cases.append(op_case("_npi_hsplit_1d", "_npi_hsplit", [V3], {"indices": (0, 1), "axis": 1}))

# MARK: tile / repeat
for reps in [(2,), (2, 1, 2), (), (1, 3), (0, 2)]:
    cases.append(op_case("tile_%s" % "_".join(map(str, reps)), "tile", [B], {"reps": reps}))
cases.append(op_case("tile_0d", "tile", [Z], {"reps": (3,)}))
cases.append(op_case("_npi_tile_int32", "_npi_tile", [I], {"reps": (2, 2)}, grad=[]))
cases.append(op_case("tile_float16", "tile", [B.astype("float16")], {"reps": (2, 1)}, rtol=1e-3))
cases.append(error_case("tile_negative", "tile", [B], {"reps": (-1,)}))
for attrs, tag in [({"repeats": 2}, "flat"), ({"repeats": 3, "axis": 0}, "axis0"), ({"repeats": 2, "axis": -1}, "negative"),
                   ({"repeats": 0, "axis": 1}, "zero"), ({"repeats": 1, "axis": 1}, "one")]:
    cases.append(op_case("repeat_" + tag, "repeat", [B], attrs))
cases.append(op_case("_np_repeat_3d", "_np_repeat", [A], {"repeats": 2, "axis": 1}))
cases.append(op_case("repeat_int32", "repeat", [I], {"repeats": 2, "axis": 0}, grad=[]))
cases.append(error_case("repeat_negative", "repeat", [B], {"repeats": -1, "axis": 0}))

# MARK: flip / roll
for axis in [(0,), (1,), (0, 2), ()]:
    cases.append(op_case("_npi_flip_%s" % "_".join(map(str, axis)), "_npi_flip", [A], {"axis": axis}))
cases.append(op_case("reverse_alias", "reverse", [B], {"axis": 1}))
cases.append(op_case("flip_alias_int32", "flip", [I], {"axis": (0,)}, grad=[]))
cases.append(error_case("_npi_flip_bad_axis", "_npi_flip", [B], {"axis": (2,)}))
# MXNet 1.9.1 rejects negative flip axes; NumPy accepts them.
cases.append(numpy_case("_npi_flip_negative_axis", "_npi_flip", [A], [onp.flip(A, axis=(0, -1))], {"axis": (0, -1)}))
for attrs, tag in [({"shift": (1,)}, "flat"), ({"shift": (1,), "axis": (0,)}, "axis0"), ({"shift": (-5, 2), "axis": (1, 0)}, "pairs"),
                   ({"shift": (1,), "axis": (0, 1)}, "broadcast_shift"), ({"shift": 2}, "int"), ({"shift": (7,), "axis": (2,)}, "wrap")]:
    cases.append(op_case("_np_roll_" + tag, "_np_roll", [A], attrs))
cases.append(op_case("_np_roll_int32", "_np_roll", [I], {"shift": (1,), "axis": (1,)}, grad=[]))
cases.append(error_case("_np_roll_mismatch", "_np_roll", [B], {"shift": (1, 2), "axis": (0,)}))

# MARK: pad
for attrs, tag in [({"pad_width": ((1, 0), (0, 2)), "mode": "constant", "constant_value": 7}, "constant"),
                   ({"pad_width": ((1, 2), (2, 1)), "mode": "edge"}, "edge"),
                   ({"pad_width": ((2, 2), (3, 3)), "mode": "reflect"}, "reflect"),
                   ({"pad_width": ((2, 2), (5, 5)), "mode": "reflect"}, "reflect_wide"),
                   ({"pad_width": ((2, 2), (3, 3)), "mode": "symmetric"}, "symmetric"),
                   ({"pad_width": ((0, 0), (0, 0)), "mode": "constant"}, "nothing")]:
    # MXNet 1.9.1 differentiates only constant padding; the others are checked in gen_manipulation_np.py.
    cases.append(op_case("_npi_pad_" + tag, "_npi_pad", [B], attrs, grad=None if attrs["mode"] == "constant" else []))
cases.append(op_case("_npi_pad_3d", "_npi_pad", [A], {"pad_width": ((1, 1), (0, 1), (2, 0)), "mode": "edge"}, grad=[]))
cases.append(op_case("_npi_pad_3d_constant", "_npi_pad", [A], {"pad_width": ((1, 1), (0, 1), (2, 0)), "mode": "constant"}))
cases.append(op_case("_npi_pad_int32", "_npi_pad", [I], {"pad_width": ((1, 1), (1, 1)), "mode": "constant",
                                                        "constant_value": 2.7}, grad=[]))
cases.append(error_case("_npi_pad_wrong_count", "_npi_pad", [B], {"pad_width": ((1, 2),), "mode": "constant"}))
P4 = rand((2, 1, 3, 4), seed=60)
for attrs, tag in [({"pad_width": (0, 0, 0, 0, 1, 1, 2, 2), "mode": "constant", "constant_value": -1}, "constant"),
                   ({"pad_width": (0, 0, 0, 0, 1, 1, 2, 2), "mode": "reflect"}, "reflect"),
                   ({"pad_width": (0, 0, 0, 0, 1, 2, 2, 1), "mode": "edge"}, "edge")]:
    cases.append(op_case("Pad_" + tag, "Pad", [P4], attrs))
cases.append(op_case("Pad_5d", "Pad", [rand((1, 2, 2, 2, 3), seed=61)],
                     {"pad_width": (0, 0, 0, 0, 1, 0, 0, 1, 1, 1), "mode": "edge"}))
cases.append(op_case("pad_alias", "pad", [P4], {"pad_width": (0, 0, 0, 0, 1, 1, 1, 1), "mode": "constant"}))
cases.append(error_case("Pad_batch_axis", "Pad", [P4], {"pad_width": (0, 0, 1, 0, 1, 1, 2, 2), "mode": "edge"}))
cases.append(error_case("Pad_2d", "Pad", [B], {"pad_width": (0, 0, 1, 1), "mode": "edge"}))

# MARK: where / clip
cond = onp.array([[True, False, True, False], [False, False, True, True], [True, True, False, False]])
cases.append(op_case("_npi_where", "_npi_where", [cond, B, B * 10], grad=[1, 2]))
cases.append(op_case("_npi_where_broadcast", "_npi_where", [onp.array([1, 0, 2], "float32"), rand((3,), seed=62),
                                                          rand((2, 1), seed=63)], grad=[1, 2]))
cases.append(op_case("_npi_where_int_condition", "_npi_where", [I, B, B * 10], grad=[1, 2]))
cases.append(op_case("_npi_where_int32_values", "_npi_where", [cond, I, I * 10], grad=[]))
# MXNet 1.9.1 routes these gradients to the wrong branch; gen_manipulation_np.py checks them against NumPy.
cases.append(op_case("_npi_where_lscalar", "_npi_where_lscalar", [cond, B], {"scalar": 9}, grad=[]))
cases.append(op_case("_npi_where_rscalar", "_npi_where_rscalar", [cond, B], {"scalar": -2.5}, grad=[]))
cases.append(fd_case("_npi_where_lscalar_fd", "_npi_where_lscalar", [cond, B], {"scalar": 9}, fd_grad=[1]))
cases.append(fd_case("_npi_where_rscalar_fd", "_npi_where_rscalar", [cond, B], {"scalar": -2.5}, fd_grad=[1]))
cases.append(op_case("_npi_where_scalar2", "_npi_where_scalar2", [cond], {"x": 9, "y": -1}, grad=[]))
cases.append(op_case("_npi_where_scalar2_int", "_npi_where_scalar2", [I], {"x": 1.5, "y": 0}, grad=[]))
cases.append(error_case("_npi_where_bad_broadcast", "_npi_where", [cond, B, rand((2,), seed=64)]))
cases.append(op_case("where_legacy", "where", [cond.astype("float32"), B, B * 10], grad=[1, 2]))
cases.append(op_case("where_legacy_rows", "where", [onp.array([1, 0, 1], "float32"), B, B * 10], grad=[1, 2]))
cases.append(error_case("where_legacy_shape", "where", [onp.array([1, 0], "float32"), B, B]))
for attrs, tag in [({"a_min": -0.5, "a_max": 0.5}, "float"), ({"a_min": 0.5, "a_max": -0.5}, "inverted"),
                   ({"a_min": -1e9, "a_max": 0.25}, "upper")]:
    cases.append(op_case("clip_" + tag, "clip", [B], attrs))
cases.append(op_case("clip_int32", "clip", [I], {"a_min": -2.5, "a_max": 3.5}, grad=[]))
cases.append(op_case("clip_boundaries", "clip", [onp.array([1.0, 2.5, 3, 8, 9], "float32")], {"a_min": 2.5, "a_max": 8}))
cases.append(op_case("clip_nan", "clip", [onp.array([onp.nan, 1], "float32")], {"a_min": 0, "a_max": 0.5}, grad=[]))
cases.append(op_case("_npi_clip_alias_float64", "_npi_clip", [B.astype("float64")], {"a_min": 0, "a_max": 1}))

# MARK: logical operators
La = onp.array([0, 1, 2, onp.nan, 0], "float32")
Lb = onp.array([1, 0, 3, 0, 0], "float32")
for op, f in [("logical_and", onp.logical_and), ("logical_or", onp.logical_or), ("logical_xor", onp.logical_xor)]:
    cases.append(numpy_case("_npi_" + op, "_npi_" + op, [La, Lb], [f(La, Lb)]))
    cases.append(numpy_case("_npi_%s_broadcast" % op, "_npi_" + op, [B, B[:1] > 0], [f(B, B[:1] > 0)]))
    cases.append(numpy_case("_npi_%s_int32" % op, "_npi_" + op, [I, I.T[:1].reshape(1, 3).T], [f(I, I.T[:1].reshape(1, 3).T)]))
    cases.append(numpy_case("_npi_%s_scalar" % op, "_npi_%s_scalar" % op, [La], [f(La, 1)], {"scalar": 1}))
    cases.append(op_case("_" + op, "_" + op, [La, Lb]))
    cases.append(op_case("_%s_int32" % op, "_" + op, [La.astype("int32"), Lb.astype("int32")], grad=[]))
    cases.append(op_case("broadcast_" + op, "broadcast_" + op, [B, B[:1]]))
    cases.append(op_case("_%s_scalar" % op, "_%s_scalar" % op, [La], {"scalar": 0}))
cases.append(error_case("_logical_and_shape", "_logical_and", [La, Lb[:1]]))

# MARK: sort / argsort
Sd = onp.array([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3], [5, 8, 9, 7, 9]], "float32")
for attrs, tag in [({}, "default"), ({"axis": 0}, "axis0"), ({"is_ascend": False}, "descending"), ({"axis": "None"}, "flat")]:
    cases.append(op_case("sort_" + tag, "sort", [Sd], attrs, grad=[]))
    cases.append(op_case("argsort_" + tag, "argsort", [Sd], attrs, grad=[]))
cases.append(op_case("argsort_int64", "argsort", [Sd], {"dtype": "int64", "axis": 0}, grad=[]))
cases.append(op_case("_npi_argsort_int32_dtype", "_npi_argsort", [Sd], {"dtype": "int32", "is_ascend": False}, grad=[]))
cases.append(op_case("sort_int32", "sort", [I], {"axis": 0, "is_ascend": False}, grad=[]))
cases.append(op_case("_npi_sort_3d", "_npi_sort", [A], {"axis": 1}, grad=[]))
cases.append(op_case("_npi_argsort_3d", "_npi_argsort", [A], {"axis": 1}, grad=[]))
cases.append(error_case("sort_bad_axis", "sort", [Sd], {"axis": 2}))
# MXNet 1.9.1 cannot differentiate sort through this path; the gradient scatters back along the sort order.
x = rand((3, 5), seed=65)
head = onp.random.RandomState(0).standard_normal((3, 5)).astype("float32")
order = onp.argsort(x, axis=-1)
g = onp.zeros_like(x)
onp.put_along_axis(g, order, head, axis=-1)
c = numpy_case("sort_gradient", "_npi_sort", [x], [onp.sort(x, axis=-1)])
c["head_grads"] = [encode(head)]
c["input_grads"] = [encode(g)]
cases.append(c)

# MARK: unique / nonzero
U = onp.array([[3, 1, 2], [3, 1, 5], [3, 1, 2]], "float32")
for attrs, tag in [({}, "flat"), ({"return_index": True, "return_inverse": True, "return_counts": True}, "all_outputs"),
                   ({"axis": 0, "return_counts": True}, "rows"), ({"axis": 1, "return_index": True, "return_inverse": True}, "cols"),
                   ({"return_inverse": True}, "inverse")]:
    cases.append(op_case("_npi_unique_" + tag, "_npi_unique", [U], attrs, grad=[]))
cases.append(op_case("_npi_unique_int32", "_npi_unique", [I % 3], {"return_counts": True}, grad=[]))
cases.append(op_case("_npi_unique_zero_size", "_npi_unique", [onp.zeros((0,), "float32")], {"return_counts": True}, grad=[]))
cases.append(op_case("_npi_unique_0d", "_npi_unique", [Z], {"return_index": True, "return_inverse": True}, grad=[]))
cases.append(op_case("_npi_unique_3d_axis", "_npi_unique", [onp.round(A)], {"axis": 2, "return_counts": True}, grad=[]))
cases.append(op_case("_npx_nonzero", "_npx_nonzero", [U - 3], grad=[]))
cases.append(op_case("_npx_nonzero_3d", "_npx_nonzero", [onp.round(A)], grad=[]))
cases.append(op_case("_npx_nonzero_bool", "_npx_nonzero", [cond], grad=[]))
cases.append(op_case("_npx_nonzero_0d", "_npx_nonzero", [Z], grad=[]))
cases.append(op_case("_npx_nonzero_0d_zero", "_npx_nonzero", [onp.array(0.0, "float32")], grad=[]))
cases.append(op_case("_npx_nonzero_zero_size", "_npx_nonzero", [onp.zeros((2, 0), "int32")], grad=[]))
cases.append(op_case("_npi_nonzero_alias", "_npi_nonzero", [I], grad=[]))

# MARK: other dtypes (byte-moving ops keep half precision as is; value ops widen it)
Bb = B > 0
# MXNet 1.9.1 moves no bool arrays in these ops; NumPy is the reference.
cases.append(numpy_case("_np_transpose_bool", "_np_transpose", [Bb], [Bb.T]))
cases.append(numpy_case("_npi_flip_bool", "_npi_flip", [Bb], [onp.flip(Bb, axis=1)], {"axis": (1,)}))
cases.append(numpy_case("tile_bool", "tile", [Bb], [onp.tile(Bb, (2,))], {"reps": (2,)}))
cases.append(op_case("_np_roll_int8", "_np_roll", [I.astype("int8")], {"shift": (2,)}, grad=[]))
multi("Concat_float64", "Concat", [B.astype("float64"), B.astype("float64")], {"dim": 0})
cases.append(numpy_case("_npi_stack_bool", "_npi_stack", [Bb, ~Bb], [onp.stack([Bb, ~Bb])], {"num_args": 2}))
cases.append(op_case("_npi_where_float16", "_npi_where", [cond, H[0, :3], H[1, :3]], grad=[1, 2], rtol=1e-3))
# MXNet 1.9.1's pad has no float16 kernel.
Bh = B.astype("float16")
cases.append(numpy_case("_npi_pad_float16", "_npi_pad", [Bh], [onp.pad(Bh, ((1, 1), (2, 0)), mode="reflect")],
                        {"pad_width": ((1, 1), (2, 0)), "mode": "reflect"}))
Sh = Sd.astype("float16")
cases.append(numpy_case("sort_float16", "sort", [Sh], [onp.sort(Sh, axis=-1)]))  # no float16 sort in MXNet 1.9.1
cases.append(op_case("argsort_float64", "argsort", [Sd.astype("float64")], {"axis": 0}, grad=[]))
cases.append(op_case("_npi_unique_float16", "_npi_unique", [U.astype("float16")], {"return_counts": True}, grad=[]))
cases.append(numpy_case("_npi_unique_bool", "_npi_unique", [Bb], list(onp.unique(Bb, return_inverse=True)),
                        {"return_inverse": True}))
cases.append(op_case("_npx_nonzero_float16", "_npx_nonzero", [(U - 3).astype("float16")], grad=[]))
cases.append(op_case("_npx_nonzero_int64", "_npx_nonzero", [I.astype("int64")], grad=[]))
cases.append(op_case("clip_float16", "clip", [B.astype("float16")], {"a_min": -0.5, "a_max": 0.5}, rtol=1e-3))
cases.append(op_case("_npi_split_float16", "_npi_split", [C.astype("float16")], {"indices": (0, 2), "axis": 1}, rtol=1e-3))
cases.append(op_case("repeat_uint8", "repeat", [onp.array([[1, 2], [3, 250]], "uint8")], {"repeats": 2, "axis": 1}, grad=[]))

write("manipulation", cases, __file__)
