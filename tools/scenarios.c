// SPDX-License-Identifier: GPL-2.0
/*
 * scenarios.c - whole ioctl life cycles that the reliability suites
 * (fail_nth, stress) replay: each allocates, uses and frees what it made,
 * and on any failure undoes what it had done and returns the errno.  A
 * new ioctl family gets its cover in these suites by one entry in
 * scenarios[] below.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "harness.h"

/* Both model SYSMMU instances the run loads (exynos_sysmmu model=2). */
#define SCN_SYSMMU_MODELS	2

static int scn_info(int fd)
{
	struct dtest_info info;
	struct dtest_stats st;
	int err;

	memset(&info, 0, sizeof(info));
	err = xioctl(fd, DTEST_IOC_INFO, &info);
	if (err)
		return err;
	return stats_read(fd, &st);
}

/* Allocate, write, read back, free: @pool 0 is the default pool. */
static int cma_cycle(int fd, uint32_t pool, uint64_t size)
{
	struct dtest_cma_alloc a = { .pool_id = pool, .size = size };
	struct dtest_cma_id f = { 0 };
	unsigned char out[256], in[256];
	struct dtest_cma_rw rw;
	unsigned int i;
	int err, err2;

	err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &a);
	if (err)
		return err;
	for (i = 0; i < sizeof(out); i++)
		out[i] = i * 7 + size;
	memset(in, 0, sizeof(in));
	rw = (struct dtest_cma_rw){ .flags = DTEST_CMA_RW_WRITE, .handle = a.handle,
				    .offset = size - sizeof(out), .len = sizeof(out),
				    .ptr = (uintptr_t)out };
	err = xioctl(fd, DTEST_IOC_CMA_RW, &rw);
	if (!err) {
		rw.flags = 0;
		rw.ptr = (uintptr_t)in;
		err = xioctl(fd, DTEST_IOC_CMA_RW, &rw);
	}
	if (!err && memcmp(in, out, sizeof(in)))
		err = EBADMSG;	/* the bytes did not come back */
	f.id = a.handle;
	err2 = xioctl(fd, DTEST_IOC_CMA_FREE, &f);
	return err ? err : err2;
}

static int scn_cma_default(int fd)
{
	return cma_cycle(fd, 0, 3 * 4096);
}

static int scn_cma_owner(int fd)
{
	/* cma_pool charges whole pageblocks (2 or 4 MiB here): in bytes. */
	struct dtest_cma_owner o = { .limit = 4 << 20 };
	struct dtest_cma_alloc a = { .size = 8 << 20 };
	int err;

	err = xioctl(fd, DTEST_IOC_CMA_OWNER, &o);
	if (err)
		return err;
	/* Over the limit: refused without an allocation. */
	err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &a);
	if (err != EDQUOT)
		return err ? err : EPROTO;
	err = cma_cycle(fd, 0, 4 * 4096);
	o.limit = 0;
	return err ? err : xioctl(fd, DTEST_IOC_CMA_OWNER, &o);
}

static int scn_cma_pool(int fd)
{
	/*
	 * Two pageblocks (2 or 4 MiB each on the rigs): one for the reserve
	 * floor, one to allocate from.
	 */
	struct dtest_cma_pool p = { .size = 8 << 20, .reserve = 4 << 20 };
	struct dtest_cma_info info = { 0 };
	struct dtest_cma_id d = { 0 };
	int err, err2;

	err = xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &p);
	if (err)
		return err;
	info.pool_id = p.pool_id;
	err = xioctl(fd, DTEST_IOC_CMA_INFO, &info);
	if (!err)
		err = cma_cycle(fd, p.pool_id, 2 * 4096);
	d.id = p.pool_id;
	err2 = xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &d);
	return err ? err : err2;
}

