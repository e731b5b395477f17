"""Generates Tests/MXNetTests/Fixtures/reduce_np.json: np functions that compose operators (linalg.norm) and the
gradients MXNet 1.9.1 leaves at zero (std, var), with expected values from NumPy (see np_cases.py)."""
import numpy as onp
from np_cases import np_case
from oracle import rand, write

cases = []


def case(name, fn, x, args, f, grad=True, rtol=1e-5, atol=1e-5):
    np_case(cases, name, fn, [x], args, f, grad=grad, rtol=rtol, atol=atol)


def ord_arg(o):
    return {onp.inf: "inf", -onp.inf: "-inf"}.get(o, o)


V = rand((5,), seed=41)
M = rand((3, 4), seed=42)
T = rand((2, 3, 4), seed=43)
for o in [None, 1, 2, 3, 0.5, onp.inf, -onp.inf, -1]:
    grad = o not in (onp.inf, -onp.inf)
    case("norm_vector_ord_%s" % ord_arg(o), "linalg.norm", V, {"ord": ord_arg(o)},
         lambda x, o=o: onp.linalg.norm(x, ord=o), grad=grad, rtol=1e-4, atol=1e-4)
for o in [None, "fro", 1, -1, onp.inf, -onp.inf, 2, -2, "nuc"]:
    grad = o in (None, "fro", 1, -1, onp.inf, -onp.inf)
    case("norm_matrix_ord_%s" % ord_arg(o), "linalg.norm", M, {"ord": ord_arg(o)},
         lambda x, o=o: onp.linalg.norm(x, ord=o), grad=grad, rtol=1e-4, atol=1e-4)
    case("norm_matrix_ord_%s_keepdims" % ord_arg(o), "linalg.norm", M, {"ord": ord_arg(o), "keepdims": True},
         lambda x, o=o: onp.linalg.norm(x, ord=o, keepdims=True), grad=False, rtol=1e-4, atol=1e-4)
for o, axis in [(None, [1]), (2, [-1]), (1, [0]), (onp.inf, [2]), (None, [0, 2]), ("fro", [2, 1]), (1, [2, 0]),
                (onp.inf, [0, 1]), (-onp.inf, [1, 2]), (2, [1, 2]), ("nuc", [0, 2])]:
    grad = o not in (2, "nuc") or len(axis) == 1
    case("norm_3d_ord_%s_axis_%s" % (ord_arg(o), "_".join(map(str, axis))), "linalg.norm", T,
         {"ord": ord_arg(o), "axis": axis}, lambda x, o=o, axis=axis: onp.linalg.norm(x, ord=o, axis=tuple(axis)),
         grad=grad, rtol=1e-4, atol=1e-4)
case("norm_3d_default", "linalg.norm", T, {}, lambda x: onp.linalg.norm(x), rtol=1e-4, atol=1e-4)
case("norm_3d_default_keepdims", "linalg.norm", T, {"keepdims": True},
     lambda x: onp.linalg.norm(x, keepdims=True), rtol=1e-4, atol=1e-4)
case("norm_3d_axis_keepdims", "linalg.norm", T, {"axis": [1], "keepdims": True},
     lambda x: onp.linalg.norm(x, axis=1, keepdims=True), rtol=1e-4, atol=1e-4)
case("norm_float64", "linalg.norm", M.astype("float64"), {"ord": 1}, lambda x: onp.linalg.norm(x, ord=1), rtol=1e-8)

for fn, f in [("std", onp.std), ("var", onp.var)]:
    for args in [{}, {"axis": [1]}, {"axis": [0, 2], "keepdims": True}, {"axis": [2], "ddof": 1}]:
        kw = dict(args)
        if "axis" in kw:
            kw["axis"] = tuple(kw["axis"])
        tag = "_".join("%s%s" % (k, v if not isinstance(v, list) else "".join(map(str, v))) for k, v in args.items())
        case("%s_%s" % (fn, tag or "all"), fn, T, args, lambda x, f=f, kw=kw: f(x, **kw), rtol=1e-4, atol=1e-4)
case("std_float64", "std", T.astype("float64"), {"axis": [1]}, lambda x: onp.std(x, axis=1), rtol=1e-7)

write("reduce_np", cases, __file__)
