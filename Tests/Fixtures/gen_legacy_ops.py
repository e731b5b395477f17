"""Generates Tests/MXNetTests/Fixtures/legacy_ops.json: MXNet 1.x operators legacy models use (LRN, UpSampling,
_contrib_BilinearResize2D, ROIPooling, depth_to_space, space_to_depth, hard_sigmoid, add_n/ElementWiseSum,
_contrib_BatchNormWithReLU, _contrib_SyncBatchNorm), and every 1.x name of the issue's list called by that name
(unary math, elemwise_*/broadcast_* and _*_scalar families) on float and integer data: forward and gradients
from real MXNet 1.9.1 (see oracle.py)."""
import mxnet as mx
import numpy as onp
from oracle import encode, op_case, error_case, numpy_case, rand, write


def nd_case(name, op, inputs, attrs):
    """Forward only, through MXNet 1.x's `mx.nd` (for outputs with sparse storage, compared densely)."""
    attrs = {k: str(v) for k, v in attrs.items()}
    outs = getattr(mx.nd, op)(*[mx.nd.array(x, dtype=x.dtype) for x in inputs], **attrs)
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    return {"name": name, "op": op, "attrs": attrs, "inputs": [encode(x) for x in inputs], "rtol": 1e-5,
            "atol": 1e-6, "train": False, "outputs": [encode(o.tostype("default").asnumpy()) for o in outs]}


cases = []
X = rand((2, 5, 3, 4), seed=101)

# MARK: depth_to_space / space_to_depth
D = rand((2, 8, 2, 3), seed=102)
cases.append(op_case("depth_to_space", "depth_to_space", [D], {"block_size": 2}))
cases.append(op_case("depth_to_space_b1", "depth_to_space", [D], {"block_size": 1}))
cases.append(op_case("depth_to_space_b3", "depth_to_space", [rand((1, 18, 2, 2), seed=103)], {"block_size": 3}))
cases.append(op_case("depth_to_space_int32", "depth_to_space", [onp.arange(32, dtype="int32").reshape(1, 8, 2, 2)],
                     {"block_size": 2}, grad=[]))
cases.append(op_case("depth_to_space_float16", "depth_to_space", [D.astype("float16")], {"block_size": 2}, rtol=1e-3))
cases.append(error_case("depth_to_space_channels", "depth_to_space", [rand((1, 6, 2, 2))], {"block_size": 2}))
cases.append(error_case("depth_to_space_3d", "depth_to_space", [rand((1, 8, 2))], {"block_size": 2}))
cases.append(error_case("depth_to_space_empty", "depth_to_space", [onp.zeros((0, 4, 2, 2), "float32")], {"block_size": 2}))
S = rand((2, 3, 4, 6), seed=104)
cases.append(op_case("space_to_depth", "space_to_depth", [S], {"block_size": 2}))
cases.append(op_case("space_to_depth_float64", "space_to_depth", [S.astype("float64")], {"block_size": 2}))
cases.append(op_case("space_to_depth_b3", "space_to_depth", [rand((1, 2, 3, 6), seed=105)], {"block_size": 3}))
cases.append(error_case("space_to_depth_height", "space_to_depth", [rand((1, 1, 3, 4))], {"block_size": 2}))
cases.append(error_case("space_to_depth_zero_block", "space_to_depth", [rand((1, 1, 4, 4))], {"block_size": 0}))

# MARK: hard_sigmoid
H = onp.array([-5, -2.5, -2.4, -1, 0, 0.3, 1, 2.4, 2.5, 4], "float32")
cases.append(op_case("hard_sigmoid_clip_boundaries", "hard_sigmoid", [H]))
cases.append(op_case("hard_sigmoid_alpha_beta", "hard_sigmoid", [X], {"alpha": 0.3, "beta": 0.4}))
cases.append(op_case("hard_sigmoid_float64", "hard_sigmoid", [H.astype("float64")], {"alpha": 0.25}))
cases.append(op_case("hard_sigmoid_float16_clip_boundaries", "hard_sigmoid", [H.astype("float16")], rtol=1e-3, atol=1e-3))
cases.append(op_case("hard_sigmoid", "hard_sigmoid", [rand((3, 4), low=-4, high=4, seed=107)]))
cases.append(op_case("hard_sigmoid_0d", "hard_sigmoid", [onp.array(0.7, "float32")]))
cases.append(error_case("hard_sigmoid_int32", "hard_sigmoid", [onp.array([1, 2], "int32")]))

