// SPDX-License-Identifier: GPL-2.0
/*
 * suite_iommu_mapper.c - "dmabuf-test iommu_mapper": QEMU's edu device
 * attached to an iommu_mapper window; its DMA, made with the ordinary DMA
 * API inside test_exporter, goes through the mapper (its counters move)
 * and the bytes are checked after the device moved them; detach gives the
 * device its own DMA path back.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define WIN_BASE	0x100000ull	/* 1 MiB */
#define WIN_SIZE	0x1000000ull	/* 16 MiB, well inside edu's 28-bit mask */
#define KNOB_BASE	0x2000000ull	/* 32 MiB: the debugfs knob's window */
#define KNOB		"/sys/kernel/debug/iommu_mapper/"

static int mapper_op(int fd, struct dtest_edu_mapper *req, unsigned int op,
		     unsigned long long base, unsigned long long size)
{
	memset(req, 0, sizeof(*req));
	req->op = op;
	req->base = base;
	req->size = size;
	return xioctl(fd, DTEST_IOC_EDU_MAPPER, req);
}

static int edu_dma(int fd, struct dtest_edu_dma *req, unsigned int flags, unsigned int len)
{
	memset(req, 0, sizeof(*req));
	req->flags = flags;
	req->len = len;
	req->seed = len * 7 + flags;
	return xioctl(fd, DTEST_IOC_EDU_DMA, req);
}

static int in_window(unsigned long long a)
{
	return a >= WIN_BASE && a + DTEST_EDU_MAX_LEN <= WIN_BASE + WIN_SIZE;
}

