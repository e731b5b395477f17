"""Runs chosen cases of a fixture generator on MXNet's own CPU kernels instead of its oneDNN (MKLDNN) ones.

MXNet 1.9.1 reads MXNET_MKLDNN_ENABLED once per process, so the generator re-runs itself in a child process with
MXNET_MKLDNN_ENABLED=0 and `--native`; each process computes only its share of the cases and the parent merges.

Usage in a generator:
    backends = Backends(native=lambda name: ...)    # which cases need MXNet's own kernels
    if backends.runs_here(name): cases.append(op_case(...)) else: cases.append(backends.placeholder(name))
    ...
    if backends.is_child: backends.emit(cases) else: write(family, backends.merge(cases, __file__), __file__)
"""
import json
import os
import subprocess
import sys


class Backends:
    def __init__(self, native):
        self.native = native
        self.is_child = "--native" in sys.argv

    def runs_here(self, name):
        return self.native(name) == self.is_child

    @staticmethod
    def placeholder(name):
        return {"placeholder": name}

    def emit(self, cases):
        """Child process: prints its computed cases as JSON."""
        json.dump([c for c in cases if "placeholder" not in c], sys.stdout)

    def merge(self, cases, generator):
        """Parent process: runs the child and puts its cases in place of the placeholders."""
        env = dict(os.environ, MXNET_MKLDNN_ENABLED="0")
        out = subprocess.run([sys.executable, generator, "--native"], env=env, check=True, capture_output=True,
                             text=True)
        native = {c["name"]: c for c in json.loads(out.stdout)}
        return [native[c["placeholder"]] if "placeholder" in c else c for c in cases]
