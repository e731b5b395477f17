"""Generates Tests/MXNetTests/Fixtures/nnmisc.json: npx reshape and 1.x Reshape, batch_flatten, reshape_like,
shape/size arrays, broadcast_like/broadcast_axis, arange_like, smooth_l1, Embedding, one_hot, pick, topk and the
Sequence* operators, forward and gradient, from real MXNet 1.9.1 (see oracle.py).

MXNet 1.9.1 corrupts memory (rather than failing) for some invalid inputs -- a Reshape whose size differs from
the input's, SequenceLast with lengths outside 1...T, SequenceLast without lengths under autograd -- so those are
not asked of it here; the Swift tests check that they throw."""
import numpy as onp
from oracle import op_case, error_case, numpy_case, rand, write

cases = []
errors = []


late = []


def zero_size(*args, **kwargs):
    """Queues a zero-size case: after one, MXNet 1.9.1's autograd of reshape_like/broadcast_like can fail, so they
    run last."""
    late.append((args, kwargs))


def err(*args, **kwargs):
    """Queues an error case: MXNet 1.9.1 can leave bad state behind after a failed call, so they run last."""
    errors.append((args, kwargs))

X = rand((2, 3, 4), seed=11)
X4 = rand((2, 3, 4, 5), seed=12)
SX0 = rand((3, 2, 4), seed=10)

# --- _npx_reshape (MXNet 2.0 codes) ---------------------------------------------------------------------------
npx_shapes = [
    ((2, 3, 4), "(-1,)"), ((2, 3, 4), "(-2,-1)"), ((2, 3, 4), "(-5,4)"), ((2, 3, 4), "(2,-5)"), ((2, 3, 4), "(6,-1)"),
    ((2, 3, 4), "(-2,-4)"), ((2, 3, 4), "(-4,)"), ((2, 3, 4), "(-6,1,2,-4)"), ((2, 3, 4), "(-6,-1,2,-5)"),
    ((2, 3, 4), "(-2,-6,3,1,-2)"), ((2, 1, 3, 4), "(-2,-3,-5)"), ((2, 1, 3, 4), "(-2,-2,-5)"),
    ((2, 3, 4), "(4,3,2)"), ((2, 3, 4), "(-2,-2,2,2)"), ((1,), "()"), ((), "(-1,)"), ((0, 3), "(0,)"),
    ((0, 3), "(-2,-2)"), ((2, 3, 4), "(-1,-2)"),
]
for shape, ns in npx_shapes:
    x = rand(shape, seed=13)
    cases.append(op_case("npx_reshape %s %s" % (shape, ns), "_npx_reshape", [x], {"newshape": ns}))
for shape, ns in [((2, 3, 4), "(2,-1)"), ((2, 3, 4, 5), "(-2,-1)"), ((2, 3, 4, 5), "(-1,-2)"), ((2, 3, 4), "(-4,1,-1,-2)")]:
    cases.append(op_case("npx_reshape reverse %s %s" % (shape, ns), "_npx_reshape", [rand(shape, seed=14)],
                         {"newshape": ns, "reverse": True}))
cases.append(op_case("npx_reshape int32", "_npx_reshape", [onp.arange(24, dtype="int32").reshape(2, 3, 4)],
                     {"newshape": "(-5,-2)"}, grad=[]))
cases.append(op_case("npx_reshape float16", "_npx_reshape", [X.astype("float16")], {"newshape": "(-1,4)"},
                     rtol=1e-3, atol=1e-3))
cases.append(op_case("npx_reshape _npi_reshape alias", "_npi_reshape", [X], {"newshape": "(-2,-1)"}))
cases.append(op_case("npx_reshape _npi_reshape reverse", "_npi_reshape", [X], {"newshape": "(-2,-5)", "reverse": True}))
for ns in ["(-2,)", "(-3,-1)", "(-5,)", "(2,-6,4)", "(-6,1,2,-2)", "(-1,-1)", "(2,-4,3,-1)", "(5,-1)", "(-7,)"]:
    err("npx_reshape error %s" % ns, "_npx_reshape", [X], {"newshape": ns})
