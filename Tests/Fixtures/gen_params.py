"""Generates Tests/MXNetTests/Fixtures/params/*.params and Tests/MXNetTests/Fixtures/params.json.

Usage (from the repository root): $PY Tests/Fixtures/gen_params.py

Three kinds of files:
- written by MXNet 1.9.1 itself (mx.nd.save of dicts and lists, every dtype 1.9.1 has, sparse arrays, np-shape
  files with 0-d and zero-size arrays, mx.model.save_checkpoint, Gluon save_parameters and export);
- crafted here with struct following MXNet's layout (V1 and pre-V1 records, a GPU context, trailing bytes ...),
  each confirmed by MXNet 1.9.1 loading it;
- malformed files that the Swift reader must refuse with an error.
The expected contents of every readable file are what MXNet 1.9.1 loads from it (Tests/Fixtures/load_params.py,
run in a separate process per file), as raw bytes; for dtype flags 8-11, which 1.9.1 lacks (MXNet 2.0 has them),
they are the bytes written. For malformed files the manifest records what MXNet 1.9.1 does with them ("mxnet"),
and the phrase the Swift error must contain ("message").
"""
import json
import os
import struct
import subprocess
import sys

import numpy as onp
import mxnet as mx
from oracle import write, OUT_DIR

mx.npx.reset_np()  # oracle.py turns np semantics on; mx.nd.save / mx.nd.load here work outside them by default
HERE = os.path.dirname(os.path.abspath(__file__))
PARAMS_DIR = os.path.join(OUT_DIR, "params")
os.makedirs(PARAMS_DIR, exist_ok=True)
for f in os.listdir(PARAMS_DIR):
    if f.endswith(".params"):
        os.remove(os.path.join(PARAMS_DIR, f))
rng = onp.random.RandomState(7)
mx.random.seed(7)
cases = []

V1, V2, V3 = 0xF993FAC8, 0xF993FAC9, 0xF993FACA
CPU = struct.pack("<ii", 1, 0)
FLAGS = {"float32": 0, "float64": 1, "float16": 2, "uint8": 3, "int32": 4, "int8": 5, "int64": 6, "bool": 7,
         "int16": 8, "uint16": 9, "uint32": 10, "uint64": 11}


def path_of(name):
    return os.path.join(PARAMS_DIR, name + ".params")


