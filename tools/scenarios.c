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
#include <sched.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/dma-buf.h>
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
/*
 * DETACH gives EBUSY while a dma-buf is mapped for edu, by this process
 * or another (stress runs them side by side): those mappings end with
 * their scenarios, and this one must undo its attach, so it asks again
 * until they have (bounded, in case one never does).
 */
static int detach_when_unmapped(int fd, struct dtest_edu_mapper *m)
{
	unsigned long tries = 0;
	int err;

	while ((err = xioctl(fd, DTEST_IOC_EDU_MAPPER, m)) == EBUSY && ++tries < 10000000)
		sched_yield();
	return err;
}

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
	err2 = detach_when_unmapped(fd, &m);
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

/*
 * dmabuf_core through test_exporter.  Buffers are small (fail_nth runs a
 * scenario once per fault point it reaches); each device moves
 * SCN_DB_LEN bytes at SCN_DB_OFF, across a page boundary.
 */
#define SCN_DB_SIZE	(128u << 10)
#define SCN_DB_OFF	512u
#define SCN_DB_LEN	4096u

static int db_alloc(int fd, uint32_t policy, uint64_t size, int *bfd)
{
	struct dtest_dmabuf_alloc a = { .flags = DTEST_DMABUF_ALLOC_CLOEXEC, .policy = policy,
					.size = size };
	int err = xioctl(fd, DTEST_IOC_DMABUF_ALLOC, &a);

	*bfd = err ? -1 : (int)a.fd;
	return err;
}

static int db_attach(int fd, int bfd, uint32_t device, uint32_t *handle)
{
	struct dtest_dmabuf_attach at = { .fd = bfd, .device = device };
	int err = xioctl(fd, DTEST_IOC_DMABUF_ATTACH, &at);

	*handle = err ? 0 : at.handle;
	return err;
}

static int db_map(int fd, uint32_t handle, uint32_t dir)
{
	struct dtest_dmabuf_map m = { .handle = handle, .dir = dir };
	int err = xioctl(fd, DTEST_IOC_DMABUF_MAP, &m);

	if (!err && (!m.nents || m.dma_len == 0))
		err = EPROTO;
	return err;
}

static int db_unmap(int fd, uint32_t handle)
{
	struct dtest_dmabuf_map m = { .flags = DTEST_DMABUF_MAP_UNMAP, .handle = handle };

	return xioctl(fd, DTEST_IOC_DMABUF_MAP, &m);
}

/* The device writes (@write) or reads and the kernel checks the pattern. */
static int db_dma(int fd, uint32_t handle, int write, uint32_t seed)
{
	struct dtest_dmabuf_dma d = { .flags = write ? DTEST_DMABUF_DMA_WRITE : 0,
				      .handle = handle, .offset = SCN_DB_OFF,
				      .len = SCN_DB_LEN, .seed = seed };
	int err = xioctl(fd, DTEST_IOC_DMABUF_DMA, &d);

	if (!err && d.verified != SCN_DB_LEN)
		err = EBADMSG;
	return err;
}

static int db_detach(int fd, uint32_t handle)
{
	struct dtest_dmabuf_detach d = { .handle = handle };

	return xioctl(fd, DTEST_IOC_DMABUF_DETACH, &d);
}

/*
 * The kernel's dma_buf_vmap() WARNs when an exporter's vmap fails (any
 * exporter's, for any reason), so a failure injected under it is a
 * splat by design of the core, not a bug of ours: the sweep holds its
 * count across this one ioctl.
 */
static int db_vmap(int bfd, int fd, int write, uint32_t seed)
{
	struct dtest_dmabuf_vmap v = { .flags = write ? DTEST_DMABUF_VMAP_WRITE : 0, .fd = bfd,
				       .offset = SCN_DB_OFF, .len = SCN_DB_LEN, .seed = seed };
	int err;

	inject_pause();
	err = xioctl(fd, DTEST_IOC_DMABUF_VMAP, &v);
	inject_resume();

	if (!err && v.verified != SCN_DB_LEN)
		err = EBADMSG;
	return err;
}

static int db_sync(int bfd, uint64_t flags)
{
	struct dma_buf_sync s = { .flags = flags };

	return xioctl(bfd, DMA_BUF_IOCTL_SYNC, &s);
}

