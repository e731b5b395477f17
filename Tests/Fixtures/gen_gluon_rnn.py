"""Generates Tests/MXNetTests/Fixtures/gluon_rnn.json: MXNet 1.9.1's gluon.rnn layers (RNN, LSTM, GRU) and cells
(RNNCell, LSTMCell, GRUCell, SequentialRNNCell, BidirectionalCell, ResidualCell, DropoutCell) run on seeded inputs with
seeded uniform weights under autograd, then backward of sum_i sum(head_i * g_i) over the outputs and final states
with seeded head gradients g_i (a scalar loss, so an array that is both an output and a state gets both gradients).

Each case records the input, the begin states (when given), the parameters in registration order with their 1.9.1
structural name (`_collect_params_with_prefix()`, e.g. `_unfused.0.l_cell.i2h_weight`) and attribute name
(`l0_i2h_weight`, what the Swift layer calls them), the outputs, the final states, the head gradients, and the
gradients of the input, the begin states and every parameter. Layer cases also carry the bytes of the file 1.9.1's
`save_parameters` writes (base64), so the Swift layer is checked to load real 1.9.1 checkpoints.

MXNet 1.9.1 has no backward for the fused LSTM with projection on CPU: for those cases the outputs come from the
fused layer (inference) and the gradients from the same network unrolled with 1.9.1's `contrib.rnn.LSTMPCell`
(its outputs are asserted equal to the fused layer's first).

usage: python Tests/Fixtures/gen_gluon_rnn.py   (from the repository root, with the MXNet 1.9.1 oracle)
"""
import base64
import json
import os
import tempfile

import numpy as onp
import mxnet as mx
from mxnet import autograd, gluon
from mxnet.gluon import rnn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MXNetTests", "Fixtures", "gluon_rnn.json")


def encode(a):
    a = a.asnumpy() if isinstance(a, mx.nd.NDArray) else onp.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": [round(float(v), 8) for v in a.reshape(-1)]}


def uniform(rng, shape, scale=1.0):
    return mx.nd.array(rng.uniform(-scale, scale, shape).astype("float32"))


def named_params(block, attr_names=None):
    """(structural name, attribute name, parameter) in registration order."""
    structural = {id(p): n for n, p in block._collect_params_with_prefix().items()}
    if attr_names is None:
        return [(n, n, p) for n, p in block._collect_params_with_prefix().items()]
    return [(structural[id(p)], a, p) for a, p in attr_names]


def set_params(rng, params):
    for _, _, p in params:
        p.set_data(uniform(rng, p.shape, 0.5))


def saved_params(block):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "p.params")
        block.save_parameters(path)
        with open(path, "rb") as f:
            return base64.b64encode(f.read()).decode("ascii")


def weighted_sum(heads, head_grads):
    """sum_i sum(heads[i] * head_grads[i]): backward of it gives each head its head gradient, and sums them where
    one array is two heads (a cell's output is also its state; autograd.backward would keep only one)."""
    return mx.nd.add_n(*[(h * g).sum() for h, g in zip(heads, head_grads)])


def run(heads_fn, leaves, params, rng, train=True):
    """Records heads_fn() -> (outputs, states), then backward of the heads weighted by seeded head gradients."""
    for a in leaves:
        a.attach_grad()
    with autograd.record(train_mode=train):
        outputs, states = heads_fn()
        heads = list(outputs) + list(states)
        head_grads = [uniform(rng, h.shape) for h in heads]
        loss = weighted_sum(heads, head_grads)
    loss.backward()
    return {"outputs": [encode(o) for o in outputs], "states_out": [encode(s) for s in states],
            "head_grads": [encode(g) for g in head_grads], "input_grad": encode(leaves[0].grad),
            "state_grads": [encode(s.grad) for s in leaves[1:]],
            "param_grads": [encode(p.grad()) for _, _, p in params]}


cases = []


def layer_case(name, make, shape, states=False, train=True, seed=0):
    rng = onp.random.RandomState(seed)
    layer = make()
    layer.initialize()
    x = uniform(rng, shape)
    layer(x)  # finish deferred initialisation
    params = named_params(layer, list(layer._reg_params.items()))
    set_params(rng, params)
    batch = shape[layer._layout.find("N")]
    begin = [uniform(rng, info["shape"]) for info in layer.state_info(batch)] if states else []

    def heads():
        if states:
            out, new_states = layer(x, begin)
            return [out], new_states
        return [layer(x)], []
    rec = run(heads, [x] + begin, params, rng, train)
    rec.update(name=name, kind="layer", input=encode(x), states=[encode(s) for s in begin], train=train,
               params=[{"name": n, "attr": a, "value": encode(p.data())} for n, a, p in params],
               saved_params=saved_params(layer))
    cases.append(rec)


