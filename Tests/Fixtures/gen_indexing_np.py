"""Generates Tests/MXNetTests/Fixtures/indexing_np.json: NumPy index expressions (basic, advanced, boolean) read
and assigned, with expected results from NumPy 1.23 (MXNet's np indexing follows NumPy's rules; its 1.9.1
build mishandles some of them, e.g. a[:, mask])."""
import numpy as onp
from oracle import encode, write

X = onp.arange(24, dtype="float32").reshape(2, 3, 4)
S = slice
E = Ellipsis
N = None
B = onp.bool_


def enc_index(key):
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for k in key:
        if k is None:
            out.append({"newaxis": True})
        elif k is E:
            out.append({"ellipsis": True})
        elif isinstance(k, slice):
            out.append({"slice": [k.start, k.stop, k.step]})
        elif isinstance(k, (int, onp.integer)):
            out.append({"int": int(k)})
        else:
            a = onp.asarray(k)
            out.append({"mask" if a.dtype == bool else "array": encode(a)})
    return out


cases = []


def get(name, x, key):
    cases.append({"name": name, "kind": "get", "input": encode(x), "index": enc_index(key),
                  "expected": encode(onp.asarray(x[key]))})


def get_error(name, x, key):
    try:
        x[key]
    except (IndexError, ValueError, TypeError):
        cases.append({"name": name, "kind": "get", "input": encode(x), "index": enc_index(key), "error": True})
        return
    raise AssertionError("NumPy accepted " + name)


def set_(name, x, key, value):
    y = x.copy()
    y[key] = value
    cases.append({"name": name, "kind": "set", "input": encode(x), "index": enc_index(key),
                  "value": value if isinstance(value, (int, float)) else encode(onp.asarray(value)),
                  "expected": encode(y)})


def set_error(name, x, key, value):
    y = x.copy()
    try:
        y[key] = value
    except (IndexError, ValueError, TypeError):
        cases.append({"name": name, "kind": "set", "input": encode(x), "index": enc_index(key),
                      "value": value if isinstance(value, (int, float)) else encode(onp.asarray(value)), "error": True})
        return
    raise AssertionError("NumPy accepted " + name)


# --- basic -----------------------------------------------------------------------------------------------------
basic = {
    "int": 1, "negative_int": -1, "two_ints": (0, 1), "all_ints": (0, 1, 2), "negative_ints": (-1, -1, -1),
    "slice_from": S(1, None), "reverse": S(None, None, -1), "step": (S(None), S(0, 3, 2)),
    "ellipsis_step": (E, S(None, None, -2)), "slice_ellipsis_int": (S(-2, None), E, 1),
    "newaxis": N, "newaxes": (N, 1, N, S(None)), "ellipsis_newaxis": (E, N), "int_newaxis_ellipsis": (1, N, E, N),
    "clipped_slice": S(-10, 10), "empty_slice": S(5, 2), "negative_step_bounds": (S(None), S(2, 0, -1), S(3, None, -3)),
    "everything": (), "ellipsis_only": E, "middle_int": (S(None), 2), "last_axis_slice": (E, S(1, 3)),
}
for name, key in basic.items():
    get("basic_" + name, X, key)
for dt in ["int32", "float64", "bool", "float16", "uint8"]:
    get("basic_" + dt, X.astype(dt), (S(None, None, -1), 1, S(1, None)))
X0 = onp.array(5.0, "float32")
get("scalar_empty", X0, ())
get("scalar_ellipsis", X0, E)
get("scalar_newaxis", X0, N)

# --- advanced (integer arrays) ------------------------------------------------------------------------------------
I = lambda *v: onp.array(v, "int64")
advanced = {
    "rows": I(1, 0), "rows_repeated": I(1, 1, 0), "axis1": (S(None), I(2, 0, -1)), "axis2_int32": (E, onp.array([3, 0], "int32")),
    "broadcast": (onp.array([[0], [1]]), I(1, 2)), "non_adjacent": (I(0, 1), S(None), I(3, 0)),
    "adjacent_after_slice": (S(None), I(0, 2), I(1, 3)), "int_and_array": (1, I(0, 2)),
    "array_int_slice": (I(0, 1), 1, S(0, 2)), "split_by_int": (I(0, 1), S(None), 2), "newaxis_array": (N, I(1, 0)),
    "ellipsis_array": (E, I(0, -1)), "2d_index": onp.array([[1, 0], [0, 1]]), "empty_array": I(),
    "reversed_then_arrays": (S(None, None, -1), I(0, 1), I(1, 2)), "array_newaxis_array": (I(0, 1), N, I(2, 0)),
    "uint8_index": onp.array([1, 0], "uint8"), "sliced_rest": (I(1, 0), S(1, 3), S(None, None, 2)),
}
for name, key in advanced.items():
    get("advanced_" + name, X, key)
