/* jsonline.c: validate one JSON log line and record its top-level members. */
#include <stdlib.h>
#include <string.h>

#include "jsonline.h"
#include "util.h"

struct scan {
	const char *p;
	const char *end;
	const char *start;
	struct jl_error *err;
};

static int fail(struct scan *s, const char *reason)
{
	if (s->p >= s->end && strncmp(reason, "unterminated", 12))
		reason = "unexpected end of line";
	s->err->reason = reason;
	s->err->offset = (size_t)(s->p - s->start);
	return -1;
}

static void skip_ws(struct scan *s)
{
	while (s->p < s->end &&
	       (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' ||
		*s->p == '\n'))
		s->p++;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at p; -1 when they are not. */
static long hex4(const char *p, const char *end)
{
	long v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		int d = hex_value((unsigned char)p[i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* A backslash escape at s->p (on the backslash). */
static int scan_escape(struct scan *s)
{
	long cp, lo;

	if (s->end - s->p < 2)
		return fail(s, "unterminated string");
	switch (s->p[1]) {
	case '"': case '\\': case '/': case 'b':
	case 'f': case 'n': case 'r': case 't':
		s->p += 2;
		return 0;
	case 'u':
		break;
	default:
		return fail(s, "invalid escape in string");
	}
	cp = hex4(s->p + 2, s->end);
	if (cp < 0)
		return fail(s, "invalid \\u escape in string");
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(s, "lone utf-16 surrogate in string");
	if (cp < 0xD800 || cp > 0xDBFF) {
		s->p += 6;
		return 0;
	}
	if (s->end - s->p < 12 || s->p[6] != '\\' || s->p[7] != 'u')
		return fail(s, "lone utf-16 surrogate in string");
	lo = hex4(s->p + 8, s->end);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return fail(s, "lone utf-16 surrogate in string");
	s->p += 12;
	return 0;
}

static int is_cont(const unsigned char *p, const char *end)
{
	return (const char *)p < end && (*p & 0xC0) == 0x80;
}

/* A multi-byte UTF-8 sequence at s->p, strictly (no overlong forms,
 * surrogates or code points past U+10FFFF). */
static int scan_utf8(struct scan *s)
{
	const unsigned char *u = (const unsigned char *)s->p;
	unsigned char lo = 0x80, hi = 0xBF;
	int n;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 1;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		n = 2;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		n = 3;
	else
		return fail(s, "invalid utf-8 in string");
	if (u[0] == 0xE0)
		lo = 0xA0;
	else if (u[0] == 0xED)
		hi = 0x9F;
	else if (u[0] == 0xF0)
		lo = 0x90;
	else if (u[0] == 0xF4)
		hi = 0x8F;
	if ((const char *)u + 1 >= s->end || u[1] < lo || u[1] > hi)
		return fail(s, "invalid utf-8 in string");
	if (n >= 2 && !is_cont(u + 2, s->end))
		return fail(s, "invalid utf-8 in string");
	if (n == 3 && !is_cont(u + 3, s->end))
		return fail(s, "invalid utf-8 in string");
	s->p += n + 1;
	return 0;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Non-zero when one of the 8 bytes in `x` needs a closer look. */
static uint64_t special_bytes(uint64_t x)
{
	uint64_t quote = x ^ (ONES * '"');
	uint64_t bslash = x ^ (ONES * '\\');
	uint64_t t;

	t = (quote - ONES) & ~quote;
	t |= (bslash - ONES) & ~bslash;
	t |= (x - ONES * 0x20) & ~x;
	return (t | x) & HIGHS;
}

/* Index of the lowest marked byte of `hit`, in memory order. */
static unsigned first_byte(uint64_t hit)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (unsigned)__builtin_clzll(hit) / 8;
#else
	return (unsigned)__builtin_ctzll(hit) / 8;
#endif
}

/*
 * A string at s->p (on the opening quote). Sets `escaped` when it holds a
 * backslash escape; leaves s->p after the closing quote.
 */
static int scan_string(struct scan *s, bool *escaped)
{
	*escaped = false;
	s->p++;
	for (;;) {
		unsigned char c;

		while (s->end - s->p >= 8) {
			uint64_t x, hit;

			memcpy(&x, s->p, 8);
			hit = special_bytes(x);
			if (hit) {
				s->p += first_byte(hit);
				break;
			}
			s->p += 8;
		}
		if (s->p >= s->end)
			return fail(s, "unterminated string");
		c = (unsigned char)*s->p;
		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c == '\\') {
			*escaped = true;
			if (scan_escape(s))
				return -1;
		} else if (c < 0x20) {
			return fail(s, "control character in string");
		} else if (c >= 0x80) {
			if (scan_utf8(s))
				return -1;
		} else {
			s->p++;
		}
	}
}

static int is_digit(struct scan *s)
{
	return s->p < s->end && *s->p >= '0' && *s->p <= '9';
}

static void skip_digits(struct scan *s)
{
	while (is_digit(s))
		s->p++;
}

static enum jl_type integer_type(const char *tok, size_t len)
{
	const char *d = tok + (*tok == '-');
	size_t n = len - (size_t)(d - tok);

	if (n < 19)
		return JL_INT;
	if (n > 19)
		return JL_BIGINT;
	/* 19 digits: compare with the limits as text */
	if (*tok == '-')
		return memcmp(d, "9223372036854775808", 19) <= 0 ?
			JL_INT : JL_BIGINT;
	return memcmp(d, "9223372036854775807", 19) <= 0 ? JL_INT : JL_BIGINT;
}

static int scan_number(struct scan *s, enum jl_type *type)
{
	const char *tok = s->p;
	bool real = false;

	if (*s->p == '-')
		s->p++;
	if (!is_digit(s))
		return fail(s, "invalid number");
	if (*s->p == '0')
		s->p++;
	else
		skip_digits(s);
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!is_digit(s))
			return fail(s, "invalid number");
		skip_digits(s);
		real = true;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!is_digit(s))
			return fail(s, "invalid number");
		skip_digits(s);
		real = true;
	}
	*type = real ? JL_REAL : integer_type(tok, (size_t)(s->p - tok));
	return 0;
}

