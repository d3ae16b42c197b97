/* util.c: allocation, files, edit distance and hashing shared by all verbs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static void die_oom(void)
{
	fputs("logschema: fatal: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *p;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return xstrdup(fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int read_file(const char *path, char **buf, size_t *len, size_t limit)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	size_t alloc, nr = 0;
	char *p;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	alloc = S_ISREG(st.st_mode) && st.st_size > 0 ?
		(size_t)st.st_size + 1 : 8192;
	if (alloc > limit + 1)
		alloc = limit + 1;
	p = xmalloc(alloc + 1);
	for (;;) {
		ssize_t n;

		if (nr == alloc) {
			if (alloc > limit) {
				free(p);
				close(fd);
				errno = EFBIG;
				return -1;
			}
			alloc *= 2;
			p = xrealloc(p, alloc + 1);
		}
		n = read(fd, p + nr, alloc - nr);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(p);
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		nr += n;
	}
	close(fd);
	if (nr > limit) {
		free(p);
		errno = EFBIG;
		return -1;
	}
	p[nr] = '\0';
	*buf = p;
	*len = nr;
	return 0;
}

int file_has_content(const char *path, const char *buf, size_t len)
{
	char *old;
	size_t oldlen;
	int same;

	if (read_file(path, &old, &oldlen, len + 1))
		return 0;
	same = oldlen == len && !memcmp(old, buf, len);
	free(old);
	return same;
}

int write_file_if_changed(const char *path, const char *buf, size_t len)
{
	char *tmp;
	int fd, e;
	size_t done = 0;

	if (file_has_content(path, buf, len))
		return 0;
	tmp = xasprintf("%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_free;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;
		if (n <= 0)
			goto fail_close;
		done += n;
	}
	if (fchmod(fd, 0644) || fsync(fd))
		goto fail_close;
	if (close(fd)) {
		fd = -1;
		goto fail_close;
	}
	if (rename(tmp, path))
		goto fail_unlink;
	free(tmp);
	return 1;

fail_close:
	e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
fail_unlink:
	e = errno;
	unlink(tmp);
	errno = e;
fail_free:
	e = errno;
	free(tmp);
	errno = e;
	return -1;
}

size_t edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[128];

	if (lb >= 128 || la >= 128)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < cost)
				cost = up + 1;
			if (row[j - 1] + 1 < cost)
				cost = row[j - 1] + 1;
			row[j] = cost;
			diag = up;
			if (cost < best)
				best = cost;
		}
		if (best > max)
			return max + 1;
	}
	return row[lb];
}

const char *suggest_name(const char *word, const void *names, size_t n,
			 size_t stride)
{
	size_t max = strlen(word) / 3 + 1, best = max + 1, i;
	const char *found = NULL;

	for (i = 0; i < n; i++) {
		const char *name = *(const char *const *)
			((const char *)names + i * stride);
		size_t d = edit_distance(word, name, max);

		if (d < best) {
			best = d;
			found = name;
		}
	}
	return found;
}

unsigned long long fnv1a64(unsigned long long h, const void *data,
			   size_t len)
{
	const unsigned char *p = data;

	while (len--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}