/* A context on @model: map, the device writes then reads, unmap, destroy. */
static int sysmmu_cycle(int fd, uint32_t model, int destroy)
{
	struct dtest_sysmmu_create c = { .model = model, .pages = 4 };
	struct dtest_sysmmu_map m = { 0 };
	struct dtest_sysmmu_unmap u = { 0 };
	struct dtest_sysmmu_dma dma = { 0 };
	struct dtest_sysmmu_page pg = { 0 };
	struct dtest_sysmmu_destroy d = { 0 };
	unsigned char out[512], in[512];
	unsigned int i;
	int err, err2 = 0, err3;

	err = xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c);
	if (err)
		return err;
	m = (struct dtest_sysmmu_map){ .handle = c.handle, .iova = 0x100000,
				       .first = 1, .count = 3 };
	err = xioctl(fd, DTEST_IOC_SYSMMU_MAP, &m);
	if (err)
		goto destroy;
	for (i = 0; i < sizeof(out); i++)
		out[i] = i ^ model ^ 0x5a;
	dma = (struct dtest_sysmmu_dma){ .flags = DTEST_SYSMMU_DMA_WRITE, .handle = c.handle,
					 .iova = 0x101000 - 100, .len = sizeof(out),
					 .buf = (uintptr_t)out };
	err = xioctl(fd, DTEST_IOC_SYSMMU_DMA, &dma);
	if (!err && dma.result)
		err = dma.result;
	if (err)
		goto unmap;
	/* The last 100 bytes went into pool page 1, the rest into page 2. */
	memset(in, 0, sizeof(in));
	pg = (struct dtest_sysmmu_page){ .handle = c.handle, .page = 2, .len = sizeof(out) - 100,
					 .buf = (uintptr_t)(in + 100) };
	err = xioctl(fd, DTEST_IOC_SYSMMU_PAGE, &pg);
	pg = (struct dtest_sysmmu_page){ .handle = c.handle, .page = 1, .offset = 4096 - 100,
					 .len = 100, .buf = (uintptr_t)in };
	if (!err)
		err = xioctl(fd, DTEST_IOC_SYSMMU_PAGE, &pg);
	if (!err && memcmp(in, out, sizeof(in)))
		err = EBADMSG;
	if (err)
		goto unmap;
	memset(in, 0, sizeof(in));
	dma = (struct dtest_sysmmu_dma){ .handle = c.handle, .iova = 0x101000 - 100,
					 .len = sizeof(in), .buf = (uintptr_t)in };
	err = xioctl(fd, DTEST_IOC_SYSMMU_DMA, &dma);
	if (!err && dma.result)
		err = dma.result;
	if (!err && memcmp(in, out, sizeof(in)))
		err = EBADMSG;
unmap:
	if (destroy) {
		u = (struct dtest_sysmmu_unmap){ .handle = c.handle, .iova = 0x100000,
						 .size = 3 * 4096 };
		err2 = xioctl(fd, DTEST_IOC_SYSMMU_UNMAP, &u);
		if (!err2 && u.unmapped != 3 * 4096)
			err2 = EPROTO;
	}
destroy:
	if (!destroy)
		return err;	/* close() takes the context */
	d.handle = c.handle;
	err3 = xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &d);
	return err ? err : err2 ? err2 : err3;
}

static int scn_sysmmu(int fd)
{
	uint32_t model;
	int err = 0;

	for (model = 0; model < SCN_SYSMMU_MODELS && !err; model++)
		err = sysmmu_cycle(fd, model, 1);
	return err;
}

/* Left mapped for close() to tear down. */
static int scn_sysmmu_close(int fd)
{
	return sysmmu_cycle(fd, 0, 0);
}

/* One edu round trip; @flags DTEST_EDU_*. */
static int edu_cycle(int fd, uint32_t flags, uint32_t len)
{
	struct dtest_edu_dma d = { .flags = flags, .len = len, .seed = len * 31 + flags };
	int err = xioctl(fd, DTEST_IOC_EDU_DMA, &d);

	if (!err && d.verified != len)
		err = EBADMSG;
	return err;
}

static int scn_edu_page(int fd)
{
	return edu_cycle(fd, 0, 100);
}

static int scn_edu_coherent(int fd)
{
	return edu_cycle(fd, DTEST_EDU_COHERENT, 200);
}

static int scn_edu_sg(int fd)
{
	return edu_cycle(fd, DTEST_EDU_SG, 300);
}

