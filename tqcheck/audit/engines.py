"""Engines run the unit of work of ``tqcheck.audit.work`` over many pairs. They decide where work runs and
nothing else: every engine yields one ``DocResult`` per pair, computed by the same functions, so the reports
and the summary do not depend on the engine.

- ``inline``: this process, one pair after the other (``tqcheck check --batch``, the one-worker case).
- ``local``: a process pool on this machine (``concurrent.futures``), one pair a worker in flight. A worker
  that dies breaks the pool; the pairs it was running are run again one at a time, the rest in a new pool.
- ``ray``: Ray Data over the pairs. ``map`` (stateless CPU tasks) hashes the inputs and recognises finished
  reports; ``map_batches`` with a pool of actors runs the pipeline, each actor holding the sentence encoder
  (and the translation models, loaded on first use) for all the documents it gets, on a GPU where the
  cluster has GPUs. Ray retries the tasks of a dead worker and restarts dead actors. Ray is imported here
  only, and only when this engine runs.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, ClassVar, Dict, Iterator, List, Optional, Sequence, Tuple

from tqcheck.audit.manifest import Pair
from tqcheck.audit.work import FAILED, MAX_ATTEMPTS, DocResult, Job, Planned
from tqcheck.errors import DeviceError, ModelError, UsageError

RAY_INSTALL_HINT = "pip install 'tqcheck[ray]'"


class Engine:
    """Runs ``audit_pair`` over pairs; yields one ``DocResult`` per pair, in any order."""

    name: ClassVar[str] = ""

    def run(self, pairs: Sequence[Pair], job: Job) -> Iterator[DocResult]:
        raise NotImplementedError


class InlineEngine(Engine):
    """One worker: this process, one pair after the other (``tqcheck check --batch``). No pool to start, and
    no isolation either: a pair that kills its worker kills the run."""

    name = "inline"

    def run(self, pairs: Sequence[Pair], job: Job) -> Iterator[DocResult]:
        from tqcheck.audit.work import audit_pair

        for pair in pairs:
            yield audit_pair(pair, job)


class LocalEngine(Engine):
    """A process pool on this machine.

    Args:
        workers: number of worker processes (default: the number of cores).
    """

    name = "local"

    def __init__(self, workers: Optional[int] = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def run(self, pairs: Sequence[Pair], job: Job) -> Iterator[DocResult]:
        import multiprocessing

        pending: Dict[str, Pair] = {p.id: p for p in pairs}
        # forkserver, not fork: the parent may hold threads (the encoder's, a test runner's) that fork would
        # copy in a locked state; and not spawn: workers fork from a server that imported tqcheck once, so
        # a new pool (after a worker died, or the next run in the same process) starts in a moment.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD))
        # When a worker dies, the pool kills the others: the pairs in flight ("suspects") are then run one
        # at a time, so that only a pair that kills its worker again is charged (check_pair counts the
        # tries and gives the pair up after MAX_ATTEMPTS); the others go back to the parallel pool.
        suspects: List[Pair] = []
        crashes: Dict[str, int] = {}
        while pending:
            isolate = bool(suspects)
            order = suspects if isolate else list(pending.values())
            workers = 1 if isolate else min(self.workers, len(pending))
            in_flight: List[Pair] = []
            for item in self._pool_run(context, workers, order, job, in_flight):
                del pending[item.id]
                yield item
            if in_flight:  # the pool broke
                for pair in in_flight:
                    crashes[pair.id] = crashes.get(pair.id, 0) + 1
                left = [p for p in order if p.id in pending] if isolate else []
                suspects = list(dict.fromkeys(in_flight + left))
            else:
                suspects = []
            for pair in [p for p in suspects if crashes.get(p.id, 0) > MAX_ATTEMPTS + 1]:
                # Only if a worker dies before check_pair counts the try (not seen in practice).
                suspects.remove(pair)
                del pending[pair.id]
                yield DocResult(pair.id, FAILED, error=f"the worker process died {MAX_ATTEMPTS} times checking it")

    def _pool_run(self, context: Any, workers: int, order: Sequence[Pair], job: Job,
                  in_flight: List[Pair]) -> Iterator[DocResult]:
        """Run ``order`` on a pool with one pair a worker in flight; on a break, fill ``in_flight``."""
        from concurrent.futures import Future, ProcessPoolExecutor

        from tqcheck.audit.work import audit_pair

        queue = iter(order)
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_set_env,
                                 initargs=(forwarded_env(),)) as pool:
            running: Dict[Future, Pair] = {}

            def submit() -> None:
                pair = next(queue, None)
                if pair is not None:
                    running[pool.submit(audit_pair, pair, job)] = pair

            try:
                for _ in range(workers):
                    submit()
                yield from self._drain(running, submit, in_flight)
            except (KeyboardInterrupt, SystemExit):
                # Ctrl-C or SIGTERM: stop the documents in flight now instead of waiting for each of them
                # (leaving the pool would wait). Their temporary reports are swept by the next run.
                _stop_workers(pool)
                raise

    @staticmethod
    def _drain(running: Dict[Any, Pair], submit: Callable[[], None], in_flight: List[Pair]) -> Iterator[DocResult]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                running.pop(future)
                yield result
            if broken:
                in_flight.extend(running.values())
                return
            for _ in done:
                submit()


PRELOAD = ("tqcheck.audit.work", "tqcheck.metrics", "tqcheck.checks", "numpy", "sacrebleu")


def _stop_workers(pool: Any) -> None:
    """Terminate a process pool's workers and cancel what is queued, without waiting."""
    import contextlib

    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


