// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_mask.c - parts of the "dmabuf" suite: backing restricted to the
 * DMA masks of direct-DMA devices, proven by the backing's physical
 * addresses (DMABUF_PHYS), and buffers backed from a named cma_pool pool.
 *
 *   mask   edu switched to direct DMA (its IOMMU group set to identity,
 *          then rebound): a buffer backed above 256 MiB without edu
 *          moves below edu's 28-bit mask when edu attaches (EBUSY while
 *          it is mapped or mmapped), and edu's DMA reads and writes the
 *          bytes there; a buffer edu maps first is backed below 256 MiB;
 *          the 32-bit contiguous device's backing lies below 4 GiB
 *   dma32  with RAM above 4 GiB: system backing without a mask lands
 *          there, DMA32 backing never does and the device's DMA moves
 *          its bytes; a buffer above 4 GiB moves below when the 32-bit
 *          contiguous device attaches, its bytes intact for that device
 *   pools  DMABUF_ALLOC with a pool_id takes contiguous backing from that
 *          pool: its used counter rises by the size, the default pool's
 *          does not; the pool cannot be destroyed under the buffer
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

#include "harness.h"
#include "dmabuf_util.h"

#define MiB		(1024ull * 1024)
#define EDU_LIMIT	(256 * MiB)	/* edu's 28-bit DMA mask */
#define FOUR_GIB		(4096 * MiB)
#define EDU_DRIVER	"/sys/bus/pci/drivers/dmabuf-test-edu/"
#define FILLERS		64	/* 4 MiB buffers: 256 MiB, all below edu's mask */

static int d_phys(int fd, int bfd, struct dtest_dmabuf_phys *p)
{
	memset(p, 0, sizeof(*p));
	p->fd = bfd;
	return xioctl(fd, DTEST_IOC_DMABUF_PHYS, p);
}

/* Lowest start and highest end of System RAM, from /proc/iomem. */
static int ram_span(unsigned long long *lo, unsigned long long *hi)
{
	FILE *f = fopen("/proc/iomem", "r");
	unsigned long long a, b;
	char line[256], what[128];
	int n = 0;

	*lo = ~0ull;
	*hi = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == ' ' ||
		    sscanf(line, "%llx-%llx : %127[^\n]", &a, &b, what) != 3 ||
		    strcmp(what, "System RAM"))
			continue;
		if (a < *lo)
			*lo = a;
		if (b > *hi)
			*hi = b;
		n++;
	}
	if (f)
		fclose(f);
	return n;
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int ok = f && fgets(buf, size, f);

	if (f)
		fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = 0;
	return ok;
}

/*
 * Rebind edu with its IOMMU group's default domain set to @type (the
 * group's type can change only while no driver is bound); the type it
 * had goes to @old.  0 or the errno.
 */
static int edu_domain(const char *bdf, const char *type, char *old, size_t size)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group/type", bdf);
	if (old && !read_line(path, old, size))
		return errno ? errno : EIO;
	err = sysfs_write(EDU_DRIVER "unbind", bdf);
	if (err)
		return err;
	err = sysfs_write(path, type);
	/* Bound again whatever happened. */
	if (sysfs_write(EDU_DRIVER "bind", bdf) && !err)
		err = ENODEV;
	return err;
}

/* A buffer mmapped, written with @seed's pattern by the CPU and unmapped. */
static int cpu_write(int bfd, uint64_t size, uint32_t seed)
{
	struct dma_buf_sync s = { .flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE };
	uint8_t *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bfd, 0);
	uint64_t i;

	if (p == MAP_FAILED)
		return 0;
	xioctl(bfd, DMA_BUF_IOCTL_SYNC, &s);
	for (i = 0; i < size; i++)
		p[i] = DTEST_DMABUF_PATTERN(seed, i);
	s.flags = DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE;
	xioctl(bfd, DMA_BUF_IOCTL_SYNC, &s);
	munmap(p, size);
	return 1;
}

static int same_phys(const struct dtest_dmabuf_phys *a, const struct dtest_dmabuf_phys *b)
{
	return a->min_phys == b->min_phys && a->max_phys == b->max_phys &&
	       a->chunks == b->chunks && a->backing == b->backing;
}

