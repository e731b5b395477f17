"""Generates Tests/MXNetTests/Fixtures/elementwise.json: binary, scalar, comparison and unary operators,
forward and gradient, from real MXNet 1.9.1 (see oracle.py)."""
import numpy as onp
from oracle import op_case, error_case, fd_case, numpy_case, rand, write

cases = []
A = rand((2, 3, 4), seed=1)
B = rand((3, 1), seed=2)
P = rand((2, 3, 4), low=0.5, high=2.0, seed=3)   # positive
Q = rand((3, 1), low=0.5, high=2.0, seed=4)
I = onp.array([[7, -3, 0], [5, 2, -8]], dtype="int32")
J = onp.array([2, -3, 5], dtype="int32")

binary = {
    "_npi_add": (A, B), "_npi_subtract": (A, B), "_npi_multiply": (A, B), "_npi_true_divide": (A, Q),
    "_npi_mod": (A, Q), "_npi_power": (P, B), "_npi_maximum": (A, B), "_npi_minimum": (A, B),
    "_npi_hypot": (A, B), "_npi_arctan2": (A, B), "_npi_copysign": (A, B),
}
for op, (x, y) in binary.items():
    grad = [] if op in ("_npi_copysign",) else None
    cases.append(op_case(op + "_broadcast", op, [x, y], grad=grad, rtol=1e-4))
for alias in ["elemwise_add", "broadcast_mul", "broadcast_sub", "_Plus", "broadcast_maximum", "broadcast_power"]:
    cases.append(op_case(alias, alias, [P, P * 0.5 + 0.25], rtol=1e-4))
# MXNet 2.0 additions that 1.9.1 lacks: expected values from NumPy.
N = A.copy(); N[0, 0, 0] = onp.nan
cases.append(numpy_case("fmax_nan", "_npi_fmax", [N, B], [onp.fmax(N, B)]))
cases.append(numpy_case("fmin_nan", "_npi_fmin", [N, B], [onp.fmin(N, B)]))
cases.append(numpy_case("fmax_grad", "_npi_fmax", [A, B], [onp.fmax(A, B)], fd_grad=[0, 1]))
cases.append(numpy_case("fmin_grad", "_npi_fmin", [A, B], [onp.fmin(A, B)], fd_grad=[0, 1]))
cases.append(numpy_case("floor_divide_float", "_npi_floor_divide", [A, Q], [onp.floor_divide(A, Q)]))
cases.append(numpy_case("floor_divide_int32", "_npi_floor_divide", [I, J], [onp.floor_divide(I, J)]))
cases.append(numpy_case("floor_divide_scalar", "_npi_floor_divide_scalar", [A], [onp.floor_divide(A, onp.float32(1.5))],
                        {"scalar": 1.5}))
cases.append(numpy_case("rfloor_divide_scalar", "_npi_rfloor_divide_scalar", [P], [onp.floor_divide(onp.float32(1.5), P)],
                        {"scalar": 1.5}))
for op in ["_npi_add", "_npi_subtract", "_npi_multiply", "_npi_mod", "_npi_maximum",
           "_npi_minimum", "_npi_bitwise_and", "_npi_bitwise_or", "_npi_bitwise_xor", "_npi_true_divide"]:
    cases.append(op_case(op + "_int32", op, [I, J], grad=[]))
cases.append(op_case("add_float64", "_npi_add", [A.astype("float64"), B.astype("float64")]))
cases.append(op_case("add_float16", "_npi_add", [A.astype("float16"), B.astype("float16")], rtol=1e-3, atol=1e-3))
cases.append(op_case("multiply_mixed_int_float", "_npi_multiply", [I, J.astype("float32")], grad=[]))
cases.append(op_case("add_zero_size", "_npi_add", [onp.zeros((0, 3), "float32"), onp.ones((3,), "float32")], grad=[]))
cases.append(op_case("add_0d", "_npi_add", [onp.array(2.5, "float32"), onp.array(1.5, "float32")]))
for op in ["_npi_equal", "_npi_not_equal", "_npi_greater", "_npi_greater_equal", "_npi_less", "_npi_less_equal"]:
    cases.append(op_case(op, op, [onp.round(A), onp.round(B)], grad=[]))
cases.append(error_case("add_bad_broadcast", "_npi_add", [A, rand((5,))]))
cases.append(error_case("bitwise_and_float", "_npi_bitwise_and", [A, B]))

scalar = ["_npi_add_scalar", "_npi_subtract_scalar", "_npi_rsubtract_scalar", "_npi_multiply_scalar",
          "_npi_true_divide_scalar", "_npi_rtrue_divide_scalar", "_npi_mod_scalar", "_npi_rmod_scalar",
          "_npi_power_scalar", "_npi_rpower_scalar", "_npi_maximum_scalar", "_npi_minimum_scalar", "_plus_scalar", "_minus_scalar",
          "_rminus_scalar", "_mul_scalar", "_div_scalar", "_rdiv_scalar", "_hypot_scalar"]
