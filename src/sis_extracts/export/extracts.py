"""The two extracts end to end: check, build, export, record.

options -> preflight (raw folder, calendars, output folder) -> dbt build of the marts the
reports need -> one file per report (KECS) / per district (IL), streamed from DuckDB ->
manifest.json -> summary
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from sis_extracts.explain import READ_MODELS
from sis_extracts.export.dbt_runner import BuildOutcome, model_files_missing, run_build
from sis_extracts.export.errors import InternalError, OutputError
from sis_extracts.export.html import count_rows, issues_view, write_html
from sis_extracts.export.marts import MartSpec, load_manifest, mart_spec, passed_tests, quote_ident
from sis_extracts.export.options import (
    KECS_FORMATS,
    KECS_ISSUES_MART,
    KECS_REPORTS,
    SCA_FORMATS,
    SCA_HEADER_MART,
    SCA_ISSUES_MART,
    SCA_RECORDS_MART,
    KecsOptions,
    ScaOptions,
)
from sis_extracts.export.preflight import (
    RunLock,
    check_calendars,
    check_editor_options,
    check_raw_folder,
    prepare_out,
)
from sis_extracts.export.progress import Progress
from sis_extracts.export.project import find_project_dir, versions
from sis_extracts.export.run_manifest import write_manifest
from sis_extracts.export.summary import SUMMARY_NAME, build_summary, write_summary
from sis_extracts.export.writer import FileResult, sql_str, write_mart_file, write_with_preamble
from sis_extracts.review import ExtractLink, write_review, write_run_index

# The IL file header (document "Header Layout"), in the document's order: element -> mart column.
SCA_HEADER_ELEMENTS = (
    ("FileType", "file_type"),
    ("Total Records", "total_records"),
    ("File Name", "file_name"),
    ("File Date", "file_date"),
    ("RCDTS", "rcdts"),
)
SCA_REPORT_LABEL = "Student Course Assignment"


@dataclass
class RunSummary:
    extract: str
    title: str
    out: Path
    files: list[FileResult]
    issues_by_severity: dict[str, int] | None
    tests: dict[str, int]
    warned_tests: list[tuple[str, int]]
    manifest: Path
    log_file: Path
    notes: list[str] = field(default_factory=list)
    # summary.json beside the manifest (export/summary.py): accounting per report, students on no
    # report, Issues by number
    summary: dict = field(default_factory=dict)
    summary_path: Path | None = None


def _options_record(opts: KecsOptions | ScaOptions) -> dict:
    def conv(v: object) -> object:
        if isinstance(v, Path):
            return str(v)
        if isinstance(v, datetime):
            return v.strftime("%Y-%m-%d %H:%M")
        if isinstance(v, date):
            return v.isoformat()
        return v

    return {f.name: conv(getattr(opts, f.name)) for f in dataclasses.fields(opts)}


def connect(outcome: BuildOutcome) -> duckdb.DuckDBPyConnection:
    """The run's database, for the export (same configuration as dbt's connection in this process)."""
    try:
        # plain configuration, like dbt's (profiles.yml): DuckDB refuses a second connection with
        # another one to the file dbt may still hold open; it spills to `<database>.tmp`
        con = duckdb.connect(str(outcome.db_path))
    except duckdb.Error as exc:
        raise InternalError(
            f"cannot open the run's database {outcome.db_path}: {str(exc).splitlines()[0]}"
        ) from None
    if os.environ.get("SIS_EXTRACTS_MEMORY_LIMIT"):
        con.execute(f"set memory_limit = {sql_str(os.environ['SIS_EXTRACTS_MEMORY_LIMIT'])}")
    threads = os.environ.get("SIS_EXTRACTS_THREADS", "").strip()
    if threads.isdigit() and int(threads) > 0:
        con.execute(f"set threads = {int(threads)}")
    con.execute("set preserve_insertion_order = true")
    return con


def severity_counts(con: duckdb.DuckDBPyConnection, issues: MartSpec | None) -> dict[str, int] | None:
    if issues is None:
        return None
    sev = next((c for c in issues.all_columns if c.lower() == "severity"), None)
    if sev is None:
        return {"(all)": count_rows(con, issues)}
    rows = con.execute(
        f"select coalesce(cast(_mart.{quote_ident(sev)} as varchar), '(none)'), count(*) "
        f"from {issues.relation} as _mart group by 1 order by 1"
    ).fetchall()
    return {str(s): int(n) for s, n in rows}


def _preflight(
    opts: KecsOptions | ScaOptions,
    required: list[str],
    optional: list[str],
    *,
    extract: str | None = None,
    editors: list[tuple[KecsOptions | ScaOptions, str]] | None = None,
):
    """Check the options and the raw folder, then prepare the output folder. `editors`: the options
    of each extract the run writes with the prefix of their names (`all`: kecs-, il-); default
    `opts` itself, unprefixed. Nothing is created before every check has passed."""
    opts.validate()
    if opts.raw is not None:  # a warehouse target without --raw reads its raw schema
        opts.raw = check_raw_folder(opts.raw)
    project = find_project_dir()
    missing = model_files_missing(project, required)
    if missing:
        raise InternalError(
            f"this sis-extracts project has no model {', '.join(missing)} yet, so the extract cannot be built.",
            hint=f"Set SIS_EXTRACTS_PROJECT_DIR to a complete sis-extracts project (this one: {project}).",
        )
    models = required + [m for m in optional if m not in required and not model_files_missing(project, [m])]
    for editor, prefix in editors or [(opts, "")]:
        if opts.raw is not None:
            check_calendars(opts.raw, editor.calendars, prefix)
            check_editor_options(opts.raw, editor, prefix)
    out, work = prepare_out(opts.out, extract or opts.extract)
    opts.out = out
    return project, models, out, work


def _finish(
    opts: KecsOptions | ScaOptions,
    *,
    command: str,
    project: Path,
    outcome: BuildOutcome,
    files: list[FileResult],
    by_sev: dict[str, int] | None,
    notes: list[str],
    as_of: str,
    summary: dict,
) -> RunSummary:
    summary_path = opts.out / SUMMARY_NAME  # written before the review (export/summary.py)
    manifest = write_manifest(
        opts.out,
        extract=opts.extract,
        title=opts.title,
        command=command,
        options=_options_record(opts),
        editor_options=opts.editor_options(),
        dbt_vars=opts.dbt_vars(),
        as_of=as_of,
        files=files,
        issues_by_severity=by_sev,
        tests=outcome.tests,
        warned_tests=outcome.warned_tests,
        forced_failures=outcome.forced_failures,
        versions=versions(project, opts.target),
        work=outcome.work,
    )
    return RunSummary(
        opts.extract,
        opts.title,
        opts.out,
        files,
        by_sev,
        outcome.tests,
        outcome.warned_tests,
        manifest,
        outcome.log_file,
        notes,
        summary,
        summary_path,
    )


@contextlib.contextmanager
def _run_database(
    outcome: BuildOutcome,
) -> Iterator[tuple[Callable[[str], MartSpec], duckdb.DuckDBPyConnection]]:
    """The run's database for an export: a connection, and the layout of each mart (from dbt's
    manifest, ties broken by a unique key only when a data test of this build proved it)."""
    manifest = load_manifest(outcome.manifest_path)
    passed = passed_tests(outcome.target / "run_results.json")
    con = connect(outcome)
    try:
        yield (lambda model: mart_spec(manifest, model, con, passed=passed)), con
    finally:
        con.close()


# --- KECS LEAD ----------------------------------------------------------------------------------


# `sis-extracts explain` reads the accounting and its read models (audit__explain_*, views): every
# run builds them so that explain can answer on the run's database
# the run summary (summary.json, the console) reads audit__accounting_summary and
# audit__students_on_no_report: every run builds them
SUMMARY_MODELS = ["audit__accounting_summary", "audit__students_on_no_report", "audit__student_selection"]
KECS_OPTIONAL = [
    KECS_ISSUES_MART,
    "audit__kecs_lead_accounting",
    *SUMMARY_MODELS,
    *(t.split(".", 1)[1] for t in READ_MODELS["kecs_lead"]),
]
SCA_OPTIONAL = [
    SCA_ISSUES_MART,
    "audit__il_sca_accounting",
    *SUMMARY_MODELS,
    *(t.split(".", 1)[1] for t in READ_MODELS["il_sca"]),
]


def _kecs_required(opts: KecsOptions) -> list[str]:
    opts.validate()  # reports in the editor's order, each once
    return [KECS_REPORTS[k].mart for k in opts.reports]


def _sca_required(opts: ScaOptions) -> list[str]:
    opts.validate()
    return [SCA_HEADER_MART, SCA_RECORDS_MART]


def _run_one(
    opts: KecsOptions | ScaOptions,
    required: list[str],
    optional: list[str],
    export: Callable[..., RunSummary],
    progress: Progress,
    *,
    debug: bool,
    command: str,
) -> RunSummary:
    """One extract: check options and folders, build its models with dbt, then `export` its files."""
    progress.step("checking options, raw folder and output folder")
    project, models, out, work = _preflight(opts, required, optional)
    with RunLock(work, out), _writing(out):
        outcome = _build(project, work, models, opts.dbt_vars(), progress, opts, debug=debug)
        return export(opts, outcome, models, progress, project=project, command=command)


def _build(
    project: Path,
    work: Path,
    models: list[str],
    dbt_vars: dict,
    progress: Progress,
    opts: KecsOptions | ScaOptions,
    *,
    debug: bool,
) -> BuildOutcome:
    """dbt build on the run's target; off DuckDB, the relations the export reads are then streamed
    into the run's local DuckDB file (engines/mirror.py), which the export reads as on DuckDB."""
    outcome = run_build(
        project, work, models, dbt_vars, progress, debug=debug, force=opts.force, target=opts.target
    )
    if opts.target != "duckdb":
        from sis_extracts.engines import connect
        from sis_extracts.engines.mirror import built_nodes, mirror

        engine = connect(project, opts.target)
        try:
            built = built_nodes(outcome.target / "run_results.json")
            mirror(engine, load_manifest(outcome.manifest_path), models, outcome.db_path, progress, built)
        finally:
            engine.close()
    return outcome


