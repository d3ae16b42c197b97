// validate.mjs: check every LogQL expression logschema generates.
//
// Syntax is checked with Grafana's own LogQL grammar (@grafana/lezer-logql);
// on top of it come the rules Loki enforces when it plans a query and the
// grammar does not: which range aggregations need `| unwrap`, where
// `by`/`without` may appear, and that a stream selector has at least one
// matcher that cannot match the empty string.
//
//   node tests/logql/validate.mjs [--modules DIR] FILE...
//
// FILE is a Grafana dashboard (*.json: every targets[].expr), Loki ruler
// rules (*.yaml, *.yml: every groups[].rules[].expr) or Markdown (*.md:
// every expression of every ```logql block). Exit status: 0 when every
// expression is valid, 1 when one is not, 2 on a usage or I/O error.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultModules = resolve(here, '../../build/logql/node_modules');

export function loadParser(modulesDir = defaultModules) {
	const require = createRequire(join(resolve(modulesDir), '..', 'package.json'));

	return require('@grafana/lezer-logql').parser;
}

// Grafana's global variables, replaced by a duration or number of the same
// kind so the expression parses as Loki would receive it.
const grafanaVariables = {
	__interval: '1m',
	__auto: '1m',
	__range: '1h',
	__rate_interval: '4m',
	__interval_ms: '60000',
	__range_ms: '3600000',
	__range_s: '3600',
};

export function substituteVariables(expr, extra = {}) {
	const vars = { ...grafanaVariables, ...extra };

	return expr.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)/g, (whole, braced, bare) => {
		const name = braced ?? bare;

		return Object.hasOwn(vars, name) ? vars[name] : whole;
	});
}

// A LogQL string literal's value: Go-quoted "..." or raw `...`.
export function stringValue(literal) {
	if (literal.startsWith('`'))
		return literal.slice(1, -1);

	const simple = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
	let out = '';

	for (let i = 1; i < literal.length - 1; i++) {
		const c = literal[i];

		if (c !== '\\') {
			out += c;
			continue;
		}
		const e = literal[++i];

		if (e in simple) {
			out += simple[e];
		} else if (e === 'x' || e === 'u' || e === 'U') {
			const n = { x: 2, u: 4, U: 8 }[e];

			out += String.fromCodePoint(parseInt(literal.substr(i + 1, n), 16));
			i += n;
		} else if (e >= '0' && e <= '7') {
			out += String.fromCharCode(parseInt(literal.substr(i, 3), 8));
			i += 2;
		} else {
			throw new Error(`invalid escape '\\${e}' in ${literal}`);
		}
	}
	return out;
}

// Compile an RE2 pattern as Loki anchors it; the RE2 syntax our queries use
// is shared with JavaScript, and a leading (?flags) group becomes flags.
export function compileRegex(pattern) {
	let flags = 'u';
	const m = /^\(\?([imsU]+)\)/.exec(pattern);

	if (m) {
		pattern = pattern.slice(m[0].length);
		flags += m[1].replace(/U/g, '');
	}
	return new RegExp(`^(?:${pattern})$`, flags);
}

const unwrapRequired = new Set([
	'sum_over_time', 'avg_over_time', 'min_over_time', 'max_over_time',
	'stddev_over_time', 'stdvar_over_time', 'quantile_over_time',
	'first_over_time', 'last_over_time', 'rate_counter',
]);
const unwrapAllowed = new Set([...unwrapRequired, 'rate', 'absent_over_time']);
const groupingAllowed = new Set([
	'avg_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time',
	'stdvar_over_time', 'quantile_over_time', 'first_over_time',
	'last_over_time',
]);

function text(expr, node) {
	return expr.slice(node.from, node.to);
}

function children(node, name) {
	const out = [];

	for (let c = node.firstChild; c; c = c.nextSibling)
		if (c.name === name)
			out.push(c);
	return out;
}

function syntaxProblems(expr, tree) {
	const problems = [];

	// Only the first error: the parser's recovery makes the others echoes.
	tree.iterate({
		enter(node) {
			if (!node.type.isError || problems.length)
				return;
			const near = expr.slice(node.from, node.from + 20) || 'end of input';

			problems.push(`syntax error at column ${node.from + 1} near '${near}'`);
		},
	});
	return problems;
}

function rangeAggregationProblems(expr, node) {
	const problems = [];
	const op = text(expr, node.getChild('RangeOp'));
	const range = node.getChild('LogRangeExpr');
	const unwrap = range && range.getChild('UnwrapExpr');

	if (unwrapRequired.has(op) && !unwrap)
		problems.push(`'${op}' needs '| unwrap FIELD': it aggregates sample values, not lines`);
	if (unwrap && !unwrapAllowed.has(op))
		problems.push(`'${op}' counts lines and cannot take '| unwrap'`);
	if (node.getChild('Grouping') && !groupingAllowed.has(op))
		problems.push(`grouping is not allowed on '${op}': group in a vector aggregation, such as sum by (...) (${op}(...))`);
	return problems;
}

function matcherMatchesEmpty(expr, matcher) {
	const op = matcher.getChild('Eq') ? '=' : matcher.getChild('Neq') ? '!='
		: matcher.getChild('Re') ? '=~' : '!~';
	const value = stringValue(text(expr, matcher.getChild('String')));

	switch (op) {
	case '=':
		return value === '';
	case '!=':
		return value !== '';
	case '=~':
		return compileRegex(value).test('');
	default:
		return !compileRegex(value).test('');
	}
}

