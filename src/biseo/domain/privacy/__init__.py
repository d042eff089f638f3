"""Personal data: kinds, spans, and reversible pseudonymization within one request."""
