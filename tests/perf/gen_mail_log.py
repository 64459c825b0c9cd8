#!/usr/bin/env python3
"""Writes a Postfix log of N lines (default 4,000,000, about 1 GB) for `pixlint diagnose` memory and
speed runs: deliveries to 2,000 peers with TLS lines (smtp_tls_loglevel = 1), one peer in 50
without TLS, one in 200 behind a fixup (a reply quoting X's). Deterministic. Not a test: a 1 GB log
is a benchmark (tests/perf/results.md, "diagnose over a large log").

    python3 tests/perf/gen_mail_log.py OUT [LINES]
"""
import sys

out, lines = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4_000_000
peers = 2000
with open(out, "w", encoding="ascii") as f:
    n = 0
    while n < lines:
        p = (n // 2) % peers
        host, ip = f"mx{p}.example{p % 97}.net", f"10.{p // 250}.{p % 250}.25"
        t = f"Nov 30 {(n // 3600000) % 24:02d}:{(n // 60000) % 60:02d}:{(n // 1000) % 60:02d}"
        pid = 1000 + p
        if n % 2 == 0 and p % 50 != 0:
            f.write(f"{t} relay postfix/smtp[{pid}]: Untrusted TLS connection established to {host}[{ip}]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n")
        elif p % 200 == 7:
            f.write(f"{t} relay postfix/smtp[{pid}]: {n:010X}: to=<u{n}@example{p % 97}.net>, relay={host}[{ip}]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=5.5.1, status=bounced (host {host}[{ip}] said: 500 5.5.1 Command unrecognized: \"XXXXXXXX\" (in reply to STARTTLS command))\n")
        else:
            f.write(f"{t} relay postfix/smtp[{pid}]: {n:010X}: to=<u{n}@example{p % 97}.net>, relay={host}[{ip}]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {n:08X})\n")
        n += 1
