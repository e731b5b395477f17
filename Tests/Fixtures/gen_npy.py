"""Generates Tests/MXNetTests/Fixtures/npy/*.npy with NumPy 1.23 (np.save / np.lib.format) and
Tests/MXNetTests/Fixtures/npy.json: for each file, the expected contents or that reading must fail."""
import io
import os
import pickle
import struct

import numpy as onp
from oracle import encode, write, OUT_DIR

NPY_DIR = os.path.join(OUT_DIR, "npy")
os.makedirs(NPY_DIR, exist_ok=True)
for f in os.listdir(NPY_DIR):
    if f.endswith(".npy"):
        os.remove(os.path.join(NPY_DIR, f))
rng = onp.random.RandomState(3)
cases = []


def save(name, array, version=None, note=None):
    path = os.path.join(NPY_DIR, name + ".npy")
    with open(path, "wb") as f:
        if version is None:
            onp.save(f, array)
        else:
            onp.lib.format.write_array(f, array, version=version)
    # The expected contents in native byte order (the Swift side reads big-endian files into native order).
    expected = array.astype(array.dtype.newbyteorder("=")) if array.dtype.byteorder == ">" else array
    cases.append({"name": name, "file": name + ".npy", "expected": encode(expected),
                  "numpy_layout": version is None and array.dtype.byteorder != ">"})


def raw(name, data, reason):
    with open(os.path.join(NPY_DIR, name + ".npy"), "wb") as f:
        f.write(data)
    cases.append({"name": name, "file": name + ".npy", "error": True, "reason": reason})


def header_bytes(d, version=(1, 0)):
    buf = io.BytesIO()
    onp.lib.format._write_array_header(buf, d, version)
    return buf.getvalue()


for dt in ["float32", "float64", "float16", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
    values = rng.standard_normal((3, 4)) * 100
    save(dt, (onp.abs(values) if dt.startswith("u") else values).astype(dt))
save("bool", rng.uniform(size=(2, 5)) > 0.5)
save("scalar_float32", onp.array(2.5, "float32"))
save("scalar_int64", onp.array(-7, "int64"))
save("empty_1d", onp.zeros((0,), "float32"))
save("empty_2d", onp.zeros((0, 3), "int32"))
save("empty_3d", onp.zeros((2, 0, 4), "float64"))
save("rank4", onp.arange(120, dtype="float32").reshape(2, 3, 4, 5))
save("special_floats", onp.array([onp.nan, onp.inf, -onp.inf, -0.0, 1e-40], "float32"))
save("big_endian_float32", onp.arange(6, dtype=">f4").reshape(2, 3))
save("big_endian_int64", onp.array([1, -2, 2 ** 40], ">i8"))
save("version_2", onp.arange(5, dtype="float64"), version=(2, 0))
save("version_3", onp.arange(4, dtype="int16"), version=(3, 0))
save("long_shape", onp.zeros((1,) * 30, "uint8"))
# bfloat16 as NumPy writes ml_dtypes.bfloat16 arrays: descriptor '<V2', raw 16-bit patterns.
bf_bits = onp.array([0x3FC0, 0xC000, 0x4049, 0x0000, 0x7F80], "<u2")  # 1.5, -2, 3.140625, 0, inf
with open(os.path.join(NPY_DIR, "bfloat16.npy"), "wb") as f:
    f.write(header_bytes({"descr": "<V2", "fortran_order": False, "shape": (5,)}))
    f.write(bf_bits.tobytes())
bf_values = (bf_bits.astype("<u4") << 16).view("<f4")
cases.append({"name": "bfloat16", "file": "bfloat16.npy", "expected": encode(bf_values), "dtype": "bfloat16",
              "numpy_layout": True})

# --- files that must be refused --------------------------------------------------------------------------------------
with open(os.path.join(NPY_DIR, "fortran_order.npy"), "wb") as f:
    onp.save(f, onp.asfortranarray(onp.arange(6, dtype="float32").reshape(2, 3)))
cases.append({"name": "fortran_order", "file": "fortran_order.npy", "error": True, "reason": "Fortran order"})
with open(os.path.join(NPY_DIR, "object_array.npy"), "wb") as f:
    onp.save(f, onp.array([{"a": 1}, None], dtype=object), allow_pickle=True)
cases.append({"name": "object_array", "file": "object_array.npy", "error": True, "reason": "pickled objects"})
with open(os.path.join(NPY_DIR, "structured.npy"), "wb") as f:
    onp.save(f, onp.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
cases.append({"name": "structured", "file": "structured.npy", "error": True, "reason": "structured dtype"})
ok = header_bytes({"descr": "<f4", "fortran_order": False, "shape": (1000,)})
raw("truncated_data", ok + b"\0" * 8, "header promises 4000 bytes")
raw("huge_shape", header_bytes({"descr": "<f8", "fortran_order": False, "shape": (2 ** 40, 2 ** 40)}) + b"\0" * 16,
    "shape overflows")
raw("lying_shape", header_bytes({"descr": "<f8", "fortran_order": False, "shape": (2 ** 33,)}) + b"\0" * 16,
    "2^36 bytes promised")
raw("bad_magic", b"\x93NUMPX\x01\x00" + ok[8:] + b"\0" * 4000, "magic string")
raw("bad_version", b"\x93NUMPY\x09\x00" + ok[8:] + b"\0" * 4000, "version 9")
raw("truncated_header", ok[:40], "header cut short")
raw("empty_file", b"", "no magic")
raw("header_length_past_end", b"\x93NUMPY\x01\x00\xff\xff{'descr': '<f4'", "header length past the end")
def custom(text):
    body = text.encode("latin1")
    pad = 64 - (10 + len(body) + 1) % 64
    body += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(body)) + body
raw("not_a_dict", custom("['descr', '<f4']") + b"\0" * 4, "header is a list")
raw("missing_key", custom("{'descr': '<f4', 'shape': (1,), }") + b"\0" * 4, "no fortran_order")
raw("extra_key", custom("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1, }") + b"\0" * 4, "extra key")
raw("negative_dim", custom("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }") + b"\0" * 4, "negative dimension")
raw("bad_descr", custom("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }") + b"\0" * 8, "complex dtype")
raw("unterminated", custom("{'descr': '<f4, 'fortran_order': False") + b"\0" * 4, "unterminated string")

write("npy", cases, __file__)
