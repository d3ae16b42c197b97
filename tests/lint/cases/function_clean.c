/* Logging functions the catalogue declares under `functions:`. */
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

/* expect:
 */
