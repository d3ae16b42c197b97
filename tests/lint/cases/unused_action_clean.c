/* args: -Wunused-action */
/* Every catalogued action logged somewhere: -Wunused-action is silent. */
#include "ffl_log.h"
#include "footy.h"

void all(const char *event, const char *fixture)
{
	ffl_download_download_started(NULL, .event_id = event);
	ffl_download_downloaded(NULL, .event_id = event);
	ffl_download_download_failed(NULL, .event_id = event);
	ffl_log(NULL, FFL_INFO, "upload", "s3_upload_success", "Uploaded",
		FFL_STR("event_id", event));
	footy_log(LOG_INFO, "upload", "dedup_complete", "Deduplicated", NULL);
	footy_warn("rag", "fallback_aliases", "Fallback",
		   "fixture_id", fixture, NULL);
}

/* expect:
 */