err("npx_reshape error zero-size infer", "_npx_reshape", [onp.zeros((0, 3), "float32")],
                        {"newshape": "(-2,-1)"})

# --- Reshape (1.x codes) ----------------------------------------------------------------------------------------
for s in ["(0,-1)", "(-2,)", "(0,-2)", "(-3,-1)", "(-3,4)", "(-4,1,-1,-2)", "(-4,-1,2,-2)", "(0,0,0)", "(24,)",
          "(0,0,2,2)", "(-2,1,1)", "(4,-1)"]:
    cases.append(op_case("Reshape %s" % s, "Reshape", [X], {"shape": s}))
cases.append(op_case("Reshape reverse (-1,0)", "Reshape", [X], {"shape": "(-1,0)", "reverse": True}))
cases.append(op_case("Reshape reverse (0,-1)", "Reshape", [X], {"shape": "(0,-1)", "reverse": True}))
cases.append(op_case("Reshape reverse (-3,-2) 4d", "Reshape", [X4], {"shape": "(-2,-3)", "reverse": True}))
cases.append(op_case("reshape alias", "reshape", [X], {"shape": "(4,-1)"}))
cases.append(op_case("Reshape 0-d", "Reshape", [onp.array(2.5, "float32")], {"shape": "(-1,)"}))
cases.append(op_case("Reshape int64", "Reshape", [onp.arange(12, dtype="int64").reshape(3, 4)], {"shape": "(-1,)"}, grad=[]))
cases.append(op_case("Reshape target_shape", "Reshape", [X], {"target_shape": "(0,4)"}))
cases.append(op_case("Reshape target_shape keep_highest", "Reshape", [X], {"target_shape": "(9,0,4)", "keep_highest": True}))
for s in ["(0,0,0,0)", "(-1,-1)", "(-4,-1,-1,4)"]:
    err("Reshape error %s" % s, "Reshape", [X], {"shape": s})
err("Reshape error reverse", "Reshape", [X4], {"shape": "(-3,-2)", "reverse": True})

# --- batch_flatten, reshape_like, shape_array, size_array --------------------------------------------------------
for op in ["_npx_batch_flatten", "Flatten", "flatten"]:
    cases.append(op_case(op, op, [X]))
cases.append(op_case("batch_flatten 1-d", "_npx_batch_flatten", [rand((3,), seed=15)]))
cases.append(op_case("batch_flatten int32", "Flatten", [onp.arange(24, dtype="int32").reshape(2, 3, 4)], grad=[]))
zero_size("batch_flatten zero-size", "Flatten", [onp.zeros((2, 0, 3), "float32")], grad=[])
err("batch_flatten 0-d", "Flatten", [onp.array(2.0, "float32")])
ones = lambda *s: onp.ones(s, "float32")
cases.append(op_case("reshape_like", "reshape_like", [X, ones(6, 4)], grad=[0]))
cases.append(op_case("reshape_like int rhs", "_npx_reshape_like", [X, onp.ones((4, 6), "int32")], grad=[0]))
cases.append(op_case("reshape_like ranges", "reshape_like", [X, ones(6, 2, 2)],
                     {"lhs_begin": 0, "lhs_end": 2, "rhs_begin": 0, "rhs_end": 1}, grad=[0]))
cases.append(op_case("reshape_like negative begin", "reshape_like", [SX0, ones(8, 1)], {"lhs_begin": -2, "rhs_begin": 0}, grad=[]))
err("reshape_like size mismatch", "reshape_like", [X, ones(5, 6)])
err("reshape_like range mismatch", "reshape_like", [X, ones(6, 2, 2)],
                        {"lhs_begin": 1, "lhs_end": 3, "rhs_begin": 1})
for op in ["shape_array", "_npx_shape_array", "size_array"]:
    cases.append(op_case(op, op, [X], grad=[]))
cases.append(op_case("shape_array 0-d", "shape_array", [onp.array(3.0, "float32")], grad=[]))
cases.append(op_case("shape_array int32", "shape_array", [onp.zeros((2, 0, 5), "int32")], grad=[]))