# MARK: add_n / ElementWiseSum
A3 = [rand((2, 3), seed=110 + i) for i in range(5)]
cases.append(op_case("add_n_1", "add_n", A3[:1], {"num_args": 1}))
cases.append(op_case("add_n_2", "add_n", A3[:2], {"num_args": 2}))
cases.append(op_case("add_n_5", "add_n", A3, {"num_args": 5}))
cases.append(op_case("add_n_float64", "add_n", [a.astype("float64") for a in A3[:3]], {"num_args": 3}))
cases.append(op_case("add_n_int32", "add_n", [onp.array([[1, -2, 3]], "int32")] * 3, {"num_args": 3}, grad=[]))
cases.append(op_case("ElementWiseSum", "ElementWiseSum", A3[:3], {"num_args": 3}))
cases.append(op_case("add_n_0d", "add_n", [onp.array(1.5, "float32"), onp.array(-2.0, "float32")], {"num_args": 2}))
cases.append(error_case("add_n_shapes", "add_n", [rand((2,)), rand((3,))], {"num_args": 2}))
cases.append(error_case("add_n_bool", "add_n", [onp.array([True, False])] * 2, {"num_args": 2}))

# MARK: LRN
cases.append(op_case("LRN_nsize3", "LRN", [X], {"nsize": 3}, rtol=1e-4))
cases.append(op_case("LRN_nsize5_params", "LRN", [X * 3], {"nsize": 5, "alpha": 0.01, "beta": 0.5, "knorm": 1},
                     rtol=1e-4))
cases.append(op_case("LRN_nsize1", "LRN", [X], {"nsize": 1, "alpha": 0.1}, rtol=1e-4))
cases.append(op_case("LRN_nsize2", "LRN", [X * 3], {"nsize": 2, "alpha": 0.1}, rtol=1e-4))
cases.append(op_case("LRN_nsize4", "LRN", [X * 3], {"nsize": 4, "alpha": 0.1}, rtol=1e-4))
cases.append(op_case("LRN_nsize9_wide", "LRN", [X], {"nsize": 9, "alpha": 0.5, "beta": 1.5}, rtol=1e-4))
cases.append(op_case("LRN_large", "LRN", [rand((1, 16, 8, 8), seed=106) * 4], {"nsize": 5, "alpha": 0.2},
                     rtol=1e-4))
cases.append(error_case("LRN_3d", "LRN", [rand((1, 4, 2))], {"nsize": 3}))

# MARK: UpSampling
U = rand((2, 3, 2, 3), seed=120)
cases.append(op_case("UpSampling_nearest", "UpSampling", [U], {"scale": 2, "sample_type": "nearest", "num_args": 1}))
cases.append(op_case("UpSampling_nearest_scale3", "UpSampling", [U], {"scale": 3, "sample_type": "nearest", "num_args": 1}))
cases.append(op_case("UpSampling_nearest_scale1", "UpSampling", [U], {"scale": 1, "sample_type": "nearest", "num_args": 1}))
U2 = rand((2, 2, 4, 6), seed=121)
cases.append(op_case("UpSampling_nearest_concat", "UpSampling", [U, U2], {"scale": 2, "sample_type": "nearest", "num_args": 2}))
cases.append(op_case("UpSampling_nearest_sum", "UpSampling", [U[:, :2], U2],
                     {"scale": 2, "sample_type": "nearest", "num_args": 2, "multi_input_mode": "sum"}))
cases.append(op_case("UpSampling_nearest_float64", "UpSampling", [U.astype("float64")],
                     {"scale": 2, "sample_type": "nearest", "num_args": 1, "workspace": 256}))
cases.append(error_case("UpSampling_nearest_int32", "UpSampling", [onp.ones((1, 1, 2, 2), "int32")],
                        {"scale": 2, "sample_type": "nearest", "num_args": 1}))
