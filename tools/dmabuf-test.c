// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf-test: userspace harness for /dev/dmabuf-test (test_exporter.ko).
 *
 * One subcommand per suite; each prints TAP, one line per check, named
 * after the module it tests ("ok 3 test_exporter: ..."), and exits
 * non-zero if any check failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uapi/dmabuf-test.h"

#define DEV_PATH "/dev/dmabuf-test"

static const char *dev_path = DEV_PATH;
static int tap_count;
static int tap_failed;

static void tap(int ok, const char *fmt, ...)
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
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int open_dev(void)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("Bail out! open %s: %s\n", dev_path, strerror(errno));
		exit(1);
	}
	return fd;
}

/* ioctl returning 0 or the errno it failed with. */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static int expect_errno(int got, int want, const char *what)
{
	int ok = got == want;

	tap(ok, "test_exporter: %s gives %s", what, want ? strerror(want) : "success");
	if (!ok)
		diag("got %s", got ? strerror(got) : "success");
	return ok;
}

/* DTEST_IOC_INFO with an argument of @size bytes (a newer or older struct). */
#define INFO_CMD(size) _IOC(_IOC_READ | _IOC_WRITE, DTEST_IOC_MAGIC, 0x00, (size))

static int suite_uapi(void)
{
	struct dtest_info info, before;
	unsigned char big[sizeof(info) + 16];
	struct stat st;
	int fd, bit, ok;

	tap_count = 0;

	ok = stat(dev_path, &st) == 0 && S_ISCHR(st.st_mode);
	tap(ok, "test_exporter: %s is a character device", dev_path);
	tap(ok && (st.st_mode & 07777) == 0600,
	    "test_exporter: %s is mode 0600 (is %04o)", dev_path,
	    ok ? (unsigned int)(st.st_mode & 07777) : 0);

	fd = open_dev();

	memset(&info, 0, sizeof(info));
	ok = xioctl(fd, DTEST_IOC_INFO, &info) == 0;
	tap(ok && info.api_version == DTEST_API_VERSION &&
	    info.info_size == sizeof(info) && info.features == 0,
	    "test_exporter: INFO reports api %u, %u bytes, features %#llx",
	    info.api_version, info.info_size,
	    (unsigned long long)info.features);

	memset(&info, 0, sizeof(info));
	expect_errno(xioctl(fd, _IOWR(DTEST_IOC_MAGIC, 0x3f, struct dtest_info), &info),
		     ENOTTY, "unknown ioctl number");
	expect_errno(xioctl(fd, _IOWR('b', 0x00, struct dtest_info), &info),
		     ENOTTY, "foreign ioctl type");
	expect_errno(xioctl(fd, _IOW(DTEST_IOC_MAGIC, 0x00, struct dtest_info), &info),
		     ENOTTY, "INFO with the wrong direction");

	ok = 1;
	for (bit = 0; bit < 32; bit++) {
		memset(&info, 0, sizeof(info));
		info.flags = 1u << bit;
		if ((info.flags & DTEST_INFO_FLAGS) || xioctl(fd, DTEST_IOC_INFO, &info) == EINVAL)
			continue;
		diag("flag bit %d accepted", bit);
		ok = 0;
	}
	tap(ok, "test_exporter: INFO refuses every unknown flag with EINVAL");

	/* Refused arguments come back untouched. */
	memset(&info, 0, sizeof(info));
	info.__pad = 1;
	before = info;
	ok = expect_errno(xioctl(fd, DTEST_IOC_INFO, &info), EINVAL, "INFO with non-zero __pad");
	tap(ok && !memcmp(&info, &before, sizeof(info)),
	    "test_exporter: a refused INFO leaves the argument untouched");

	memset(&info, 0, sizeof(info));
	info.features = 1;
	expect_errno(xioctl(fd, DTEST_IOC_INFO, &info), EINVAL,
		     "INFO with an output field set on input");

	/* A newer, longer structure: accepted when its tail is zero, and the
	 * kernel writes only what it knows.
	 */
	memset(big, 0, sizeof(big));
	ok = xioctl(fd, INFO_CMD(sizeof(big)), big) == 0;
	memcpy(&info, big, sizeof(info));
	tap(ok && info.api_version == DTEST_API_VERSION &&
	    big[sizeof(info)] == 0 && big[sizeof(big) - 1] == 0,
	    "test_exporter: INFO accepts a longer struct with a zero tail");
	memset(big, 0, sizeof(big));
	big[sizeof(big) - 1] = 1;
	expect_errno(xioctl(fd, INFO_CMD(sizeof(big)), big), E2BIG,
		     "INFO with a non-zero tail beyond the known struct");
	expect_errno(xioctl(fd, INFO_CMD(sizeof(info) - 8), big), EINVAL,
		     "INFO with a struct shorter than its first version");
	expect_errno(xioctl(fd, DTEST_IOC_INFO, (void *)16), EFAULT,
		     "INFO with an unmapped argument pointer");

	close(fd);
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

static int cmd_info(void)
{
	struct dtest_info info;
	int fd = open_dev();

	memset(&info, 0, sizeof(info));
	if (ioctl(fd, DTEST_IOC_INFO, &info)) {
		perror("DTEST_IOC_INFO");
		return 1;
	}
	printf("api_version %u\ninfo_size %u\nfeatures %#llx\n",
	       info.api_version, info.info_size,
	       (unsigned long long)info.features);
	close(fd);
	return 0;
}

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: dmabuf-test [--device PATH] COMMAND\n"
		"\n"
		"Drives /dev/dmabuf-test (test_exporter.ko). Suites print TAP and\n"
		"exit non-zero when a check fails.\n"
		"\n"
		"suites:\n"
		"  uapi     ioctl argument validation: version/info, unknown\n"
		"           ioctls, flags, padding, sizes, bad pointers\n"
		"commands:\n"
		"  info     print what the running test_exporter reports\n"
		"  --help   this text\n");
}

int main(int argc, char **argv)
{
	int i = 1;

	if (i + 1 < argc && !strcmp(argv[i], "--device")) {
		dev_path = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		print_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
		print_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[i], "uapi"))
		return suite_uapi();
	if (!strcmp(argv[i], "info"))
		return cmd_info();
	fprintf(stderr, "dmabuf-test: unknown command '%s'\n", argv[i]);
	print_usage(stderr);
	return 2;
}
