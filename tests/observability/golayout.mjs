// golayout.mjs: Go's time layouts, as Grafana Alloy's and Promtail's
// timestamp stages read them (time.Parse and time.ParseInLocation), for
// the elements a log timestamp uses: 2006 01 02 15 04 05, fractional
// seconds (.000 exact digits, .999 optional digits), and the zones Z07:00,
// Z0700, Z07, -07:00, -0700 and -07. Any other element is refused rather
// than guessed. Times are integer microseconds since the Unix epoch; Go
// keeps nanoseconds, and parse() refuses a value that would lose any.

const numeric = [
	['2006', 'year'], ['01', 'month'], ['02', 'day'], ['15', 'hour'],
	['04', 'minute'], ['05', 'second'],
];
const zones = ['Z07:00', 'Z0700', 'Z07', '-07:00', '-0700', '-07'];
const unsupported = [
	'January', 'Jan', 'Monday', 'Mon', 'MST', '__2', '002', '_2', '06',
	'PM', 'pm', '1', '2', '3', '4', '5',
];

// The layout as a list of {kind, text} chunks; literal text stays as is.
export function tokenize(layout) {
	const chunks = [];
	let literal = '';
	let i = 0;

	const push = (chunk) => {
		if (literal)
			chunks.push({ kind: 'literal', text: literal });
		literal = '';
		chunks.push(chunk);
	};
	next: while (i < layout.length) {
		const rest = layout.slice(i);
		const frac = /^[.,](0+|9+)(?![0-9])/.exec(rest);

		if (frac && chunks.length && chunks[chunks.length - 1].kind === 'second' && !literal) {
			push({ kind: frac[1][0] === '0' ? 'frac0' : 'frac9', digits: frac[1].length, sep: rest[0], text: frac[0] });
			i += frac[0].length;
			continue;
		}
		for (const zone of zones) {
			if (rest.startsWith(zone)) {
				push({ kind: 'zone', text: zone });
				i += zone.length;
				continue next;
			}
		}
		for (const [text, kind] of numeric) {
			if (rest.startsWith(text)) {
				push({ kind, text });
				i += text.length;
				continue next;
			}
		}
		for (const text of unsupported) {
			if (rest.startsWith(text))
				throw new Error(`layout element '${text}' is not supported here`);
		}
		literal += layout[i++];
	}
	if (literal)
		chunks.push({ kind: 'literal', text: literal });
	return chunks;
}

const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// Offset in minutes east of UTC of the wall time `fields` in IANA zone
// `location`, as Go resolves it (the earlier instant when ambiguous).
export function zoneOffset(location, f) {
	if (location === 'UTC' || location === 'Etc/UTC' || location === '')
		return 0;

	const fmt = new Intl.DateTimeFormat('en-US', {
		timeZone: location, hourCycle: 'h23', year: 'numeric', month: 'numeric',
		day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
	});
	const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
	const offsetAt = (ms) => {
		const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));

		return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms) / 60000;
	};
	const first = offsetAt(wall);

	return offsetAt(wall - first * 60000);
}

function digitsAt(value, pos, n, what) {
	const s = value.slice(pos, pos + n);

	if (s.length !== n || !/^[0-9]+$/.test(s))
		throw new Error(`cannot parse '${value.slice(pos)}' as ${what}`);
	return Number(s);
}

// Fractional digits starting at value[pos] ('.' or ',' then digits),
// as microseconds; refuses digits beyond microseconds that are not zero.
function fraction(value, pos, n) {
	const digits = value.slice(pos + 1, pos + 1 + n);

	if (!/^[0-9]+$/.test(digits) || digits.length !== n)
		throw new Error(`cannot parse '${value.slice(pos)}' as a fractional second`);
	if (/[1-9]/.test(digits.slice(6)))
		throw new Error(`'${digits}' has more precision than microseconds`);
	return Number(digits.slice(0, 6).padEnd(6, '0'));
}