# --- broadcast_like, broadcast_axis ------------------------------------------------------------------------------
B = rand((1, 3, 1), seed=16)
cases.append(op_case("broadcast_like", "broadcast_like", [B, ones(2, 3, 5)], grad=[0]))
cases.append(op_case("broadcast_like axes", "broadcast_like", [B, ones(2, 3, 5)], {"lhs_axes": (0, 2), "rhs_axes": (0, 2)}, grad=[0]))
cases.append(op_case("broadcast_like cross axes", "broadcast_like", [B, ones(2, 3, 5)], {"lhs_axes": (0,), "rhs_axes": (2,)}, grad=[0]))
cases.append(op_case("broadcast_like negative axes", "broadcast_like", [B, ones(2, 3, 5)],
                     {"lhs_axes": (-1,), "rhs_axes": (-3,)}, grad=[0]))
cases.append(op_case("broadcast_like only lhs_axes", "broadcast_like", [rand((1, 3), seed=17), ones(2, 3)], {"lhs_axes": (0,)}, grad=[0]))
cases.append(op_case("broadcast_like int rhs", "broadcast_like", [rand((1, 3), seed=17), onp.ones((2, 3), "int32")], grad=[0]))
cases.append(op_case("broadcast_like int64", "broadcast_like", [onp.arange(3, dtype="int64").reshape(1, 3), ones(4, 3)], grad=[]))
cases.append(op_case("broadcast_like float16", "broadcast_like", [B.astype("float16"), ones(2, 3, 5)], grad=[0],
                     rtol=1e-3, atol=1e-3))
err("broadcast_like rank mismatch", "broadcast_like", [ones(3), ones(2, 3)])
err("broadcast_like incompatible", "broadcast_like", [ones(2, 3), ones(5, 3)])
err("broadcast_like axes length", "broadcast_like", [ones(1, 3), ones(2, 3)],
                        {"lhs_axes": (0,), "rhs_axes": (0, 1)})
cases.append(op_case("broadcast_axis", "broadcast_axis", [B], {"axis": (0, 2), "size": (2, 4)}))
cases.append(op_case("broadcast_axes alias", "broadcast_axes", [B], {"axis": (0,), "size": (2,)}))
cases.append(op_case("broadcast_axis none", "broadcast_axis", [B]))
cases.append(op_case("broadcast_axis int64", "broadcast_axis", [onp.ones((2, 3, 1), "int64")], {"axis": (2,), "size": (2,)}, grad=[]))
cases.append(op_case("broadcast_axis float64", "broadcast_axis", [B.astype("float64")], {"axis": (2,), "size": (3,)}))
cases.append(numpy_case("broadcast_axis negative axis (2.0)", "broadcast_axis", [B], [onp.broadcast_to(B, (1, 3, 4))],
                        {"axis": (-1,), "size": (4,)}))
err("broadcast_axis not 1", "broadcast_axis", [ones(2, 3, 1)], {"axis": (0,), "size": (4,)})
err("broadcast_axis length", "broadcast_axis", [B], {"axis": (0,), "size": (4, 5)})
err("broadcast_axis out of range", "broadcast_axis", [B], {"axis": (3,), "size": (2,)})
err("broadcast_axis duplicate", "broadcast_axis", [B], {"axis": (0, 0), "size": (2, 3)})

