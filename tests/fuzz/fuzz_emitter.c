/*
 * fuzz_emitter.c: libFuzzer target for the generated C runtime's lines.
 *
 * The input is read as a sequence of values: strings (a two-byte length,
 * then that many bytes, cut at a NUL as a C string would be), 64-bit
 * integers, raw doubles (any bit pattern: NaN payloads, infinities, -0,
 * subnormals), bools and small counts. They fill every string, int,
 * float, bool and list field of three found-footy actions, the message,
 * a logger's bound fields, and an untyped ffl_log() event whose module,
 * action and one key come from the input too.
 *
 * Every event must format as exactly one line of valid JSON (and one line
 * of text in the pretty format) that parses back to the values given,
 * strings as this file's own UTF-8 decoder gives them: each maximal
 * ill-formed subsequence becomes U+FFFD. A line cut to fit may leave out
 * whole fields and end msg early, and then says "truncated": true.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ffl_log.h"

#define MAX_STR 2000
#define MAX_LIST 8

/* ---- reading values from the input ------------------------------------- */

struct input {
	const uint8_t *p;
	size_t n;
};

static uint8_t take_byte(struct input *in)
{
	uint8_t b = 0;

	if (in->n) {
		b = *in->p++;
		in->n--;
	}
	return b;
}

static uint64_t take_u64(struct input *in)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | take_byte(in);
	return v;
}

static double take_double(struct input *in)
{
	uint64_t bits = take_u64(in);
	double d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

/* A NUL-terminated copy of the next string, which stops at a NUL. */
static char *take_str(struct input *in)
{
	size_t len = (size_t)take_byte(in) << 8 | take_byte(in);
	char *s;

	len %= MAX_STR + 1;
	if (len > in->n)
		len = in->n;
	s = malloc(len + 1);
	if (!s)
		abort();
	memcpy(s, in->p, len);
	s[len] = '\0';
	in->p += len;
	in->n -= len;
	return s;
}

/* ---- the reference: UTF-8 with replacement ----------------------------- */

/*
 * Unicode's table of well-formed sequences: for a lead byte, how many
 * bytes follow and the range the first of them must be in; later ones are
 * 80..BF. need 0 marks a byte that cannot start a sequence.
 */
static void utf8_lead(uint8_t b, int *need, uint8_t *lo, uint8_t *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (b < 0x80)
		*need = -1;
	else if (b >= 0xc2 && b <= 0xdf)
		*need = 1;
	else if (b >= 0xe0 && b <= 0xef)
		*need = 2;
	else if (b >= 0xf0 && b <= 0xf4)
		*need = 3;
	else
		*need = 0;
	if (b == 0xe0)
		*lo = 0xa0;
	else if (b == 0xed)
		*hi = 0x9f;
	else if (b == 0xf0)
		*lo = 0x90;
	else if (b == 0xf4)
		*hi = 0x8f;
}

/* `s` with every maximal ill-formed subsequence made U+FFFD, as JSON. */
static json_t *ref_string(const char *str)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t n = strlen(str), i = 0, o = 0;
	char *out = malloc(3 * n + 1);
	json_t *j;

	if (!out)
		abort();
	while (i < n) {
		int need, k;
		uint8_t lo, hi;

		utf8_lead(s[i], &need, &lo, &hi);
		if (need < 0) {
			out[o++] = (char)s[i++];
			continue;
		}
		for (k = 1; need > 0 && k <= need; k++) {
			if (i + k >= n || s[i + k] < lo || s[i + k] > hi)
				break;
			lo = 0x80;
			hi = 0xbf;
		}
		if (need > 0 && k > need) {
			memcpy(out + o, s + i, (size_t)need + 1);
			o += (size_t)need + 1;
			i += (size_t)need + 1;
			continue;
		}
		memcpy(out + o, "\xef\xbf\xbd", 3);
		o += 3;
		i += need > 0 ? (size_t)k : 1;
	}
	j = json_stringn(out, o);
	free(out);
	if (!j)
		abort();
	return j;
}

/* ---- comparing what came out with what went in ------------------------- */

static void die(const char *what, const char *line)
{
	fprintf(stderr, "fuzz_emitter: %s\nline: %s\n", what, line);
	abort();
}

/* Equal, with floats compared bit for bit (so -0.0 is not 0.0). */
static int same_value(json_t *a, json_t *b)
{
	size_t i;

	if (json_is_real(a) && json_is_real(b)) {
		double x = json_real_value(a), y = json_real_value(b);

		return !memcmp(&x, &y, sizeof(x));
	}
	if (json_is_array(a) && json_is_array(b)) {
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!same_value(json_array_get(a, i),
					json_array_get(b, i)))
				return 0;
		return 1;
	}
	return json_equal(a, b);
}

