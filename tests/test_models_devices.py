"""Device, compute type and CPU threads of the translation engines: the choices (a CUDA device is faked by
monkeypatching what the libraries report; this machine has none), the CLI and configuration, the real CPU
path on the tiny Marian models, and the Ray engine's GPU plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest
from click.testing import CliRunner

from tests._audit_corpus import write_archive
from tests.conftest_models import ARABIC, ENGLISH, FORWARD_ID, NEEDS_CT2, models_env, tiny_models  # noqa: F401
from tqcheck.audit.engines import actor_plan
from tqcheck.cli import cli
from tqcheck.errors import DeviceError, UsageError
from tqcheck.models.catalogue import parse_line
from tqcheck.models.engines import devices
from tqcheck.models.engines.base import DecodeOptions
from tqcheck.models.engines.devices import choose_compute_type, choose_device, choose_threads
from tqcheck.models.engines.hf import TransformersEngine
from tqcheck.models.locate import LocatedModel, require
from tqcheck.models.translator import Translator


def run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def forward(tiny_models: Path) -> LocatedModel:  # noqa: F811
    spec = parse_line(f"forward ar-en {FORWARD_ID}")
    assert spec is not None
    return require(spec, tiny_models)


@pytest.fixture
def gpus(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dict[str, int]]:
    """Set ``gpus["n"]`` to the CUDA devices both libraries report (CTranslate2: int8/float16 types there)."""
    seen = {"n": 0}
    cuda_types = {"int8", "int8_float32", "int8_float16", "int8_bfloat16", "float32", "float16", "bfloat16"}
    try:
        import ctranslate2

        real = ctranslate2.get_supported_compute_types
        monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: seen["n"])
        monkeypatch.setattr(ctranslate2, "get_supported_compute_types",
                            lambda device, *a: cuda_types if device == "cuda" else real(device, *a))
    except ImportError:
        pass
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: seen["n"] > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: seen["n"])
    yield seen


# ---------------------------------------------------------------- the choices

@pytest.mark.parametrize("requested, cuda, expected", [
    ("auto", 0, "cpu"), ("auto", 1, "cuda"), ("auto", 4, "cuda"), ("cpu", 0, "cpu"), ("cpu", 2, "cpu"),
    ("cuda", 1, "cuda"), ("cuda", 0, DeviceError), ("tpu", 1, UsageError),
])
def test_choose_device(requested: str, cuda: int, expected: object) -> None:
    if isinstance(expected, str):
        assert choose_device(requested, cuda, "ctranslate2") == expected
    else:
        with pytest.raises(expected, match=f"{requested}"):  # type: ignore[call-overload]
            choose_device(requested, cuda, "ctranslate2")


@pytest.mark.parametrize("requested, device, expected", [
    ("auto", "cpu", "int8"), ("auto", "cuda", "int8_float16"), ("float32", "cpu", "float32"),
    ("int8_float32", "cpu", "int8_float32"), ("float16", "cpu", UsageError), ("int4", "cpu", UsageError),
])
def test_choose_compute_type(requested: str, device: str, expected: object) -> None:
    default = {"cpu": "int8", "cuda": "int8_float16"}[device]
    supported = {"cpu": ("int8", "int8_float32", "float32"), "cuda": ("int8_float16", "float16")}[device]
    if isinstance(expected, str):
        assert choose_compute_type(requested, device, default, supported, "ctranslate2") == expected
    else:
        with pytest.raises(UsageError, match=requested):
            choose_compute_type(requested, device, default, supported, "ctranslate2")


@pytest.mark.parametrize("field, value", [("device", "gpu"), ("compute_type", "int4")])
def test_decode_options_reject_unknown_values(field: str, value: str) -> None:
    with pytest.raises(UsageError, match=f"unknown {field.replace('_', ' ')} '{value}'"):
        DecodeOptions(**{field: value})


@NEEDS_CT2
@pytest.mark.parametrize("requested, compute, cuda, expected", [
    ("auto", "auto", 0, ("cpu", "int8")),
    ("auto", "auto", 1, ("cuda", "int8_float16")),
    ("cpu", "auto", 1, ("cpu", "int8")),
    ("cuda", "float16", 2, ("cuda", "float16")),
    ("auto", "float32", 0, ("cpu", "float32")),
    ("cuda", "auto", 0, DeviceError),
    ("cpu", "float16", 1, UsageError),
])
def test_ctranslate2_resolves_device_and_compute_type(gpus: Dict[str, int], requested: str, compute: str,
                                                      cuda: int, expected: object) -> None:
    from tqcheck.models.engines.ct2 import CTranslate2Engine

    gpus["n"] = cuda
    options = DecodeOptions(device=requested, compute_type=compute)
    if isinstance(expected, tuple):
        used = CTranslate2Engine.resolve(options)
        assert (used.device, used.compute_type) == expected
        assert f"device={expected[0]}" in CTranslate2Engine.key(used)
        assert CTranslate2Engine.describe(used)["compute_type"] == expected[1]
    else:
        with pytest.raises(expected):  # type: ignore[call-overload]
            CTranslate2Engine.resolve(options)


@NEEDS_CT2
def test_ctranslate2_gpu_without_int8_gets_float16(monkeypatch: pytest.MonkeyPatch, gpus: Dict[str, int]) -> None:
    import ctranslate2

    from tqcheck.models.engines.ct2 import CTranslate2Engine

    gpus["n"] = 1
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device, *a: {"float32", "float16"})
    assert CTranslate2Engine.resolve(DecodeOptions()).compute_type == "float16"


@pytest.mark.parametrize("requested, compute, cuda, expected", [
    ("auto", "auto", 0, ("cpu", "float32")), ("auto", "auto", 1, ("cuda", "float32")),
    ("cpu", "float32", 1, ("cpu", "float32")), ("cuda", "auto", 0, DeviceError), ("cpu", "int8", 0, UsageError),
])
def test_transformers_resolves_device(gpus: Dict[str, int], requested: str, compute: str, cuda: int,
                                      expected: object) -> None:
    gpus["n"] = cuda
    options = DecodeOptions(device=requested, compute_type=compute)
    if isinstance(expected, tuple):
        used = TransformersEngine.resolve(options)
        assert (used.device, used.compute_type) == expected
    else:
        with pytest.raises(expected):  # type: ignore[call-overload]
            TransformersEngine.resolve(options)


# ---------------------------------------------------------------- threads

@pytest.mark.parametrize("explicit, env, cores, busy, expected, measured", [
    (0, {}, 2, None, 2, True),                         # nothing known (or CTranslate2): every core
    (0, {}, 2, 0.05, 2, True),                         # idle machine
    (0, {}, 2, 1.2, 1, True),                          # another process holds a core
    (0, {}, 2, 9.5, 1, True),                          # overloaded: still one thread
    (0, {}, 16, 3.0, 13, True),
    (3, {"TQCHECK_THREADS": "1", "OMP_NUM_THREADS": "2"}, 2, 9.5, 3, False),   # the options win
    (0, {"TQCHECK_THREADS": "1", "OMP_NUM_THREADS": "2"}, 16, 0.0, 1, False),  # then tqcheck's variable
    (0, {"OMP_NUM_THREADS": "6"}, 16, 12.0, 6, False),  # then OpenMP's
    (0, {"OMP_NUM_THREADS": "lots"}, 4, 1.0, 3, True),  # a bad OpenMP value is not ours: passed over
])
def test_choose_threads(explicit: int, env: Dict[str, str], cores: int, busy: Optional[float],
                        expected: int, measured: bool) -> None:
    calls = []

    def measure() -> Optional[float]:
        calls.append(1)
        return busy

    assert choose_threads(explicit, env, cores, measure) == expected
    # The measurement (a short sleep) is made only when nothing explicit decided.
    assert bool(calls) == measured


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_bad_thread_variable(value: str) -> None:
    with pytest.raises(UsageError, match=f"TQCHECK_THREADS='{value}'"):
        choose_threads(0, {"TQCHECK_THREADS": value}, 2, None)


@pytest.mark.parametrize("load, idle_share, cores, expected_busy, expected_threads", [
    # The case reported: an idle 2-core machine at load 1.2, most of it this very process. The sample
    # (taken while this process sleeps) sees 5% of the CPU busy: both cores are free.
    (1.2, 0.95, 2, 0.1, 2),
    # Another process holds one core: both measures agree.
    (1.1, 0.5, 2, 1.0, 1),
    # A burst of another process during the sample, on a machine idle over the last minute: the load caps it.
    (0.3, 0.0, 2, 0.3, 2),
    # A loaded machine.
    (9.7, 0.0, 2, 2.0, 1),
])
def test_busy_cores_leaves_out_this_process(monkeypatch: pytest.MonkeyPatch, load: float, idle_share: float,
                                            cores: int, expected_busy: float, expected_threads: int) -> None:
    import os

    readings = iter([(1000.0, 2000.0), (1000.0 + 100 * idle_share, 2100.0)])
    monkeypatch.setattr(devices, "_cpu_times", lambda: next(readings))
    monkeypatch.setattr(devices.time, "sleep", lambda s: None)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    busy = devices.busy_cores(cores)
    assert busy == pytest.approx(expected_busy)
    assert choose_threads(0, {}, cores, lambda: busy) == expected_threads


def test_busy_cores_without_proc_stat_uses_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(devices, "_cpu_times", lambda: None)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.7, 0.7, 0.7))
    assert devices.busy_cores(2) == 0.7


def test_proc_stat_is_read_here() -> None:
    times: Optional[Tuple[float, float]] = devices._cpu_times()
    if times is None:
        pytest.skip("no /proc/stat on this platform")
    idle, total = times
    assert 0 <= idle <= total and total > 0


@pytest.mark.slow
def test_transformers_threads_follow_the_variable(forward: LocatedModel, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    before = torch.get_num_threads()
    monkeypatch.setenv("TQCHECK_THREADS", "1")
    try:
        assert Translator(forward, "transformers", DecodeOptions(max_length=4, device="cpu")).translate(ARABIC[:1])[0]
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


# ---------------------------------------------------------------- the real CPU path and the signature

@NEEDS_CT2
@pytest.mark.slow
@pytest.mark.parametrize("compute, loaded", [("auto", "int8"), ("float32", "float32")])
def test_ctranslate2_runs_on_the_cpu_it_names(forward: LocatedModel, gpus: Dict[str, int], compute: str,
                                              loaded: str) -> None:
    translator = Translator(forward, "ctranslate2", DecodeOptions(max_length=6, compute_type=compute))
    assert translator.translate(ARABIC[:3])[2]
    engine = translator.engine().translator  # type: ignore[attr-defined]
    assert engine.device == "cpu" and engine.compute_type.startswith(loaded)
    signature = translator.signature()["engine"]
    assert (signature["device"], signature["compute_type"]) == ("cpu", loaded)
    # An engine made without a Translator resolves its options the same way.
    from tqcheck.models.engines.ct2 import CTranslate2Engine

    direct = CTranslate2Engine(forward, DecodeOptions(max_length=6, compute_type=compute))
    assert direct.options == translator.options and direct.translator is engine


@NEEDS_CT2
@pytest.mark.slow
def test_cpu_and_cuda_translations_are_cached_apart(forward: LocatedModel, gpus: Dict[str, int]) -> None:
    cpu = Translator(forward, "ctranslate2", DecodeOptions(max_length=6))
    gpus["n"] = 1
    cuda = Translator(forward, "ctranslate2", DecodeOptions(max_length=6))
    assert cuda.options.device == "cuda" and cpu.options.device == "cpu"
    assert cpu.key != cuda.key


def write(path: Path, lines: list) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
@pytest.mark.parametrize("args, config, expected", [
    ([], "", ("cpu", None)),
    (["--compute-type", "float32"], "", ("cpu", "float32")),
    ([], 'device = "cpu"\ncompute-type = "float32"\n', ("cpu", "float32")),
    (["--compute-type", "auto"], 'compute-type = "float32"\n', ("cpu", None)),  # the command line wins
])
def test_report_signature_names_device_and_compute_type(tiny_models: Path, tmp_path: Path,  # noqa: F811
                                                        gpus: Dict[str, int], args: list, config: str,
                                                        expected: tuple) -> None:
    from tqcheck.models.engines.base import resolve_engine_name

    (tmp_path / "tqcheck.toml").write_text(config, encoding="utf-8")
    src, tgt = write(tmp_path / "s.ar", ARABIC[:3]), write(tmp_path / "t.en", ENGLISH[:3])
    out = tmp_path / "r.json"
    res = run("check", src, tgt, "--aligned", "--backtranslate", "--model-dir", tiny_models, "-f", "json",
              "-o", out, "-q", "--fail-on", "never", "--config", tmp_path / "tqcheck.toml", *args)
    assert res.exit_code == 0, res.stderr
    engine = json.loads(out.read_text(encoding="utf-8"))["signature"]["backtranslation"]["engine"]
    default = "int8" if resolve_engine_name() == "ctranslate2" else "float32"
    assert (engine["device"], engine["compute_type"]) == (expected[0], expected[1] or default)


@pytest.mark.parametrize("args, message", [
    (["--device", "cuda"], "--device cuda: the "),
    (["--device", "gpu"], "Invalid value for '--device'"),
    (["--compute-type", "int4"], "Invalid value for '--compute-type'"),
    (["--device", "cpu", "--compute-type", "float16"], "--compute-type float16: the "),
])
def test_cli_errors_are_one_line_before_any_work(tmp_path: Path, gpus: Dict[str, int], args: list,
                                                 message: str) -> None:
    src, tgt = write(tmp_path / "s.ar", ARABIC[:2]), write(tmp_path / "t.en", ENGLISH[:2])
    # No model folder: the device is checked before the models are looked for.
    res = run("check", src, tgt, "--aligned", "--backtranslate", "--model-dir", tmp_path / "none", *args)
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert message in line and "Traceback" not in res.output


@pytest.mark.parametrize("key, value", [("device", "gpu"), ("compute-type", "int4"), ("compute_type", "fp16")])
def test_config_values_are_validated(tmp_path: Path, key: str, value: str) -> None:
    (tmp_path / "tqcheck.toml").write_text(f'{key} = "{value}"\n', encoding="utf-8")
    src, tgt = write(tmp_path / "s.ar", ARABIC[:2]), write(tmp_path / "t.en", ENGLISH[:2])
    res = run("check", src, tgt, "--aligned", "--config", tmp_path / "tqcheck.toml")
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert f"{key.replace('_', '-')} must be one of" in line and "tqcheck.toml:1" in line


def test_models_verify_without_a_gpu(tiny_models: Path, gpus: Dict[str, int]) -> None:  # noqa: F811
    res = run("models", "verify", "--model-dir", tiny_models, "--device", "cuda")
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert "--device cuda: the " in line


def test_audit_without_a_gpu_fails_before_any_pair(tmp_path: Path, gpus: Dict[str, int]) -> None:
    manifest = write_archive(tmp_path / "archive", broken=False)
    res = run("audit", manifest, "-o", tmp_path / "out", "--backtranslate", "--device", "cuda")
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert "--device cuda: the " in line
    assert not (tmp_path / "out" / "reports").exists()


# ---------------------------------------------------------------- Ray's GPU actors

@pytest.mark.parametrize("gpus, cpus, workers, backtranslate, device, expected", [
    (2, 32, None, True, "auto", (2, 1.0)),       # one actor a GPU
    (2, 32, 8, True, "auto", (8, 0.25)),         # four actors share a GPU
    (2, 32, 8, True, "cuda", (8, 0.25)),
    (2, 32, None, True, "cpu", (32, 0.0)),       # translating on CPUs: no GPU reserved
    (2, 32, None, False, "auto", (32, 0.0)),     # nothing to translate: the checks are CPU work
    (0, 16, None, True, "auto", (16, 0.0)),
    (0, 16, 4, False, "cuda", (4, 0.0)),         # --device cuda means nothing without --backtranslate
])
def test_ray_actor_plan(gpus: int, cpus: int, workers: Optional[int], backtranslate: bool, device: str,
                        expected: Tuple[int, float]) -> None:
    assert actor_plan(gpus, cpus, workers, backtranslate, device) == expected


def test_ray_actor_plan_needs_a_gpu_for_cuda() -> None:
    with pytest.raises(DeviceError, match="the Ray cluster has no GPU"):
        actor_plan(0, 16, None, True, "cuda")


# ---------------------------------------------------------------- CTranslate2 missing

def test_auto_falls_back_to_transformers_when_ctranslate2_cannot_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from tqcheck.models.engines.base import resolve_engine_name

    # As if the library were installed but would not import (missing shared library, no wheel...).
    monkeypatch.setitem(sys.modules, "tqcheck.models.engines.ct2", None)
    assert resolve_engine_name("auto") == "transformers"
    with pytest.raises(UsageError, match="the ctranslate2 engine cannot be imported"):
        resolve_engine_name("ctranslate2") and Translator.__init__  # noqa: B018 - the name is known
        from tqcheck.models.engines.base import engine_class

        engine_class("ctranslate2")
