// SPDX-License-Identifier: GPL-2.0
/*
 * suite_demo.c - "dmabuf-test demo", what make demo narrates: one buffer
 * through a real pipeline.
 *
 *   1 a buffer is exported late: no pages yet;
 *   2 a master behind the model SYSMMU and QEMU's edu behind the emulated
 *     IOMMU (through an iommu_mapper window) attach: still no pages;
 *   3 the SYSMMU master maps it (scattered pages appear) and writes a
 *     pattern through the model's page tables; edu reads it back;
 *   4 a device needing contiguous memory arrives: the buffer moves to a
 *     cma_pool range, and the bytes the SYSMMU master wrote are still
 *     there for it; edu writes new bytes, the SYSMMU master reads them;
 *   5 everything is detached and closed: every counter is back.
 *
 * Each step is a TAP line with its proof; the narration and the pool,
 * IOVA and buffer counters are "# " lines between them.  Needs
 * exynos_sysmmu loaded with model=1 (or more) and the edu device.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "dmabuf_util.h"

#define KiB	1024ULL
#define MiB	(1024 * KiB)
/* An order-8, an order-4 and nine single pages from dmabuf_core's allocator. */
#define DEMO_SIZE	(MiB + 100 * KiB)
/* edu's window: its DMA mask is 28 bits. */
#define EDU_BASE	MiB
#define EDU_WINDOW	(16 * MiB)
/*
 * edu moves bytes 2 KiB at a time, each through its own buffer in two
 * DMAs that QEMU delays by 100 ms each: it moves a range that crosses the
 * end of the first (1 MiB) chunk, not the whole buffer.
 */
#define EDU_OFF		(MiB - 3000)
#define EDU_LEN		6000

static const char * const backings[] = {
	[DTEST_DMABUF_BACKING_NONE] = "none (no pages yet)",
	[DTEST_DMABUF_BACKING_SYSTEM] = "scattered system pages",
	[DTEST_DMABUF_BACKING_CMA] = "one cma_pool range",
};

/* What make demo shows at each step. */
struct counters {
	struct dtest_dmabuf_stats buf;
	struct dtest_cma_info pool;
	struct dtest_dmabuf_sysmmu_stats smmu;
	struct dtest_mapper_stats edu;	/* all 0 when edu has no window */
};

static int read_counters(int fd, struct counters *c)
{
	int err;

	memset(c, 0, sizeof(*c));
	err = xioctl(fd, DTEST_IOC_DMABUF_STATS, &c->buf);
	if (!err)
		err = xioctl(fd, DTEST_IOC_CMA_INFO, &c->pool);
	if (!err)
		err = xioctl(fd, DTEST_IOC_DMABUF_SYSMMU_STATS, &c->smmu);
	if (!err && xioctl(fd, DTEST_IOC_MAPPER_STATS, &c->edu) == ENOENT)
		memset(&c->edu, 0, sizeof(c->edu));
	return err;
}

static void show_counters(int fd, struct counters *c)
{
	char bufs[96], pool[64], iova[96];

	if (read_counters(fd, c)) {
		diag("   counters: %s", strerror(errno));
		return;
	}
	snprintf(bufs, sizeof(bufs), "buffers %llu: %llu KiB charged, %llu KiB backed",
		 (unsigned long long)c->buf.buffers, (unsigned long long)(c->buf.bytes / KiB),
		 (unsigned long long)(c->buf.backed / KiB));
	snprintf(pool, sizeof(pool), "cma_pool: %llu of %llu KiB used",
		 (unsigned long long)(c->pool.used / KiB),
		 (unsigned long long)(c->pool.size / KiB));
	snprintf(iova, sizeof(iova), "IOVA mapped: SYSMMU %llu KiB (%u masters), edu %llu KiB",
		 (unsigned long long)(c->smmu.mapped / KiB), c->smmu.masters,
		 (unsigned long long)(c->edu.mapped / KiB));
	diag("   [%s | %s | %s]", bufs, pool, iova);
}

