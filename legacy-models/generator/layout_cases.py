"""Operator-family cases, part 2: shape manipulation, slicing, broadcasting, elementwise and scalar arithmetic,
unary math, reductions, sorting, indexing and creation operators, each with non-default attributes."""
import mxnet as mx
import numpy as np

from .common import case

V = mx.sym.Variable
G = mx.sym.Group


# MARK: - Shapes

@case("reshape_special_codes", "Reshape with 0, -1, -2, -3, -4 and reverse=True")
def reshape_codes(c):
    x = V("data")
    s = G([
        mx.sym.Reshape(x, shape=(0, -1)),
        mx.sym.Reshape(x, shape=(-2,)),
        mx.sym.Reshape(x, shape=(-3, -2)),
        mx.sym.Reshape(x, shape=(0, -4, 1, -1, -2)),
        mx.sym.Reshape(x, shape=(-4, 2, -1, -3, -2)),
        mx.sym.Reshape(x, shape=(-1, 0), reverse=True),
        mx.sym.Reshape(x, shape=(6, -1, 0), reverse=True),
        mx.sym.reshape_like(x, V("like")),
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 4, 5), "like": c.normal(6, 20)})


@case("flatten_transpose_swap_squeeze", "Flatten, transpose (axes and default), SwapAxis, expand_dims, squeeze")
def shape_moves(c):
    x = V("data")
    s = G([
        mx.sym.Flatten(x),
        mx.sym.transpose(x, axes=(2, 0, 3, 1)),
        mx.sym.transpose(x),
        mx.sym.SwapAxis(x, dim1=1, dim2=3),
        mx.sym.expand_dims(x, axis=-1),
        mx.sym.expand_dims(x, axis=0),
        mx.sym.squeeze(x, axis=(2,)),
        mx.sym.squeeze(x),
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 1, 4)})


@case("tile_repeat_reverse", "tile (reps shorter and longer than ndim), repeat with and without axis, reverse")
def tile_repeat(c):
    x = V("data")
    s = G([
        mx.sym.tile(x, reps=(2, 1, 3)),
        mx.sym.tile(x, reps=(2, 1, 1, 2)),
        mx.sym.tile(x, reps=(3,)),
        mx.sym.repeat(x, repeats=2, axis=1),
        mx.sym.repeat(x, repeats=3, axis=-1),
        mx.sym.repeat(x, repeats=2),
        mx.sym.reverse(x, axis=(0, 2)),
        mx.sym.reverse(x, axis=1),
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 2)})


@case("pad_modes", "Pad constant (value 1.5), edge and reflect on 4-D, edge on 5-D")
def pad_modes(c):
    x4, x5 = V("data"), V("volume")
    s = G([
        mx.sym.Pad(x4, mode="constant", pad_width=(0, 0, 0, 0, 1, 2, 2, 1), constant_value=1.5),
        mx.sym.Pad(x4, mode="edge", pad_width=(0, 0, 0, 0, 2, 0, 1, 3)),
        mx.sym.Pad(x4, mode="reflect", pad_width=(0, 0, 0, 0, 2, 1, 3, 2)),
        mx.sym.Pad(x5, mode="edge", pad_width=(0, 0, 0, 0, 1, 0, 0, 1, 1, 1)),
        mx.sym.Pad(x5, mode="constant", pad_width=(0, 0, 0, 0, 1, 1, 0, 1, 2, 0)),
    ])
    return c.symbolic(s, {"data": c.normal(1, 2, 4, 5), "volume": c.normal(1, 1, 2, 3, 3)})


@case("depth_space", "depth_to_space and space_to_depth with block size 2, and a round trip")
def depth_space(c):
    x, y = V("data"), V("image")
    s = G([
        mx.sym.depth_to_space(x, block_size=2),
        mx.sym.space_to_depth(y, block_size=2),
        mx.sym.depth_to_space(mx.sym.space_to_depth(y, block_size=2), block_size=2),
    ])
    return c.symbolic(s, {"data": c.normal(1, 8, 2, 3), "image": c.normal(2, 2, 4, 6)})


@case("concat_stack", "Concat (dim 1 and -1), stack (axis -1 and 0), add_n / ElementWiseSum of three inputs")
def concat_stack(c):
    a, b, d = V("a"), V("b"), V("d")
    s = G([
        mx.sym.Concat(a, b, d, dim=1),
        mx.sym.Concat(a, b, dim=-1),
        mx.sym.stack(a, b, d, axis=-1),
        mx.sym.stack(a, b, axis=0),
        mx.sym.add_n(a, b, d),
        mx.sym.ElementWiseSum(a, b, d, name="esum"),
    ])
    return c.symbolic(s, {"a": c.normal(2, 3, 2), "b": c.normal(2, 3, 2), "d": c.normal(2, 3, 2)})