def lstmp_case(name, hidden, proj, layers, bidirectional, layout, shape, seed=0):
    """Fused LSTM with projection: outputs from the fused layer, gradients from LSTMPCells unrolled with the same
    weights (1.9.1's CPU cannot train the fused projection)."""
    rng = onp.random.RandomState(seed)
    layer = rnn.LSTM(hidden, layers, layout=layout, bidirectional=bidirectional, projection_size=proj)
    layer.initialize()
    x = uniform(rng, shape)
    layer(x)
    params = named_params(layer, list(layer._reg_params.items()))
    set_params(rng, params)
    batch = shape[layout.find("N")]
    begin = [uniform(rng, info["shape"]) for info in layer.state_info(batch)]
    fused_out, fused_states = layer(x, begin)

    dirs = ["l", "r"] if bidirectional else ["l"]
    stack = rnn.SequentialRNNCell()
    cells = {}
    for i in range(layers):
        made = {}
        for d in dirs:
            c = mx.gluon.contrib.rnn.LSTMPCell(hidden, proj, prefix="%s%d_" % (d, i))
            made[d] = cells["%s%d" % (d, i)] = c
        stack.add(rnn.BidirectionalCell(made["l"], made["r"]) if bidirectional else made["l"])
    stack.initialize()
    stack.unroll(shape[layout.find("T")], x, layout=layout, merge_outputs=True)
    for key, c in cells.items():
        for g in ["i2h_weight", "h2h_weight", "h2r_weight", "i2h_bias", "h2h_bias"]:
            getattr(c, g).set_data(layer._reg_params["%s_%s" % (key, g)].data())
    h0, c0 = begin
    for a in [x, h0, c0]:
        a.attach_grad()
    with autograd.record():
        cell_states = []
        for k in range(layers * len(dirs)):
            cell_states += [h0[k], c0[k]]
        out, st = stack.unroll(shape[layout.find("T")], x, begin_state=cell_states, layout=layout,
                               merge_outputs=True)
        hy, cy = mx.nd.stack(*st[0::2], axis=0), mx.nd.stack(*st[1::2], axis=0)
        head_grads = [uniform(rng, h.shape) for h in [out, hy, cy]]
        loss = weighted_sum([out, hy, cy], head_grads)
    for a, b in zip([out, hy, cy], [fused_out] + fused_states):
        assert onp.allclose(a.asnumpy(), b.asnumpy(), rtol=1e-5, atol=1e-6), name + ": unfused != fused"
    loss.backward()
    grads = {}
    for key, c in cells.items():
        for g in ["i2h_weight", "h2h_weight", "h2r_weight", "i2h_bias", "h2h_bias"]:
            grads["%s_%s" % (key, g)] = getattr(c, g).grad()
    cases.append({
        "name": name, "kind": "layer", "input": encode(x), "states": [encode(s) for s in begin], "train": True,
        "params": [{"name": n, "attr": a, "value": encode(p.data())} for n, a, p in params],
        "saved_params": saved_params(layer),
        "outputs": [encode(fused_out)], "states_out": [encode(s) for s in fused_states],
        "head_grads": [encode(g) for g in head_grads], "input_grad": encode(x.grad),
        "state_grads": [encode(h0.grad), encode(c0.grad)],
        "param_grads": [encode(grads[a]) for _, a, _ in params], "gradients_from": "contrib.rnn.LSTMPCell unroll"})


def cell_case(name, make, shape, mode, layout="NTC", states=False, merge=None, valid_length=None, seed=0):
    """mode 'step': one call cell(x, states) on x of `shape` (N, C); mode 'unroll': cell.unroll over x of `shape`."""
    rng = onp.random.RandomState(seed)
    cell = make()
    cell.initialize()
    x = uniform(rng, shape)
    batch = shape[0] if mode == "step" else shape[layout.find("N")]
    length = None if mode == "step" else shape[layout.find("T")]
    if mode == "step":
        cell(x, cell.begin_state(batch_size=batch, func=mx.nd.zeros))
    else:
        cell.unroll(length, x, layout=layout, merge_outputs=True)
    params = named_params(cell)
    set_params(rng, params)
    begin = [uniform(rng, info["shape"]) for info in cell.state_info(batch)] if states or mode == "step" else []
    vl = mx.nd.array(valid_length) if valid_length is not None else None

    def heads():
        if mode == "step":
            out, new_states = cell(x, begin)
            return [out], new_states
        outs, new_states = cell.unroll(length, x, begin_state=begin if begin else None, layout=layout,
                                       merge_outputs=merge, valid_length=vl)
        return (outs if isinstance(outs, list) else [outs]), new_states
    rec = run(heads, [x] + begin, params, rng)
    rec.update(name=name, kind="cell_" + mode, input=encode(x), states=[encode(s) for s in begin], layout=layout,
               merge=merge, params=[{"name": n, "attr": a, "value": encode(p.data())} for n, a, p in params])
    if valid_length is not None:
        rec["valid_length"] = encode(onp.array(valid_length, dtype="float32"))
    cases.append(rec)


