"""The README's commands work as written, copied after `scripts/demo`.

The command blocks are the ```bash / ```sh fences of README.md. A sandbox stands in for the project
folder after `scripts/demo`: the project's own files (linked), and `output/` written by `sis-extracts all`
with the options of scripts/demo (read from it) on the fixture district (conftest `raw_district`, a small
generated district) instead of data/demo. Each block runs there, command by command, with bash.

Which blocks run, by these rules, in this order (the first that applies decides):

1. PLACEHOLDER: a block with a placeholder to fill in (`/path/to/...`, `<...>`) is an example to adapt,
   not a command to copy: not run, and listed by `test_blocks_are_sorted_as_the_rules_say`. Its
   `sis-extracts` commands are parsed by the CLI's parser, placeholders filled in, so that their
   options exist (`test_readme_examples_use_options_that_exist`).
2. NOT_RUN: a block running scripts/demo (the sandbox's output/ stands in for it), scripts/test (every
   check: CI runs it) or scripts/benchmark (minutes per size): skipped.
3. A server (`dbt docs serve`) starts in the background on a free port (the README's `--port 8080`
   is replaced), must answer HTTP with the docs site, and is stopped.
4. Everything else runs as written. `export` lines carry over to the block's later commands; every
   command must exit 0 without an error on stderr. Some commands have a check of what they did:
   `explain --student ID` must find the person; `dbt docs generate` must write the site's files.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(?:bash|sh)\n(.*?)^```", re.DOTALL | re.MULTILINE)
PLACEHOLDER = re.compile(r"/path/to/|<[^<>\s][^<>]*>")
NOT_RUN = {
    "scripts/demo": "the sandbox's output/ is its stand-in",
    "scripts/test": "every check of the project; CI runs it",
    "scripts/benchmark": "minutes per size",
}
SERVER = "dbt docs serve"
README_PORT = "--port 8080"
# What is not linked into the sandbox: what scripts/demo and the commands write, and the repository's own.
NOT_LINKED = {"output", "target", "logs", "dbt_packages", ".git"}
COMMAND_TIMEOUT = 600


@dataclass
class Block:
    line: int  # line of the opening fence in README.md
    commands: list[str]
    kind: str  # "run", "placeholder" or "not run"
    why: str = ""

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def commands_of(body: str) -> list[str]:
    """The block's commands: continuation lines joined, blank and comment-only lines left out."""
    out: list[str] = []
    current = ""
    for line in body.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            out.append(current.strip())
            current = ""
    if current:
        out.append(current.strip())
    return out


def readme_blocks(text: str | None = None) -> list[Block]:
    text = README.read_text("utf-8") if text is None else text
    blocks = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        cmds = commands_of(m.group(1))
        holder = next((p.group(0) for c in cmds for p in [PLACEHOLDER.search(c)] if p), None)
        script = next((s for s in NOT_RUN if any(s in c for c in cmds)), None)
        if holder:
            blocks.append(Block(line, cmds, "placeholder", f"placeholder {holder}"))
        elif script:
            blocks.append(Block(line, cmds, "not run", f"{script}: {NOT_RUN[script]}"))
        else:
            blocks.append(Block(line, cmds, "run"))
    return blocks


BLOCKS = readme_blocks()
RUN_BLOCKS = [b for b in BLOCKS if b.kind == "run"]


def test_the_rules_sort_blocks_as_documented():
    """The three kinds on a made-up README (so the rules themselves can fail)."""
    text = (
        "```bash\nscripts/demo   # x\nscripts/test\n```\n"
        "```bash\n.venv/bin/sis-extracts kecs-lead --raw /path/to/export --out /path/to/out \\\n"
        "  --end-year 2025\n```\n"
        "```sh\n# comment\nexport A=1\n.venv/bin/sis-extracts explain kecs-lead --out output --student <ID>\n```\n"
        '```bash\nexport A=1\n.venv/bin/python -c "print(1)"  # a comment\n```\n'
        "```python\nnot shell\n```\n"
    )
    blocks = readme_blocks(text)
    assert [(b.line, b.kind) for b in blocks] == [
        (1, "not run"),
        (5, "placeholder"),
        (9, "placeholder"),
        (14, "run"),
    ]
    assert blocks[1].commands == [
        ".venv/bin/sis-extracts kecs-lead --raw /path/to/export --out /path/to/out    --end-year 2025"
    ]
    assert blocks[3].commands == ["export A=1", '.venv/bin/python -c "print(1)"  # a comment']


def test_blocks_are_sorted_as_the_rules_say():
    """The README's blocks by kind; the ones a user copies after the demo are run below, and they
    include the query example, `explain` and the docs site."""
    listing = "\n".join(f"{b.id}: {b.kind} {b.why}".rstrip() for b in BLOCKS)
    run = " ".join(c for b in RUN_BLOCKS for c in b.commands)
    for needed in ("sis-extracts explain", "duckdb.connect(", "dbt docs generate", SERVER):
        assert needed in run, f"no README block that runs after the demo has {needed!r}:\n{listing}"
    assert any(b.kind == "placeholder" for b in BLOCKS), listing


