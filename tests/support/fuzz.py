"""Hostile input: mutated documents through extract_claims and the CLI; adversarial texts timed.

Called by ``scripts/reliability.py mutate|adversarial``; see that file for how to run it.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import hostile
from .storecheck import ROOT, has_command, run_claims, temporary_folder, user_view_problems

# -- hostile input ---------------------------------------------------------------------------


@dataclass
class MutationReport:
    tried: int = 0
    crashed: int = 0
    violations: int = 0
    slowest: tuple[float, str] = (0.0, "")
    cli_files: int = 0
    cli_crashed: int = 0
    cli_reads: int = 0
    cli_read_problems: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.crashed and not self.violations and not self.cli_crashed and not self.cli_read_problems

    def lines(self) -> list[str]:
        return [
            f"extract_claims: {self.tried} mutated inputs tried, {self.crashed} crashed, "
            f"{self.violations} broke an invariant; {self.seconds:.1f} s in all, slowest {self.slowest[0]:.2f} s ({self.slowest[1]})",
            f"claims ingest: {self.cli_files} mutated files, {self.cli_crashed} crashed (traceback/internal error)",
            f"list/docs/show/export on the mutated store: {self.cli_reads} runs, {self.cli_read_problems} problems",
            *(f"  - {p}" for p in self.problems[:20]),
        ]


def run_mutate(rounds: int = 1, corpus_texts: int = 40, seed: int = 3, cli: bool = True, show: int = 20,
               seeds: int | None = None, log: Callable[[str], None] = print) -> MutationReport:
    """Every mutation of the seeds (the first ``seeds``) and ``corpus_texts`` corpus articles, ``rounds`` times."""
    import faulthandler

    from claims.extract import extract_claims

    report = MutationReport()
    texts = hostile.seed_texts()[:seeds] + [a["text"] for a in hostile.corpus_articles(limit=corpus_texts)]
    began = time.perf_counter()
    inputs = list(hostile.mutated_inputs(texts, rounds=rounds, seed=seed))
    for name, data in inputs:
        for text in {data.decode("utf-8", "replace"), data.decode("latin-1")} if b"\x80" in data else {data.decode("utf-8", "replace")}:
            report.tried += 1
            faulthandler.dump_traceback_later(300, exit=True)  # a hang (catastrophic regex) ends the run loudly
            started = time.perf_counter()
            try:
                found = extract_claims(text, doc_date="2022-01-11")
            except Exception as exc:  # noqa: BLE001 - counting every crash is the point
                report.crashed += 1
                report.problems.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
                continue
            finally:
                faulthandler.cancel_dump_traceback_later()
            seconds = time.perf_counter() - started
            report.slowest = max(report.slowest, (seconds, name))
            broken = hostile.claim_problems(text, found)
            if broken:
                report.violations += 1
                report.problems.append(f"{name}: {broken[0]}"[:300])
    report.seconds = time.perf_counter() - began
    log(f"mutate: {report.tried} inputs through extract_claims in {report.seconds:.1f} s")
    if cli:
        with temporary_folder("claims-mutate-") as workdir:
            run_mutate_cli(workdir, inputs, report, show)
    return report


def run_mutate_cli(workdir: Path, inputs: list[tuple[str, bytes]], report: MutationReport, show: int) -> None:
    folder, db = workdir / "docs", workdir / "mutated.db"
    folder.mkdir()
    for name, data in inputs:
        (folder / f"{name}.txt").write_bytes(data)
    report.cli_files = len(inputs)
    result = run_claims(db, "ingest", str(folder), timeout=1800)
    crashed = [line for line in result.stderr.splitlines() if "extraction failed" in line or "internal error" in line]
    report.cli_crashed = len(crashed) + ("Traceback" in result.stdout + result.stderr) + (result.returncode not in (0, 1))
    report.problems.extend(f"ingest: {line[:300]}" for line in crashed[:10])
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        report.problems.append(f"ingest exit {result.returncode}: {result.stderr.strip()[-400:]}")
    stray = [l for l in result.stderr.splitlines() if l.strip() and not l.startswith(("Error:", "Warning:"))]
    if stray:
        report.problems.append(f"ingest printed a line that is neither an error nor a warning: {stray[0][:200]!r}")
        report.cli_crashed += 1
    reads = [("docs",), ("list",), ("list", "--json"), ("export", "--format", "csv"), ("export", "--format", "json")]
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT claim_id FROM claims ORDER BY random() LIMIT ?", (show,))]
    conn.close()
    reads += [("show", claim_id) for claim_id in ids]
    for command in ("conflicts", "query"):
        if has_command(command):
            reads.append((command,) if command == "conflicts" else (command, "Tote"))
    for args in reads:
        result = run_claims(db, *args, timeout=600)
        report.cli_reads += 1
        found = user_view_problems(result)
        # CSV is data for files and spreadsheets and keeps the text as read; every other output is for people.
        if "\x1b" in result.stderr or ("\x1b" in result.stdout and args[:3] != ("export", "--format", "csv")):
            found.append("an escape character reached the terminal")
        if found:
            report.cli_read_problems += 1
            report.problems.append(f"{' '.join(args)}: {found[0]}"[:300])


# -- adversarial speed ---------------------------------------------------------------------------


def time_case(name: str, size: int) -> dict:
    """Seconds to extract ``size`` characters of adversarial ``name`` (run in a child process)."""
    import resource

    from claims.extract import extract_claims

    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    extract_claims("Mindestens 5 Menschen wurden am 3. Januar getötet.", doc_date="2022-01-11")
    text = hostile.adversarial_text(name, size)
    started = time.perf_counter()
    found = extract_claims(text, doc_date="2022-01-11")
    seconds = time.perf_counter() - started
    peak = _peak_mb()
    return {"seconds": seconds, "claims": len(found), "peak_mb": round(peak), "problems": len(hostile.claim_problems(text, found))}


def _peak_mb() -> float:
    """This process's peak resident memory; ru_maxrss would include the parent's from before exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure_case(name: str, size: int, timeout: float) -> dict:
    cmd = [sys.executable, str(ROOT / "scripts" / "reliability.py"), "_time", name, str(size)]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout > {timeout:.0f} s"}
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["exit %d" % result.returncode])[-1][:200]}
    return json.loads(result.stdout.strip().splitlines()[-1])