static void show_info(const struct dtest_dmabuf_info *in)
{
	char use[64];

	snprintf(use, sizeof(use), "%u attached, %u mapped, %llu migrations",
		 in->attachments, in->mapped, (unsigned long long)in->migrations);
	diag("   buffer: %llu KiB, backing %s, %u chunks, %llu KiB backed, %s",
	     (unsigned long long)(in->size / KiB),
	     in->backing < ARRAY_SIZE(backings) ? backings[in->backing] : "?", in->chunks,
	     (unsigned long long)(in->backed / KiB), use);
}

/* Map @h for @dir and say where it landed. */
static int demo_map(int fd, uint32_t h, uint32_t dir, const char *who)
{
	struct dtest_dmabuf_map mp;
	int err = d_map(fd, h, dir, &mp);

	if (err)
		diag("   %s: map failed: %s", who, strerror(err));
	else
		diag("   %s: mapped, %u DMA segment(s), first at %#llx, %llu KiB long",
		     who, mp.nents, (unsigned long long)mp.dma_addr,
		     (unsigned long long)(mp.dma_len / KiB));
	return err;
}

/* What the demo added to the uapi refuses. */
static void check_args(int fd)
{
	struct dtest_dmabuf_sysmmu_stats st = { .flags = 1 };
	int bfd;

	expect_errno(xioctl(fd, DTEST_IOC_DMABUF_SYSMMU_STATS, &st), EINVAL,
		     "demo: DMABUF_SYSMMU_STATS with an unknown flag");
	memset(&st, 0, sizeof(st));
	st.mapped = 1;
	expect_errno(xioctl(fd, DTEST_IOC_DMABUF_SYSMMU_STATS, &st), EINVAL,
		     "demo: DMABUF_SYSMMU_STATS with an output field not 0");
	bfd = d_alloc(fd, 4096, DTEST_DMABUF_POLICY_AUTO, 0);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_DYN + 1), EINVAL,
		     "demo: ATTACH of the device number after DTEST_DMABUF_DEV_DYN");
	if (bfd >= 0)
		close(bfd);
}

