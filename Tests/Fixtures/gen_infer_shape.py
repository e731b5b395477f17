"""Partial shape inference fixtures from real MXNet 1.9.1 (`infer_shape_partial` and `infer_shape`).

Writes Tests/MXNetTests/Fixtures/infer_shape.json: small symbol graphs, each with the shapes given (0 marks an
unknown dimension, MXNet 1.x's convention), MXNet's `infer_shape_partial` answer (argument, output and auxiliary
shapes; null where even the rank stays unknown, 0 for unknown dimensions), whether `infer_shape` completes, or that
MXNet refuses the shapes (raises).

Left out on purpose (MXNet 1.9.1 raises where it has only partly known shapes, which we answer with unknown
dimensions instead): Pooling over unknown spatial sizes, FullyConnected over unknown feature sizes, SoftmaxOutput
with multi_output; Concat's partial rule (it reports a wrong output shape for an unknown operand).

Usage (from the repository root): $PY Tests/Fixtures/gen_infer_shape.py
"""
import json
import os
import sys
import warnings

import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "MXNetTests", "Fixtures", "infer_shape.json")

warnings.simplefilter("ignore")  # infer_shape warns about what it cannot decide
V = mx.sym.Variable
E = mx.sym.elemwise_add

CASES = []


def shapes(seq):
    # MXNet 1.x answers () for a shape of unknown rank.
    return [list(s) if s is not None and len(s) > 0 else None for s in seq]


def case(name, sym, deviation=None, **given):
    """deviation: why we refuse shapes that MXNet accepts (the Swift test expects an error)."""
    text = sym.tojson()
    s = mx.sym.load_json(text)
    entry = {"name": name, "json": text, "given": {k: list(v) for k, v in given.items()}}
    if deviation:
        entry["deviation"] = deviation
    try:
        a, o, x = s.infer_shape_partial(**given)
        entry["partial"] = {"arguments": shapes(a), "outputs": shapes(o), "auxiliary_states": shapes(x)}
        full = s.infer_shape(**given)
        entry["complete"] = full[0] is not None
    except mx.base.MXNetError as e:
        entry["error"] = str(e).splitlines()[0][:300]
    CASES.append(entry)


def fully_connected():
    a, b, d = V("a"), V("b"), V("data")
    fc = mx.sym.FullyConnected(d, num_hidden=10, name="fc")
    case("fc_weight_only", fc, fc_weight=(10, 50))
    case("fc_batch_unknown", fc, data=(0, 50), fc_weight=(10, 50))
    case("fc_batch_unknown_3d", fc, data=(0, 5, 10))
    case("fc_no_bias_batch_unknown", mx.sym.FullyConnected(d, num_hidden=10, no_bias=True, name="fc"), data=(0, 5))
    case("fc_no_flatten_partial", mx.sym.FullyConnected(d, num_hidden=10, flatten=False, name="fc"), data=(0, 0, 50))
    fc1 = mx.sym.FullyConnected(a, num_hidden=10, name="fc1")
    fc2 = mx.sym.FullyConnected(b, num_hidden=10, name="fc2")
    case("fc_batch_from_sibling", E(fc1, fc2), a=(4, 20), b=(0, 30))
    case("fc_sibling_rank_unknown", E(fc1, fc2), a=(4, 20))
    fcf = mx.sym.FullyConnected(a, num_hidden=10, name="fc")
    case("fc_batch_from_output_3d", E(fcf, b), a=(0, 5, 10), b=(2, 10))
    case("fc_output_only", E(fcf, b), b=(4, 10))
    fcn = mx.sym.FullyConnected(a, num_hidden=10, flatten=False, name="fc")
    case("fc_no_flatten_batch_from_output", E(fcn, b), a=(0, 0, 50), b=(2, 7, 10))
    case("fc_weight_does_not_tell_data", fcn, a=(2, 3, 0), fc_weight=(10, 50))
    case("fc_weight_mismatch", fc, data=(4, 50), fc_weight=(10, 49))
    case("fc_partial_weight_mismatch", fc, data=(0, 50), fc_weight=(10, 49))


