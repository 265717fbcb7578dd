"""Which Dagster executor a build's steps run on, chosen by configuration.

``FINSAM_EXECUTOR``:

- ``in_process`` (the default): every step in the build's own process, one
  after another;
- ``multiprocess``: each step in its own process on this machine, at most
  ``FINSAM_MAX_CONCURRENT`` at once (default: the cores);
- ``dask``: each step as a task of the Dask cluster whose scheduler is at
  ``FINSAM_DASK_SCHEDULER`` (e.g. ``tcp://10.0.0.5:8786``), at most
  ``FINSAM_MAX_CONCURRENT`` at once (default: unbounded, the cluster decides).

The Dask executor here hands each step to a Dask worker, which runs it as
``dagster api execute_step`` in a process of its own, under Dagster's
step-delegating executor: that executor resolves dynamic outputs as they
arrive, so the mapped reading steps run too. (``dagster_dask.dask_executor``
plans every step before the run starts and silently never runs mapped steps,
dagster-io/dagster#9785.) Workers need the same code and Python path, the raw,
staging and warehouse folders at the same paths, and the Dagster instance's
storage.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
from dagster._core.events import DagsterEvent
from dagster._core.execution.retries import RetryMode
from dagster._core.executor.step_delegating import (
    CheckStepHealthResult,
    StepDelegatingExecutor,
    StepHandler,
    StepHandlerContext,
)
from dagster._grpc.types import ExecuteStepArgs

from finsam_warehouse.orchestration.jobs import nightly_warehouse_job

EXECUTORS = ("in_process", "multiprocess", "dask")
JOB_MODULE = __name__
# How often the Dask executor looks for its steps' events (Dagster's default is 1 s).
POLL_SECONDS = 0.2
PRELOADED_MODULES = ["dagster", "finsam_warehouse.definitions", JOB_MODULE]


@dataclass(frozen=True)
class ExecutorChoice:
    kind: str = "in_process"
    max_concurrent: int = 0  # 0: the cores (multiprocess), unbounded (dask)
    scheduler: str = ""  # the Dask scheduler's address

    def __post_init__(self) -> None:
        if self.kind not in EXECUTORS:
            raise SystemExit(f"FINSAM_EXECUTOR must be one of {', '.join(EXECUTORS)}, not {self.kind!r}")
        if self.kind == "dask" and not self.scheduler:
            raise SystemExit("FINSAM_EXECUTOR=dask needs FINSAM_DASK_SCHEDULER, the scheduler's address")


def configured_executor() -> ExecutorChoice:
    """The executor of the settings (FINSAM_EXECUTOR, FINSAM_MAX_CONCURRENT, FINSAM_DASK_SCHEDULER)."""
    return ExecutorChoice(
        kind=os.environ.get("FINSAM_EXECUTOR") or "in_process",
        max_concurrent=int(os.environ.get("FINSAM_MAX_CONCURRENT") or 0),
        scheduler=os.environ.get("FINSAM_DASK_SCHEDULER") or "",
    )


def step_command(args: ExecuteStepArgs) -> list[str]:
    """``dagster api execute_step ...`` with the build's Python: a worker's PATH need not hold dagster."""
    command = list(args.get_command_args())
    return [args.job_origin.executable_path, "-m", "dagster", *command[command.index("api") :]]


class DaskStepHandler(StepHandler):
    """Runs each step as ``dagster api execute_step`` in a process on a Dask worker."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler
        self._client = None
        self._futures: dict[str, object] = {}

    @property
    def name(self) -> str:
        return "dask"

    def _submit(self, command: list[str], task_key: str):
        from dask.distributed import Client

        if self._client is None:
            self._client = Client(self.scheduler)
        return self._client.submit(subprocess.run, command, capture_output=True, text=True, key=task_key, pure=False)

    def launch_step(self, step_handler_context: StepHandlerContext) -> Iterator[DagsterEvent]:
        args = step_handler_context.execute_step_args
        (step_key,) = args.step_keys_to_execute or []
        self._futures[step_key] = self._submit(step_command(args), f"{args.run_id}-{step_key}")
        yield DagsterEvent.step_worker_starting(
            step_handler_context.get_step_context(step_key),
            message=f"Step handed to the Dask scheduler at {self.scheduler}.",
            metadata={"scheduler": self.scheduler},
        )

    def check_step_health(self, step_handler_context: StepHandlerContext) -> CheckStepHealthResult:
        (step_key,) = step_handler_context.execute_step_args.step_keys_to_execute or []
        future = self._futures.get(step_key)
        if future is None:
            return CheckStepHealthResult.unhealthy(f"step {step_key} was never handed to Dask")
        status = future.status  # type: ignore[attr-defined]
        if status == "error":
            error = future.exception()  # type: ignore[attr-defined]
            return CheckStepHealthResult.unhealthy(f"the Dask task of step {step_key} failed: {error!r}")
        if status in ("cancelled", "lost"):
            return CheckStepHealthResult.unhealthy(f"the Dask task of step {step_key} is {status}")
        if status == "finished":
            done = future.result()  # type: ignore[attr-defined]
            if done.returncode != 0:
                return CheckStepHealthResult.unhealthy(
                    f"the process of step {step_key} exited with {done.returncode}: {done.stderr[-2000:]}"
                )
        return CheckStepHealthResult.healthy()

    def terminate_step(self, step_handler_context: StepHandlerContext) -> Iterator[DagsterEvent]:
        for step_key in step_handler_context.execute_step_args.step_keys_to_execute or []:
            future = self._futures.pop(step_key, None)
            if future is not None:
                future.cancel()  # type: ignore[attr-defined]
        yield from ()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class DaskStepExecutor(StepDelegatingExecutor):
    """Dagster's step-delegating executor over Dask; closes its client when the run ends."""

    def execute(self, plan_context, execution_plan) -> Iterator[DagsterEvent]:
        try:
            yield from super().execute(plan_context, execution_plan)
        finally:
            self._step_handler.close()  # type: ignore[attr-defined]


