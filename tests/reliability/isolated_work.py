"""Work for the isolation tests: each misbehaves in one way a bad file can."""

import os
import signal
import subprocess
from datetime import date


def double(value: int) -> int:
    return value * 2


def sleep_in_a_helper_process() -> None:
    subprocess.run(["sleep", "60"], check=False)


def allocate_a_gigabyte() -> bytes:
    return bytearray(1024**3)


def invalid_date() -> date:
    return date(0, 1, 1)


def die_by_signal() -> None:
    os.kill(os.getpid(), signal.SIGKILL)
