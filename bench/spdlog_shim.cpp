// spdlog_shim.cpp: spdlog with a JSON pattern, behind the benchmark's C API.
//
// A logger per module ("upload", "bench", "rag") names the module; the
// pattern writes ts, level and module and the payload the rest. spdlog does
// not escape: a payload value holding a quote breaks the line, so the
// harness hands it a player_name that needs no escaping.
#include <cstring>
#include <memory>
#include <mutex>
#include <unistd.h>

#include <spdlog/details/null_mutex.h>
#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>

#include "bench.h"

namespace {

// %U: the level as the catalogue spells it.
class level_flag : public spdlog::custom_flag_formatter {
public:
	void format(const spdlog::details::log_msg &msg, const std::tm &,
		    spdlog::memory_buf_t &dest) override
	{
		static const char *const names[] = {
			"DEBUG", "DEBUG", "INFO", "WARNING", "ERROR", "ERROR", ""
		};
		const char *s = names[msg.level];

		dest.append(s, s + std::strlen(s));
	}

	std::unique_ptr<custom_flag_formatter> clone() const override
	{
		return std::make_unique<level_flag>();
	}
};

// Each line goes to a descriptor with one write(2), or into a buffer.
template <typename Mutex>
class line_sink : public spdlog::sinks::base_sink<Mutex> {
public:
	int fd = -1;
	char *buf = nullptr;
	size_t size = 0;
	size_t len = 0;

protected:
	void sink_it_(const spdlog::details::log_msg &msg) override
	{
		spdlog::memory_buf_t out;

		this->formatter_->format(msg, out);
		if (fd >= 0) {
			if (::write(fd, out.data(), out.size()) < 0)
				len = 0;
			return;
		}
		len = out.size() < size ? out.size() : size - 1;
		std::memcpy(buf, out.data(), len);
		buf[len] = '\0';
	}

