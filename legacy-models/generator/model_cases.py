"""Real architectures."""
