/* util.h: allocation that cannot fail, growable arrays, files, suggestions. */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation wrappers: on exhaustion they print and exit(2). */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow `x` (with `alloc` slots) so that it holds at least `nr` items. */
#define ALLOC_GROW(x, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			(alloc) = (alloc) < 8 ? 8 : (alloc) * 2; \
			if ((alloc) < (nr)) \
				(alloc) = (nr); \
			(x) = xrealloc((x), (alloc) * sizeof(*(x))); \
		} \
	} while (0)

/*
 * Read a whole file into a NUL-terminated buffer. Fails (-1, errno set;
 * EFBIG when over `limit` bytes) without printing.
 */
int read_file(const char *path, char **buf, size_t *len, size_t limit);

/* Whether the file at `path` holds exactly `buf[0..len)`. */
int file_has_content(const char *path, const char *buf, size_t len);

/*
 * Write `len` bytes to `path` atomically (a temporary file in the same
 * directory, then rename) unless the file already holds exactly them.
 * Returns 1 when written, 0 when unchanged, -1 on failure (errno set).
 */
int write_file_if_changed(const char *path, const char *buf, size_t len);

/* Levenshtein distance, capped: returns > max once it exceeds it. */
size_t edit_distance(const char *a, const char *b, size_t max);

/*
 * The candidate closest to `word` within a distance that scales with its
 * length, or NULL. `names` is an array of `n` pointers at `stride` bytes.
 */
const char *suggest_name(const char *word, const void *names, size_t n,
			 size_t stride);

/* FNV-1a 64-bit, for content hashes. */
unsigned long long fnv1a64(unsigned long long h, const void *data,
			   size_t len);
#define FNV1A64_INIT 0xcbf29ce484222325ULL

#endif
