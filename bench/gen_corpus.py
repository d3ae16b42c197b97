#!/usr/bin/env python3
"""gen_corpus.py: C sources that log through the generated API, for linting.

    logschema resolve -s CATALOGUE --compact | gen_corpus.py DIR FILES

Writes DIR/svc_NNN.c: each includes stdio.h, stdlib.h, string.h and
ffl_log.h and holds a dozen functions with loops, branches and early
returns around typed logging calls (every ID field passed, other fields
by chance) and a few untyped ffl_log() calls. Seeded, so the same
catalogue gives the same corpus.
"""
import json
import os
import random
import sys

HEAD = """/* svc_%03d.c: a worker step, generated for the linter benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffl_log.h"

struct job_%03d {
	const char *fixture_id;
	const char *event_id;
	const char *workflow_id;
	const char *path;
	int attempts;
	double elapsed;
};

static int seen_%03d;
"""

FFL_LEVELS = {"DEBUG": "FFL_DEBUG", "INFO": "FFL_INFO",
              "WARNING": "FFL_WARNING", "ERROR": "FFL_ERROR"}


def value(rng, f, i):
    t, name = f["type"], f["name"]
    if t == "string":
        if name in ("fixture_id", "event_id", "workflow_id"):
            return "job->" + name
        return rng.choice(["job->path", '"%s_%d"' % (name, i), "buf"])
    if t == "int":
        return rng.choice(["(int64_t)n", "job->attempts", "i", "%d" % i])
    if t == "float":
        return rng.choice(["job->elapsed", "job->elapsed * 1000.0", "0.25"])
    if t == "bool":
        return rng.choice(["n > 3", "1", "job->attempts == 0"])
    if t == "list<string>":
        return 'FFL_STRS("a", job->path)'
    return "FFL_INTS(1, 2, (int64_t)n)"


def call(rng, module, action, i):
    args = ["NULL"]
    for f in action["fields"]:
        if f["required"] or rng.random() < 0.6:
            args.append(".%s = %s" % (f["name"], value(rng, f, i)))
    return "ffl_%s_%s(%s);" % (module, action["name"], ", ".join(args))


def untyped(rng, module, action, i):
    args = ["NULL", FFL_LEVELS[action["level"]], '"%s"' % module,
            '"%s"' % action["name"], '"%s"' % action["msg"].replace('"', "")]
    for f in action["fields"]:
        if f["type"] == "string":
            args.append('FFL_STR("%s", %s)' % (f["name"], value(rng, f, i)))
        elif f["type"] == "int":
            args.append('FFL_INT("%s", %s)' % (f["name"], value(rng, f, i)))
        elif f["type"] == "float":
            args.append('FFL_FLOAT("%s", %s)' % (f["name"],
                                                 value(rng, f, i)))
        elif f["type"] == "bool":
            args.append('FFL_BOOL("%s", %s)' % (f["name"], value(rng, f, i)))
    return "ffl_log(%s);" % ", ".join(args)


def function(rng, actions, n, k):
    pick = [rng.choice(actions) for _ in range(4)]
    lines = ["static int step_%03d_%d(struct job_%03d *job, int limit)" %
             (n, k, n), "{", "\tchar buf[64];",
             "\tsize_t n = job->path ? strlen(job->path) : 0;", "\tint i = 0;",
             "",
             '\tsnprintf(buf, sizeof(buf), "%s/%d", job->event_id, limit);',
             "\tif (n == 0) {",
             "\t\t" + call(rng, pick[0][0], pick[0][1], n), "\t\treturn -1;",
             "\t}", "\tfor (i = 0; i < job->attempts && i < limit; i++) {",
             "\t\tif (i %% 3 == %d)" % (k % 3),
             "\t\t\tcontinue;",
             "\t\t" + call(rng, pick[1][0], pick[1][1], n),
             "\t\tseen_%03d++;" % n, "\t}",
             "\tswitch (job->attempts) {", "\tcase 0:",
             "\t\t" + call(rng, pick[2][0], pick[2][1], n), "\t\tbreak;",
             "\tdefault:",
             "\t\t" + (untyped(rng, pick[3][0], pick[3][1], n)
                       if k % 4 == 0 else
                       call(rng, pick[3][0], pick[3][1], n)),
             "\t\tbreak;", "\t}", "\treturn (int)n + i;", "}", ""]
    return "\n".join(lines)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    cat = json.load(sys.stdin)
    actions = [(m["name"], a) for m in cat["modules"] for a in m["actions"]]
    rng = random.Random(11)
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        parts = [HEAD % (n, n, n)]
        nfuncs = 12
        for k in range(nfuncs):
            parts.append(function(rng, actions, n, k))
        calls = " +\n\t\t".join("step_%03d_%d(job, %d)" % (n, k, k + 2)
                                for k in range(nfuncs))
        parts.append("int svc_%03d_run(struct job_%03d *job)\n{\n"
                     "\treturn %s;\n}\n" % (n, n, calls))
        path = os.path.join(out, "svc_%03d.c" % n)
        text = "\n".join(parts)
        try:
            with open(path) as f:
                if f.read() == text:
                    continue
        except OSError:
            pass
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