def run_kecs(opts: KecsOptions, progress: Progress, *, debug: bool = False, command: str = "") -> RunSummary:
    # the Issues mart feeds the HTML pages' Issues section and the summary's Issues by severity
    # the accounting (every candidate row reported or set aside, with its rule) feeds `explain`
    required = _kecs_required(opts)
    return _run_one(opts, required, KECS_OPTIONAL, _export_kecs, progress, debug=debug, command=command)


def _export_kecs(
    opts: KecsOptions,
    outcome: BuildOutcome,
    models: list[str],
    progress: Progress,
    *,
    project: Path,
    command: str,
) -> RunSummary:
    """Write the KECS files from the run's database (built by `run_build`), then the manifest."""
    reports = [KECS_REPORTS[k] for k in opts.reports]
    as_of = opts.as_of.strftime("%Y-%m-%d %H:%M")
    notes: list[str] = []
    out = opts.out
    with _writing(out):
        with _run_database(outcome) as (spec_of, con):
            issues = spec_of(KECS_ISSUES_MART) if KECS_ISSUES_MART in models else None
            files: list[FileResult] = []
            ext = KECS_FORMATS[opts.fmt]
            issues_file = f"{_kecs_file_stem(issues)}{ext}" if issues and "issues" in opts.reports else None
            for r in reports:
                spec = spec_of(r.mart)
                for w in spec.warnings:
                    progress.warn(w)
                stem = _kecs_file_stem(spec)
                final = out / f"{stem}{ext}"
                progress.step(f"writing {final.name}")
                if opts.fmt == "csv":
                    res = write_mart_file(con, spec, final, report=r.label, fmt="csv")
                else:
                    view = None
                    if r.key != "issues":
                        view = issues_view(con, issues, [r.key, r.label, stem, r.mart])
                    res = write_html(
                        con,
                        spec,
                        final,
                        title=opts.title,
                        report_label=r.label,
                        options=opts.editor_options(),
                        generated=opts.as_of.strftime("%m/%d/%Y %H:%M"),
                        version=_version(),
                        issues=view,
                        issues_link=issues_file,
                        full_csv=lambda p, spec=spec, r=r: write_mart_file(
                            con, spec, p, report=r.label, fmt="csv"
                        ),
                        report=r.label,
                    )
                progress.step(f"wrote {final.name}: {res.records:,} record(s)")
                files.append(res)
            by_sev = severity_counts(con, issues)
            # the accounting names a report by its key, capitalised ('detail' -> 'Detail')
            summary = _summary(
                con, opts, files, [r.key.capitalize() for r in reports if r.key != "issues"], issues, by_sev
            )
            # summary.json first: the review overview reads it
            write_summary(opts.out, summary)
            _review(con, opts, files, issues_file)
        return _finish(
            opts,
            command=command,
            project=project,
            outcome=outcome,
            files=files,
            by_sev=by_sev,
            notes=notes,
            as_of=as_of,
            summary=summary,
        )


