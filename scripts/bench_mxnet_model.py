"""MXNet 1.9.1's side of `mxv1 bench model`: load a symbol + params checkpoint, bind it to the given inputs,
and time forward passes (inference). Prints one JSON object on the last line.

    PY=$(../shared/tools/mxnet-oracle.sh)
    $PY scripts/bench_mxnet_model.py PREFIX-symbol.json PREFIX-0000.params data=input.npy [--repeat 50] [--warmup 5]
"""
import argparse
import json
import resource
import time

import numpy as onp
import mxnet as mx


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("symbol")
    ap.add_argument("params")
    ap.add_argument("inputs", nargs="+", help="NAME=FILE.npy")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()

    t0 = time.perf_counter()
    sym = mx.sym.load(a.symbol)
    saved = mx.nd.load(a.params)
    args, aux = {}, {}
    for k, v in saved.items():
        kind, _, name = k.partition(":")
        (aux if kind == "aux" else args)[name if name else k] = v
    for spec in a.inputs:
        name, _, path = spec.partition("=")
        args[name] = mx.nd.array(onp.load(path), dtype=onp.load(path).dtype)
    shapes = {k: v.shape for k, v in args.items() if k in sym.list_arguments()}
    arg_shapes, _, aux_shapes = sym.infer_shape_partial(**shapes)
    for name, shape in zip(sym.list_arguments(), arg_shapes):
        if name not in args and shape is not None:
            args[name] = mx.nd.zeros(shape)          # optional labels
    ex = sym.bind(mx.cpu(), {k: v for k, v in args.items() if k in sym.list_arguments()},
                  aux_states={k: aux[k] for k in sym.list_auxiliary_states()}, grad_req="null")
    ex.forward(is_train=False)
    for o in ex.outputs:
        o.wait_to_read()
    load_ms = (time.perf_counter() - t0) * 1e3

    for _ in range(a.warmup):
        ex.forward(is_train=False)
        mx.nd.waitall()
    times = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        ex.forward(is_train=False)
        mx.nd.waitall()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"load_ms": round(load_ms, 3), "median_ms": round(times[len(times) // 2], 3),
                      "min_ms": round(times[0], 3), "peak_rss_mb": round(rss, 1)}))


main()
