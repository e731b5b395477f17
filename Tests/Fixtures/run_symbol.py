"""Runs a symbol JSON file in real MXNet 1.9.1 — the oracle side of the export round-trip tests.

    python run_symbol.py REQUEST.json RESPONSE.json
REQUEST: {"symbol": path or "json": text, "args": {name: array}, "legacy_shapes": bool} with arrays encoded as
in oracle.py, or a list of such requests (one process for many graphs). NumPy semantics are on unless
"legacy_shapes" asks for MXNet 1.x shapes (a 0 dimension is unknown, as in the files Gluon exports).
RESPONSE: {"outputs": [array, ...]} or {"error": message}; a list for a list.
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


def run(req):
    try:
        if req.get("legacy_shapes"):
            npx.reset_np()
        else:
            npx.set_np()
        sym = mx.sym.load(req["symbol"]) if "symbol" in req else mx.sym.load_json(req["json"])
        args = {k: mx.np.array(decode(v), dtype=v["dtype"]) for k, v in req["args"].items()}
        aux_names = set(sym.list_auxiliary_states())
        ex = sym.bind(mx.cpu(), {k: v.as_nd_ndarray() for k, v in args.items() if k not in aux_names},
                      aux_states={k: v.as_nd_ndarray() for k, v in args.items() if k in aux_names}, grad_req="null")
        outs = ex.forward(is_train=False)
        return {"outputs": [encode(o.asnumpy()) for o in outs]}
    except Exception as e:  # noqa: BLE001 - report any MXNet failure to the Swift test
        lines = [l for l in str(e).splitlines() if l.strip()]
        return {"error": lines[-1] if lines else repr(e)}


def main():
    req = json.load(open(sys.argv[1]))
    resp = [run(r) for r in req] if isinstance(req, list) else run(req)
    json.dump(resp, open(sys.argv[2], "w"))


main()