for op in scalar:
    x = P if ("power" in op or "rmod" in op or "rdiv" in op or "rtrue" in op) else A
    grad = [] if op == "_npi_rmod_scalar" else None
    cases.append(op_case(op, op, [x], {"scalar": 1.5}, grad=grad, rtol=1e-4))
for op in ["_npi_add_scalar", "_npi_multiply_scalar", "_npi_mod_scalar"]:
    cases.append(op_case(op + "_int32", op, [I], {"scalar": 3}, grad=[]))
for op in ["_npi_equal_scalar", "_npi_greater_scalar", "_npi_less_equal_scalar", "_npi_not_equal_scalar"]:
    cases.append(op_case(op, op, [onp.round(A)], {"scalar": 1.0}, grad=[]))

U = rand((3, 4), low=-0.9, high=0.9, seed=5)   # inside (-1, 1)
G = rand((3, 4), low=1.1, high=3.0, seed=6)    # > 1
unary = {
    "_npi_negative": A, "_npi_absolute": A, "_npi_sign": A, "_npi_square": A, "_npi_reciprocal": P,
    "_npi_exp": A, "_npi_expm1": A, "_npi_log": P, "_npi_log2": P, "_npi_log10": P, "_npi_log1p": P,
    "_npi_sqrt": P, "_npi_cbrt": P, "_npi_sin": A, "_npi_cos": A, "_npi_tan": U, "_npi_arcsin": U,
    "_npi_arccos": U, "_npi_arctan": A, "_npi_sinh": A, "_npi_cosh": A, "_npi_tanh": A, "_npi_arcsinh": A,
    "_npi_arccosh": G, "_npi_arctanh": U, "_npi_degrees": A, "_npi_radians": A, "_npi_floor": A * 2,
    "_npi_ceil": A * 2, "_npi_trunc": A * 2, "_npi_fix": A * 2, "_npi_rint": A * 2, "round": A * 2,
    "rsqrt": P, "rcbrt": P, "relu": A, "sigmoid": A, "softsign": A, "erf": A, "erfinv": U, "gamma": G,
    "gammaln": G, "_npx_relu": A, "_npx_sigmoid": A,
}
for op, x in unary.items():
    cases.append(op_case(op, op, [x], rtol=1e-4, atol=1e-5))
cases.append(op_case("rint_halves", "_npi_rint", [onp.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], "float32")], grad=[]))
cases.append(op_case("around_halves", "_npi_around", [onp.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], "float32")], grad=[]))
cases.append(op_case("around_decimals", "_npi_around", [A], {"decimals": 2}, grad=[]))
cases.append(op_case("round_halves", "round", [onp.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], "float32")], grad=[]))
cases.append(op_case("exp_float64", "_npi_exp", [A.astype("float64")], rtol=1e-10))
cases.append(op_case("sqrt_float16", "_npi_sqrt", [P.astype("float16")], rtol=2e-3, atol=1e-3))
cases.append(op_case("negative_int32", "_npi_negative", [I], grad=[]))
cases.append(op_case("absolute_int32", "_npi_absolute", [I], grad=[]))
specials = onp.array([onp.nan, onp.inf, -onp.inf, 0.0, -1.5], "float32")
for op in ["_npi_isnan", "_npi_isinf", "_npi_isfinite", "_npi_isposinf", "_npi_isneginf", "_npi_logical_not"]:
    cases.append(op_case(op, op, [specials], grad=[]))
cases.append(op_case("bitwise_not_int32", "_npi_bitwise_not", [I], grad=[]))

cases.append(op_case("sum_all", "_np_sum", [A]))
cases.append(op_case("sum_axis1_keepdims", "_np_sum", [A], {"axis": (1,), "keepdims": True}))
cases.append(op_case("sum_axes_0_2", "_np_sum", [A], {"axis": (0, 2)}))
cases.append(op_case("sum_int32", "_np_sum", [I], {"axis": (0,)}, grad=[]))
cases.append(op_case("sum_float64_dtype", "_np_sum", [A], {"axis": (2,), "dtype": "float64"}, grad=[]))
cases.append(error_case("sum_bad_axis", "_np_sum", [A], {"axis": (3,)}))

for dt in ["float64", "float16", "int32", "int64", "uint8", "int8", "bool"]:
    cases.append(op_case("cast_to_" + dt, "Cast", [A * 3], {"dtype": dt}, grad=[]))
cases.append(op_case("cast_grad", "Cast", [A], {"dtype": "float64"}))
cases.append(op_case("broadcast_to", "_npi_broadcast_to", [B], {"shape": (2, 3, 4)}))
cases.append(op_case("broadcast_to_legacy_zero", "broadcast_to", [B.reshape(1, 3, 1)], {"shape": (2, 0, 4)}))