function selectorProblems(expr, node) {
	const matchers = [];
	const problems = [];

	const collect = (n) => {
		for (let c = n.firstChild; c; c = c.nextSibling) {
			if (c.name === 'Matchers')
				collect(c);
			else if (c.name === 'Matcher')
				matchers.push(c);
		}
	};
	const matchersNode = node.getChild('Matchers');

	if (matchersNode)
		collect(matchersNode);
	try {
		if (matchers.every((m) => matcherMatchesEmpty(expr, m)))
			problems.push(`stream selector '${text(expr, node)}' has no matcher that rejects the empty string: Loki refuses it`);
	} catch {
		// An invalid regular expression: reported on its matcher.
	}
	return problems;
}

function regexProblems(expr, node) {
	const filter = node.getChild('Filter') || node;
	const op = filter.getChild('Re') || filter.getChild('Nre') || filter.getChild('PipeMatch');
	const str = node.getChild('String');

	if (!op || !str)
		return [];
	try {
		compileRegex(stringValue(text(expr, str)));
		return [];
	} catch (err) {
		return [`invalid regular expression ${text(expr, str)}: ${err.message}`];
	}
}

// Every problem of one expression, as messages; an empty list means valid.
export function checkExpr(parser, expr) {
	const tree = parser.parse(expr);
	const problems = syntaxProblems(expr, tree);

	if (expr.trim() === '')
		return ['empty expression'];
	if (problems.length)
		return problems;
	tree.cursor().iterate((ref) => {
		const node = ref.node;

		switch (node.name) {
		case 'RangeAggregationExpr':
			problems.push(...rangeAggregationProblems(expr, node));
			break;
		case 'Selector':
			problems.push(...selectorProblems(expr, node));
			break;
		case 'Matcher':
		case 'LineFilter':
			problems.push(...regexProblems(expr, node));
			break;
		}
	});
	return problems;
}

// Expressions of a dashboard: {where, expr} for every panel target,
// including the panels of collapsed rows.
export function dashboardExpressions(dashboard) {
	const out = [];

	const walk = (panels) => {
		for (const panel of panels ?? []) {
			for (const target of panel.targets ?? [])
				if (typeof target.expr === 'string')
					out.push({ where: `panel '${panel.title}', target '${target.refId}'`, expr: target.expr, grafana: true });
			walk(panel.panels);
		}
	};
	walk(dashboard.panels);
	return out;
}

// Expressions of Loki ruler rules; the ruler interpolates nothing.
export function rulesExpressions(rules) {
	const out = [];

	for (const group of rules?.groups ?? [])
		for (const rule of group.rules ?? [])
			out.push({ where: `group '${group.name}', rule '${rule.alert ?? rule.record}'`, expr: String(rule.expr), grafana: false });
	return out;
}

// Expressions of the ```logql blocks of a Markdown document: runs of lines
// that are neither blank nor `#` comments, each with its first line.
export function markdownExpressions(markdown) {
	const out = [];
	const lines = markdown.split('\n');
	let inBlock = false;
	let current = null;

	const flush = () => {
		if (current)
			out.push(current);
		current = null;
	};
	lines.forEach((line, i) => {
		const trimmed = line.trim();

		if (!inBlock) {
			inBlock = /^```logql\s*$/.test(trimmed);
			return;
		}
		if (trimmed.startsWith('```')) {
			flush();
			inBlock = false;
		} else if (trimmed === '' || trimmed.startsWith('#')) {
			flush();
		} else if (current) {
			current.expr += '\n' + line;
		} else {
			current = { where: `line ${i + 1}`, expr: line, grafana: true };
		}
	});
	flush();
	return out;
}

export function readYaml(path) {
	const py = 'import json, sys, yaml\njson.dump(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), sys.stdout)';
	const run = spawnSync('python3', ['-c', py, path], { encoding: 'utf-8' });

	if (run.error)
		throw new Error(`cannot run python3: ${run.error.message}`);
	if (run.status !== 0)
		throw new Error(`not valid YAML: ${run.stderr.trim().split('\n').pop()}`);
	return JSON.parse(run.stdout);
}

export function fileExpressions(path) {
	const content = readFileSync(path, 'utf-8');

	if (path.endsWith('.json'))
		return dashboardExpressions(JSON.parse(content));
	if (path.endsWith('.yaml') || path.endsWith('.yml'))
		return rulesExpressions(readYaml(path));
	if (path.endsWith('.md'))
		return markdownExpressions(content);
	throw new Error('unknown kind of file: expected .json, .yaml, .yml or .md');
}

// Check every expression of `files`; returns the problems found.
export function validateFiles(parser, files) {
	const problems = [];
	let count = 0;

	for (const file of files) {
		for (const { where, expr, grafana } of fileExpressions(file)) {
			const query = grafana ? substituteVariables(expr) : expr;

			count++;
			for (const message of checkExpr(parser, query))
				problems.push({ file, where, expr, message });
		}
	}
	return { count, problems };
}

function main(argv) {
	let modules = process.env.LOGQL_MODULES || defaultModules;
	const files = [];

	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--modules')
			modules = argv[++i];
		else
			files.push(argv[i]);
	}
	if (!files.length || !modules) {
		console.error('usage: validate.mjs [--modules DIR] FILE...');
		return 2;
	}

	let result;

	try {
		result = validateFiles(loadParser(modules), files);
	} catch (err) {
		console.error(`validate.mjs: ${err.message}`);
		return 2;
	}
	for (const p of result.problems)
		console.error(`${p.file}: ${p.where}: error: ${p.message}\n    ${p.expr}`);
	console.error(`validate.mjs: ${result.count} LogQL expressions in ${files.length} files, ${result.problems.length} problems`);
	if (result.count === 0) {
		console.error('validate.mjs: no LogQL expression found');
		return 1;
	}
	return result.problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
	process.exitCode = main(process.argv.slice(2));