# Fused layers: (T, N, C) for TNC, (N, T, C) for NTC.
layer_case("rnn_relu_l1", lambda: rnn.RNN(4), (3, 2, 3), seed=1)
layer_case("rnn_tanh_l2_ntc_states", lambda: rnn.RNN(4, 2, activation="tanh", layout="NTC"), (2, 3, 3), states=True, seed=2)
layer_case("rnn_relu_bi_states", lambda: rnn.RNN(3, 1, bidirectional=True), (3, 2, 2), states=True, seed=3)
layer_case("lstm_l1", lambda: rnn.LSTM(4), (3, 2, 3), seed=4)
layer_case("lstm_l2_bi_ntc_states", lambda: rnn.LSTM(3, 2, layout="NTC", bidirectional=True), (2, 3, 2), states=True, seed=5)
layer_case("lstm_l2_dropout_inference", lambda: rnn.LSTM(3, 2, dropout=0.4), (3, 2, 2), states=True, train=False, seed=6)
layer_case("gru_l1_states", lambda: rnn.GRU(4), (3, 2, 3), states=True, seed=7)
layer_case("gru_l2_bi_ntc", lambda: rnn.GRU(3, 2, layout="NTC", bidirectional=True), (2, 3, 3), seed=8)
lstmp_case("lstmp_l2_states", 4, 2, 2, False, "TNC", (3, 2, 3), seed=9)
lstmp_case("lstmp_bi_ntc_states", 3, 2, 1, True, "NTC", (2, 3, 2), seed=10)

# Cells: one step, and unrolled.
cell_case("rnncell_tanh_step", lambda: rnn.RNNCell(4), (2, 3), "step", seed=11)
cell_case("rnncell_relu_unroll_ntc_merge", lambda: rnn.RNNCell(4, activation="relu"), (2, 3, 3), "unroll",
          merge=True, seed=12)
cell_case("lstmcell_step", lambda: rnn.LSTMCell(3), (2, 4), "step", seed=13)
cell_case("lstmcell_unroll_tnc_list_states", lambda: rnn.LSTMCell(4), (3, 2, 3), "unroll", layout="TNC",
          states=True, merge=False, seed=14)
cell_case("grucell_step", lambda: rnn.GRUCell(3), (2, 2), "step", seed=15)
cell_case("grucell_unroll_ntc_merge", lambda: rnn.GRUCell(3), (2, 3, 2), "unroll", merge=True, seed=16)
cell_case("lstmcell_unroll_valid_length", lambda: rnn.LSTMCell(3), (3, 4, 2), "unroll", merge=True,
          valid_length=[4, 2, 1], seed=17)


def two_cells(a, b):
    def make():
        s = rnn.SequentialRNNCell()
        s.add(a())
        s.add(b())
        return s
    return make


cell_case("sequential_lstm_gru_unroll_merge", two_cells(lambda: rnn.LSTMCell(4), lambda: rnn.GRUCell(3)), (2, 3, 3),
          "unroll", merge=True, seed=18)
cell_case("sequential_rnn_lstm_step", two_cells(lambda: rnn.RNNCell(3), lambda: rnn.LSTMCell(2)), (2, 3), "step",
          seed=19)
cell_case("sequential_gru_rnn_unroll_tnc_list", two_cells(lambda: rnn.GRUCell(3), lambda: rnn.RNNCell(2)), (3, 2, 2),
          "unroll", layout="TNC", states=True, merge=False, seed=20)
cell_case("sequential_valid_length", two_cells(lambda: rnn.GRUCell(3), lambda: rnn.LSTMCell(2)), (2, 3, 2),
          "unroll", merge=False, valid_length=[1, 3], seed=21)
cell_case("bidirectional_lstm_gru_merge", lambda: rnn.BidirectionalCell(rnn.LSTMCell(3), rnn.GRUCell(2)), (2, 3, 2),
          "unroll", merge=True, states=True, seed=22)
cell_case("bidirectional_valid_length_list", lambda: rnn.BidirectionalCell(rnn.GRUCell(2), rnn.RNNCell(2)), (2, 3, 2),
          "unroll", merge=False, valid_length=[2, 3], seed=23)
cell_case("residual_gru_unroll_list", lambda: rnn.ResidualCell(rnn.GRUCell(3)), (2, 3, 3), "unroll", merge=False,
          seed=24)
cell_case("residual_rnn_step", lambda: rnn.ResidualCell(rnn.RNNCell(2)), (3, 2), "step", seed=25)
def _with_dropout():
    s = rnn.SequentialRNNCell()
    s.add(rnn.LSTMCell(3))
    s.add(rnn.DropoutCell(0.0))
    s.add(rnn.GRUCell(2))
    return s


cell_case("sequential_lstm_dropout0_gru", _with_dropout, (2, 3, 2), "unroll", merge=True, seed=26)


doc = {"generated_by": "Tests/Fixtures/gen_gluon_rnn.py with mxnet " + mx.__version__, "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.relpath(OUT), len(cases), "cases,", os.path.getsize(OUT) // 1024, "KB")
