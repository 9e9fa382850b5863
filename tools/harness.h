/* SPDX-License-Identifier: GPL-2.0 */
/*
 * harness.h - what every dmabuf-test suite shares: TAP output, the device,
 * ioctl helpers.  A suite is a function in suite_<name>.c listed in the
 * suite table of dmabuf-test.c; every TAP line it prints starts with the
 * name of the module it tests ("cma_pool: ...").
 */
#ifndef DMABUF_TEST_HARNESS_H
#define DMABUF_TEST_HARNESS_H

#include <stddef.h>

#include "uapi/dmabuf-test.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* The kernel's __printf, for userspace (spelt so checkpatch sees no raw form). */
#define HARNESS_FORMAT	format
#define __printf(a, b)	__attribute__((HARNESS_FORMAT(printf, a, b)))
#define fallthrough	__attribute__((__fallthrough__))

extern const char *dev_path;
/* --seed N and --ops N (fuzz, stress): 0 and unset unless given. */
extern unsigned long long opt_seed;
extern int opt_seed_set;
extern unsigned long opt_ops;

/* Print "ok N ..." or "not ok N ..."; returns @ok. */
__printf(2, 3) int tap(int ok, const char *fmt, ...);
/* Print a TAP diagnostic line "# ...". */
__printf(1, 2) void diag(const char *fmt, ...);

/*
 * One benchmark measurement, printed by bench_line() as the diagnostic
 * tests/bench collects (Documentation/testing.rst, "Benchmark lines"):
 *   # bench SUITE CASE PARAM UNIT ours=V mainline=V ratio=V better=B vs=NAME
 * @ratio is @ours / @mainline; names and @param carry no spaces.
 */
struct bench_result {
	const char *suite;	/* harness suite name, "cma_pool_bench" */
	const char *name;	/* what is measured, "alloc_free" */
	const char *param;	/* the x axis, "4MiB" */
	const char *unit;	/* of @ours and @mainline, "us" */
	const char *vs;		/* the mainline equivalent, "cma_heap" */
	double ours, mainline;
	int higher_better;	/* 0: lower is better (a time) */
};

void bench_line(const struct bench_result *r);
/* Print the plan "1..N"; return the suite's exit status (1 if any failed). */
int tap_done(void);

/* Open the device read-write, or bail out of the suite. */
int open_dev(void);
/* ioctl() returning 0 or the errno it failed with. */
int xioctl(int fd, unsigned long cmd, void *arg);
/* The command of the last xioctl(), for diagnostics. */
extern unsigned long xioctl_last;
/* One TAP line: did an ioctl give errno @want (0: success)?  The
 * description (printf-style) should start with the module's name.
 */
__printf(3, 4) int expect_errno(int got, int want, const char *fmt, ...);

/*
 * An ioctl that must fail with @want and leave its argument as it was:
 * two TAP lines.  @size: the argument's size (at most 256 bytes).
 */
__printf(6, 7) int expect_refused(int fd, unsigned long cmd, void *arg, size_t size,
				  int want, const char *fmt, ...);

/* Write @text to the file at @path (sysfs, debugfs): 0 or the errno. */
int sysfs_write(const char *path, const char *text);

int suite_uapi(void);
int suite_edu(void);
int suite_iommu_mapper(void);
int suite_iommu_mapper_bench(void);

/* The edu device's PCI name (0000:00:03.0), from sysfs: 0, or -1 if absent. */
int edu_pci_name(char *name, size_t size);
int suite_exynos_sysmmu(void);
int suite_cma_pool(void);
int suite_cma_pool_bench(void);
int suite_demo(void);
int suite_dmabuf(void);
int suite_dmabuf_bench(void);

/* Reliability tier (scenarios.c and the suites that replay them). */
#define BIT(n)		(1u << (n))
#define SCN_EDU		BIT(0)	/* needs QEMU's edu device */
#define SCN_SYSMMU	BIT(1)	/* needs the two model SYSMMUs */
#define SCN_SLOW	BIT(2)	/* seconds on the debug kernel: stress rations it */

/**
 * struct scenario - a whole ioctl life cycle that cleans up after itself
 * @module:	the module it tests (TAP lines start with it)
 * @name:	what it does
 * @run:	runs it on an open device; 0, or the first errno (EBADMSG:
 *		bytes did not read back; EPROTO: an answer made no sense),
 *		having undone what it did
 * @needs:	SCN_* it needs; skipped where absent
 */
struct scenario {
	const char *module;
	const char *name;
	int (*run)(int fd);
	unsigned int needs;
};

extern const struct scenario scenarios[];
extern const unsigned int nr_scenarios;

struct dtest_stats;
/* DTEST_IOC_STATS: 0 or the errno. */
int stats_read(int fd, struct dtest_stats *st);
/* Fields that differ, as " name old->new" in @buf; returns their count. */
int stats_diff(const struct dtest_stats *a, const struct dtest_stats *b, char *buf, size_t size);
/* Whether the rig has edu / the two SYSMMU model instances. */
int have_edu(void);
int have_sysmmu_models(void);
/* Does @s's needs hold on this rig? */
int scenario_runs_here(const struct scenario *s);

int suite_fail_nth(void);
/*
 * Inside a fail_nth sweep, no fault point fails between inject_pause()
 * and inject_resume() (the count is held); elsewhere both do nothing.
 */
void inject_pause(void);
void inject_resume(void);
int suite_fuzz(void);
int suite_stress(void);
int suite_access(void);
/* "dmabuf-test hold" (cmd_hold.c), for the unload suite of guest-init. */
int cmd_hold(void);

#endif /* DMABUF_TEST_HARNESS_H */
