"""Engines other than the embedded DuckDB: what the loader and the exporter need to talk to each one."""
