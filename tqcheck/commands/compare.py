"""``tqcheck compare A.json B.json``: is system B significantly better than system A?"""

from __future__ import annotations

import json
from typing import Optional

import click


@click.command("compare")
@click.argument("report_a", metavar="A.json")
@click.argument("report_b", metavar="B.json")
@click.option("--metrics", metavar="NAMES", help="Comma-separated, among chrf, bleu, ter, semantic "
              "(default: chrf,bleu with references, semantic without).")
@click.option("--samples", type=click.IntRange(100, 100_000), default=1000, show_default=True,
              help="Bootstrap resamples.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05,
              show_default=True, help="Significance level.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a table; json: the tqcheck.compare/1 document.")
@click.option("-o", "--output", metavar="OUTPUT", help="Write the result here instead of stdout.")
@click.option("--require", type=click.Choice(["better", "not-worse"]),
              help="Exit 1 unless B is significantly better (better), or when B is significantly worse (not-worse).")
def compare(report_a: str, report_b: str, metrics: Optional[str], samples: int, alpha: float, fmt: str,
            output: Optional[str], require: Optional[str]) -> int:
    """Compare two JSON reports of the same source segments (A the baseline system, B the candidate) with
    paired bootstrap resampling as sacrebleu does it: scores, 95% confidence intervals and p-values.

    Exit codes: 0 done (and --require met), 1 --require not met, 2 bad usage or input.
    """
    from tqcheck.compare import compare_reports, render_comparison_text
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.report.document import load_report

    if output:
        check_output_path(output, [report_a, report_b])
    names = tuple(m.strip() for m in metrics.split(",") if m.strip()) if metrics else None
    result = compare_reports(load_report(report_a), load_report(report_b), metrics=names, n_samples=samples,
                             alpha=alpha, name_a=report_a, name_b=report_b)
    if fmt == "json":
        text = json.dumps(result.to_dict(report_a, report_b), ensure_ascii=False, indent=1) + "\n"
    else:
        text = render_comparison_text(result, report_a, report_b)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    if require == "better" and not result.b_better:
        return 1
    if require == "not-worse" and result.b_worse:
        return 1
    return 0