# --- arange_like, smooth_l1 --------------------------------------------------------------------------------------
cases.append(op_case("arange_like", "_npx_arange_like", [X]))
cases.append(op_case("arange_like start step repeat", "_npx_arange_like", [X], {"start": 1.5, "step": 0.5, "repeat": 2}))
cases.append(op_case("arange_like axis", "_npx_arange_like", [X], {"axis": 1, "start": 2}, grad=[]))
cases.append(op_case("arange_like negative axis repeat", "_npx_arange_like", [X], {"axis": -1, "repeat": 3}, grad=[]))
cases.append(op_case("arange_like int32", "_npx_arange_like", [onp.zeros((2, 3), "int32")], {"start": 1}, grad=[]))
cases.append(op_case("arange_like float64", "_contrib_arange_like", [X.astype("float64")], {"step": 0.1}, rtol=1e-12))
err("arange_like bad axis", "_npx_arange_like", [X], {"axis": 3})
S = onp.array([-2, -0.3, 0, 0.2, 1.5, -0.9, 3], "float32")
cases.append(op_case("smooth_l1 default", "smooth_l1", [S]))
cases.append(op_case("smooth_l1 sigma 2", "smooth_l1", [S], {"scalar": 2.0}))
cases.append(op_case("smooth_l1 npx sigma 0.5 float64", "_npx_smooth_l1", [S.astype("float64")], {"scalar": 0.5}, rtol=1e-12))
cases.append(op_case("smooth_l1 float16", "smooth_l1", [S.astype("float16")], {"scalar": 1.0}, rtol=2e-3, atol=2e-3))
cases.append(op_case("smooth_l1 int32", "smooth_l1", [onp.array([-2, 0, 3, 1], "int32")], {"scalar": 1.0}, grad=[]))

# --- Embedding, one_hot ------------------------------------------------------------------------------------------
W = rand((5, 3), seed=18)
IDX = onp.array([[0, 2.7], [6, -1], [4, 4]], "float32")
cases.append(op_case("Embedding clipped indices", "Embedding", [IDX, W], {"input_dim": 5, "output_dim": 3}, grad=[1]))
cases.append(op_case("npx embedding int32", "_npx_embedding", [IDX.astype("int32"), W], {"input_dim": 5, "output_dim": 3}, grad=[1]))
cases.append(op_case("Embedding int64 1-d", "Embedding", [onp.array([3, 1, 3, 0], "int64"), W], {"input_dim": 5, "output_dim": 3},
                     grad=[1]))
cases.append(op_case("Embedding float64", "Embedding", [IDX, W.astype("float64")],
                     {"input_dim": 5, "output_dim": 3, "dtype": "float64"}, grad=[1]))
cases.append(op_case("Embedding float16", "Embedding", [IDX.astype("int32"), W.astype("float16")],
                     {"input_dim": 5, "output_dim": 3, "dtype": "float16"}, grad=[1], rtol=1e-3, atol=1e-3))
cases.append(op_case("Embedding int32 weight", "Embedding", [IDX, onp.arange(15, dtype="int32").reshape(5, 3)],
                     {"input_dim": 5, "output_dim": 3, "dtype": "int32"}, grad=[]))
cases.append(op_case("Embedding sparse_grad accepted", "Embedding", [IDX, W], {"input_dim": 5, "output_dim": 3, "sparse_grad": True},
                     grad=[]))
err("Embedding weight shape", "Embedding", [IDX, W], {"input_dim": 5, "output_dim": 2})
OH = onp.array([[0, 2], [5, -1]], "float32")
cases.append(op_case("one_hot", "one_hot", [OH], {"depth": 3}, grad=[0]))
cases.append(op_case("one_hot on off int32", "_npx_one_hot", [OH.astype("int32")],
                     {"depth": 3, "on_value": 2.5, "off_value": -1, "dtype": "int32"}, grad=[]))
cases.append(op_case("one_hot float64 truncation", "_npx_one_hot", [onp.array([0.7, 1.9, 2.2], "float32")],
                     {"depth": 3, "dtype": "float64"}, grad=[]))
cases.append(op_case("one_hot 0-d int64", "one_hot", [onp.array(1, "int64")], {"depth": 4}, grad=[]))
cases.append(op_case("one_hot float16", "one_hot", [OH], {"depth": 4, "dtype": "float16", "on_value": 0.5}, grad=[]))

