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

static int mapper_stats(int fd, struct dtest_mapper_stats *st)
{
	memset(st, 0, sizeof(*st));
	return xioctl(fd, DTEST_IOC_MAPPER_STATS, st);
}

static int mapper_alloc(int fd, struct dtest_mapper_alloc *a, unsigned int flags,
			unsigned long long size, unsigned int len)
{
	memset(a, 0, sizeof(*a));
	a->flags = flags;
	a->size = size;
	a->len = len;
	a->seed = (unsigned int)size ^ flags;
	return xioctl(fd, DTEST_IOC_MAPPER_ALLOC, a);
}

/* dma_alloc_attrs() kinds through the mapper: plain, contiguous, atomic. */
static void alloc_tests(int fd)
{
	struct dtest_mapper_alloc a;
	unsigned long long want;
	int err;

	err = mapper_alloc(fd, &a, 0, 4ull << 20, DTEST_EDU_MAX_LEN);
	tap(!err && a.verified == DTEST_EDU_MAX_LEN && in_window(a.dma_addr),
	    "iommu_mapper: a 4 MiB dma_alloc_attrs buffer: DMA from its end to its start verified (%llu pages larger than 4 KiB, largest %#llx)",
	    (unsigned long long)a.large_pages, (unsigned long long)a.largest_pgsize);
	err = mapper_alloc(fd, &a, DTEST_MAPPER_ALLOC_CONTIG, 4ull << 20, DTEST_EDU_MAX_LEN);
	tap(!err && a.verified == DTEST_EDU_MAX_LEN && a.segments == 1 && in_window(a.dma_addr),
	    "iommu_mapper: DMA_ATTR_FORCE_CONTIGUOUS 4 MiB from cma_pool: one physical piece (%u), DMA verified",
	    a.segments);
	/* The largest page the driver advertises up to 4 MiB, as often as it fits. */
	for (want = 4ull << 20; want > 4096 && !(a.domain_pgsizes & want); want >>= 1)
		;
	tap(!err && a.largest_pgsize == want &&
	    a.large_pages == (want > 4096 ? (4ull << 20) / want : 0),
	    "iommu_mapper: the contiguous 4 MiB is mapped with the largest IOMMU pages the domain has (%llu of %#llx; domain page sizes %#llx)",
	    (unsigned long long)a.large_pages, (unsigned long long)a.largest_pgsize,
	    (unsigned long long)a.domain_pgsizes);
	err = mapper_alloc(fd, &a, DTEST_MAPPER_ALLOC_ATOMIC, 64 << 10, DTEST_EDU_MAX_LEN);
	tap(!err && a.verified == DTEST_EDU_MAX_LEN && a.segments == 1,
	    "iommu_mapper: a 64 KiB GFP_ATOMIC allocation under a spinlock: DMA verified");
	expect_errno(mapper_alloc(fd, &a, DTEST_MAPPER_ALLOC_ATOMIC | DTEST_MAPPER_ALLOC_CONTIG,
				  64 << 10, 16), ENOMEM,
		     "iommu_mapper: FORCE_CONTIGUOUS without sleeping is refused");
	expect_errno(mapper_alloc(fd, &a, 1u << 7, 4096, 16), EINVAL,
		     "iommu_mapper: MAPPER_ALLOC with an unknown flag");
	expect_errno(mapper_alloc(fd, &a, 0, 16, 17), EINVAL,
		     "iommu_mapper: MAPPER_ALLOC moving more than it allocates");
	expect_errno(mapper_alloc(fd, &a, 0, 0, 1), EINVAL,
		     "iommu_mapper: MAPPER_ALLOC of 0 bytes");
	expect_errno(mapper_alloc(fd, &a, 0, DTEST_MAPPER_ALLOC_MAX + 1ull, 1), EINVAL,
		     "iommu_mapper: MAPPER_ALLOC over its maximum");
	memset(&a, 0, sizeof(a));
	a.size = 4096;
	a.len = 1;
	a.__pad = 1;
	expect_errno(xioctl(fd, DTEST_IOC_MAPPER_ALLOC, &a), EINVAL,
		     "iommu_mapper: MAPPER_ALLOC with non-zero __pad");
}

