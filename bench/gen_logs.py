#!/usr/bin/env python3
"""gen_logs.py: a stream of JSON log lines drawn from a resolved catalogue.

    logschema resolve -s CATALOGUE --compact | gen_logs.py LINES > stream.jsonl

Every action of the catalogue appears, with its ID fields and a random
choice of its other fields, values of the declared types. One line in a
hundred carries one defect a checker must find: invalid JSON, a missing
standard field, an unknown module or action, another level, a missing ID,
an undeclared field or a value of the wrong type. Seeded: the same
catalogue and count give the same stream.
"""
import json
import random
import sys

DEFECTS = ["invalid-json", "missing-standard-field", "unknown-module",
           "undocumented-action", "level-mismatch", "missing-id",
           "unknown-field", "field-type"]

WORDS = ["goal", "video", "fixture", "upload", "Arsenal", "Chelsea",
         "Saka", "Ødegaard", "penalty", "s3://footy/clips/a.mp4"]


def value(rng, ftype):
    if ftype == "string":
        return "%s_%d" % (rng.choice(WORDS), rng.randrange(1000000))
    if ftype == "int":
        return rng.randrange(-5, 100000)
    if ftype == "float":
        return round(rng.uniform(0, 500), 3)
    if ftype == "bool":
        return rng.random() < 0.5
    if ftype == "list<string>":
        return [rng.choice(WORDS) for _ in range(rng.randrange(4))]
    if ftype == "list<int>":
        return [rng.randrange(1000) for _ in range(rng.randrange(4))]
    return None


def event(rng, module, action, second):
    line = {"ts": "2025-01-15T14:%02d:%02d.%06dZ" % (second // 60 % 60,
                                                     second % 60,
                                                     rng.randrange(10**6)),
            "level": action["level"], "module": module,
            "action": action["name"], "msg": action["msg"]}
    for f in action["fields"]:
        if f["required"] or rng.random() < 0.7:
            line[f["name"]] = value(rng, f["type"])
    return line


def break_line(rng, line, action, levels):
    kind = rng.choice(DEFECTS)
    if kind == "invalid-json":
        return json.dumps(line, ensure_ascii=False)[:-1]
    if kind == "missing-standard-field":
        del line[rng.choice(["ts", "level", "module", "action", "msg"])]
    elif kind == "unknown-module":
        line["module"] = "no_such_module"
    elif kind == "undocumented-action":
        line["action"] = action["name"] + "_typo"
    elif kind == "level-mismatch":
        line["level"] = rng.choice([lv for lv in levels
                                    if lv != action["level"]])
    elif kind == "missing-id":
        ids = [f["name"] for f in action["fields"] if f["required"]]
        if not ids:
            line["action"] = action["name"] + "_typo"
        else:
            del line[rng.choice(ids)]
    elif kind == "unknown-field":
        line["no_such_field"] = 1
    elif kind == "field-type":
        typed = [f for f in action["fields"] if f["type"] != "string"]
        if typed:
            line[typed[0]["name"]] = "not a number"
        else:
            line["no_such_field"] = 1
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    cat = json.load(sys.stdin)
    levels = [lv["name"] for lv in cat["levels"]]
    actions = [(m["name"], a) for m in cat["modules"] for a in m["actions"]]
    rng = random.Random(7)
    out = sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for i in range(count):
        module, action = actions[i % len(actions)] if i < len(actions) \
            else rng.choice(actions)
        line = event(rng, module, action, i // 1000)
        if i >= len(actions) and rng.random() < 0.01:
            out.write(break_line(rng, line, action, levels) + "\n")
        else:
            out.write(dumps(line) + "\n")


if __name__ == "__main__":
    main()