/* edu attached to a 16 MiB window at 1 MiB for one round trip. */
static int mapper_cycle(int fd, uint32_t flags)
{
	struct dtest_edu_mapper m = { .op = DTEST_EDU_MAPPER_ATTACH, .base = 1 << 20,
				      .size = 16 << 20 };
	int err, err2;

	err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	if (err)
		return err;
	err = edu_cycle(fd, flags, 400);
	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_DETACH;
	/*
	 * Detaching puts edu back on its default domain, which the kernel's
	 * iommu_detach_device() must not fail (it WARNs); intel-iommu
	 * allocates there, so a failure injected into it is the kernel's,
	 * not ours: the sweep skips this one call.
	 */
	inject_pause();
	err2 = xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	inject_resume();
	if (!err2 && (m.mapped || m.maps != m.unmaps))
		err2 = EPROTO;
	return err ? err : err2;
}

static int scn_mapper_page(int fd)
{
	return mapper_cycle(fd, 0);
}

static int scn_mapper_coherent(int fd)
{
	return mapper_cycle(fd, DTEST_EDU_COHERENT);
}

static int scn_mapper_sg(int fd)
{
	return mapper_cycle(fd, DTEST_EDU_SG);
}

/* A file of its own: open (per-file state, cma owner), INFO, close. */
static int scn_open(int fd)
{
	struct dtest_info info;
	int f = open(dev_path, O_RDWR | O_CLOEXEC), err;

	(void)fd;
	if (f < 0)
		return errno;
	memset(&info, 0, sizeof(info));
	err = xioctl(f, DTEST_IOC_INFO, &info);
	close(f);
	return err;
}

const struct scenario scenarios[] = {
	{ "test_exporter", "open/info/close", scn_open, 0 },
	{ "test_exporter", "info and stats", scn_info, 0 },
	{ "cma_pool", "default pool alloc/rw/free", scn_cma_default, 0 },
	{ "cma_pool", "owner limit", scn_cma_owner, 0 },
	{ "cma_pool", "pool create/alloc/destroy", scn_cma_pool, 0 },
	{ "exynos_sysmmu", "create/map/dma/unmap/destroy", scn_sysmmu, SCN_SYSMMU },
	{ "exynos_sysmmu", "create/map/dma, close tears down", scn_sysmmu_close, SCN_SYSMMU },
	{ "test_exporter", "edu dma, mapped page", scn_edu_page, SCN_EDU },
	{ "test_exporter", "edu dma, coherent", scn_edu_coherent, SCN_EDU },
	{ "test_exporter", "edu dma, scatterlist", scn_edu_sg, SCN_EDU },
	{ "iommu_mapper", "edu attach/dma page/detach", scn_mapper_page, SCN_EDU },
	{ "iommu_mapper", "edu attach/dma coherent/detach", scn_mapper_coherent, SCN_EDU },
	{ "iommu_mapper", "edu attach/dma sg/detach", scn_mapper_sg, SCN_EDU },
};

const unsigned int nr_scenarios = ARRAY_SIZE(scenarios);

int stats_read(int fd, struct dtest_stats *st)
{
	memset(st, 0, sizeof(*st));
	return xioctl(fd, DTEST_IOC_STATS, st);
}

int stats_diff(const struct dtest_stats *a, const struct dtest_stats *b, char *buf, size_t size)
{
	static const struct {
		const char *name;
		size_t off;
	} f[] = {
#define F(x) { #x, offsetof(struct dtest_stats, x) }
		F(files), F(cma_bufs), F(cma_pages), F(cma_pools), F(cma_pool_used),
		F(sysmmu_ctxs), F(sysmmu_pages), F(mapper_attached), F(mapper_mapped),
#undef F
	};
	size_t len = 0;
	unsigned int i;
	int n = 0;

	buf[0] = 0;
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		uint64_t x = *(const uint64_t *)((const char *)a + f[i].off);
		uint64_t y = *(const uint64_t *)((const char *)b + f[i].off);

		if (x == y)
			continue;
		n++;
		if (len < size)
			len += snprintf(buf + len, size - len, " %s %llu->%llu", f[i].name,
					(unsigned long long)x, (unsigned long long)y);
	}
	return n;
}

int have_edu(void)
{
	char name[32];

	return edu_pci_name(name, sizeof(name)) == 0;
}

int have_sysmmu_models(void)
{
	return access("/sys/class/iommu/exynos-sysmmu-model.1", F_OK) == 0;
}

int scenario_runs_here(const struct scenario *s)
{
	if ((s->needs & SCN_EDU) && !have_edu())
		return 0;
	if ((s->needs & SCN_SYSMMU) && !have_sysmmu_models())
		return 0;
	return 1;
}
