"""Generates Tests/MXNetTests/Fixtures/trainer.json: a small MLP (Dense(16, relu) → Dense(4)) trained by MXNet 1.9.1's
gluon.Trainer for 50 steps with SoftmaxCrossEntropyLoss on fixed batches, from given initial weights — once with
SGD (momentum, weight decay) and once with Adam. Records the initial weights, the data, the batch order and the
weights after 50 steps, so the Swift Trainer can be checked step for step against MXNet."""
import json
import os

import numpy as onp
import mxnet as mx
from mxnet import autograd, gluon

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MXNetTests", "Fixtures", "trainer.json")


def encode(a):
    a = onp.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": a.reshape(-1).tolist()}


rng = onp.random.RandomState(42)
X = rng.uniform(-1, 1, (40, 8)).astype("float32")
Y = rng.randint(0, 4, (40,)).astype("float32")
init = {"0.weight": rng.uniform(-0.5, 0.5, (16, 8)).astype("float32"), "0.bias": rng.uniform(-0.1, 0.1, (16,)).astype("float32"),
        "1.weight": rng.uniform(-0.5, 0.5, (4, 16)).astype("float32"), "1.bias": rng.uniform(-0.1, 0.1, (4,)).astype("float32")}
batch = 8
order = [list(range(s, s + batch)) for s in range(0, 40, batch)]
steps = 50

runs = []
for name, opt, opts in [("sgd_momentum", "sgd", {"learning_rate": 0.1, "momentum": 0.9, "wd": 1e-4}),
                        ("adam", "adam", {"learning_rate": 0.01, "wd": 1e-4})]:
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Dense(16, activation="relu", in_units=8), gluon.nn.Dense(4, in_units=16))
    net.initialize()
    layers = [net[0], net[1]]
    for i, layer in enumerate(layers):
        layer.weight.set_data(mx.nd.array(init["%d.weight" % i]))
        layer.bias.set_data(mx.nd.array(init["%d.bias" % i]))
    net.hybridize()
    trainer = gluon.Trainer(net.collect_params(), opt, dict(opts))
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    losses = []
    for step in range(steps):
        idx = order[step % len(order)]
        x, y = mx.nd.array(X[idx]), mx.nd.array(Y[idx])
        with autograd.record():
            loss = loss_fn(net(x), y)
        loss.backward()
        trainer.step(batch)
        losses.append(float(loss.mean().asscalar()))
    final = {"%d.weight" % i: encode(l.weight.data().asnumpy()) for i, l in enumerate(layers)}
    final.update({"%d.bias" % i: encode(l.bias.data().asnumpy()) for i, l in enumerate(layers)})
    runs.append({"name": name, "optimizer": opt, "options": opts, "losses": losses, "final": final})

doc = {"generated_by": "Tests/Fixtures/gen_trainer.py with mxnet " + mx.__version__,
       "x": encode(X), "y": encode(Y), "init": {k: encode(v) for k, v in init.items()}, "batches": order,
       "steps": steps, "runs": runs}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.relpath(OUT))
