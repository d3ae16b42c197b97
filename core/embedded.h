/* embedded.h: templates and the default catalogue compiled into the binary. */
#ifndef EMBEDDED_H
#define EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *path;	/* as in the repository: templates/c/... */
	const char *data;	/* NUL-terminated */
	size_t len;
};

/* Terminated by an entry with a NULL path. */
extern const struct embedded_file embedded_files[];

/* The file at `path`, or NULL. */
const struct embedded_file *embedded_find(const char *path);

#endif
