"""Generates Tests/MXNetTests/Fixtures/softmax.json: softmax, log_softmax, softmin, SoftmaxActivation and the loss
output layers (SoftmaxOutput, regression outputs, SVMOutput, MakeLoss) plus BlockGrad and identity, forward and
gradient, from real MXNet 1.9.1 (see oracle.py); masked_softmax (MXNet 2.0) from NumPy."""
import numpy as onp
from oracle import op_case, error_case, numpy_case, rand, write, encode

cases = []
X = rand((2, 3, 4), seed=81)
L = onp.array([[1, 2, 3], [4, 0, 2]], dtype="int32")

for op in ["softmax", "log_softmax", "softmin"]:
    cases.append(op_case(op + "_default", op, [X], rtol=1e-4, atol=1e-5))
    cases.append(op_case(op + "_axis0", op, [X], {"axis": 0}, rtol=1e-4, atol=1e-5))
    cases.append(op_case(op + "_axis_neg2_temperature", op, [X], {"axis": -2, "temperature": 2.5}, rtol=1e-4,
                         atol=1e-5))
    cases.append(op_case(op + "_float64", op, [X.astype("float64")], {"axis": 1}, rtol=1e-10))
cases.append(op_case("npx_softmax", "_npx_softmax", [X], {"axis": 1}, rtol=1e-4, atol=1e-5))
cases.append(op_case("npx_log_softmax", "_npx_log_softmax", [X], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_dtype_float64", "softmax", [X], {"dtype": "float64"}, rtol=1e-6))
cases.append(op_case("softmax_float16_to_float32", "softmax", [X.astype("float16")], {"dtype": "float32"}, grad=[],
                     rtol=2e-3, atol=2e-3))
cases.append(op_case("softmax_float16", "softmax", [X.astype("float16")], rtol=2e-3, atol=2e-3))
cases.append(op_case("softmax_length", "softmax", [X, L], {"use_length": True}, grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_length_axis1", "softmax", [X, onp.array([[1, 3, 0, 2], [2, 2, 3, 1]], "int64")],
                     {"use_length": True, "axis": 1}, grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_0d", "softmax", [onp.array(1.5, "float32")], grad=[]))
cases.append(op_case("softmax_zero_size", "softmax", [onp.zeros((0, 3), "float32")], grad=[]))
cases.append(error_case("softmax_int32", "softmax", [L]))
cases.append(error_case("softmax_bad_axis", "softmax", [X], {"axis": 3}))
cases.append(error_case("softmax_float_length", "softmax", [X, L.astype("float32")], {"use_length": True}))

# For data of more than 2 dimensions MXNet 1.9.1's instance-mode backward reduces over axis 1 while its forward
# reduces over the last axis; the gradient here matches the forward, so only the forward is compared.
cases.append(op_case("softmax_activation_instance", "SoftmaxActivation", [X], grad=[], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_activation_channel", "SoftmaxActivation", [rand((2, 3, 2, 2), seed=82)],
                     {"mode": "channel"}, rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_activation_2d", "SoftmaxActivation", [rand((3, 5), seed=83)], rtol=1e-4, atol=1e-5))
cases.append(error_case("softmax_activation_channel_2d", "SoftmaxActivation", [rand((3, 5))], {"mode": "channel"}))


# masked_softmax / masked_log_softmax are MXNet 2.0 operators: expected values from NumPy.
def masked_case(name, op, x, mask, log, attrs=None, temperature=1.0, axis=-1):
    xs = x.astype("float64") / temperature
    full = onp.broadcast_to(mask, x.shape)
    z = onp.where(full, xs, -onp.inf)
    z = z - z.max(axis=axis, keepdims=True)
    e = onp.where(full, onp.exp(z), 0.0)
    s = e.sum(axis=axis, keepdims=True)
    y = onp.where(full, z - onp.log(s), -onp.inf) if log else e / s
    case = numpy_case(name, op, [x, mask], [y.astype(x.dtype)], attrs, rtol=1e-4, atol=1e-5)
    head = onp.random.RandomState(0).standard_normal(y.shape).astype(x.dtype)
    h = onp.where(full, head.astype("float64"), 0.0)
    if log:
        dx = h - onp.exp(onp.where(full, y, -onp.inf)) * h.sum(axis=axis, keepdims=True)
    else:
        dx = y * (h - (h * y).sum(axis=axis, keepdims=True))
    case["head_grads"] = [encode(head)]
    case["input_grads"] = [encode(onp.where(full, dx / temperature, 0.0).astype(x.dtype)), None]
    return case


M = rand((2, 3, 4), seed=84) > -1.0
M[0, 1, :] = [False, True, True, False]
MB = onp.array([[[True, True, False, True]], [[False, True, True, True]]])   # (2, 1, 4), broadcast over axis 1
cases.append(masked_case("masked_softmax", "masked_softmax", X, M, False))
cases.append(masked_case("masked_softmax_broadcast", "_npx_masked_softmax", X, MB, False))
cases.append(masked_case("masked_softmax_temperature_axis1", "masked_softmax", X, M, False,
                         {"temperature": 2.0, "axis": 1}, temperature=2.0, axis=1))
cases.append(masked_case("masked_log_softmax", "masked_log_softmax", X, M, True))
cases.append(masked_case("masked_log_softmax_broadcast", "_npx_masked_log_softmax", X, MB, True))

# Loss output layers: the gradient ignores the head gradient (except SoftmaxOutput's out_grad).
D = rand((4, 5), seed=91)
Y = onp.array([1, 0, 4, 2], "float32")
SO = "SoftmaxOutput"
cases.append(op_case("softmax_output", SO, [D, Y], grad=[0, 1], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_output_alias", "Softmax", [D, Y], {"grad_scale": 0.5}, grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_output_ignore_batch", SO, [D, onp.array([1, -1, 4, -1], "float32")],
                     {"use_ignore": True, "normalization": "batch"}, grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_output_ignore_valid", SO, [D, onp.array([1, 3, 4, 3], "float32")],
                     {"use_ignore": True, "ignore_label": 3, "normalization": "valid", "grad_scale": 2.0}, grad=[0],
                     rtol=1e-4, atol=1e-5))
# With out_grad, MXNet 1.9.1 multiplies by the softmax output instead of the head gradient (a bug); this
# implementation follows the documented rule, (softmax - onehot(label)) * head gradient, computed here in NumPy.
e = onp.exp(D.astype("float64") - D.max(1, keepdims=True))
S = e / e.sum(1, keepdims=True)
out_grad_case = numpy_case("softmax_output_out_grad", SO, [D, Y], [S.astype("float32")], {"out_grad": True},
                           rtol=1e-4, atol=1e-5)
H = onp.random.RandomState(0).standard_normal(S.shape).astype("float32")
out_grad_case["head_grads"] = [encode(H)]
out_grad_case["input_grads"] = [encode(((S - onp.eye(5)[Y.astype(int)]) * H).astype("float32")), None]
cases.append(out_grad_case)
cases.append(op_case("softmax_output_smooth", SO, [D, Y], {"smooth_alpha": 0.2}, grad=[0], rtol=1e-4, atol=1e-5))
P = rand((4, 5), low=0.0, high=1.0, seed=92)
cases.append(op_case("softmax_output_probability_label", SO, [D, P / P.sum(1, keepdims=True)], grad=[0], rtol=1e-4,
                     atol=1e-5))
XM = rand((2, 3, 4), seed=93)
YM = onp.array([[0, 2, 1, 1], [2, 2, 0, 1]], "float32")
for norm in ["null", "batch", "valid"]:
    cases.append(op_case("softmax_output_multi_" + norm, SO, [XM, YM], {"multi_output": True, "normalization": norm},
                         grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_output_preserve_shape", SO, [XM, onp.array([[0, 3, 1], [2, 2, 0]], "float32")],
                     {"preserve_shape": True}, grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("softmax_output_float64", SO, [D.astype("float64"), Y.astype("float64")], grad=[0], rtol=1e-8))

for op in ["LinearRegressionOutput", "LogisticRegressionOutput", "MAERegressionOutput"]:
    cases.append(op_case(op, op, [D, rand((4, 5), seed=94)], grad=[0, 1], rtol=1e-4, atol=1e-5))
    cases.append(op_case(op + "_column", op, [rand((4, 1), seed=95), rand((4,), seed=96)], {"grad_scale": 3.0},
                         grad=[0], rtol=1e-4, atol=1e-5))
cases.append(error_case("linear_regression_bad_label", "LinearRegressionOutput", [D, rand((4,))]))

cases.append(op_case("svm_output", "SVMOutput", [D, Y], grad=[0], rtol=1e-4, atol=1e-5))
cases.append(op_case("svm_output_linear", "SVMOutput", [D, Y],
                     {"use_linear": True, "margin": 0.5, "regularization_coefficient": 2.0}, grad=[0], rtol=1e-4,
                     atol=1e-5))
cases.append(op_case("svm_output_margin", "SVMOutput", [D, Y], {"margin": 2.0, "regularization_coefficient": 0.5},
                     grad=[0], rtol=1e-4, atol=1e-5))

cases.append(op_case("make_loss", "MakeLoss", [D], rtol=1e-4))
cases.append(op_case("make_loss_batch", "MakeLoss", [XM], {"normalization": "batch", "grad_scale": 3.0}, rtol=1e-4))
cases.append(op_case("make_loss_valid", "MakeLoss", [D], {"normalization": "valid", "valid_thresh": 0.5}, rtol=1e-4))
cases.append(op_case("make_loss_lower", "make_loss", [D], rtol=1e-4))
cases.append(op_case("block_grad", "BlockGrad", [D]))
cases.append(op_case("stop_gradient", "stop_gradient", [D]))
cases.append(op_case("identity", "identity", [D]))
cases.append(op_case("copy", "_copy", [D.astype("float16")], rtol=1e-3))

write("softmax", cases, __file__)