/*
 * Lazy (flush queue) and strict unmapping: the same round trips; lazy
 * unmaps wait in the queue or were retired by a whole-domain flush,
 * strict ones never touch it.
 */
static void flush_tests(int fd)
{
	struct dtest_mapper_stats st0, st;
	struct dtest_edu_mapper m;
	struct dtest_edu_dma d;
	int err, i;

	mapper_stats(fd, &st0);
	for (i = 0; i < 4; i++)
		err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	mapper_stats(fd, &st);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN &&
	    (st.deferred > 0 || st.iotlb_flushes > st0.iotlb_flushes),
	    "iommu_mapper: lazy unmaps go through the flush queue (%llu waiting, %llu flushes)",
	    (unsigned long long)st.deferred, (unsigned long long)st.iotlb_flushes);

	mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, 0, 0);
	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_ATTACH;
	m.flags = DTEST_EDU_MAPPER_STRICT;
	m.base = WIN_BASE;
	m.size = WIN_SIZE;
	err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	expect_errno(err, 0, "iommu_mapper: attach with DTEST_EDU_MAPPER_STRICT");
	for (i = 0; i < 4 && !err; i++)
		err = edu_dma(fd, &d, i & 1 ? DTEST_EDU_COHERENT : 0, DTEST_EDU_MAX_LEN);
	mapper_stats(fd, &st);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && !st.deferred && !st.iotlb_flushes &&
	    st.maps == 8 && st.unmaps == 8 && !st.mapped,
	    "iommu_mapper: strict: round trips verified, every unmap flushed at once (%llu queued, %llu queue flushes)",
	    (unsigned long long)st.deferred, (unsigned long long)st.iotlb_flushes);
	mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, 0, 0);
}

/*
 * edu treated as not snooping the caches: every transfer through the
 * kernel's cache maintenance.  Only kernels with non-coherent DMA (arm64)
 * can; x86 refuses.
 */
static void noncoherent_tests(int fd)
{
	struct dtest_mapper_stats st0, st;
	struct dtest_mapper_alloc a;
	struct dtest_edu_mapper m;
	struct dtest_edu_dma d;
	unsigned int flags;
	int err;

	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_ATTACH;
	m.flags = DTEST_EDU_MAPPER_NONCOHERENT;
	m.base = WIN_BASE;
	m.size = WIN_SIZE;
	err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	if (err == EOPNOTSUPP) {
		tap(1, "iommu_mapper: %s",
		    "no non-coherent DMA on this kernel: NONCOHERENT attach refused (EOPNOTSUPP)");
		return;
	}
	if (!expect_errno(err, 0, "iommu_mapper: attach edu as a non-coherent device"))
		return;
	for (flags = 0; flags < 3; flags++) {
		unsigned int f = flags == 0 ? 0 : flags == 1 ? DTEST_EDU_COHERENT : DTEST_EDU_SG;

		mapper_stats(fd, &st0);
		err = edu_dma(fd, &d, f, DTEST_EDU_MAX_LEN);
		mapper_stats(fd, &st);
		tap(!err && d.verified == DTEST_EDU_MAX_LEN && in_window(d.dma_to_dev) &&
		    (f == DTEST_EDU_COHERENT || st.cache_syncs > st0.cache_syncs),
		    "iommu_mapper: non-coherent %s round trip verified (%llu cache maintenance operations)",
		    f == 0 ? "dma_map_page" : f == DTEST_EDU_COHERENT ? "dma_alloc_coherent" :
		    "dma_map_sg", (unsigned long long)(st.cache_syncs - st0.cache_syncs));
	}
	err = mapper_alloc(fd, &a, DTEST_MAPPER_ALLOC_CONTIG, 1ull << 20, DTEST_EDU_MAX_LEN);
	tap(!err && a.verified == DTEST_EDU_MAX_LEN,
	    "iommu_mapper: non-coherent FORCE_CONTIGUOUS buffer verified");
	expect_errno(mapper_alloc(fd, &a, DTEST_MAPPER_ALLOC_ATOMIC, 4096, 16), ENOMEM,
		     "iommu_mapper: a non-coherent atomic allocation is refused");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, 0, 0), 0,
		     "iommu_mapper: detach the non-coherent edu");
	err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && !in_window(d.dma_to_dev),
	    "iommu_mapper: after a non-coherent attach edu DMA verifies on its own path");
}

