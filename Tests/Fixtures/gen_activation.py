"""Generates Tests/MXNetTests/Fixtures/activation.json: Activation and LeakyReLU, forward and gradient, from real
MXNet 1.9.1 (see oracle.py); MXNet 2.0 additions (log_sigmoid, mish, gelu_tanh) from NumPy."""
import math

import numpy as onp
from oracle import op_case, error_case, numpy_case, rand, write, encode

cases = []
X = rand((2, 3, 4), seed=71)
W = rand((3, 5), low=-30.0, high=30.0, seed=72)   # reaches softrelu's large-input branch
I = onp.array([[3, -2, 0], [-7, 5, 1]], dtype="int32")


def numpy_grad_case(name, op, inputs, forward, derivative, attrs=None, rtol=1e-5, atol=1e-6):
    """A NumPy case with the gradient of input 0: head gradients are seeded normals, as in op_case."""
    x = inputs[0].astype("float64")
    y = forward(x)
    case = numpy_case(name, op, inputs, [y.astype(inputs[0].dtype)], attrs, rtol=rtol, atol=atol)
    head = onp.random.RandomState(0).standard_normal(y.shape).astype(inputs[0].dtype)
    case["head_grads"] = [encode(head)]
    case["input_grads"] = [encode((head * derivative(x)).astype(inputs[0].dtype))] + [None] * (len(inputs) - 1)
    return case


for act in ["relu", "sigmoid", "tanh", "softrelu", "softsign"]:
    cases.append(op_case("activation_" + act, "Activation", [X], {"act_type": act}, rtol=1e-4, atol=1e-5))
cases.append(op_case("activation_softrelu_large", "Activation", [W], {"act_type": "softrelu"}, rtol=1e-4, atol=1e-5))
cases.append(op_case("npx_activation_tanh_float64", "_npx_activation", [X.astype("float64")], {"act_type": "tanh"},
                     rtol=1e-10))
cases.append(op_case("activation_sigmoid_float16", "Activation", [X.astype("float16")], {"act_type": "sigmoid"},
                     rtol=2e-3, atol=2e-3))
cases.append(error_case("activation_relu_int32", "Activation", [I], {"act_type": "relu"}))
cases.append(error_case("activation_bad_type", "Activation", [X], {"act_type": "swish"}))


def softrelu(x):
    return onp.where(x > 20, x, onp.log1p(onp.exp(onp.minimum(x, 20))))


def sigmoid(x):
    return 1 / (1 + onp.exp(-x))


cases.append(numpy_grad_case("activation_log_sigmoid", "Activation", [X], lambda x: -softrelu(-x),
                             lambda x: sigmoid(-x), {"act_type": "log_sigmoid"}, rtol=1e-4, atol=1e-5))
cases.append(numpy_grad_case(
    "activation_mish", "_npx_activation", [X], lambda x: x * onp.tanh(softrelu(x)),
    lambda x: onp.tanh(softrelu(x)) + x * sigmoid(x) * (1 - onp.tanh(softrelu(x)) ** 2),
    {"act_type": "mish"}, rtol=1e-4, atol=1e-5))

LR = "LeakyReLU"
cases.append(op_case("leaky_default", LR, [X], rtol=1e-4))
cases.append(op_case("leaky_slope", "_npx_leaky_relu", [X], {"act_type": "leaky", "slope": 0.1}, rtol=1e-4))
cases.append(op_case("elu", LR, [X], {"act_type": "elu", "slope": 0.5}, rtol=1e-4, atol=1e-5))
cases.append(op_case("selu", LR, [X], {"act_type": "selu"}, rtol=1e-4, atol=1e-5))
cases.append(op_case("gelu", LR, [X], {"act_type": "gelu"}, rtol=1e-4, atol=1e-5))
gelu_erf = op_case("gelu_erf", LR, [X], {"act_type": "gelu"}, rtol=1e-4, atol=1e-5)
gelu_erf["attrs"]["act_type"] = "gelu_erf"   # MXNet 2.0's name for 1.9.1's gelu
cases.append(gelu_erf)
k = math.sqrt(2 / math.pi)
cases.append(numpy_grad_case(
    "gelu_tanh", LR, [X], lambda x: 0.5 * x * (1 + onp.tanh(k * (x + 0.044715 * x ** 3))),
    lambda x: 0.5 * (1 + onp.tanh(k * (x + 0.044715 * x ** 3)))
    + 0.5 * x * (1 - onp.tanh(k * (x + 0.044715 * x ** 3)) ** 2) * k * (1 + 3 * 0.044715 * x ** 2),
    {"act_type": "gelu_tanh"}, rtol=1e-4, atol=1e-5))
cases.append(op_case("prelu_channel", LR, [X, rand((3,), low=0.0, high=0.5, seed=73)], {"act_type": "prelu"},
                     rtol=1e-4, atol=1e-5))
cases.append(op_case("prelu_scalar_gamma", LR, [X, onp.array([0.2], "float32")], {"act_type": "prelu"}, rtol=1e-4,
                     atol=1e-5))
cases.append(op_case("prelu_4d", LR, [rand((2, 3, 2, 2), seed=74), rand((3,), seed=75)], {"act_type": "prelu"},
                     rtol=1e-4, atol=1e-5))
cases.append(op_case("prelu_2d", LR, [rand((4, 5), seed=76), rand((5,), seed=77)], {"act_type": "prelu"}, rtol=1e-4,
                     atol=1e-5))
cases.append(op_case("leaky_float64", LR, [X.astype("float64")], {"act_type": "elu"}, rtol=1e-10))
# Inference RReLU uses the mean slope. MXNet 1.9.1 leaves its visible mask output unwritten (zeros); this
# implementation writes the slope used, so only the first output is compared.
rrelu = op_case("rrelu_inference", LR, [X], {"act_type": "rrelu", "lower_bound": 0.1, "upper_bound": 0.3}, grad=[])
rrelu["outputs"] = rrelu["outputs"][:1]
cases.append(rrelu)
cases.append(error_case("leaky_int32", LR, [I]))
cases.append(error_case("prelu_bad_gamma", LR, [X, rand((4,))], {"act_type": "prelu"}))

write("activation", cases, __file__)
