"""Generates Tests/MXNetTests/Fixtures/dropout.json: Dropout's deterministic cases (inference, p=0) from real MXNet
1.9.1 (see oracle.py). Training-mode masks are random and tested statistically in DropoutTests.swift."""
import numpy as onp
from oracle import op_case, error_case, rand, write

cases = []
X = rand((2, 3, 4), seed=101)
cases.append(op_case("dropout_inference", "Dropout", [X], {"p": 0.5}))
cases.append(op_case("npx_dropout_inference_axes", "_npx_dropout", [X], {"p": 0.3, "axes": (0, 2)}))
cases.append(op_case("dropout_inference_float64", "Dropout", [X.astype("float64")], {"p": 0.7, "cudnn_off": True}))
cases.append(op_case("dropout_train_p0", "Dropout", [X], {"p": 0.0}, train=True))
cases.append(op_case("dropout_always_p0", "Dropout", [X], {"p": 0.0, "mode": "always"}))
cases.append(error_case("dropout_bad_mode", "Dropout", [X], {"mode": "sometimes"}))
write("dropout", cases, __file__)