# --- pick --------------------------------------------------------------------------------------------------------
P = rand((3, 4), seed=19)
cases.append(op_case("pick clip", "pick", [P, onp.array([0, 3, 5], "float32")], grad=[0, 1]))
cases.append(op_case("pick wrap", "_npx_pick", [P, onp.array([0, 3, -1], "float32")], {"mode": "wrap"}, grad=[0]))
cases.append(op_case("pick axis 0 wrap int32", "pick", [P, onp.array([0, 2, 1, 7], "int32")], {"axis": 0, "mode": "wrap"}, grad=[0]))
cases.append(op_case("pick keepdims", "pick", [P, onp.array([[0], [2], [1]], "int64")], {"axis": -1, "keepdims": True}, grad=[0]))
cases.append(op_case("pick keepdims flat index", "pick", [P, onp.array([0, 2, 1], "int64")], {"axis": -1, "keepdims": True}, grad=[0]))
cases.append(op_case("pick keepdims axis 0", "pick", [P, onp.array([[0, 1, 2, 2]], "int32")], {"axis": 0, "keepdims": True}, grad=[0]))
cases.append(op_case("pick int data", "pick", [onp.arange(12, dtype="int32").reshape(3, 4), onp.array([0, 3, 1], "int64")], grad=[]))
cases.append(op_case("pick truncation", "pick", [P, onp.array([1.7, 2.2, 0.5], "float32")], grad=[0]))
cases.append(op_case("pick 3-d middle axis duplicate", "pick", [X, onp.array([[0, 0, 2, 1], [2, 2, 2, 0]], "int32")], {"axis": 1},
                     grad=[0]))
cases.append(op_case("pick float64", "pick", [P.astype("float64"), onp.array([1, 2, 3], "int32")], grad=[0]))
err("pick axis None", "pick", [P, onp.array([0, 1, 2], "int32")], {"axis": None})
err("pick bad axis", "pick", [P, onp.array([0, 1, 2], "int32")], {"axis": 2})
err("pick index shape", "pick", [P, onp.array([0, 1], "int32")])

# --- topk --------------------------------------------------------------------------------------------------------
TK = onp.array([[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]], "float32")
TR = rand((3, 5, 4), seed=20)
cases.append(op_case("topk default", "topk", [TK], grad=[0]))
cases.append(op_case("topk k2 indices", "topk", [TK], {"k": 2}, grad=[]))
cases.append(op_case("topk value", "topk", [TR], {"k": 2, "ret_typ": "value"}))
cases.append(op_case("topk both axis 1", "_npx_topk", [TR], {"k": 3, "ret_typ": "both", "axis": 1}, grad=[0]))
cases.append(op_case("topk mask", "topk", [TR], {"k": 2, "ret_typ": "mask", "axis": 0}, grad=[0]))
cases.append(op_case("topk ascending both axis 0", "topk", [TK], {"k": 2, "ret_typ": "both", "is_ascend": True, "axis": 0}, grad=[]))
cases.append(op_case("topk ties ascending", "topk", [TK], {"k": 3, "ret_typ": "both", "is_ascend": True}, grad=[]))
cases.append(op_case("topk indices int32", "topk", [TK], {"k": 2, "dtype": "int32"}, grad=[]))
cases.append(op_case("topk k 0 all", "topk", [TR], {"k": 0, "ret_typ": "value"}))
cases.append(op_case("topk k negative all", "topk", [TK], {"k": -1}, grad=[]))
cases.append(op_case("topk axis None", "topk", [TR], {"axis": None, "k": 3, "ret_typ": "both"}, grad=[0]))
cases.append(op_case("topk int32 data", "_npx_topk", [TK.astype("int32")], {"k": 2, "ret_typ": "both"}, grad=[]))
cases.append(op_case("topk float64 int64 indices", "_npx_topk", [TR.astype("float64")], {"k": 2, "ret_typ": "both", "dtype": "int64"},
                     grad=[0]))
cases.append(op_case("topk float16 indices", "_npx_topk", [TK], {"k": 2, "dtype": "float16"}, grad=[]))
cases.append(op_case("topk uint8 indices", "_npx_topk", [TK], {"k": 2, "dtype": "uint8"}, grad=[]))
cases.append(op_case("topk mask ignores dtype", "_npx_topk", [TK], {"k": 2, "ret_typ": "mask", "dtype": "int32"}, grad=[]))
cases.append(op_case("topk float16 data", "topk", [TR.astype("float16")], {"k": 2, "ret_typ": "value"}, rtol=1e-3, atol=1e-3))
err("topk k too large", "topk", [TK], {"k": 5})
err("topk bad axis", "topk", [TK], {"axis": 2})