/* A master behind each model exynos_sysmmu, through a mapper window. */
static void sysmmu_tests(int fd)
{
	struct dtest_mapper_sysmmu r;
	unsigned int model;
	int err;

	for (model = 0; model < 2; model++) {
		memset(&r, 0, sizeof(r));
		r.model = model;
		r.flags = DTEST_MAPPER_SYSMMU_CONTIG;
		r.size = 2u << 20;
		r.seed = 77 + model;
		err = xioctl(fd, DTEST_IOC_MAPPER_SYSMMU, &r);
		if (err == ENODEV && model == 0) {
			tap(1, "iommu_mapper: # SKIP no model exynos_sysmmu instance");
			return;
		}
		tap(!err && r.sg_verified == r.size && r.sg_segments == 1,
		    "iommu_mapper: SYSMMU model %u master: 512 separate pages map_sg'd into one segment at %#llx, model DMA verified",
		    model, (unsigned long long)r.sg_addr);
		tap(!err && r.contig_verified == r.size && r.sections >= 2,
		    "iommu_mapper: SYSMMU model %u master: 2 MiB FORCE_CONTIGUOUS at %#llx written by the model, verified; %llu 1 MiB sections used",
		    model, (unsigned long long)r.contig_addr, (unsigned long long)r.sections);
		if (err)
			diag("%s", strerror(err));
	}
	memset(&r, 0, sizeof(r));
	r.size = 4097;
	expect_errno(xioctl(fd, DTEST_IOC_MAPPER_SYSMMU, &r), EINVAL,
		     "iommu_mapper: MAPPER_SYSMMU with a size not a multiple of 4 KiB");
	memset(&r, 0, sizeof(r));
	r.size = 4096;
	r.flags = 1u << 5;
	expect_errno(xioctl(fd, DTEST_IOC_MAPPER_SYSMMU, &r), EINVAL,
		     "iommu_mapper: MAPPER_SYSMMU with an unknown flag");
	memset(&r, 0, sizeof(r));
	r.size = 4096;
	r.model = 99;
	expect_errno(xioctl(fd, DTEST_IOC_MAPPER_SYSMMU, &r), ENODEV,
		     "iommu_mapper: MAPPER_SYSMMU on a model instance that does not exist");
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

	alloc_tests(fd);
	flush_tests(fd);	/* ends detached */
	err = mapper_op(fd, &m, DTEST_EDU_MAPPER_ATTACH, WIN_BASE, WIN_SIZE);
	expect_errno(err, 0, "iommu_mapper: attach edu again");

	err = mapper_op(fd, &m, DTEST_EDU_MAPPER_DETACH, 0, 0);
	expect_errno(err, 0, "iommu_mapper: detach edu");
	expect_errno(mapper_alloc(fd, &(struct dtest_mapper_alloc){}, 0, 4096, 16), ENOENT,
		     "iommu_mapper: MAPPER_ALLOC without a mapping");
	expect_errno(mapper_op(fd, &m, DTEST_EDU_MAPPER_STATS, 0, 0), ENOENT,
		     "iommu_mapper: stats after detach");
	err = edu_dma(fd, &d, 0, DTEST_EDU_MAX_LEN);
	tap(!err && d.verified == DTEST_EDU_MAX_LEN && !in_window(d.dma_to_dev) &&
	    d.translated,
	    "iommu_mapper: after detach edu DMA verifies on its own IOMMU path (%#llx)",
	    (unsigned long long)d.dma_to_dev);

	knob_tests(fd);
	noncoherent_tests(fd);
	sysmmu_tests(fd);

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
	m.flags = DTEST_EDU_MAPPER_STRICT;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &m), EINVAL,
		     "iommu_mapper: EDU_MAPPER STATS with flags");
	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_ATTACH;
	m.base = WIN_BASE;
	m.size = WIN_SIZE;
	m.flags = 1u << 9;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &m), EINVAL,
		     "iommu_mapper: EDU_MAPPER ATTACH with an unknown flag");

	close(fd);
	return tap_done();
}
