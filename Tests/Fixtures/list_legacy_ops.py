"""Lists the MXNet 1.x operator names a legacy model may use that our registry lacks.

Two sources of names:
  * the op list of issue 3 ("Op coverage": the named ops, every elemwise_*/broadcast_* binary op, every
    _*_scalar/_r*_scalar op and the unary math family, expanded against the ops MXNet 1.9.1 registers);
  * the ops in the symbol JSON that MXNet 1.9.1 exports for every gluon.model_zoo.vision model, every
    gluon.nn layer and every gluon.rnn layer (hybridize, one forward, export; random init).

Usage (from the repository root, after `swift build --build-tests`):
    PY=$(../shared/tools/mxnet-oracle.sh) && $PY Tests/Fixtures/list_legacy_ops.py [--names FILE] [--skip-zoo]
The registry's names come from LegacyOpsTests/testWriteRegistryNames (which writes
`OperatorRegistry.shared.allNames` to the file named by MXNET_REGISTRY_NAMES_OUT), unless --names gives a file.
The same test parses probe attributes (every documented attribute value of each op, one at a time) and reports
those our parsers reject.
Exit status 0 when nothing is missing, 1 otherwise.
"""
import argparse
import ctypes
import json
import os
import subprocess
import sys
import tempfile
import warnings

import mxnet as mx
from mxnet import gluon
from mxnet.base import _LIB, check_call, py_str
from mxnet.gluon import nn, rnn
from mxnet.gluon.model_zoo import vision

warnings.filterwarnings("ignore")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# MARK: - The issue's list

NAMED = """
Convolution Deconvolution Pooling BatchNorm InstanceNorm LayerNorm GroupNorm L2Normalization LRN Activation
LeakyReLU softmax log_softmax softmin SoftmaxOutput SoftmaxActivation LinearRegressionOutput
LogisticRegressionOutput MAERegressionOutput SVMOutput Reshape Flatten transpose SwapAxis expand_dims squeeze
tile repeat reverse Pad depth_to_space space_to_depth Concat stack SliceChannel split slice slice_axis
slice_like broadcast_to broadcast_like broadcast_axis clip where add_n ElementWiseSum smooth_l1 hard_sigmoid
sum mean max min prod nansum nanprod norm argmax argmin argmax_channel topk sort argsort FullyConnected dot
batch_dot linalg_gemm2 Embedding take one_hot pick gather_nd SequenceMask SequenceLast SequenceReverse
zeros_like ones_like _zeros _ones _full _arange Cast BlockGrad stop_gradient MakeLoss make_loss identity
Dropout UpSampling _contrib_BilinearResize2D ROIPooling RNN _rnn_param_concat
""".split()

# "The unary math family": MXNet 1.x's elementwise unary math operators.
UNARY = """
abs sign round rint ceil floor trunc fix square sqrt rsqrt cbrt rcbrt exp log log10 log2 log1p expm1 sin cos tan
arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh degrees radians reciprocal negative relu sigmoid
softsign erf erfinv gamma gammaln logical_not
""".split()


def mxnet_ops():
    size = ctypes.c_uint()
    names = ctypes.POINTER(ctypes.c_char_p)()
    check_call(_LIB.MXListAllOpNames(ctypes.byref(size), ctypes.byref(names)))
    return {py_str(names[i]) for i in range(size.value)}


def issue_names(all_ops):
    """The issue's list, with its families expanded against the ops MXNet 1.9.1 registers."""
    def family(name):
        if name.startswith(("_np", "_backward", "_scatter", "_slice_assign", "_crop_assign")):
            return False
        return (name.startswith(("elemwise_", "broadcast_")) or
                (name.startswith("_") and name.endswith("_scalar")))
    names = set(NAMED) | set(UNARY) | {n for n in all_ops if family(n)}
    unknown = sorted(n for n in names if n not in all_ops)
    if unknown:
        print("note: not MXNet 1.9.1 operator names: %s" % " ".join(unknown), file=sys.stderr)
    return names


# MARK: - Exported models

