#!/bin/sh
# demo.sh: logschema's main job on the found-footy catalogue.
set -e
bin=${1:-build/logschema}
echo "== logschema check -s schema/found-footy"
"$bin" check -s schema/found-footy
echo
echo "== logschema resolve -s schema/found-footy (modules and action counts)"
"$bin" resolve -s schema/found-footy --compact | python3 -c '
import json, sys
d = json.load(sys.stdin)
for m in d["modules"]:
    print("  %-18s %-8s %-9s %3d actions" % (m["name"], m["service"], m["severity"], len(m["actions"])))
print("  %d modules, %d actions" % (len(d["modules"]), d["action_count"]))'
