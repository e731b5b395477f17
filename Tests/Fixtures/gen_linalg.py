"""Generates Tests/MXNetTests/Fixtures/linalg.json: dot, matmul, tensordot, einsum, 1.x dot, batch_dot and
linalg_gemm/gemm2, forward and gradient, from real MXNet 1.9.1 (see oracle.py)."""
import numpy as onp
import sys
import oracle
from oracle import encode, numpy_case, rand, write

failed = []


def op_case(name, *args, **kwargs):
    try:
        return oracle.op_case(name, *args, **kwargs)
    except Exception as e:  # noqa: BLE001 - report every case MXNet cannot run, then stop
        failed.append("%s: %s" % (name, str(e).strip().splitlines()[-1][:200]))
        return None


def error_case(name, *args, **kwargs):
    try:
        return oracle.error_case(name, *args, **kwargs)
    except AssertionError as e:
        failed.append("%s: %s" % (name, e))
        return None

cases = []


def R(*shape, dtype="float32", seed=None):
    return rand(shape, dtype=dtype, seed=seed if seed is not None else (sum(shape) * 7 + len(shape)))


def I(*shape, dtype="int32"):
    rng = onp.random.RandomState(sum(shape) + 11)
    return rng.randint(-4, 5, size=shape).astype(dtype)


def numpy_grad_case(name, op, inputs, attrs, forward, backward, rtol=1e-4, atol=1e-5):
    """A case whose outputs and input gradients come from NumPy formulas: used where MXNet 1.9.1's own backward
    is wrong (it does not sum gradients over broadcast batch axes in matmul and einsum)."""
    out = forward(*inputs)
    head = onp.random.RandomState(0).standard_normal(out.shape).astype(out.dtype)
    grads = backward(head, *inputs)
    return {"name": name, "op": op, "attrs": {k: str(v) for k, v in attrs.items()},
            "inputs": [encode(x) for x in inputs], "outputs": [encode(out)], "head_grads": [encode(head)],
            "input_grads": [encode(g.astype(x.dtype)) for g, x in zip(grads, inputs)],
            "rtol": rtol, "atol": atol, "train": False, "expected_from": "numpy"}


def unbroadcast(g, shape):
    """Sums `g` over the axes along which an array of `shape` was broadcast."""
    lead = g.ndim - len(shape)
    g = g.sum(axis=tuple(range(lead))) if lead else g
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=axes, keepdims=True) if axes else g


def matmul_grads(h, a, b):
    return [unbroadcast(h @ onp.swapaxes(b, -1, -2), a.shape), unbroadcast(onp.swapaxes(a, -1, -2) @ h, b.shape)]


T = 1e-4  # float32 products: summation order differs from MXNet's

# MARK: np.dot
for name, a, b in [
    ("2d_2d", R(3, 4), R(4, 5)), ("1d_1d", R(4), R(4, seed=3)), ("2d_1d", R(3, 4), R(4)),
    ("1d_2d", R(4), R(4, 3)), ("3d_1d", R(2, 3, 4), R(4)), ("1d_3d", R(3), R(2, 3, 4)),
    ("3d_3d", R(2, 3, 4), R(5, 4, 6)), ("3d_2d", R(2, 3, 4), R(4, 5)),
    ("2d_0d", R(3, 4), R(seed=5)), ("0d_0d", R(seed=1), R(seed=2)),
]:
    cases.append(op_case("np_dot_" + name, "_np_dot", [a, b], rtol=T))
# MXNet 1.9.1 fails in the backward of a 0-d lhs times an N-d rhs: forward only.
cases.append(op_case("np_dot_0d_3d", "_np_dot", [R(), R(2, 3, 4)], grad=[], rtol=T))
cases.append(op_case("np_dot_float64", "_np_dot", [R(3, 4, dtype="float64"), R(4, 5, dtype="float64")], rtol=1e-10))
# MXNet 1.9.1 computes products in float32/float64 only on CPU; float16 and integers follow NumPy.
def numpy_product(name, op, fn, inputs, attrs=None, rtol=1e-5, atol=1e-6):
    cases.append(numpy_case(name, op, inputs, [fn(*inputs)], attrs, rtol=rtol, atol=atol))