/* edu direct: a buffer above its mask moves below it when edu attaches. */
static void mask_migrate(int fd)
{
	const uint64_t size = 4 * MiB;
	struct dtest_dmabuf_phys ph0, ph1;
	struct dtest_dmabuf_info in;
	uint32_t edu, sg;
	int fillers[FILLERS], bfd = -1, ok;
	uint64_t verified = 0;
	unsigned int i, n;
	void *p;

	/*
	 * Backed with no device, the buffer's pages come from anywhere; the
	 * page allocator may hand out low ones first, so buffers are backed
	 * (a one-byte vmap) until one has pages above 256 MiB, the rest
	 * filling low memory meanwhile.
	 */
	for (n = 0; n < FILLERS; n++) {
		bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
		if (bfd < 0 || d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 0, 1, 1, NULL) ||
		    d_phys(fd, bfd, &ph0) || ph0.max_phys >= EDU_LIMIT)
			break;
		fillers[n] = bfd;
	}
	for (i = 0; i < n; i++)
		close(fillers[i]);
	tap(bfd >= 0 && cpu_write(bfd, size, 0x3a5) && !d_phys(fd, bfd, &ph0) &&
	    ph0.backing == DTEST_DMABUF_BACKING_SYSTEM,
	    "dmabuf_core: a 4 MiB buffer backed with no device attached, written through mmap");
	tap(ph0.max_phys >= EDU_LIMIT,
	    "dmabuf_core: without a mask it has pages above 256 MiB (%#llx-%#llx, %u pieces; %u buffers below first)",
	    (unsigned long long)ph0.min_phys, (unsigned long long)ph0.max_phys, ph0.chunks, n);

	/* Busy: a static mapping of another device, then an mmap. */
	sg = d_attach(fd, bfd, DTEST_DMABUF_DEV_SG);
	d_map(fd, sg, DTEST_DMABUF_BIDIRECTIONAL, NULL);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_EDU), EBUSY,
		     "dmabuf_core: direct edu attaching while another device's mapping is active");
	tap(!d_phys(fd, bfd, &ph1) && same_phys(&ph0, &ph1),
	    "dmabuf_core: the backing did not move");
	d_detach(fd, sg);
	p = mmap(NULL, size, PROT_READ, MAP_SHARED, bfd, 0);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_EDU), EBUSY,
		     "dmabuf_core: direct edu attaching while the buffer is mmapped");
	tap(!d_phys(fd, bfd, &ph1) && same_phys(&ph0, &ph1),
	    "dmabuf_core: the backing did not move");
	if (p != MAP_FAILED)
		munmap(p, size);

	/* Nothing in use: it moves below 256 MiB with its bytes. */
	edu = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	ok = edu && !d_info(fd, bfd, &in) && in.migrations == 1 && !d_phys(fd, bfd, &ph1);
	tap(ok && ph1.max_phys < EDU_LIMIT,
	    "dmabuf_core: direct edu attaches: the buffer moved below 256 MiB (%#llx-%#llx, %u pieces)",
	    (unsigned long long)ph1.min_phys, (unsigned long long)ph1.max_phys, ph1.chunks);
	expect_errno(d_map(fd, edu, DTEST_DMABUF_BIDIRECTIONAL, NULL), 0,
		     "dmabuf_core: edu maps it");
	tap(!d_dma(fd, edu, 0, 2 * MiB - 3000, 6000, 0x3a5, &verified) && verified == 6000,
	    "dmabuf_core: edu reads 6000 bytes the CPU wrote before the move, across 2 MiB");
	tap(!d_dma(fd, edu, DTEST_DMABUF_DMA_WRITE, size - 5000, 5000, 0x3a6, &verified) &&
	    verified == 5000 && !d_vmap(fd, bfd, 0, size - 5000, 5000, 0x3a6, &verified) &&
	    verified == 5000,
	    "dmabuf_core: edu writes the buffer's last 5000 bytes, the CPU reads them");
	tap(!d_vmap(fd, bfd, 0, 0, size - 5000, 0x3a5, &verified) && verified == size - 5000,
	    "dmabuf_core: the rest of what the CPU wrote is intact");
	d_detach(fd, edu);
	close(bfd);
}