def _review(
    con: duckdb.DuckDBPyConnection,
    opts: KecsOptions | ScaOptions,
    files: list[FileResult],
    issues_link: str | None,
) -> None:
    """The review overview index.html beside the files (every run, every format)."""
    generated = opts.as_of.strftime("%m/%d/%Y %H:%M" if isinstance(opts, KecsOptions) else "%m/%d/%Y")
    write_review(
        con,
        opts.out,
        opts.out / "summary.json",
        files,
        extract=opts.extract,
        title=opts.title,
        options=opts.editor_options(),
        generated=generated,
        version=_version(),
        issues_link=issues_link,
    )


def _kecs_file_stem(spec: MartSpec) -> str:
    """The report's file name without extension, from the mart's meta.file_name (R4.BR1: e.g.
    KECS_LEAD_Detail.csv; the format gives the extension)."""
    name = spec.file_name
    if not name or _UNSAFE_NAME.search(name):
        raise InternalError(f"{spec.model} gives no usable meta.file_name ({name!r}).")
    return Path(name).stem


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
    """A failure to write a file (disk full, folder removed) is an output-folder error."""
    try:
        yield
    except duckdb.IOException as exc:
        raise OutputError(f"cannot write into {out}: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise OutputError(f"cannot write into {out}: {exc.strerror or exc}.") from None


def _version() -> str:
    import sis_extracts

    return sis_extracts.__version__


# --- Illinois SCA -------------------------------------------------------------------------------


def _column(spec: MartSpec, name: str, header: str) -> str:
    for c in spec.all_columns:
        if c.lower() == name:
            return c
    for c in spec.columns:
        if c.header.lower() == header.lower():
            return c.name
    raise InternalError(f"{spec.model} has no column {name} ({header}).")


_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f]|^\.|^$")