H1, H2 = R(3, 4, dtype="float16"), R(4, 5, dtype="float16")
numpy_product("np_dot_float16", "_np_dot", onp.dot, [H1, H2], rtol=1e-2, atol=1e-2)
numpy_product("np_dot_int32", "_np_dot", onp.dot, [I(3, 4), I(4, 5)])
numpy_product("np_dot_int64_1d", "_np_dot", onp.dot, [I(5, dtype="int64"), I(5, dtype="int64")])
cases.append(op_case("np_dot_zero_size", "_np_dot", [R(0, 3), R(3, 4)], grad=[]))
cases.append(op_case("np_dot_zero_inner", "_np_dot", [R(2, 0), R(0, 4)], grad=[]))
cases.append(error_case("np_dot_mismatch", "_np_dot", [R(3, 4), R(5, 6)]))
cases.append(error_case("np_dot_nd_mismatch", "_np_dot", [R(2, 3, 4), R(3, 5, 6)]))

# MARK: matmul
for name, a, b in [
    ("2d", R(3, 4), R(4, 5)), ("batched", R(2, 3, 4), R(2, 4, 5)), ("nd_1d", R(2, 3, 4), R(4)),
    ("1d_1d", R(4), R(4, seed=9)),
]:
    cases.append(op_case("matmul_" + name, "_npi_matmul", [a, b], rtol=T))
# Broadcast batch axes: MXNet 1.9.1's forward is right but its backward does not reduce, so gradients from NumPy.
for name, a, b in [("broadcast", R(2, 1, 3, 4), R(5, 4, 6)), ("broadcast_lhs", R(3, 4), R(2, 4, 5)),
                   ("batch_one", R(1, 3, 4), R(2, 4, 2))]:
    cases.append(op_case("matmul_" + name + "_forward", "_npi_matmul", [a, b], grad=[], rtol=T))
    cases.append(numpy_grad_case("matmul_" + name, "_npi_matmul", [a, b], {}, onp.matmul, matmul_grads))
V, M = R(4), R(5, 4, 6)
cases.append(numpy_grad_case("matmul_1d_nd", "_npi_matmul", [V, M], {}, onp.matmul,
                             lambda h, a, b: [(h[:, None, :] * b).sum(axis=(0, 2)), onp.broadcast_to(a[:, None], b.shape) * h[:, None, :]]))
cases.append(op_case("matmul_float64", "_npi_matmul", [R(2, 3, 4, dtype="float64"), R(4, 5, dtype="float64")],
                     rtol=1e-10))
numpy_product("matmul_float16", "_npi_matmul", onp.matmul, [R(2, 3, 4, dtype="float16"), R(4, 5, dtype="float16")],
              rtol=1e-2, atol=1e-2)
numpy_product("matmul_int32", "_npi_matmul", onp.matmul, [I(2, 3, 4), I(4, 5)])
cases.append(op_case("matmul_zero_batch", "_npi_matmul", [R(0, 3, 4), R(4, 5)], grad=[]))
cases.append(error_case("matmul_0d", "_npi_matmul", [R(), R(4)]))
cases.append(error_case("matmul_mismatch", "_npi_matmul", [R(2, 3), R(4, 5)]))
cases.append(error_case("matmul_batch_mismatch", "_npi_matmul", [R(2, 3, 4), R(3, 4, 5)]))

# MARK: tensordot
for name, a, b, aa, ba in [
    ("pairs", R(2, 3, 4), R(4, 3, 5), (1, 2), (1, 0)), ("negative", R(2, 3, 4), R(3, 4, 5), (-2, -1), (0, 1)),
    ("first", R(3, 2, 4), R(3, 5), (0,), (0,)), ("none", R(2, 3), R(4), (), ()),
    ("all", R(3, 4), R(4, 3), (0, 1), (1, 0)),
]:
    cases.append(op_case("tensordot_" + name, "_npi_tensordot", [a, b],
                         {"a_axes_summed": aa, "b_axes_summed": ba}, rtol=T))