def _set_env(env: Dict[str, str]) -> None:
    """Pool initializer: the driver's ``TQCHECK_*`` variables now (the fork server has those of its start)."""
    for key in [k for k in os.environ if k.startswith("TQCHECK_")]:
        del os.environ[key]
    os.environ.update(env)


class RayEngine(Engine):
    """Ray Data on a Ray cluster, or on a local Ray instance started (and stopped) for the run.

    Args:
        address: a running cluster's address (``ray start --head`` prints it; "auto" finds a local one);
            None starts a local instance with ``workers`` CPUs.
        workers: actors in the pool (default: one per GPU on a GPU cluster, else one per CPU); more actors
            than GPUs share the GPUs.
    """

    name = "ray"

    def __init__(self, address: Optional[str] = None, workers: Optional[int] = None) -> None:
        self.address = address
        self.workers = workers

    def run(self, pairs: Sequence[Pair], job: Job) -> Iterator[DocResult]:
        ray = import_ray()
        started = False
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, logging_level="WARNING")
            else:
                ray.init(num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False,
                         logging_level="WARNING")
            started = True
        try:
            yield from self._run(ray, pairs, job)
        finally:
            if started:
                ray.shutdown()

    def _run(self, ray: Any, pairs: Sequence[Pair], job: Job) -> Iterator[DocResult]:
        import logging

        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # tqcheck's own progress line, not Ray's bars
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        resources = ray.cluster_resources()
        actors, gpu_share = actor_plan(int(resources.get("GPU", 0)), int(resources.get("CPU", 1)), self.workers,
                                       job.options.backtranslate, job.options.device)
        env = {"env_vars": forwarded_env()} if forwarded_env() else None

        rows = [{"pair": json.dumps(p.to_dict())} for p in pairs]
        # One block per document up to a limit: a retried task then redoes one document, and results stream
        # back as documents finish.
        ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), 10_000))
        # Planning is hashing and file reading: it reserves no CPU (actors holding every CPU would otherwise
        # starve it and the pipeline would wait forever); a cap on concurrent tasks replaces the reservation.
        # Ray Data retries the tasks of a dead worker and restarts dead actors (its defaults, without limit;
        # check_pair gives up on a pair after MAX_ATTEMPTS).
        ds = ds.map(_plan_row, fn_kwargs={"job": job}, num_cpus=0,
                    compute=ray.data.TaskPoolStrategy(size=max(2, actors)), runtime_env=env)
        ds = ds.map_batches(
            _CheckActor, fn_constructor_kwargs={"job": job}, batch_size=1, batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1, num_gpus=gpu_share,
            runtime_env=env)
        for row in ds.iter_rows():
            yield DocResult.from_dict(json.loads(row["result"]))