def elementwise():
    a, b, c = V("a"), V("b"), V("c")
    case("elemwise_partial_merge", E(a, b), a=(0, 3), b=(2, 0))
    case("elemwise_operand_from_operand", E(a, b), a=(2, 3))
    case("elemwise_mismatch", E(a, b), a=(2, 3), b=(2, 4))
    case("elemwise_partial_conflict", E(a, b), a=(2, 0), b=(3, 0))
    case("elemwise_rank_mismatch", E(a, b), a=(2, 3), b=(0, 0, 0))
    chain = mx.sym.relu(mx.sym.sqrt(mx.sym.exp(a)))
    case("unary_chain_backward", E(chain, b), b=(2, 3))
    mixed = E(mx.sym.Activation(a, act_type="tanh"), mx.sym.clip(c, 0, 1))
    case("activation_clip_backward", E(mixed, b), b=(2, 3, 4))
    scal = mx.sym.elemwise_mul(a * 2 + 1, mx.sym.Cast(-c, dtype="float16"))
    case("scalar_cast_backward", E(scal, b), b=(5,))
    ident = mx.sym.elemwise_sub(mx.sym.BlockGrad(a), mx.sym.identity(mx.sym.sigmoid(c)))
    case("identity_likes_backward", ident, c=(0, 4), a=(3, 0))
    case("add_n_backward", mx.sym.add_n(a, b, c), b=(2, 3))
    legacy = mx.sym._internal
    binary = legacy._maximum(legacy._power(a, b), legacy._equal(c, a))
    case("legacy_binary_names_backward", binary, c=(4, 2))
    case("softmax_activation_backward", E(mx.sym.SoftmaxActivation(a), b), b=(4, 10))
    case("log_softmax_backward", E(mx.sym.log_softmax(a), b), b=(4, 10))
    case("softmax_forward_only", E(mx.sym.softmax(a), b), a=(0, 10), b=(4, 10))
    case("dropout_forward_only", E(mx.sym.Dropout(a), b), a=(0, 3), b=(2, 3))
    case("leaky_relu_forward_only", E(mx.sym.LeakyReLU(a, slope=0.1), b), a=(0, 3), b=(2, 3))
    case("prelu_partial", mx.sym.LeakyReLU(a, act_type="prelu", name="pr"), a=(0, 3, 4))
    case("prelu_channel_unknown", mx.sym.LeakyReLU(a, act_type="prelu", name="pr"), a=(2, 0, 4))
    case("make_loss_forward_only", E(mx.sym.MakeLoss(a), b), b=(2, 3))


# MXNet 1.x operators of one data input, with the attributes they need: each infers its data from its output
# (ElemwiseShape) or not (forward only); the fixtures record which.
UNARY = [
    ("abs", {}), ("sign", {}), ("round", {}), ("rint", {}), ("ceil", {}), ("floor", {}), ("trunc", {}), ("fix", {}),
    ("square", {}), ("sqrt", {}), ("rsqrt", {}), ("cbrt", {}), ("rcbrt", {}), ("exp", {}), ("log", {}),
    ("log10", {}), ("log2", {}), ("log1p", {}), ("expm1", {}), ("sin", {}), ("cos", {}), ("tan", {}),
    ("arcsin", {}), ("arccos", {}), ("arctan", {}), ("sinh", {}), ("cosh", {}), ("tanh", {}), ("arcsinh", {}),
    ("arccosh", {}), ("arctanh", {}), ("degrees", {}), ("radians", {}), ("reciprocal", {}), ("negative", {}),
    ("relu", {}), ("sigmoid", {}), ("softsign", {}), ("erf", {}), ("erfinv", {}), ("gamma", {}), ("gammaln", {}),
    ("logical_not", {}), ("hard_sigmoid", {}), ("zeros_like", {}), ("ones_like", {}), ("BlockGrad", {}),
    ("stop_gradient", {}), ("identity", {}), ("make_loss", {}), ("MakeLoss", {}), ("Cast", {"dtype": "float64"}),
    ("amp_cast", {"dtype": "float16"}), ("smooth_l1", {"scalar": 1.0}), ("clip", {"a_min": 0, "a_max": 1}),
    ("Activation", {"act_type": "softrelu"}), ("LeakyReLU", {"act_type": "elu"}), ("Dropout", {"p": 0.5}),
    ("softmax", {"axis": 0}), ("log_softmax", {}), ("softmin", {}), ("SoftmaxActivation", {"mode": "channel"}),
    ("_plus_scalar", {"scalar": 1}), ("_minus_scalar", {"scalar": 1}), ("_rminus_scalar", {"scalar": 1}),
    ("_mul_scalar", {"scalar": 2}), ("_div_scalar", {"scalar": 2}), ("_rdiv_scalar", {"scalar": 2}),
    ("_power_scalar", {"scalar": 2}), ("_rpower_scalar", {"scalar": 2}), ("_maximum_scalar", {"scalar": 0}),
    ("_minimum_scalar", {"scalar": 0}), ("_mod_scalar", {"scalar": 2}), ("_equal_scalar", {"scalar": 0}),
    ("_greater_scalar", {"scalar": 0}), ("_lesser_equal_scalar", {"scalar": 0}), ("_hypot_scalar", {"scalar": 1}),
    ("_logical_or_scalar", {"scalar": 0}),
]


