"""``tqcheck models list | verify | download`` through click's runner."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from click.testing import CliRunner

from tests.conftest_models import BACKWARD_ID, FORWARD_ID, models_env, tiny_models  # noqa: F401
from tqcheck.cli import COMMANDS, cli


def run(*args: str) -> "object":
    return CliRunner().invoke(cli, ["models", *args])


def test_command_is_registered_with_help() -> None:
    assert COMMANDS["models"][:2] == ("tqcheck.commands.models", "models")
    for sub in ("list", "verify", "download"):
        result = run(sub, "--help")
        assert result.exit_code == 0 and "--model-dir" in result.output


def test_list_shows_where_each_model_is(tiny_models: Path) -> None:  # noqa: F811
    result = run("list", "--model-dir", str(tiny_models))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ") and lines[0].endswith("models.txt")
    for role, model in (("forward", FORWARD_ID), ("backward", BACKWARD_ID)):
        line = next(l for l in lines if l.startswith(role))
        assert model in line and str(tiny_models / model.replace("/", "--")) in line and "model-dir" in line


def test_list_says_missing(tmp_path: Path) -> None:
    result = run("list", "--model-dir", str(tmp_path))
    assert result.exit_code == 0
    assert [l.split()[-1] for l in result.stdout.splitlines()[1:]] == ["missing", "missing"]


@pytest.mark.slow
def test_verify_translates_a_sentence_with_each_model(tiny_models: Path) -> None:  # noqa: F811
    result = run("verify", "--model-dir", str(tiny_models))  # the default engine, whichever is installed
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [l.split()[:3] for l in lines] == [["forward", FORWARD_ID, "ok"], ["backward", BACKWARD_ID, "ok"]]


def test_verify_missing_models_exits_2_with_one_error_line(tmp_path: Path) -> None:
    result = run("verify", "--model-dir", str(tmp_path))
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith("tqcheck: error: 2 of 2 models are missing")
    assert "tqcheck models download" in errors[0]


def test_bad_catalogue_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "models.txt"
    bad.write_text("forward ar-en\n", encoding="utf-8")
    result = run("list", "--catalogue", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tqcheck: error: {bad}:1: expected")


@pytest.mark.parametrize("offline_mode", [True, False])
def test_download_without_network_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                models_env: List[str], offline_mode: bool) -> None:  # noqa: F811
    """No internet: exit 2, one line on stderr, no traceback, nothing half-written."""
    import huggingface_hub.constants as hub

    if not offline_mode:
        # Let the client try: the blocked socket then stands in for a machine without a network.
        monkeypatch.setattr(hub, "HF_HUB_OFFLINE", False)
        monkeypatch.delenv("HF_HUB_OFFLINE")
    result = run("download", "--model-dir", str(tmp_path / "models"))
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"tqcheck: error: cannot download {FORWARD_ID}")
    assert "--model-dir" in errors[0] and "Traceback" not in result.output
    assert not (tmp_path / "models" / FORWARD_ID.replace("/", "--") / "config.json").exists()
    if not offline_mode:
        assert models_env, "the download should have tried the (blocked) network"
        models_env.clear()  # expected here; the fixture fails any other test that touches the network
