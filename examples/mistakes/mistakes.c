/*
 * mistakes.c: one deliberate mistake (at least) for every lint check.
 * It is linted, never built (`make demo` shows it):
 *
 *	logschema generate --target c -s examples/mistakes/catalogue.yaml -o GEN
 *	logschema lint -s examples/mistakes/catalogue.yaml -Wunused-action \
 *		examples/mistakes -- -IGEN
 */
#include "ffl_log.h"
#include "legacy.h"

void upload_video(const ffl_logger *lg, const char *event_id,
		  const char *url, const char *module)
{
	/* undocumented-action: "sucess" */
	ffl_upload_s3_upload_sucess(lg, .event_id = event_id, .s3_url = url);

	/* unknown-module: "uplaod" */
	ffl_log(lg, FFL_INFO, "uplaod", "s3_upload_success", "Uploaded",
		FFL_STR("event_id", event_id));

	/* missing-id: no event_id, then an empty one */
	ffl_upload_s3_upload_success(lg, .s3_url = url);
	ffl_upload_upload_failed(lg, .event_id = "", .error = "timeout");

	/* unknown-field: the field is s3_url */
	ffl_upload_s3_upload_success(lg, .event_id = event_id, .s3_uri = url);

	/* field-type: duration_s is a float, count an int */
	ffl_upload_s3_upload_success(lg, .event_id = event_id,
				     .duration_s = "2.5");
	ffl_log(lg, FFL_WARNING, "rag", "fallback_aliases", "Fallback",
		FFL_STR("count", "3"));

	/* level-mismatch: upload_failed is an ERROR */
	legacy_log(LOG_WARNING, "upload", "upload_failed", "Upload failed",
		   "event_id", event_id, "error", "timeout", NULL);

	/* dynamic-name: a module known only at run time */
	ffl_log(lg, FFL_INFO, module, "s3_upload_success", "Uploaded",
		FFL_STR("event_id", event_id));

	/* unused-suppression: nothing to suppress here */
	ffl_upload_s3_upload_success(lg, .event_id = event_id); // logschema-ignore: missing-id
}

/* unused-action: rag.aliases_cached is logged nowhere. */
