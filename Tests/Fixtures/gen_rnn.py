"""Generates Tests/MXNetTests/Fixtures/rnn.json: the RNN operator (rnn_relu, rnn_tanh, lstm, gru; layers,
bidirectional, states, dropout in inference; LSTM with projection) and _rnn_param_concat, forward and gradient, from
real MXNet 1.9.1 (see oracle.py).

MXNet 1.9.1's CPU RNN ignores `use_sequence_length`; the expected values for it are built from MXNet by running
each batch entry on its own, truncated to its length, and padding the outputs with zeros (cuDNN's semantics)."""
import numpy as onp
import mxnet as mx
from mxnet import autograd, np as mnp
from oracle import op_case, error_case, fd_case, encode, invoke, rand, write

cases = []
GATES = {"rnn_relu": 1, "rnn_tanh": 1, "lstm": 4, "gru": 3}


def param_size(mode, layers, dirs, inputs, hidden):
    g = GATES[mode]
    total = 0
    for l in range(layers):
        n = inputs if l == 0 else dirs * hidden
        total += dirs * (g * hidden * n + g * hidden * hidden + 2 * g * hidden)
    return total


def rnn_inputs(mode, layers, dirs, T, N, I, H, dtype="float32", seed=0):
    x = rand((T, N, I), dtype=dtype, seed=seed + 1)
    p = rand((param_size(mode, layers, dirs, I, H),), dtype=dtype, low=-0.6, high=0.6, seed=seed + 2)
    h0 = rand((layers * dirs, N, H), dtype=dtype, low=-1, high=1, seed=seed + 3)
    ins = [x, p, h0]
    if mode == "lstm":
        ins.append(rand((layers * dirs, N, H), dtype=dtype, low=-1, high=1, seed=seed + 4))
    return ins


def attrs(mode, layers, dirs, H, **extra):
    a = {"mode": mode, "state_size": H, "num_layers": layers, "bidirectional": dirs == 2}
    a.update(extra)
    return a


T, N, I, H = 4, 3, 5, 4
for mode in GATES:
    for layers, dirs in [(1, 1), (2, 2)]:
        ins = rnn_inputs(mode, layers, dirs, T, N, I, H, seed=10 * layers + dirs)
        cases.append(op_case("%s L%d D%d states" % (mode, layers, dirs), "RNN", ins,
                             attrs(mode, layers, dirs, H, state_outputs=True), rtol=1e-4, atol=1e-5))
    ins = rnn_inputs(mode, 2, 1, T, N, I, H, seed=7)
    cases.append(op_case("%s L2 D1 no state outputs" % mode, "_npx_rnn", ins, attrs(mode, 2, 1, H), rtol=1e-4, atol=1e-5))
    ins = rnn_inputs(mode, 1, 2, T, N, I, H, seed=8)
    cases.append(op_case("%s L1 D2 no state outputs" % mode, "RNN", ins, attrs(mode, 1, 2, H), rtol=1e-4, atol=1e-5))

for mode in ["lstm", "gru"]:
    ins = rnn_inputs(mode, 2, 2, T, N, I, H, dtype="float64", seed=20)
    cases.append(op_case("%s float64" % mode, "RNN", ins, attrs(mode, 2, 2, H, state_outputs=True), rtol=1e-9, atol=1e-10))
ins = rnn_inputs("lstm", 3, 1, 2, 2, 3, 6, seed=30)
cases.append(op_case("lstm L3 dropout inference", "RNN", ins, attrs("lstm", 3, 1, 6, p=0.4, state_outputs=True),
                     rtol=1e-4, atol=1e-5))
ins = rnn_inputs("gru", 2, 2, 1, 1, 2, 3, seed=31)
cases.append(op_case("gru single step batch 1", "RNN", ins, attrs("gru", 2, 2, 3, state_outputs=True), rtol=1e-4, atol=1e-5))
ins = rnn_inputs("rnn_tanh", 1, 1, T, N, I, H, seed=32)
cases.append(error_case("RNN wrong parameter size", "RNN", [ins[0], ins[1][:-1], ins[2]], attrs("rnn_tanh", 1, 1, H)))
cases.append(error_case("RNN wrong state shape", "RNN", [ins[0], ins[1], ins[2][:, :2]], attrs("rnn_tanh", 1, 1, H)))
cases.append(error_case("RNN 2-d data", "RNN", [ins[0][0], ins[1], ins[2]], attrs("rnn_tanh", 1, 1, H)))


