"""onnxruntime's side of `mxv1 bench model --onnx MODEL.onnx --onnxruntime-python PY`: load an ONNX model, time
inference on the given inputs (all cores, as `mxv1` uses them). Prints one JSON object on the last line.

    $PY scripts/bench_onnxruntime_model.py model.onnx data=input.npy [--repeat 50] [--warmup 5]
"""
import argparse
import json
import os
import resource
import time

import numpy as onp
import onnxruntime as ort


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("inputs", nargs="+", help="NAME=FILE.npy")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()

    t0 = time.perf_counter()
    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = os.cpu_count()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(a.model, options, providers=["CPUExecutionProvider"])
    feeds = {}
    for spec in a.inputs:
        name, _, path = spec.partition("=")
        feeds[name] = onp.load(path)
    session.run(None, feeds)
    load_ms = (time.perf_counter() - t0) * 1e3
    for _ in range(a.warmup):
        session.run(None, feeds)
    times = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        session.run(None, feeds)
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"load_ms": round(load_ms, 3), "median_ms": round(times[len(times) // 2], 3),
                      "min_ms": round(times[0], 3), "peak_rss_mb": round(rss, 1)}))


main()