# MXNet 1.x comparisons and logic: 1/0 in the operands' dtype.
R1, R2 = onp.round(A), onp.round(B)
for op in ["broadcast_equal", "broadcast_not_equal", "broadcast_greater", "broadcast_greater_equal",
           "broadcast_lesser", "broadcast_lesser_equal", "broadcast_logical_and", "broadcast_logical_or",
           "broadcast_logical_xor"]:
    cases.append(op_case(op, op, [R1, R2]))
for op in ["_equal", "_lesser", "_logical_and"]:
    cases.append(op_case(op + "_same_shape", op, [R1, R1 * 0.5]))
for op in ["_equal_scalar", "_not_equal_scalar", "_greater_scalar", "_greater_equal_scalar", "_lesser_scalar",
           "_lesser_equal_scalar", "_logical_and_scalar", "_logical_or_scalar", "_logical_xor_scalar"]:
    cases.append(op_case(op, op, [R1], {"scalar": 1.0}))
cases.append(op_case("_greater_scalar_int32", "_greater_scalar", [I], {"scalar": 2}, grad=[]))
for op in ["_npi_bitwise_and_scalar", "_npi_bitwise_or_scalar", "_npi_bitwise_xor_scalar", "_npi_lcm_scalar"]:
    cases.append(op_case(op, op, [I], {"scalar": 6}, grad=[]))
cases.append(op_case("lcm", "_npi_lcm", [I, J], grad=[]))
for op in ["_npi_arctan2_scalar", "_npi_rarctan2_scalar", "_npi_copysign_scalar", "_npi_rcopysign_scalar",
           "_npi_ldexp_scalar", "_npi_rldexp_scalar"]:
    # MXNet 1.9.1's backward of copysign_scalar fails and that of rarctan2_scalar is -x/(x^2+s^2) rather than
    # the derivative -s/(x^2+s^2); ours is the derivative, checked by finite differences in GradientCheckTests.
    cases.append(op_case(op, op, [A], {"scalar": -1.5}, grad=[] if ("copysign" in op or "rarctan2" in op) else None,
                         rtol=1e-4))
cases.append(op_case("ldexp", "_npi_ldexp", [A, onp.round(B)], rtol=1e-4))

# Forward-only in MXNet or with a broken MXNet backward: gradients by finite differences.
cases.append(fd_case("copysign_fd", "_npi_copysign", [A, B], fd_grad=[0]))
for op in ["_npi_copysign_scalar", "_npi_rcopysign_scalar", "_npi_rarctan2_scalar", "_npi_rmod_scalar"]:
    cases.append(fd_case(op + "_fd", op, [P], {"scalar": -1.5}))
cases.append(fd_case("around_fd", "_npi_around", [A * 2], {"decimals": 0}))
cases.append(op_case("greater_equal_scalar", "_npi_greater_equal_scalar", [onp.round(A)], {"scalar": 1.0}, grad=[]))
cases.append(op_case("less_scalar", "_npi_less_scalar", [onp.round(A)], {"scalar": 1.0}, grad=[]))
cases.append(op_case("elemwise_div", "elemwise_div", [A, P]))
cases.append(op_case("elemwise_div_int32", "elemwise_div", [I, onp.array([[2, -3, 5], [4, 3, -2]], "int32")], grad=[]))
cases.append(op_case("zeros_like", "zeros_like", [A]))
cases.append(op_case("ones_like", "ones_like", [A]))
cases.append(op_case("full_like", "_npi_full_like", [A], {"fill_value": 2.5}))
cases.append(op_case("full_like_dtype", "_npi_full_like", [A], {"fill_value": 3, "dtype": "int32"}, grad=[]))
cases.append(op_case("np_reshape", "_np_reshape", [A], {"newshape": (4, -1)}))
cases.append(op_case("np_reshape_0d", "_np_reshape", [onp.array([7.0], "float32")], {"newshape": ()}))
cases.append(error_case("np_reshape_bad", "_np_reshape", [A], {"newshape": (5, -1)}))
cases.append(op_case("shape_array", "shape_array", [A]))
cases.append(op_case("legacy_logical_not", "logical_not", [onp.round(A)], grad=[]))
cases.append(op_case("power_scalar_negative_base", "_power_scalar", [A], {"scalar": 2}))
cases.append(op_case("power_scalar_negative_base_odd", "_npi_power_scalar", [A], {"scalar": 3}))
cases.append(op_case("power_negative_base", "_npi_power", [A, onp.full((3, 1), 2.0, "float32")], grad=[0]))
cases.append(op_case("size_array", "size_array", [A]))

write("elementwise", cases, __file__)