/* Whether string `a` is a prefix of string `b`. */
static int string_prefix(json_t *a, json_t *b)
{
	size_t n = json_string_length(a);

	return json_is_string(a) && json_is_string(b) &&
	       n <= json_string_length(b) &&
	       !memcmp(json_string_value(a), json_string_value(b), n);
}

/* ts as the frozen clock gives it, when its year has four digits. */
static void expected_ts(int64_t us, char *buf, size_t size)
{
	int64_t sec = us / 1000000, frac = us % 1000000, days, rem;
	int64_t y, m, d, era, doe, yoe, doy, mp;

	if (frac < 0) {
		frac += 1000000;
		sec--;
	}
	days = sec / 86400;
	rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	/* Days since 1970-01-01 to a proleptic Gregorian date. */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", (int)y,
		 (int)m, (int)d, (int)(rem / 3600), (int)(rem / 60 % 60),
		 (int)(rem % 60), (int)frac);
}

static void check_ts(json_t *got, int64_t us, const char *line)
{
	const char *ts = json_string_value(got);
	char want[64];
	int i;

	if (!ts || strlen(ts) != 27)
		die("ts is not 27 characters", line);
	for (i = 0; i < 27; i++) {
		char c = ts[i];
		int digit = c >= '0' && c <= '9';

		if (i == 4 || i == 7 ? c != '-' : i == 10 ? c != 'T' :
		    i == 13 || i == 16 ? c != ':' : i == 19 ? c != '.' :
		    i == 26 ? c != 'Z' : !digit)
			die("ts is not YYYY-MM-DDTHH:MM:SS.ffffffZ", line);
	}
	expected_ts(us, want, sizeof(want));
	if (want[0] && strcmp(ts, want))
		die("ts is not the frozen clock's time", line);
}

/*
 * `line` (`len` bytes) is one line: a newline at its end only, no NUL, no
 * raw control byte, valid UTF-8 (it decodes to itself).
 */
static void check_one_line(const char *line, size_t len)
{
	size_t i;
	json_t *self;

	if (len == 0 || line[len - 1] != '\n' || strlen(line) != len)
		die("not one NUL-terminated line ending in a newline", line);
	for (i = 0; i + 1 < len; i++)
		if ((uint8_t)line[i] < 0x20 || line[i] == 0x7f)
			die("a raw control byte inside the line", line);
	self = ref_string(line);
	if (json_string_length(self) != len ||
	    memcmp(json_string_value(self), line, len))
		die("the line is not valid UTF-8", line);
	json_decref(self);
}

/*
 * The JSON line `line` holds exactly the members of `want` (each equal,
 * or left out or msg cut short when "truncated" is true) and no others.
 */
static void check_json(const char *line, size_t len, json_t *want,
		       int64_t us)
{
	json_error_t err;
	json_t *got, *value, *trunc;
	const char *key;
	int cut;

	check_one_line(line, len);
	got = json_loadb(line, len - 1, JSON_REJECT_DUPLICATES, &err);
	if (!got || !json_is_object(got))
		die(got ? "not a JSON object" : err.text, line);
	trunc = json_object_get(got, "truncated");
	cut = json_is_true(trunc);
	if (trunc && !cut)
		die("truncated is there but not true", line);
	check_ts(json_object_get(got, "ts"), us, line);
	json_object_foreach(want, key, value) {
		json_t *g = json_object_get(got, key);

		if (!g && cut && strcmp(key, "level") &&
		    strcmp(key, "module") && strcmp(key, "action") &&
		    strcmp(key, "msg"))
			continue;
		if (!g)
			die("a field is missing", line);
		if (same_value(g, value))
			continue;
		/* The head's strings are cut to fit, not left out. */
		if (cut && (!strcmp(key, "msg") || !strcmp(key, "module") ||
			    !strcmp(key, "action")) && string_prefix(g, value))
			continue;
		fprintf(stderr, "key %s\n", key);
		die("a field does not read back as given", line);
	}
	json_object_foreach(got, key, value)
		if (strcmp(key, "ts") && strcmp(key, "truncated") &&
		    !json_object_get(want, key))
			die("a field nobody gave", line);
	json_decref(got);
}

/* ---- the events -------------------------------------------------------- */

struct values {
	char *s[8];		/* strings */
	char *list_s[MAX_LIST];
	int64_t list_i[MAX_LIST];
	size_t nlist;
	int null_elem;		/* list_s[0] is NULL */
	int64_t i[3];
	double f[2];
	int b;
	int64_t clock;
	size_t size;		/* buffer size given to the formatter */
	int level;
	int bind;		/* 0 none, 1 workflow_id, 2 and instance */
	int msg;		/* replace the default message */
};

static void add(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v);
}