/* edu direct first: late allocation below its mask. */
static void mask_late(int fd)
{
	const uint64_t size = 1 * MiB;
	struct dtest_dmabuf_phys ph;
	uint64_t verified = 0;
	uint32_t edu;
	int bfd, ok;

	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	edu = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	ok = edu && !d_map(fd, edu, DTEST_DMABUF_BIDIRECTIONAL, NULL) && !d_phys(fd, bfd, &ph);
	tap(ok && ph.chunks && ph.max_phys < EDU_LIMIT,
	    "dmabuf_core: a buffer mapped first by direct edu is backed below 256 MiB (%#llx-%#llx)",
	    (unsigned long long)ph.min_phys, (unsigned long long)ph.max_phys);
	tap(!d_dma(fd, edu, DTEST_DMABUF_DMA_WRITE, 4000, 7000, 0x3b1, &verified) &&
	    verified == 7000 && !d_vmap(fd, bfd, 0, 4000, 7000, 0x3b1, &verified) &&
	    verified == 7000,
	    "dmabuf_core: edu writes 7000 bytes there, the CPU reads them");
	d_detach(fd, edu);
	close(bfd);
}

/*
 * Back a 4 MiB buffer of policy AUTO (@flags: DMABUF_ALLOC flags) with no
 * device attached, so with system pages, through a one-byte vmap, and
 * read where it lies; the fd, or -1.
 */
static int backed_buf(int fd, uint32_t flags, struct dtest_dmabuf_phys *ph)
{
	int bfd = d_alloc(fd, 4 * MiB, DTEST_DMABUF_POLICY_AUTO, flags);

	if (bfd < 0)
		return -1;
	if (d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 0, 1, 1, NULL) || d_phys(fd, bfd, ph) ||
	    !ph->chunks) {
		close(bfd);
		return -1;
	}
	return bfd;
}

#define DMA32_BUFS	16	/* 64 MiB of DMA32 buffers */

/*
 * RAM above 4 GiB: system backing without a mask lands there (the page
 * allocator serves the highest zone first), in the same conditions
 * backing restricted to 32 bits never does, and a device's DMA moves
 * the bytes of a DMA32 buffer; a buffer backed above 4 GiB moves below
 * when the 32-bit contiguous device attaches, its bytes read by that
 * device's DMA.
 */