def unary():
    a, b = V("a"), V("b")
    for op, attrs in UNARY:
        f = getattr(mx.sym, op, None) or getattr(mx.sym._internal, op)
        y = f(a, name="op", **attrs)
        case("unary_%s_from_output" % op, E(y[0] if len(y.list_outputs()) > 1 else y, b), b=(2, 3, 4))
        case("unary_%s_partial" % op, y, a=(0, 3, 4))


def broadcasting():
    a, b = V("a"), V("b")
    case("broadcast_partial", mx.sym.broadcast_add(a, b), a=(0, 3), b=(2, 1))
    case("broadcast_operand_unknown", mx.sym.broadcast_mul(a, b), a=(2, 3))
    case("broadcast_rank_differs", mx.sym.broadcast_maximum(a, b), a=(0, 3), b=(3,))
    case("broadcast_one_and_unknown", mx.sym.broadcast_sub(a, b), a=(1, 3), b=(0, 3))
    case("broadcast_mismatch", mx.sym.broadcast_add(a, b), a=(0, 3), b=(2, 4))


def convolution():
    a, b = V("a"), V("b")
    conv = mx.sym.Convolution(a, kernel=(3, 3), num_filter=8, name="conv")
    case("conv_batch_unknown", conv, a=(0, 3, 10, 10))
    case("conv_height_unknown", conv, a=(2, 3, 0, 10))
    case("conv_channels_unknown", conv, a=(2, 0, 5, 5))
    case("conv_data_from_output_stride1", E(conv, b), a=(0, 3, 0, 0), b=(2, 8, 4, 4))
    case("conv_data_rank_unknown", E(conv, b), b=(2, 8, 4, 4))
    case("conv_weight_only", conv, conv_weight=(8, 3, 3, 3))
    stride2 = mx.sym.Convolution(a, kernel=(3, 3), num_filter=8, stride=(2, 2), name="conv")
    case("conv_data_from_output_stride2", E(stride2, b), a=(0, 3, 0, 0), b=(2, 8, 4, 4))
    dil = mx.sym.Convolution(a, kernel=(3, 3), num_filter=8, pad=(1, 2), dilate=(2, 1), name="conv")
    case("conv_data_from_output_pad_dilate", E(dil, b), a=(0, 3, 0, 0), b=(2, 8, 4, 4))
    c1 = mx.sym.Convolution(a, kernel=(3,), num_filter=8, name="conv")
    case("conv1d_data_from_output", E(c1, b), a=(0, 3, 0), b=(2, 8, 4))
    c3 = mx.sym.Convolution(a, kernel=(3, 3, 3), num_filter=8, no_bias=True, name="conv")
    case("conv3d_data_from_output", E(c3, b), a=(0, 3, 0, 0, 0), b=(2, 8, 4, 4, 4))
    cg = mx.sym.Convolution(a, kernel=(3, 3), num_filter=8, num_group=2, name="conv")
    case("conv_groups_batch_unknown", cg, a=(0, 4, 5, 5))
    case("conv_output_conflict", E(conv, b), a=(2, 3, 5, 5), b=(2, 8, 4, 4))
    dc = mx.sym.Deconvolution(a, kernel=(3, 3), num_filter=8, name="dc")
    case("deconv_batch_unknown", dc, a=(0, 3, 5, 5))
    case("deconv_forward_only", E(dc, b), a=(0, 3, 0, 0), b=(2, 8, 7, 7))