int suite_demo(void)
{
	struct dtest_edu_mapper em = { .op = DTEST_EDU_MAPPER_ATTACH, .base = EDU_BASE,
				       .size = EDU_WINDOW };
	uint32_t smmu = 0, edu = 0, contig = 0;
	const uint32_t seed1 = 0x5eed, seed2 = 0xcafe;
	struct counters start, c;
	struct dtest_dmabuf_info in;
	uint64_t verified;
	int fd = open_dev(), bfd, err;

	diag("Counters before anything happens:");
	err = read_counters(fd, &start);
	tap(!err,
	    "demo: dmabuf_core, cma_pool and iommu_mapper counters read: %llu buffers, cma_pool %llu KiB used",
	    (unsigned long long)start.buf.buffers, (unsigned long long)(start.pool.used / KiB));
	show_counters(fd, &c);

	puts("#");
	diag("1. A producer exports a %llu KiB buffer with the AUTO policy: dmabuf_core",
	     (unsigned long long)(DEMO_SIZE / KiB));
	diag("   allocates nothing until a device maps it, because only then does it know");
	diag("   who needs what.");
	bfd = d_alloc(fd, DEMO_SIZE, DTEST_DMABUF_POLICY_AUTO, 0);
	tap(bfd >= 0 && !d_info(fd, bfd, &in) && in.backing == DTEST_DMABUF_BACKING_NONE &&
	    in.backed == 0,
	    "demo: exported late as dma-buf fd %d: backing none, 0 bytes backed", bfd);
	if (bfd < 0)
		goto out;
	show_info(&in);
	show_counters(fd, &c);

	puts("#");
	diag("2. Two importers attach.  A master behind the Exynos SYSMMU model (instance 0,");
	diag("   its DMA API through an iommu_mapper window in the SYSMMU's page tables), and");
	diag("   QEMU's edu PCI device behind the emulated IOMMU (intel-iommu, SMMUv3), in an");
	diag("   iommu_mapper window of %llu MiB at %#llx (edu has a 28-bit DMA mask).",
	     (unsigned long long)(EDU_WINDOW / MiB), (unsigned long long)EDU_BASE);
	smmu = d_attach(fd, bfd, DTEST_DMABUF_DEV_SYSMMU);
	err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &em);
	if (!err)
		edu = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	tap(smmu && edu && !d_info(fd, bfd, &in) && in.attachments == 2 &&
	    in.backing == DTEST_DMABUF_BACKING_NONE && in.backed == 0,
	    "demo: the SYSMMU master and edu attach: 2 attachments, still no pages allocated");
	if (!smmu || !edu)
		goto close_buf;
	show_info(&in);
	show_counters(fd, &c);

	puts("#");
	diag("3. The SYSMMU master maps the buffer: now dmabuf_core allocates.  Neither");
	diag("   importer needs contiguous memory (both are behind an IOMMU), so it takes");
	diag("   scattered system pages; the mapper maps them as one IOVA range.");
	err = demo_map(fd, smmu, DTEST_DMABUF_BIDIRECTIONAL, "SYSMMU master");
	if (!err)
		err = d_info(fd, bfd, &in);
	tap(!err && in.backing == DTEST_DMABUF_BACKING_SYSTEM &&
	    in.backed == DEMO_SIZE && in.chunks > 1,
	    "demo: mapping for the SYSMMU master allocates the backing: %u scattered chunks, %llu KiB",
	    in.chunks, (unsigned long long)(in.backed / KiB));
	show_info(&in);
	show_counters(fd, &c);
	tap(c.smmu.mapped >= DEMO_SIZE,
	    "demo: the SYSMMU master's iommu_mapper window maps %llu KiB of IOVA",
	    (unsigned long long)(c.smmu.mapped / KiB));

	diag("   The SYSMMU master writes a pattern (seed %#x) over the whole buffer; every",
	     seed1);
	diag("   4 KiB goes through the model's TLB and page-table walker.");
	err = d_dma(fd, smmu, DTEST_DMABUF_DMA_WRITE, 0, DEMO_SIZE, seed1, &verified);
	tap(!err && verified == DEMO_SIZE,
	    "demo: the SYSMMU master wrote %llu bytes through the model SYSMMU",
	    (unsigned long long)verified);

	diag("   edu maps the same pages through its own IOMMU and reads back %u bytes", EDU_LEN);
	diag("   at offset %#llx, across the end of the first chunk.",
	     (unsigned long long)EDU_OFF);
	err = demo_map(fd, edu, DTEST_DMABUF_TO_DEVICE, "edu");
	diag("   (edu is a PCI device without dma_set_max_seg_size(): segments of 64 KiB)");
	if (!err)
		err = d_dma(fd, edu, 0, EDU_OFF, EDU_LEN, seed1, &verified);
	tap(!err && verified == EDU_LEN,
	    "demo: edu read back %llu bytes the SYSMMU master wrote, each compared: equal",
	    (unsigned long long)verified);
	show_counters(fd, &c);
	tap(c.edu.mapped >= DEMO_SIZE,
	    "demo: edu's iommu_mapper window maps %llu KiB of IOVA",
	    (unsigned long long)(c.edu.mapped / KiB));

	puts("#");
	diag("4. Both unmap (their DMA is done).  dmabuf_core keeps each device's mapping as");
	diag("   a cache for the next map, so the IOVA stays mapped.");
	err = d_unmap(fd, smmu);
	if (!err)
		err = d_unmap(fd, edu);
	if (!err)
		err = d_info(fd, bfd, &in);
	read_counters(fd, &c);
	tap(!err && in.mapped == 0 && c.smmu.mapped >= DEMO_SIZE && c.edu.mapped >= DEMO_SIZE,
	    "demo: both unmap: 0 active mappings, %llu + %llu KiB of IOVA kept as cached mappings",
	    (unsigned long long)(c.smmu.mapped / KiB), (unsigned long long)(c.edu.mapped / KiB));
	diag("   A device that needs physically contiguous memory (dma-direct, one segment,");
	diag("   32-bit mask) arrives.  Scattered pages cannot serve it and nobody has the");
	diag("   buffer mapped: dmabuf_core moves it into a cma_pool range, copying the bytes,");
	diag("   and drops the cached mappings of the old pages.  (A reusable pool hands out");
	diag("   whole pageblocks: 2 MiB on x86-64.)");
	contig = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	err = d_info(fd, bfd, &in);
	read_counters(fd, &c);
	tap(contig && !err && in.backing == DTEST_DMABUF_BACKING_CMA && in.chunks == 1 &&
	    in.migrations == 1 && c.pool.used >= start.pool.used + DEMO_SIZE,
	    "demo: the contiguous device attaches; the buffer migrated to one cma_pool range (cma_pool used %llu -> %llu KiB)",
	    (unsigned long long)(start.pool.used / KiB), (unsigned long long)(c.pool.used / KiB));
	tap(c.smmu.mapped == 0 && c.edu.mapped == 0,
	    "demo: the cached mappings of the old pages are gone: IOVA mapped 0 in both windows");
	show_info(&in);
	show_counters(fd, &c);

	diag("   The contiguous device maps it (its DMA address is the physical one) and");
	diag("   reads what the SYSMMU master wrote before the move.");
	err = demo_map(fd, contig, DTEST_DMABUF_TO_DEVICE, "contiguous device");
	if (!err)
		err = d_dma(fd, contig, 0, 0, DEMO_SIZE, seed1, &verified);
	tap(!err && verified == DEMO_SIZE,
	    "demo: the contiguous device read all %llu bytes intact after the migration",
	    (unsigned long long)verified);

	diag("   Now the other way round, on the new backing: edu writes %u bytes of a new",
	     EDU_LEN);
	diag("   pattern (seed %#x) at offset %#llx, and the SYSMMU master reads them", seed2,
	     (unsigned long long)EDU_OFF);
	diag("   through its page tables, which now point into the cma_pool range.");
	err = demo_map(fd, edu, DTEST_DMABUF_BIDIRECTIONAL, "edu");
	if (!err)
		err = d_dma(fd, edu, DTEST_DMABUF_DMA_WRITE, EDU_OFF, EDU_LEN, seed2, &verified);
	tap(!err && verified == EDU_LEN,
	    "demo: edu wrote %llu bytes into the cma_pool range through its IOMMU",
	    (unsigned long long)verified);
	err = demo_map(fd, smmu, DTEST_DMABUF_TO_DEVICE, "SYSMMU master");
	if (!err)
		err = d_dma(fd, smmu, 0, EDU_OFF, EDU_LEN, seed2, &verified);
	tap(!err && verified == EDU_LEN,
	    "demo: the SYSMMU master read the %llu bytes edu wrote, each compared: equal",
	    (unsigned long long)verified);
	err = d_dma(fd, smmu, 0, 0, EDU_OFF, seed1, &verified);
	tap(!err && verified == EDU_OFF,
	    "demo: and the %llu bytes before them still hold the first pattern",
	    (unsigned long long)verified);
	d_info(fd, bfd, &in);
	show_info(&in);
	show_counters(fd, &c);