static void mask_dma32(int fd, unsigned long long ram_hi)
{
	const uint64_t size = 4 * MiB;
	struct dtest_dmabuf_phys ph, hi_ph = { 0 };
	unsigned long long top = 0;
	int bfds[DMA32_BUFS], hi = -1, again, bad = 0, ok;
	struct dtest_dmabuf_info in;
	uint64_t verified = 0;
	unsigned int i, n = 0;
	uint32_t h;

	if (ram_hi < FOUR_GIB) {
		tap(1, "dmabuf_core: DMA32 backing against RAM above 4 GiB # SKIP %s (up to %#llx)",
		    "the guest has no RAM above 4 GiB", ram_hi);
		return;
	}
	/* Without a mask: the first buffers already come from above 4 GiB. */
	for (i = 0; i < DMA32_BUFS && hi < 0; i++) {
		int bfd = backed_buf(fd, 0, &ph);

		if (bfd < 0)
			break;
		if (ph.max_phys >= FOUR_GIB) {
			hi = bfd;
			hi_ph = ph;
		} else {
			close(bfd);
		}
	}
	tap(hi >= 0,
	    "dmabuf_core: without a mask, system backing lands above 4 GiB (%#llx-%#llx, %u pieces, buffer %u), RAM up to %#llx",
	    (unsigned long long)hi_ph.min_phys, (unsigned long long)hi_ph.max_phys, hi_ph.chunks,
	    i, ram_hi);

	/* DMA32, with that memory above 4 GiB still free: never above. */
	for (n = 0; n < DMA32_BUFS; n++) {
		bfds[n] = backed_buf(fd, DTEST_DMABUF_ALLOC_DMA32, &ph);
		if (bfds[n] < 0)
			break;
		if (ph.max_phys >= FOUR_GIB)
			bad++;
		if (ph.max_phys > top)
			top = ph.max_phys;
	}
	tap(n == DMA32_BUFS && !bad,
	    "dmabuf_core: %u DMA32 buffers of 4 MiB all lie below 4 GiB (highest byte %#llx; %d above)",
	    n, top, bad);
	/* Unrestricted again, after them: still above 4 GiB. */
	again = backed_buf(fd, 0, &ph);
	tap(again >= 0 && ph.max_phys >= FOUR_GIB,
	    "dmabuf_core: a buffer without a mask backed after them is above 4 GiB again (%#llx-%#llx)",
	    (unsigned long long)ph.min_phys, (unsigned long long)ph.max_phys);
	if (again >= 0)
		close(again);

	/* The scatter-gather device's DMA through a DMA32 buffer, both ways. */
	h = n ? d_attach(fd, bfds[0], DTEST_DMABUF_DEV_SG) : 0;
	tap(h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL) &&
	    !d_dma(fd, h, DTEST_DMABUF_DMA_WRITE, 1000, size - 2000, 0x4d1, &verified) &&
	    verified == size - 2000 &&
	    !d_vmap(fd, bfds[0], 0, 1000, size - 2000, 0x4d1, &verified) &&
	    verified == size - 2000,
	    "dmabuf_core: the device writes a DMA32 buffer by DMA, the CPU reads the bytes");
	tap(h && !d_unmap(fd, h) && cpu_write(bfds[0], size, 0x4d2) &&
	    !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL) &&
	    !d_dma(fd, h, 0, 0, size, 0x4d2, &verified) && verified == size,
	    "dmabuf_core: the CPU writes it, the device's DMA reads the bytes");
	if (h)
		d_detach(fd, h);
	while (n)
		close(bfds[--n]);

	/* Above 4 GiB, then the 32-bit contiguous device attaches: it moves. */
	if (hi < 0)
		return;
	tap(cpu_write(hi, size, 0x4d3), "dmabuf_core: the CPU writes the buffer above 4 GiB");
	h = d_attach(fd, hi, DTEST_DMABUF_DEV_CONTIG);
	ok = h && !d_info(fd, hi, &in) && in.migrations == 1 && !d_phys(fd, hi, &ph);
	tap(ok && ph.backing == DTEST_DMABUF_BACKING_CMA && ph.max_phys < FOUR_GIB,
	    "dmabuf_core: the 32-bit contiguous device attaches: the buffer moved below 4 GiB (%#llx-%#llx, from %#llx-%#llx)",
	    (unsigned long long)ph.min_phys, (unsigned long long)ph.max_phys,
	    (unsigned long long)hi_ph.min_phys, (unsigned long long)hi_ph.max_phys);
	tap(h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL) &&
	    !d_dma(fd, h, 0, 0, size, 0x4d3, &verified) && verified == size,
	    "dmabuf_core: its DMA reads the 4 MiB the CPU wrote above 4 GiB");
	if (h)
		d_detach(fd, h);
	close(hi);
}

/* The 32-bit contiguous device: below 4 GiB. */
static void mask_32(int fd, unsigned long long ram_hi)
{
	const uint64_t size = 2 * MiB;
	struct dtest_dmabuf_phys ph;
	uint32_t h;
	int bfd;

	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	if (!h || d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL) || d_phys(fd, bfd, &ph))
		tap(0, "dmabuf_core: the 32-bit contiguous device maps a 2 MiB buffer");
	else if (ram_hi < FOUR_GIB)
		tap(ph.max_phys < FOUR_GIB,
		    "dmabuf_core: the 32-bit device's backing lies below 4 GiB # SKIP the guest has no RAM above 4 GiB to avoid");
	else
		tap(ph.max_phys < FOUR_GIB,
		    "dmabuf_core: the 32-bit device's backing lies below 4 GiB (%#llx-%#llx), RAM up to %#llx",
		    (unsigned long long)ph.min_phys, (unsigned long long)ph.max_phys, ram_hi);
	d_detach(fd, h);
	close(bfd);
}

/**
 * dmabuf_test_mask() - backing restricted to DMA masks, by physical address
 * @fd: the open device
 */
