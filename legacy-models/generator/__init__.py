"""Case modules for legacy-models/generate.py (see common.py for the folder layout)."""