# --- SequenceMask / SequenceLast / SequenceReverse -----------------------------------------------------------------
SX = rand((3, 2, 4), seed=21)
L = onp.array([1, 3], "float32")
cases.append(op_case("SequenceMask no lengths", "SequenceMask", [SX]))
cases.append(op_case("SequenceMask value", "SequenceMask", [SX, L], {"use_sequence_length": True, "value": -1}, grad=[0, 1]))
cases.append(op_case("SequenceMask axis 1", "_npx_sequence_mask", [SX, onp.array([1, 2, 3], "int32")],
                     {"use_sequence_length": True, "axis": 1}, grad=[0]))
cases.append(op_case("SequenceMask lengths 0 and 5", "SequenceMask", [SX, onp.array([0, 5], "float32")],
                     {"use_sequence_length": True}, grad=[0]))
cases.append(op_case("SequenceMask int32", "SequenceMask", [onp.arange(24, dtype="int32").reshape(3, 2, 4), L],
                     {"use_sequence_length": True}, grad=[]))
cases.append(op_case("SequenceMask float64 2-d", "SequenceMask", [SX[:, :, 0].astype("float64"), L.astype("int64")],
                     {"use_sequence_length": True, "value": 7.5}))
cases.append(op_case("SequenceMask float16", "SequenceMask", [SX.astype("float16"), L], {"use_sequence_length": True, "value": 2},
                     grad=[0], rtol=1e-3, atol=1e-3))
err("SequenceMask axis 2", "SequenceMask", [SX, L], {"use_sequence_length": True, "axis": 2})
err("SequenceMask lengths shape", "SequenceMask", [SX, L[:1]], {"use_sequence_length": True})
err("SequenceMask extra input", "SequenceMask", [SX, L], {"use_sequence_length": False})
cases.append(op_case("SequenceLast lengths", "SequenceLast", [SX, L], {"use_sequence_length": True}, grad=[0, 1]))
cases.append(op_case("SequenceLast no lengths", "SequenceLast", [SX], grad=[]))
cases.append(op_case("SequenceLast axis 1", "SequenceLast", [SX, onp.array([1, 2, 2], "int32")],
                     {"use_sequence_length": True, "axis": 1}, grad=[0]))
cases.append(op_case("SequenceLast int64 no lengths", "SequenceLast", [onp.arange(24, dtype="int64").reshape(3, 2, 4)], grad=[]))
cases.append(op_case("SequenceLast 2-d", "SequenceLast", [SX[:, :, 0], L], {"use_sequence_length": True}, grad=[0]))
err("SequenceLast axis 2", "SequenceLast", [SX, onp.array([1, 2, 3], "int32")],
                        {"use_sequence_length": True, "axis": 2})
cases.append(op_case("SequenceReverse lengths", "SequenceReverse", [SX, L], {"use_sequence_length": True}, grad=[0, 1]))
cases.append(op_case("SequenceReverse no lengths", "SequenceReverse", [SX], grad=[0]))
cases.append(op_case("SequenceReverse length 0", "SequenceReverse", [SX, onp.array([0, 2], "int32")], {"use_sequence_length": True},
                     grad=[0]))
cases.append(op_case("SequenceReverse int32", "SequenceReverse", [onp.arange(24, dtype="int32").reshape(3, 2, 4),
                                                                 onp.array([3, 2], "int32")], {"use_sequence_length": True}, grad=[]))
err("SequenceReverse axis 1", "SequenceReverse", [SX, L], {"use_sequence_length": True, "axis": 1})

cases += [error_case(*a, **k) for a, k in errors]
cases += [op_case(*a, **k) for a, k in late]
write("nnmisc", cases, __file__)
