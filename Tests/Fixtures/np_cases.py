"""Helpers for fixtures of np functions that compose operators: expected outputs from NumPy, gradients as central
finite differences in float64 of sum(head * output) over all outputs (exact for the linear ops that move data).

A case: {"name", "fn", "args", "inputs", "outputs", "head_grads"?, "input_grads"?, "rtol", "atol"}; the Swift tests
(NumPyFunctionCase) map "fn" to the Swift call."""
import numpy as onp
from oracle import encode


def _as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def finite_difference(f, x, heads, eps=1e-6):
    """d/dx of sum_k sum(heads[k] * f(x)[k]), by central differences."""
    x = x.astype("float64")
    g = onp.zeros_like(x)
    flat = x.reshape(-1)

    def total():
        return sum(onp.sum(h * onp.asarray(y, dtype="float64")) for h, y in zip(heads, _as_list(f(x))))

    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = total()
        flat[i] = old - eps
        down = total()
        flat[i] = old
        g.reshape(-1)[i] = (up - down) / (2 * eps)
    return g


def np_case(cases, name, fn, inputs, args, f, grad=True, rtol=1e-5, atol=1e-5, seed=0):
    """Appends a case: `f(*inputs)` computed by NumPy in float64 and stored in the first input's dtype (integer
    and bool results keep their own dtype). With `grad`, the first input gets a finite-difference gradient."""
    x = inputs[0]
    ys = _as_list(f(*[i.astype("float64") if i.dtype.kind == "f" else i for i in inputs]))
    outs = [onp.asarray(y) if onp.asarray(y).dtype.kind in "biu" else onp.asarray(y).astype(x.dtype) for y in ys]
    c = {"name": name, "fn": fn, "args": args, "inputs": [encode(i) for i in inputs], "outputs": [encode(o) for o in outs],
         "rtol": rtol, "atol": atol}
    if grad:
        rng = onp.random.RandomState(seed)
        heads = [rng.standard_normal(o.shape).astype(x.dtype) for o in outs]
        rest = inputs[1:]
        g = finite_difference(lambda v: f(v, *rest), x, [h.astype("float64") for h in heads])
        c["head_grads"] = [encode(h) for h in heads]
        c["input_grads"] = [encode(g.astype(x.dtype))] + [None] * len(rest)
    cases.append(c)