/* The edu device's PCI name, from sysfs; 0 if found. */
int edu_pci_name(char *name, size_t size)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *de;
	char path[300], id[32];
	int found = -1;

	while (d && found && (de = readdir(d))) {
		FILE *f;

		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vendor", de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(id, sizeof(id), f) && !strncmp(id, "0x1234", 6)) {
			fclose(f);
			snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device", de->d_name);
			f = fopen(path, "r");
			if (f && fgets(id, sizeof(id), f) && !strncmp(id, "0x11e8", 6) &&
			    strlen(de->d_name) < size) {
				memcpy(name, de->d_name, strlen(de->d_name) + 1);
				found = 0;
			}
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

/* The knob's line for @name, or "" when it lists none. */
static void knob_line_for(const char *name, char *line, size_t size)
{
	FILE *f = fopen(KNOB "devices", "r");

	line[0] = '\0';
	while (f && fgets(line, size, f))
		if (!strncmp(line, name, strlen(name)))
			break;
	if (f && !strstr(line, name))
		line[0] = '\0';
	if (f)
		fclose(f);
}

/* The debugfs knob: the same DMA, attached by device name instead. */
static void knob_tests(int fd)
{
	char name[64], cmd[128], line[256];
	unsigned long long maps = 0;
	struct dtest_edu_dma d;
	char *p;
	int err;

	if (edu_pci_name(name, sizeof(name))) {
		tap(0, "iommu_mapper: found the edu device in sysfs for the debugfs knob");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s %#llx %#llx", name, KNOB_BASE, WIN_SIZE);
	expect_errno(sysfs_write(KNOB "attach", cmd), 0,
		     "iommu_mapper: debugfs attach '%s'", cmd);
	err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	knob_line_for(name, line, sizeof(line));
	p = strstr(line, " maps ");
	if (p)
		sscanf(p, " maps %llu", &maps);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && d.dma_to_dev >= KNOB_BASE &&
	    d.dma_to_dev < KNOB_BASE + WIN_SIZE && maps == 2,
	    "iommu_mapper: edu DMA after a debugfs attach uses its window (%#llx) and shows in 'devices' (maps %llu)",
	    (unsigned long long)d.dma_to_dev, maps);
	expect_errno(sysfs_write(KNOB "attach", cmd), EBUSY,
		     "iommu_mapper: debugfs attach of an attached device");
	expect_errno(sysfs_write(KNOB "detach", name), 0,
		     "iommu_mapper: debugfs detach '%s'", name);
	knob_line_for(name, line, sizeof(line));
	err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	tap(!line[0] && !err && d.verified == DTEST_EDU_MAX_LEN &&
	    (d.dma_to_dev < KNOB_BASE || d.dma_to_dev >= KNOB_BASE + WIN_SIZE),
	    "iommu_mapper: after a debugfs detach edu DMA verifies on its own path and 'devices' lists nothing");
	expect_errno(sysfs_write(KNOB "detach", name), ENOENT,
		     "iommu_mapper: debugfs detach of a device not attached");
	expect_errno(sysfs_write(KNOB "attach", "no-such-device 0x100000 0x100000"), ENODEV,
		     "iommu_mapper: debugfs attach of an unknown device");
	snprintf(cmd, sizeof(cmd), "%s 0x100000", name);
	expect_errno(sysfs_write(KNOB "attach", cmd), EINVAL,
		     "iommu_mapper: debugfs attach without a size");
}

int suite_iommu_mapper(void)
{
	struct dtest_edu_mapper m, m2;
	struct dtest_edu_dma d;
	unsigned int mode;
	int fd = open_dev();
	int err;

	err = mapper_op(fd, &m, DTEST_EDU_MAPPER_ATTACH, WIN_BASE, WIN_SIZE);
	if (!expect_errno(err, 0, "iommu_mapper: attach edu to a 16 MiB window at 1 MiB")) {
		printf("Bail out! no mapper to test\n");
		return 1;
	}
	expect_errno(mapper_op(fd, &m2, DTEST_EDU_MAPPER_ATTACH, WIN_BASE, WIN_SIZE), EBUSY,
		     "iommu_mapper: attaching an attached device");

	for (mode = 0; mode < 2; mode++) {
		unsigned int flags = mode ? DTEST_EDU_COHERENT : 0;
		const char *how = mode ? "dma_alloc_coherent" : "dma_map_page";

		mapper_op(fd, &m, DTEST_EDU_MAPPER_STATS, 0, 0);
		err = edu_dma(fd, &d, flags, DTEST_EDU_MAX_LEN);
		tap(!err && d.verified == DTEST_EDU_MAX_LEN,
		    "iommu_mapper: edu DMA round trip (%s) verified", how);
		tap(!err && in_window(d.dma_to_dev) && in_window(d.dma_from_dev),
		    "iommu_mapper: %s addresses %#llx, %#llx are from the window", how,
		    (unsigned long long)d.dma_to_dev, (unsigned long long)d.dma_from_dev);
		err = mapper_op(fd, &m2, DTEST_EDU_MAPPER_STATS, 0, 0);
		tap(!err && m2.maps == m.maps + 2 && m2.unmaps == m.unmaps + 2 && !m2.mapped,
		    "iommu_mapper: %s went through the mapper (maps %llu -> %llu, unmaps %llu -> %llu, %llu bytes left mapped)",
		    how, (unsigned long long)m.maps, (unsigned long long)m2.maps,
		    (unsigned long long)m.unmaps, (unsigned long long)m2.unmaps,
		    (unsigned long long)m2.mapped);
	}

	mapper_op(fd, &m, DTEST_EDU_MAPPER_STATS, 0, 0);
	err = edu_dma(fd, &d, DTEST_EDU_SG, DTEST_EDU_MAX_LEN);
	mapper_op(fd, &m2, DTEST_EDU_MAPPER_STATS, 0, 0);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && d.segments == 1 &&
	    in_window(d.dma_to_dev) && m2.maps == m.maps + 3,
	    "iommu_mapper: map_sg merges two separate pages into one segment at %#llx; DMA across them verified",
	    (unsigned long long)d.dma_to_dev);

	err = mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, 0, 0);
	expect_errno(err, 0, "iommu_mapper: detach edu");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_STATS, 0, 0), ENOENT,
		     "iommu_mapper: stats after detach");
	err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && !in_window(d.dma_to_dev) &&
	    d.translated,
	    "iommu_mapper: after detach edu DMA verifies on its own IOMMU path (%#llx)",
	    (unsigned long long)d.dma_to_dev);

	knob_tests(fd);

	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_ATTACH, 0xff00000ull, 0x200000ull),
		     EINVAL, "iommu_mapper: a window past edu's 28-bit DMA mask");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_ATTACH, WIN_BASE + 1, WIN_SIZE),
		     EINVAL, "iommu_mapper: a window not aligned to the IOMMU page");
	expect_errno(mapper_op(fd, &m, 0, 0, 0), EINVAL,
		     "iommu_mapper: EDU_MAPPER with op 0");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_STATS + 1, 0, 0), EINVAL,
		     "iommu_mapper: EDU_MAPPER with an unknown op");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, WIN_BASE, 0), EINVAL,
		     "iommu_mapper: DETACH with a window given");
	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_STATS;
	m.__pad = 1;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &m), EINVAL,
		     "iommu_mapper: EDU_MAPPER with non-zero __pad");

	close(fd);
	return tap_done();
}