@case("slicechannel_heads", "SliceChannel with 3 outputs as the model's heads")
def slicechannel_heads(c):
    s = mx.sym.SliceChannel(V("data"), num_outputs=3, axis=1, name="split")
    return c.symbolic(s, {"data": c.normal(2, 6, 2)})


@case("split_squeeze_and_reuse", "split with squeeze_axis on the last axis; outputs reused by later ops")
def split_squeeze(c):
    parts = mx.sym.split(V("data"), num_outputs=4, axis=-1, squeeze_axis=True, name="split")
    s = G([parts[0] + parts[3], parts[1] * parts[2], mx.sym.Concat(parts[2], parts[0], dim=0)])
    return c.symbolic(s, {"data": c.normal(2, 3, 4)})


@case("slice_ops", "slice with steps (positive, negative, None), slice_axis, slice_like with axes")
def slice_ops(c):
    x, ref = V("data"), V("ref")
    s = G([
        mx.sym.slice(x, begin=(None, 1, 0), end=(None, -1, None), step=(1, 2, None)),
        mx.sym.slice(x, begin=(1, None, 4), end=(None, None, 0), step=(None, None, -2)),
        mx.sym.slice(x, begin=(0, 1), end=(1, 3)),
        mx.sym.slice_axis(x, axis=-1, begin=1, end=None),
        mx.sym.slice_axis(x, axis=0, begin=-2, end=-1),
        mx.sym.slice_like(x, ref, axes=(0, 2)),
        mx.sym.slice_like(x, ref),
    ])
    return c.symbolic(s, {"data": c.normal(3, 5, 6), "ref": c.normal(2, 4, 3)})


@case("broadcast_to_like_axis", "broadcast_to (with 0 = keep), broadcast_like (with axes), broadcast_axis")
def broadcasting(c):
    x, y = V("data"), V("other")
    s = G([
        mx.sym.broadcast_to(x, shape=(2, 0, 4)),
        mx.sym.broadcast_like(x, y),
        mx.sym.broadcast_like(x, V("wide"), lhs_axes=(2,), rhs_axes=(0,)),
        mx.sym.broadcast_axis(x, axis=(0, 2), size=(3, 4)),
    ])
    return c.symbolic(s, {"data": c.normal(1, 3, 1), "other": c.normal(2, 3, 5), "wide": c.normal(6, 1)})


# MARK: - Elementwise arithmetic

@case("elemwise_binary", "elemwise_add/sub/mul/div and symbol operators + - * / ** % max min and comparisons")
def elemwise_binary(c):
    a, b = V("a"), V("b")
    s = G([
        mx.sym.elemwise_add(a, b), mx.sym.elemwise_sub(a, b), mx.sym.elemwise_mul(a, b), mx.sym.elemwise_div(a, b),
        a + b, a - b, a * b, a / b, mx.sym.abs(a) ** b, a % b,
        mx.sym.maximum(a, b), mx.sym.minimum(a, b), mx.sym.hypot(a, b),
        a > b, a <= b, a == b, a != b,
    ])
    a_val = c.normal(3, 4)
    b_val = c.uniform(0.5, 2.0, 3, 4)
    b_val[0, :2] = a_val[0, :2]  # some equal elements for the comparisons
    return c.symbolic(s, {"a": a_val, "b": b_val})


@case("broadcast_binary", "every broadcast_* binary operator on shapes (2,1,4) and (1,3,1)")
def broadcast_binary(c):
    a, b = V("a"), V("b")
    names = ["add", "sub", "mul", "div", "mod", "power", "maximum", "minimum", "hypot", "equal", "not_equal",
             "greater", "greater_equal", "lesser", "lesser_equal", "logical_and", "logical_or", "logical_xor",
             "plus", "minus"]
    outs = []
    for n in names:
        lhs = mx.sym.abs(a) + 0.1 if n == "power" else a
        outs.append(getattr(mx.sym, "broadcast_" + n)(lhs, b, name="b_" + n))
    a_val = c.normal(2, 1, 4)
    b_val = c.normal(1, 3, 1)
    a_val[0, 0, 1] = b_val[0, 1, 0]  # equal elements for the comparisons
    a_val[1, 0, 2] = 0.0             # and a zero for the logical operators
    return c.symbolic(G(outs), {"a": a_val, "b": b_val})