for axes in [0, 1, 2]:
    cases.append(op_case("tensordot_int_%d" % axes, "_npi_tensordot_int_axes", [R(2, 3, 4), R(3, 4, 5)],
                         {"axes": axes}, rtol=T) if axes == 2 else
                 op_case("tensordot_int_%d" % axes, "_npi_tensordot_int_axes",
                         [R(2, 3), R(3, 4)] if axes == 1 else [R(2, 3), R(4)], {"axes": axes}, rtol=T))
cases.append(op_case("tensordot_float64", "_npi_tensordot", [R(2, 3, 4, dtype="float64"), R(4, 3, dtype="float64")],
                     {"a_axes_summed": (1, 2), "b_axes_summed": (1, 0)}, rtol=1e-10))
# MXNet 1.9.1's tensordot takes floats only; integers follow NumPy.
Ta, Tb = I(2, 3), I(3, 4)
cases.append(numpy_case("tensordot_int32", "_npi_tensordot_int_axes", [Ta, Tb], [onp.tensordot(Ta, Tb, axes=1)],
                        {"axes": 1}))
cases.append(error_case("tensordot_size_mismatch", "_npi_tensordot", [R(2, 3), R(4, 5)],
                        {"a_axes_summed": (1,), "b_axes_summed": (0,)}))
cases.append(error_case("tensordot_length_mismatch", "_npi_tensordot", [R(2, 3), R(3, 5)],
                        {"a_axes_summed": (1,), "b_axes_summed": (0, 1)}))

# MARK: einsum
for name, sub, ops in [
    ("matmul", "ij,jk->ik", [R(3, 4), R(4, 5)]), ("batched", "bij,bjk->bik", [R(2, 3, 4), R(2, 4, 5)]),
    ("inner", "i,i->", [R(5), R(5, seed=4)]), ("transpose", "ij->ji", [R(3, 4)]), ("diagonal", "ii->i", [R(4, 4)]),
    ("trace", "ii", [R(4, 4)]), ("sum", "ij->", [R(3, 4)]), ("rowsum", "ij->i", [R(3, 4)]),
    ("abt", "ij,kj->ik", [R(3, 4), R(5, 4)]), ("atb", "ji,jk->ik", [R(4, 3), R(4, 5)]),
    ("outer", "i,j->ij", [R(3), R(4)]), ("implicit", "ij,jk", [R(3, 4), R(4, 5)]),
    ("implicit_order", "ba,ac", [R(3, 4), R(4, 5)]),
    ("ellipsis", "...ij,...jk->...ik", [R(2, 3, 4), R(2, 4, 5)]),
    ("three", "ij,jk,kl->il", [R(2, 3), R(3, 4), R(4, 5)]), ("bij_bkj", "bij,bkj->bik", [R(2, 3, 4), R(2, 5, 4)]),
    ("permuted", "ijk,jil->kl", [R(2, 3, 4), R(3, 2, 5)]), ("hadamard", "ij,ij->ij", [R(3, 4), R(3, 4, seed=8)]),
("summed_alone", "ij,jk->k", [R(3, 4), R(4, 5)]),
    ("diag_product", "ii,i->i", [R(3, 3), R(3)]), ("bilinear", "i,ij,j->", [R(3), R(3, 4), R(4)]),
    ("batch_diag", "bii->bi", [R(2, 3, 3)]), ("vector_matrix", "i,ij->j", [R(3), R(3, 4)]),
]:
    cases.append(op_case("einsum_" + name, "_npi_einsum", ops, {"subscripts": sub, "num_args": len(ops)}, rtol=T))
# Broadcasting operands: MXNet 1.9.1's backward does not reduce over broadcast axes; gradients from NumPy.
E1, E2 = R(2, 1, 3, 4), R(5, 4, 2)
cases.append(numpy_grad_case("einsum_ellipsis_broadcast", "_npi_einsum", [E1, E2],
                             {"subscripts": "...ij,...jk->...ik", "num_args": 2}, onp.matmul, matmul_grads))
