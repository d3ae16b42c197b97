/* app.c: a user program of a generated API, built by Make and by CMake. */
#include "nvl_log.h"

int main(void)
{
	nvl_set_fd(1);
	nvl_jobs_job_started(NULL, .job_id = "j1", .attempt = 1);
	return 0;
}