def run_sca(opts: ScaOptions, progress: Progress, *, debug: bool = False, command: str = "") -> RunSummary:
    required = _sca_required(opts)
    return _run_one(opts, required, SCA_OPTIONAL, _export_sca, progress, debug=debug, command=command)


def _export_sca(
    opts: ScaOptions,
    outcome: BuildOutcome,
    models: list[str],
    progress: Progress,
    *,
    project: Path,
    command: str,
) -> RunSummary:
    """Write one Illinois file per district from the run's database, then the manifest."""
    as_of = opts.as_of.isoformat()
    notes: list[str] = []
    out = opts.out
    with _writing(out):
        with _run_database(outcome) as (spec_of, con):
            header = spec_of(SCA_HEADER_MART)
            records = spec_of(SCA_RECORDS_MART)
            issues = spec_of(SCA_ISSUES_MART) if SCA_ISSUES_MART in models else None
            for w in header.warnings + records.warnings:
                progress.warn(w)
            hcols = [_column(header, name, label) for label, name in SCA_HEADER_ELEMENTS]
            rec_file_col = next((c for c in records.all_columns if c.lower() == "file_name"), None)
            if rec_file_col is None:
                raise InternalError(
                    f"{SCA_RECORDS_MART} has no file_name column to split the files by district."
                )
            file_rows = con.execute(
                f"select {', '.join(f'cast(_mart.{quote_ident(c)} as varchar)' for c in hcols)} "
                f"from {header.relation} as _mart order by 3"
            ).fetchall()
            names = [r[2] for r in file_rows]
            orphans = con.execute(
                f"select count(*) from {records.relation} as _mart where _mart.{quote_ident(rec_file_col)} "
                f"is null or _mart.{quote_ident(rec_file_col)} not in (select cast(_h.{quote_ident(hcols[2])} "
                f"as varchar) from {header.relation} as _h)"
            ).fetchone()[0]
            if orphans:
                raise InternalError(
                    f"{orphans} record(s) of {SCA_RECORDS_MART} belong to no file of {SCA_HEADER_MART}; "
                    "no file was written, so that none is incomplete."
                )
            if len(set(names)) != len(names):
                raise InternalError(f"{SCA_HEADER_MART} names the same file twice.")
            files: list[FileResult] = []
            ext = SCA_FORMATS[opts.fmt]
            if not file_rows:
                notes.append("No Illinois file was written: no district had records for these options.")
                progress.warn(notes[-1])
            for file_type, total, base, file_date, rcdts in file_rows:
                if base is None or _UNSAFE_NAME.search(base):
                    raise InternalError(f"{SCA_HEADER_MART} gives an unusable file name {base!r}.")
                final = out / f"{base}{ext}"
                where = f"_mart.{quote_ident(rec_file_col)} = {sql_str(base)}"
                n = count_rows(con, records, where)
                if total is not None and str(total).strip() != str(n):
                    progress.warn(
                        f"{SCA_HEADER_MART} says {total} records for {final.name}; {n} were exported, "
                        "and the header says so."
                    )
                values = [file_type, str(n), final.name, file_date, rcdts]
                progress.step(f"writing {final.name}")
                if opts.fmt in ("state", "tab"):
                    res = write_with_preamble(
                        con,
                        records,
                        final,
                        outcome.target / "export",
                        preamble=[values],
                        delimiter="," if opts.fmt == "state" else "\t",
                        column_header=opts.fmt == "tab",
                        where=where,
                        report=SCA_REPORT_LABEL,
                        fmt=opts.fmt,
                    )
                else:
                    res = write_html(
                        con,
                        records,
                        final,
                        title=opts.title,
                        report_label=SCA_REPORT_LABEL,
                        options=opts.editor_options(),
                        generated=opts.as_of.strftime("%m/%d/%Y"),
                        version=_version(),
                        where=where,
                        file_header=[(label, v or "") for (label, _), v in zip(SCA_HEADER_ELEMENTS, values)],
                        issues=issues_view(
                            con, issues, [SCA_REPORT_LABEL, "SCA", SCA_RECORDS_MART, "il_sca", base]
                        ),
                        # a page that cannot show every record links the state file, written beside it
                        full_csv=lambda p, where=where, v=values: write_with_preamble(
                            con,
                            records,
                            p,
                            outcome.target / "export",
                            preamble=[[*v[:2], p.name, *v[3:]]],
                            delimiter=",",
                            column_header=False,
                            where=where,
                            report=SCA_REPORT_LABEL,
                            fmt="state",
                        ),
                        report=SCA_REPORT_LABEL,
                        # the page's Issues summary links the full list, the Illinois Issues file
                        issues_link=_sca_issues_path(opts, issues).name if issues is not None else None,
                    )
                if res.records != n:
                    raise InternalError(f"{final.name}: {res.records} records written, {n} expected.")
                progress.step(f"wrote {final.name}: {res.records:,} record(s)")
                files.append(res)
            if issues is not None:
                files.append(_write_sca_issues(opts, con, issues, progress))
            by_sev = severity_counts(con, issues)
            summary = _summary(con, opts, files, [SCA_REPORT_LABEL], issues, by_sev)
            write_summary(opts.out, summary)
            _review(con, opts, files, _sca_issues_path(opts, issues).name if issues is not None else None)
        return _finish(
            opts,
            command=command,
            project=project,
            outcome=outcome,
            files=files,
            by_sev=by_sev,
            notes=notes,
            as_of=as_of,
            summary=summary,
        )