E3, E4 = R(3, 1), R(3, 4)
cases.append(numpy_grad_case("einsum_broadcast_label", "_npi_einsum", [E3, E4],
                             {"subscripts": "ij,ij->ij", "num_args": 2}, lambda a, b: a * b,
                             lambda h, a, b: [unbroadcast(h * b, a.shape), unbroadcast(h * a, b.shape)]))
cases.append(op_case("einsum_float64", "_npi_einsum", [R(3, 4, dtype="float64"), R(4, 5, dtype="float64")],
                     {"subscripts": "ij,jk->ik", "num_args": 2}, rtol=1e-10))
# MXNet 1.9.1's einsum takes floats only; integers follow NumPy.
Ia, Ib = I(3, 4), I(4, 2)
cases.append(numpy_case("einsum_int32", "_npi_einsum", [Ia, Ib], [onp.einsum("ij,jk->ik", Ia, Ib)],
                        {"subscripts": "ij,jk->ik", "num_args": 2}))
cases.append(error_case("einsum_size_mismatch", "_npi_einsum", [R(3, 4), R(5, 6)], {"subscripts": "ij,jk->ik", "num_args": 2}))
cases.append(error_case("einsum_operand_count", "_npi_einsum", [R(3, 4)], {"subscripts": "ij,jk->ik", "num_args": 1}))
cases.append(error_case("einsum_rank_mismatch", "_npi_einsum", [R(3, 4)], {"subscripts": "ijk->i", "num_args": 1}))
cases.append(error_case("einsum_unknown_output", "_npi_einsum", [R(3, 4)], {"subscripts": "ij->k", "num_args": 1}))

# MARK: 1.x dot
for name, a, b, ta, tb in [
    ("2d", R(3, 4), R(4, 5), False, False), ("ta", R(4, 3), R(4, 5), True, False),
    ("tb", R(3, 4), R(5, 4), False, True), ("ta_tb", R(4, 3), R(5, 4), True, True),
    ("3d_2d", R(2, 3, 4), R(4, 5), False, False), ("3d_3d", R(2, 3, 4), R(4, 5, 6), False, False),
    ("ta_3d", R(4, 3, 2), R(4, 5, 6), True, False), ("tb_3d", R(3, 4), R(5, 6, 4), False, True),
    ("1d_1d", R(4), R(4, seed=3), False, False), ("1d_2d", R(4), R(4, 3), False, False),
    ("2d_1d", R(3, 4), R(4), False, False),
]:
    cases.append(op_case("dot_" + name, "dot", [a, b], {"transpose_a": ta, "transpose_b": tb}, rtol=T))
cases.append(op_case("dot_float64", "dot", [R(3, 4, dtype="float64"), R(5, 4, dtype="float64")],
                     {"transpose_b": True}, rtol=1e-10))
numpy_product("dot_int32", "dot", onp.dot, [I(3, 4), I(4, 5)])
cases.append(error_case("dot_mismatch", "dot", [R(3, 4), R(3, 5)]))

# MARK: batch_dot
for name, a, b, ta, tb in [
    ("plain", R(2, 3, 4), R(2, 4, 5), False, False), ("ta", R(2, 4, 3), R(2, 4, 5), True, False),
    ("tb", R(2, 3, 4), R(2, 5, 4), False, True), ("ta_tb", R(2, 4, 3), R(2, 5, 4), True, True),
    ("4d", R(2, 3, 3, 4), R(2, 3, 4, 2), False, False),
]:
    cases.append(op_case("batch_dot_" + name, "batch_dot", [a, b], {"transpose_a": ta, "transpose_b": tb}, rtol=T))
cases.append(op_case("npx_batch_dot", "_npx_batch_dot", [R(3, 2, 4), R(3, 4, 2)], rtol=T))
cases.append(op_case("batch_dot_float64", "batch_dot", [R(2, 3, 4, dtype="float64"), R(2, 4, 5, dtype="float64")],
                     rtol=1e-10))
numpy_product("batch_dot_int32", "batch_dot", onp.matmul, [I(2, 3, 4), I(2, 4, 5)])
cases.append(error_case("batch_dot_2d", "batch_dot", [R(3, 4), R(4, 5)]))
cases.append(error_case("batch_dot_batch_mismatch", "batch_dot", [R(1, 3, 4), R(2, 4, 5)]))

