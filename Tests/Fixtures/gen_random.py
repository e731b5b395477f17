"""Generates Tests/MXNetTests/Fixtures/random.json: random operators from real MXNet 1.9.1 (see oracle.py).

MXNet's random streams cannot be reproduced, so the Swift test compares only output shapes and dtypes of these
cases (and that error cases throw); distribution properties are tested separately.
"""
import numpy as onp
from oracle import op_case, error_case, write

cases = []
P2 = onp.array([0.0, 10.0], "float32")
P22 = onp.array([[1.0], [11.0]], "float32")
for op, a, b in [("_npi_uniform", "low", "high"), ("_npi_normal", "loc", "scale")]:
    cases.append(op_case(op + "_0d", op, [], {a: 0, b: 1}))
    cases.append(op_case(op + "_size", op, [], {a: 0, b: 1, "size": (2, 3)}))
    cases.append(op_case(op + "_float64", op, [], {a: 0, b: 1, "size": (4,), "dtype": "float64"}))
    cases.append(op_case(op + "_float16", op, [], {a: 0, b: 1, "size": (4,), "dtype": "float16"}))
    cases.append(op_case(op + "_zero_size", op, [], {a: 0, b: 1, "size": (0, 3)}))
    cases.append(op_case(op + "_first_array", op, [P2], {a: "None", b: 1, "size": (3, 2)}, grad=[]))
    cases.append(op_case(op + "_first_array_no_size", op, [P2], {a: "None", b: 1}, grad=[]))
    cases.append(op_case(op + "_both_arrays", op, [P2, P22], {a: "None", b: "None"}, grad=[]))
    cases.append(op_case(op + "_second_array", op, [P2], {a: 0, b: "None", "size": (2,)}, grad=[]))
    cases.append(error_case(op + "_size_mismatch", op, [P2], {a: 0, b: "None", "size": (3,)}))
cases.append(error_case("npi_normal_negative_scale", "_npi_normal", [], {"loc": 0, "scale": -1, "size": (2,)}))
for op, a, b in [("_random_uniform", "low", "high"), ("_random_normal", "loc", "scale")]:
    cases.append(op_case(op, op, [], {"shape": (3,)}))
    cases.append(op_case(op + "_float64", op, [], {"shape": (2, 2), "dtype": "float64", a: -1, b: 2}))
    cases.append(error_case(op + "_no_shape", op, [], {}))
for alias in ["uniform", "random_uniform", "normal", "random_normal"]:
    cases.append(op_case(alias, alias, [], {"shape": (2,)}))
cases.append(error_case("random_uniform_low_above_high", "_random_uniform", [], {"shape": (3,), "low": 3, "high": 2}))
cases.append(error_case("random_normal_zero_scale", "_random_normal", [], {"shape": (3,), "scale": 0}))
for op in ["_npi_random_randint", "_random_randint", "random_randint"]:
    cases.append(op_case(op, op, [], {"low": 0, "high": 10, "shape": (5,)}))
    cases.append(op_case(op + "_int64", op, [], {"low": -5, "high": 2, "shape": (2, 3), "dtype": "int64"}))
cases.append(error_case("randint_no_shape", "_npi_random_randint", [], {"low": 0, "high": 10}))
cases.append(error_case("randint_reversed", "_random_randint", [], {"shape": (3,), "low": 5, "high": 2}))
cases.append(op_case("choice", "_npi_choice", [], {"a": 5, "size": (3,)}))
cases.append(op_case("choice_no_replace", "_npi_choice", [], {"a": 5, "size": (3,), "replace": False}))
cases.append(op_case("choice_0d", "_npi_choice", [], {"a": 5, "size": "()"}))
cases.append(op_case("choice_size_none", "_npi_choice", [], {"a": 5, "size": "None"}))
cases.append(op_case("choice_empty", "_npi_choice", [], {"a": 0, "size": (0,)}))
cases.append(op_case("choice_weighted", "_npi_choice", [onp.array([0.1, 0.2, 0.3, 0.4])],
                     {"a": 4, "size": (3, 2), "weighted": True}, grad=[]))
for op in ["_npi_shuffle", "_shuffle", "shuffle"]:
    cases.append(op_case(op, op, [onp.arange(6, dtype="float32").reshape(3, 2)], grad=[]))
cases.append(op_case("shuffle_int32", "_npi_shuffle", [onp.array([1, 2, 3], "int32")], grad=[]))
cases.append(error_case("shuffle_0d", "_npi_shuffle", [onp.array(3.0, "float32")]))

write("random", cases, __file__)
