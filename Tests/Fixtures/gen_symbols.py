"""Symbol-JSON loader fixtures from real MXNet 1.9.1.

Writes Tests/MXNetTests/Fixtures/symbols.json: small graphs composed with mx.sym (and hand-written old-format
files, 0.8-era `param`/`attr` nodes without auxiliary variables, 0.9.x versions), each with the JSON text, input
values, MXNet's outputs (bind + forward, is_train=False), list_arguments / list_outputs / list_auxiliary_states,
infer_shape / infer_shape_partial / infer_type answers and MXNet's own tojson after loading (the upgraded form).
Also writes the malformed-file corpus Tests/MXNetTests/Fixtures/symbol_malformed/*.json with
symbol_malformed.json (what each file is, the text our error must contain, and what MXNet 1.9.1 does with it).

Usage (from the repository root): $PY Tests/Fixtures/gen_symbols.py
"""
import json
import os
import subprocess
import sys

import numpy as onp
import mxnet as mx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import encode  # noqa: E402

mx.npx.reset_np()  # oracle.py turns NumPy semantics on; 1.x symbol files use the legacy shape semantics

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "MXNetTests", "Fixtures")
V = mx.sym.Variable


def shapes_of(pairs):
    return [list(s) if s is not None else None for s in pairs]


def graph_case(name, sym_or_json, shapes, omit=(), dtypes=None, partial=None, rtol=1e-5, atol=1e-6, seed=0,
               values=None):
    """One loaded-graph case. shapes: every input's shape (arguments and auxiliary states) used to make values.
    omit: inputs left unbound (labels). partial: names given to infer_shape_partial (default: the first input)."""
    text = sym_or_json if isinstance(sym_or_json, str) else sym_or_json.tojson()
    sym = mx.sym.load_json(text)
    dtypes = dtypes or {}
    rng = onp.random.RandomState(seed)
    inputs = {}
    for n, s in shapes.items():
        dt = dtypes.get(n, "float32")
        if values and n in values:
            inputs[n] = values[n].astype(dt)
        elif n.endswith("moving_var") or n.endswith("_var"):
            inputs[n] = rng.uniform(0.5, 2.0, size=s).astype(dt)
        else:
            inputs[n] = rng.uniform(-1.0, 1.0, size=s).astype(dt)
    aux_names = sym.list_auxiliary_states()
    args = {k: mx.nd.array(v, dtype=v.dtype) for k, v in inputs.items() if k not in aux_names}
    for k in omit:
        # MXNet needs every argument bound; an omitted label is bound as zeros, which inference ignores.
        arg_shapes, _, _ = sym.infer_shape(**{n: s for n, s in shapes.items() if n not in omit})
        idx = sym.list_arguments().index(k)
        args[k] = mx.nd.zeros(arg_shapes[idx])
    aux = {k: mx.nd.array(v, dtype=v.dtype) for k, v in inputs.items() if k in aux_names}
    ex = sym.bind(mx.cpu(), args, aux_states=aux, grad_req="null")
    outs = [o.asnumpy() for o in ex.forward(is_train=False)]
    given = {n: s for n, s in shapes.items() if n not in omit}
    a, o, x = sym.infer_shape(**given)
    first = partial if partial is not None else [sym.list_arguments()[0]]
    pa, po, px = sym.infer_shape_partial(**{n: shapes[n] for n in first})
    type_given = {n: dtypes.get(n, "float32") for n in first}
    ta, to, tx = sym.infer_type(**type_given)
    name_of = lambda t: None if t is None else onp.dtype(t).name  # noqa: E731
    return {
        "name": name, "json": text, "tojson": sym.tojson(),
        "inputs": {k: encode(v) for k, v in inputs.items() if k not in omit},
        "omitted": list(omit),
        "outputs": [encode(v) for v in outs],
        "list_arguments": sym.list_arguments(), "list_outputs": sym.list_outputs(),
        "list_auxiliary_states": sym.list_auxiliary_states(),
        "infer_shape": {"given": {k: list(v) for k, v in given.items()}, "arguments": shapes_of(a),
                        "outputs": shapes_of(o), "auxiliary_states": shapes_of(x)},
        "infer_shape_partial": {"given": {n: list(shapes[n]) for n in first}, "arguments": shapes_of(pa),
                                "outputs": shapes_of(po), "auxiliary_states": shapes_of(px)},
        "infer_type": {"given": type_given, "arguments": [name_of(t) for t in ta] if ta is not None else None,
                       "outputs": [name_of(t) for t in to] if to is not None else None,
                       "auxiliary_states": [name_of(t) for t in tx] if tx is not None else None},
        "rtol": rtol, "atol": atol,
    }


