#!/usr/bin/env python3
"""msgcheck.py RESOLVED JSONLINES PRETTYLINES: the driver's lines are the
catalogue's events, one line each, every message byte-exact.

RESOLVED is `logschema resolve` output; JSONLINES and PRETTYLINES are the
driver's output in each format, one event per action in catalogue order.
A message longer than the line may be cut, but then the line says
"truncated": true and keeps a prefix of it.
"""
import json
import sys


def fail(msg):
    print("msgcheck: " + msg, file=sys.stderr)
    sys.exit(1)


def lines_of(path):
    data = open(path, "rb").read()
    if data and not data.endswith(b"\n"):
        fail("%s: the last line has no newline" % path)
    lines = data.split(b"\n")[:-1]
    for i, line in enumerate(lines, 1):
        bad = [b for b in line if b < 0x20 or b == 0x7f]
        if bad:
            fail("%s:%d: raw control byte 0x%02x in a line" % (path, i, bad[0]))
    return lines


def main():
    resolved = json.load(open(sys.argv[1], encoding="utf-8"))
    expected = [(m["name"], a["name"], a["msg"])
                for m in resolved["modules"] for a in m["actions"]]
    jsonl = lines_of(sys.argv[2])
    pretty = lines_of(sys.argv[3])
    if len(jsonl) != len(expected):
        fail("%d JSON lines for %d actions" % (len(jsonl), len(expected)))
    if len(pretty) != len(expected):
        fail("%d pretty lines for %d actions" % (len(pretty), len(expected)))
    for i, (line, (mod, act, msg)) in enumerate(zip(jsonl, expected), 1):
        try:
            ev = json.loads(line.decode("utf-8", errors="strict"))
        except ValueError as e:
            fail("line %d is not JSON (%s): %r" % (i, e, line[:200]))
        if (ev.get("module"), ev.get("action")) != (mod, act):
            fail("line %d is %s.%s, not %s.%s" %
                 (i, ev.get("module"), ev.get("action"), mod, act))
        got = ev.get("msg")
        if got == msg:
            continue
        if ev.get("truncated") is True and msg.startswith(got):
            continue
        fail("line %d: msg %r, expected %r" % (i, got, msg))
    for i, (line, (mod, act, _)) in enumerate(zip(pretty, expected), 1):
        if (" | %s | %s | " % (mod, act)).encode() not in line:
            fail("pretty line %d is not %s.%s: %r" % (i, mod, act, line[:200]))


main()