def pooling_and_norm():
    a, b = V("a"), V("b")
    pool = mx.sym.Pooling(a, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool")
    case("pool_batch_unknown", pool, a=(0, 3, 4, 4))
    case("pool_channels_unknown", pool, a=(2, 0, 4, 4))
    case("pool_forward_only", E(pool, b), a=(0, 3, 4, 4), b=(5, 3, 2, 2))
    gpool = mx.sym.Pooling(a, kernel=(1, 1), global_pool=True, pool_type="avg", name="pool")
    case("global_pool_spatial_unknown", gpool, a=(0, 3, 0, 0))
    bn = mx.sym.BatchNorm(a, name="bn")
    case("batchnorm_partial", bn, a=(0, 3, 0, 4))
    case("batchnorm_forward_only", E(bn, b), a=(0, 3, 0, 4), b=(2, 3, 5, 4))
    case("batchnorm_channels_unknown", bn, a=(2, 0, 4))
    case("batchnorm_gamma_only", bn, bn_gamma=(3,))
    case("batchnorm_axis_last", mx.sym.BatchNorm(a, axis=-1, name="bn"), a=(0, 3, 0, 5))
    case("batchnorm_gamma_mismatch", bn, a=(2, 3, 4), bn_gamma=(4,),
         deviation="MXNet replaces a given gamma of the wrong shape with the inferred one; we refuse it")


def heads_and_networks():
    a, b, d = V("a"), V("b"), V("data")
    case("softmax_output_label_from_data", mx.sym.SoftmaxOutput(a, name="sm"), a=(0, 10))
    case("softmax_output_forward_only", mx.sym.SoftmaxOutput(a, name="sm"), sm_label=(4,))
    case("softmax_output_preserve_shape", mx.sym.SoftmaxOutput(a, preserve_shape=True, name="sm"), a=(0, 3, 4))
    emb = mx.sym.Embedding(a, input_dim=10, output_dim=4, name="emb")
    case("embedding_partial", emb, a=(0, 5))
    case("embedding_forward_only", E(emb, b), a=(0, 0), b=(2, 3, 4))
    zeros = mx.sym.zeros(shape=(0, 3))
    case("zeros_partial_from_operand", E(zeros, b), b=(2, 3))
    case("zeros_partial_broadcast", mx.sym.broadcast_add(zeros, b), b=(2, 3))
    case("zeros_partial_into_fc", mx.sym.FullyConnected(zeros, num_hidden=4, name="fc"))
    # An MLP whose batch size comes from the label is not inferred (SoftmaxOutput infers forward only).
    h = mx.sym.Activation(mx.sym.FullyConnected(d, num_hidden=16, name="fc1"), act_type="relu")
    mlp = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(h, num_hidden=5, name="fc2"), name="softmax")
    case("mlp_batch_unknown", mlp, data=(0, 100))
    case("mlp_label_only", mlp, softmax_label=(8,))
    # A Gluon-style block: partial batch through conv, BN, pooling; Flatten needs known sizes.
    x = mx.sym.Convolution(d, kernel=(3, 3), pad=(1, 1), num_filter=4, name="conv0")
    x = mx.sym.Activation(mx.sym.BatchNorm(x, name="bn0"), act_type="relu")
    x = mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool0")
    net = mx.sym.FullyConnected(mx.sym.Flatten(x), num_hidden=3, name="fc0")
    case("conv_block_batch_unknown", net, data=(0, 3, 8, 8))
    case("conv_block_complete", net, data=(2, 3, 8, 8))
    # Residual: the skip connection tells the convolution's input size from its output.
    r = mx.sym.Convolution(a, kernel=(3, 3), pad=(1, 1), num_filter=4, name="conv1")
    case("residual_batch_from_skip", E(r, b), a=(0, 4, 0, 0), b=(2, 4, 6, 6))


def main():
    fully_connected()
    elementwise()
    unary()
    broadcasting()
    convolution()
    pooling_and_norm()
    heads_and_networks()
    with open(OUT, "w") as f:
        json.dump({"generated_by": "Tests/Fixtures/gen_infer_shape.py with mxnet " + mx.__version__, "graphs": CASES},
                  f, indent=1)
        f.write("\n")
    errors = sum(1 for c in CASES if "error" in c)
    print("wrote %d graphs (%d that MXNet refuses)" % (len(CASES), errors), file=sys.stderr)


main()
