"""Tsunagari: Sakai City's platform against loneliness and isolation."""

import os

# One BLAS thread per process, set before anything imports numpy (the directory index does,
# long before the learned reader): OpenBLAS reads these once, when it loads. Short inputs
# are fastest on one thread, and a second BLAS thread per worker, waiting for a core that
# another worker holds, made one sentence take 100–200 ms instead of 2 (docs/decisions/0043).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