void dmabuf_test_mask(int fd)
{
	unsigned long long lo, hi;
	char bdf[32], old[32] = "";
	int bfd, err;
	struct dtest_dmabuf_phys ph;

	bfd = d_alloc(fd, 64 * 1024, DTEST_DMABUF_POLICY_AUTO, 0);
	tap(!d_phys(fd, bfd, &ph) && !ph.chunks && !ph.min_phys && !ph.max_phys,
	    "dmabuf_core: PHYS of a buffer not yet backed: no pieces, addresses 0");
	close(bfd);

	ram_span(&lo, &hi);
	mask_32(fd, hi);
	mask_dma32(fd, hi);
	if (edu_pci_name(bdf, sizeof(bdf))) {
		tap(1, "dmabuf_core: DMA mask of direct edu # SKIP no edu device");
		return;
	}
	if (lo >= EDU_LIMIT - 16 * MiB) {
		tap(1, "dmabuf_core: direct edu mask # SKIP no RAM below 256 MiB (%#llx)", lo);
		return;
	}
	err = edu_domain(bdf, "identity", old, sizeof(old));
	if (!expect_errno(err, 0, "test_exporter: edu rebound on an identity domain (was %s)",
			  old[0] ? old : "none")) {
		if (old[0])
			edu_domain(bdf, old, NULL, 0);
		return;
	}
	mask_migrate(fd);
	mask_late(fd);
	expect_errno(edu_domain(bdf, old, NULL, 0), 0,
		     "test_exporter: edu rebound with its IOMMU group %s again", old);
}

static int cma_info(int fd, uint32_t id, struct dtest_cma_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->pool_id = id;
	return xioctl(fd, DTEST_IOC_CMA_INFO, ci);
}

static int alloc_pool(int fd, uint64_t size, uint32_t policy, uint32_t pool_id)
{
	struct dtest_dmabuf_alloc a = { .policy = policy, .size = size, .pool_id = pool_id };
	int err = xioctl(fd, DTEST_IOC_DMABUF_ALLOC, &a);

	return err ? -err : (int)a.fd;
}

/**
 * dmabuf_test_pools() - DMABUF_ALLOC naming a cma_pool pool
 * @fd: the open device
 */