static int scan_word(struct scan *s, const char *word, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, word, len))
		return fail(s, "unexpected character");
	s->p += len;
	return 0;
}

/* A value that is not an array or object. */
static int scan_scalar(struct scan *s, enum jl_type *type, bool *escaped)
{
	*escaped = false;
	if (s->p >= s->end)
		return fail(s, "unexpected end of line");
	switch (*s->p) {
	case '"':
		*type = JL_STRING;
		return scan_string(s, escaped);
	case 't':
		*type = JL_TRUE;
		return scan_word(s, "true", 4);
	case 'f':
		*type = JL_FALSE;
		return scan_word(s, "false", 5);
	case 'n':
		*type = JL_NULL;
		return scan_word(s, "null", 4);
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s, type);
		return fail(s, "unexpected character");
	}
}

/*
 * An array or object at s->p, nested at most `room` levels deep, walked
 * without recursion. `elems` collects the types of an array's elements.
 */
static int scan_composite(struct scan *s, size_t room, unsigned *elems)
{
	unsigned char is_obj[JL_MAX_DEPTH];
	size_t depth = 0;
	enum jl_type type;
	bool escaped;

	*elems = 0;
open:
	if (depth == room)
		return fail(s, "nesting too deep");
	is_obj[depth++] = *s->p == '{';
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == (is_obj[depth - 1] ? '}' : ']')) {
		s->p++;
		goto closed;
	}
member:
	if (is_obj[depth - 1]) {
		if (s->p >= s->end || *s->p != '"')
			return fail(s, "expected a string key");
		if (scan_string(s, &escaped))
			return -1;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail(s, "expected ':' after a key");
		s->p++;
		skip_ws(s);
	}
	if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
		if (depth == 1)
			*elems |= JL_BIT(*s->p == '{' ? JL_OBJECT : JL_ARRAY);
		goto open;
	}
	if (scan_scalar(s, &type, &escaped))
		return -1;
	if (depth == 1)
		*elems |= JL_BIT(type);
after:
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "unexpected end of line");
	if (*s->p == ',') {
		s->p++;
		skip_ws(s);
		goto member;
	}
	if (*s->p == (is_obj[depth - 1] ? '}' : ']')) {
		s->p++;
		goto closed;
	}
	return fail(s, is_obj[depth - 1] ? "expected ',' or '}'" :
		    "expected ',' or ']'");
