"""Generates Tests/MXNetTests/Fixtures/rnn.json: the RNN operator (rnn_relu, rnn_tanh, lstm, gru; layers,
bidirectional, states, dropout in inference) and _rnn_param_concat, forward and gradient, from real MXNet 1.9.1
(see oracle.py).

MXNet 1.9.1's CPU RNN ignores `use_sequence_length`; the expected values for it are built from MXNet by running
each batch entry on its own, truncated to its length, and padding the outputs with zeros (cuDNN's semantics)."""
import numpy as onp
import mxnet as mx
from mxnet import autograd, np as mnp
from oracle import op_case, error_case, encode, invoke, rand, write

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
