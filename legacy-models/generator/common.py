"""The case writer shared by every generator module: save a model the way a 1.x user did, then run the files
on disk in MXNet 1.9.1 and record what it computes.

A case folder holds:
    model-symbol.json      the graph, as MXNet (or a hand-written legacy file) wrote it
    model-0000.params      the parameters, as MXNet (or a legacy layout) wrote them
    inputs/<name>.npy      one per data input, named by the input variable
    expected/output_<i>.npy  MXNet 1.9.1's outputs of bind + forward(is_train=False), in MXNet's dtype
    meta.json              inputs, optional labels, outputs, tolerances, provenance

Expected values never come from the objects that wrote the files: `record` reloads the files with
`mx.sym.load` / `mx.nd.load`, binds and runs them, so the expectation is what MXNet does with the file on disk.
"""
import json
import os
import shutil
import zlib

import numpy as np
import mxnet as mx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED_BY = "legacy-models/generate.py with MXNet %s; regenerate, never edit by hand" % mx.__version__

# name -> (function, description, env); filled by @case in the case modules, in definition order.
REGISTRY = {}


def case(name, description, env=None):
    """Registers a case function `fn(c)` taking a `Case`; it writes the folder and returns the meta dict.
    `env`: environment variables MXNet must start with for this case (generate.py runs it in a subprocess)."""
    def register(fn):
        if name in REGISTRY:
            raise ValueError("duplicate case %s" % name)
        REGISTRY[name] = (fn, description, env or {})
        return fn
    return register


def rng_for(name):
    return np.random.RandomState(zlib.crc32(name.encode()) & 0x7FFFFFFF)


def case_dir(name):
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "inputs"))
    os.makedirs(os.path.join(d, "expected"))
    return d


def prefix(d):
    return os.path.join(d, "model")


# MARK: - Random values

def normal(rng, *shape, scale=1.0, dtype="float32"):
    return (rng.standard_normal(shape) * scale).astype(dtype)


def uniform(rng, lo, hi, *shape, dtype="float32"):
    return rng.uniform(lo, hi, shape).astype(dtype)


def integers(rng, lo, hi, *shape, dtype="float32"):
    """Integer values in [lo, hi), stored as `dtype` (1.x models feed indices as float32)."""
    return rng.randint(lo, hi, shape).astype(dtype)


def param_value(rng, name, shape, dtype):
    """A plausible value for a parameter called `name`: weights scaled by fan-in, positive variances."""
    shape = tuple(shape)
    if name.endswith("moving_var") or name.endswith("running_var"):
        v = rng.uniform(0.5, 1.5, shape)
    elif name.endswith("moving_mean") or name.endswith("running_mean"):
        v = rng.standard_normal(shape) * 0.2
    elif name.endswith("gamma"):
        v = rng.uniform(0.5, 1.5, shape)
    elif name.endswith("bias") or name.endswith("beta"):
        v = rng.standard_normal(shape) * 0.1
    else:
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        v = rng.standard_normal(shape) / np.sqrt(max(fan_in, 1))
    return v.astype(dtype)


def random_params(rng, sym, inputs, labels=()):
    """Values for every argument and auxiliary state of `sym` that is neither an input nor a label, with the
    shapes and dtypes MXNet infers from `inputs` (name -> numpy array). Returns (arg_params, aux_params) as
    dicts of mx.nd arrays."""
    shapes = {k: v.shape for k, v in inputs.items()}
    dtypes = {k: v.dtype for k, v in inputs.items()}
    arg_shapes, _, aux_shapes = sym.infer_shape(**shapes)
    arg_types, _, aux_types = sym.infer_type(**dtypes)
    args, aux = {}, {}
    for name, shape, dt in zip(sym.list_arguments(), arg_shapes, arg_types):
        if name in inputs or name in labels:
            continue
        args[name] = mx.nd.array(param_value(rng, name, shape, dt), dtype=dt)
    for name, shape, dt in zip(sym.list_auxiliary_states(), aux_shapes, aux_types):
        aux[name] = mx.nd.array(param_value(rng, name, shape, dt), dtype=dt)
    return args, aux


def randomize_gluon(rng, net):
    """Overwrites every parameter of an initialised gluon block with seeded values (so files do not depend on
    MXNet's own random stream)."""
    for name, p in sorted(net.collect_params().items()):
        arr = p.data()
        p.set_data(mx.nd.array(param_value(rng, name, arr.shape, arr.dtype), dtype=arr.dtype))


# MARK: - Saving the way 1.x users did

def save_checkpoint(d, sym, args, aux):
    mx.model.save_checkpoint(prefix(d), 0, sym, args, aux)
    return "mx.model.save_checkpoint"


