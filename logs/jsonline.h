/* jsonline.h: a strict, allocation-free JSON scanner for one log line. */
#ifndef JSONLINE_H
#define JSONLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * check-logs reads millions of lines and only needs the top-level members
 * of each object: their names, the JSON type of each value, and the text
 * of the string values. This scanner validates the whole line (RFC 8259:
 * grammar, UTF-8, escapes, surrogate pairs) in one pass and records the
 * top-level members as spans into the line, without building a tree.
 */

enum jl_type {
	JL_NULL,
	JL_FALSE,
	JL_TRUE,
	JL_INT,			/* an integer that fits in int64 */
	JL_BIGINT,		/* an integer outside int64 */
	JL_REAL,		/* a number with a fraction or an exponent */
	JL_STRING,
	JL_ARRAY,
	JL_OBJECT,
	JL_TYPE_COUNT
};

/* Bit for a type in jl_member.elems. */
#define JL_BIT(type) (1u << (type))

struct jl_member {
	const char *key;	/* between the quotes, still escaped */
	size_t key_len;
	const char *val;	/* strings: between the quotes; else the token */
	size_t val_len;
	size_t offset;		/* of the key's opening quote in the line */
	enum jl_type type;
	unsigned elems;		/* arrays: JL_BIT of each element's type */
	bool key_escaped;	/* the key holds a backslash escape */
	bool val_escaped;
};

struct jl_line {
	struct jl_member *members;
	size_t nr;
	size_t alloc;
};

/* Why a line is not a JSON object, and where (0-based byte offset). */
struct jl_error {
	const char *reason;
	size_t offset;
};

/* Deepest nesting accepted, as in common JSON parsers. */
#define JL_MAX_DEPTH 2048

/*
 * Scan `len` bytes as one JSON object, optionally surrounded by
 * whitespace. On success fills `out` (reusing its array) and returns 0;
 * otherwise fills `err` and returns -1. Duplicate keys are all recorded.
 */
int jl_parse(struct jl_line *out, const char *buf, size_t len,
	     struct jl_error *err);

void jl_line_release(struct jl_line *line);

/*
 * Decode the escapes of a scanned string into `dst`, which must hold
 * `len` bytes (a decoded string is never longer). Returns the decoded
 * length. Only valid on spans jl_parse accepted.
 */
size_t jl_unescape(char *dst, const char *src, size_t len);

/* The integer value of a JL_INT token. */
int64_t jl_int_value(const char *tok, size_t len);

/* "a string", "an integer", "null", ... for messages. */
const char *jl_type_name(enum jl_type type);

#endif
