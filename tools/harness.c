// SPDX-License-Identifier: GPL-2.0
/* harness.c - TAP output and device helpers shared by the suites. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "harness.h"

const char *dev_path = "/dev/dmabuf-test";
unsigned long long opt_seed;
int opt_seed_set;
unsigned long opt_ops;
static int tap_count;
static int tap_failed;

int tap(int ok, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!ok)
		tap_failed++;
	printf("%sok %d ", ok ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void bench_line(const struct bench_result *r)
{
	diag("bench %s %s %s %s ours=%.6g mainline=%.6g ratio=%.4f better=%s vs=%s",
	     r->suite, r->name, r->param, r->unit, r->ours, r->mainline,
	     r->mainline ? r->ours / r->mainline : 0.0,
	     r->higher_better ? "higher" : "lower", r->vs);
}

int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

int open_dev(void)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("Bail out! open %s: %s\n", dev_path, strerror(errno));
		exit(1);
	}
	return fd;
}

unsigned long xioctl_last;

int xioctl(int fd, unsigned long cmd, void *arg)
{
	xioctl_last = cmd;
	return ioctl(fd, cmd, arg) ? errno : 0;
}

int expect_errno(int got, int want, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	int ok = got == want;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tap(ok, "%s gives %s", what, want ? strerror(want) : "success");
	if (!ok)
		diag("got %s", got ? strerror(got) : "success");
	return ok;
}

int expect_refused(int fd, unsigned long cmd, void *arg, size_t size, int want,
		   const char *fmt, ...)
{
	unsigned char before[256];
	char what[256];
	va_list ap;
	int ok;

	if (size > sizeof(before)) {
		printf("Bail out! %s: a %zu-byte argument\n", __func__, size);
		exit(1);
	}
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	memcpy(before, arg, size);
	ok = expect_errno(xioctl(fd, cmd, arg), want, "%s", what);
	return tap(ok && !memcmp(before, arg, size), "%s leaves its argument untouched", what);
}

int sysfs_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}
