# index.py RESOLVED.json: the module/action lookup the jq and Python checkers use.
import json, sys
cat = json.load(open(sys.argv[1]))
json.dump({m['name']: {a['name']: {'level': a['level'],
                                   'fields': {f['name']: [f['type'], f['required']]
                                              for f in a['fields']}}
                       for a in m['actions']}
           for m in cat['modules']}, sys.stdout)