def export_ops(block, inputs, tag, workdir):
    """Op names in the symbol JSON MXNet exports for `block` (initialised, hybridised, run once)."""
    block.initialize(mx.init.Xavier() if not isinstance(block, rnn.RecurrentCell) else mx.init.Uniform())
    block.hybridize()
    block(*inputs)
    prefix = os.path.join(workdir, tag.replace("/", "_"))
    block.export(prefix)
    with open(prefix + "-symbol.json") as f:
        graph = json.load(f)
    return {n["op"] for n in graph["nodes"] if n["op"] != "null"}


class Unrolled(gluon.HybridBlock):
    """A recurrent cell unrolled over a short sequence, as a hybridisable block."""

    def __init__(self, cell, length=3, layout="NTC", merge=True):
        super().__init__()
        self.length, self.layout, self.merge = length, layout, merge
        with self.name_scope():
            self.cell = cell

    def hybrid_forward(self, F, x):
        out, states = self.cell.unroll(self.length, x, layout=self.layout, merge_outputs=self.merge)
        return [out] + list(states)


class Wrap(gluon.HybridBlock):
    """A block applied to its input with a fixed extra call (for layers that need state inputs)."""

    def __init__(self, body, fn):
        super().__init__()
        self.fn = fn
        with self.name_scope():
            self.body = body

    def hybrid_forward(self, F, x):
        return self.fn(F, self.body, x)


