/* Logging functions the catalogue declares under `functions:`. */
#include <stdarg.h>

#include "footy.h"

void report(const char *event, const char *fixture, int aliases)
{
	footy_log(LOG_ERROR, "download", "download_failed", "Download failed",
		  "event_id", event, "error", "timeout", NULL);
	footy_log(LOG_INFO, "upload", "dedup_complete", "Deduplicated",
		  "count", 3, NULL);
	footy_warn("rag", "fallback_aliases", "Using fallback aliases",
		   "fixture_id", fixture, "count", aliases, NULL);
}

/* Declaring or defining one is not a call. */
void footy_warn(const char *module, const char *action, const char *msg, ...);

void footy_warn(const char *module, const char *action, const char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	va_end(ap);
	(void)module;
	(void)action;
}

/* expect:
 */