	void flush_() override {}
};

const char json_pattern[] =
	"{\"ts\":\"%Y-%m-%dT%H:%M:%S.%fZ\",\"level\":\"%U\",\"module\":\"%n\",%v}";
const char pretty_pattern[] = "%Y-%m-%d %H:%M:%S.%e | %U | %n | %v";

struct loggers {
	std::shared_ptr<spdlog::logger> upload, bench, rag;
};

struct bench_config spd;
std::shared_ptr<line_sink<spdlog::details::null_mutex>> sink_st;
std::shared_ptr<line_sink<std::mutex>> sink_mt;
loggers log_st, log_mt;

std::unique_ptr<spdlog::formatter> make_formatter(bool pretty)
{
	auto f = std::make_unique<spdlog::pattern_formatter>(
		spdlog::pattern_time_type::utc, "\n");

	f->add_flag<level_flag>('U').set_pattern(pretty ? pretty_pattern :
						 json_pattern);
	return f;
}

loggers make_loggers(spdlog::sink_ptr sink)
{
	return loggers{ std::make_shared<spdlog::logger>("upload", sink),
			std::make_shared<spdlog::logger>("bench", sink),
			std::make_shared<spdlog::logger>("rag", sink) };
}

const loggers &current()
{
	return spd.threads ? log_mt : log_st;
}

// The frozen clock: the same payload, logged with a given time point.
template <typename... Args>
void log_at(spdlog::logger &lg, fmt::format_string<Args...> f,
	    Args &&...args)
{
	static const auto frozen = spdlog::log_clock::time_point(
		std::chrono::microseconds(BENCH_FROZEN_US));
	spdlog::memory_buf_t payload;

	if (!lg.should_log(spdlog::level::info))
		return;
	fmt::format_to(std::back_inserter(payload), f,
		       std::forward<Args>(args)...);
	lg.log(frozen, spdlog::source_loc{}, spdlog::level::info,
	       spdlog::string_view_t(payload.data(), payload.size()));
}

template <typename... Args>
void info(spdlog::logger &lg, fmt::format_string<Args...> f, Args &&...args)
{
	if (spd.frozen)
		log_at(lg, f, std::forward<Args>(args)...);
	else
		lg.info(f, std::forward<Args>(args)...);
}

void event(enum bench_event ev, const struct bench_input *in)
{
	const loggers &l = current();

	switch (ev) {
	case BENCH_REF:
		if (spd.pretty)
			info(*l.upload, "s3_upload_success | Video uploaded to "
			     "S3 | event_id={} duration_s={}", in->event_id,
			     in->duration_s);
		else
			info(*l.upload, "\"action\":\"s3_upload_success\","
			     "\"msg\":\"Video uploaded to S3\","
			     "\"event_id\":\"{}\",\"duration_s\":{}",
			     in->event_id, in->duration_s);
		break;
	case BENCH_TEN:
		if (spd.pretty)
			info(*l.bench, "clip_indexed | Clip indexed | "
			     "fixture_id={} event_id={} player_name={} url={} "
			     "status_code={} season={} count={} duration_s={} "
			     "duration_ms={} cached={}", in->fixture_id,
			     in->event_id, in->player_name, in->url,
			     in->status_code, in->season, in->count,
			     in->duration_s, in->duration_ms, in->cached);
		else
			info(*l.bench, "\"action\":\"clip_indexed\","
			     "\"msg\":\"Clip indexed\",\"fixture_id\":\"{}\","
			     "\"event_id\":\"{}\",\"player_name\":\"{}\","
			     "\"url\":\"{}\",\"status_code\":{},"
			     "\"season\":{},\"count\":{},\"duration_s\":{},"
			     "\"duration_ms\":{},\"cached\":{}",
			     in->fixture_id, in->event_id, in->player_name,
			     in->url, in->status_code, in->season, in->count,
			     in->duration_s, in->duration_ms, in->cached);
		break;
	default:
		if (spd.pretty)
			info(*l.rag, "cache_miss | Cache miss, starting RAG "
			     "pipeline");
		else
			info(*l.rag, "\"action\":\"cache_miss\","
			     "\"msg\":\"Cache miss, starting RAG pipeline\"");
		break;
	}
}

int spd_init()
{
	sink_st = std::make_shared<line_sink<spdlog::details::null_mutex>>();
	sink_mt = std::make_shared<line_sink<std::mutex>>();
	log_st = make_loggers(sink_st);
	log_mt = make_loggers(sink_mt);
	return 0;
}

void spd_configure(const struct bench_config *cfg)
{
	auto level = cfg->disabled ? spdlog::level::err : spdlog::level::info;

	spd = *cfg;
	sink_st->set_formatter(make_formatter(cfg->pretty));
	sink_mt->set_formatter(make_formatter(cfg->pretty));
	sink_st->fd = cfg->fd;
	sink_mt->fd = cfg->fd;
	for (const loggers *l : { &log_st, &log_mt }) {
		l->upload->set_level(level);
		l->bench->set_level(level);
		l->rag->set_level(level);
	}
}

size_t spd_format_n(enum bench_event ev, const struct bench_input *in,
		    char *buf, size_t size, long n)
{
	sink_st->fd = -1;
	sink_st->buf = buf;
	sink_st->size = size;
	sink_st->len = 0;
	for (long i = 0; i < n; i++)
		event(ev, in);
	sink_st->fd = spd.fd;
	return sink_st->len;
}

void spd_emit_n(enum bench_event ev, const struct bench_input *in, long n)
{
	for (long i = 0; i < n; i++)
		event(ev, in);
}

void spd_disabled_n(const struct bench_input *in, long n)
{
	spdlog::logger &lg = *current().upload;

	for (long i = 0; i < n; i++)
		lg.info("\"action\":\"s3_upload_success\","
			"\"msg\":\"Video uploaded to S3\","
			"\"event_id\":\"{}\",\"duration_s\":{}",
			(++bench_evals, in->event_id), in->duration_s);
}

} // namespace

extern "C" const struct bench_contender bench_spdlog = {
	"spdlog",
	0,
	1,
	spd_init,
	spd_configure,
	spd_format_n,
	spd_emit_n,
	spd_disabled_n,
};
