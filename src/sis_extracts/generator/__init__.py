"""Deterministic synthetic Infinite Campus-shaped district generator (see docs/generator.md)."""