def layer_cases():
    """(tag, block factory, input shapes) for every gluon.nn and gluon.rnn layer type."""
    from mxnet.gluon.contrib import nn as cnn
    z = lambda *s: mx.nd.random.uniform(shape=s)
    cases = [
        ("nn.Dense", lambda: nn.Dense(4), [z(2, 5)]),
        ("nn.Dense_noflatten_act", lambda: nn.Dense(4, activation="relu", flatten=False, use_bias=False), [z(2, 3, 5)]),
        ("nn.Dropout", lambda: nn.Dropout(0.5), [z(2, 5)]),
        ("nn.Dropout_axes", lambda: nn.Dropout(0.5, axes=(1,)), [z(2, 5)]),
        ("nn.BatchNorm", lambda: nn.BatchNorm(), [z(2, 3, 4, 4)]),
        ("nn.BatchNormReLU", lambda: nn.BatchNormReLU(), [z(2, 3, 4, 4)]),
        ("nn.InstanceNorm", lambda: nn.InstanceNorm(), [z(2, 3, 4)]),
        ("nn.LayerNorm", lambda: nn.LayerNorm(), [z(2, 3, 4)]),
        ("nn.GroupNorm", lambda: nn.GroupNorm(num_groups=1), [z(2, 3, 4)]),
        ("nn.Embedding", lambda: nn.Embedding(10, 4), [mx.nd.array([[1, 2], [3, 4]])]),
        ("nn.Flatten", lambda: nn.Flatten(), [z(2, 3, 4)]),
        ("nn.HybridLambda", lambda: nn.HybridLambda("tanh"), [z(2, 3)]),
        ("nn.HybridLambda_fn", lambda: nn.HybridLambda(lambda F, x: F.softmax(x)), [z(2, 3)]),
        ("nn.Activation", lambda: nn.Activation("softrelu"), [z(2, 3)]),
        ("nn.LeakyReLU", lambda: nn.LeakyReLU(0.1), [z(2, 3)]),
        ("nn.PReLU", lambda: nn.PReLU(), [z(2, 3)]),
        ("nn.ELU", lambda: nn.ELU(), [z(2, 3)]),
        ("nn.SELU", lambda: nn.SELU(), [z(2, 3)]),
        ("nn.Swish", lambda: nn.Swish(), [z(2, 3)]),
        ("nn.GELU", lambda: nn.GELU(), [z(2, 3)]),
        ("nn.ReflectionPad2D", lambda: nn.ReflectionPad2D(1), [z(1, 2, 4, 4)]),
        ("nn.HybridSequential", lambda: _seq(), [z(2, 5)]),
        ("contrib.nn.HybridConcurrent", lambda: _concurrent(), [z(2, 5)]),
        ("contrib.nn.Identity", lambda: cnn.Identity(), [z(2, 5)]),
        ("contrib.nn.PixelShuffle1D", lambda: cnn.PixelShuffle1D(2), [z(1, 4, 3)]),
        ("contrib.nn.PixelShuffle2D", lambda: cnn.PixelShuffle2D(2), [z(1, 4, 3, 3)]),
        ("contrib.nn.PixelShuffle3D", lambda: cnn.PixelShuffle3D(2), [z(1, 8, 2, 2, 2)]),
        ("contrib.nn.SyncBatchNorm", lambda: cnn.SyncBatchNorm(), [z(2, 3, 4, 4)]),
    ]
    for d in (1, 2, 3):
        sp = (5,) * d
        conv = getattr(nn, "Conv%dD" % d)
        convt = getattr(nn, "Conv%dDTranspose" % d)
        cases += [
            ("nn.Conv%dD" % d, lambda conv=conv: conv(4, 3, padding=1, activation="relu"), [z(1, 2, *sp)]),
            ("nn.Conv%dD_groups" % d, lambda conv=conv: conv(4, 3, groups=2, use_bias=False), [z(1, 2, *sp)]),
            ("nn.Conv%dDTranspose" % d, lambda convt=convt: convt(4, 3, strides=2), [z(1, 2, *sp)]),
            ("nn.MaxPool%dD" % d, lambda c=getattr(nn, "MaxPool%dD" % d): c(), [z(1, 2, *sp)]),
            ("nn.AvgPool%dD" % d, lambda c=getattr(nn, "AvgPool%dD" % d): c(ceil_mode=True, count_include_pad=False), [z(1, 2, *sp)]),
            ("nn.GlobalMaxPool%dD" % d, lambda c=getattr(nn, "GlobalMaxPool%dD" % d): c(), [z(1, 2, *sp)]),
            ("nn.GlobalAvgPool%dD" % d, lambda c=getattr(nn, "GlobalAvgPool%dD" % d): c(), [z(1, 2, *sp)]),
        ]
    # Fused recurrent layers (RNN op with _rnn_param_concat), with and without explicit states.
    for name, layer in [("RNN_tanh", lambda: rnn.RNN(4, 2, activation="tanh")),
                        ("RNN_relu", lambda: rnn.RNN(4, 1, activation="relu", layout="NTC")),
                        ("LSTM", lambda: rnn.LSTM(4, 2, bidirectional=True)),
                        ("LSTM_proj", lambda: rnn.LSTM(4, 1, projection_size=3)),
                        ("GRU", lambda: rnn.GRU(4, 2, dropout=0.2))]:
        cases.append(("rnn." + name, layer, [z(3, 2, 5)]))
    cases.append(("rnn.LSTM_states", lambda: Wrap(rnn.LSTM(4, 1), lambda F, b, x: b(x, b.begin_state(batch_size=2, func=F.zeros))[0]), [z(3, 2, 5)]))
    # Cells, unrolled.
    for name, cell in [("RNNCell", lambda: rnn.RNNCell(4)),
                       ("LSTMCell", lambda: rnn.LSTMCell(4)),
                       ("GRUCell", lambda: rnn.GRUCell(4)),
                       ("HybridSequentialRNNCell", lambda: _stacked()),
                       ("DropoutCell", lambda: _stacked(rnn.DropoutCell(0.5))),
                       ("ZoneoutCell", lambda: rnn.ZoneoutCell(rnn.LSTMCell(4), 0.3, 0.3)),
                       ("ResidualCell", lambda: rnn.ResidualCell(rnn.GRUCell(5))),
                       ("BidirectionalCell", lambda: rnn.BidirectionalCell(rnn.LSTMCell(4), rnn.LSTMCell(4)))]:
        cases.append(("rnn." + name, lambda cell=cell: Unrolled(cell()), [z(2, 3, 5)]))
    cases.append(("rnn.LSTMCell_TNC_unmerged", lambda: Unrolled(rnn.LSTMCell(4), layout="TNC", merge=False), [z(3, 2, 5)]))
    from mxnet.gluon.contrib import rnn as crnn
    cases.append(("contrib.rnn.VariationalDropoutCell",
                  lambda: Unrolled(crnn.VariationalDropoutCell(rnn.LSTMCell(4), 0.3, 0.3, 0.3)), [z(2, 3, 5)]))
    cases.append(("contrib.rnn.LSTMPCell", lambda: Unrolled(crnn.LSTMPCell(4, 3)), [z(2, 3, 5)]))
    for d in (1, 2, 3):
        for kind in ("RNN", "LSTM", "GRU"):
            cls = getattr(crnn, "Conv%dD%sCell" % (d, kind))
            shape = (2,) + (4,) * d
            cases.append(("contrib.rnn.Conv%dD%sCell" % (d, kind),
                          lambda cls=cls, shape=shape: Unrolled(cls(shape, 3, 3, 3), length=2),
                          [z(1, 2, *shape)]))
    return cases