@dataclass
class AdversarialReport:
    rows: list[dict] = field(default_factory=list)
    normal_s_per_mb: float = 0.0
    normal_ms_per_claim: float | None = None

    @property
    def flagged(self) -> list[dict]:
        return [row for row in self.rows if row["flag"]]

    @property
    def ok(self) -> bool:
        return not self.flagged

    def lines(self) -> list[str]:
        out = [f"{'input':32} {'s/MB small':>10} {'s/MB 1x':>9} {'x normal':>8} {'claims':>8} {'ms/claim':>8} {'peak MB':>8}  flag"]
        for row in self.rows:
            out.append(
                f"{row['name'][:32]:32} {_fmt(row.get('small'))} {_fmt(row.get('large'))} "
                f"{row.get('ratio', float('nan')):8.1f} {row.get('claims', ''):>8} "
                f"{_per_claim(row.get('ms_per_claim')):>8} {row.get('peak_mb', ''):>8}  {row['flag']}"
            )
        return out


def _per_claim(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "-"


def _fmt(value) -> str:
    return f"{value:10.3f}" if isinstance(value, float) else f"{str(value):>10}"


def run_adversarial(mb: float = 1.0, timeout: float = 120, names: list[str] | None = None,
                    log: Callable[[str], None] = print) -> AdversarialReport:
    report = AdversarialReport()
    large = int(mb * 1_000_000)
    small = large // 4
    for name in ["normal news", *(names or hostile.ADVERSARIAL)]:
        row: dict = {"name": name, "flag": ""}
        first = measure_case(name, small, timeout)
        if "error" in first:
            row.update(small=first["error"], large="skipped", flag=f"FAILED at {small // 1000} kB: {first['error']}")
            report.rows.append(row)
            log(report.lines()[-1])
            continue
        second = measure_case(name, large, timeout)
        row["small"] = first["seconds"] / (small / 1e6)
        if "error" in second:
            row.update(large=second["error"], flag=f"FAILED at {large // 1000} kB: {second['error']}")
        else:
            row.update(large=second["seconds"] / (large / 1e6), claims=second["claims"], peak_mb=second["peak_mb"])
            if name == "normal news":
                report.normal_s_per_mb = row["large"]
            row["ratio"] = row["large"] / report.normal_s_per_mb if report.normal_s_per_mb else float("nan")
            row["ms_per_claim"] = 1000 * second["seconds"] / second["claims"] if second["claims"] else None
            if name == "normal news":
                report.normal_ms_per_claim = row["ms_per_claim"]
            flags = []
            # Text dense with claims costs more per MB but not per claim; only a cost that
            # the claims do not explain is slow.
            per_claim = row["ms_per_claim"]
            normal_per_claim = report.normal_ms_per_claim
            unexplained = per_claim is None or not normal_per_claim or per_claim > 10 * normal_per_claim
            if row["ratio"] > 10 and unexplained:
                flags.append("SLOW: >10x normal")
            if second["peak_mb"] > 300:
                flags.append("MEMORY: >300 MB")
            if row["large"] > 1.5 * row["small"] and second["seconds"] > 1.0:
                flags.append("SUPERLINEAR")
            if second["problems"]:
                flags.append(f"{second['problems']} invariant violations")
            row["flag"] = ", ".join(flags)
        report.rows.append(row)
        log(report.lines()[-1])
    return report
