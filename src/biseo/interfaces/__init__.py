"""Thin edges: CLI and HTTP API. Parse input, call one service, render output."""
