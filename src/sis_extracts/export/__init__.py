"""The Python layer behind `sis-extracts`: options, the dbt run, and the files it writes.

One module per job: `options` (editor options -> dbt vars), `project` (where the dbt project is),
`preflight` (raw folder, calendars, output folder), `dbt_runner` (the build), `marts` (what
target/manifest.json says about each mart's columns), `writer` (streaming CSV/tab export),
`html` (review pages), `run_manifest` (manifest.json), `progress` (stderr), `errors` (exit codes),
`extracts` (the two extracts, end to end).
"""
