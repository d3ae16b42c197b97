# gen.py LINES SEED RESOLVED.json: JSON log lines for the check-logs benchmark.
# About 1.2% of the lines carry a problem: not JSON, a wrong level, an
# undocumented action, an unknown field, a wrong type, a missing timestamp.
import json, random, sys
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
cat = json.load(open(sys.argv[3]))
n = int(sys.argv[1])
acts = [(m['name'], a) for m in cat['modules'] for a in m['actions']]
def val(t):
    return {'string': 'goal_%d_%d' % (random.randint(1, 10**6), random.randint(1, 99)),
            'int': random.randint(0, 10**6), 'float': round(random.random()*100, 3),
            'bool': random.random() < .5, 'list<string>': ['a', 'b'], 'list<int>': [1, 2, 3]}[t]
out = sys.stdout
for i in range(n):
    mod, a = random.choice(acts)
    ev = {'ts': '2025-01-15T14:30:%02d.%06dZ' % (random.randint(0, 59), random.randint(0, 999999)),
          'level': a['level'], 'module': mod, 'action': a['name'], 'msg': a['msg']}
    for f in a['fields']:
        ev[f['name']] = val(f['type'])
    r = random.random()
    if r < 0.002: out.write('not json at all\n'); continue
    if r < 0.004: ev['level'] = 'ERROR' if a['level'] != 'ERROR' else 'INFO'
    elif r < 0.006: ev['action'] = a['name'] + 'x'
    elif r < 0.008: ev['bogus'] = 1
    elif r < 0.010 and a['fields']: ev[a['fields'][0]['name']] = {'x': 1}
    elif r < 0.012: del ev['ts']
    out.write(json.dumps(ev, separators=(',', ':')) + '\n')
