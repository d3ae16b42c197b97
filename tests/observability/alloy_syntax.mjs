// alloy_syntax.mjs: a reader for the Grafana Alloy configuration syntax,
// enough to prove a generated file well formed: blocks, attributes,
// strings, numbers, lists, objects, references and function calls.
// Returns the blocks as {name, label, attrs, blocks} with attribute values
// kept as source text, or throws with the line of the first error.

function tokenize(src) {
	const tokens = [];
	let i = 0;
	let line = 1;

	const fail = (msg) => {
		throw new Error(`line ${line}: ${msg}`);
	};
	while (i < src.length) {
		const c = src[i];

		if (c === '\n') {
			line++;
			i++;
		} else if (/\s/.test(c)) {
			i++;
		} else if (src.startsWith('//', i)) {
			while (i < src.length && src[i] !== '\n')
				i++;
		} else if (src.startsWith('/*', i)) {
			const end = src.indexOf('*/', i + 2);

			if (end < 0)
				fail('unterminated comment');
			line += src.slice(i, end).split('\n').length - 1;
			i = end + 2;
		} else if (c === '"') {
			let j = i + 1;
			let value = '';

			while (j < src.length && src[j] !== '"') {
				if (src[j] === '\n')
					fail('newline in string');
				if (src[j] === '\\') {
					const e = src[j + 1];
					const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

					if (e in simple) {
						value += simple[e];
						j += 2;
					} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.substr(j + 2, 4))) {
						value += String.fromCharCode(parseInt(src.substr(j + 2, 4), 16));
						j += 6;
					} else {
						fail(`invalid escape '\\${e}'`);
					}
					continue;
				}
				value += src[j++];
			}
			if (j >= src.length)
				fail('unterminated string');
			tokens.push({ t: 'string', v: value, line, text: src.slice(i, j + 1) });
			i = j + 1;
		} else if (c === '`') {
			const end = src.indexOf('`', i + 1);

			if (end < 0)
				fail('unterminated raw string');
			tokens.push({ t: 'string', v: src.slice(i + 1, end), line, text: src.slice(i, end + 1) });
			line += src.slice(i, end).split('\n').length - 1;
			i = end + 1;
		} else if (/[0-9]/.test(c)) {
			const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));

			tokens.push({ t: 'number', v: m[0], line, text: m[0] });
			i += m[0].length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));

			tokens.push({ t: 'ident', v: m[0], line, text: m[0] });
			i += m[0].length;
		} else if ('{}[]()=,.'.includes(c)) {
			tokens.push({ t: c, line, text: c });
			i++;
		} else {
			fail(`unexpected character '${c}'`);
		}
	}
	tokens.push({ t: 'eof', line, text: '' });
	return tokens;
}

export function parseAlloy(src) {
	const tokens = tokenize(src);
	let p = 0;

	const peek = () => tokens[p];
	const fail = (msg) => {
		throw new Error(`line ${peek().line}: ${msg}, found '${peek().text}'`);
	};
	const expect = (t) => {
		if (peek().t !== t)
			fail(`expected '${t}'`);
		return tokens[p++];
	};
	const dotted = () => {
		const parts = [expect('ident').v];

		while (peek().t === '.') {
			p++;
			parts.push(expect('ident').v);
		}
		return parts.join('.');
	};

	function expr() {
		const start = p;
		const tok = peek();

		if (tok.t === 'string' || tok.t === 'number') {
			p++;
		} else if (tok.t === 'ident') {
			dotted();
			if (peek().t === '(') {
				p++;
				while (peek().t !== ')') {
					expr();
					if (peek().t !== ',')
						break;
					p++;
				}
				expect(')');
			}
		} else if (tok.t === '[') {
			p++;
			while (peek().t !== ']') {
				expr();
				if (peek().t !== ',')
					break;
				p++;
			}
			expect(']');
		} else if (tok.t === '{') {
			p++;
			while (peek().t !== '}') {
				if (peek().t !== 'ident' && peek().t !== 'string')
					fail('expected an object key');
				p++;
				expect('=');
				expr();
				if (peek().t !== ',')
					break;
				p++;
			}
			expect('}');
		} else {
			fail('expected an expression');
		}
		return tokens.slice(start, p).map((t) => t.text).join(' ');
	}

	function body(end) {
		const block = { attrs: {}, blocks: [] };

		while (peek().t !== end) {
			const name = dotted();

			if (peek().t === '=') {
				if (name.includes('.'))
					fail(`attribute name '${name}' has a dot`);
				if (Object.hasOwn(block.attrs, name))
					fail(`attribute '${name}' set twice`);
				p++;
				block.attrs[name] = expr();
				continue;
			}
			const label = peek().t === 'string' ? tokens[p++].v : null;

			expect('{');
			const inner = body('}');

			expect('}');
			block.blocks.push({ name, label, ...inner });
		}
		return block;
	}

	return body('eof').blocks;
}
