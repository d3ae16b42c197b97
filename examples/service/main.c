/*
 * main.c: a small goal-video service logging through the generated
 * found-footy API (ffl_log.h), one function per module.
 *
 * A monitor finds a goal, a download fetches and checks the clip, an
 * upload deduplicates and stores it, and the scaler reports on the fleet.
 * Each run of the pipeline gets a logger bound to its workflow_id, so
 * every line it writes can be followed in Loki by that one ID.
 *
 * Run with LOG_FORMAT=pretty for a terminal, LOG_LEVEL=DEBUG for more.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ffl_log.h"

struct goal {
	const char *fixture_id;
	const char *event_id;
	const char *player;
	const char *video_url;
};

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void monitor(ffl_logger *lg, const struct goal *g, const char *wf)
{
	ffl_monitor_process_events_started(lg, .fixture_id = g->fixture_id,
					   .workflow_id = wf);
	ffl_monitor_new_event(lg, .event_id = g->event_id, .type = "Goal",
			      .player = g->player);
	ffl_monitor_trigger_twitter(lg, .event_id = g->event_id);
}

/* Stands in for the download: writes a small file and checks it. */
static int download(ffl_logger *lg, const struct goal *g, char *path,
		    size_t size)
{
	static const char clip[] = "not really a video, but bytes on disk";
	struct stat st;
	FILE *f;

	ffl_download_download_started(lg, .video_idx = 0,
				      .video_url = g->video_url);
	snprintf(path, size, "/tmp/ffl-example-%ld.mp4", (long)getpid());
	f = fopen(path, "wb");
	if (!f || fwrite(clip, 1, sizeof(clip), f) != sizeof(clip)) {
		ffl_download_cdn_download_error(lg, .error = strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	if (stat(path, &st)) {
		ffl_download_file_missing(lg);
		return -1;
	}
	ffl_download_downloaded(lg, .file_path = path, .size = st.st_size);
	ffl_download_hash_generated(lg, .hash = "dhash:9f3c2a71",
				    .frame_count = 48, .duration = 12.4);
	ffl_download_validate_passed(lg);
	return 0;
}

static void upload(ffl_logger *lg, const struct goal *g, const char *path)
{
	struct timespec start;
	char url[128];

	clock_gettime(CLOCK_MONOTONIC, &start);
	ffl_upload_queue_started(lg, .event_id = g->event_id, .count = 1);
	ffl_upload_dedup_started(lg, .successful_downloads = 1,
				 .existing_s3 = 2);
	ffl_upload_dedup_complete(lg, .msg = "Dedup finished", .to_upload = 1,
				  .replacements = 0, .popularity_bumps = 1);
	snprintf(url, sizeof(url), "s3://footy-videos/%s/%s.mp4",
		 g->fixture_id, g->event_id);
	if (unlink(path)) {
		ffl_upload_upload_failed(lg, .event_id = g->event_id,
					 .error = strerror(errno));
		return;
	}
	ffl_upload_s3_upload_success(lg, .event_id = g->event_id,
				     .s3_url = url,
				     .duration_s = seconds_since(&start));
}

static void scaler(int active_workflows)
{
	/* The scaler is its own service: no workflow, the default logger. */
	ffl_scaler_heartbeat(NULL, .active_workflows = active_workflows,
			     .workers_running = 2, .twitter_running = 1,
			     .active_goals = active_workflows);
	if (active_workflows > 2) {
		ffl_scaler_scaling_workers(NULL, .current = 2, .target = 3,
					   .active_workflows = active_workflows);
		ffl_scaler_scaled(NULL, .service = "worker", .target = 3,
				  .actual = 3);
	}
}

int main(void)
{
	static const struct goal goals[] = {
		{ "1035068", "1035068_goal_23", "Bukayo Saka",
		  "https://video.twimg.com/ext_tw_video/1/pu/vid/720x1280/a.mp4" },
		{ "1035068", "1035068_goal_81", "Martin \"Ode\" \xc3\x98" "degaard",
		  "https://video.twimg.com/ext_tw_video/2/pu/vid/720x1280/b.mp4" },
		{ "1035071", "1035071_goal_90+3", "Erling Haaland",
		  "https://video.twimg.com/ext_tw_video/3/pu/vid/720x1280/c.mp4" },
	};
	size_t i;

	ffl_worker_worker_started(NULL, .task_queue = "found-footy");
	for (i = 0; i < sizeof(goals) / sizeof(goals[0]); i++) {
		const struct goal *g = &goals[i];
		char wf[96], path[96];
		ffl_logger *lg;

		snprintf(wf, sizeof(wf), "download-%s", g->event_id);
		lg = ffl_logger_new(NULL, FFL_STR("workflow_id", wf));
		monitor(lg, g, wf);
		if (download(lg, g, path, sizeof(path)) == 0)
			upload(lg, g, path);
		ffl_logger_free(lg);
		scaler((int)i + 1);
	}
	/* A name known only at run time goes through the untyped form. */
	ffl_log(NULL, FFL_WARNING, "rag", "fallback_aliases",
		"Using fallback aliases", FFL_INT("count", 2),
		FFL_STR_LIST("aliases", FFL_STRS("Arsenal", "Gunners")));
	return ffl_lost_events() ? EXIT_FAILURE : EXIT_SUCCESS;
}