def save_module(d, sym, args, aux, inputs, labels=()):
    """Module.bind for inference, set_params, Module.save_checkpoint."""
    mod = mx.mod.Module(sym, data_names=list(inputs), label_names=list(labels) or None, context=mx.cpu())
    data_shapes = [(k, v.shape) for k, v in inputs.items()]
    label_shapes = None
    if labels:
        arg_shapes, _, _ = sym.infer_shape_partial(**dict(data_shapes))
        by_name = dict(zip(sym.list_arguments(), arg_shapes))
        label_shapes = [(k, by_name[k]) for k in labels]
    mod.bind(data_shapes=data_shapes, label_shapes=label_shapes, for_training=False)
    mod.set_params(args, aux, allow_missing=False)
    mod.save_checkpoint(prefix(d), 0)
    return "mx.mod.Module.save_checkpoint"


def export_gluon(d, net, inputs):
    """Hybridize, run once, HybridBlock.export (the gluon way to a symbol file + params)."""
    net.hybridize()
    net(*[mx.nd.array(v, dtype=v.dtype) for v in inputs.values()])
    net.export(prefix(d), epoch=0)
    return "gluon.HybridBlock.export"


def write_inputs(d, inputs):
    for name, value in inputs.items():
        np.save(os.path.join(d, "inputs", name + ".npy"), value)


# MARK: - Running the files on disk

def load_files(d, params_file="model-0000.params"):
    sym = mx.sym.load(os.path.join(d, "model-symbol.json"))
    loaded = mx.nd.load(os.path.join(d, params_file))
    if isinstance(loaded, list):  # a file without names: only an empty one is usable
        if loaded:
            raise ValueError("%s: params file holds %d unnamed arrays" % (d, len(loaded)))
        loaded = {}
    arg_names, aux_names = set(sym.list_arguments()), set(sym.list_auxiliary_states())
    args, aux = {}, {}
    for key, value in loaded.items():
        kind, _, name = key.partition(":")
        if not name:
            kind, name = "", key
        if kind == "aux" or (kind == "" and name in aux_names):
            aux[name] = value
        elif kind == "arg" or (kind == "" and name in arg_names):
            args[name] = value
        else:
            raise ValueError("%s: params entry %s is neither an argument nor an auxiliary state" % (d, key))
    return sym, args, aux


def record(d, name, description, api, input_names, labels=(), rtol=1e-4, atol=1e-5, notes=None,
           params_file="model-0000.params"):
    """Loads the case's files with MXNet 1.9.1, runs bind + forward(is_train=False), and writes the expected
    outputs and meta.json. `labels` are arguments of loss-output ops that stay unbound (zeros here)."""
    sym, args, aux = load_files(d, params_file)
    inputs = {k: np.load(os.path.join(d, "inputs", k + ".npy")) for k in input_names}
    label_list = list(labels)
    known = set(inputs) | set(label_list) | set(args)
    missing = [a for a in sym.list_arguments() if a not in known]
    if missing:
        raise ValueError("%s: arguments with no value: %s" % (name, missing))
    missing_aux = [a for a in sym.list_auxiliary_states() if a not in aux]
    if missing_aux:
        raise ValueError("%s: auxiliary states with no value: %s" % (name, missing_aux))

    arg_shapes, _, _ = sym.infer_shape_partial(**{k: v.shape for k, v in inputs.items()})
    arg_types, _, _ = sym.infer_type_partial(**{k: v.dtype for k, v in inputs.items()})
    label_meta = []
    bound = dict(args)
    for k, v in inputs.items():
        bound[k] = mx.nd.array(v, dtype=v.dtype)
    for arg, shape, dt in zip(sym.list_arguments(), arg_shapes, arg_types):
        if arg in label_list:
            bound[arg] = mx.nd.zeros(shape, dtype=dt or "float32")
            label_meta.append({"name": arg, "shape": list(shape), "dtype": np.dtype(dt or "float32").name})
    exe = sym.bind(mx.cpu(), args=bound, aux_states=aux, grad_req="null")
    exe.forward(is_train=False)
    outputs = [o.asnumpy() for o in exe.outputs]
    out_meta = []
    for i, (o, out_name) in enumerate(zip(outputs, sym.list_outputs())):
        np.save(os.path.join(d, "expected", "output_%d.npy" % i), o)
        out_meta.append({"name": out_name, "file": "expected/output_%d.npy" % i, "shape": list(o.shape),
                         "dtype": o.dtype.name})
        if o.dtype.kind == "f" and not np.all(np.isfinite(o)):
            raise ValueError("%s: output %d has non-finite values" % (name, i))

    with open(os.path.join(d, "model-symbol.json")) as f:
        graph = json.load(f)
    version = graph.get("attrs", {}).get("mxnet_version")
    ops = sorted({n["op"] for n in graph["nodes"] if n["op"] != "null"})
    meta = {
        "generated_by": GENERATED_BY,
        "name": name,
        "description": description,
        "api": api,
        "mxnet_version": version[1] if isinstance(version, list) else version,
        "symbol": "model-symbol.json",
        "params": params_file,
        "inputs": [{"name": k, "file": "inputs/%s.npy" % k, "shape": list(v.shape), "dtype": v.dtype.name}
                   for k, v in inputs.items()],
        "optional_labels": label_meta,
        "outputs": out_meta,
        "ops": ops,
        "rtol": rtol,
        "atol": atol,
    }
    if notes:
        meta["notes"] = notes
    with open(os.path.join(d, "meta.json"), "w") as f:
        f.write(format_meta(meta))
    return meta


