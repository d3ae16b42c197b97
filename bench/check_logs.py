#!/usr/bin/env python3
"""check_logs.py: the check-logs validation as a short Python script.

    check_logs.py RESOLVED.json STREAM

RESOLVED.json is `logschema resolve --compact`. Prints "LINE CHECK" for
every finding, the same checks as check_logs.jq.
"""
import json
import sys

STANDARD = ("ts", "level", "module", "action", "msg")


def type_ok(v, t):
    if t == "string":
        return isinstance(v, str)
    if t == "int":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "float":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "bool":
        return isinstance(v, bool)
    if t == "list<string>":
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if t == "list<int>":
        return isinstance(v, list) and all(
            isinstance(x, int) and not isinstance(x, bool) for x in v)
    return True


def check_line(cat, text):
    try:
        e = json.loads(text)
    except ValueError:
        return ["invalid-json"]
    if not isinstance(e, dict):
        return ["invalid-json"]
    if any(e.get(k) is None for k in STANDARD):
        return ["missing-standard-field"]
    actions = cat.get(e["module"])
    if actions is None:
        return ["unknown-module"]
    a = actions.get(e["action"])
    if a is None:
        return ["undocumented-action"]
    found = []
    if e["level"] != a["level"]:
        found.append("level-mismatch")
    for name, f in a["fields"].items():
        if f["required"] and e.get(name) is None:
            found.append("missing-id")
    for k, v in e.items():
        if k in STANDARD:
            continue
        f = a["fields"].get(k)
        if f is None:
            found.append("unknown-field")
        elif not type_ok(v, f["type"]):
            found.append("field-type")
    return found


def main():
    with open(sys.argv[1]) as f:
        resolved = json.load(f)
    cat = {m["name"]: {a["name"]: {"level": a["level"],
                                   "fields": {x["name"]: x
                                              for x in a["fields"]}}
                       for a in m["actions"]}
           for m in resolved["modules"]}
    out = []
    with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
        for n, text in enumerate(f, 1):
            for check in check_line(cat, text):
                out.append("%d %s\n" % (n, check))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
