"""Runs a symbol JSON file in real MXNet 1.9.1 — the oracle side of the export round-trip tests.

    python run_symbol.py REQUEST.json RESPONSE.json
REQUEST: {"symbol": path, "args": {name: array}} with arrays encoded as in oracle.py.
RESPONSE: {"outputs": [array, ...]} or {"error": message}.
"""
import json
import sys

import numpy as onp
import mxnet as mx
from mxnet import npx

sys.path.insert(0, __import__("os").path.dirname(__file__))
from oracle import encode  # noqa: E402


def decode(a):
    data = [float(v) if isinstance(v, str) else v for v in a["data"]]
    return onp.array(data, dtype=a["dtype"]).reshape(a["shape"])


def main():
    req = json.load(open(sys.argv[1]))
    try:
        npx.set_np()
        sym = mx.sym.load(req["symbol"])
        args = {k: mx.np.array(decode(v), dtype=v["dtype"]) for k, v in req["args"].items()}
        ex = sym.bind(mx.cpu(), {k: v.as_nd_ndarray() for k, v in args.items()}, grad_req="null")
        outs = ex.forward(is_train=False)
        resp = {"outputs": [encode(o.asnumpy()) for o in outs]}
    except Exception as e:  # noqa: BLE001 - report any MXNet failure to the Swift test
        resp = {"error": str(e).splitlines()[0] if str(e) else repr(e)}
    json.dump(resp, open(sys.argv[2], "w"))


main()