close_buf:
	puts("#");
	diag("5. The importers detach (unmapping first), edu leaves its window, the fd is");
	diag("   closed: the buffer is freed and every counter is back where it started.");
	if (contig)
		d_detach(fd, contig);
	if (edu)
		d_detach(fd, edu);
	if (smmu)
		d_detach(fd, smmu);
	memset(&em, 0, sizeof(em));
	em.op = DTEST_EDU_MAPPER_DETACH;
	xioctl(fd, DTEST_IOC_EDU_MAPPER, &em);
	close(bfd);
out:
	err = read_counters(fd, &c);
	tap(!err && c.buf.buffers == start.buf.buffers && c.buf.bytes == start.buf.bytes &&
	    c.buf.backed == start.buf.backed && c.pool.used == start.pool.used &&
	    c.smmu.masters == 0 && c.smmu.mapped == 0 && c.edu.mapped == 0,
	    "demo: all freed: %llu buffers, %llu KiB backed, cma_pool %llu KiB used, no SYSMMU master, no IOVA mapped",
	    (unsigned long long)c.buf.buffers, (unsigned long long)(c.buf.backed / KiB),
	    (unsigned long long)(c.pool.used / KiB));
	show_counters(fd, &c);
	check_args(fd);
	close(fd);
	return tap_done();
}