# MARK: linalg_gemm2 / linalg_gemm
for name, a, b, attrs in [
    ("plain", R(3, 4), R(4, 5), {}), ("alpha_ta", R(2, 4, 3), R(2, 4, 5), {"transpose_a": True, "alpha": 2.5}),
    ("tb", R(2, 3, 4), R(2, 5, 4), {"transpose_b": True}),
    ("ta_tb", R(4, 3), R(5, 4), {"transpose_a": True, "transpose_b": True, "alpha": -0.5}),
    ("axis0", R(3, 2, 4), R(4, 2, 5), {"axis": 0}), ("axis1_4d", R(2, 3, 2, 4), R(2, 4, 2, 5), {"axis": -3}),
    ("axis0_tb", R(3, 2, 4), R(5, 2, 4), {"axis": 0, "transpose_b": True}),
]:
    cases.append(op_case("gemm2_" + name, "_linalg_gemm2", [a, b], attrs, rtol=T))
cases.append(op_case("linalg_gemm2_alias", "linalg_gemm2", [R(2, 3, 4), R(2, 4, 5)], rtol=T))
cases.append(op_case("gemm2_float64", "_linalg_gemm2", [R(3, 4, dtype="float64"), R(4, 5, dtype="float64")],
                     {"alpha": 3}, rtol=1e-10))
cases.append(error_case("gemm2_mismatch", "_linalg_gemm2", [R(3, 4), R(5, 6)]))
cases.append(error_case("gemm2_bad_axis", "_linalg_gemm2", [R(2, 3, 4), R(2, 4, 5)], {"axis": -1}))
cases.append(op_case("gemm_plain", "_linalg_gemm", [R(3, 4), R(4, 5), R(3, 5)], rtol=T))
cases.append(op_case("gemm_alpha_beta", "linalg_gemm", [R(2, 4, 3), R(2, 5, 4), R(2, 3, 5)],
                     {"transpose_a": True, "transpose_b": True, "alpha": 0.5, "beta": -2}, rtol=T))
cases.append(op_case("gemm_axis0", "_linalg_gemm", [R(3, 2, 4), R(4, 2, 5), R(3, 2, 5)], {"axis": 0, "beta": 0.25}, rtol=T))

if failed:
    sys.exit("cases MXNet could not run:\n" + "\n".join(failed))
write("linalg", cases, __file__)

# MARK: np functions composed of the operators above (expected from NumPy; "op" names the Swift function)
np_cases = [
    numpy_case("outer", "outer", [R(3), R(2, 2)], [onp.outer(R(3), R(2, 2))]),
    numpy_case("inner_2d", "inner", [R(2, 3), R(4, 3)], [onp.inner(R(2, 3), R(4, 3))], rtol=T),
    numpy_case("inner_1d", "inner", [R(3), R(3, seed=4)], [onp.inner(R(3), R(3, seed=4))], rtol=T),
    numpy_case("inner_0d", "inner", [R(seed=1), R(2, 3)], [onp.inner(R(seed=1), R(2, 3))]),
    numpy_case("vdot", "vdot", [R(2, 3), R(3, 2)], [onp.array(onp.vdot(R(2, 3), R(3, 2)), "float32")], rtol=T),
    numpy_case("tensordot_default", "tensordot", [R(2, 3, 4), R(3, 4, 5)], [onp.tensordot(R(2, 3, 4), R(3, 4, 5))],
               rtol=T),
    numpy_case("einsum_three", "einsum_three", [R(2, 3), R(3, 4), R(4)],
               [onp.einsum("ij,jk,k->i", R(2, 3), R(3, 4), R(4))], rtol=T),
    numpy_case("matmul", "matmul", [R(2, 3, 4), R(4, 5)], [onp.matmul(R(2, 3, 4), R(4, 5))], rtol=T),
    numpy_case("dot", "dot", [R(3, 4), R(4)], [onp.dot(R(3, 4), R(4))], rtol=T),
]
write("linalg_np", np_cases, __file__)