@case("scalar_ops", "every _*_scalar and _r*_scalar operator through symbol arithmetic with Python numbers")
def scalar_ops(c):
    x, nz = V("data"), V("nonzero")
    s = G([
        x + 1.5, 1.5 + x, x - 0.5, 2 - x, x * 3, x / 4, 2 / nz, mx.sym.abs(x) ** 2.5, x ** 2, 2 ** x, x % 0.7,
        3 % nz, -x, mx.sym.maximum(x, 0.3), mx.sym.minimum(x, 0.3), mx.sym.hypot(x, 2.0),
        x > 0.5, x >= 0.5, x < 0.5, x <= 0.5, x == 1.0, x != 1.0,
        mx.sym._internal._logical_and_scalar(x, scalar=1.0), mx.sym._internal._logical_or_scalar(x, scalar=0.0),
        mx.sym._internal._logical_xor_scalar(x, scalar=1.0),
    ])
    v = c.uniform(-2.0, 2.0, 3, 4)
    v[0, 0], v[1, 1], v[2, 2] = 1.0, 0.5, 0.0
    nonzero = c.uniform(0.3, 2.0, 3, 4) * np.sign(c.normal(3, 4))
    return c.symbolic(s, {"data": v, "nonzero": nonzero.astype("float32")})


@case("unary_math_rounding", "abs, sign, ceil, floor, round, rint, fix, trunc, square, sqrt, rsqrt, cbrt, rcbrt, "
      "exp, expm1, log family, reciprocal, negative, erf, erfinv, gamma, gammaln, logical_not")
def unary_math(c):
    x, p, u = V("data"), V("positive"), V("unit")
    s = G([
        mx.sym.abs(x), mx.sym.sign(x), mx.sym.ceil(x), mx.sym.floor(x), mx.sym.round(x), mx.sym.rint(x),
        mx.sym.fix(x), mx.sym.trunc(x), mx.sym.square(x), mx.sym.sqrt(p), mx.sym.rsqrt(p), mx.sym.cbrt(x),
        mx.sym.rcbrt(p), mx.sym.exp(x), mx.sym.expm1(x), mx.sym.log(p), mx.sym.log10(p), mx.sym.log2(p),
        mx.sym.log1p(p), mx.sym.reciprocal(p), mx.sym.negative(x), mx.sym.erf(x), mx.sym.erfinv(u),
        mx.sym.gamma(p), mx.sym.gammaln(p), mx.sym.logical_not(x), mx.sym.relu(x), mx.sym.sigmoid(x),
        mx.sym.softsign(x),
    ])
    d = c.normal(3, 5, scale=2.0)
    d[0, :4] = [2.5, -2.5, 0.5, -0.5]  # round-half cases
    d[1, 0] = 0.0
    return c.symbolic(s, {"data": d, "positive": c.uniform(0.1, 3.0, 3, 5), "unit": c.uniform(-0.9, 0.9, 3, 5)})


@case("unary_math_trig", "sin cos tan arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh degrees radians")
def unary_trig(c):
    x, u, big = V("data"), V("unit"), V("above_one")
    s = G([
        mx.sym.sin(x), mx.sym.cos(x), mx.sym.tan(x), mx.sym.arcsin(u), mx.sym.arccos(u), mx.sym.arctan(x),
        mx.sym.sinh(x), mx.sym.cosh(x), mx.sym.tanh(x), mx.sym.arcsinh(x), mx.sym.arccosh(big),
        mx.sym.arctanh(u), mx.sym.degrees(x), mx.sym.radians(x),
    ])
    return c.symbolic(s, {"data": c.uniform(-1.4, 1.4, 2, 6), "unit": c.uniform(-0.95, 0.95, 2, 6),
                          "above_one": c.uniform(1.05, 4.0, 2, 6)})


# MARK: - Reductions and sorting

@case("reductions_axis_keepdims_exclude", "sum/mean/max/min/prod/nansum/nanprod/norm with axis, keepdims, exclude")
def reductions(c):
    x, n = V("data"), V("with_nan")
    s = G([
        mx.sym.sum(x, axis=1, keepdims=True),
        mx.sym.sum(x, axis=(0, 2), exclude=True),
        mx.sym.sum(x),
        mx.sym.mean(x, axis=-1),
        mx.sym.max(x, axis=(1, 2)),
        mx.sym.min(x, axis=0, keepdims=True),
        mx.sym.prod(x, axis=0),
        mx.sym.nansum(n, axis=1),
        mx.sym.nanprod(n, axis=(0, 2), keepdims=True),
        mx.sym.norm(x, ord=2, axis=1),
        mx.sym.norm(x, ord=1, axis=(0, 2), keepdims=True),
        mx.sym.norm(x),
        mx.sym.sum_axis(x, axis=2),
    ])
    nan_values = c.normal(2, 3, 4)
    nan_values[0, 1, 2] = np.nan
    nan_values[1, 0, :] = np.nan
    return c.symbolic(s, {"data": c.normal(2, 3, 4), "with_nan": nan_values},
                      notes="input with_nan holds NaNs, which nansum and nanprod skip")


