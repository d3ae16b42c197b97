#include "footy.h"

void h(const char *ev)
{
	footy_log(LOG_INFO, "download", "download_started", "Started",
		  "event_id", ev, "file_path", "/tmp/x", NULL);
	footy_warn("rag", "fallback_aliases", "Fallback", "count", 3, NULL);
	footy_log(LOG_DEBUG, "upload", "dedup_complete", "Done", NULL);
}