static json_t *want_head(const char *level, const char *module,
			 const char *action, json_t *msg)
{
	json_t *w = json_object();

	add(w, "level", json_string(level));
	add(w, "module", json_string(module));
	add(w, "action", json_string(action));
	add(w, "msg", msg);
	return w;
}

static json_t *float_value(double d)
{
	return isfinite(d) ? json_real(d) : json_null();
}

static int is_unset_float(double d)
{
	double u = FFL_UNSET_FLOAT;

	return !memcmp(&d, &u, sizeof(d));
}

static void want_bound(json_t *w, const struct values *v)
{
	if (v->bind >= 1)
		add(w, "workflow_id", ref_string(v->s[6]));
	if (v->bind >= 2)
		add(w, "instance", ref_string(v->s[7]));
}

/* Format with `fmt` set, check the line, in JSON then in pretty. */
#define FORMAT_BOTH(buf, want, v, call) \
	do { \
		size_t len_; \
		ffl_set_format(FFL_FORMAT_JSON); \
		call; \
		if ((v)->size < FFL_LINE_MIN + 1) { \
			if (len_ != 0 || buf[0] != '\0') \
				die("a buffer too small gave a line", buf); \
		} else { \
			check_json(buf, len_, want, (v)->clock); \
		} \
		ffl_set_format(FFL_FORMAT_PRETTY); \
		call; \
		if ((v)->size >= FFL_LINE_MIN + 1) \
			check_one_line(buf, len_); \
	} while (0)

static void event_search(char *buf, const struct values *v,
			 const ffl_logger *lg)
{
	json_t *w, *list = json_array();
	const char *msg = v->msg ? v->s[5] : NULL;
	size_t i;

	w = want_head("INFO", "twitter", "execute_search_started",
		      msg ? ref_string(msg) : json_string("Starting Twitter search"));
	want_bound(w, v);
	add(w, "query", ref_string(v->s[0]));
	if (v->i[0] != FFL_UNSET_INT)
		add(w, "max_age_minutes", json_integer(v->i[0]));
	for (i = 0; i < v->nlist; i++)
		json_array_append_new(list, i == 0 && v->null_elem ?
				      json_null() : ref_string(v->list_s[i]));
	add(w, "excluding", list);
	if (v->bind < 2)
		add(w, "instance", ref_string(v->s[1]));
	if (v->i[1] != FFL_UNSET_INT)
		add(w, "healthy", json_integer(v->i[1]));
	FORMAT_BOTH(buf, w, v,
		ffl_format_event(buf, v->size, &len_,
			ffl_twitter_execute_search_started, lg, .msg = msg,
			.query = v->s[0], .max_age_minutes = v->i[0],
			.excluding = FFL_STRS_N((const char *const *)v->list_s,
						v->nlist),
			.instance = v->s[1], .healthy = v->i[1]));
	json_decref(w);
}

static void event_vision(char *buf, const struct values *v,
			 const ffl_logger *lg)
{
	json_t *w = want_head("DEBUG", "download", "vision_check",
			      json_string("Vision API response"));

	want_bound(w, v);
	if (v->i[2] != FFL_UNSET_INT)
		add(w, "frame_idx", json_integer(v->i[2]));
	if (v->b != FFL_UNSET_BOOL)
		add(w, "has_field", json_boolean(v->b));
	if (!is_unset_float(v->f[0]))
		add(w, "confidence", float_value(v->f[0]));
	FORMAT_BOTH(buf, w, v,
		ffl_format_event(buf, v->size, &len_, ffl_download_vision_check,
			lg, .frame_idx = v->i[2], .has_field = v->b,
			.confidence = v->f[0]));
	json_decref(w);
}

static void event_ready(char *buf, const struct values *v,
			const ffl_logger *lg)
{
	json_t *w = want_head("INFO", "download", "video_ready",
			      json_string("Video ready for upload"));
	json_t *ints = json_array();
	size_t i;

	want_bound(w, v);
	add(w, "file_path", ref_string(v->s[2]));
	add(w, "hash", ref_string(v->s[3]));
	if (!is_unset_float(v->f[1]))
		add(w, "duration", float_value(v->f[1]));
	add(w, "resolution", ref_string(v->s[4]));
	FORMAT_BOTH(buf, w, v,
		ffl_format_event(buf, v->size, &len_, ffl_download_video_ready,
			lg, .file_path = v->s[2], .hash = v->s[3],
			.duration = v->f[1], .resolution = v->s[4]));
	json_decref(w);

	w = want_head("INFO", "ingest", "fetch_started",
		      json_string("Fetching fixtures from API"));
	want_bound(w, v);
	add(w, "date", ref_string(v->s[5]));
	for (i = 0; i < v->nlist; i++)
		json_array_append_new(ints, json_integer(v->list_i[i]));
	add(w, "leagues", ints);
	FORMAT_BOTH(buf, w, v,
		ffl_format_event(buf, v->size, &len_, ffl_ingest_fetch_started,
			lg, .date = v->s[5],
			.leagues = FFL_INTS_N(v->list_i, v->nlist)));
	json_decref(w);
}