cases.append(error_case("UpSampling_nearest_indivisible", "UpSampling", [U, rand((2, 2, 3, 3))],
                        {"scale": 2, "sample_type": "nearest", "num_args": 2}))
cases.append(error_case("UpSampling_nearest_3d", "UpSampling", [rand((1, 2, 3))],
                        {"scale": 2, "sample_type": "nearest", "num_args": 1}))
for scale in (2, 3):
    k = 2 * scale - scale % 2
    cases.append(op_case("UpSampling_bilinear_scale%d" % scale, "UpSampling", [U, rand((3, 1, k, k), seed=122)],
                         {"scale": scale, "sample_type": "bilinear", "num_args": 2, "num_filter": 3}, rtol=1e-4))

# MARK: _contrib_BilinearResize2D
B = rand((2, 3, 4, 5), seed=130)
BR = "_contrib_BilinearResize2D"
for attrs, tag in [({"height": 7, "width": 9}, "up"), ({"height": 3, "width": 2}, "down"),
                   ({"height": 7, "width": 9, "align_corners": False}, "up_no_align"),
                   ({"height": 3, "width": 2, "align_corners": False}, "down_no_align"),
                   ({"height": 1, "width": 1}, "to_1x1"), ({"height": 4, "width": 5}, "same"),
                   ({"height": 4, "width": 8}, "same_height"),
                   ({"scale_height": 1.5, "scale_width": 0.6}, "scales"),
                   ({"scale_height": 2, "scale_width": 2, "align_corners": False}, "scales_no_align"),
                   ({"mode": "odd_scale", "scale_height": 2, "scale_width": 3}, "odd_scale"),
                   ({"mode": "to_even_down"}, "to_even_down"), ({"mode": "to_even_up"}, "to_even_up"),
                   ({"mode": "to_odd_down"}, "to_odd_down"), ({"mode": "to_odd_up"}, "to_odd_up")]:
    cases.append(op_case("BilinearResize2D_" + tag, BR, [B], attrs, rtol=1e-4))
cases.append(op_case("BilinearResize2D_like", BR, [B, rand((2, 3, 6, 3), seed=131)], {"mode": "like"}, rtol=1e-4))
cases.append(op_case("BilinearResize2D_float64", BR, [B.astype("float64")], {"height": 6, "width": 3}, rtol=1e-5))
cases.append(op_case("BilinearResize2D_float16", BR, [B.astype("float16")], {"height": 6, "width": 3},
                     rtol=5e-3, atol=5e-3))
cases.append(error_case("BilinearResize2D_3d", BR, [rand((1, 4, 2))], {"height": 2, "width": 2}))

# MARK: ROIPooling
R = rand((2, 3, 6, 8), seed=140)
rois = onp.array([[0, 0, 0, 7, 5], [1, 2, 1, 5, 4], [1, 0.4, 0.6, 3.6, 2.4], [0, 6, 4, 2, 1],
                  [1, -3, -2, 20, 15], [0, 7, 5, 7, 5], [5, 0, 0, 3, 3], [-1, 0, 0, 2, 2]], "float32")
cases.append(op_case("ROIPooling", "ROIPooling", [R, rois], {"pooled_size": (2, 2), "spatial_scale": 1.0}))
cases.append(op_case("ROIPooling_3x4_half_scale", "ROIPooling", [R, rois * 2], {"pooled_size": (3, 4), "spatial_scale": 0.5}))
cases.append(op_case("ROIPooling_1x1", "ROIPooling", [R, rois], {"pooled_size": (1, 1), "spatial_scale": 0.8}))
cases.append(op_case("ROIPooling_float64", "ROIPooling", [R.astype("float64"), rois.astype("float64")],
                     {"pooled_size": (2, 3), "spatial_scale": 1.0}))
