"""Pre-1.0 files written by hand in the layouts MXNet 0.8 and 0.9 produced, confirmed by loading and running them
in MXNet 1.9.1 (whose output is the expectation).

Symbol JSON, 0.8 form: nodes carry `param` (operator attributes) and `attr` (user attributes such as `lr_mult`,
`ctx_group`, `weight_lr_mult`), `backward_source_id`, two-element input entries, no `attrs.mxnet_version`, and
BatchNorm nodes without their auxiliary inputs (MXNet adds `<node>_moving_mean` / `<node>_moving_var`).
0.9 form: `attr` per node and `attrs.mxnet_version`; argmax with `axis = -1` then meant "no axis".

Params: the NDArray-list container (magic 0x112) holding arrays in the pre-V1 layout (uint32 ndim, uint32 dims,
context, type flag, data) or the V1 layout (magic 0xF993FAC8, uint32 ndim, int64 dims, context, type flag,
data). MXNet 1.9.1 only writes V2/V3, so these are packed here and checked against mx.nd.load.
"""
import json
import os
import struct

import mxnet as mx
import numpy as np

from . import common
from .common import case

LIST_MAGIC = 0x112
V1_MAGIC = 0xF993FAC8
TYPE_FLAGS = {np.dtype("float32"): 0, np.dtype("float64"): 1, np.dtype("float16"): 2, np.dtype("uint8"): 3,
              np.dtype("int32"): 4, np.dtype("int8"): 5, np.dtype("int64"): 6}


# MARK: - Writers for the old layouts

def pack_array(a, layout):
    a = np.ascontiguousarray(a)
    if layout == "pre-v1":
        head = struct.pack("<I", a.ndim) + struct.pack("<%dI" % a.ndim, *a.shape)
    elif layout == "v1":
        head = struct.pack("<II", V1_MAGIC, a.ndim) + struct.pack("<%dq" % a.ndim, *a.shape)
    else:
        raise ValueError(layout)
    context = struct.pack("<ii", 1, 0)  # cpu(0)
    return head + context + struct.pack("<i", TYPE_FLAGS[a.dtype]) + a.astype(a.dtype.newbyteorder("<")).tobytes()


def write_params(path, named, layout):
    """An NDArray-list file with `named` (name -> numpy array, in order) in the given array layout."""
    out = [struct.pack("<QQ", LIST_MAGIC, 0), struct.pack("<Q", len(named))]
    out += [pack_array(a, layout) for a in named.values()]
    out.append(struct.pack("<Q", len(named)))
    for name in named:
        raw = name.encode()
        out.append(struct.pack("<Q", len(raw)) + raw)
    with open(path, "wb") as f:
        f.write(b"".join(out))
    back = mx.nd.load(path)  # MXNet must read it back unchanged
    for name, a in named.items():
        if back[name].dtype != a.dtype or not np.array_equal(back[name].asnumpy(), a):
            raise ValueError("%s: MXNet reads %s differently" % (path, name))


def write_json(d, graph):
    with open(os.path.join(d, "model-symbol.json"), "w") as f:
        json.dump(graph, f, indent=2)
        f.write("\n")


class OldGraph:
    """Builds node lists in the pre-1.0 form."""

    def __init__(self, attr_key):
        self.nodes, self.attr_key = [], attr_key

    def var(self, name, attr=None):
        return self.node("null", name, [], {}, attr)

    def node(self, op, name, inputs, param, attr=None):
        n = {"op": op}
        if self.attr_key == "param":
            n["param"] = {k: str(v) for k, v in param.items()}
        n["name"] = name
        n["inputs"] = [[i, k] for i, k in ((x if isinstance(x, tuple) else (x, 0)) for x in inputs)]
        n["backward_source_id"] = -1
        if self.attr_key == "param":
            if attr:
                n["attr"] = attr
        else:
            merged = {k: str(v) for k, v in param.items()}
            merged.update(attr or {})
            if merged:
                n["attr"] = merged
        self.nodes.append(n)
        return len(self.nodes) - 1

    def graph(self, heads, version=None):
        g = {"nodes": self.nodes, "arg_nodes": [i for i, n in enumerate(self.nodes) if n["op"] == "null"],
             "heads": [[h, k] for h, k in ((x if isinstance(x, tuple) else (x, 0)) for x in heads)]}
        if version is not None:
            g["attrs"] = {"mxnet_version": ["int", version]}
        return g


