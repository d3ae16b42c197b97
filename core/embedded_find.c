/* embedded_find.c: look up a file compiled into the binary. */
#include <string.h>

#include "embedded.h"

const struct embedded_file *embedded_find(const char *path)
{
	const struct embedded_file *ef;

	for (ef = embedded_files; ef->path; ef++)
		if (!strcmp(ef->path, path))
			return ef;
	return NULL;
}
