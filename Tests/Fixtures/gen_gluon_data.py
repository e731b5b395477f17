"""Generates Tests/MXNetTests/Fixtures/gluon_data.json: what MXNet 1.9.1's gluon.data gives for batch samplers
(keep/discard/rollover over several epochs), ArrayDataset samples, DataLoader batches, and the vision transforms
ToTensor, Normalize, Resize (uint8 and float, square and keep_ratio), CenterCrop."""
import json
import os

import numpy as onp
import mxnet as mx
from mxnet.gluon.data import ArrayDataset, BatchSampler, DataLoader, SequentialSampler
from mxnet.gluon.data.vision import transforms as T


def encode(a):
    """{"dtype", "shape", "data"} (oracle.py's layout; oracle.py itself switches MXNet to NumPy semantics)."""
    a = onp.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": a.reshape(-1).tolist()}

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MXNetTests", "Fixtures", "gluon_data.json")
doc = {"generated_by": "Tests/Fixtures/gen_gluon_data.py with mxnet " + mx.__version__}

doc["batch_samplers"] = []
for length, size, last in [(10, 3, "keep"), (10, 3, "discard"), (10, 3, "rollover"), (7, 7, "rollover"),
                           (5, 8, "keep"), (5, 8, "discard"), (5, 8, "rollover"), (0, 2, "keep")]:
    bs = BatchSampler(SequentialSampler(length), size, last)
    epochs = [[list(map(int, b)) for b in bs] for _ in range(4)]
    doc["batch_samplers"].append({"length": length, "batch_size": size, "last_batch": last, "epochs": epochs})

rng = onp.random.RandomState(0)
x = rng.uniform(-1, 1, (7, 3, 2)).astype("float32")
y = onp.arange(7).astype("int32")
ds = ArrayDataset(mx.nd.array(x), mx.nd.array(y, dtype="int32"))
doc["array_dataset"] = {"inputs": [encode(x), encode(y)],
                        "sample_3": [encode(v.asnumpy() if hasattr(v, "asnumpy") else onp.asarray(v)) for v in ds[3]],
                        "loader_batches": [[encode(v.asnumpy()) for v in b]
                                           for b in DataLoader(ds, batch_size=3, last_batch="keep")]}

img = rng.randint(0, 256, (13, 17, 3)).astype("uint8")
fimg = rng.uniform(0, 1, (9, 11, 2)).astype("float32")
nd = lambda a: mx.nd.array(a, dtype=a.dtype)
t = T.ToTensor()(nd(img))
cases = [
    ("to_tensor", encode(img), {}, T.ToTensor()(nd(img))),
    ("normalize", encode(t.asnumpy()), {"mean": [0.5, 0.4, 0.3], "std": [0.2, 0.3, 0.4]},
     T.Normalize(mean=(0.5, 0.4, 0.3), std=(0.2, 0.3, 0.4))(t)),
    ("normalize_scalar", encode(t.asnumpy()), {"mean": [0.5], "std": [0.25]}, T.Normalize(mean=0.5, std=0.25)(t)),
    ("resize_uint8", encode(img), {"width": 8, "height": 6}, T.Resize((8, 6))(nd(img))),
    ("resize_square", encode(img), {"size": 6}, T.Resize(6)(nd(img))),
    ("resize_keep_ratio", encode(img), {"size": 6, "keep_ratio": True}, T.Resize(6, keep_ratio=True)(nd(img))),
    ("resize_up_float", encode(fimg), {"width": 15, "height": 12}, T.Resize((15, 12))(nd(fimg))),
    ("center_crop", encode(img), {"width": 5, "height": 4}, T.CenterCrop((5, 4))(nd(img))),
]
doc["transforms"] = [{"name": n, "input": i, "args": a, "output": encode(o.asnumpy())} for n, i, a, o in cases]
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.relpath(OUT))