def fill_params(c, arg_shapes, aux_shapes):
    named = {}
    for name, shape in arg_shapes.items():
        named["arg:" + name] = common.param_value(c.rng, name, shape, "float32")
    for name, shape in aux_shapes.items():
        named["aux:" + name] = common.param_value(c.rng, name, shape, "float32")
    return named


# MARK: - Cases

@case("legacy_v08_mlp", "0.8-era JSON (param/attr keys, backward_source_id, no version, hidden keys lr_mult, "
      "wd_mult, ctx_group, weight_lr_mult, BatchNorm without aux variables, 'Softmax' output) with pre-V1 params")
def legacy_v08_mlp(c):
    g = OldGraph("param")
    data = g.var("data", {"ctx_group": "stage1", "lr_mult": "0.2"})
    w1 = g.var("fc1_weight", {"ctx_group": "stage1", "wd_mult": "0.3", "weight_lr_mult": "1.2"})
    b1 = g.var("fc1_bias", {"ctx_group": "stage1", "wd_mult": "0.3", "weight_lr_mult": "1.2"})
    fc1 = g.node("FullyConnected", "fc1", [data, w1, b1], {"no_bias": "False", "num_hidden": 6},
                 {"ctx_group": "stage1", "wd_mult": "0.3", "weight_lr_mult": "1.2"})
    gamma, beta = g.var("bn1_gamma", {"ctx_group": "stage2"}), g.var("bn1_beta", {"ctx_group": "stage2"})
    bn = g.node("BatchNorm", "bn1", [fc1, gamma, beta],
                {"eps": "0.001", "fix_gamma": "False", "momentum": "0.9", "use_global_stats": "False"},
                {"ctx_group": "stage2"})
    act = g.node("Activation", "relu1", [bn], {"act_type": "relu"}, {"ctx_group": "stage2"})
    w2, b2 = g.var("fc2_weight", {"lr_mult": "0.01"}), g.var("fc2_bias", {"lr_mult": "0.01"})
    fc2 = g.node("FullyConnected", "fc2", [act, w2, b2], {"no_bias": "False", "num_hidden": 3})
    label = g.var("softmax_label")
    out = g.node("Softmax", "softmax", [fc2, label],
                 {"grad_scale": "1", "ignore_label": "-1", "multi_output": "False", "normalization": "null",
                  "out_grad": "False", "preserve_shape": "False", "use_ignore": "False"})
    write_json(c.dir, g.graph([out]))
    named = fill_params(c, {"fc1_weight": (6, 5), "fc1_bias": (6,), "bn1_gamma": (6,), "bn1_beta": (6,),
                            "fc2_weight": (3, 6), "fc2_bias": (3,)},
                        {"bn1_moving_mean": (6,), "bn1_moving_var": (6,)})
    write_params(common.prefix(c.dir) + "-0000.params", named, "pre-v1")
    common.write_inputs(c.dir, {"data": c.normal(4, 5)})
    return c.record("hand-written MXNet 0.8 layout (JSON and pre-V1 NDArray params)", ["data"],
                    labels=("softmax_label",))


@case("legacy_v08_conv_aliases", "0.8-era conv net using old operator names (_MulScalar, _Plus, ElementWiseSum, "
      "SliceChannel outputs by index, Concat, Flatten, Softmax), BatchNorm without aux, pre-V1 params")
