"""MXNet 1.9.1's side of `mxv1 bench train`: the digits MLP and CNN of Sources/Digits/Digits.swift trained with
MXNet's Gluon, hybridized, with the same data, batch size, optimizers and loop (DataLoader with shuffling,
autograd.record, SoftmaxCrossEntropyLoss, backward, Trainer.step; no value read back inside an epoch). One
warm-up epoch, then the median samples/s of the measured epochs, printed as one JSON object.

    PY=$(../shared/tools/mxnet-oracle.sh) && $PY scripts/bench_mxnet_training.py data/digits 5 32
"""
import json
import sys
import time

import mxnet as mx
import numpy as onp
from mxnet import autograd, gluon


def load(folder, split):
    x = onp.load("%s/%s_images.npy" % (folder, split)).astype("float32").reshape(-1, 1, 8, 8) / 16
    y = onp.load("%s/%s_labels.npy" % (folder, split)).astype("float32")
    return x, y


def mlp():
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Flatten(), gluon.nn.Dense(128, activation="relu"), gluon.nn.Dense(64, activation="relu"),
            gluon.nn.Dense(10))
    return net


def cnn():
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Conv2D(32, 3, padding=1, activation="relu"), gluon.nn.Conv2D(32, 3, padding=1, activation="relu"),
            gluon.nn.MaxPool2D(2), gluon.nn.Flatten(), gluon.nn.Dense(64, activation="relu"), gluon.nn.Dense(10))
    return net


def epoch(net, trainer, loader, loss_fn):
    start, seen = time.perf_counter(), 0
    for x, y in loader:
        with autograd.record():
            loss = loss_fn(net(x), y)
        loss.backward()
        trainer.step(x.shape[0])
        seen += x.shape[0]
    mx.nd.waitall()
    return seen / (time.perf_counter() - start)


def measure(make, optimizer, options, x, y, epochs, batch):
    mx.random.seed(0)
    net = make()
    net.initialize(mx.init.Xavier())
    net.hybridize()
    trainer = gluon.Trainer(net.collect_params(), optimizer, options)
    loader = gluon.data.DataLoader(gluon.data.ArrayDataset(mx.nd.array(x), mx.nd.array(y)), batch_size=batch, shuffle=True)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    epoch(net, trainer, loader, loss_fn)
    rates = sorted(epoch(net, trainer, loader, loss_fn) for _ in range(epochs))
    return rates[len(rates) // 2]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "data/digits"
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    x, y = load(folder, "train")
    out = {"mlp_samples_per_s": measure(mlp, "sgd", {"learning_rate": 0.1, "momentum": 0.9}, x, y, epochs, batch),
           "cnn_samples_per_s": measure(cnn, "adam", {"learning_rate": 0.002}, x, y, epochs, batch)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