def sequence_length_case(name, mode, layers, dirs, lengths, seed):
    """Runs each batch entry alone, truncated to its length, in MXNet; pads with zeros."""
    ins = rnn_inputs(mode, layers, dirs, T, N, I, H, seed=seed)
    a = {k: str(v) for k, v in attrs(mode, layers, dirs, H, state_outputs=True).items()}
    rng = onp.random.RandomState(seed)
    nstate = 2 if mode == "lstm" else 1
    heads = [rng.standard_normal((T, N, dirs * H)).astype("float32")] + \
            [rng.standard_normal((layers * dirs, N, H)).astype("float32") for _ in range(nstate)]
    out = onp.zeros((T, N, dirs * H), "float32")
    states = [onp.zeros((layers * dirs, N, H), "float32") for _ in range(nstate)]
    gx = onp.zeros_like(ins[0])
    gp = onp.zeros_like(ins[1])
    gs = [onp.zeros_like(ins[2 + k]) for k in range(nstate)]
    for n, length in enumerate(lengths):
        arrs = [mnp.array(ins[0][:length, n:n + 1]), mnp.array(ins[1])] + \
               [mnp.array(ins[2 + k][:, n:n + 1]) for k in range(nstate)]
        for arr in arrs:
            arr.attach_grad()
        with autograd.record(train_mode=False):
            outs = invoke("RNN", arrs, a)
        hs = [mnp.array(heads[0][:length, n:n + 1])] + [mnp.array(h[:, n:n + 1]) for h in heads[1:]]
        autograd.backward(outs, hs)
        out[:length, n:n + 1] = outs[0].asnumpy()
        for k in range(nstate):
            states[k][:, n:n + 1] = outs[1 + k].asnumpy()
            gs[k][:, n:n + 1] = arrs[2 + k].grad.asnumpy()
        gx[:length, n:n + 1] = arrs[0].grad.asnumpy()
        gp += arrs[1].grad.asnumpy()
    lens = onp.array(lengths, "int32")
    a["use_sequence_length"] = "True"
    return {"name": name, "op": "RNN", "attrs": a, "inputs": [encode(x) for x in ins + [lens]],
            "rtol": 1e-4, "atol": 1e-5, "train": False, "head_grads": [encode(h) for h in heads],
            "input_grads": [encode(gx), encode(gp)] + [encode(g) for g in gs] + [None],
            "outputs": [encode(out)] + [encode(s) for s in states],
            "expected_from": "mxnet per batch entry"}


cases.append(sequence_length_case("lstm sequence_length bidirectional", "lstm", 2, 2, [4, 2, 3], seed=40))
cases.append(sequence_length_case("gru sequence_length", "gru", 1, 1, [1, 4, 3], seed=41))
cases.append(sequence_length_case("rnn_relu sequence_length bidirectional", "rnn_relu", 1, 2, [3, 3, 1], seed=42))

# LSTM with projection (LSTMP, `projection_size` P): per (layer, direction) the packed weights are Wx (4H x inputs),
# Wh (4H x P) and the projection Whr (P x H); biases follow all weights. The h state and the output have P features
# (D*P for the output), the cell state H. MXNet 1.9.1's CPU RNN computes the projection in inference only: it
# refuses training mode and the backward ("No training support for LSTM with projection on CPU"), and without
# state_outputs it dereferences a null state pointer (crash). So every case's forward comes from MXNet inference
# with state_outputs=True (keeping only the output when the case has none) and gradients are checked by finite
# differences (fd_grad_inputs). For p=0 a training forward equals the inference one.
def proj_param_size(layers, dirs, inputs, hidden, proj):
    total = 0
    for l in range(layers):
        n = inputs if l == 0 else dirs * proj
        total += dirs * (4 * hidden * n + 4 * hidden * proj + hidden * proj + 8 * hidden)
    return total


def proj_inputs(layers, dirs, T, N, I, H, P, dtype="float32", seed=0, zero_states=False):
    x = rand((T, N, I), dtype=dtype, seed=seed + 1)
    p = rand((proj_param_size(layers, dirs, I, H, P),), dtype=dtype, low=-0.6, high=0.6, seed=seed + 2)
    if zero_states:
        return [x, p, onp.zeros((layers * dirs, N, P), dtype), onp.zeros((layers * dirs, N, H), dtype)]
    return [x, p, rand((layers * dirs, N, P), dtype=dtype, low=-1, high=1, seed=seed + 3),
            rand((layers * dirs, N, H), dtype=dtype, low=-1, high=1, seed=seed + 4)]


def proj_case(name, layers, dirs, P, dtype="float32", seed=0, zero_states=False, state_outputs=True, train=False,
              shape=(T, N, I, H), **extra):
    t, n, i, h = shape
    ins = proj_inputs(layers, dirs, t, n, i, h, P, dtype=dtype, seed=seed, zero_states=zero_states)
    a = attrs("lstm", layers, dirs, h, projection_size=P, state_outputs=True, **extra)
    tol = (1e-9, 1e-10) if dtype == "float64" else (1e-4, 1e-5)
    case = fd_case(name, "RNN", ins, a, fd_grad=(0, 1, 2, 3), rtol=tol[0], atol=tol[1], seed=seed)
    if not state_outputs:
        case["attrs"]["state_outputs"] = "False"
        case["outputs"] = case["outputs"][:1]
        case["head_grads"] = case["head_grads"][:1]
        case["expected_from"] = "mxnet with state_outputs=True"
    if train:
        case["train"] = True
        case["expected_from"] = "mxnet inference (p=0)"
    return case


