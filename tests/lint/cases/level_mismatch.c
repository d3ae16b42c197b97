/* Untyped calls whose level differs from the catalogue's. */
#include "ffl_log.h"
#include "footy.h"

void levels(const char *fixture, const char *event)
{
	ffl_log(NULL, FFL_INFO, "rag", "fallback_aliases", "Fallback",
		FFL_INT("count", 1), FFL_STR("fixture_id", fixture));
	footy_log(LOG_WARNING, "download", "download_failed", "Failed",
		  "event_id", event, NULL);
	/* footy_warn always logs at WARNING. */
	footy_warn("download", "download_started", "Started",
		   "event_id", event, NULL);
	footy_log(LOG_ERROR, "download", "download_failed", "Failed",
		  "event_id", event, NULL);
}

/* expect:
 * 7:16: error: action 'rag.fallback_aliases' has level WARNING in the catalogue, not INFO [level-mismatch]
 * 9:12: error: action 'download.download_failed' has level ERROR in the catalogue, not WARNING [level-mismatch]
 * 12:2: error: action 'download.download_started' has level INFO in the catalogue, not WARNING [level-mismatch]
 */