// Parse `value` as Go's time.ParseInLocation(layout, value, location) does;
// returns {micros, offset} (offset in minutes east of UTC).
export function parse(layout, value, location = 'UTC') {
	const chunks = tokenize(layout);
	const f = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, micros: 0 };
	let offset = null;
	let pos = 0;

	for (let c = 0; c < chunks.length; c++) {
		const chunk = chunks[c];

		switch (chunk.kind) {
		case 'literal':
			if (!value.startsWith(chunk.text, pos))
				throw new Error(`cannot parse '${value.slice(pos)}' as '${chunk.text}'`);
			pos += chunk.text.length;
			break;
		case 'year':
			f.year = digitsAt(value, pos, 4, '2006');
			pos += 4;
			break;
		case 'second': {
			f.second = digitsAt(value, pos, 2, '05');
			pos += 2;
			// Go reads a fraction after the seconds even when the layout
			// has none, unless the layout's next element is one.
			const next = chunks[c + 1];
			const m = /^[.,][0-9]+/.exec(value.slice(pos));

			if (m && !(next && (next.kind === 'frac0' || next.kind === 'frac9'))) {
				f.micros = fraction(value, pos, m[0].length - 1);
				pos += m[0].length;
			}
			break;
		}
		case 'frac0':
			if (value[pos] !== chunk.sep)
				throw new Error(`cannot parse '${value.slice(pos)}' as '${chunk.text}'`);
			f.micros = fraction(value, pos, chunk.digits);
			pos += 1 + chunk.digits;
			break;
		case 'frac9': {
			const m = /^[.,][0-9]+/.exec(value.slice(pos));

			if (m) {
				f.micros = fraction(value, pos, m[0].length - 1);
				pos += m[0].length;
			}
			break;
		}
		case 'zone': {
			const z = chunk.text;

			if (z[0] === 'Z' && value[pos] === 'Z') {
				offset = 0;
				pos += 1;
				break;
			}
			const shape = z.replace(/^Z/, '-');
			const re = { '-07:00': /^[+-][0-9]{2}:[0-9]{2}/, '-0700': /^[+-][0-9]{4}/, '-07': /^[+-][0-9]{2}/ }[shape];
			const m = re.exec(value.slice(pos));

			if (!m)
				throw new Error(`cannot parse '${value.slice(pos)}' as '${z}'`);
			const digits = m[0].replace(/[^0-9]/g, '');
			const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);

			offset = m[0][0] === '-' ? -minutes : minutes;
			pos += m[0].length;
			break;
		}
		default: {
			const n = 2;
			const v = digitsAt(value, pos, n, chunk.text);

			f[chunk.kind] = v;
			pos += n;
		}
		}
	}
	if (pos !== value.length)
		throw new Error(`extra text: '${value.slice(pos)}'`);
	if (f.month < 1 || f.month > 12)
		throw new Error('month out of range');
	if (f.day < 1 || f.day > daysIn(f.year, f.month))
		throw new Error('day out of range');
	if (f.hour > 23 || f.minute > 59 || f.second > 59)
		throw new Error('time out of range');
	if (offset === null)
		offset = zoneOffset(location, f);

	const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);

	return { micros: (wall - offset * 60000) * 1000 + f.micros, offset };
}

// Format `micros` with `layout` at `offset` minutes east of UTC, as Go's
// Time.Format does for these elements (fractions truncate).
export function format(layout, micros, offset = 0) {
	const local = Math.floor(micros / 1000) + offset * 60000;
	const d = new Date(local);
	const us = ((micros % 1000000) + 1000000) % 1000000;
	const pad = (v, n) => String(v).padStart(n, '0');
	let out = '';

	for (const chunk of tokenize(layout)) {
		switch (chunk.kind) {
		case 'literal': out += chunk.text; break;
		case 'year': out += pad(d.getUTCFullYear(), 4); break;
		case 'month': out += pad(d.getUTCMonth() + 1, 2); break;
		case 'day': out += pad(d.getUTCDate(), 2); break;
		case 'hour': out += pad(d.getUTCHours(), 2); break;
		case 'minute': out += pad(d.getUTCMinutes(), 2); break;
		case 'second': out += pad(d.getUTCSeconds(), 2); break;
		case 'frac0':
			out += chunk.sep + pad(us, 6).padEnd(9, '0').slice(0, chunk.digits);
			break;
		case 'frac9': {
			const digits = pad(us, 6).padEnd(9, '0').slice(0, chunk.digits).replace(/0+$/, '');

			if (digits)
				out += chunk.sep + digits;
			break;
		}
		case 'zone': {
			if (chunk.text[0] === 'Z' && offset === 0) {
				out += 'Z';
				break;
			}
			const a = Math.abs(offset);
			const hh = pad(Math.floor(a / 60), 2);
			const mm = pad(a % 60, 2);
			const shape = chunk.text.replace(/^Z/, '-');

			out += (offset < 0 ? '-' : '+') + { '-07:00': `${hh}:${mm}`, '-0700': hh + mm, '-07': hh }[shape];
			break;
		}
		}
	}
	return out;
}
