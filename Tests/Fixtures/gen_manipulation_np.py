"""Generates Tests/MXNetTests/Fixtures/manipulation_np.json: np manipulation functions that compose operators
(ravel, split, array_split, nonzero, flip without axis, pad shorthands, where with numbers, clip with open bounds)
and the gradients MXNet 1.9.1 lacks or gets wrong (pad in edge/reflect/symmetric modes, where with a number),
with expected values from NumPy (see np_cases.py). ManipulationNumPyTests maps "fn" to the Swift call."""
import numpy as onp
from np_cases import np_case
from oracle import rand, write

cases = []
A = rand((2, 3, 4), seed=71)
B = rand((3, 4), seed=72)
V = rand((7,), seed=73)
cond = onp.array([[True, False, True, False], [False, False, True, True], [True, True, False, False]])

np_case(cases, "ravel", "ravel", [A], {}, onp.ravel)
np_case(cases, "flip_all_axes", "flip", [A], {}, onp.flip)
np_case(cases, "flip_axis", "flip", [A], {"axis": [1]}, lambda x: onp.flip(x, axis=1))
for sections, axis in [(3, 0), (2, 1), (1, 0)]:
    np_case(cases, "split_sections_%d_axis_%d" % (sections, axis), "split", [rand((6, 4), seed=74)],
            {"sections": sections, "axis": axis}, lambda x, s=sections, a=axis: onp.split(x, s, axis=a))
np_case(cases, "split_indices", "split", [V], {"indices": [2, 3]}, lambda x: onp.split(x, [2, 3]))
np_case(cases, "split_indices_axis1", "split", [B], {"indices": [1, 3], "axis": 1}, lambda x: onp.split(x, [1, 3], axis=1))
np_case(cases, "array_split_uneven", "array_split", [V], {"sections": 3}, lambda x: onp.array_split(x, 3))
np_case(cases, "array_split_more_than_size", "array_split", [rand((3,), seed=75)], {"sections": 5},
        lambda x: onp.array_split(x, 5))
np_case(cases, "array_split_axis1", "array_split", [B], {"sections": 3, "axis": 1}, lambda x: onp.array_split(x, 3, axis=1))
np_case(cases, "array_split_indices", "array_split", [V], {"indices": [1, 5]}, lambda x: onp.array_split(x, [1, 5]))
np_case(cases, "nonzero_2d", "nonzero", [onp.round(B)], {}, lambda x: onp.nonzero(x), grad=False)
np_case(cases, "nonzero_3d", "nonzero", [onp.round(A)], {}, lambda x: onp.nonzero(x), grad=False)
np_case(cases, "nonzero_1d", "nonzero", [onp.round(V)], {}, lambda x: onp.nonzero(x), grad=False)
np_case(cases, "where_lscalar", "where_x_number", [B, cond], {"x": 9.0}, lambda y, c: onp.where(c, 9.0, y))
np_case(cases, "where_rscalar", "where_y_number", [B, cond], {"y": -2.5}, lambda x, c: onp.where(c, x, -2.5))
np_case(cases, "where_arrays", "where", [B, cond, rand((4,), seed=76)], {}, lambda x, c, y: onp.where(c, x, y))
np_case(cases, "where_numbers", "where_numbers", [cond.astype("float32"), cond], {"x": 1.5, "y": -1.0},
        lambda _, c: onp.where(c, 1.5, -1.0).astype("float32"), grad=False)
np_case(cases, "clip_lower_only", "clip", [B], {"min": 0.0}, lambda x: onp.clip(x, 0.0, None))
np_case(cases, "clip_upper_only", "clip", [B], {"max": 0.25}, lambda x: onp.clip(x, None, 0.25))
for mode in ["constant", "edge", "reflect", "symmetric"]:
    np_case(cases, "pad_%s" % mode, "pad", [B], {"pad_width": [[2, 1], [3, 2]], "mode": mode},
            lambda x, m=mode: onp.pad(x, ((2, 1), (3, 2)), mode=m))
    np_case(cases, "pad_%s_3d" % mode, "pad", [A], {"pad_width": [[1, 0], [2, 2], [0, 5]], "mode": mode},
            lambda x, m=mode: onp.pad(x, ((1, 0), (2, 2), (0, 5)), mode=m))
np_case(cases, "pad_one_pair_for_all_axes", "pad", [B], {"pad_width": [[1, 2]], "mode": "constant", "value": 3.0},
        lambda x: onp.pad(x, ((1, 2),), mode="constant", constant_values=3.0))