/*
 * The CPU writes (@write) or checks the pattern through an mmap between
 * SYNC START and END.  The page faults on the mapping are not swept (a
 * failed user fault is a SIGBUS or the OOM killer, not an errno): the
 * mmap() and the syncs are.
 */
static int db_cpu(int bfd, uint64_t size, int write, uint32_t seed)
{
	uint64_t dir = write ? DMA_BUF_SYNC_WRITE : DMA_BUF_SYNC_READ;
	unsigned char *p;
	uint32_t i;
	int err, err2;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bfd, 0);
	if (p == MAP_FAILED)
		return errno;
	err = db_sync(bfd, DMA_BUF_SYNC_START | dir);
	if (!err) {
		inject_pause();
		for (i = 0; i < SCN_DB_LEN; i++) {
			unsigned char want = DTEST_DMABUF_PATTERN(seed, SCN_DB_OFF + i);

			if (write)
				p[SCN_DB_OFF + i] = want;
			else if (p[SCN_DB_OFF + i] != want)
				err = EBADMSG;
		}
		inject_resume();
		err2 = db_sync(bfd, DMA_BUF_SYNC_END | dir);
		if (!err)
			err = err2;
	}
	munmap(p, size);
	return err;
}

/*
 * One buffer of @policy for @device: the CPU writes through mmap, the
 * device reads and the kernel checks; the device writes, the CPU checks
 * through mmap and the kernel through vmap; detach, close.
 */
static int dmabuf_cycle(int fd, uint32_t policy, uint32_t device)
{
	uint32_t h = 0, seed = policy * 16 + device;
	int bfd, err, err2;

	err = db_alloc(fd, policy, SCN_DB_SIZE, &bfd);
	if (err)
		return err;
	err = db_attach(fd, bfd, device, &h);
	if (err)
		goto close;
	/* AUTO allocates here, at the first map, for what is attached. */
	err = db_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL);
	if (!err)
		err = db_cpu(bfd, SCN_DB_SIZE, 1, seed);
	if (!err)
		err = db_dma(fd, h, 0, seed);
	if (!err)
		err = db_dma(fd, h, 1, seed + 1);
	if (!err)
		err = db_unmap(fd, h);
	if (!err)
		err = db_cpu(bfd, SCN_DB_SIZE, 0, seed + 1);
	if (!err)
		err = db_vmap(bfd, fd, 0, seed + 1);
	err2 = db_detach(fd, h);
	if (!err)
		err = err2;
close:
	close(bfd);
	return err;
}

static int db_each_policy(int fd, uint32_t device)
{
	static const uint32_t policies[] = {
		DTEST_DMABUF_POLICY_AUTO, DTEST_DMABUF_POLICY_SYSTEM, DTEST_DMABUF_POLICY_CONTIG,
	};
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(policies) && !err; i++) {
		/* Scattered system pages are not for a one-segment device (EBUSY). */
		if (device == DTEST_DMABUF_DEV_CONTIG && policies[i] == DTEST_DMABUF_POLICY_SYSTEM)
			continue;
		err = dmabuf_cycle(fd, policies[i], device);
	}
	return err;
}

static int scn_dmabuf_contig(int fd)
{
	return db_each_policy(fd, DTEST_DMABUF_DEV_CONTIG);
}

static int scn_dmabuf_sg(int fd)
{
	return db_each_policy(fd, DTEST_DMABUF_DEV_SG);
}

/*
 * edu round trips take real device time and the sweep runs the scenario
 * once per fault point: one policy (AUTO) is enough behind the IOMMU.
 */
static int scn_dmabuf_edu(int fd)
{
	return dmabuf_cycle(fd, DTEST_DMABUF_POLICY_AUTO, DTEST_DMABUF_DEV_EDU);
}

static int scn_dmabuf_sysmmu(int fd)
{
	return db_each_policy(fd, DTEST_DMABUF_DEV_SYSMMU);
}

/*
 * AUTO, first mapped for the scatter-gather device, which writes; then
 * the contiguous device attaches (the backing moves to one cma_pool
 * range if it came in pieces) and reads it back, and so does the first
 * device.
 */