@dg.executor(
    name="dask_steps",
    config_schema={"scheduler": str, "max_concurrent": dg.Field(int, is_required=False, default_value=0)},
    requirements=dg.multiple_process_executor_requirements(),
)
def dask_step_executor(init_context: dg.InitExecutorContext) -> dg.Executor:
    config = init_context.executor_config
    return DaskStepExecutor(
        DaskStepHandler(str(config["scheduler"])),
        retries=RetryMode.DISABLED,
        sleep_seconds=POLL_SECONDS,
        max_concurrent=int(config["max_concurrent"]) or None,  # type: ignore[arg-type]
    )


def executor_def(choice: ExecutorChoice) -> dg.ExecutorDefinition:
    if choice.kind == "in_process":
        return dg.in_process_executor
    if choice.kind == "dask":
        return dask_step_executor.configured({"scheduler": choice.scheduler, "max_concurrent": choice.max_concurrent})
    return dg.multiprocess_executor.configured(
        {
            "max_concurrent": choice.max_concurrent or os.cpu_count() or 1,
            # Step processes fork from a server that has imported the definitions once:
            # a spawned process would import them again for every step.
            "start_method": {"forkserver": {"preload_modules": PRELOADED_MODULES}},
        }
    )


def warehouse_job(kind: str, max_concurrent: int, scheduler: str) -> dg.JobDefinition:
    """The nightly job on the chosen executor; every step process rebuilds it from these arguments."""
    from finsam_warehouse.console import progress_logger
    from finsam_warehouse.definitions import ALL_ASSETS
    from finsam_warehouse.orchestration.resources import default_resources

    choice = ExecutorChoice(kind, max_concurrent, scheduler)
    job = dg.define_asset_job(
        nightly_warehouse_job.name,
        selection=nightly_warehouse_job.selection,
        tags=nightly_warehouse_job.tags,
        executor_def=executor_def(choice),
        description=nightly_warehouse_job.description,
    )
    defs = dg.Definitions(assets=ALL_ASSETS, jobs=[job], resources=default_resources())
    return defs.resolve_job_def(job.name).with_logger_defs({"progress": progress_logger})


def reconstructable_warehouse_job(choice: ExecutorChoice) -> dg.ReconstructableJob:
    """The job as other processes (and Dask workers) can rebuild it."""
    return dg.build_reconstructable_job(
        JOB_MODULE,
        warehouse_job.__name__,
        reconstructable_kwargs={
            "kind": choice.kind,
            "max_concurrent": choice.max_concurrent,
            "scheduler": choice.scheduler,
        },
    )
