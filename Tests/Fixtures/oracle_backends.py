"""Runs chosen cases of a fixture generator on MXNet's own CPU kernels instead of its oneDNN (MKLDNN) ones.

MXNet 1.9.1 reads MXNET_MKLDNN_ENABLED once per process, so the generator re-runs itself in a child process with
MXNET_MKLDNN_ENABLED=0 and `--native`; each process computes only its share of the cases and the parent merges.

Usage in a generator:
    backends = Backends(native=lambda name: ...)    # which cases need MXNet's own kernels
    cases, failed, op_case, error_case = backends.cases, backends.failed, backends.op_case, backends.error_case
    op_case("conv_3d", "Convolution", [...], {...})   # computed here or in the child, by `native`
    ...
    if backends.is_child: backends.emit(cases) else: write(family, backends.merge(cases, __file__), __file__)
"""
import json
import os
import subprocess
import sys

import oracle


class Backends:
    def __init__(self, native):
        self.native = native
        self.is_child = "--native" in sys.argv
        self.cases = []
        self.failed = []

    def op_case(self, name, *args, **kwargs):
        """`oracle.op_case` in the process that owns `name`; a placeholder in the other. Failures are collected."""
        if not self.runs_here(name):
            self.cases.append(self.placeholder(name))
            return
        try:
            self.cases.append(oracle.op_case(name, *args, **kwargs))
        except Exception as e:  # noqa: BLE001 - report every case MXNet cannot run, then stop
            self.failed.append("%s: %s" % (name, str(e).strip().splitlines()[-1][:200]))

    def error_case(self, name, *args, **kwargs):
        try:
            self.cases.append(oracle.error_case(name, *args, **kwargs))
        except AssertionError as e:
            self.failed.append("%s: %s" % (name, e))

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