static int scn_dmabuf_migrate(int fd)
{
	uint32_t sg = 0, contig = 0;
	int bfd, err, err2;

	err = db_alloc(fd, DTEST_DMABUF_POLICY_AUTO, SCN_DB_SIZE, &bfd);
	if (err)
		return err;
	err = db_attach(fd, bfd, DTEST_DMABUF_DEV_SG, &sg);
	if (err)
		goto close;
	err = db_map(fd, sg, DTEST_DMABUF_FROM_DEVICE);
	if (!err)
		err = db_dma(fd, sg, 1, 0x316);
	if (!err)
		err = db_unmap(fd, sg);
	if (!err)
		err = db_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG, &contig);
	if (!err)
		err = db_map(fd, contig, DTEST_DMABUF_TO_DEVICE);
	if (!err)
		err = db_dma(fd, contig, 0, 0x316);
	if (!err)
		err = db_map(fd, sg, DTEST_DMABUF_TO_DEVICE);
	if (!err)
		err = db_dma(fd, sg, 0, 0x316);
	if (contig) {
		err2 = db_detach(fd, contig);
		if (!err)
			err = err2;
	}
	err2 = db_detach(fd, sg);
	if (!err)
		err = err2;
close:
	close(bfd);
	return err;
}

/*
 * A dynamic importer maps and writes; the contiguous device attaches: the
 * buffer moves if it came in pieces, move_notify drops the importer's
 * mapping, it maps again and reads its bytes back, and so does the
 * contiguous device.
 */
static int scn_dmabuf_dynamic(int fd)
{
	uint32_t dyn = 0, contig = 0;
	int bfd, err, err2;

	err = db_alloc(fd, DTEST_DMABUF_POLICY_AUTO, SCN_DB_SIZE, &bfd);
	if (err)
		return err;
	err = db_attach(fd, bfd, DTEST_DMABUF_DEV_DYN, &dyn);
	if (err)
		goto close;
	err = db_map(fd, dyn, DTEST_DMABUF_BIDIRECTIONAL);
	if (!err)
		err = db_dma(fd, dyn, 1, 0xd1);
	if (!err)
		err = db_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG, &contig);
	/* Told to map again if the buffer moved (ENOENT); still mapped if not. */
	if (!err) {
		err = db_unmap(fd, dyn);
		if (err == ENOENT)
			err = 0;
	}
	if (!err)
		err = db_map(fd, dyn, DTEST_DMABUF_BIDIRECTIONAL);
	if (!err)
		err = db_dma(fd, dyn, 0, 0xd1);
	if (!err)
		err = db_map(fd, contig, DTEST_DMABUF_TO_DEVICE);
	if (!err)
		err = db_dma(fd, contig, 0, 0xd1);
	if (contig) {
		err2 = db_detach(fd, contig);
		if (!err)
			err = err2;
	}
	err2 = db_detach(fd, dyn);
	if (!err)
		err = err2;
close:
	close(bfd);
	return err;
}

/* Attached and mapped, the buffer's fd closed: the file's close tears down. */
static int scn_dmabuf_close(int fd)
{
	uint32_t h;
	int bfd, err;

	err = db_alloc(fd, DTEST_DMABUF_POLICY_SYSTEM, SCN_DB_SIZE, &bfd);
	if (err)
		return err;
	err = db_attach(fd, bfd, DTEST_DMABUF_DEV_SG, &h);
	if (!err)
		err = db_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL);
	if (!err)
		err = db_dma(fd, h, 1, 0xc105e);
	close(bfd);
	return err;
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
	{ "dmabuf_core", "auto/contig, contig device: mmap/dma/vmap", scn_dmabuf_contig, SCN_SLOW },
	{ "dmabuf_core", "auto/system/contig, sg device: mmap/dma/vmap", scn_dmabuf_sg, SCN_SLOW },
	{ "dmabuf_core", "auto, edu: mmap/dma/vmap", scn_dmabuf_edu, SCN_EDU | SCN_SLOW },
	{ "dmabuf_core", "auto/system/contig, sysmmu master: mmap/dma/vmap", scn_dmabuf_sysmmu,
	  SCN_SYSMMU | SCN_SLOW },
	{ "dmabuf_core", "sg writes, contig attaches (migrates) and reads", scn_dmabuf_migrate,
	  SCN_SLOW },
	{ "dmabuf_core", "attached and mapped, close tears down", scn_dmabuf_close, SCN_SLOW },
	{ "dmabuf_core", "dynamic importer maps, contig attaches (move_notify), remaps",
	  scn_dmabuf_dynamic, SCN_SLOW },
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
		F(dmabuf_buffers), F(dmabuf_bytes), F(dmabuf_backed), F(dmabuf_attachments),
		F(dmabuf_mapped),
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