def _seq():
    s = nn.HybridSequential()
    s.add(nn.Dense(4, activation="tanh"), nn.Dropout(0.1), nn.Dense(2))
    return s


def _concurrent():
    from mxnet.gluon.contrib import nn as cnn
    c = cnn.HybridConcurrent(axis=1)
    c.add(nn.Dense(3), nn.Dense(2))
    return c


def _stacked(middle=None):
    s = rnn.HybridSequentialRNNCell()
    s.add(rnn.LSTMCell(4))
    if middle is not None:
        s.add(middle)
    s.add(rnn.GRUCell(3))
    return s


def zoo_names():
    """Every model name gluon.model_zoo.vision.get_model accepts (it lists them when given an unknown one)."""
    try:
        vision.get_model("?")
    except ValueError as e:
        return sorted(n.strip() for n in str(e).split("are")[-1].split("\n") if n.strip())
    raise AssertionError("get_model accepted an unknown name")


def exported_ops(skip_zoo, workdir):
    """{op name: [tags of the exports that use it]}."""
    found = {}

    def add(tag, ops):
        for op in ops:
            found.setdefault(op, []).append(tag)

    for tag, make, inputs in layer_cases():
        try:
            add(tag, export_ops(make(), inputs, tag, workdir))
        except Exception as e:  # noqa: BLE001 - report and continue
            print("warning: could not export %s: %s" % (tag, str(e).splitlines()[0]), file=sys.stderr)
    if not skip_zoo:
        for name in zoo_names():
            size = 299 if name.startswith("inception") else 224
            try:
                add("zoo." + name, export_ops(vision.get_model(name, classes=10), [mx.nd.zeros((1, 3, size, size))],
                                              name, workdir))
            except Exception as e:  # noqa: BLE001
                print("warning: could not export %s: %s" % (name, str(e).splitlines()[0]), file=sys.stderr)
    return found


# MARK: - Attribute probes

# Rejections that match what MXNet 1.9.1 does with a whole graph: (op, key, value) -> why.
KNOWN_REJECTIONS = {
    ("_full", "shape", "None"): "MXNet 1.9.1 cannot infer _full's shape without one either",
    ("broadcast_to", "", ""): "MXNet 1.9.1 cannot infer broadcast_to's shape without 'shape' either",
    ("add_n", "", ""): "MXNet 1.9.1 requires num_args when it loads a graph (a key its op listing hides)",
    ("ElementWiseSum", "", ""): "MXNet 1.9.1 requires num_args when it loads a graph (a key its op listing hides)",
}

