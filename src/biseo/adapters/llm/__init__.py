"""Language-model clients."""