def demo_options() -> list[str]:
    """The options scripts/demo gives `sis-extracts all`, other than --raw and --out."""
    text = (ROOT / "scripts" / "demo").read_text("utf-8")
    call = re.search(r"^sis-extracts all (.*?)(?<!\\)$", text, re.MULTILINE | re.DOTALL)
    assert call, "scripts/demo no longer runs `sis-extracts all`"
    args = shlex.split(call.group(1).replace("\\\n", " "))
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--raw", "--out"):
            skip = True
        else:
            out.append(a)
    return out


@pytest.fixture(scope="module")
def sandbox(raw_district: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project folder as `scripts/demo` leaves it: the project's files, and output/ written by
    `sis-extracts all` with the demo's options on the fixture district, in a process of its own as
    scripts/demo runs it (an in-process run keeps its database locked until the tests end)."""
    home = tmp_path_factory.mktemp("readme_sandbox")
    for entry in ROOT.iterdir():
        if entry.name not in NOT_LINKED:
            (home / entry.name).symlink_to(entry)
    cmd = [sys.executable, "-m", "sis_extracts.cli", "all", "--raw", str(raw_district), "--out", "output"]
    proc = subprocess.run(
        [*cmd, "--quiet", *demo_options()],
        check=False,
        cwd=home,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    assert proc.returncode == 0, f"the demo-like run failed:\n{proc.stderr[-3000:]}"
    return home


def environment() -> dict[str, str]:
    """A user's shell: no database or dbt target of the test run (scripts/test exports them)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SIS_EXTRACTS_DB", "SIS_TEST_DBT_TARGET")}
    env["DO_NOT_TRACK"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(command: str, cwd: Path, env: dict[str, str]) -> None:
    """Start the server in the background, wait for the site to answer, stop it."""
    port = free_port()
    assert README_PORT in command, f"the server command no longer says {README_PORT}: {command}"
    proc = subprocess.Popen(
        ["bash", "-c", "exec " + command.replace(README_PORT, f"--port {port}")],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, body = time.monotonic() + 120, ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    body = resp.read().decode("utf-8", "replace")
                    break
            except OSError:
                time.sleep(1)
        assert proc.poll() is None, f"{command} stopped:\n{proc.stdout.read()[-3000:]}"
        assert "dbt" in body.lower(), f"{command}: no docs site on port {port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_effect(command: str, cwd: Path, stdout: str) -> None:
    """What the command is for, beyond exiting 0."""
    student = re.search(r"explain \S+ .*--student (\S+)", command)
    if student:
        assert f"person ID {student.group(1)}" in stdout, f"{command}: the person is not found in the run"
    if "dbt docs generate" in command:
        target = re.search(r"--target-path (\S+)", command)
        folder = cwd / (target.group(1) if target else "target")
        names = ["index.html", "manifest.json", "catalog.json"]
        names += ["static_index.html"] if "--static" in command else []
        missing = [n for n in names if not (folder / n).is_file()]
        assert not missing, f"{command}: did not write {missing} in {folder}"
    if "duckdb.connect(" in command:
        assert stdout.strip(), f"{command}: printed nothing"


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=lambda b: b.id)
def test_readme_block_runs_after_the_demo(block: Block, sandbox: Path):
    env = environment()
    for command in block.commands:
        exported = re.fullmatch(r"export (\w+)=(\S*)", command)
        if exported:
            env[exported.group(1)] = exported.group(2)
            continue
        if SERVER in command:
            serve(command, sandbox, env)
            continue
        proc = subprocess.run(
            ["bash", "-c", command],
            check=False,
            cwd=sandbox,
            env=env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
        assert proc.returncode == 0, (
            f"{block.id}: `{command}` exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        )
        assert "error:" not in proc.stderr.lower(), f"{block.id}: `{command}`:\n{proc.stderr[-3000:]}"
        check_effect(command, sandbox, proc.stdout)


PLACEHOLDER_VALUE = "1"


def placeholder_cli_commands() -> list[tuple[str, str]]:
    """(block id, command) of every `sis-extracts` command in a placeholder block."""
    return [
        (b.id, c)
        for b in BLOCKS
        if b.kind == "placeholder"
        for c in b.commands
        if re.match(r"^(\.venv/bin/)?sis-extracts ", c)
    ]


@pytest.mark.parametrize("where,command", placeholder_cli_commands(), ids=lambda x: str(x)[:60])
def test_readme_examples_use_options_that_exist(where: str, command: str):
    """An example with placeholders is not run, but its options must be the CLI's: the placeholders are
    filled in (`/path/to/x` a folder name, `<...>` a value) and the command line is parsed."""
    from sis_extracts.cli import build_parser

    filled = PLACEHOLDER.sub(lambda m: "x/" if m.group(0).startswith("/") else PLACEHOLDER_VALUE, command)
    argv = shlex.split(filled)[1:]
    try:
        build_parser().parse_args(argv)
    except SystemExit as exc:
        pytest.fail(f"{where}: `{command}` does not parse (exit {exc.code})")