void dmabuf_test_pools(int fd)
{
	struct dtest_cma_pool cp = { .size = 8 * MiB };
	struct dtest_cma_info p0, p1, d0, d1;
	struct dtest_cma_id id = { 0 };
	struct dtest_dmabuf_phys ph;
	uint64_t verified = 0;
	uint32_t h;
	int bfd, ok;

	if (!expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &cp), 0,
			  "dmabuf_core: an 8 MiB cma_pool pool for named backing"))
		return;
	id.id = cp.pool_id;
	expect_errno(-alloc_pool(fd, 4096, DTEST_DMABUF_POLICY_AUTO, 0x7fffffff), ENOENT,
		     "dmabuf_core: ALLOC naming pool_id 0x7fffffff");
	expect_errno(-alloc_pool(fd, 4096, DTEST_DMABUF_POLICY_SYSTEM, cp.pool_id), EINVAL,
		     "dmabuf_core: ALLOC naming a pool with the SYSTEM policy");

	cma_info(fd, cp.pool_id, &p0);
	cma_info(fd, 0, &d0);
	bfd = alloc_pool(fd, 2 * MiB, DTEST_DMABUF_POLICY_CONTIG, cp.pool_id);
	h = bfd >= 0 ? d_attach(fd, bfd, DTEST_DMABUF_DEV_SG) : 0;
	tap(h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL),
	    "dmabuf_core: a CONTIG buffer naming the pool maps for the scatter-gather device");
	cma_info(fd, cp.pool_id, &p1);
	cma_info(fd, 0, &d1);
	/* The pool counts whole units of its own (pageblocks: 2 or 4 MiB). */
	tap(p1.used >= p0.used + 2 * MiB && p1.used <= p0.used + 4 * MiB && d1.used == d0.used,
	    "dmabuf_core: the pool's used grew by 2 MiB or its unit (%llu -> %llu), the default pool's did not (%llu -> %llu)",
	    (unsigned long long)p0.used, (unsigned long long)p1.used,
	    (unsigned long long)d0.used, (unsigned long long)d1.used);
	ok = !d_phys(fd, bfd, &ph);
	tap(ok && ph.chunks == 1 && ph.min_phys >= p1.base && ph.max_phys < p1.base + p1.size,
	    "dmabuf_core: its one piece lies inside the pool (%#llx in %#llx+%#llx)",
	    (unsigned long long)ph.min_phys, (unsigned long long)p1.base,
	    (unsigned long long)p1.size);
	tap(!d_dma(fd, h, DTEST_DMABUF_DMA_WRITE, 0, 2 * MiB, 0x4a1, &verified) &&
	    !d_vmap(fd, bfd, 0, 0, 2 * MiB, 0x4a1, &verified) && verified == 2 * MiB,
	    "dmabuf_core: the device's 2 MiB read back through vmap");
	expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &id), EBUSY,
		     "dmabuf_core: CMA_POOL_DESTROY of the pool while the buffer holds it");
	d_detach(fd, h);
	close(bfd);
	cma_info(fd, cp.pool_id, &p1);
	tap(p1.used == p0.used, "dmabuf_core: the buffer closed, the pool's used is back (%llu)",
	    (unsigned long long)p1.used);

	/* AUTO: contiguous backing for the contiguous device, from the pool too. */
	bfd = alloc_pool(fd, 2 * MiB, DTEST_DMABUF_POLICY_AUTO, cp.pool_id);
	h = bfd >= 0 ? d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG) : 0;
	ok = h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL);
	cma_info(fd, cp.pool_id, &p1);
	cma_info(fd, 0, &d1);
	tap(ok && p1.used >= p0.used + 2 * MiB && p1.used <= p0.used + 4 * MiB &&
	    d1.used == d0.used,
	    "dmabuf_core: an AUTO buffer naming the pool takes the contiguous device's 2 MiB from it (used %llu -> %llu)",
	    (unsigned long long)p0.used, (unsigned long long)p1.used);
	/* A buffer not yet backed holds the pool too. */
	d_detach(fd, h);
	close(bfd);
	bfd = alloc_pool(fd, 1 * MiB, DTEST_DMABUF_POLICY_CONTIG, cp.pool_id);
	expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &id), EBUSY,
		     "dmabuf_core: CMA_POOL_DESTROY while an unbacked buffer names the pool");
	close(bfd);
	expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &id), 0,
		     "dmabuf_core: CMA_POOL_DESTROY once no buffer names it");
}

static int att_info(int fd, uint32_t h, struct dtest_dmabuf_att_info *ai)
{
	memset(ai, 0, sizeof(*ai));
	ai->handle = h;
	return xioctl(fd, DTEST_IOC_DMABUF_ATT_INFO, ai);
}

/**
 * dmabuf_test_dynamic() - a dynamic importer (move_notify) and migration
 * @fd: the open device
 */