closed:
	if (--depth == 0)
		return 0;
	goto after;
}

static int scan_member(struct scan *s, struct jl_line *out)
{
	struct jl_member *m;
	const char *val;

	if (s->p >= s->end || *s->p != '"')
		return fail(s, "expected a string key");
	ALLOC_GROW(out->members, out->nr + 1, out->alloc);
	m = &out->members[out->nr];
	m->offset = (size_t)(s->p - s->start);
	m->key = s->p + 1;
	if (scan_string(s, &m->key_escaped))
		return -1;
	m->key_len = (size_t)(s->p - 1 - m->key);
	skip_ws(s);
	if (s->p >= s->end || *s->p != ':')
		return fail(s, "expected ':' after a key");
	s->p++;
	skip_ws(s);

	val = s->p;
	m->elems = 0;
	m->val_escaped = false;
	if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
		m->type = *s->p == '{' ? JL_OBJECT : JL_ARRAY;
		if (scan_composite(s, JL_MAX_DEPTH - 1, &m->elems))
			return -1;
	} else if (scan_scalar(s, &m->type, &m->val_escaped)) {
		return -1;
	}
	m->val = val;
	m->val_len = (size_t)(s->p - val);
	if (m->type == JL_STRING) {
		m->val++;
		m->val_len -= 2;
	}
	out->nr++;
	return 0;
}

int jl_parse(struct jl_line *out, const char *buf, size_t len,
	     struct jl_error *err)
{
	struct scan s = { buf, buf + len, buf, err };

	out->nr = 0;
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return fail(&s, "expected a json object");
	s.p++;
	skip_ws(&s);
	if (s.p < s.end && *s.p == '}') {
		s.p++;
	} else {
		for (;;) {
			if (scan_member(&s, out))
				return -1;
			skip_ws(&s);
			if (s.p >= s.end)
				return fail(&s, "unexpected end of line");
			if (*s.p == '}') {
				s.p++;
				break;
			}
			if (*s.p != ',')
				return fail(&s, "expected ',' or '}'");
			s.p++;
			skip_ws(&s);
		}
	}
	skip_ws(&s);
	if (s.p != s.end)
		return fail(&s, "unexpected text after the object");
	return 0;
}

void jl_line_release(struct jl_line *line)
{
	free(line->members);
	line->members = NULL;
	line->nr = line->alloc = 0;
}

static size_t put_utf8(char *dst, unsigned long cp)
{
	unsigned char *u = (unsigned char *)dst;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static char simple_escape(char c)
{
	switch (c) {
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return c;	/* '"', '\\' and '/' stand for themselves */
	}
}

size_t jl_unescape(char *dst, const char *src, size_t len)
{
	const char *end = src + len;
	size_t n = 0;

	while (src < end) {
		unsigned long cp;

		if (*src != '\\') {
			dst[n++] = *src++;
			continue;
		}
		if (src[1] != 'u') {
			dst[n++] = simple_escape(src[1]);
			src += 2;
			continue;
		}
		cp = (unsigned long)hex4(src + 2, end);
		src += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			cp = 0x10000 + ((cp - 0xD800) << 10) +
			     ((unsigned long)hex4(src + 2, end) - 0xDC00);
			src += 6;
		}
		n += put_utf8(dst + n, cp);
	}
	return n;
}

int64_t jl_int_value(const char *tok, size_t len)
{
	bool neg = *tok == '-';
	uint64_t v = 0;
	size_t i;

	for (i = neg; i < len; i++)
		v = v * 10 + (uint64_t)(tok[i] - '0');
	if (neg)
		return v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	return (int64_t)v;
}

const char *jl_type_name(enum jl_type type)
{
	static const char *const names[] = {
		[JL_NULL] = "null",
		[JL_FALSE] = "a boolean",
		[JL_TRUE] = "a boolean",
		[JL_INT] = "an integer",
		[JL_BIGINT] = "an integer out of the int64 range",
		[JL_REAL] = "a number",
		[JL_STRING] = "a string",
		[JL_ARRAY] = "a list",
		[JL_OBJECT] = "an object",
	};

	return type < JL_TYPE_COUNT ? names[type] : "a value";
}
