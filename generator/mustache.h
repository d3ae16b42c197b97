/* mustache.h: render Mustache templates against jansson data. */
#ifndef MUSTACHE_H
#define MUSTACHE_H

#include <stddef.h>
#include <jansson.h>

/*
 * The engine follows the Mustache specification, including the optional
 * inheritance (`{{<parent}}`, `{{$block}}`) and dynamic names
 * (`{{>*name}}`, `{{<*name}}`, where `name` must resolve to a string)
 * modules; lambdas are not supported since the data is plain JSON.
 *
 * Data rules: false, null, an empty array and a missing name are falsey;
 * every other value, "" and 0 included, is truthy. A section over an array
 * renders once per element; over any other truthy value it renders once
 * with that value pushed on the context stack. Interpolation prints
 * strings as they are, integers in decimal, reals in the shortest form
 * that reads back to the same double, true and false as words, null as
 * nothing, and arrays and objects as compact JSON.
 *
 * Whitespace: a line holding only blanks and tags other than
 * interpolations is standalone and leaves nothing in the output; a
 * standalone partial or parent adds the line's indentation to each line
 * it renders. A block whose opening tag is standalone is indented like its
 * first line of content, and an override of it takes the indentation of
 * the block it replaces.
 */

/* Partials and parents nested deeper than this stop the render. */
#define MUSTACHE_MAX_DEPTH 64

/* Sections, partials and blocks nested deeper than this stop the render. */
#define MUSTACHE_MAX_NESTING 512

/* More distinct partials and parents than this in one render stop it. */
#define MUSTACHE_MAX_TEMPLATES 128

/* A delimiter set by `{{=<% %>=}}` is at most this many bytes. */
#define MUSTACHE_MAX_DELIMITER 32

/* Output larger than this many bytes stops the render. */
#define MUSTACHE_MAX_OUTPUT ((size_t)256 << 20)

/*
 * A render doing more work than this stops: a step is a node or a section
 * element rendered, a name looked up in one object, a template node read.
 */
#define MUSTACHE_MAX_STEPS (1UL << 24)

enum mustache_buf_state {
	MUSTACHE_BUF_OK,
	MUSTACHE_BUF_NOMEM,	/* an allocation failed */
	MUSTACHE_BUF_FULL	/* an append would pass the limit */
};

/*
 * A growable byte buffer, always NUL-terminated once anything was added.
 * A failed append leaves the contents as they were and records why in
 * `state`, which stays set: callers may append several times and check
 * once.
 */
struct mustache_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t limit;		/* largest `len` allowed, 0: no limit */
	enum mustache_buf_state state;
};

/* Prepare an empty buffer that may hold up to `limit` bytes (0: any). */
void mustache_buf_init(struct mustache_buf *buf, size_t limit);

/* Append `len` bytes. Returns 0, or -1 with `buf->state` set. */
int mustache_buf_add(struct mustache_buf *buf, const char *s, size_t len);

/* Append one byte. Returns 0, or -1 with `buf->state` set. */
int mustache_buf_addch(struct mustache_buf *buf, char c);

/* Free the contents and leave the buffer empty (and its state OK). */
void mustache_buf_release(struct mustache_buf *buf);

/*
 * Append the escaped form of `s[0..len)` to `out`. An escaper may look at
 * what `out` already holds, never change it.
 */
typedef void (*mustache_escape_fn)(struct mustache_buf *out, const char *s,
				   size_t len);

/*
 * Find the partial or parent template `name` (NUL-terminated). Returns its
 * text and sets `*len`, or returns NULL when there is no such template,
 * which renders as nothing. The text is not freed by the engine and must
 * stay valid until mustache_render() returns.
 */
typedef const char *(*mustache_partial_fn)(void *ctx, const char *name,
					   size_t *len);

/*
 * Why a render failed: `message` is lowercase without a final period,
 * e.g. "unclosed section 'actions'"; `template_name` names the template
 * holding the offending tag (the one given to mustache_render() or a
 * partial's name); `line` and `column` are 1-based and count bytes, 0
 * when the problem has no place.
 */
struct mustache_error {
	char message[256];
	char template_name[128];
	unsigned line;
	unsigned column;
};

/*
 * Render `tmpl[0..len)`, called `name` in errors (NULL for "template"),
 * against `data` (may be NULL). `escape` handles `{{name}}` tags; NULL
 * means mustache_escape_html(). `partial` (may be NULL: no partials) finds
 * partials and parents, passed `ctx`.
 *
 * Returns 0 with `*out` set to the malloc'd, NUL-terminated output and
 * `*out_len` to its length (embedded NULs possible), or -1 with `*out`
 * NULL and `err` (may be NULL) filled. Templates may hold any bytes;
 * syntax errors (an unclosed tag or section, a mismatched closing tag, a
 * bad delimiter change, an empty name) and passing one of the limits
 * above are reported, never crashed on.
 */
int mustache_render(const char *name, const char *tmpl, size_t len,
		    json_t *data, mustache_escape_fn escape,
		    mustache_partial_fn partial, void *ctx,
		    char **out, size_t *out_len, struct mustache_error *err);

/* HTML: & < > " ' become entities; the rest is copied. */
void mustache_escape_html(struct mustache_buf *out, const char *s,
			  size_t len);

/*
 * C: safe inside both a C string literal and a C block comment.
 * Backslash, double quote, newline, carriage return and tab become
 * \\ \" \n \r \t; other bytes below 0x20 and 0x7f become three-digit
 * octal escapes; `?` becomes \? so no trigraph can form; a `/` right after
 * a `*` (in `s` or at the end of `out`) becomes \057 so no comment can
 * close, and a `*` right after a `/` becomes \052 so no comment opens
 * inside one. Bytes from 0x80 up are copied, so UTF-8 passes through.
 */
void mustache_escape_c(struct mustache_buf *out, const char *s, size_t len);

/*
 * JSON: the content of a JSON string, without the quotes. Double quote
 * and backslash are escaped, newline, carriage return and tab become
 * \n \r \t, other bytes below 0x20 become \u00XX; the rest is copied.
 */
void mustache_escape_json(struct mustache_buf *out, const char *s,
			  size_t len);

/* No escaping: the bytes are copied. */
void mustache_escape_none(struct mustache_buf *out, const char *s,
			  size_t len);

#endif
