/* legacy.h: the logging function of code older than the typed API. */
#ifndef LEGACY_H
#define LEGACY_H

#include <stddef.h>

enum legacy_level { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR };

/* legacy_log(level, module, action, msg, key, value, ..., NULL) */
void legacy_log(enum legacy_level level, const char *module,
		const char *action, const char *msg, ...);

#endif