def format_meta(meta):
    """meta.json with one key per line and one input/output/label per line (readable diffs)."""
    lines = []
    for key, value in meta.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("  " + json.dumps(v) for v in value)
            lines.append("%s: [\n%s\n ]" % (json.dumps(key), items))
        else:
            lines.append("%s: %s" % (json.dumps(key), json.dumps(value)))
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def symbolic_case(d, name, description, sym, inputs, labels=(), rtol=1e-4, atol=1e-5, api="checkpoint",
                  rng=None, params=None, notes=None):
    """The common path: random parameters for `sym`, saved with mx.model.save_checkpoint (api="checkpoint")
    or Module.save_checkpoint (api="module"), then recorded."""
    inputs = {k: np.asarray(v) for k, v in inputs.items()}
    args, aux = params if params is not None else random_params(rng, sym, inputs, labels)
    if api == "module":
        api_name = save_module(d, sym, args, aux, inputs, labels)
    else:
        api_name = save_checkpoint(d, sym, args, aux)
    write_inputs(d, inputs)
    return record(d, name, description, api_name, list(inputs), labels, rtol, atol, notes)


def gluon_case(d, name, description, net, inputs, rng, rtol=1e-4, atol=1e-5, notes=None):
    """Initialise `net`, overwrite its parameters with seeded values, hybridize, export and record. Exported
    inputs are named `data` (one input) or `data0`, `data1`, ... (several)."""
    inputs = {k: np.asarray(v) for k, v in inputs.items()}
    net.initialize(mx.init.Xavier())
    net(*[mx.nd.array(v, dtype=v.dtype) for v in inputs.values()])  # finish deferred initialisation
    randomize_gluon(rng, net)
    api = export_gluon(d, net, inputs)
    write_inputs(d, inputs)
    return record(d, name, description, api, list(inputs), (), rtol, atol, notes)


class Case:
    """What a case function gets: its name, description, fresh folder and seeded generator, plus the two common
    ways to finish (a symbol with random parameters, or a gluon block)."""

    def __init__(self, name, description):
        self.name = name
        self.description = description
        self.rng = rng_for(name)
        self.dir = case_dir(name)

    # Random values from this case's generator.
    def normal(self, *shape, scale=1.0, dtype="float32"):
        return normal(self.rng, *shape, scale=scale, dtype=dtype)

    def uniform(self, lo, hi, *shape, dtype="float32"):
        return uniform(self.rng, lo, hi, *shape, dtype=dtype)

    def integers(self, lo, hi, *shape, dtype="float32"):
        return integers(self.rng, lo, hi, *shape, dtype=dtype)

    def symbolic(self, sym, inputs, labels=(), rtol=1e-4, atol=1e-5, api="checkpoint", params=None, notes=None):
        return symbolic_case(self.dir, self.name, self.description, sym, inputs, labels, rtol, atol, api,
                             self.rng, params, notes)

    def gluon(self, net, inputs, rtol=1e-4, atol=1e-5, notes=None):
        expected = ["data"] if len(inputs) == 1 else ["data%d" % i for i in range(len(inputs))]
        if list(inputs) != expected:
            raise ValueError("%s: exported gluon inputs are named %s" % (self.name, expected))
        return gluon_case(self.dir, self.name, self.description, net, inputs, self.rng, rtol, atol, notes)

    def record(self, api, input_names, labels=(), rtol=1e-4, atol=1e-5, notes=None,
               params_file="model-0000.params"):
        return record(self.dir, self.name, self.description, api, input_names, labels, rtol, atol, notes,
                      params_file)