/* The untyped form: module, action and one key from the input too. */
static void event_untyped(char *buf, const struct values *v,
			  const ffl_logger *lg)
{
	static const char *const levels[] = { "DEBUG", "INFO", "WARNING", "ERROR" };
	char key[64 + 3];
	json_t *w, *k, *list = json_array(), *ints = json_array();
	size_t i;

	/* "k_" keeps the input's key clear of the standard and bound keys. */
	k = ref_string(v->s[4]);
	snprintf(key, sizeof(key), "k_%.64s", v->s[4]);
	w = json_object();
	add(w, "level", json_string(levels[v->level]));
	add(w, "module", ref_string(v->s[0]));
	add(w, "action", ref_string(v->s[1]));
	add(w, "msg", ref_string(v->s[5]));
	want_bound(w, v);
	add(w, "s", v->null_elem ? json_null() : ref_string(v->s[2]));
	add(w, "i", json_integer(v->i[0]));
	add(w, "f", float_value(v->f[0]));
	add(w, "b", json_boolean(v->b));
	for (i = 0; i < v->nlist; i++) {
		json_array_append_new(list, i == 0 && v->null_elem ?
				      json_null() : ref_string(v->list_s[i]));
		json_array_append_new(ints, json_integer(v->list_i[i]));
	}
	add(w, "ls", list);
	add(w, "li", ints);
	json_decref(k);
	k = ref_string(key);
	add(w, json_string_value(k), ref_string(v->s[3]));
	FORMAT_BOTH(buf, w, v,
		len_ = ffl_format_log(buf, v->size, lg, v->level, v->s[0],
			v->s[1], v->s[5],
			FFL_STR("s", v->null_elem ? NULL : v->s[2]),
			FFL_INT("i", v->i[0]), FFL_FLOAT("f", v->f[0]),
			FFL_BOOL("b", v->b),
			FFL_STR_LIST("ls", FFL_STRS_N(
				(const char *const *)v->list_s, v->nlist)),
			FFL_INT_LIST("li", FFL_INTS_N(v->list_i, v->nlist)),
			FFL_STR(key, v->s[3])));
	json_decref(k);
	json_decref(w);
}

/* ---- the target -------------------------------------------------------- */

static void take_values(struct input *in, struct values *v)
{
	uint8_t flags = take_byte(in);
	size_t i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < 8; i++)
		v->s[i] = take_str(in);
	v->nlist = take_byte(in) % (MAX_LIST + 1);
	for (i = 0; i < v->nlist; i++) {
		v->list_s[i] = take_str(in);
		v->list_i[i] = (int64_t)take_u64(in);
	}
	v->null_elem = v->nlist && (flags & 1);
	if (v->null_elem) {
		free(v->list_s[0]);
		v->list_s[0] = NULL;
	}
	for (i = 0; i < 3; i++)
		v->i[i] = (int64_t)take_u64(in);
	for (i = 0; i < 2; i++)
		v->f[i] = take_double(in);
	v->b = (int)(uint32_t)take_u64(in);
	if (flags & 2)
		v->b = !!v->b;
	v->clock = (int64_t)take_u64(in);
	if (v->clock == INT64_MIN)
		v->clock++;
	v->size = FFL_LINE_MIN + 1 - 8 + (size_t)take_byte(in) * 16;
	if (v->size > FFL_LINE_MAX + 1 || (flags & 4))
		v->size = FFL_LINE_MAX + 1;
	v->level = (flags >> 3) & 3;
	v->bind = (flags >> 5) % 3;
	v->msg = flags >> 7;
}

static void release_values(struct values *v)
{
	size_t i;

	for (i = 0; i < 8; i++)
		free(v->s[i]);
	for (i = 0; i < v->nlist; i++)
		free(v->list_s[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	struct input in = { bytes, size };
	static char buf[FFL_LINE_MAX + 1];
	ffl_logger *lg = NULL;
	struct values v;

	take_values(&in, &v);
	ffl_freeze_clock(v.clock);
	if (v.bind == 1)
		lg = ffl_logger_new(NULL, FFL_STR("workflow_id", v.s[6]));
	else if (v.bind == 2)
		lg = ffl_logger_new(NULL, FFL_STR("workflow_id", v.s[6]),
				    FFL_STR("instance", v.s[7]));
	if (v.bind && !lg)
		abort();
	event_search(buf, &v, lg);
	event_vision(buf, &v, lg);
	event_ready(buf, &v, lg);
	event_untyped(buf, &v, lg);
	ffl_logger_free(lg);
	release_values(&v);
	return 0;
}
