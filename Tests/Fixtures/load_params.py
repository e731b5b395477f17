"""Loads .params files with real MXNet 1.9.1 and prints, as one JSON object keyed by path, what MXNet read:
{"names": [...] or null, "np_shape": bool, "arrays": [{"dtype", "shape", "stype", "hex"}]} or {"error": message}.

Usage: $PY Tests/Fixtures/load_params.py FILE...

Goes through MXNet's C API (MXNDArrayLoad) as mx.nd.load does, but keeps the names as a list (mx.nd.load makes a
dict, which drops repeated names). A file whose records were saved in np-shape semantics (V3) is loaded under
np_shape(True), as MXNet requires; other files outside it. Sparse arrays are reported as their dense values;
bfloat16 values as their raw 16-bit patterns. Used by gen_params.py (one file per process, so that a file MXNet
crashes on cannot stop the generator) and by ParamsFileTests (files our writer wrote).
"""
import ctypes
import json
import sys

import mxnet as mx
import numpy
from mxnet.base import _LIB, check_call, c_str, mx_uint, NDArrayHandle, py_str
from mxnet.ndarray.sparse import _ndarray_cls


def load_raw(path):
    out_size, out_name_size = mx_uint(), mx_uint()
    handles = ctypes.POINTER(NDArrayHandle)()
    names = ctypes.POINTER(ctypes.c_char_p)()
    check_call(_LIB.MXNDArrayLoad(c_str(path), ctypes.byref(out_size), ctypes.byref(handles),
                                  ctypes.byref(out_name_size), ctypes.byref(names)))
    arrays = [_ndarray_cls(NDArrayHandle(handles[i])) for i in range(out_size.value)]
    keys = [py_str(names[i]) for i in range(out_name_size.value)] if out_name_size.value else None
    return keys, arrays


def dense_of_sparse(a):
    """The dense values of a sparse array, from the parts MXNet loaded (cast_storage handles int64 indices only)."""
    try:
        return a.tostype("default").asnumpy()
    except mx.base.MXNetError:
        pass
    values = a.data.asnumpy()
    out = numpy.zeros(a.shape, dtype=values.dtype)
    if a.stype == "row_sparse":
        for i, row in enumerate(a.indices.asnumpy().tolist()):
            out[row] = values[i]
    else:
        indptr, columns = a.indptr.asnumpy().tolist(), a.indices.asnumpy().tolist()
        for r in range(a.shape[0]):
            for k in range(indptr[r], indptr[r + 1]):
                out[r, columns[k]] = values[k]
    return out


def describe(a):
    stype = a.stype
    n = a.asnumpy() if stype == "default" else dense_of_sparse(a)
    dtype = "bfloat16" if n.dtype.names == ("bfloat16",) else str(n.dtype)
    return {"dtype": dtype, "shape": list(n.shape), "stype": stype, "hex": n.tobytes().hex()}


def load(path):
    try:
        with mx.util.np_shape(False):
            keys, arrays = load_raw(path)
            return {"names": keys, "np_shape": False, "arrays": [describe(a) for a in arrays]}
    except mx.base.MXNetError as e:
        if "saved in np shape semantics" not in str(e):
            raise
    with mx.util.np_shape(True):
        keys, arrays = load_raw(path)
        return {"names": keys, "np_shape": True, "arrays": [describe(a) for a in arrays]}


def main():
    out = {}
    for path in sys.argv[1:]:
        try:
            out[path] = load(path)
        except Exception as e:  # noqa: BLE001 - any failure is reported as MXNet's message
            out[path] = {"error": " ".join(str(e).split())[:500]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
