"""Generates Tests/MXNetTests/Fixtures/autograd_api.json: MXNet 1.9.1's autograd semantics for grad_req
write/add, head gradients and pause, on a fixed small function (y = sum(x * x * w) style compositions)."""
import json
import os

import numpy as onp
from mxnet import autograd, np, npx
from oracle import encode, OUT_DIR

npx.set_np()
x0 = onp.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]], dtype="float32")
w0 = onp.array([2.0, -1.0, 0.5], dtype="float32")
head = onp.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], dtype="float32")
result = {"x": encode(x0), "w": encode(w0), "head": encode(head)}

# grad_req write, with a head gradient: y = tanh(x) * w
x = np.array(x0); w = np.array(w0)
x.attach_grad(); w.attach_grad()
with autograd.record():
    y = np.tanh(x) * w
y.backward(np.array(head))
result["write_x_grad"] = encode(x.grad.asnumpy()); result["write_w_grad"] = encode(w.grad.asnumpy())

# grad_req add: two backward passes accumulate
x = np.array(x0); x.attach_grad(grad_req="add")
for _ in range(2):
    with autograd.record():
        y = (x * x).sum()
    y.backward()
result["add_x_grad"] = encode(x.grad.asnumpy())

# pause: the paused part is a constant
x = np.array(x0); x.attach_grad()
with autograd.record():
    a = x * 3
    with autograd.pause():
        b = x * x
    y = (a * b).sum()
y.backward()
result["pause_x_grad"] = encode(x.grad.asnumpy())

# a value used twice (fan-out) and a multi-output split
x = np.array(x0); x.attach_grad()
with autograd.record():
    s = np.split(x, 3, axis=1)
    y = (s[0] * s[2] + np.exp(x)).sum()
y.backward()
result["fanout_x_grad"] = encode(x.grad.asnumpy())

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "autograd_api.json"), "w") as f:
    json.dump({"generated_by": "Tests/Fixtures/gen_autograd.py", "values": result}, f)
