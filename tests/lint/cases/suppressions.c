/* Inline suppressions: used ones silence, unused ones are reported. */
#include "ffl_log.h"

void suppressed(const char *path, const char *module)
{
	/* Bound on the logger by the caller. */
	ffl_download_download_started(NULL, .file_path = path); // logschema-ignore: missing-id
	// logschema-ignore-next-line: missing-id
	ffl_download_download_started(NULL, .file_path = path);
	ffl_log(NULL, FFL_INFO, module, "x", "y"); /* logschema-ignore: dynamic-name, undocumented-action */
	ffl_log(NULL, FFL_INFO, "download", "downloded", "y"); // logschema-ignore: undocumented-action -- kept for old dashboards
}

void unused(const char *event)
{
	ffl_download_download_started(NULL, .event_id = event); // logschema-ignore: missing-id
	// logschema-ignore-next-line: field-type

	ffl_download_download_started(NULL, .event_id = event); // logschema-ignore: missing-idd
	ffl_download_download_started(NULL); // logschema-ignore: field-type
}

/* expect:
 * 10:80: warning: suppression of 'undocumented-action' matches nothing on this line [unused-suppression]
 * 16:79: warning: suppression of 'missing-id' matches nothing on this line [unused-suppression]
 * 17:33: warning: suppression of 'field-type' matches nothing on the next line [unused-suppression]
 * 19:79: warning: suppression names 'missing-idd', which is not a check [unused-suppression]
 * 20:2: error: missing required field 'event_id' of action 'download.download_started' [missing-id]
 * 20:60: warning: suppression of 'field-type' matches nothing on this line [unused-suppression]
 */