get("advanced_int32_data", X.astype("int32"), (S(None), I(0, 2), I(-1)))

# --- boolean masks -------------------------------------------------------------------------------------------------
masks = {
    "full": X > 10, "axis0": onp.array([True, False]), "after_slice": (S(None), onp.array([True, False, True])),
    "leading_2d": onp.array([[True, False, True], [False, True, False]]), "none": X < 0,
    "mixed_with_array": (onp.array([True, False]), S(None), I(0, 2)), "int_and_mask": (1, onp.array([True, False, True])),
    "last_axis": (E, onp.array([False, True, True, False])),
}
for name, key in masks.items():
    get("mask_" + name, X, key)

# --- errors ----------------------------------------------------------------------------------------------------------
get_error("error_out_of_bounds", X, 2)
get_error("error_negative_out_of_bounds", X, (0, -4))
get_error("error_too_many", X, (0, 0, 0, 0))
get_error("error_two_ellipses", X, (E, 0, E))
get_error("error_float_array", X, onp.array([0.0, 1.0]))
get_error("error_mask_shape", X, onp.array([True, False, True]))
get_error("error_broadcast", X, (I(0, 1), I(0, 1, 2)))
get_error("error_array_out_of_bounds", X, (S(None), I(0, 3)))
get_error("error_zero_step", X, S(None, None, 0))

# --- assignment ------------------------------------------------------------------------------------------------------
set_("set_int_scalar", X, 1, 0.0)
set_("set_column_broadcast", X, (S(None), 0), onp.array([1, 2, 3, 4], "float32"))
set_("set_reverse_step_scalar", X, (E, S(None, None, -2)), -1.0)
set_("set_single_element", X, (0, 1, 2), 7.0)
set_("set_newaxis", X, (N, 1), onp.full((1, 3, 4), 9, "float32"))
set_("set_whole", X, E, onp.array([1, 2, 3, 4], "float32"))
set_("set_slices", X, (S(None), S(1, 3), S(None, None, 3)), onp.arange(8, dtype="float32").reshape(2, 2, 2))
set_("set_int64_value_into_float", X, (0, 0), onp.array([5, 6, 7, 8], "int64"))
set_("set_rows_array", X, I(1, 0), onp.arange(24, dtype="float32").reshape(2, 3, 4) * -1)
set_("set_axis1_scalar", X, (S(None), I(2, 0)), 3.5)
set_("set_non_adjacent", X, (I(0, 1), S(None), I(3, 0)), onp.array([[1, 2, 3], [4, 5, 6]], "float32"))
set_("set_int_and_array", X, (1, I(0, 2)), onp.array([10, 20, 30, 40], "float32"))
set_("set_newaxis_array", X, (N, I(1)), 0.0)
set_("set_broadcast_value", X, (onp.array([[0], [1]]), I(1, 2)), onp.array([100, 200], "float32").reshape(2, 1, 1))
set_("set_mask_scalar", X, X > 10, -1.0)
set_("set_mask_values", X, X > 17, onp.arange(6, dtype="float32"))
set_("set_mask_rows", X, onp.array([True, False]), onp.ones((3, 4), "float32"))
set_("set_mask_after_slice", X, (S(None), onp.array([False, True, True])), 2.0)
set_("set_mask_mixed", X, (onp.array([True, False]), S(None), I(0, 2)), onp.array([[1, 2, 3], [4, 5, 6]], "float32"))
set_("set_int32_array", X.astype("int32"), (E, I(0, -1)), 9)
set_("set_scalar_array", X0, (), 3.0)
set_error("set_error_broadcast", X, 0, onp.ones((2, 4), "float32"))
set_error("set_error_out_of_bounds", X, (S(None), I(0, 3)), 1.0)

write("indexing_np", cases, __file__)
