#!/usr/bin/env python3
"""Hostile configuration shapes for the growth measurements of tests/perf/growth.sh (issue 19).

  gen_hostile.py SHAPE N -o FILE

Shapes (N is the size parameter; every shape grows linearly in lines with N except the DAGs,
whose point is that the *work* doubles per layer while the file grows by a few lines):
  service-dag    N layers of service object-groups, each including the two groups of the layer
                 before (a DAG, not a cycle), used by an access list a class-map matches
  network-dag    the same with network object-groups, used by an interface access list
  protocol-dag   the same with protocol object-groups
  classmaps      N class-maps, each matching its own access list, each used in one policy-map
  reentered      one policy-map re-entered N times, one class each time
  applied        N policy-maps, each applied to its own interface
"""
import argparse
import sys

HEAD = """: Saved
ASA Version 9.8(4)
!
hostname hostile
"""


def dag(kind, n):
    out = [HEAD]
    if kind == "service":
        out.append("object-group service L0A tcp\n port-object eq smtp\n")
        out.append("object-group service L0B tcp\n port-object eq 587\n")
    elif kind == "network":
        out.append("object-group network L0A\n network-object host 192.0.2.25\n")
        out.append("object-group network L0B\n network-object host 192.0.2.26\n")
    else:
        out.append("object-group protocol L0A\n protocol-object udp\n")
        out.append("object-group protocol L0B\n protocol-object tcp\n")
    for i in range(1, n + 1):
        for s in "AB":
            head = f"object-group service L{i}{s} tcp" if kind == "service" else f"object-group {kind} L{i}{s}"
            out.append(f"{head}\n group-object L{i-1}A\n group-object L{i-1}B\n")
    top = f"L{n}A"
    if kind == "service":
        out.append(f"access-list MAIL extended permit tcp any any object-group {top}\n")
        out.append(f"access-list outside_in extended permit tcp any host 192.0.2.25 object-group {top}\n")
    elif kind == "network":
        out.append(f"access-list MAIL extended permit tcp any object-group {top} eq smtp\n")
        out.append(f"access-list outside_in extended permit tcp any object-group {top} eq smtp\n")
    else:
        out.append(f"access-list MAIL extended permit object-group {top} any any eq smtp\n")
        out.append(f"access-list outside_in extended permit object-group {top} any host 192.0.2.25 eq smtp\n")
    out.append("access-group outside_in in interface outside\n")
    out.append("class-map MAIL\n match access-list MAIL\n")
    out.append("policy-map global_policy\n class MAIL\n  inspect esmtp\n")
    out.append("service-policy global_policy global\n")
    return out


def classmaps(n):
    out = [HEAD]
    for i in range(n):
        out.append(f"access-list A{i} extended permit tcp any any eq smtp\n")
    for i in range(n):
        out.append(f"class-map C{i}\n match access-list A{i}\n")
    out.append("policy-map global_policy\n")
    for i in range(n):
        out.append(f" class C{i}\n  inspect esmtp\n")
    out.append("service-policy global_policy global\n")
    return out


def reentered(n):
    out = [HEAD]
    for i in range(n):
        out.append(f"class-map C{i}\n match port tcp eq {1 + i % 65000}\n")
    for i in range(n):
        out.append(f"policy-map global_policy\n class C{i}\n  inspect esmtp\n")
    out.append("service-policy global_policy global\n")
    return out


def applied(n):
    out = [HEAD]
    out.append("class-map MAIL\n match port tcp eq smtp\n")
    for i in range(n):
        out.append(f"interface GigabitEthernet0/{i}\n nameif if{i}\n")
    for i in range(n):
        out.append(f"policy-map P{i}\n class MAIL\n  inspect esmtp\n")
    for i in range(n):
        out.append(f"service-policy P{i} interface if{i}\n")
    return out


SHAPES = {
    "service-dag": lambda n: dag("service", n),
    "network-dag": lambda n: dag("network", n),
    "protocol-dag": lambda n: dag("protocol", n),
    "classmaps": classmaps,
    "reentered": reentered,
    "applied": applied,
}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("shape", choices=sorted(SHAPES))
    p.add_argument("n", type=int)
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args()
    with open(a.output, "w", encoding="ascii") as f:
        f.writelines(SHAPES[a.shape](a.n))


if __name__ == "__main__":
    sys.exit(main())
