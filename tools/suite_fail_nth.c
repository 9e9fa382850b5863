// SPDX-License-Identifier: GPL-2.0
/*
 * suite_fail_nth.c - "dmabuf-test fail_nth": every allocation of every
 * scenario (scenarios.c) fails in turn.
 *
 * As the kernel's tools/testing/selftests/iommu/iommufd_fail_nth.c does:
 * failslab and fail_page_alloc are set to fail sleeping allocations too
 * and to stay quiet, then for n = 1, 2, 3, ... this thread writes n to
 * /proc/self/task/<tid>/fail-nth, runs the scenario, and reads the file
 * back: 0 means the n-th fault point of the thread failed.  The sweep of
 * a scenario ends at the first n that it runs through without reaching
 * an n-th point, which must succeed.  Every injected failure must come
 * back as a clean errno, and after each run (its file closed) the
 * counters of DTEST_IOC_STATS must be back at their baseline.
 *
 * The harness's own memory is locked first (mlockall) so that no fault
 * point is one of its own page faults.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"

#define DEBUGFS		"/sys/kernel/debug"
/* No scenario has nearly this many fault points: a sweep that reaches
 * it is reported as not converging.
 */
#define MAX_NTH		4000

/* Errnos an allocation failure may honestly turn into. */
static const int clean_errnos[] = { ENOMEM, ENOSPC, EAGAIN, EBUSY, EINTR };

static int is_clean(int err)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(clean_errnos); i++)
		if (err == clean_errnos[i])
			return 1;
	return 0;
}

static int setup_injection(void)
{
	static const struct {
		const char *file, *val;
	} knobs[] = {
		{ DEBUGFS "/failslab/ignore-gfp-wait", "N" },
		{ DEBUGFS "/failslab/verbose", "0" },
		{ DEBUGFS "/fail_page_alloc/ignore-gfp-wait", "N" },
		{ DEBUGFS "/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ DEBUGFS "/fail_page_alloc/min-order", "0" },
		{ DEBUGFS "/fail_page_alloc/verbose", "0" },
	};
	unsigned int i;
	int err, ok = 1;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		err = sysfs_write(knobs[i].file, knobs[i].val);
		if (err) {
			diag("%s: %s", knobs[i].file, strerror(err));
			ok = 0;
		}
	}
	return ok;
}

/* Touch the stack the sweep will use, then lock everything in. */
static int lock_memory(void)
{
	char stack[256 << 10];

	/* explicit_bzero(): a store the compiler may not drop. */
	explicit_bzero(stack, sizeof(stack));
	return mlockall(MCL_CURRENT | MCL_FUTURE) ? errno : 0;
}

static int nth_fd = -1;
static long nth_held;

static int nth_write(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	return pwrite(nth_fd, buf, len, 0) == len ? 0 : errno;
}

/* What is left of the count: 0 once the n-th point failed. */
static long nth_read(void)
{
	char buf[16];
	ssize_t len = pread(nth_fd, buf, sizeof(buf) - 1, 0);

	if (len <= 0)
		return -1;
	buf[len] = 0;
	return strtol(buf, NULL, 10);
}

void inject_pause(void)
{
	if (nth_fd < 0)
		return;
	nth_held = nth_read();
	nth_write(0);
}

void inject_resume(void)
{
	if (nth_fd >= 0 && nth_held > 0)
		nth_write(nth_held);
	nth_held = 0;
}

static void sweep(const struct scenario *s)
{
	unsigned int n, injected = 0, survived = 0, errs[ARRAY_SIZE(clean_errnos)] = { 0 };
	struct dtest_stats base, now;
	char diff[256], detail[160];
	int fd, err, bad = 0, done = 0, ok;
	unsigned long cmd;
	long left;
	size_t len;

	fd = open_dev();
	err = stats_read(fd, &base);
	close(fd);
	if (err) {
		tap(0, "%s: fail_nth %s: STATS gives %s", s->module, s->name, strerror(err));
		return;
	}
	for (n = 1; n <= MAX_NTH && !done && bad < 3; n++) {
		fd = open_dev();
		if (nth_write(n)) {
			diag("fail-nth: %s", strerror(errno));
			bad++;
			break;
		}
		err = s->run(fd);
		cmd = xioctl_last;
		left = nth_read();
		nth_write(0);
		close(fd);

		fd = open_dev();
		if (stats_read(fd, &now) || stats_diff(&base, &now, diff, sizeof(diff))) {
			diag("%s: n=%u (%s): counters not back:%s", s->name, n,
			     err ? strerror(err) : "success", diff);
			bad++;
		}
		close(fd);

		if (left != 0) {
			/* Ran past every fault point: the real thing. */
			done = 1;
			if (err) {
				diag("%s: without an injected failure it gives %s", s->name,
				     strerror(err));
				bad++;
			}
			break;
		}
		injected++;
		if (!err) {
			survived++;	/* the kernel coped (a fallback, a retry) */
			continue;
		}
		if (!is_clean(err)) {
			diag("%s: failing fault point %u gives %s (ioctl nr %#lx)", s->name, n,
			     strerror(err), _IOC_NR(cmd));
			bad++;
			continue;
		}
		for (unsigned int i = 0; i < ARRAY_SIZE(clean_errnos); i++)
			if (err == clean_errnos[i])
				errs[i]++;
	}
	len = snprintf(detail, sizeof(detail), "%u absorbed", survived);
	for (unsigned int i = 0; i < ARRAY_SIZE(clean_errnos); i++)
		if (errs[i] && len < sizeof(detail))
			len += snprintf(detail + len, sizeof(detail) - len, ", %s x%u",
					strerror(clean_errnos[i]), errs[i]);
	ok = done && !bad;
	tap(ok, "%s: fail_nth %s: %u fault points failed one by one, each %s",
	    s->module, s->name, injected, "cleanly, counters back at baseline");
	diag("%s: %s", s->name, detail);
	if (!done)
		diag("%s: did not converge within %u fault points", s->name, MAX_NTH);
}

int suite_fail_nth(void)
{
	char path[64];
	unsigned int i, ran = 0;
	int err;

	if (access(DEBUGFS "/failslab", F_OK) || access(DEBUGFS "/fail_page_alloc", F_OK)) {
		printf("1..0 # SKIP kernel without failslab/fail_page_alloc\n");
		return 0;
	}
	tap(setup_injection(), "test_exporter: %s",
	    "failslab and fail_page_alloc fail sleeping allocations, quietly");
	err = lock_memory();
	tap(!err, "test_exporter: the harness's memory is locked (%s)", err ? strerror(err) : "ok");

	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth", (long)syscall(SYS_gettid));
	nth_fd = open(path, O_RDWR | O_CLOEXEC);
	if (!tap(nth_fd >= 0, "test_exporter: %s opens", path))
		return tap_done();

	for (i = 0; i < nr_scenarios; i++) {
		if (!scenario_runs_here(&scenarios[i])) {
			diag("%s: %s: not on this rig", scenarios[i].module, scenarios[i].name);
			continue;
		}
		sweep(&scenarios[i]);
		ran++;
	}
	diag("%u scenarios swept", ran);
	close(nth_fd);
	return tap_done();
}
