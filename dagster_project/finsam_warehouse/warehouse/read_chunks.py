"""How a run's report files are split into reading steps.

Reading one file costs roughly in proportion to its size (a text-layer PDF's
pages, a scan's images, a text file's lines), and the steps run side by side
on the executor's workers. Chunks of a fixed number of files leave workers
idle at the end of the run while the last, full chunk is read, and a chunk of
large files takes many times as long as one of small files. So the files are
taken largest first, and each chunk is cut at a share of the work still left
(guided self-scheduling): early chunks are large, so the per-step overhead
stays small, and the last ones hold a file or two, so that the workers finish
together. No chunk holds more than ``max_files`` files.
"""

from __future__ import annotations

from collections.abc import Mapping

# Each chunk takes at most 1/(CHUNKS_PER_WORKER × workers) of the work left.
CHUNKS_PER_WORKER = 2


def plan_read_chunks(sizes: Mapping[str, int], max_files: int, workers: int) -> list[list[str]]:
    """The files (key → size in bytes) in chunks, the largest files and chunks first."""
    if max_files < 1 or workers < 1:
        raise ValueError(f"a chunk holds at least one file and one worker reads: {max_files}, {workers}")
    weights = {key: max(size, 1) for key, size in sizes.items()}
    remaining = sum(weights.values())
    chunks: list[list[str]] = []
    chunk: list[str] = []
    weight = 0
    for key in sorted(weights, key=lambda key: (-weights[key], key)):
        chunk.append(key)
        weight += weights[key]
        if len(chunk) == max_files or weight * CHUNKS_PER_WORKER * workers >= remaining:
            chunks.append(chunk)
            remaining -= weight
            chunk, weight = [], 0
    return chunks + [chunk] if chunk else chunks