cases.append(op_case("ROIPooling_fine_grid", "ROIPooling", [R, rois[:3]], {"pooled_size": (5, 7), "spatial_scale": 1.0}))
cases.append(error_case("ROIPooling_rois_shape", "ROIPooling", [R, rois[:, :4]], {"pooled_size": (2, 2), "spatial_scale": 1.0}))
cases.append(error_case("ROIPooling_pooled_size", "ROIPooling", [R, rois], {"pooled_size": (2,), "spatial_scale": 1.0}))

# MARK: Crop
C = rand((2, 3, 5, 6), seed=145)
cases.append(op_case("Crop_h_w", "Crop", [C], {"num_args": 1, "h_w": (3, 4)}))
cases.append(op_case("Crop_offset", "Crop", [C], {"num_args": 1, "h_w": (2, 3), "offset": (2, 1)}))
cases.append(op_case("Crop_center", "Crop", [C], {"num_args": 1, "h_w": (2, 3), "center_crop": True}))
cases.append(op_case("Crop_like", "Crop", [C, rand((1, 1, 4, 2), seed=146)], {"num_args": 2, "offset": (1, 3)}))
cases.append(op_case("Crop_like_center", "Crop", [C, rand((2, 3, 3, 3), seed=146)], {"num_args": 2, "center_crop": True}))
cases.append(op_case("Crop_full", "Crop", [C], {"num_args": 1, "h_w": (5, 6)}))
cases.append(error_case("Crop_too_large", "Crop", [C], {"num_args": 1, "h_w": (6, 6)}))
cases.append(error_case("Crop_bad_offset", "Crop", [C], {"num_args": 1, "h_w": (3, 3), "offset": (3, 0)}))
cases.append(error_case("Crop_3d", "Crop", [rand((2, 3, 5))], {"num_args": 1, "h_w": (1, 1)}))

# MARK: BatchNormWithReLU / SyncBatchNorm


def bn_inputs(x):
    c = x.shape[1]
    return [x, rand((c,), low=0.5, high=1.5, seed=21), rand((c,), seed=22), rand((c,), seed=23),
            rand((c,), low=0.5, high=2.0, seed=24)]


for op, extra in [("_contrib_BatchNormWithReLU", {}), ("_contrib_SyncBatchNorm", {"key": "bn0"})]:
    tag = op.split("_")[-1]
    # MXNet 1.9.1's gradient after an inference-mode forward reads state that forward never wrote (BatchNormWithReLU's
    # ReLU mask, SyncBatchNorm's batch statistics), so these cases check the forward only.
    cases.append(op_case(tag + "_inference", op, bn_inputs(X), dict(extra), grad=[], rtol=1e-4))
    cases.append(op_case(tag + "_inference_gamma", op, bn_inputs(X), dict(extra, fix_gamma=False, eps=1e-4),
                         grad=[], rtol=1e-4))
    cases.append(op_case(tag + "_train", op, bn_inputs(X), dict(extra, fix_gamma=False), grad=[0, 1, 2], rtol=1e-4,
                         train=True))
    cases.append(op_case(tag + "_global_stats", op, bn_inputs(X), dict(extra, use_global_stats=True, fix_gamma=False),
                         grad=[0, 1, 2], rtol=1e-4, train=True))
    cases.append(op_case(tag + "_output_mean_var", op, bn_inputs(X), dict(extra, output_mean_var=True), grad=[],
                         rtol=1e-4, train=True))