def legacy_v08_conv(c):
    g = OldGraph("param")
    data = g.var("data")
    cw, cb = g.var("conv1_weight"), g.var("conv1_bias")
    conv = g.node("Convolution", "conv1", [data, cw, cb],
                  {"kernel": "(3,3)", "pad": "(1,1)", "stride": "(1,1)", "dilate": "(1,1)", "num_filter": 4,
                   "num_group": 1, "no_bias": "False", "workspace": 512})
    gamma, beta = g.var("bn1_gamma"), g.var("bn1_beta")
    bn = g.node("BatchNorm", "bn1", [conv, gamma, beta], {"eps": "0.001", "fix_gamma": "True", "momentum": "0.9"})
    act = g.node("LeakyReLU", "lrelu1", [bn], {"act_type": "leaky", "slope": "0.25"})
    split = g.node("SliceChannel", "split1", [act], {"num_outputs": 2, "axis": 1})
    scaled = g.node("_MulScalar", "scale1", [(split, 1)], {"scalar": "0.5"})
    added = g.node("_Plus", "plus1", [(split, 0), scaled], {})
    summed = g.node("ElementWiseSum", "sum1", [added, (split, 1), scaled], {"num_args": 3})
    cat = g.node("Concat", "concat1", [summed, added], {"num_args": 2, "dim": 1})
    pool = g.node("Pooling", "pool1", [cat], {"kernel": "(2,2)", "stride": "(2,2)", "pool_type": "max"})
    flat = g.node("Flatten", "flatten1", [pool], {})
    fw, fb = g.var("fc1_weight"), g.var("fc1_bias")
    fc = g.node("FullyConnected", "fc1", [flat, fw, fb], {"num_hidden": 4, "no_bias": "False"})
    label = g.var("softmax_label")
    out = g.node("Softmax", "softmax", [fc, label], {"grad_scale": "1", "multi_output": "False"})
    write_json(c.dir, g.graph([out, (split, 1)]))
    named = fill_params(c, {"conv1_weight": (4, 2, 3, 3), "conv1_bias": (4,), "bn1_gamma": (4,),
                            "bn1_beta": (4,), "fc1_weight": (4, 36), "fc1_bias": (4,)},
                        {"bn1_moving_mean": (4,), "bn1_moving_var": (4,)})
    write_params(common.prefix(c.dir) + "-0000.params", named, "pre-v1")
    common.write_inputs(c.dir, {"data": c.normal(2, 2, 6, 6)})
    return c.record("hand-written MXNet 0.8 layout (JSON and pre-V1 NDArray params)", ["data"],
                    labels=("softmax_label",))


@case("legacy_v09_argmax_v1_params", "0.9.4 JSON (attr key, mxnet_version 904): argmax with axis -1 (upgraded to "
      "no axis), Reshape with target_shape, SoftmaxActivation; V1 NDArray params")
def legacy_v09(c):
    g = OldGraph("attr")
    data = g.var("data")
    w, b = g.var("fc1_weight", {"__lr_mult__": "1.0"}), g.var("fc1_bias")
    fc = g.node("FullyConnected", "fc1", [data, w, b], {"num_hidden": 12, "no_bias": "False"})
    reshaped = g.node("Reshape", "reshape1", [fc], {"target_shape": "(0,3,4)"})
    soft = g.node("SoftmaxActivation", "softmax1", [reshaped], {"mode": "channel"})
    amax = g.node("argmax", "argmax1", [fc], {"axis": "-1", "keepdims": "False"})
    amax1 = g.node("argmax", "argmax2", [reshaped], {"axis": "1", "keepdims": "False"})
    write_json(c.dir, g.graph([soft, amax, amax1], version=904))
    named = fill_params(c, {"fc1_weight": (12, 5), "fc1_bias": (12,)}, {})
    write_params(common.prefix(c.dir) + "-0000.params", named, "v1")
    common.write_inputs(c.dir, {"data": c.normal(3, 5)})
    return c.record("hand-written MXNet 0.9.4 layout (JSON and V1 NDArray params)", ["data"])
