"""Generates Tests/MXNetTests/Fixtures/symbol_block.json: legacy-models cases loaded with MXNet 1.9.1's
gluon.SymbolBlock.imports and fine-tuned. For each case: the outputs in training mode under autograd.record, the
gradient of every trainable parameter for seeded head gradients, the auxiliary states (BatchNorm running
statistics) after that pass, then the parameters after 3 gluon.Trainer SGD-momentum steps on the same objective
(sum(outputs * heads)). The Swift SymbolBlock must reproduce all of them from the same files."""
import json
import os

# MXNet 1.9.1's oneDNN backward fails ("could not construct a sub-memory") on the squeezenet/densenet case.
os.environ["MXNET_MKLDNN_ENABLED"] = "0"
import numpy as onp  # noqa: E402
import mxnet as mx  # noqa: E402
from mxnet import autograd, gluon  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
OUT = os.path.join(HERE, "..", "MXNetTests", "Fixtures", "symbol_block.json")
CASES = ["resnet_tiny_gluon", "mobilenet_v2_blocks_gluon", "squeezenet_densenet_blocks_gluon", "batchnorm_fix_gamma",
         "gluon_params_unprefixed", "float64_model"]
STEPS = 3


def encode(a):
    a = onp.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": a.reshape(-1).tolist()}


def run(name):
    folder = os.path.join(ROOT, "legacy-models", name)
    meta = json.load(open(os.path.join(folder, "meta.json")))
    names = [i["name"] for i in meta["inputs"]]
    block = gluon.SymbolBlock.imports(os.path.join(folder, meta["symbol"]), names, os.path.join(folder, meta["params"]))
    xs = [onp.load(os.path.join(folder, i["file"])) for i in meta["inputs"]]
    inputs = [mx.nd.array(x, dtype=x.dtype) for x in xs]
    params = block.collect_params()
    rng = onp.random.RandomState(5)

    def objective(heads):
        outs = block(*inputs)
        outs = outs if isinstance(outs, (list, tuple)) else [outs]
        if heads is None:
            heads = [mx.nd.array(rng.uniform(-1, 1, o.shape), dtype=o.dtype) for o in outs]
        loss = mx.nd.add_n(*[(o * h).sum() for o, h in zip(outs, heads)])
        return outs, heads, loss

    with autograd.record(train_mode=True):
        outs, heads, loss = objective(None)
    loss.backward()
    grads = {k: encode(p.grad().asnumpy()) for k, p in params.items() if p.grad_req != "null"}
    aux = {k: encode(p.data().asnumpy()) for k, p in params.items() if p.grad_req == "null"}
    trainer = gluon.Trainer(params, "sgd", {"learning_rate": 0.01, "momentum": 0.9})
    trainer.step(1)
    for _ in range(STEPS - 1):
        with autograd.record(train_mode=True):
            _, _, loss = objective(heads)
        loss.backward()
        trainer.step(1)
    # A BatchNorm with fix_gamma ignores its gamma (it uses 1); MXNet 1.9.1's optimizer step after such a backward
    # leaves the stored gamma at 1, an artefact of its engine that no output depends on. Those are not compared.
    graph = json.load(open(os.path.join(folder, meta["symbol"])))
    unused = sorted({graph["nodes"][n["inputs"][1][0]]["name"] for n in graph["nodes"]
                     if n["op"] == "BatchNorm" and n.get("attrs", {}).get("fix_gamma", "True") in ("True", "true", "1")})
    final = {k: encode(p.data().asnumpy()) for k, p in params.items() if k not in unused}
    return {"name": name, "inputs": names, "heads": [encode(h.asnumpy()) for h in heads],
            "train_outputs": [encode(o.asnumpy()) for o in outs], "grads": grads, "aux_after": aux,
            "param_order": list(params.keys()), "final": final,
            "final_not_compared": unused}


doc = {"generated_by": "Tests/Fixtures/gen_symbol_block.py with mxnet " + mx.__version__,
       "optimizer": {"name": "sgd", "learning_rate": 0.01, "momentum": 0.9}, "steps": STEPS,
       "cases": [run(c) for c in CASES]}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, os.path.getsize(OUT), "bytes")
