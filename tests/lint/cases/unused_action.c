/* args: -Wunused-action */
/*
 * With -Wunused-action, catalogued actions that no scanned file logs are
 * reported where the catalogue defines them. This file logs three of six.
 */
#include "ffl_log.h"
#include "footy.h"

void some(const char *event, const char *fixture)
{
	ffl_download_download_started(NULL, .event_id = event);
	ffl_log(NULL, FFL_WARNING, "rag", "fallback_aliases", "Fallback",
		FFL_STR("fixture_id", fixture));
	footy_log(LOG_ERROR, "download", "download_failed", "Failed",
		  "event_id", event, NULL);
}

/* expect:
 * tests/lint/catalogue.yaml:34:7: warning: action 'download.downloaded' is not logged by any scanned source [unused-action]
 * tests/lint/catalogue.yaml:47:7: warning: action 'upload.s3_upload_success' is not logged by any scanned source [unused-action]
 * tests/lint/catalogue.yaml:51:7: warning: action 'upload.dedup_complete' is not logged by any scanned source [unused-action]
 */