def _write_sca_issues(
    opts: ScaOptions, con: duckdb.DuckDBPyConnection, issues: MartSpec, progress: Progress
) -> FileResult:
    """The Illinois Issues file beside the state files: every Illinois Issue of the run (all
    districts, and those whose district is unknown) in the Kentucky Issues report's columns, named
    by the mart's meta.file_name (IL_SCA_Issues.csv); CSV for the state and tab formats, HTML for html."""
    final = _sca_issues_path(opts, issues)
    progress.step(f"writing {final.name}")
    if opts.fmt == "html":
        res = write_html(
            con,
            issues,
            final,
            title=opts.title,
            report_label="Issues",
            options=opts.editor_options(),
            generated=opts.as_of.strftime("%m/%d/%Y"),
            version=_version(),
            issues=None,
            report="Issues",
        )
    else:
        res = write_mart_file(con, issues, final, report="Issues", fmt="csv")
    progress.step(f"wrote {final.name}: {res.records:,} record(s)")
    return res


def _sca_issues_path(opts: ScaOptions, issues: MartSpec) -> Path:
    """Where the Illinois Issues file goes: the mart's meta.file_name, .html with the html format."""
    name = issues.file_name
    if not name or _UNSAFE_NAME.search(name):
        raise InternalError(f"{issues.model} gives no usable meta.file_name ({name!r}).")
    return opts.out / (Path(name).stem + (".html" if opts.fmt == "html" else ".csv"))


