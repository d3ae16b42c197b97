# check.py LOGS INDEX.json: the checks of check-logs, in plain Python, as a baseline.
import json, re, sys
idx = json.load(open(sys.argv[2]))
TS = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$')
STD = ('ts', 'level', 'module', 'action', 'msg')
def typeok(t, v):
    if t == 'string': return isinstance(v, str)
    if t == 'int': return isinstance(v, int) and not isinstance(v, bool)
    if t == 'float': return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == 'bool': return isinstance(v, bool)
    if t == 'list<string>': return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if t == 'list<int>': return isinstance(v, list) and all(isinstance(x, int) and not isinstance(x, bool) for x in v)
    return True
out = sys.stdout
for n, line in enumerate(open(sys.argv[1], encoding='utf-8', errors='replace'), 1):
    try:
        e = json.loads(line)
    except ValueError:
        out.write('%d: invalid-json\n' % n); continue
    if not isinstance(e, dict):
        out.write('%d: invalid-json\n' % n); continue
    for k in STD:
        if not isinstance(e.get(k), str): out.write('%d: missing-standard-field %s\n' % (n, k))
    if isinstance(e.get('ts'), str) and not TS.match(e['ts']): out.write('%d: missing-standard-field ts\n' % n)
    m = idx.get(e.get('module')) if isinstance(e.get('module'), str) else None
    if m is None: out.write('%d: unknown-module\n' % n); continue
    a = m.get(e.get('action')) if isinstance(e.get('action'), str) else None
    if a is None: out.write('%d: undocumented-action\n' % n); continue
    if e.get('level') != a['level']: out.write('%d: level-mismatch\n' % n)
    for k, v in e.items():
        if k in STD: continue
        f = a['fields'].get(k)
        if f is None: out.write('%d: unknown-field %s\n' % (n, k))
        elif v is not None and not typeok(f[0], v): out.write('%d: field-type %s\n' % (n, k))
    for k, f in a['fields'].items():
        if f[1] and e.get(k) in (None, ''): out.write('%d: missing-id %s\n' % (n, k))
