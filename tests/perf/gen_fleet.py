#!/usr/bin/env python3
"""Write a fleet of small generated firewall configurations into one folder.

Standard library only; uses gen_asa_config.py (tests/PixLint.Benchmarks) as a module, so a run
costs one Python start-up, not one per file. Deterministic: file i is generated with seed i.

Each file is an ASA 9.x configuration of 400 to 900 lines or (about 1 in 5) a PIX 6.3 one of 200
to 500 lines (branch office firewalls), with one of the SMTP inspection shapes the generator knows,
so the rules fire on most files and the report is not empty.

    python3 tests/perf/gen_fleet.py -n 10000 -o /tmp/pixlint-perf/fleet-10000
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "PixLint.Benchmarks"))
import gen_asa_config  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--files", type=int, default=10000, help="number of files (default 10000)")
    ap.add_argument("-o", "--output", required=True, help="folder to write (created; existing files are replaced)")
    a = ap.parse_args(argv)
    os.makedirs(a.output, exist_ok=True)
    shapes = ["inspect", "map", "none", "unapplied"]
    total = 0
    for i in range(1, a.files + 1):
        r = random.Random(i)
        mode = "pix" if r.random() < 0.2 else "asa"
        lines = r.randint(200, 500) if mode == "pix" else r.randint(400, 900)
        g = gen_asa_config.Gen(i, mode, shapes[i % len(shapes)])
        out = g.build_asa(lines) if mode == "asa" else g.build_pix(lines)
        data = ("\n".join(out) + "\n").encode("ascii")
        with open(os.path.join(a.output, "fw-%05d.cfg" % i), "wb") as f:
            f.write(data)
        total += len(out)
    sys.stderr.write("%d files, %d lines in %s\n" % (a.files, total, a.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
