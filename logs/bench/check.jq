# check.jq: the checks of check-logs as one jq program, a line at a time, as a baseline.
def typeok($t): if $t == "string" then type == "string"
  elif $t == "int" then type == "number" and . == floor
  elif $t == "float" then type == "number"
  elif $t == "bool" then type == "boolean"
  elif $t == "list<string>" then type == "array" and all(.[]; type == "string")
  elif $t == "list<int>" then type == "array" and all(.[]; type == "number" and . == floor)
  else true end;
. as $line | input_line_number as $n |
(fromjson? // null) as $e |
if ($e | type) != "object" then "\($n): invalid-json" else
  ([ "ts","level","module","action","msg"][] | select(($e[.] | type) != "string") | "\($n): missing-standard-field \(.)"),
  (if ($e.ts|type) == "string" and ($e.ts | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$") | not) then "\($n): missing-standard-field ts" else empty end),
  ($idx[0][$e.module] as $m |
   if $m == null then "\($n): unknown-module" else
    $m[$e.action] as $a |
    if $a == null then "\($n): undocumented-action" else
     (if $e.level != $a.level then "\($n): level-mismatch" else empty end),
     ($e | to_entries[] | select(.key | IN("ts","level","module","action","msg") | not) |
       if $a.fields[.key] == null then "\($n): unknown-field \(.key)"
       elif (.key as $k | .value | typeok($a.fields[$k][0])) or .value == null then empty
       else "\($n): field-type \(.key)" end),
     ($a.fields | to_entries[] | select(.value[1]) | select($e[.key] == null or $e[.key] == "") | "\($n): missing-id \(.key)")
    end end)
end
