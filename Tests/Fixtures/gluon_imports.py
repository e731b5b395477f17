"""Loads a block exported by our HybridBlock.export in MXNet 1.9.1 and runs it.

usage: python gluon_imports.py <prefix> <epoch> <input names, comma separated> <out dir>
Reads <out dir>/<input name>.npy, writes <out dir>/mxnet_out<i>.npy (outputs of gluon.SymbolBlock.imports).
"""
import sys
import numpy as np
import mxnet as mx

prefix, epoch, names, out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4]
sym = mx.sym.load("%s-symbol.json" % prefix)
saved = mx.nd.load("%s-%04d.params" % (prefix, epoch))
args, aux = set(sym.list_arguments()), set(sym.list_auxiliary_states())
for k in saved:
    kind, name = k.split(":", 1)
    assert (name in args) if kind == "arg" else (kind == "aux" and name in aux), "misfiled parameter " + k
assert {k.split(":", 1)[1] for k in saved} == (args | aux) - set(names), "parameters do not match the graph"
block = mx.gluon.SymbolBlock.imports("%s-symbol.json" % prefix, names, "%s-%04d.params" % (prefix, epoch))
inputs = [mx.nd.array(np.load("%s/%s.npy" % (out, n)), dtype=np.load("%s/%s.npy" % (out, n)).dtype) for n in names]
outs = block(*inputs)
if not isinstance(outs, (list, tuple)):
    outs = [outs]
for i, o in enumerate(outs):
    np.save("%s/mxnet_out%d.npy" % (out, i), o.asnumpy())
print("ok", [o.shape for o in outs])