def actor_plan(gpus: int, cpus: int, workers: Optional[int], backtranslate: bool, device: str) -> Tuple[int, float]:
    """The Ray engine's actors and the share of a GPU each asks for.

    GPUs are asked for only where they will translate: with back-translation on a device other than
    ``cpu`` (the sentence encoder and the checks run on the CPU). An actor that got a share sees its GPU
    (Ray sets ``CUDA_VISIBLE_DEVICES``) and, under ``--device auto``, translates on it. More actors than
    GPUs share them (a fraction each): one actor's CPU work then overlaps another's translation.

    Args:
        gpus, cpus: the cluster's resources.
        workers: ``--workers`` (None: one actor a GPU when GPUs translate, else one a CPU).
        backtranslate: whether the pipeline translates.
        device: ``auto``, ``cpu`` or ``cuda``.

    Raises:
        DeviceError: ``--device cuda`` with back-translation on a cluster without GPUs.
    """
    if backtranslate and device == "cuda" and gpus < 1:
        raise DeviceError("--device cuda: the Ray cluster has no GPU (ray start --num-gpus N on its nodes); "
                          "use --device cpu or auto")
    use_gpus = gpus > 0 and backtranslate and device != "cpu"
    actors = workers or (gpus if use_gpus else 0) or max(1, cpus)
    return actors, (min(1.0, gpus / actors) if use_gpus else 0.0)


def _plan_row(row: Dict[str, Any], job: Job) -> Dict[str, Any]:
    """Ray ``map`` step: hash the inputs, recognise a finished report."""
    from tqcheck.audit.work import plan_pair

    planned = plan_pair(Pair.from_dict(json.loads(row["pair"])), job)
    return {"pair": row["pair"],
            "result": json.dumps(planned.result.to_dict()) if planned.result is not None else "",
            "inputs": json.dumps(planned.inputs) if planned.inputs is not None else ""}


class _CheckActor:
    """Ray ``map_batches`` step: an actor that keeps the encoder (and translation models) loaded."""

    def __init__(self, job: Job) -> None:
        from tqcheck.encoder import get_encoder

        self.job = job
        get_encoder()  # load once per actor, not once per document

    def __call__(self, batch: Dict[str, Any]) -> Dict[str, List[str]]:
        from tqcheck.audit.work import check_pair

        out = []
        for pair_json, result, inputs in zip(batch["pair"], batch["result"], batch["inputs"]):
            pair = Pair.from_dict(json.loads(str(pair_json)))
            planned = Planned(pair, result=DocResult.from_dict(json.loads(str(result))) if result else None,
                              inputs=json.loads(str(inputs)) if inputs else None)
            out.append(json.dumps(check_pair(planned, self.job).to_dict()))
        return {"result": out}


def forwarded_env() -> Dict[str, str]:
    """The ``TQCHECK_*`` variables of the driver (model folder, cache...), given to every Ray worker: on a
    cluster, workers do not inherit the driver's environment."""
    return {k: v for k, v in os.environ.items() if k.startswith("TQCHECK_")}


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - the [data] extra
    except ImportError as exc:
        raise ModelError(f"--engine ray needs Ray Data, which is not installed; install it with "
                         f"{RAY_INSTALL_HINT}") from exc
    return ray


ENGINES: Dict[str, Callable[..., Engine]] = {"local": LocalEngine, "ray": RayEngine}


def build_engine(name: str, *, workers: Optional[int] = None, address: Optional[str] = None) -> Engine:
    """The engine called ``name``; ``address`` only applies to ``ray``."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; known engines: {', '.join(sorted(ENGINES))}")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if address and name != "ray":
        raise UsageError("--ray-address needs --engine ray")
    if name == "ray":
        return RayEngine(address=address, workers=workers)
    return LocalEngine(workers=workers)
