/* resolve.h: the catalogue as JSON, the data model templates render. */
#ifndef RESOLVE_H
#define RESOLVE_H

#include <jansson.h>

struct catalogue;

/*
 * Build the resolved catalogue (shape documented in templates/README.md).
 * The caller owns the returned reference.
 */
json_t *catalogue_resolve(const struct catalogue *cat);

#endif