# MARK: 1.x names of the list, by name, on float and integer data
UNARY = {  # name: (low, high) of the float data
    "abs": (-2, 2), "sign": (-2, 2), "round": (-3, 3), "rint": (-3, 3), "ceil": (-3, 3), "floor": (-3, 3),
    "trunc": (-3, 3), "fix": (-3, 3), "square": (-2, 2), "sqrt": (0.5, 3), "rsqrt": (0.5, 3), "cbrt": (0.5, 3),
    "rcbrt": (0.5, 3), "exp": (-2, 2), "log": (0.5, 3), "log10": (0.5, 3), "log2": (0.5, 3), "log1p": (-0.5, 2),
    "expm1": (-2, 2), "sin": (-3, 3), "cos": (-3, 3), "tan": (-1, 1), "arcsin": (-0.9, 0.9), "arccos": (-0.9, 0.9),
    "arctan": (-3, 3), "sinh": (-2, 2), "cosh": (-2, 2), "tanh": (-2, 2), "arcsinh": (-2, 2), "arccosh": (1.2, 3),
    "arctanh": (-0.9, 0.9), "degrees": (-2, 2), "radians": (-90, 90), "reciprocal": (0.5, 3), "negative": (-2, 2),
    "relu": (-2, 2), "sigmoid": (-3, 3), "softsign": (-3, 3), "erf": (-2, 2), "erfinv": (-0.9, 0.9),
    "gamma": (0.5, 3), "gammaln": (0.5, 3), "logical_not": (-1, 1),
}
NOGRAD = {"sign", "round", "rint", "ceil", "floor", "trunc", "fix", "logical_not"}
I = onp.array([[-3, -1, 0, 1], [2, 3, 5, 9]], "int32")
IP = onp.array([[1, 2, 3, 4], [5, 6, 8, 9]], "int32")
for name, (lo, hi) in sorted(UNARY.items()):
    x = rand((2, 3), low=lo, high=hi, seed=150)
    if name == "logical_not":
        x[0, 0] = 0
    cases.append(op_case("legacy_" + name, name, [x], grad=[] if name in NOGRAD else None, rtol=1e-4, atol=1e-5))
    ints = IP if lo >= 0 or name in ("arccosh", "log1p") else I
    if name in ("arcsin", "arccos", "arctanh", "erfinv"):
        ints = onp.array([[-1, 0, 1]], "int32")
    cases.append(op_case("legacy_" + name + "_int32", name, [ints], grad=[]))

# The npx/np forms of the ops above, for float data (on integer data they follow NumPy and MXNet 2.0 with a float
# result, where MXNet 1.9.1 keeps the integer dtype as the 1.x names do).
for name, (lo, hi) in [("_npx_erf", (-2, 2)), ("_npx_erfinv", (-0.9, 0.9)), ("_npx_gamma", (0.5, 3)),
                       ("_npx_gammaln", (0.5, 3))]:
    cases.append(op_case(name, name, [rand((2, 3), low=lo, high=hi, seed=151)], rtol=1e-4, atol=1e-5))
cases.append(op_case("_npi_hypot_scalar", "_npi_hypot_scalar", [rand((2, 3), seed=152)], {"scalar": 1.5}, rtol=1e-5))

BINARY = ["add", "sub", "mul", "div", "mod", "power", "maximum", "minimum", "hypot", "plus", "minus", "equal",
          "not_equal", "greater", "greater_equal", "lesser", "lesser_equal", "logical_and", "logical_or", "logical_xor"]
L, Rb = rand((2, 3), low=0.5, high=2, seed=160), rand((1, 3), low=0.5, high=2, seed=161)
LI, RI = onp.array([[7, -3, 4], [0, 5, -6]], "int32"), onp.array([[2, 3, -4]], "int32")
RIP = onp.array([[2, 3, 4]], "int32")
CMP = {"equal", "not_equal", "greater", "greater_equal", "lesser", "lesser_equal", "logical_and", "logical_or",
       "logical_xor"}
for op in BINARY:
    name = "broadcast_" + op
    r = onp.round(Rb) if op in CMP else Rb
    cases.append(op_case("legacy_" + name, name, [onp.round(L) if op in CMP else L, r],
                         grad=[] if op in CMP or op == "mod" else None, rtol=1e-4))
    cases.append(op_case("legacy_" + name + "_int32", name, [LI, RIP if op in ("mod", "power", "div") else RI], grad=[]))
for op in ["add", "sub", "mul", "div"]:
    name = "elemwise_" + op
    cases.append(op_case("legacy_" + name, name, [L, L[::-1].copy()], rtol=1e-4))
    cases.append(op_case("legacy_" + name + "_int32", name, [LI, onp.abs(LI) + 1], grad=[]))

SCALAR = ["plus", "minus", "rminus", "mul", "div", "rdiv", "mod", "rmod", "power", "rpower", "maximum", "minimum",
          "hypot", "equal", "not_equal", "greater", "greater_equal", "lesser", "lesser_equal", "logical_and",
          "logical_or", "logical_xor"]
