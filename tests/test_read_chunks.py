"""How report files are split into reading steps (warehouse/read_chunks.py)."""

import pytest

from finsam_warehouse.warehouse.read_chunks import plan_read_chunks


def test_equal_files_fill_chunks_up_to_the_cap_and_the_last_chunks_get_smaller():
    sizes = {f"a/report_{number:02}.txt": 3_000 for number in range(40)}
    chunks = plan_read_chunks(sizes, max_files=8, workers=2)
    assert sorted(key for chunk in chunks for key in chunk) == sorted(sizes)
    lengths = [len(chunk) for chunk in chunks]
    assert max(lengths) == 8
    assert lengths == sorted(lengths, reverse=True)
    assert lengths[-2:] == [1, 1]  # the workers finish together


def test_a_large_file_is_read_in_a_chunk_of_its_own_and_first():
    sizes = {"a/scan.pdf": 5_000_000} | {f"a/report_{number}.txt": 3_000 for number in range(10)}
    chunks = plan_read_chunks(sizes, max_files=8, workers=2)
    assert chunks[0] == ["a/scan.pdf"]
    assert sum(len(chunk) for chunk in chunks) == 11


def test_no_chunk_holds_more_than_the_cap_and_empty_files_still_count():
    sizes = {f"a/{number}.pdf": 0 for number in range(5)}
    chunks = plan_read_chunks(sizes, max_files=2, workers=1)
    assert all(1 <= len(chunk) <= 2 for chunk in chunks)
    assert sum(len(chunk) for chunk in chunks) == 5


def test_no_files_no_chunks_and_a_cap_below_one_is_refused():
    assert plan_read_chunks({}, max_files=8, workers=2) == []
    with pytest.raises(ValueError):
        plan_read_chunks({"a.txt": 1}, max_files=0, workers=2)
