"""Exports a 1.x checkpoint (PREFIX-symbol.json + PREFIX-0000.params) to ONNX with MXNet 1.9.1's own exporter
(`mx.onnx.export_model`; needs `pip install onnx==1.12.0 'protobuf<4'` beside MXNet), for comparing `mxv1` with
onnxruntime on the same model.

    $PY scripts/export_onnx.py PREFIX-symbol.json PREFIX-0000.params 1,3,224,224 out.onnx
"""
import sys

import numpy as onp
import mxnet as mx

symbol, params, shape, out = sys.argv[1:5]
in_shape = [tuple(int(d) for d in shape.split(","))]
mx.onnx.export_model(symbol, params, in_shape, [onp.float32], out)
# MXNet's exporter lists the weights among the graph inputs, which stops onnxruntime from treating them as
# constants (no batch-norm folding); keep only the data inputs, as current exporters write them.
import onnx
model = onnx.load(out)
weights = {t.name for t in model.graph.initializer}
data_inputs = [i for i in model.graph.input if i.name not in weights]
del model.graph.input[:]
model.graph.input.extend(data_inputs)
onnx.save(model, out)
print(out)
