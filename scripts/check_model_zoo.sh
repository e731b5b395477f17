#!/usr/bin/env bash
# Runs all 34 gluon model_zoo.vision networks end to end against MXNet 1.9.1: for each, MXNet builds it with
# seeded weights (Tests/Fixtures/gen_model_zoo.py) and `mxv1 zoo` runs our model_zoo.vision definition on those
# weights, imperative and hybridized; outputs must agree to rtol 1e-3, atol 1e-4. Prints one line per model with
# the max abs errors, then `N passed, M failed`.
#
# Usage (from the repository root): scripts/check_model_zoo.sh [--models resnet18_v1,vgg16] [--size 224]
# Builds the release mxv1 first unless MXV1 names a binary. PY defaults to the oracle venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-${MXNET_ORACLE_PYTHON:-$HOME/.cache/mxnet-oracle/bin/python}}
if [[ -z "${MXV1:-}" ]]; then
    swift build -c release --product mxv1 >&2
    MXV1=.build/release/mxv1
fi
exec "$PY" Tests/Fixtures/gen_model_zoo.py --check "$MXV1" "$@"
