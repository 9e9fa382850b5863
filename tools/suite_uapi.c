// SPDX-License-Identifier: GPL-2.0
/*
 * suite_uapi.c - "dmabuf-test uapi": argument validation of
 * /dev/dmabuf-test as userspace sees it.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* DTEST_IOC_INFO with an argument of @size bytes (a newer or older struct). */
#define INFO_CMD(size) _IOC(_IOC_READ | _IOC_WRITE, DTEST_IOC_MAGIC, 0x00, (size))

/* DTEST_IOC_STATS: counts this file, refuses what INFO refuses. */
static void check_stats(int fd)
{
	struct dtest_stats st;
	int other = open_dev(), ok;
	__u64 files;

	ok = stats_read(fd, &st) == 0;
	files = st.files;
	tap(ok && files >= 2, "test_exporter: STATS counts the open files (%llu)",
	    (unsigned long long)files);
	close(other);
	tap(stats_read(fd, &st) == 0 && st.files == files - 1,
	    "test_exporter: STATS counts one file fewer after a close");
	memset(&st, 0, sizeof(st));
	st.flags = 1;
	expect_refused(fd, DTEST_IOC_STATS, &st, sizeof(st), EINVAL,
		       "test_exporter: STATS with an unknown flag");
	memset(&st, 0, sizeof(st));
	st.__pad = 1;
	expect_refused(fd, DTEST_IOC_STATS, &st, sizeof(st), EINVAL,
		       "test_exporter: STATS with non-zero padding");
	memset(&st, 0, sizeof(st));
	st.mapper_mapped = 1;
	expect_refused(fd, DTEST_IOC_STATS, &st, sizeof(st), EINVAL,
		       "test_exporter: STATS with an output field set");
}

int suite_uapi(void)
{
	struct dtest_info info;
	unsigned char big[sizeof(info) + 16];
	struct stat st;
	int fd, bit, ok;

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
		     ENOTTY, "test_exporter: unknown ioctl number");
	expect_errno(xioctl(fd, _IOWR('b', 0x00, struct dtest_info), &info),
		     ENOTTY, "test_exporter: foreign ioctl type");
	expect_errno(xioctl(fd, _IOW(DTEST_IOC_MAGIC, 0x00, struct dtest_info), &info),
		     ENOTTY, "test_exporter: INFO with the wrong direction");

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

	memset(&info, 0, sizeof(info));
	info.__pad = 1;
	expect_refused(fd, DTEST_IOC_INFO, &info, sizeof(info), EINVAL,
		       "test_exporter: INFO with non-zero __pad");

	memset(&info, 0, sizeof(info));
	info.features = 1;
	expect_errno(xioctl(fd, DTEST_IOC_INFO, &info), EINVAL,
		     "test_exporter: INFO with an output field set on input");

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
		     "test_exporter: INFO with a non-zero tail beyond the known struct");
	expect_errno(xioctl(fd, INFO_CMD(sizeof(info) - 8), big), EINVAL,
		     "test_exporter: INFO with a struct shorter than its first version");
	expect_errno(xioctl(fd, DTEST_IOC_INFO, (void *)16), EFAULT,
		     "test_exporter: INFO with an unmapped argument pointer");

	check_stats(fd);
	close(fd);
	return tap_done();
}

