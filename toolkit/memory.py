"""Which allocator pyarrow uses while Debrief works (`arrow_allocator`).

pyarrow allocates through mimalloc by default. mimalloc hands memory back
to the operating system soon after it is freed, so the next big column
(a million ids, a million round ids) starts on fresh pages again. Where a
fresh page is expensive, as on virtual machines, that costs more than
the work. The C library's allocator keeps freed memory for reuse. On the
2-core benchmark machine, in twelve alternating runs, a million wide score
rows loaded in 1.71 s on average with it and in 1.90 s with mimalloc, and
with less spread from run to run (the slowest 2.0 s against 2.4 s); at
100,000 rows there was no difference. benchmarks/RESULTS.md measures both.

Debrief therefore uses the C library's allocator (`pyarrow.system_memory_pool`)
while it loads and reports, and hands pyarrow back the allocator it had
afterwards. A choice made by the user is left alone: the environment
variable ``ARROW_DEFAULT_MEMORY_POOL``, or a pool other than mimalloc set
with ``pyarrow.set_memory_pool``. (A pool that wraps mimalloc, such as
``pyarrow.proxy_memory_pool(pyarrow.mimalloc_memory_pool())`` to count
bytes, looks like pyarrow's default from Python: set the environment
variable too, and Debrief keeps it.) Arrow data keeps a reference to the
pool that allocated it, so columns made inside and freed outside are safe.
"""

from __future__ import annotations

import os
from contextlib import contextmanager


@contextmanager
def arrow_allocator():
    """Within the block pyarrow allocates with the C library's allocator, unless the user chose one (module docstring)."""
    import pyarrow as pa

    before = pa.default_memory_pool()
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL") or before.backend_name != "mimalloc":
        yield
        return
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)