def composed():
    cases = []
    data = V("data")
    fc1 = mx.sym.FullyConnected(data, num_hidden=16, name="fc1")
    act = mx.sym.Activation(fc1, act_type="relu", name="relu1")
    fc2 = mx.sym.FullyConnected(act, num_hidden=5, name="fc2")
    net = mx.sym.SoftmaxOutput(fc2, name="softmax")
    cases.append(graph_case("mlp_softmax", net, {"data": (4, 10), "fc1_weight": (16, 10), "fc1_bias": (16,),
                                                 "fc2_weight": (5, 16), "fc2_bias": (5,)}, omit=["softmax_label"]))

    conv = mx.sym.Convolution(data, kernel=(3, 3), pad=(1, 1), num_filter=4, name="conv0")
    bn = mx.sym.BatchNorm(conv, fix_gamma=False, eps=1e-3, name="bn0")
    relu = mx.sym.Activation(bn, act_type="relu", name="relu0")
    pool = mx.sym.Pooling(relu, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool0")
    flat = mx.sym.Flatten(pool, name="flat0")
    out = mx.sym.FullyConnected(flat, num_hidden=3, name="fc0")
    cases.append(graph_case("conv_bn_pool", out, {
        "data": (2, 3, 8, 8), "conv0_weight": (4, 3, 3, 3), "conv0_bias": (4,), "bn0_gamma": (4,), "bn0_beta": (4,),
        "bn0_moving_mean": (4,), "bn0_moving_var": (4,), "fc0_weight": (3, 64), "fc0_bias": (3,)}, rtol=1e-4,
        atol=1e-5))

    parts = mx.sym.SliceChannel(data, num_outputs=3, axis=1, name="slice")
    summed = mx.sym.elemwise_add(parts[0], parts[2], name="add0")
    cat = mx.sym.Concat(summed, parts[1], V("extra"), dim=1, name="cat")
    grouped = mx.sym.Group([cat, parts[1], mx.sym.exp(parts[0], name="exp0")])
    cases.append(graph_case("concat_slice_group", grouped, {"data": (2, 6, 3), "extra": (2, 1, 3)}))

    # LSTM over (seq, batch, input) with state outputs.
    h, i, gates = 6, 4, 4
    rnn = mx.sym.RNN(data, V("rnn_parameters"), V("rnn_state"), V("rnn_state_cell"), state_size=h, num_layers=1,
                     mode="lstm", state_outputs=True, name="rnn")
    nparam = gates * h * (i + h) + 2 * gates * h
    cases.append(graph_case("rnn_lstm", rnn, {"data": (5, 2, i), "rnn_parameters": (nparam,), "rnn_state": (1, 2, h),
                                              "rnn_state_cell": (1, 2, h)}, rtol=1e-4, atol=1e-5))

    lin = mx.sym.LinearRegressionOutput(mx.sym.FullyConnected(data, num_hidden=2, name="reg"), name="lro")
    log = mx.sym.LogisticRegressionOutput(mx.sym.FullyConnected(data, num_hidden=2, name="clf"), name="logit")
    cases.append(graph_case("regression_outputs", mx.sym.Group([lin, log]), {
        "data": (3, 4), "reg_weight": (2, 4), "reg_bias": (2,), "clf_weight": (2, 4), "clf_bias": (2,)},
        omit=["lro_label", "logit_label"]))

    # float16 (MXNet's CPU FullyConnected/Convolution refuse float16, so activations, pooling and arithmetic).
    h16 = mx.sym.Activation(data, act_type="sigmoid", name="sig")
    p16 = mx.sym.Pooling(h16, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool16")
    s16 = mx.sym.broadcast_mul(mx.sym.Flatten(p16, name="flat16"), V("scale"), name="scaled")
    cases.append(graph_case("float16_pool_softmax", mx.sym.softmax(s16, axis=-1, name="prob"), {
        "data": (2, 3, 4, 4), "scale": (1, 12)}, dtypes={"data": "float16", "scale": "float16"},
        rtol=2e-3, atol=1e-3))

    w = V("w", shape=(3, 5), lr_mult=2.0, wd_mult=0.5, dtype="float64")
    x = V("x", shape=(0, 5), dtype="float64")
    dot = mx.sym.FullyConnected(x, w, no_bias=True, num_hidden=3, name="proj")
    cases.append(graph_case("hints_float64", mx.sym.tanh(dot, name="act"), {"x": (2, 5), "w": (3, 5)},
                            dtypes={"x": "float64", "w": "float64"}, partial=["w"]))

    # A begin state of unknown batch size (0, as Gluon exports it) read only by FullyConnected: MXNet infers it
    # backwards, from the sum with the input projection through the FullyConnected.
    h0 = mx.sym.zeros((0, 4), name="begin_state")
    i2h = mx.sym.FullyConnected(data, num_hidden=4, name="i2h")
    h1 = mx.sym.tanh(i2h + mx.sym.FullyConnected(h0, num_hidden=4, name="h2h"), name="h1")
    cases.append(graph_case("begin_state_into_fullyconnected", h1, {
        "data": (3, 5), "i2h_weight": (4, 5), "i2h_bias": (4,), "h2h_weight": (4, 4), "h2h_bias": (4,)}))

    # LSTM with projection (P=2, H=4), begin states of unknown batch size.
    p, h, i = 2, 4, 3
    rnnp = mx.sym.RNN(data, V("lstmp_parameters"), mx.sym.zeros((1, 0, p), name="lstmp_h0"),
                      mx.sym.zeros((1, 0, h), name="lstmp_c0"), state_size=h, projection_size=p, num_layers=1,
                      mode="lstm", state_outputs=True, name="lstmp")
    nparam = 4 * h * (i + p) + p * h + 8 * h
    cases.append(graph_case("rnn_lstm_projection", rnnp, {"data": (5, 2, i), "lstmp_parameters": (nparam,)},
                            rtol=1e-4, atol=1e-5))
    return cases


def legacy_files():
    """Hand-written files in older formats; MXNet 1.9.1 loads and upgrades each."""
    cases = []
    # 0.8-era: `param` and `attr`, backward_source_id, two-element entries, no version, and BatchNorm without its
    # moving_mean / moving_var inputs (not stored before 0.9), hidden keys without underscores.
    old = {"nodes": [
        {"op": "null", "param": {}, "name": "data", "inputs": [], "backward_source_id": -1},
        {"op": "null", "param": {}, "name": "conv_weight", "inputs": [], "backward_source_id": -1,
         "attr": {"lr_mult": "2.0"}},
        {"op": "null", "param": {}, "name": "conv_bias", "inputs": [], "backward_source_id": -1},
        {"op": "Convolution", "param": {"kernel": "(3,3)", "num_filter": "4", "pad": "(1,1)", "stride": "(1,1)",
                                        "no_bias": "False"},
         "name": "conv", "inputs": [[0, 0], [1, 0], [2, 0]], "backward_source_id": -1,
         "attr": {"bias_wd_mult": "0", "ctx_group": "dev1"}},
        {"op": "null", "param": {}, "name": "bn_gamma", "inputs": [], "backward_source_id": -1},
        {"op": "null", "param": {}, "name": "bn_beta", "inputs": [], "backward_source_id": -1},
        {"op": "BatchNorm", "param": {"eps": "0.001", "fix_gamma": "True", "momentum": "0.9",
                                      "use_global_stats": "False"},
         "name": "bn", "inputs": [[3, 0], [4, 0], [5, 0]], "backward_source_id": -1},
        {"op": "Activation", "param": {"act_type": "relu"}, "name": "relu", "inputs": [[6, 0]],
         "backward_source_id": -1},
        {"op": "Pooling", "param": {"kernel": "(2,2)", "pool_type": "avg", "stride": "(2,2)"}, "name": "pool",
         "inputs": [[7, 0]], "backward_source_id": -1},
        {"op": "Flatten", "param": {}, "name": "flatten", "inputs": [[8, 0]], "backward_source_id": -1},
        {"op": "null", "param": {}, "name": "fc_weight", "inputs": [], "backward_source_id": -1},
        {"op": "null", "param": {}, "name": "fc_bias", "inputs": [], "backward_source_id": -1},
        {"op": "FullyConnected", "param": {"no_bias": "False", "num_hidden": "3"}, "name": "fc",
         "inputs": [[9, 0], [10, 0], [11, 0]], "backward_source_id": -1},
        {"op": "null", "param": {}, "name": "softmax_label", "inputs": [], "backward_source_id": -1},
        {"op": "SoftmaxOutput", "param": {"grad_scale": "1", "ignore_label": "-1", "multi_output": "False",
                                          "use_ignore": "False"},
         "name": "softmax", "inputs": [[12, 0], [13, 0]], "backward_source_id": -1}],
        "arg_nodes": [0, 1, 2, 4, 5, 10, 11, 13], "heads": [[14, 0]]}
    cases.append(graph_case("legacy_0_8_conv_bn", json.dumps(old), {
        "data": (2, 2, 6, 6), "conv_weight": (4, 2, 3, 3), "conv_bias": (4,), "bn_gamma": (4,), "bn_beta": (4,),
        "bn_moving_mean": (4,), "bn_moving_var": (4,), "fc_weight": (3, 36), "fc_bias": (3,)},
        omit=["softmax_label"], rtol=1e-4, atol=1e-5))

    # 0.9.3: auxiliary variables present (no __init__ yet); LeakyReLU prelu gamma; `attr` form; version 903.
    v093 = {"nodes": [
        {"op": "null", "name": "data", "inputs": []},
        {"op": "null", "name": "bn_gamma", "inputs": []},
        {"op": "null", "name": "bn_beta", "inputs": []},
        {"op": "null", "name": "bn_moving_mean", "inputs": []},
        {"op": "null", "name": "bn_moving_var", "inputs": []},
        {"op": "BatchNorm", "name": "bn", "attr": {"fix_gamma": "False"},
         "inputs": [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 1], [4, 0, 1]]},
        {"op": "null", "name": "prelu_gamma", "inputs": []},
        {"op": "LeakyReLU", "name": "prelu", "attr": {"act_type": "prelu"}, "inputs": [[5, 0, 0], [6, 0, 0]]}],
        "arg_nodes": [0, 1, 2, 3, 4, 6], "node_row_ptr": [0, 1, 2, 3, 4, 5, 8, 9, 10], "heads": [[7, 0, 0]],
        "attrs": {"mxnet_version": ["int", 903]}}
    cases.append(graph_case("legacy_0_9_3_init", json.dumps(v093), {
        "data": (2, 3, 4), "bn_gamma": (3,), "bn_beta": (3,), "bn_moving_mean": (3,), "bn_moving_var": (3,),
        "prelu_gamma": (3,)}, rtol=1e-4, atol=1e-5))

    # 0.9.4: argmax with axis=-1 meant "flattened" before 0.9.5.
    v094 = {"nodes": [
        {"op": "null", "name": "data", "inputs": []},
        {"op": "argmax", "name": "am", "attrs": {"axis": "-1"}, "inputs": [[0, 0, 0]]},
        {"op": "argmin", "name": "an", "attrs": {"axis": "1", "keepdims": "True"}, "inputs": [[0, 0, 0]]}],
        "arg_nodes": [0], "heads": [[1, 0, 0], [2, 0, 0]], "attrs": {"mxnet_version": ["int", 904]}}
    cases.append(graph_case("legacy_0_9_4_argmax", json.dumps(v094), {"data": (3, 4)}))

    # 1.6: hidden keys on variables and an operator's `<input>_lr_mult`; forward references in node order.
    v160 = {"nodes": [
        {"op": "Activation", "name": "act", "attrs": {"act_type": "tanh"}, "inputs": [[3, 0, 0]]},
        {"op": "null", "name": "data", "inputs": []},
        {"op": "null", "name": "fc_weight", "attrs": {"lr_mult": "0.1", "__shape__": "(4, 3)"}, "inputs": []},
        {"op": "FullyConnected", "name": "fc", "attrs": {"num_hidden": "4", "no_bias": "True",
                                                          "weight_wd_mult": "0"},
         "inputs": [[1, 0, 0], [2, 0, 0]]}],
        "arg_nodes": [1, 2], "heads": [[0, 0, 0]], "attrs": {"mxnet_version": ["int", 10600]}}
    cases.append(graph_case("legacy_1_6_hidden_keys_forward_refs", json.dumps(v160), {"data": (2, 3),
                                                                                     "fc_weight": (4, 3)}))
    return cases


def output_names():
    """list_outputs of operators with several or named outputs (MXNet's FListOutputNames rules)."""
    d = V("data")
    syms = {
        "slice_channel": mx.sym.SliceChannel(d, num_outputs=3, name="sc"),
        "split": mx.sym.split(d, num_outputs=2, axis=1, name="sp"),
        "batch_norm_mean_var": mx.sym.BatchNorm(d, output_mean_var=True, name="bn"),
        "batch_norm": mx.sym.BatchNorm(d, name="bn"),
        "dropout": mx.sym.Dropout(d, p=0.5, name="do"),
        "rnn_lstm_states": mx.sym.RNN(d, V("p"), V("s"), V("c"), state_size=4, num_layers=1, mode="lstm",
                                      state_outputs=True, name="rnn"),
        "rnn_gru_states": mx.sym.RNN(d, V("p"), V("s"), state_size=4, num_layers=1, mode="gru",
                                     state_outputs=True, name="rnn"),
        "rnn_tanh": mx.sym.RNN(d, V("p"), V("s"), state_size=4, num_layers=1, mode="rnn_tanh", name="rnn"),
        "layer_norm_mean_std": mx.sym.LayerNorm(d, output_mean_var=True, name="ln"),
        "group_norm": mx.sym.GroupNorm(d, num_groups=1, name="gn"),
        "instance_norm": mx.sym.InstanceNorm(d, name="in"),
        "l2_normalization": mx.sym.L2Normalization(d, name="l2"),
        "lrn": mx.sym.LRN(d, nsize=3, name="lrn"),
        "topk_both": mx.sym.topk(d, ret_typ="both", k=2, name="tk"),
        "topk_indices": mx.sym.topk(d, k=2, name="tk"),
        "sort": mx.sym.sort(d, name="so"),
        "argsort": mx.sym.argsort(d, name="ast"),
        "softmax_activation": mx.sym.SoftmaxActivation(d, name="sa"),
        "pooling": mx.sym.Pooling(d, kernel=(2, 2), name="pool"),
        "unnamed_exp": mx.sym.exp(d),
        "group_with_variable": mx.sym.Group([mx.sym.exp(d, name="e"), d]),
        "variable": d,
        "slice_channel_head": mx.sym.SliceChannel(d, num_outputs=2, name="sc")[1],
        "fully_connected": mx.sym.FullyConnected(d, num_hidden=3, name="fc1"),
        "embedding": mx.sym.Embedding(d, input_dim=5, output_dim=2, name="emb"),
    }
    return [{"name": k, "json": v.tojson(), "list_outputs": v.list_outputs()} for k, v in syms.items()]


def malformed():
    """(file name, text, text our error must contain, what it is)."""
    good = json.loads(mx.sym.FullyConnected(V("data"), num_hidden=3, name="fc").tojson())

    def with_(**changes):
        d = json.loads(json.dumps(good))
        d.update(changes)
        return json.dumps(d)

    def node_edit(i, **changes):
        d = json.loads(json.dumps(good))
        d["nodes"][i].update(changes)
        return json.dumps(d)

    var = {"op": "null", "name": "data", "inputs": []}
    unknown = {"nodes": [var, {"op": "Foo", "name": "f1", "inputs": [[0, 0, 0]]},
                         {"op": "Foo", "name": "f2", "inputs": [[1, 0, 0]]},
                         {"op": "Bar", "name": "b", "inputs": [[2, 0, 0]]}], "arg_nodes": [0], "heads": [[3, 0, 0]]}
    cycle = {"nodes": [var, {"op": "elemwise_add", "name": "a", "inputs": [[0, 0, 0], [2, 0, 0]]},
                       {"op": "exp", "name": "e", "inputs": [[1, 0, 0]]}], "arg_nodes": [0], "heads": [[2, 0, 0]]}
    self_cycle = {"nodes": [var, {"op": "elemwise_add", "name": "a", "inputs": [[0, 0, 0], [1, 0, 0]]}],
                  "arg_nodes": [0], "heads": [[1, 0, 0]]}
    text = json.dumps(good)
    return [
        ("empty", "", "empty", "an empty file"),
        ("whitespace", "  \n\t ", "empty", "only whitespace"),
        ("not_json", "this is not json", "not valid JSON", "plain text"),
        ("garbage", "\x00\x01\x02\xff{[", "not valid JSON", "binary garbage"),
        ("truncated", text[: len(text) // 2], "truncated", "a valid file cut in half"),
        ("trailing", text + " {}", "after the top-level value", "a second value after the graph"),
        ("top_array", "[1, 2, 3]", "top level must be a JSON object", "an array at the top level"),
        ("no_nodes", json.dumps({"arg_nodes": [], "heads": []}), "missing field 'nodes'", "no nodes"),
        ("nodes_not_array", with_(nodes={"a": 1}), "field 'nodes' must be an array", "nodes is an object"),
        ("node_not_object", with_(nodes=[1, 2]), "node 0: must be a JSON object", "a node is a number"),
        ("op_missing", json.dumps({"nodes": [{"name": "x", "inputs": []}], "arg_nodes": [0], "heads": [[0, 0]]}),
         "missing field 'op'", "a node without op"),
        ("op_number", node_edit(1, op=7), "field 'op' must be a string", "op is a number"),
        ("name_number", node_edit(0, name=3), "field 'name' must be a string", "name is a number"),
        ("inputs_string", node_edit(3, inputs="0"), "field 'inputs' must be an array", "inputs is a string"),
        ("entry_short", node_edit(3, inputs=[[0], [1, 0], [2, 0]]), "inputs[0]' must be [node, output]",
         "an input entry with one element"),
        ("entry_long", node_edit(3, inputs=[[0, 0, 0, 0], [1, 0], [2, 0]]), "inputs[0]' must be [node, output]",
         "an input entry with four elements"),
        ("entry_string", node_edit(3, inputs=[[0, "a"], [1, 0], [2, 0]]), "must be a non-negative integer",
         "an output index that is a string"),
        ("entry_negative", node_edit(3, inputs=[[-1, 0], [1, 0], [2, 0]]), "out of range",
         "a negative node index"),
        ("entry_float", node_edit(3, inputs=[[0.5, 0], [1, 0], [2, 0]]), "must be a non-negative integer",
         "a fractional node index"),
        ("entry_huge", text.replace("[[0, 0, 0], [1, 0, 0]", "[[99999999999999999999999, 0, 0], [1, 0, 0]"),
         "out of range", "a node index beyond 64 bits"),
        ("entry_big", node_edit(3, inputs=[[4294967295, 0], [1, 0], [2, 0]]), "refers to node 4294967295",
         "a node index past the end"),
        ("input_output_index", node_edit(3, inputs=[[0, 5], [1, 0], [2, 0]]), "refers to output 5",
         "an output index past the node's outputs"),
        ("attrs_not_object", node_edit(3, attrs=["num_hidden", "3"]), "field 'attrs' must be an object",
         "attrs is an array"),
        ("attr_number", node_edit(3, attrs={"num_hidden": 3}), "attribute 'num_hidden' in 'attrs' must be a string",
         "an attribute value that is a number"),
        ("arg_nodes_not_array", with_(arg_nodes=0), "field 'arg_nodes' must be an array", "arg_nodes is a number"),
        ("arg_nodes_range", with_(arg_nodes=[0, 1, 2, 9]), "arg_nodes[3] refers to node 9", "arg_nodes past the end"),
        ("arg_nodes_op", with_(arg_nodes=[0, 1, 2, 3]), "which is not a variable", "arg_nodes naming an op node"),
        ("heads_missing", json.dumps({"nodes": good["nodes"], "arg_nodes": [0]}), "missing field 'heads'",
         "no heads"),
        ("heads_empty", with_(heads=[]), "heads' is empty", "no outputs"),
        ("head_node_range", with_(heads=[[12, 0, 0]]), "heads[0] refers to node 12", "a head past the nodes"),
        ("head_output_range", with_(heads=[[3, 1, 0]]), "heads[0] refers to output 1", "a head past the outputs"),
        ("input_node_range", node_edit(3, inputs=[[0, 0], [1, 0], [7, 0]]), "refers to node 7",
         "an input past the nodes"),
        ("cycle", json.dumps(cycle), "cycle", "two nodes reading each other"),
        ("self_cycle", json.dumps(self_cycle), "cycle", "a node reading itself"),
        ("unknown_op", node_edit(3, op="NoSuchOp"), "unsupported operator: NoSuchOp", "one unknown operator"),
        ("unknown_ops", json.dumps(unknown), "unsupported operators: Foo (2 nodes), Bar",
         "several unknown operators, all listed"),
        ("bad_attribute", node_edit(3, attrs={"num_hidden": "abc"}), "node 3 ('fc'): FullyConnected: invalid value for parameter 'num_hidden'",
         "an attribute string that is not a number"),
        ("huge_attribute", node_edit(3, attrs={"num_hidden": "99999999999999999999"}),
         "invalid value for parameter 'num_hidden'", "an attribute number beyond 64 bits"),
        ("unknown_attribute", node_edit(3, attrs={"num_hidden": "3", "colour": "red"}), "unknown parameter 'colour'",
         "an attribute the operator does not have"),
        ("missing_attribute", node_edit(3, attrs={}), "required parameter 'num_hidden' is missing",
         "a required attribute left out"),
        ("input_count", node_edit(3, inputs=[[0, 0, 0]]), "expects 3 inputs (data, weight, bias), the file gives 1",
         "too few inputs for a current-version file"),
        ("variable_inputs", node_edit(0, inputs=[[1, 0, 0]]), "cannot have inputs", "a variable with inputs"),
        ("version_type", with_(attrs={"mxnet_version": 10901}), "mxnet_version' must be", "version not typed"),
        ("version_huge", with_(attrs={"mxnet_version": ["int", 1e300]}), "mxnet_version' must be",
         "version a huge float"),
        ("deep_nesting", "[" * 100000 + "]" * 100000, "nesting deeper", "100000 nested arrays"),
        ("deep_attrs", text.replace('"num_hidden": "3"', '"num_hidden": ' + "[" * 100000 + "]" * 100000),
         "nesting deeper", "100000 nested arrays in an attribute"),
    ]


MXNET_PROBE = """
import sys, mxnet as mx
try:
    s = mx.sym.load(sys.argv[1]); s.list_arguments(); print("loaded")
except Exception as e:
    print("error")
"""


def mxnet_verdict(path):
    """What MXNet 1.9.1 does with the file, in a separate process (some inputs crash it)."""
    try:
        r = subprocess.run([sys.executable, "-c", MXNET_PROBE, path], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "hangs"
    if r.returncode != 0:
        return "crashes"
    return r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "crashes"


def main():
    cases = composed() + legacy_files()
    with open(os.path.join(OUT, "symbols.json"), "w") as f:
        json.dump({"generated_by": "Tests/Fixtures/gen_symbols.py with mxnet " + mx.__version__, "graphs": cases,
                   "output_names": output_names()}, f, separators=(",", ":"))
        f.write("\n")
    mdir = os.path.join(OUT, "symbol_malformed")
    os.makedirs(mdir, exist_ok=True)
    entries = []
    for name, text, expect, what in malformed():
        path = os.path.join(mdir, name + ".json")
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        entries.append({"file": name + ".json", "expect": expect, "what": what, "mxnet": mxnet_verdict(path)})
    with open(os.path.join(OUT, "symbol_malformed.json"), "w") as f:
        json.dump({"generated_by": "Tests/Fixtures/gen_symbols.py with mxnet " + mx.__version__, "files": entries},
                  f, indent=1)
        f.write("\n")
    print("wrote %d graphs and %d malformed files" % (len(cases), len(entries)), file=sys.stderr)


main()
