// validate.test.mjs: the LogQL validator accepts what Loki accepts and
// rejects each kind of query Loki refuses.
//
//   node --test tests/logql/validate.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	checkExpr, dashboardExpressions, loadParser, markdownExpressions,
	rulesExpressions, stringValue, substituteVariables, validateFiles,
} from './validate.mjs';

const parser = loadParser(process.env.LOGQL_MODULES || undefined);

function rejects(expr, pattern) {
	const problems = checkExpr(parser, expr);

	assert.ok(problems.length > 0, `accepted: ${expr}`);
	assert.match(problems.join('\n'), pattern);
}

function accepts(expr) {
	assert.deepEqual(checkExpr(parser, expr), [], expr);
}

test('accepts the query shapes the generated files use', () => {
	accepts('{module="download"}');
	accepts('{container=~`found-footy-prod-worker-.*`, level="ERROR"}');
	accepts('sum by (module) (count_over_time({container=~`found-footy-.*`, level="ERROR"} [5m]))');
	accepts('sum(count_over_time({module="rag", level="ERROR"} [1h])) or vector(0)');
	accepts('sum by (module, action) (count_over_time({container=~"x-.*", module="m"} | action !~ "a|b|c" [5m])) > 0');
	accepts('max(last_over_time({module="scaler", action="heartbeat"} | json active_workflows="active_workflows" | unwrap active_workflows | __error__="" [1h]))');
	accepts('{module="monitor"} | json | fixture_id!="" | line_format "{{.fixture_id}}: {{.action}}"');
	accepts('max_over_time({a="b"} | unwrap x [5m]) by (c)');
	accepts('quantile_over_time(0.99, {a="b"} | unwrap x [5m]) by (c)');
});

test('rejects a syntax error', () => {
	rejects('{module="download"', /syntax error/);
	rejects('sum by (module) count_over_time({a="b"}[5m])', /syntax error/);
	rejects('count_over_time({a="b"})', /syntax error/);
	rejects('', /empty expression|syntax error/);
});

test('rejects a sample aggregation without unwrap', () => {
	for (const op of ['sum', 'avg', 'min', 'max', 'stddev', 'stdvar', 'first', 'last'])
		rejects(`${op}_over_time({a="b"} [5m])`, /needs '\| unwrap FIELD'/);
	rejects('quantile_over_time(0.5, {a="b"} [5m])', /needs '\| unwrap FIELD'/);
	rejects('max(last_over_time({module="scaler"} | json [5m]))', /needs '\| unwrap FIELD'/);
});

test('rejects unwrap on a line-counting aggregation', () => {
	rejects('count_over_time({a="b"} | unwrap x [5m])', /cannot take '\| unwrap'/);
	rejects('bytes_over_time({a="b"} | unwrap x [5m])', /cannot take '\| unwrap'/);
});

test('rejects grouping directly on a range aggregation that does not allow it', () => {
	rejects('count_over_time({a="b"} [5m]) by (module)', /grouping is not allowed on 'count_over_time'/);
	rejects('rate({a="b"} [5m]) without (module)', /grouping is not allowed on 'rate'/);
	rejects('bytes_over_time({a="b"} [5m]) by (module)', /grouping is not allowed/);
	rejects('absent_over_time({a="b"} [5m]) by (module)', /grouping is not allowed/);
	rejects('sum_over_time({a="b"} | unwrap x [5m]) by (module)', /grouping is not allowed on 'sum_over_time'/);
});

test('rejects a stream selector whose matchers all match the empty string', () => {
	rejects('{a=~".*"}', /rejects the empty string/);
	rejects('{a=""}', /rejects the empty string/);
	rejects('{a!="x"}', /rejects the empty string/);
	rejects('{a=~"x|"}', /rejects the empty string/);
	rejects('{a!~"x"}', /rejects the empty string/);
	rejects('{a=~".*", b!="c"}', /rejects the empty string/);
	rejects('sum(count_over_time({module=~".*"} [5m]))', /rejects the empty string/);
	accepts('{a=~".*", b="c"}');
	accepts('{a=~".+"}');
	accepts('{a!~""}');
});

test('rejects an invalid regular expression', () => {
	rejects('{a=~"("}', /invalid regular expression/);
	rejects('{a="b"} |~ "["', /invalid regular expression/);
	rejects('{a="b"} | action!~"a|("', /invalid regular expression/);
});

test('substitutes Grafana variables with values of their kind', () => {
	assert.equal(substituteVariables('count_over_time({a="b"} [$__interval])'), 'count_over_time({a="b"} [1m])');
	assert.equal(substituteVariables('[${__range}] [$__auto] [$__rate_interval]'), '[1h] [1m] [4m]');
	assert.equal(substituteVariables('{a=~"x$"} $unknown'), '{a=~"x$"} $unknown');
	accepts(substituteVariables('sum(count_over_time({a="b"} [$__range])) or vector(0)'));
	rejects('sum(count_over_time({a="b"} [$__range]))', /syntax error/);
});

test('decodes LogQL string literals', () => {
	assert.equal(stringValue('"a\\\\d\\"q\\n"'), 'a\\d"q\n');
	assert.equal(stringValue('`a\\d`'), 'a\\d');
});

test('finds the expressions of dashboards, rules and Markdown', () => {
	const dashboard = {
		panels: [
			{ title: 'p', targets: [{ refId: 'A', expr: '{a="b"}' }] },
			{ title: 'row', type: 'row', panels: [{ title: 'q', targets: [{ refId: 'B', expr: '{c="d"}' }] }] },
		],
	};
	const rules = { groups: [{ name: 'g', rules: [{ alert: 'A', expr: '{a="b"}' }, { record: 'r', expr: '1' }] }] };
	const markdown = 'x\n```logql\n# one\n{a="b"}\n\n# two\nsum(\n  vector(1)\n)\n```\n```json\n{}\n```\n';

	assert.deepEqual(dashboardExpressions(dashboard).map((e) => e.expr), ['{a="b"}', '{c="d"}']);
	assert.deepEqual(rulesExpressions(rules).map((e) => e.where), ["group 'g', rule 'A'", "group 'g', rule 'r'"]);
	assert.deepEqual(markdownExpressions(markdown).map((e) => [e.where, e.expr]),
		[['line 4', '{a="b"}'], ['line 7', 'sum(\n  vector(1)\n)']]);
});

test('reports each bad expression of a file, and leaves rules uninterpolated', () => {
	const dir = mkdtempSync(join(tmpdir(), 'logql-'));
	const dash = join(dir, 'dashboard.json');
	const rules = join(dir, 'rules.yaml');
	const md = join(dir, 'doc.md');

	writeFileSync(dash, JSON.stringify({ panels: [{ title: 't', targets: [
		{ refId: 'A', expr: 'sum(count_over_time({a="b"} [$__range])) or vector(0)' },
		{ refId: 'B', expr: 'count_over_time({a="b"} [$__range]) by (c)' },
	] }] }));
	writeFileSync(rules, 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: \'count_over_time({a="b"} [$__interval]) > 0\'\n');
	writeFileSync(md, '```logql\n{a=~".*"}\n```\n');

	const { count, problems } = validateFiles(parser, [dash, rules, md]);

	assert.equal(count, 4);
	assert.deepEqual(problems.map((p) => p.where), ["panel 't', target 'B'", "group 'g', rule 'A'", 'line 2']);
});
