"""Exports scikit-learn's UCI handwritten digits (1,797 8×8 images, pixel values 0-16) to .npy for TrainDigits:
data/digits/{train,test}_{images,labels}.npy — images uint8 (N, 8, 8), labels int32 — split 80/20 with a fixed
seed. Needs scikit-learn < 1.4 (which keeps numpy < 1.24 beside MXNet 1.9.1):

    PY=$(../shared/tools/mxnet-oracle.sh) && $PY -m pip install 'scikit-learn<1.4' && $PY scripts/export_digits.py
"""
import os

import numpy as onp
from sklearn.datasets import load_digits

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "digits")
os.makedirs(out, exist_ok=True)
digits = load_digits()
images = digits.images.astype("uint8")
labels = digits.target.astype("int32")
order = onp.random.RandomState(0).permutation(len(labels))
cut = int(len(labels) * 0.8)
for name, idx in [("train", order[:cut]), ("test", order[cut:])]:
    onp.save(os.path.join(out, name + "_images.npy"), images[idx])
    onp.save(os.path.join(out, name + "_labels.npy"), labels[idx])
    print(name, len(idx))