for layers, dirs in [(1, 1), (2, 1), (1, 2), (2, 2)]:
    cases.append(proj_case("lstmp L%d D%d states" % (layers, dirs), layers, dirs, 2, seed=60 + 10 * layers + dirs))
cases.append(proj_case("lstmp L2 D2 float64", 2, 2, 3, dtype="float64", seed=61))
cases.append(proj_case("lstmp L1 D1 float64 zero states", 1, 1, 2, dtype="float64", seed=62, zero_states=True))
cases.append(proj_case("lstmp L2 D2 zero states", 2, 2, 3, seed=63, zero_states=True))
cases.append(proj_case("lstmp L2 D1 projection wider than state", 2, 1, 5, seed=64))
cases.append(proj_case("lstmp L2 D2 no state outputs", 2, 2, 2, seed=65, state_outputs=False))
cases.append(proj_case("lstmp L1 D1 no state outputs float64", 1, 1, 3, dtype="float64", seed=66, state_outputs=False))
cases.append(proj_case("lstmp L2 D1 train p=0", 2, 1, 2, seed=67, train=True))
cases.append(proj_case("lstmp L3 dropout inference", 3, 1, 3, seed=68, shape=(2, 2, 3, 6), p=0.4))
cases.append(proj_case("lstmp single step batch 1", 2, 2, 1, seed=69, shape=(1, 1, 2, 3)))
ins = proj_inputs(2, 2, T, N, I, H, 2, seed=70)
pa = attrs("lstm", 2, 2, H, projection_size=2, state_outputs=True)
cases.append(error_case("lstmp parameters without projection", "RNN",
                        [ins[0], rand((param_size("lstm", 2, 2, I, H),), seed=71), ins[2], ins[3]], pa))
cases.append(error_case("lstmp parameter size off by one", "RNN", [ins[0], ins[1][:-1], ins[2], ins[3]], pa))
cases.append(error_case("lstmp state of state_size", "RNN",
                        [ins[0], ins[1], rand((4, N, H), seed=72), ins[3]], pa))
cases.append(error_case("lstmp cell state of projection size", "RNN", [ins[0], ins[1], ins[2], ins[2]], pa))



def proj_sequence_length_case(name, layers, dirs, P, lengths, seed):
    """Like sequence_length_case, forward only (MXNet has no projection backward on CPU): gradients by finite
    differences."""
    ins = proj_inputs(layers, dirs, T, N, I, H, P, seed=seed)
    a = {k: str(v) for k, v in attrs("lstm", layers, dirs, H, projection_size=P, state_outputs=True).items()}
    out = onp.zeros((T, N, dirs * P), "float32")
    states = [onp.zeros((layers * dirs, N, P), "float32"), onp.zeros((layers * dirs, N, H), "float32")]
    for n, length in enumerate(lengths):
        arrs = [mnp.array(ins[0][:length, n:n + 1]), mnp.array(ins[1])] + [mnp.array(s[:, n:n + 1]) for s in ins[2:]]
        outs = invoke("RNN", arrs, a)
        out[:length, n:n + 1] = outs[0].asnumpy()
        for k in range(2):
            states[k][:, n:n + 1] = outs[1 + k].asnumpy()
    lens = onp.array(lengths, "int32")
    a["use_sequence_length"] = "True"
    rng = onp.random.RandomState(seed)
    expected = [out] + states
    return {"name": name, "op": "RNN", "attrs": a, "inputs": [encode(x) for x in ins + [lens]],
            "rtol": 1e-4, "atol": 1e-5, "train": False, "outputs": [encode(e) for e in expected],
            "head_grads": [encode(rng.standard_normal(e.shape).astype("float32")) for e in expected],
            "fd_grad_inputs": [0, 1, 2, 3], "expected_from": "mxnet per batch entry"}


cases.append(proj_sequence_length_case("lstmp sequence_length bidirectional", 2, 2, 2, [4, 2, 3], seed=73))

# _rnn_param_concat
A, B2 = rand((2, 3), seed=50), rand((2, 4), seed=51)
cases.append(op_case("_rnn_param_concat dim 1", "_rnn_param_concat", [A, B2], {"num_args": 2, "dim": 1}))
cases.append(op_case("_rnn_param_concat dim 0 three", "_rnn_param_concat", [rand((3,), seed=52), rand((5,), seed=53), rand((1,), seed=54)],
                     {"num_args": 3, "dim": 0}))
cases.append(op_case("_npi_rnn_param_concat int32", "_npi_rnn_param_concat",
                     [onp.arange(6, dtype="int32").reshape(3, 2), onp.arange(3, dtype="int32").reshape(3, 1)], {"num_args": 2}, grad=[]))
cases.append(error_case("_rnn_param_concat mismatch", "_rnn_param_concat", [A, rand((3, 4), seed=55)], {"num_args": 2, "dim": 1}))
cases.append(error_case("_rnn_param_concat 1-d default dim", "_rnn_param_concat", [rand((3,), seed=52), rand((5,), seed=53)],
                        {"num_args": 2}))

write("rnn", cases, __file__)
