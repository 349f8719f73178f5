#!/usr/bin/env python3
"""The disk's own floor for "durable before the answer" (issue 19, item 3).

Prints p50/p99/max of one 200-byte record made durable, four ways, the
ways interleaved record by record (a shared disk's latency drifts from
minute to minute, so one way after the other compares the minutes, not
the ways), in a scratch folder on the journal's file system (default:
the system temp dir, where the cost benchmark keeps its state):

- append + fdatasync: what the journal does (the file grows, so each
  fdatasync also commits the new size: on ext4 a journal commit);
- overwrite + fdatasync in a pre-allocated, pre-zeroed file (size and
  extents already on disk: fdatasync flushes the data only);
- the same in a file given room by fallocate only (unwritten extents:
  writing one is a metadata change again);
- O_DSYNC writes into a pre-zeroed file (one syscall a record).

Usage: python3 scripts/disk-sync-floor.py [N=2000] [DIR]. Prints the load
average before and after; figures, never pass/fail (docs/performance.md).
"""

import os
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
DIR = sys.argv[2] if len(sys.argv) > 2 else tempfile.gettempdir()
REC = b"x" * 199 + b"\n"
SIZE = (N + 16) * len(REC)


def stats(name, lat):
    lat.sort()
    pick = lambda p: lat[min(len(lat) - 1, round((len(lat) - 1) * p))] * 1e3
    print(
        f"{name:<44} n={len(lat)} p50 {pick(0.5):6.2f} ms  p99 {pick(0.99):6.2f} ms"
        f"  max {lat[-1] * 1e3:6.2f} ms",
        flush=True,
    )


def nothing(fd):
    pass


def zero_fill(fd):
    os.write(fd, b"\0" * SIZE)
    os.fsync(fd)
    os.lseek(fd, 0, os.SEEK_SET)


def fallocate_only(fd):
    os.posix_fallocate(fd, 0, SIZE)
    os.fsync(fd)


VARIANTS = [
    # name, open flags, preparation, fdatasync after the write
    ("append + fdatasync (what the journal does)", os.O_APPEND, nothing, True),
    ("overwrite pre-zeroed + fdatasync", 0, zero_fill, True),
    ("overwrite fallocate'd (unwritten) + fdatasync", 0, fallocate_only, True),
    ("O_DSYNC write into pre-zeroed", os.O_DSYNC, zero_fill, False),
]

print(f"dir {DIR}; {N} records of {len(REC)} B each way, the ways interleaved "
      f"record by record (the disk is shared: its latency drifts); "
      f"load {os.getloadavg()}", flush=True)
files = []
try:
    for k, (name, flags, prepare, sync) in enumerate(VARIANTS):
        path = os.path.join(DIR, f"ps-disk-floor-{os.getpid()}-{k}.bin")
        fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_RDWR | flags, 0o600)
        files.append((path, fd))
        prepare(fd)
    lat = [[] for _ in VARIANTS]
    for _ in range(N):
        for k, (name, flags, prepare, sync) in enumerate(VARIANTS):
            fd = files[k][1]
            t0 = time.perf_counter()
            os.write(fd, REC)
            if sync:
                os.fdatasync(fd)
            lat[k].append(time.perf_counter() - t0)
    for k, v in enumerate(VARIANTS):
        stats(v[0], lat[k])
finally:
    for path, fd in files:
        os.close(fd)
        os.unlink(path)
print(f"load after {os.getloadavg()}", flush=True)
