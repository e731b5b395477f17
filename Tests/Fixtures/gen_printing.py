"""Generates Tests/MXNetTests/Fixtures/printing.json: repr(mx.np.array(x)) from real MXNet 1.9.1 (NumPy 1.23's
array printing plus MXNet's dtype suffix) for a range of shapes, dtypes and values."""
import numpy as onp
from mxnet import np as mnp
from oracle import encode, write

rng = onp.random.RandomState(7)
cases = []


def case(name, x):
    x = onp.asarray(x)
    m = mnp.array(x, dtype=x.dtype)
    cases.append({"name": name, "input": encode(x), "expected": repr(m)})


f32 = lambda v: onp.asarray(v, dtype="float32")
case("matrix", f32([[1, 2], [3, 4]]))
case("random_2x3", rng.uniform(size=(2, 3)).astype("float32"))
case("mixed_signs", f32([-1.5, 0.25, 3, -0.125, 10]))
case("scalar", f32(3.5))
case("scalar_negative", f32(-0.25))
case("scalar_tiny", f32(1e-9))
case("scalar_integer_valued", f32(7))
case("empty_1d", onp.zeros((0,), "float32"))
case("empty_2d", onp.zeros((0, 3), "float32"))
case("empty_3d", onp.zeros((2, 0, 1), "float32"))
case("summarised_1d", onp.arange(2000, dtype="float32"))
case("summarised_2d", rng.standard_normal((40, 40)).astype("float32"))
case("summarised_3d", rng.standard_normal((11, 10, 10)).astype("float32"))
case("threshold_not_summarised", onp.arange(1000, dtype="float32").reshape(10, 10, 10))
case("wrapped_row", rng.standard_normal(30).astype("float32"))
case("nonfinite", f32([onp.nan, 1.5, -onp.inf, onp.inf]))
case("all_nan", f32([onp.nan, onp.nan]))
case("inf_only", f32([onp.inf, 1]))
case("large_values", f32([1e9, 2.5, -3]))
case("small_values", f32([1e-5, 0.5]))
case("ratio_over_1000", f32([0.001, 10]))
case("exactly_1e8", f32([1e8, 1]))
case("integer_valued_3d", onp.arange(24, dtype="float32").reshape(2, 3, 4))
case("negative_zero", f32([-0.0, 1.5]))
case("many_digits", f32([1 / 3, 2 / 3, 1e-3]))
case("column", rng.uniform(-5, 5, size=(6, 1)).astype("float32"))
case("float64_random", rng.standard_normal((3, 3)))
case("float64_thirds", onp.array([1 / 3, 2 / 3, 10.0]))
case("float64_long_row", rng.standard_normal(20))
case("float64_scalar", onp.array(0.1))
case("float64_scientific", onp.array([1e-12, 5.0, 123456789.0]))
case("float16_values", rng.uniform(size=4).astype("float16"))
case("float16_overflow", onp.array([1e5, 1], "float16"))
case("float16_long", (onp.arange(30) * 1.1).astype("float16"))
case("int32", onp.array([[1, -20, 3], [400, 5, -6]], "int32"))
case("int32_empty", onp.zeros((0,), "int32"))
case("int32_scalar", onp.array(5, "int32"))
case("int32_long", onp.arange(-20, 20, dtype="int32") * 1000)
case("int64", onp.array([2 ** 40, -3, 7], "int64"))
case("int64_summarised", onp.arange(3000, dtype="int64").reshape(30, 100))
case("int8", onp.array([-128, 0, 127], "int8"))
case("uint8", onp.array([[0, 255], [7, 8]], "uint8"))
case("bool_matrix", onp.array([[True, False], [False, True]]))
case("bool_scalar", onp.array(True))
case("bool_empty", onp.zeros((0,), bool))
case("bool_summarised", rng.uniform(size=1200) > 0.5)

write("printing", cases, __file__)