void dmabuf_test_dynamic(int fd)
{
	const uint64_t size = 2 * MiB;
	struct dtest_dmabuf_att_info ai = { 0 };
	struct dtest_dmabuf_map m1, m2;
	struct dtest_dmabuf_phys ph0, ph1;
	struct dtest_dmabuf_info in;
	uint64_t verified = 0;
	struct dma_heap_allocation_data ha = { .len = 65536, .fd_flags = O_RDWR | O_CLOEXEC };
	uint32_t dyn, contig, sg;
	int bfd, ok, heap;

	ai.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_DMABUF_ATT_INFO, &ai), EINVAL,
		     "dmabuf_core: ATT_INFO with unknown flags");
	memset(&ai, 0, sizeof(ai));
	ai.moves = 1;
	expect_errno(xioctl(fd, DTEST_IOC_DMABUF_ATT_INFO, &ai), EINVAL,
		     "dmabuf_core: ATT_INFO with an output field set");
	expect_errno(att_info(fd, 12345, &ai), ENOENT, "dmabuf_core: ATT_INFO of handle 12345");
	heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	if (heap >= 0 && !xioctl(heap, DMA_HEAP_IOCTL_ALLOC, &ha)) {
		expect_errno(d_attach_err(fd, ha.fd, DTEST_DMABUF_DEV_DYN), EINVAL,
			     "dmabuf_core: the dynamic device attaching a system-heap buffer");
		close(ha.fd);
	}
	if (heap >= 0)
		close(heap);

	/* Only a dynamic importer mapped: the buffer moves, it is told. */
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	dyn = d_attach(fd, bfd, DTEST_DMABUF_DEV_DYN);
	ok = dyn && !d_map(fd, dyn, DTEST_DMABUF_BIDIRECTIONAL, &m1) &&
	     !att_info(fd, dyn, &ai) && ai.device == DTEST_DMABUF_DEV_DYN && ai.mapped;
	tap(ok, "dmabuf_core: a dynamic importer attaches, maps under the resv lock (%u segments)",
	    m1.nents);
	tap(!d_dma(fd, dyn, DTEST_DMABUF_DMA_WRITE, 0, size, 0x5d1, &verified) &&
	    verified == size, "dmabuf_core: the dynamic importer's device writes 2 MiB");
	d_phys(fd, bfd, &ph0);
	contig = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	ok = contig && !d_info(fd, bfd, &in) && !d_phys(fd, bfd, &ph1);
	tap(ok && in.migrations == 1 && ph1.backing == DTEST_DMABUF_BACKING_CMA &&
	    ph1.chunks == 1 && in.mapped == 1,
	    "dmabuf_core: the contiguous device attaches while only the dynamic importer maps: the buffer moves (%u pieces -> %u)",
	    ph0.chunks, ph1.chunks);
	ok = !att_info(fd, dyn, &ai);
	tap(ok && ai.moves == 1 && !ai.mapped,
	    "dmabuf_core: move_notify reached the dynamic importer once (%llu) and it dropped its mapping",
	    (unsigned long long)ai.moves);
	expect_errno(d_dma(fd, dyn, 0, 0, 16, 0x5d1, &verified), ENOENT,
		     "dmabuf_core: its DMA without a mapping");
	ok = !d_map(fd, dyn, DTEST_DMABUF_BIDIRECTIONAL, &m2);
	tap(ok && m2.dma_addr != m1.dma_addr && m2.dma_addr == ph1.min_phys,
	    "dmabuf_core: it maps again: new addresses (%#llx -> %#llx)",
	    (unsigned long long)m1.dma_addr, (unsigned long long)m2.dma_addr);
	tap(!d_dma(fd, dyn, 0, 0, size, 0x5d1, &verified) && verified == size,
	    "dmabuf_core: the dynamic importer reads its 2 MiB back from the new backing");
	tap(!d_map(fd, contig, DTEST_DMABUF_TO_DEVICE, NULL) &&
	    !d_dma(fd, contig, 0, 0, size, 0x5d1, &verified) && verified == size,
	    "dmabuf_core: the contiguous device reads the same 2 MiB");
	d_detach(fd, contig);
	d_detach(fd, dyn);
	close(bfd);

	/* A static mapping besides: EBUSY, nothing moves, nobody is told. */
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	dyn = d_attach(fd, bfd, DTEST_DMABUF_DEV_DYN);
	d_map(fd, dyn, DTEST_DMABUF_BIDIRECTIONAL, &m1);
	d_dma(fd, dyn, DTEST_DMABUF_DMA_WRITE, 0, size, 0x5d2, &verified);
	sg = d_attach(fd, bfd, DTEST_DMABUF_DEV_SG);
	ok = sg && !d_map(fd, sg, DTEST_DMABUF_TO_DEVICE, NULL);
	tap(ok, "dmabuf_core: a static importer maps the same buffer");
	d_phys(fd, bfd, &ph0);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_CONTIG), EBUSY,
		     "dmabuf_core: the contiguous device attaching with the static mapping active");
	ok = !d_info(fd, bfd, &in) && !d_phys(fd, bfd, &ph1) && !att_info(fd, dyn, &ai);
	tap(ok && !in.migrations && same_phys(&ph0, &ph1) && !ai.moves && ai.mapped,
	    "dmabuf_core: nothing moved and the dynamic importer was not told");
	tap(!d_dma(fd, dyn, 0, 0, size, 0x5d2, &verified) && verified == size &&
	    !d_dma(fd, sg, 0, 0, size, 0x5d2, &verified) && verified == size,
	    "dmabuf_core: both importers still read the bytes");
	d_detach(fd, sg);
	d_detach(fd, dyn);
	close(bfd);
}