@case("argmax_topk_sort", "argmax/argmin (axis, keepdims), argmax_channel, topk (both/value/mask/indices int32), "
      "sort, argsort")
def argmax_topk(c):
    x = V("data")
    both = mx.sym.topk(x, k=2, axis=-1, ret_typ="both", name="topk_both")
    s = G([
        mx.sym.argmax(x, axis=1, keepdims=True),
        mx.sym.argmin(x, axis=0),
        mx.sym.argmax_channel(mx.sym.Reshape(x, shape=(-1, 5))),
        both[0], both[1],
        mx.sym.topk(x, k=1, axis=0, ret_typ="value", is_ascend=True),
        mx.sym.topk(x, k=3, axis=1, ret_typ="mask"),
        mx.sym.topk(x, k=2, ret_typ="indices", dtype="int32"),
        mx.sym.sort(x, axis=1, is_ascend=False),
        mx.sym.argsort(x, axis=0, is_ascend=False, dtype="int32"),
        mx.sym.argsort(x),
    ])
    return c.symbolic(s, {"data": c.normal(2, 4, 5)}, rtol=0, atol=0)


# MARK: - Indexing

@case("embedding_take_onehot_pick_gather", "Embedding, take (clip and wrap), one_hot (on/off values, dtype), pick "
      "(keepdims, wrap), gather_nd")
def indexing(c):
    idx, table, pos, picks = V("indices"), V("table"), V("positions"), V("picks")
    s = G([
        mx.sym.Embedding(idx, input_dim=10, output_dim=4, name="embed"),
        mx.sym.take(table, idx, axis=0, mode="clip"),
        mx.sym.take(table, pos, axis=1, mode="wrap"),
        mx.sym.one_hot(idx, depth=6, on_value=2.0, off_value=-1.0),
        mx.sym.one_hot(idx, depth=12, dtype="int32"),
        mx.sym.pick(table, picks, axis=1, keepdims=True),
        mx.sym.pick(table, picks, axis=-1, mode="wrap"),
        mx.sym.gather_nd(table, V("nd_indices")),
    ])
    indices = np.array([[0, 3, 9], [12, 5, -1]], dtype="float32")  # 12 and -1 exercise clip
    positions = np.array([[-1, 0], [5, 2]], dtype="float32")        # wrap on 4 columns
    picks = np.array([0, 3, 6, -1, 2], dtype="float32")             # wrap on 4 columns
    nd_indices = np.array([[0, 4, 2], [1, 3, 0]], dtype="float32")
    return c.symbolic(s, {"indices": indices, "table": c.normal(5, 4), "positions": positions, "picks": picks,
                          "nd_indices": nd_indices})


@case("where_like_cast", "where (same-shape and row condition), zeros_like, ones_like, Cast to float16/int32/uint8")
def where_like_cast(c):
    x, y, cond, rows = V("x"), V("y"), V("cond"), V("rows")
    s = G([
        mx.sym.where(cond, x, y),
        mx.sym.where(rows, x, y),
        mx.sym.zeros_like(x) + 1,
        mx.sym.ones_like(x) * y,
        mx.sym.Cast(x, dtype="float16"),
        mx.sym.Cast(x * 10, dtype="int32"),
        mx.sym.Cast(mx.sym.abs(x) * 10, dtype="uint8"),
        mx.sym.cast(mx.sym.Cast(x, dtype="float64"), dtype="float32"),
    ])
    return c.symbolic(s, {"x": c.normal(3, 4), "y": c.normal(3, 4), "cond": c.integers(0, 2, 3, 4),
                          "rows": np.array([1, 0, 1], dtype="float32")})


@case("creation_ops", "_zeros, _ones, _full, _arange (step, repeat) combined with an input")
def creation_ops(c):
    x = V("data")
    s = G([
        x + mx.sym.zeros(shape=(2, 3)),
        x * mx.sym.ones(shape=(2, 3)),
        x - mx.sym.full(shape=(2, 3), val=0.25),
        mx.sym.broadcast_add(x, mx.sym.Reshape(mx.sym.arange(start=1, stop=4), shape=(1, 3))),
        mx.sym.arange(start=0.5, stop=3.5, step=0.5, repeat=2) + 0,
        mx.sym.arange(start=2, stop=8, step=2, dtype="int32") * 3,
    ])
    return c.symbolic(s, {"data": c.normal(2, 3)})
