"""Generates Tests/MXNetTests/Fixtures/creation.json: array-creation operators with no inputs (zeros, ones, full,
arange, linspace, eye, identity and their 1.x forms) from real MXNet 1.9.1 (see oracle.py)."""
import numpy as onp
from oracle import op_case, error_case, numpy_case, write

cases = []
for op in ["_npi_zeros", "_npi_ones", "_zeros", "_ones"]:
    cases.append(op_case(op, op, [], {"shape": (2, 3)}))
    cases.append(op_case(op + "_0d", op, [], {"shape": ()}))
    cases.append(op_case(op + "_zero_size", op, [], {"shape": (2, 0)}))
    for dt in ["float64", "float16", "int32", "int64", "uint8", "int8", "bool", "bfloat16"]:
        if dt == "bfloat16":
            continue  # mx.np cannot hand bfloat16 to NumPy; covered by the Swift-side dtype tests
        cases.append(op_case("%s_%s" % (op, dt), op, [], {"shape": (3,), "dtype": dt}))
cases.append(op_case("npi_zeros_default_shape", "_npi_zeros", [], {}))
for op in ["_npi_full", "_full"]:
    cases.append(op_case(op, op, [], {"shape": (2, 2), "value": 2.5}))
    cases.append(op_case(op + "_int32_truncates", op, [], {"shape": (3,), "value": -2.7, "dtype": "int32"}))
    cases.append(op_case(op + "_nan", op, [], {"shape": (2,), "value": "nan"}))
    cases.append(op_case(op + "_0d", op, [], {"shape": (), "value": 7, "dtype": "int64"}))
    cases.append(op_case(op + "_float16", op, [], {"shape": (2,), "value": 0.1, "dtype": "float16"}))
    cases.append(op_case(op + "_bool", op, [], {"shape": (2,), "value": 3, "dtype": "bool"}))
    cases.append(op_case(op + "_uint8_wraps", op, [], {"shape": (2,), "value": 300, "dtype": "uint8"}))

arange = [
    ("stop_only", {"start": 5}),
    ("start_stop", {"start": 2, "stop": 7}),
    ("fractional_step", {"start": 0, "stop": 1, "step": 0.3}),
    ("negative_step", {"start": 5, "stop": 0, "step": -1.5}),
    ("float64", {"start": 0.5, "stop": 3.7, "step": 0.7, "dtype": "float64"}),
    ("int32_truncated_start", {"start": -1.5, "stop": 3, "step": 1, "dtype": "int32"}),
    ("int32_fractional_step", {"start": 0, "stop": 1, "step": 0.3, "dtype": "int32"}),
    ("int64", {"start": -3, "stop": 10, "step": 4, "dtype": "int64"}),
    ("uint8", {"start": 250, "stop": 256, "dtype": "uint8"}),
    ("infer_range_with_stop", {"start": 0, "stop": 4, "infer_range": True}),
]
for name, attrs in arange:
    cases.append(op_case("npi_arange_" + name, "_npi_arange", [], attrs))
# MXNet 1.9.1 returns all zeros for a float16 arange (a kernel bug); expected values from NumPy instead.
cases.append(numpy_case("npi_arange_float16", "_npi_arange", [], [onp.arange(0, 2, 0.25, dtype="float16")],
                        {"start": 0, "stop": 2, "step": 0.25, "dtype": "float16"}))
cases.append(op_case("npi_arange_empty", "_npi_arange", [], {"start": 0, "stop": 5, "step": -1}))
cases.append(op_case("npi_arange_equal_bounds", "_npi_arange", [], {"start": 2, "stop": 2}))
cases.append(error_case("npi_arange_step_zero", "_npi_arange", [], {"start": 0, "stop": 5, "step": 0}))
cases.append(error_case("npi_arange_repeat", "_npi_arange", [], {"start": 0, "stop": 5, "repeat": 2}))
for name, attrs in arange[:9]:
    cases.append(op_case("arange_" + name, "_arange", [], attrs))