np_case(cases, "pad_reflect_size_one", "pad", [rand((1, 3), seed=77)], {"pad_width": [[2, 2], [1, 1]], "mode": "reflect"},
        lambda x: onp.pad(x, ((2, 2), (1, 1)), mode="reflect"))
np_case(cases, "concatenate_none", "concatenate", [B, A], {}, lambda x, y: onp.concatenate([x, y], axis=None))
np_case(cases, "stack_axis2", "stack", [B, rand((3, 4), seed=78)], {"axis": 2}, lambda x, y: onp.stack([x, y], axis=2))
np_case(cases, "moveaxis", "moveaxis", [A], {"source": [0, 2], "destination": [1, 0]},
        lambda x: onp.moveaxis(x, [0, 2], [1, 0]))
np_case(cases, "swapaxes", "swapaxes", [A], {"axis1": 0, "axis2": 2}, lambda x: onp.swapaxes(x, 0, 2))
np_case(cases, "transpose", "transpose", [A], {"axes": [1, 2, 0]}, lambda x: onp.transpose(x, (1, 2, 0)))
np_case(cases, "tile", "tile", [B], {"reps": [2, 1, 2]}, lambda x: onp.tile(x, (2, 1, 2)))
np_case(cases, "repeat_axis", "repeat", [B], {"repeats": 3, "axis": 1}, lambda x: onp.repeat(x, 3, axis=1))
np_case(cases, "roll_flat", "roll", [B], {"shift": [5]}, lambda x: onp.roll(x, 5))
np_case(cases, "sort_descending", "sort", [B], {"descending": True}, lambda x: -onp.sort(-x, axis=-1))
np_case(cases, "argsort", "argsort", [B], {"axis": 0}, lambda x: onp.argsort(x, axis=0, kind="stable"), grad=False)
np_case(cases, "unique_counts", "unique", [onp.array([3, 1, 2, 3, 3, 1], "float32")], {},
        lambda x: onp.unique(x, return_index=True, return_inverse=True, return_counts=True), grad=False)
np_case(cases, "logical_and", "logical_and", [B, cond], {}, lambda x, c: onp.logical_and(x > 0, c), grad=False)

for k, axes in [(1, [0, 1]), (2, [0, 1]), (3, [0, 1]), (-1, [1, 2]), (1, [2, 0])]:
    np_case(cases, "rot90_k%d_axes_%d%d" % (k, axes[0], axes[1]), "rot90", [A], {"k": k, "axes": axes},
            lambda x, k=k, axes=axes: onp.rot90(x, k, axes=tuple(axes)))
for axis, start in [(2, 0), (0, 3), (0, -1), (-1, 1)]:
    np_case(cases, "rollaxis_%d_%d" % (axis, start), "rollaxis", [A], {"axis": axis, "start": start},
            lambda x, a=axis, s=start: onp.rollaxis(x, a, s))
for n, axis in [(1, -1), (2, -1), (1, 0), (3, 2)]:
    np_case(cases, "diff_n%d_axis%d" % (n, axis), "diff", [A], {"n": n, "axis": axis},
            lambda x, n=n, a=axis: onp.diff(x, n=n, axis=a))
np_case(cases, "hsplit", "hsplit", [rand((2, 6), seed=79)], {"sections": 3}, lambda x: onp.hsplit(x, 3))
np_case(cases, "hsplit_1d", "hsplit", [rand((6,), seed=80)], {"sections": 2}, lambda x: onp.hsplit(x, 2))
np_case(cases, "vsplit", "vsplit", [rand((4, 3), seed=81)], {"sections": 2}, lambda x: onp.vsplit(x, 2))
np_case(cases, "dsplit", "dsplit", [rand((2, 2, 4), seed=82)], {"sections": 2}, lambda x: onp.dsplit(x, 2))
np_case(cases, "atleast_3d_1d", "atleast_3d", [V], {}, onp.atleast_3d)
np_case(cases, "atleast_3d_2d", "atleast_3d", [B], {}, onp.atleast_3d)
np_case(cases, "atleast_2d_1d", "atleast_2d", [V], {}, onp.atleast_2d)
np_case(cases, "average_plain", "average", [A], {"axis": [1]}, lambda x: onp.average(x, axis=1))
np_case(cases, "average_weights_1d", "average", [A, rand((4,), low=0.5, high=2, seed=83)], {"axis": [2]},
        lambda x, w: onp.average(x, axis=2, weights=w))
np_case(cases, "average_weights_full", "average", [B, rand((3, 4), low=0.5, high=2, seed=84)], {},
        lambda x, w: onp.average(x, weights=w))

write("manipulation_np", cases, __file__)
