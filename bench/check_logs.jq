# check_logs.jq: the check-logs validation written in jq, for the benchmark.
#
#   jq -n -R -r --slurpfile cat RESOLVED.json -f check_logs.jq STREAM
#
# RESOLVED.json is `logschema resolve --compact`. Prints "LINE CHECK" for
# every finding: invalid-json, missing-standard-field, unknown-module,
# undocumented-action, level-mismatch, missing-id, unknown-field,
# field-type.

def is_int: type == "number" and . == floor;

def type_ok($t):
  if $t == "string" then type == "string"
  elif $t == "int" then is_int
  elif $t == "float" then type == "number"
  elif $t == "bool" then type == "boolean"
  elif $t == "list<string>" then type == "array" and all(.[]; type == "string")
  elif $t == "list<int>" then type == "array" and all(.[]; is_int)
  else true end;

def standard: ["ts", "level", "module", "action", "msg"];

def check_event($a; $n):
  (if .level != $a.level then "\($n) level-mismatch" else empty end),
  (. as $e | $a.fields | to_entries[]
     | select(.value.required and $e[.key] == null) | "\($n) missing-id"),
  (to_entries[] | select(.key as $k | standard | index($k) | not)
     | $a.fields[.key] as $f
     | if $f == null then "\($n) unknown-field"
       elif (.value | type_ok($f.type)) then empty
       else "\($n) field-type" end);

def check_line($m; $n):
  (try fromjson catch null) as $e
  | if ($e | type) != "object" then "\($n) invalid-json"
    elif any(standard[]; $e[.] == null) then "\($n) missing-standard-field"
    elif $m[$e.module] == null then "\($n) unknown-module"
    elif $m[$e.module][$e.action] == null then "\($n) undocumented-action"
    else $e | check_event($m[$e.module][$e.action]; $n) end;

($cat[0].modules
 | map({key: .name, value: (.actions
     | map({key: .name, value: {level: .level, fields: (.fields
         | map({key: .name, value: {type: .type, required: .required}})
         | from_entries)}})
     | from_entries)})
 | from_entries) as $m
| inputs | check_line($m; input_line_number)