NOGRAD_SCALAR = {"mod", "rmod"} | CMP
for op in SCALAR:
    name = "_%s_scalar" % op
    cases.append(op_case("legacy_" + name, name, [L], {"scalar": 1.5}, grad=[] if op in NOGRAD_SCALAR else None,
                         rtol=1e-4))
    cases.append(op_case("legacy_" + name + "_int32", name, [onp.abs(LI) + 1], {"scalar": 2}, grad=[]))
    cases.append(op_case("legacy_" + name + "_int32_fractional", name, [onp.abs(LI) + 1], {"scalar": 2.5}, grad=[]))

# MARK: older spellings and defaults
cases.append(op_case("_plus_scalar_default", "_plus_scalar", [L]))
cases.append(op_case("_mul_scalar_default", "_mul_scalar", [LI], grad=[]))
for op, cap in [("and", "And"), ("or", "Or"), ("xor", "Xor")]:
    cases.append(op_case("_Logical_" + cap, "_Logical_" + cap, [onp.round(L), onp.round(L[::-1].copy())], grad=[]))
    cases.append(op_case("_Logical%sScalar" % cap, "_Logical%sScalar" % cap, [onp.round(L)], {"scalar": 0}, grad=[]))

# MARK: amp_cast / amp_multicast (inserted by MXNet 1.x's automatic mixed precision)
F32, F16, F64 = L, L.astype("float16"), L.astype("float64")
cases.append(op_case("amp_cast_to_float16", "amp_cast", [F32], {"dtype": "float16"}, rtol=1e-3))
cases.append(op_case("amp_cast_to_float32", "amp_cast", [F16], {"dtype": "float32"}, rtol=1e-3))
cases.append(op_case("amp_cast_int32_passes", "amp_cast", [LI], {"dtype": "float16"}, grad=[]))


def multicast_case(name, inputs, attrs):
    """MXNet 1.9.1's oneDNN amp_multicast cannot compute float16 on CPU, so the output dtypes come from its type
    inference (mx.sym infer_type) and the values are the inputs converted to them."""
    names = ["x%d" % i for i in range(len(inputs))]
    sym = mx.sym.amp_multicast(*[mx.sym.var(n) for n in names], **{k: str(v) for k, v in attrs.items()})
    _, out_types, _ = sym.infer_type(**{n: x.dtype for n, x in zip(names, inputs)})
    return numpy_case(name, "amp_multicast", inputs, [x.astype(t) for x, t in zip(inputs, out_types)], attrs)


cases.append(op_case("amp_multicast_float32", "amp_multicast", [F32, L[::-1].copy()], {"num_outputs": 2}))
cases.append(op_case("amp_multicast_int32_passes", "amp_multicast", [F32, LI], {"num_outputs": 2}, grad=[0]))
cases.append(multicast_case("amp_multicast_widest", [F32, F16], {"num_outputs": 2}))
cases.append(multicast_case("amp_multicast_narrow", [F32, F16], {"num_outputs": 2, "cast_narrow": True}))
cases.append(multicast_case("amp_multicast_float64_passes", [F32, F64, F16], {"num_outputs": 3}))
cases.append(multicast_case("amp_multicast_half_int32", [F16, LI], {"num_outputs": 2}))
cases.append(multicast_case("amp_multicast_one", [F16], {"num_outputs": 1}))

# MARK: sparse output storage requested of dense inputs (MXNet falls back to a dense computation)
cases.append(nd_case("dot_forward_stype_csr", "dot", [rand((2, 3), seed=170), rand((3, 4), seed=171)],
                     {"forward_stype": "csr"}))
cases.append(nd_case("dot_forward_stype_row_sparse", "dot", [rand((2, 3), seed=170), rand((4, 3), seed=171)],
                     {"forward_stype": "row_sparse", "transpose_b": True}))
cases.append(nd_case("batch_dot_forward_stype_csr", "batch_dot", [rand((2, 2, 3), seed=172), rand((2, 3, 4), seed=173)],
                     {"forward_stype": "csr"}))

write("legacy_ops", cases, __file__)