def _summary(
    con: duckdb.DuckDBPyConnection,
    opts: KecsOptions | ScaOptions,
    files: list[FileResult],
    reports: list[str],
    issues: MartSpec | None,
    by_sev: dict[str, int] | None,
) -> dict:
    return build_summary(
        con,
        extract=opts.extract,
        title=opts.title,
        generated=opts.as_of.isoformat(sep=" ", timespec="minutes")
        if isinstance(opts.as_of, datetime)
        else opts.as_of.isoformat(),
        options=opts.editor_options(),
        files=files,
        reports=reports,
        issues=issues,
        issues_by_severity=by_sev,
    )


# --- both extracts, one build ---------------------------------------------------------------------

# `sis-extracts all`: the KECS files go to <out>/kecs_lead, the Illinois files to <out>/il_sca.
ALL_SUBFOLDERS = {"kecs_lead": "kecs_lead", "il_sca": "il_sca"}


def run_all(
    kecs: KecsOptions, sca: ScaOptions, progress: Progress, *, debug: bool = False, command: str = ""
) -> list[RunSummary]:
    """Both extracts from one dbt build in one database: the raw files are read and staged once,
    shared models and their data tests run once, then each extract's files are written into its
    own subfolder with its own manifest.json (the same files the two commands write)."""
    required = _kecs_required(kecs) + _sca_required(sca)
    if (kecs.raw, kecs.force, kecs.null_text, kecs.students, kecs.target) != (
        sca.raw,
        sca.force,
        sca.null_text,
        sca.students,
        sca.target,
    ):
        raise InternalError(
            "both extracts of one run read the same raw folder with the same --force, --null-text, "
            "--students and --target."
        )
    progress.step("checking options, raw folder and output folder")
    both = dataclasses.replace(kecs)
    project, models, out, work = _preflight(
        both,
        required,
        list(dict.fromkeys(KECS_OPTIONAL + SCA_OPTIONAL)),
        extract="all",
        editors=[(kecs, "kecs-"), (sca, "il-")],
    )
    kecs.raw = sca.raw = both.raw
    kecs.out, _ = prepare_out(out / ALL_SUBFOLDERS["kecs_lead"], None)
    sca.out, _ = prepare_out(out / ALL_SUBFOLDERS["il_sca"], None)
    dbt_vars = {**kecs.dbt_vars(), **sca.dbt_vars()}
    with RunLock(work, out), _writing(out):
        outcome = _build(project, work, models, dbt_vars, progress, kecs, debug=debug)
        done = [
            _export_kecs(kecs, outcome, models, progress, project=project, command=command),
            _export_sca(sca, outcome, models, progress, project=project, command=command),
        ]
        links = [ExtractLink(s.title, ALL_SUBFOLDERS[s.extract], s.files, s.issues_by_severity) for s in done]
        write_run_index(out, links, version=_version(), generated=kecs.as_of.strftime("%m/%d/%Y %H:%M"))
        return done