def attribute_probes(names):
    """[op, key, value] for every attribute MXNet 1.9.1 documents for the ops `names`: each value of an
    enumeration, the documented default, True/False/1/0 for booleans, None where allowed, and a sample value for
    required numbers and shapes. Our parser must accept each (alone; a missing required parameter is fine).
    For ops MXNet runs with no attribute at all, an empty probe checks we require none either."""
    probes = []
    for op in sorted(names):
        try:
            args = mx.operator.get_operator_arguments(op)
        except Exception:  # noqa: BLE001 - not an MXNet op
            continue
        if not any("required" in t for n, t in zip(args.names, args.types) if "NDArray-or-Symbol" not in t):
            probes.append([op, "", ""])  # MXNet needs no attribute at all
        for key, typ in zip(args.names, args.types):
            if "NDArray-or-Symbol" in typ:
                continue
            values = set()
            if typ.startswith("{"):
                values |= {v.strip().strip("'") for v in typ[1:typ.index("}")].split(",")}
            if "default=" in typ:
                values.add(typ.split("default=", 1)[1].strip().strip("'"))
            if typ.startswith("boolean"):
                values |= {"True", "False", "1", "0"}
            if "or None" in typ:
                values.add("None")
            if "required" in typ:
                if typ.startswith(("int", "long")):
                    values.add("1")
                elif typ.startswith(("float", "double")):
                    values.add("0.5")
                elif typ.startswith("Shape"):
                    values |= {"(1, 1)", "(1,)"}
            for v in sorted(values):
                probes.append([op, key, v])
    return probes


# MARK: - Registry names and parsing

def ask_registry(names_path, probes):
    """(our names, [(op, key, value, error)] for rejected probes), from LegacyOpsTests/testWriteRegistryNames."""
    tmp = tempfile.mkdtemp()
    probes_in, probes_out = os.path.join(tmp, "probes.json"), os.path.join(tmp, "rejected.txt")
    with open(probes_in, "w") as f:
        json.dump(probes, f)
    env = dict(os.environ, MXNET_PARSE_PROBES_IN=probes_in, MXNET_PARSE_PROBES_OUT=probes_out)
    if names_path is None:
        names_path = os.path.join(tmp, "names.txt")
        env["MXNET_REGISTRY_NAMES_OUT"] = names_path
    subprocess.run(["swift", "test", "--skip-build", "--filter", "LegacyOpsTests/testWriteRegistryNames"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(names_path) as f:
        ours = {l.strip() for l in f if l.strip()}
    rejected = []
    if os.path.exists(probes_out):
        with open(probes_out) as f:
            rejected = [tuple(l.rstrip("\n").split("\t", 3)) for l in f if l.strip()]
    return ours, rejected


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--names", help="file with the registry's names, one a line (default: ask the test)")
    ap.add_argument("--skip-zoo", action="store_true", help="skip the model zoo (faster)")
    args = ap.parse_args()

    all_ops = mxnet_ops()
    wanted = issue_names(all_ops)
    with tempfile.TemporaryDirectory() as workdir:
        exported = exported_ops(args.skip_zoo, workdir)
    probes = attribute_probes(wanted | set(exported))
    ours, rejected = ask_registry(args.names, probes)

    print("registry names: %d" % len(ours))
    print("issue list: %d names, exported models and layers: %d op names" % (len(wanted), len(exported)))
    print("exported ops: %s" % " ".join(sorted(exported)))
    missing_issue = sorted(n for n in wanted if n not in ours)
    missing_export = sorted(n for n in exported if n not in ours)
    print("missing from the issue list (%d): %s" % (len(missing_issue), " ".join(missing_issue) or "-"))
    print("missing from exported models (%d): %s" % (len(missing_export), " ".join(missing_export) or "-"))
    for n in missing_export:
        print("  %s: used by %s" % (n, ", ".join(exported[n][:6]) + (" ..." if len(exported[n]) > 6 else "")))
    known = [r for r in rejected if tuple(r[:3]) in KNOWN_REJECTIONS]
    rejected = [r for r in rejected if tuple(r[:3]) not in KNOWN_REJECTIONS]

    def describe(r):
        where = "%s %s=%r" % (r[0], r[1], r[2]) if r[1] else "%s with no attributes" % r[0]
        return "  %s: %s" % (where, r[3] if len(r) > 3 else "")

    print("attribute probes: %d" % len(probes))
    print("attribute values MXNet 1.9.1 accepts that our parser rejects (%d):" % len(rejected))
    for r in rejected:
        print(describe(r))
    print("rejections MXNet 1.9.1 shares for a whole graph (%d):" % len(known))
    for r in known:
        print(describe(r) + " [" + KNOWN_REJECTIONS[tuple(r[:3])] + "]")
    sys.exit(1 if missing_issue or missing_export or rejected else 0)


if __name__ == "__main__":
    main()
