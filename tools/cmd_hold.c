// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_hold.c - "dmabuf-test hold": make one object of every kind, say
 * "holding", wait for end of file on stdin, then check every object still
 * works and exit without freeing anything (closing the file does).
 *
 * tests/qemu/guest-init's "unload" suite tries to rmmod each module while
 * a holder waits, and runs a short-lived holder in each of its load and
 * unload cycles.  Exit status 0 when every object was made and checked.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "harness.h"

static int fail(const char *what, int err)
{
	fprintf(stderr, "dmabuf-test hold: %s: %s\n", what, strerror(err));
	return 1;
}

int cmd_hold(void)
{
	struct dtest_cma_alloc a = { .size = 64 << 10 };
	struct dtest_cma_pool p = { .size = 8 << 20 };	/* two debug-kernel pageblocks */
	struct dtest_cma_alloc pa = { .size = 8192 };
	struct dtest_sysmmu_create c = { .model = 0, .pages = 4 };
	struct dtest_sysmmu_map m = { .iova = 0x200000, .count = 4 };
	struct dtest_sysmmu_dma d;
	struct dtest_edu_mapper em = { .op = DTEST_EDU_MAPPER_ATTACH, .base = 1 << 20,
				       .size = 16 << 20 };
	struct dtest_edu_dma e = { .len = 1000, .seed = 77 };
	struct dtest_cma_rw rw;
	unsigned char pat[512], back[512];
	int fd = open_dev(), err, edu = have_edu(), sysmmu = have_sysmmu_models();
	unsigned int i;
	char c1;

	for (i = 0; i < sizeof(pat); i++)
		pat[i] = i * 13 + 1;
	err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &a);
	if (err)
		return fail("CMA_ALLOC", err);
	rw = (struct dtest_cma_rw){ .flags = DTEST_CMA_RW_WRITE, .handle = a.handle,
				    .len = sizeof(pat), .ptr = (uintptr_t)pat };
	err = xioctl(fd, DTEST_IOC_CMA_RW, &rw);
	if (err)
		return fail("CMA_RW", err);
	err = xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &p);
	if (err)
		return fail("CMA_POOL_CREATE", err);
	pa.pool_id = p.pool_id;
	err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &pa);
	if (err)
		return fail("CMA_ALLOC from the new pool", err);
	if (sysmmu) {
		err = xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c);
		if (err)
			return fail("SYSMMU_CREATE", err);
		m.handle = c.handle;
		err = xioctl(fd, DTEST_IOC_SYSMMU_MAP, &m);
		if (err)
			return fail("SYSMMU_MAP", err);
		d = (struct dtest_sysmmu_dma){ .flags = DTEST_SYSMMU_DMA_WRITE, .handle = c.handle,
					       .iova = 0x200800, .len = sizeof(pat),
					       .buf = (uintptr_t)pat };
		err = xioctl(fd, DTEST_IOC_SYSMMU_DMA, &d);
		if (err || d.result)
			return fail("SYSMMU_DMA", err ? err : (int)d.result);
	}
	if (edu) {
		err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &em);
		if (err)
			return fail("EDU_MAPPER attach", err);
		err = xioctl(fd, DTEST_IOC_EDU_DMA, &e);
		if (err)
			return fail("EDU_DMA", err);
	}
	printf("holding\n");
	fflush(stdout);
	while (read(0, &c1, 1) > 0)
		;

	memset(back, 0, sizeof(back));
	rw = (struct dtest_cma_rw){ .handle = a.handle, .len = sizeof(back),
				    .ptr = (uintptr_t)back };
	err = xioctl(fd, DTEST_IOC_CMA_RW, &rw);
	if (err || memcmp(back, pat, sizeof(pat)))
		return fail("CMA_RW read back", err ? err : EBADMSG);
	if (sysmmu) {
		memset(back, 0, sizeof(back));
		d = (struct dtest_sysmmu_dma){ .handle = c.handle, .iova = 0x200800,
					       .len = sizeof(back), .buf = (uintptr_t)back };
		err = xioctl(fd, DTEST_IOC_SYSMMU_DMA, &d);
		if (err || d.result || memcmp(back, pat, sizeof(pat)))
			return fail("SYSMMU_DMA read back", err ? err : EBADMSG);
	}
	if (edu) {
		memset(&e, 0, sizeof(e));
		e.len = 1000;
		e.seed = 78;
		err = xioctl(fd, DTEST_IOC_EDU_DMA, &e);
		if (err)
			return fail("EDU_DMA after the wait", err);
	}
	printf("verified\n");
	/* Nothing freed: close(), and for the pool and window rmmod, do it. */
	return 0;
}
