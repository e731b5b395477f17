"""MXNet 1.9.1's side of `mxv1 bench core`: the same measurements, printed as one JSON object.

    PY=$(../shared/tools/mxnet-oracle.sh) && $PY scripts/bench_mxnet_core.py
"""
import json
import time

import mxnet as mx
import numpy as onp


def median(fn, repeats=7, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def main():
    out = {}
    n = 20000
    a, b = mx.nd.array([1, 2, 3, 4]), mx.nd.array([5, 6, 7, 8])

    def nd_adds():
        for _ in range(n):
            c = a + b
        c.wait_to_read()
    out["nd_eager_add_us"] = median(nd_adds) / n * 1e6

    from mxnet import np as mnp, npx
    npx.set_np()
    x, y = mnp.array([1, 2, 3, 4]), mnp.array([5, 6, 7, 8])

    def np_adds():
        for _ in range(n):
            z = x + y
        z.wait_to_read()
    out["np_eager_add_us"] = median(np_adds) / n * 1e6

    class Add(mx.gluon.HybridBlock):
        def hybrid_forward(self, F, p, q):
            return p + q
    blk = Add()
    blk.hybridize(static_alloc=True, static_shape=True)
    blk(x, y).wait_to_read()

    def replays():
        for _ in range(n):
            z = blk(x, y)
        z.wait_to_read()
    out["hybridized_add_us"] = median(replays) / n * 1e6

    big = 10_000_000
    p, q = mnp.ones((big,)), mnp.ones((big,))
    out["add_1e7_gbps"] = big * 12 / median(lambda: (p + q).wait_to_read(), repeats=9) / 1e9

    m = 1024
    vals = onp.arange(m * m, dtype="float32") % 17
    ma, mb = mnp.array(vals.reshape(m, m)), mnp.array(vals[::-1].reshape(m, m))
    out["sgemm_gflops"] = 2 * m ** 3 / median(lambda: mnp.matmul(ma, mb).wait_to_read(), repeats=15) / 1e9

    data, w, bias = mnp.full((1, 64, 56, 56), 0.5), mnp.full((64, 64, 3, 3), 0.01), mnp.zeros((64,))

    def conv():
        npx.convolution(data, w, bias, kernel=(3, 3), pad=(1, 1), num_filter=64).wait_to_read()
    flops = 2 * 64 * 64 * 9 * 56 * 56
    out["conv3x3_gflops"] = flops / median(conv, repeats=15) / 1e9
    print(json.dumps({k: round(v, 3) for k, v in out.items()}))


main()