cases.append(op_case("arange_repeat", "_arange", [], {"start": 0, "stop": 5, "repeat": 2}))
cases.append(op_case("arange_repeat_int64", "_arange", [], {"start": -3, "stop": 3, "step": 2, "repeat": 3,
                                                           "dtype": "int64"}))
cases.append(error_case("arange_empty", "_arange", [], {"start": 0, "stop": 5, "step": -1}))
cases.append(error_case("arange_equal_bounds", "_arange", [], {"start": 2, "stop": 2}))
cases.append(error_case("arange_step_zero", "_arange", [], {"start": 0, "stop": 5, "step": 0}))
cases.append(error_case("arange_infer_range", "_arange", [], {"start": 0, "infer_range": True}))

linspace = [
    ("basic", {"start": 0, "stop": 1, "num": 5}),
    ("no_endpoint", {"start": 0, "stop": 1, "num": 5, "endpoint": False}),
    ("int32", {"start": 0, "stop": 10, "num": 4, "dtype": "int32"}),
    ("int32_descending", {"start": 1, "stop": 0, "num": 4, "dtype": "int32"}),
    ("int32_negative", {"start": -1, "stop": 2, "num": 4, "dtype": "int32"}),
    ("float64_no_endpoint", {"start": -1, "stop": 2, "num": 4, "dtype": "float64", "endpoint": False}),
    ("one", {"start": 3, "stop": 1, "num": 1}),
    ("one_no_endpoint", {"start": 3, "stop": 1, "num": 1, "endpoint": False}),
    ("zero", {"start": 0, "stop": 1, "num": 0}),
    ("many", {"start": -2.5, "stop": 7.25, "num": 50}),
]
for name, attrs in linspace:
    cases.append(op_case("npi_linspace_" + name, "_npi_linspace", [], attrs))
cases.append(op_case("linspace_legacy_name", "_linspace", [], {"start": 1, "stop": 2, "num": 3}))
cases.append(error_case("npi_linspace_negative_num", "_npi_linspace", [], {"start": 0, "stop": 1, "num": -1}))
cases.append(error_case("npi_linspace_missing_num", "_npi_linspace", [], {"start": 0, "stop": 1}))

eye = [
    ("square", {"N": 3}),
    ("rect_k1", {"N": 3, "M": 4, "k": 1}),
    ("rect_kneg_int32", {"N": 3, "M": 2, "k": -1, "dtype": "int32"}),
    ("k_outside", {"N": 3, "k": 5}),
    ("empty", {"N": 0}),
    ("float64", {"N": 2, "M": 5, "k": 2, "dtype": "float64"}),
]
for name, attrs in eye:
    cases.append(op_case("npi_eye_" + name, "_npi_eye", [], attrs))
cases.append(op_case("npi_eye_m_none", "_npi_eye", [], {"N": 2, "M": "None"}))
cases.append(error_case("npi_eye_negative", "_npi_eye", [], {"N": -1}))
cases.append(op_case("eye_m0", "_eye", [], {"N": 3, "M": 0, "k": 1}))
cases.append(op_case("eye_rect", "_eye", [], {"N": 2, "M": 4, "k": -1, "dtype": "uint8"}))
cases.append(op_case("identity_3", "_npi_identity", [], {"shape": (3, 3)}))
cases.append(op_case("identity_int64", "_npi_identity", [], {"shape": (4, 4), "dtype": "int64"}))
cases.append(op_case("identity_nonsquare", "_npi_identity", [], {"shape": (3, 2)}))
cases.append(op_case("identity_3d", "_npi_identity", [], {"shape": (2, 2, 2)}))
cases.append(error_case("zeros_negative", "_npi_zeros", [], {"shape": (2, -1)}))
cases.append(error_case("full_missing_shape", "_npi_full", [], {"value": 3}))
cases.append(error_case("ones_bad_dtype", "_npi_ones", [], {"shape": (2,), "dtype": "complex64"}))

write("creation", cases, __file__)