def mxnet_load(path):
    """What MXNet 1.9.1 makes of the file, in a separate process: the load_params.py result, or a crash."""
    r = subprocess.run([sys.executable, os.path.join(HERE, "load_params.py"), path], capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        return {"crash": r.returncode}
    return json.loads(r.stdout.strip().splitlines()[-1])[path]


def readable(name, writer=None):
    """A file MXNet 1.9.1 loads; its contents as MXNet loads them are the expectation. `writer`: "v2" or "v3" when
    the Swift writer must reproduce the file byte for byte."""
    result = mxnet_load(path_of(name))
    if "arrays" not in result:
        raise SystemExit("MXNet 1.9.1 does not load %s: %s" % (name, result))
    cases.append({"name": name, "file": name + ".params", "names": result["names"], "arrays": result["arrays"],
                  "np_shape": result["np_shape"], "writer": writer, "expected_from": "mxnet"})


def mxnet_dtype(a):
    return "bfloat16" if a.dtype.names == ("bfloat16",) else str(a.dtype)


def nd(values, dtype):
    return mx.nd.array(values, dtype="float32").astype(dtype) if dtype != "bool" else \
        mx.nd.array(values, dtype="float32").astype("bool")


# --- written by MXNet 1.9.1 ------------------------------------------------------------------------------------------
arg = {"fc1_weight": mx.nd.array(rng.standard_normal((4, 3))), "fc1_bias": mx.nd.array(rng.standard_normal(4))}
aux = {"bn_moving_mean": mx.nd.array(rng.standard_normal(4)), "bn_moving_var": mx.nd.array(rng.uniform(size=4))}
data = mx.sym.var("data")
net = mx.sym.FullyConnected(data, num_hidden=4, name="fc1")
net = mx.sym.BatchNorm(net, name="bn")
prefix = os.path.join(PARAMS_DIR, "checkpoint")
mx.model.save_checkpoint(prefix, 0, net, arg, aux, remove_amp_cast=False)
os.remove(prefix + "-symbol.json")
os.rename(prefix + "-0000.params", path_of("checkpoint"))
readable("checkpoint", writer="v2")

mx.nd.save(path_of("unnamed_list"), [mx.nd.array(rng.standard_normal((2, 3))), mx.nd.array([7, -8], dtype="int32")])
readable("unnamed_list", writer="v2")
mx.nd.save(path_of("single_array"), mx.nd.array(rng.standard_normal((1, 1, 2, 2)), dtype="float64"))
readable("single_array", writer="v2")
mx.nd.save(path_of("empty_list"), [])
readable("empty_list", writer="v2")

dtype_arrays = {}
for i, dt in enumerate(["float32", "float64", "float16", "uint8", "int8", "int32", "int64", "bool"]):
    shape = [(5,), (2, 3), (2, 1, 3), (1, 2, 2, 2)][i % 4]
    values = rng.standard_normal(shape) * 50
    if dt in ("uint8", "bool"):
        values = onp.abs(values) * (rng.uniform(size=shape) > 0.3)
    dtype_arrays[dt] = nd(values, dt)
special = mx.nd.array([onp.nan, onp.inf, -onp.inf, -0.0, 1e-40, 65504.0])
dtype_arrays["float32_special"] = special
dtype_arrays["float16_special"] = special.astype("float16")
from mxnet.contrib.amp.amp import bfloat16  # noqa: E402 - the dtype object 1.9.1 uses for bfloat16
dtype_arrays["bfloat16"] = mx.nd.amp_cast(mx.nd.array([1.5, -2, 3.14159, 0, 1e30, -1e-30]), dtype=bfloat16)
mx.nd.save(path_of("all_dtypes"), dtype_arrays)
readable("all_dtypes", writer="v2")
mx.nd.save(path_of("rank6_and_long_names"), {"a" * 300: mx.nd.array(onp.arange(64).reshape(2, 2, 2, 2, 2, 2)),
                                              "ünïcødé/name:with.dots": mx.nd.array([1.0])})
readable("rank6_and_long_names", writer="v2")

with mx.util.np_shape(True):
    mx.nd.save(path_of("np_shape_scalars"), {
        "scalar_f32": mx.nd.array(onp.array(2.5, "float32")),
        "scalar_i64": mx.nd.array(onp.array(-7, "int64"), dtype="int64"),
        "vector": mx.nd.array([1.0, 2.0]),
        "zero_size": mx.nd.zeros((0, 3)),
        "zero_size_3d": mx.nd.zeros((2, 0, 4), dtype="int32"),
    })
readable("np_shape_scalars", writer="v3")
mx.npx.set_np()
mx.npx.save(path_of("npx_save"), {"w": mx.np.array(rng.standard_normal((3, 2))), "s": mx.np.array(5.0),
                                  "e": mx.np.zeros((0,))})
mx.npx.reset_np()
readable("npx_save", writer="v3")

rs = mx.nd.sparse.row_sparse_array((onp.array([[1, 2], [3, 4]], "float32"), onp.array([1, 3])), shape=(5, 2))
rs3 = mx.nd.sparse.row_sparse_array((rng.standard_normal((2, 2, 3)), onp.array([0, 2])), shape=(4, 2, 3),
                                    dtype="float64")
rs_empty = mx.nd.sparse.zeros("row_sparse", (3, 2))
cs = mx.nd.sparse.csr_matrix((onp.array([1, 2, 3], "float32"), onp.array([0, 2, 1]), onp.array([0, 2, 2, 3])),
                             shape=(3, 4))
cs_empty = mx.nd.sparse.zeros("csr", (2, 5))
mx.nd.save(path_of("sparse"), {"rs": rs, "rs3": rs3, "rs_empty": rs_empty, "csr": cs, "csr_empty": cs_empty,
                               "dense": mx.nd.ones((2,))})
readable("sparse")

gluon_net = mx.gluon.nn.HybridSequential()
with gluon_net.name_scope():
    gluon_net.add(mx.gluon.nn.Conv2D(2, 3, in_channels=1), mx.gluon.nn.BatchNorm(in_channels=2),
                  mx.gluon.nn.Dense(3, in_units=18))
gluon_net.initialize(mx.init.Normal(0.5))
gluon_net.hybridize()
gluon_net(mx.nd.ones((1, 1, 5, 5)))
gluon_net.save_parameters(path_of("gluon_save_parameters"))
readable("gluon_save_parameters", writer="v2")
export_prefix = os.path.join(PARAMS_DIR, "gluon_export")
gluon_net.export(export_prefix)
os.remove(export_prefix + "-symbol.json")
os.rename(export_prefix + "-0000.params", path_of("gluon_export"))
readable("gluon_export", writer="v2")


# --- crafted with struct, confirmed by MXNet 1.9.1 -------------------------------------------------------------------
def header(count, reserved=0):
    return struct.pack("<QQQ", 0x112, reserved, count)


def names_block(names):
    if names is None:
        return struct.pack("<Q", 0)
    out = struct.pack("<Q", len(names))
    for n in names:
        b = n.encode("utf-8") if isinstance(n, str) else n
        out += struct.pack("<Q", len(b)) + b
    return out


def shape64(shape):
    return struct.pack("<i", len(shape)) + b"".join(struct.pack("<q", d) for d in shape)


def values_of(array):
    return onp.ascontiguousarray(array).tobytes()


def v1_record(array, ctx=CPU):
    return struct.pack("<I", V1) + shape64(array.shape) + ctx + struct.pack("<i", FLAGS[str(array.dtype)]) + \
        values_of(array)


def pre_v1_record(array):
    return struct.pack("<I", array.ndim) + b"".join(struct.pack("<I", d) for d in array.shape) + CPU + \
        struct.pack("<i", FLAGS[str(array.dtype)]) + values_of(array)


def dense_record(array, magic=V2, ctx=CPU, flag=None):
    return struct.pack("<Ii", magic, 0) + shape64(array.shape) + ctx + \
        struct.pack("<i", FLAGS[str(array.dtype)] if flag is None else flag) + values_of(array)


def sparse_record(stype, shape, values, aux, magic=V2):
    """aux: list of index arrays (row_sparse: indices; csr: indptr, indices)."""
    out = struct.pack("<Ii", magic, stype) + shape64(values.shape) + shape64(shape) + CPU + \
        struct.pack("<i", FLAGS[str(values.dtype)])
    for a in aux:
        out += struct.pack("<i", FLAGS[str(a.dtype)]) + shape64(a.shape)
    return out + values_of(values) + b"".join(values_of(a) for a in aux)


def craft(name, records, names, reserved=0, tail=b""):
    blob = header(len(records), reserved) + b"".join(records) + names_block(names) + tail
    with open(path_of(name), "wb") as f:
        f.write(blob)
    return blob


f32 = lambda *shape: rng.standard_normal(shape).astype("float32")  # noqa: E731
craft("v1_records", [v1_record(f32(2, 3)), v1_record(onp.array([1, -2, 3], "int64")),
                     v1_record(onp.array(7.5, "float32")), v1_record(onp.zeros((0, 2), "float32")),
                     v1_record(f32(1, 2), ctx=struct.pack("<ii", 2, 3))],
      ["arg:w", "arg:i", "arg:scalar", "aux:e", "arg:gpu"])
readable("v1_records")
craft("pre_v1_records", [pre_v1_record(f32(3, 2)), pre_v1_record(onp.array(-1.25, "float32")),
                         pre_v1_record(onp.array([[1, 2]], "int32")), pre_v1_record(onp.zeros((2, 0), "float32"))],
      None)
readable("pre_v1_records")
craft("mixed_layouts", [pre_v1_record(f32(2)), v1_record(f32(2, 2)), dense_record(f32(3, 1)),
                        sparse_record(1, (3, 2), f32(1, 2), [onp.array([2], "int64")])], ["a", "b", "c", "d"])
readable("mixed_layouts")
craft("v2_gpu_context_reserved_trailing", [dense_record(f32(2, 2), ctx=struct.pack("<ii", 2, 1))], ["x"],
      reserved=12345, tail=b"trailing bytes MXNet ignores")
readable("v2_gpu_context_reserved_trailing")
craft("sparse_int32_indices", [
    sparse_record(1, (4, 3), f32(2, 3), [onp.array([0, 3], "int32")]),
    sparse_record(2, (2, 3), onp.array([5, 6], "float64"), [onp.array([0, 1, 2], "int32"), onp.array([2, 0], "int32")]),
    sparse_record(1, (3,), onp.array([True, True]), [onp.array([0, 2], "int64")]),
], ["rs", "csr", "rs_bool"])
readable("sparse_int32_indices")
craft("duplicate_names", [dense_record(f32(1)), dense_record(f32(2))], ["arg:x", "arg:x"])
readable("duplicate_names", writer="v2")
craft("v3_records", [dense_record(onp.array(3.0, "float64"), magic=V3), dense_record(f32(0), magic=V3),
                     dense_record(onp.array([True, False]), magic=V3)], ["s", "e", "b"])
readable("v3_records", writer="v3")

# dtype flags 8-11 (MXNet 2.0's int16, uint16, uint32, uint64): 1.9.1 refuses them, so the expectation is the data
# written.
extra = {"int16": onp.array([[-3, 300], [7, -32768]], "int16"), "uint16": onp.array([1, 65535], "uint16"),
         "uint32": onp.array([4000000000], "uint32"), "uint64": onp.array([2 ** 64 - 1, 5], "uint64")}
craft("mxnet2_dtypes", [dense_record(a) for a in extra.values()], list(extra))
cases.append({"name": "mxnet2_dtypes", "file": "mxnet2_dtypes.params", "names": list(extra), "np_shape": False,
              "arrays": [{"dtype": str(a.dtype), "shape": list(a.shape), "stype": "default", "hex": a.tobytes().hex()}
                         for a in extra.values()],
              "writer": "v2", "expected_from": "numpy", "mxnet": mxnet_load(path_of("mxnet2_dtypes")).get("error")})


# --- malformed files --------------------------------------------------------------------------------------------------
def bad(name, blob, message, reason):
    with open(path_of(name), "wb") as f:
        f.write(blob)
    r = mxnet_load(path_of(name))
    mxnet = "crash" if "crash" in r else ("error" if "error" in r else "loads")
    cases.append({"name": name, "file": name + ".params", "error": True, "message": message, "reason": reason,
                  "mxnet": mxnet})


good = dense_record(f32(2, 3))
ok_file = header(1) + good + names_block(["w"])
bad("empty", b"", "empty file", "no bytes")
bad("three_bytes", b"\x12\x01\x00", "too short", "shorter than the list magic")
bad("garbage_text", b"this is not an MXNet parameter file at all, just text\n" * 3, "not an MXNet .params file",
    "text")
bad("wrong_list_magic", struct.pack("<QQQ", 0x113, 0, 1) + good + names_block(["w"]), "list magic 0x113",
    "list magic 0x113")
bad("header_only", header(1)[:16], "array count is cut short", "ends after the reserved field")
bad("count_2_pow_60", header(2 ** 60) + good + names_block(None), "declares 1152921504606846976 arrays",
    "array count 2^60")
bad("count_too_large", header(5) + good + names_block(None), "array 1 of 5", "5 arrays declared, 1 present")
bad("unknown_record_magic", header(1) + struct.pack("<I", 0x12345678) + good[4:] + names_block(None),
    "unknown record magic 0x12345678", "record magic")
bad("unknown_storage_type", header(1) + struct.pack("<Ii", V2, 5) + good[8:] + names_block(None),
    "unknown storage type 5", "storage type 5")
bad("undefined_storage_type", header(1) + struct.pack("<Ii", V2, -1) + good[8:] + names_block(None),
    "unknown storage type -1", "storage type -1 (undefined)")
bad("v3_sparse", header(1) + sparse_record(1, (3, 2), f32(1, 2), [onp.array([2], "int64")], magic=V3) +
    names_block(None), "V3 record with row_sparse storage", "sparse V3 record")
bad("dtype_flag_13", header(1) + dense_record(f32(2), flag=13) + names_block(None), "unknown dtype flag 13",
    "dtype flag 13")
bad("dtype_flag_negative", header(1) + dense_record(f32(2), flag=-1) + names_block(None), "unknown dtype flag -1",
    "dtype flag -1")
bad("sparse_float_indices", header(1) + sparse_record(1, (3, 2), f32(1, 2), [onp.array([2], "float32")]) +
    names_block(None), "must be integers", "row_sparse indices of dtype float32")
bad("ndim_1000", header(1) + struct.pack("<Iii", V2, 0, 1000) + b"\0" * 64 + names_block(None),
    "1000 dimensions", "ndim 1000")
bad("ndim_40", header(1) + struct.pack("<Ii", V2, 0) + shape64((1,) * 40) + CPU + struct.pack("<i", 3) + b"\0" +
    names_block(None), "40 dimensions",
    "ndim 40 (above the limit of 32; MXNet has none)")
bad("ndim_negative", header(1) + struct.pack("<Iii", V2, 0, -1) + CPU + names_block(None), "ndim -1",
    "ndim -1 in a V2 record")
bad("v3_unknown_dim", header(1) + struct.pack("<Iiiq", V3, 0, 1, -1) + CPU + struct.pack("<i", 0) + b"\0" * 4 +
    names_block(None), "unknown or negative dimension (-1)", "V3 dimension -1")
bad("negative_dim", header(1) + struct.pack("<Iiiqq", V2, 0, 2, 3, -5) + CPU + struct.pack("<i", 0) + b"\0" * 60 +
    names_block(None), "negative dimension (-5)", "dimension -5")
bad("shape_2_pow_40", header(1) + struct.pack("<Iiiqq", V2, 0, 2, 2 ** 40, 1024) + CPU + struct.pack("<i", 0) +
    b"\0" * 60 + names_block(["arg:fc1_weight"]), "need 4503599627370496 bytes but 90 remain",
    "a 4 PiB shape in a 150-byte file")
bad("shape_overflow", header(1) + struct.pack("<Iiiqq", V2, 0, 2, 2 ** 62, 2 ** 62) + CPU + struct.pack("<i", 0) +
    names_block(None), "the byte size overflows", "dimensions whose product overflows")
bad("pre_v1_huge_dims", header(1) + struct.pack("<III", 2, 2 ** 32 - 1, 2 ** 20) + CPU + struct.pack("<i", 0) +
    names_block(None), "need 18014398505287680 bytes", "pre-V1 dims 2^32-1 and 2^20")
bad("pre_v1_ndim_33", header(1) + struct.pack("<I", 33) + b"\1\0\0\0" * 33 + CPU + struct.pack("<i", 0) + b"\0" * 4 +
    names_block(None), "unknown record magic 0x21", "pre-V1 ndim 33")
bad("v2_ndim_0_none", header(1) + struct.pack("<Iii", V2, 0, 0) + names_block(None), "V2 record with ndim 0",
    "a V2 'none' array, which mx.nd.load cannot return")
with mx.util.np_shape(False):  # what 1.9.1 writes for a 0-d array outside np-shape mode; it cannot read it back
    mx.nd.save(path_of("tmp"), [mx.np.array(3.0).as_nd_ndarray()])
with open(path_of("tmp"), "rb") as f:
    zero_d_v2 = f.read()
os.remove(path_of("tmp"))
bad("mxnet_0d_outside_np_shape", zero_d_v2, "V2 record with ndim 0",
    "mx.nd.save of a 0-d array outside np-shape mode (MXNet 1.9.1 cannot load it either)")
bad("names_count_mismatch", header(1) + good + names_block(["a", "b"]), "name count 2 does not match the array count 1",
    "2 names, 1 array")
bad("names_count_2_pow_60", header(1) + good + struct.pack("<Q", 2 ** 60),
    "name count 1152921504606846976 does not match the array count 1",
    "name count 2^60")
bad("name_length_2_pow_50", header(1) + good + struct.pack("<QQ", 1, 2 ** 50) + b"abc",
    "declares 1125899906842624 bytes", "name length 2^50")
bad("name_not_utf8", header(1) + good + struct.pack("<QQ", 1, 2) + b"\xff\xfe", "not valid UTF-8", "name bytes ff fe")
bad("names_missing", header(1) + good, "name count is cut short", "file ends after the records")
bad("truncated_values", ok_file[:24 + len(good) - 5], "values", "values cut short")
bad("truncated_name", ok_file[:-1], "name 0 of 1 declares 1 bytes but 0 remain", "name cut short")
bad("truncated_in_shape", ok_file[:24 + 14], "V2 shape", "file ends inside the shape")
bad("row_sparse_index_out_of_range", header(1) + sparse_record(1, (3, 2), f32(1, 2), [onp.array([3], "int64")]) +
    names_block(["emb"]), "row_sparse index 3 (entry 0) is out of range for 3 rows", "index 3 of 3 rows")
bad("sparse_error_names_array", header(1) + sparse_record(1, (3, 2), f32(1, 2), [onp.array([9], "int64")]) +
    names_block(["arg:emb\nweight"]), "array 0 ('arg:emb\\nweight'): row_sparse index 9",
    "an error found after the names were read names the array, control characters escaped")
bad("row_sparse_negative_index", header(1) + sparse_record(1, (3, 2), f32(1, 2), [onp.array([-1], "int64")]) +
    names_block(None), "row_sparse index -1", "index -1")
bad("row_sparse_shape_mismatch", header(1) + struct.pack("<Ii", V2, 1) + shape64((1, 3)) + shape64((3, 2)) + CPU +
    struct.pack("<i", 0) + struct.pack("<i", 6) + shape64((1,)) + b"\0" * 20 + names_block(None),
    "row_sparse values of shape (1, 3) do not fit", "values (1, 3) for shape (3, 2)")
bad("csr_indptr_decreasing", header(1) + sparse_record(2, (2, 3), f32(2), [onp.array([0, 3, 2], "int64"),
                                                                           onp.array([0, 1], "int64")]) +
    names_block(None), "csr indptr at row 0 runs from 0 to 3", "indptr 0, 3, 2")
bad("csr_indptr_end", header(1) + sparse_record(2, (2, 3), f32(2), [onp.array([0, 1, 1], "int64"),
                                                                    onp.array([0, 1], "int64")]) +
    names_block(None), "csr indptr runs from 0 to 1", "indptr ends at 1 of 2 values")
bad("csr_column_out_of_range", header(1) + sparse_record(2, (2, 3), f32(2), [onp.array([0, 1, 2], "int64"),
                                                                             onp.array([0, 3], "int64")]) +
    names_block(None), "csr column index 3 (entry 1) is out of range for 3 columns", "column 3 of 3")
bad("csr_3d", header(1) + struct.pack("<Ii", V2, 2) + shape64((0,)) + shape64((2, 2, 2)) + CPU + struct.pack("<i", 0) +
    struct.pack("<i", 6) + shape64((3,)) + struct.pack("<i", 6) + shape64((0,)) + b"\0" * 24 + names_block(None),
    "csr is 2-D", "a 3-D csr array")
bad("sparse_expansion_bomb", header(1) + sparse_record(1, (2 ** 40, 2 ** 20), onp.zeros((0, 2 ** 20), "float32"),
                                                       [onp.zeros((0,), "int64")]) + names_block(["emb"]),
    "above the limit of 4294967296", "an empty row_sparse array of 2^60 dense elements")

write("params", cases, __file__)
