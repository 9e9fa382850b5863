// SPDX-License-Identifier: GPL-2.0
/*
 * suite_dmabuf.c - "dmabuf-test dmabuf": dmabuf_core through the
 * DTEST_IOC_DMABUF_* ioctls of /dev/dmabuf-test and the dma-buf fds they
 * return.  Test devices: QEMU's edu (behind the IOMMU) and test_exporter's
 * software device that needs one contiguous segment (no IOMMU).
 *
 *   uapi      unknown flags, padding, output fields, bad fds, devices,
 *             handles, sizes and ranges are refused
 *   a late    no memory until the first map (global counters), O_CLOEXEC
 *   b migrate a scattered buffer mapped for edu; the contiguous device
 *             attaches: the buffer moves, the bytes edu and the CPU wrote
 *             read back through the new device's DMA
 *   c busy    the same with edu's mapping (or an mmap) active: EBUSY,
 *             nothing changes
 *   d cpu     DMA_BUF_IOCTL_SYNC flags, mmap in and beyond the size, vmap,
 *             DMA_BUF_SET_NAME, debugfs and tracepoints
 *   e vgem    vgem imports our fd by PRIME; its handle exports back to our
 *             buffer, whose bytes read through that fd
 *   f heap    a system dma-heap buffer (where the kernel has it) attached,
 *             edu DMAs into it, the CPU sees the bytes
 *   g share   an fd passed over SCM_RIGHTS works in another process; every
 *             close order frees everything
 *   h limits  EDQUOT for a flooding owner while another allocates; the
 *             global limit gives ENOMEM
 *   pools, mask, dynamic  (dmabuf_mask.c) backing from a named cma_pool
 *             pool; backing below direct-DMA devices' masks, by physical
 *             address; a dynamic importer told to remap by move_notify
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

#include "harness.h"
#include "dmabuf_util.h"

#define KiB		1024ull
#define MiB		(1024ull * 1024)
#define PG		4096ull
#define DEBUGFS		"/sys/kernel/debug/dmabuf_core/"
#define TRACEFS		"/sys/kernel/tracing"
#define GLOBAL_LIMIT	"/sys/module/dmabuf_core/parameters/global_limit_mb"

static void stats(int fd, int owner, struct dtest_dmabuf_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->flags = owner ? DTEST_DMABUF_STATS_OWNER : 0;
	if (xioctl(fd, DTEST_IOC_DMABUF_STATS, st))
		memset(st, 0xff, sizeof(*st));
}

static int same_stats(const struct dtest_dmabuf_stats *a, const struct dtest_dmabuf_stats *b)
{
	return a->buffers == b->buffers && a->bytes == b->bytes && a->backed == b->backed;
}

/* Fill [off, off + len) of a mapping with the pattern of @seed (or zero). */
static void cpu_fill(uint8_t *p, uint64_t off, uint64_t len, uint32_t seed, int zero)
{
	uint64_t i;

	for (i = off; i < off + len; i++)
		p[i] = zero ? 0 : DTEST_DMABUF_PATTERN(seed, i);
}

static uint64_t cpu_check(const uint8_t *p, uint64_t off, uint64_t len, uint32_t seed)
{
	uint64_t i;

	for (i = off; i < off + len; i++)
		if (p[i] != DTEST_DMABUF_PATTERN(seed, i))
			break;
	return i - off;
}

static int sync_buf(int bfd, uint64_t flags)
{
	struct dma_buf_sync s = { .flags = flags };

	return xioctl(bfd, DMA_BUF_IOCTL_SYNC, &s);
}

/* mmap the whole buffer and run @fn between SYNC START and END. */
static uint8_t *map_buf(int bfd, uint64_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bfd, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void test_uapi(int fd)
{
	int bfd, nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	uint32_t h;

#define REFUSE(cmd, type, want, what, ...) do {				\
	type arg_ = { __VA_ARGS__ };					\
	expect_refused(fd, cmd, &arg_, sizeof(arg_), want, "dmabuf_core: " what); \
} while (0)

	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL,
	       "ALLOC with unknown flags", .size = PG, .flags = ~DTEST_DMABUF_ALLOC_FLAGS);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, ENOENT,
	       "ALLOC naming pool_id 0x7ffffff0", .size = PG, .pool_id = 0x7ffffff0);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, ENOENT,
	       "ALLOC naming pool_id 2^32-1", .size = PG, .pool_id = ~0u);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL,
	       "ALLOC with fd set on input", .size = PG, .fd = 3);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL, "ALLOC of 0 bytes");
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL, "ALLOC with policy 3",
	       .size = PG, .policy = 3);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL,
	       "ALLOC over max_buffer_mb", .size = 1ull << 40);
	REFUSE(DTEST_IOC_DMABUF_ALLOC, struct dtest_dmabuf_alloc, EINVAL, "ALLOC of 2^64-1 bytes",
	       .size = ~0ull);

	bfd = d_alloc(fd, 64 * KiB, DTEST_DMABUF_POLICY_AUTO, 0);
	tap(bfd >= 0, "dmabuf_core: ALLOC of 64 KiB gives a dma-buf fd");
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EINVAL,
	       "ATTACH with unknown flags", .fd = bfd, .device = DTEST_DMABUF_DEV_EDU, .flags = 1);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EINVAL,
	       "ATTACH with handle set on input", .fd = bfd, .device = DTEST_DMABUF_DEV_EDU,
	       .handle = 1);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EINVAL, "ATTACH of device 0",
	       .fd = bfd);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EINVAL, "ATTACH of device 99",
	       .fd = bfd, .device = 99);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EBADF, "ATTACH of fd 999",
	       .fd = 999, .device = DTEST_DMABUF_DEV_EDU);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EBADF, "ATTACH of fd 2^32-1",
	       .fd = ~0u, .device = DTEST_DMABUF_DEV_EDU);
	REFUSE(DTEST_IOC_DMABUF_ATTACH, struct dtest_dmabuf_attach, EINVAL,
	       "ATTACH of a non-dma-buf fd (/dev/null)", .fd = nullfd,
	       .device = DTEST_DMABUF_DEV_EDU);

	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	tap(h > 0, "dmabuf_core: ATTACH of the contiguous device gives a handle");
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, EINVAL, "MAP with unknown flags",
	       .handle = h, .flags = 2);
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, EINVAL, "MAP with direction 3",
	       .handle = h, .dir = 3);
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, EINVAL, "MAP with nents set on input",
	       .handle = h, .nents = 1);
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, EINVAL, "UNMAP with a direction",
	       .handle = h, .flags = DTEST_DMABUF_MAP_UNMAP, .dir = 1);
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, ENOENT, "MAP of handle 12345",
	       .handle = 12345);
	REFUSE(DTEST_IOC_DMABUF_MAP, struct dtest_dmabuf_map, ENOENT,
	       "UNMAP of an unmapped attachment", .handle = h, .flags = DTEST_DMABUF_MAP_UNMAP);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, ENOENT,
	       "DMA on an unmapped attachment", .handle = h, .len = 16);
	expect_errno(d_map(fd, h, DTEST_DMABUF_TO_DEVICE, NULL), 0,
		     "dmabuf_core: MAP of it for TO_DEVICE");
	expect_errno(d_map(fd, h, DTEST_DMABUF_TO_DEVICE, NULL), EBUSY,
		     "dmabuf_core: MAP of it again");
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL, "DMA with unknown flags",
	       .handle = h, .len = 16, .flags = 2);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL, "DMA with non-zero __pad",
	       .handle = h, .len = 16, .__pad = 1);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL,
	       "DMA with verified set on input", .handle = h, .len = 16, .verified = 1);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL, "DMA of 0 bytes",
	       .handle = h);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL,
	       "DMA past the end of the buffer", .handle = h, .offset = 64 * KiB - 8, .len = 16);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL,
	       "DMA whose offset + len wraps", .handle = h, .offset = ~0ull - 4, .len = 16);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL,
	       "DMA over DTEST_DMABUF_MAX_DMA", .handle = h, .len = DTEST_DMABUF_MAX_DMA + 1ull);
	REFUSE(DTEST_IOC_DMABUF_DMA, struct dtest_dmabuf_dma, EINVAL,
	       "device write on a TO_DEVICE mapping", .handle = h, .len = 16,
	       .flags = DTEST_DMABUF_DMA_WRITE);
	REFUSE(DTEST_IOC_DMABUF_DETACH, struct dtest_dmabuf_detach, EINVAL,
	       "DETACH with unknown flags", .handle = h, .flags = 1);
	REFUSE(DTEST_IOC_DMABUF_DETACH, struct dtest_dmabuf_detach, ENOENT,
	       "DETACH of handle 12345", .handle = 12345);
	REFUSE(DTEST_IOC_DMABUF_INFO, struct dtest_dmabuf_info, EINVAL, "INFO with unknown flags",
	       .fd = bfd, .flags = 1);
	REFUSE(DTEST_IOC_DMABUF_INFO, struct dtest_dmabuf_info, EINVAL,
	       "INFO with an output field set", .fd = bfd, .maps = 1);
	REFUSE(DTEST_IOC_DMABUF_INFO, struct dtest_dmabuf_info, EBADF, "INFO of fd 999", .fd = 999);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EINVAL, "PHYS with unknown flags",
	       .fd = bfd, .flags = 1);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EINVAL,
	       "PHYS with an output field set", .fd = bfd, .max_phys = 1);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EINVAL,
	       "PHYS with backing set on input", .fd = bfd, .backing = 1);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EBADF, "PHYS of fd 999", .fd = 999);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EBADF, "PHYS of fd 2^32-1",
	       .fd = ~0u);
	REFUSE(DTEST_IOC_DMABUF_PHYS, struct dtest_dmabuf_phys, EINVAL,
	       "PHYS of a non-dma-buf fd (/dev/null)", .fd = nullfd);
	REFUSE(DTEST_IOC_DMABUF_STATS, struct dtest_dmabuf_stats, EINVAL,
	       "STATS with unknown flags", .flags = 2);
	REFUSE(DTEST_IOC_DMABUF_STATS, struct dtest_dmabuf_stats, EINVAL,
	       "STATS with non-zero __pad", .__pad = 1);
	REFUSE(DTEST_IOC_DMABUF_STATS, struct dtest_dmabuf_stats, EINVAL,
	       "STATS with an output field set", .bytes = 1);
	REFUSE(DTEST_IOC_DMABUF_OWNER, struct dtest_dmabuf_owner, EINVAL,
	       "OWNER with unknown flags", .flags = 1);
	REFUSE(DTEST_IOC_DMABUF_OWNER, struct dtest_dmabuf_owner, EINVAL,
	       "OWNER with non-zero __pad", .__pad = 1);
	REFUSE(DTEST_IOC_DMABUF_VMAP, struct dtest_dmabuf_vmap, EINVAL, "VMAP with unknown flags",
	       .fd = bfd, .len = 1, .flags = 2);
	REFUSE(DTEST_IOC_DMABUF_VMAP, struct dtest_dmabuf_vmap, EINVAL, "VMAP of 0 bytes",
	       .fd = bfd);
	REFUSE(DTEST_IOC_DMABUF_VMAP, struct dtest_dmabuf_vmap, EINVAL, "VMAP past the end",
	       .fd = bfd, .offset = 64 * KiB, .len = 1);
	REFUSE(DTEST_IOC_DMABUF_VMAP, struct dtest_dmabuf_vmap, EINVAL, "VMAP of a non-dma-buf fd",
	       .fd = nullfd, .len = 1);
	expect_errno(d_detach(fd, h), 0, "dmabuf_core: DETACH of a mapped attachment");
	expect_errno(d_detach(fd, h), ENOENT, "dmabuf_core: DETACH of it again");
	close(bfd);
	close(nullfd);
#undef REFUSE
}

/* (a) late allocation and O_CLOEXEC */
static void test_late(int fd)
{
	struct dtest_dmabuf_stats st0, st1, st2;
	struct dtest_dmabuf_info in;
	int bfd, fl;
	uint32_t h;

	stats(fd, 0, &st0);
	bfd = d_alloc(fd, 1 * MiB, DTEST_DMABUF_POLICY_AUTO, DTEST_DMABUF_ALLOC_CLOEXEC);
	fl = fcntl(bfd, F_GETFD);
	tap(bfd >= 0 && fl >= 0 && (fl & FD_CLOEXEC),
	    "dmabuf_core: ALLOC with DTEST_DMABUF_ALLOC_CLOEXEC gives an O_CLOEXEC fd");
	stats(fd, 0, &st1);
	tap(st1.buffers == st0.buffers + 1 && st1.bytes == st0.bytes + MiB &&
	    st1.backed == st0.backed,
	    "dmabuf_core: late allocation: 1 MiB charged, no memory allocated at export");
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	stats(fd, 0, &st2);
	tap(h && st2.backed == st0.backed && !d_info(fd, bfd, &in) &&
	    in.backing == DTEST_DMABUF_BACKING_NONE && in.backed == 0 && in.attachments == 1,
	    "dmabuf_core: late allocation: still none after edu attached");
	expect_errno(d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL), 0,
		     "dmabuf_core: MAP of the edu attachment");
	stats(fd, 0, &st2);
	tap(st2.backed == st0.backed + MiB && !d_info(fd, bfd, &in) &&
	    in.backing == DTEST_DMABUF_BACKING_SYSTEM && in.backed == MiB && in.maps == 1 &&
	    in.mapped == 1,
	    "dmabuf_core: late allocation: 1 MiB of system pages at the first map");
	diag("backing: %u chunks", in.chunks);
	d_detach(fd, h);
	close(bfd);
	stats(fd, 0, &st2);
	tap(same_stats(&st0, &st2), "dmabuf_core: counters back to where they were after close");

	bfd = d_alloc(fd, PG, DTEST_DMABUF_POLICY_AUTO, 0);
	fl = fcntl(bfd, F_GETFD);
	tap(bfd >= 0 && fl >= 0 && !(fl & FD_CLOEXEC),
	    "dmabuf_core: ALLOC without the flag gives an fd without O_CLOEXEC");
	close(bfd);
}

/* The size of (b) and (c): more than one 1 MiB piece, so never one range. */
#define SCATTER_SIZE	(2 * MiB + 64 * KiB)
#define EDU_OFF		(PG - 1000)
#define EDU_LEN		(3000 + PG)

/*
 * A scattered buffer: the CPU writes the pattern of @seed everywhere but
 * [EDU_OFF, EDU_OFF + EDU_LEN), which edu writes.  Returns the fd, edu's
 * handle in *@edu, still mapped.
 */
static int scattered_buffer(int fd, uint32_t seed, uint32_t *edu)
{
	struct dtest_dmabuf_info in;
	uint64_t verified = 0;
	uint8_t *p;
	int bfd;

	bfd = d_alloc(fd, SCATTER_SIZE, DTEST_DMABUF_POLICY_AUTO, 0);
	*edu = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	if (bfd < 0 || !*edu || d_map(fd, *edu, DTEST_DMABUF_BIDIRECTIONAL, NULL))
		return -1;
	p = map_buf(bfd, SCATTER_SIZE);
	if (!p)
		return -1;
	sync_buf(bfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
	cpu_fill(p, 0, SCATTER_SIZE, seed, 0);
	cpu_fill(p, EDU_OFF, EDU_LEN, 0, 1);
	sync_buf(bfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);
	munmap(p, SCATTER_SIZE);
	tap(!d_dma(fd, *edu, DTEST_DMABUF_DMA_WRITE, EDU_OFF, EDU_LEN, seed, &verified) &&
	    verified == EDU_LEN,
	    "dmabuf_core: edu writes %llu bytes across a page boundary of a scattered buffer",
	    (unsigned long long)EDU_LEN);
	memset(&in, 0, sizeof(in));
	tap(!d_info(fd, bfd, &in) && in.backing == DTEST_DMABUF_BACKING_SYSTEM && in.chunks > 1,
	    "dmabuf_core: the buffer is scattered system pages");
	diag("%u chunks", in.chunks);
	return bfd;
}

/* (b) migration to a device that needs contiguous memory */
static void test_migrate(int fd)
{
	struct dtest_dmabuf_info in;
	uint64_t verified = 0;
	uint32_t edu, contig;
	int bfd;

	bfd = scattered_buffer(fd, 0xb0b, &edu);
	if (bfd < 0) {
		tap(0, "dmabuf_core: a scattered buffer mapped for edu");
		return;
	}
	expect_errno(d_unmap(fd, edu), 0, "dmabuf_core: edu unmaps it");
	contig = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	tap(contig && !d_info(fd, bfd, &in) && in.migrations == 1 &&
	    in.backing == DTEST_DMABUF_BACKING_CMA && in.chunks == 1,
	    "dmabuf_core: the contiguous device attaches and the buffer moves to one cma_pool range");
	expect_errno(d_map(fd, contig, DTEST_DMABUF_TO_DEVICE, NULL), 0,
		     "dmabuf_core: MAP for the contiguous device");
	tap(!d_dma(fd, contig, 0, 0, SCATTER_SIZE, 0xb0b, &verified) && verified == SCATTER_SIZE,
	    "dmabuf_core: the contiguous device reads all %llu bytes intact after the move",
	    (unsigned long long)SCATTER_SIZE);
	expect_errno(d_map(fd, edu, DTEST_DMABUF_BIDIRECTIONAL, NULL), 0,
		     "dmabuf_core: edu maps the moved buffer again");
	verified = 0;
	tap(!d_dma(fd, edu, 0, EDU_OFF, EDU_LEN, 0xb0b, &verified) && verified == EDU_LEN,
	    "dmabuf_core: edu reads its bytes back from the new backing");
	d_detach(fd, edu);
	d_detach(fd, contig);
	close(bfd);
}

/* (b') edu behind an iommu_mapper window maps our buffer through it */
static void test_mapper(int fd)
{
	struct dtest_edu_mapper em = { .op = DTEST_EDU_MAPPER_ATTACH, .base = MiB,
				       .size = 16 * MiB };
	struct dtest_dmabuf_map mp;
	uint64_t verified = 0, size = 256 * KiB;
	uint32_t h;
	int bfd;

	if (xioctl(fd, DTEST_IOC_EDU_MAPPER, &em)) {
		tap(0, "dmabuf_core: edu attached to an iommu_mapper window: %s", strerror(errno));
		return;
	}
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
	tap(h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, &mp) && mp.dma_addr >= MiB &&
	    mp.dma_addr + size <= 17 * MiB,
	    "dmabuf_core: edu behind iommu_mapper maps our buffer inside the window");
	tap(!d_dma(fd, h, DTEST_DMABUF_DMA_WRITE, 3000, 5000, 0xa1a, &verified) &&
	    !d_dma(fd, h, 0, 3000, 5000, 0xa1a, &verified) && verified == 5000,
	    "dmabuf_core: edu writes and reads back 5000 bytes through the window");
	/*
	 * dmabuf_core keeps the unmapped table cached until detach: its IOVAs
	 * are the window's, so the window must stay until then.
	 */
	memset(&em, 0, sizeof(em));
	em.op = DTEST_EDU_MAPPER_DETACH;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &em), EBUSY,
		     "dmabuf_core: edu stays in the window while our buffer is mapped for it");
	expect_errno(d_unmap(fd, h), 0, "dmabuf_core: edu's mapping of our buffer unmapped");
	memset(&em, 0, sizeof(em));
	em.op = DTEST_EDU_MAPPER_DETACH;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &em), EBUSY,
		     "dmabuf_core: ... and after unmap, while the attachment holds it cached");
	d_detach(fd, h);
	close(bfd);
	memset(&em, 0, sizeof(em));
	em.op = DTEST_EDU_MAPPER_DETACH;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_MAPPER, &em), 0,
		     "dmabuf_core: edu detached from the window again");
}

/* (c) an active mapping or mmap: EBUSY and nothing changes */
static void test_busy(int fd)
{
	struct dtest_dmabuf_info before, after;
	struct dtest_dmabuf_map mp;
	uint64_t verified = 0;
	uint32_t edu, contig;
	uint8_t *p;
	int bfd;

	bfd = scattered_buffer(fd, 0xc0c, &edu);
	if (bfd < 0) {
		tap(0, "dmabuf_core: a scattered buffer mapped for edu");
		return;
	}
	d_info(fd, bfd, &before);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_CONTIG), EBUSY,
		     "dmabuf_core: the contiguous device attaching while edu's mapping is active");
	d_info(fd, bfd, &after);
	tap(!memcmp(&before, &after, sizeof(before)),
	    "dmabuf_core: the refused attach changed nothing (backing, chunks, attachments, maps)");
	tap(!d_dma(fd, edu, 0, EDU_OFF, EDU_LEN, 0xc0c, &verified) && verified == EDU_LEN,
	    "dmabuf_core: edu's mapping still reads its bytes");
	d_unmap(fd, edu);

	p = map_buf(bfd, SCATTER_SIZE);
	d_info(fd, bfd, &before);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_CONTIG), EBUSY,
		     "dmabuf_core: the contiguous device attaching while the buffer is mmapped");
	d_info(fd, bfd, &after);
	tap(p && before.mmaps == 1 && !memcmp(&before, &after, sizeof(before)),
	    "dmabuf_core: that refused attach changed nothing either");
	if (p)
		munmap(p, SCATTER_SIZE);

	/*
	 * A scatter-gather device takes it as it is: no move.  Its list has
	 * one segment per run of neighbouring pieces: one if the page
	 * allocator happened to hand out neighbours.
	 */
	contig = d_attach(fd, bfd, DTEST_DMABUF_DEV_SG);
	memset(&mp, 0, sizeof(mp));
	tap(contig && !d_map(fd, contig, DTEST_DMABUF_TO_DEVICE, &mp) && mp.nents >= 1 &&
	    !d_dma(fd, contig, 0, 0, SCATTER_SIZE, 0xc0c, &verified) &&
	    verified == SCATTER_SIZE && !d_info(fd, bfd, &after) && after.migrations == 0,
	    "dmabuf_core: the scatter-gather device reads all of it over its segments, unmoved");
	diag("%u DMA segments", mp.nents);
	d_detach(fd, contig);
	d_detach(fd, edu);
	close(bfd);

	/* A policy that forbids what the device needs: refused even unbacked. */
	bfd = d_alloc(fd, 1 * MiB, DTEST_DMABUF_POLICY_SYSTEM, 0);
	expect_errno(d_attach_err(fd, bfd, DTEST_DMABUF_DEV_CONTIG), EBUSY,
		     "dmabuf_core: the contiguous device on a SYSTEM-policy buffer");
	close(bfd);
	bfd = d_alloc(fd, 1 * MiB, DTEST_DMABUF_POLICY_CONTIG, 0);
	contig = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	tap(contig && !d_map(fd, contig, DTEST_DMABUF_FROM_DEVICE, NULL) &&
	    !d_info(fd, bfd, &after) && after.backing == DTEST_DMABUF_BACKING_CMA,
	    "dmabuf_core: a CONTIG-policy buffer is backed by cma_pool at the first map");
	d_detach(fd, contig);
	close(bfd);
}

static int fdinfo_has(int bfd, const char *what)
{
	char path[64], line[256];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", bfd);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, what))
			found = 1;
	if (f)
		fclose(f);
	return found;
}

static int file_has(const char *path, const char *what)
{
	char line[512];
	int found = 0;
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, what))
			found = 1;
	if (f)
		fclose(f);
	return found;
}

static int write_str(const char *path, const char *str)
{
	return sysfs_write(path, str) == 0;
}

/* (d) CPU access: SYNC, mmap, vmap, name, debugfs, tracepoints */
static void test_cpu(int fd)
{
	static const uint64_t good[] = {
		DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE,
		DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ,
		DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW,
	};
	static const uint64_t bad[] = { 0, DMA_BUF_SYNC_START, DMA_BUF_SYNC_END, 1u << 3,
					DMA_BUF_SYNC_READ | (1ull << 40) };
	struct dtest_dmabuf_stats st0, st1;
	struct dtest_dmabuf_info in;
	uint64_t size = 256 * KiB, verified = 0;
	unsigned int i, ok;
	uint8_t *p;
	uint32_t h;
	void *q;
	int bfd;

	stats(fd, 0, &st0);
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	for (i = 0, ok = 1; i < ARRAY_SIZE(good); i++)
		if (sync_buf(bfd, good[i])) {
			ok = 0;
			diag("SYNC %#llx: %s", (unsigned long long)good[i],
			     strerror(sync_buf(bfd, good[i])));
		}
	tap(ok, "dmabuf_core: DMA_BUF_IOCTL_SYNC with each of the 6 valid flag combinations");
	stats(fd, 0, &st1);
	tap(st1.backed == st0.backed + size,
	    "dmabuf_core: the first CPU access (SYNC) allocated the backing");
	for (i = 0, ok = 1; i < ARRAY_SIZE(bad); i++)
		if (sync_buf(bfd, bad[i]) != EINVAL) {
			ok = 0;
			diag("SYNC %#llx was not refused", (unsigned long long)bad[i]);
		}
	tap(ok, "dmabuf_core: DMA_BUF_IOCTL_SYNC refuses %zu bad flag sets with EINVAL",
	    ARRAY_SIZE(bad));

	/* Again with a device mapping of one direction to sync. */
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	ok = h && !d_map(fd, h, DTEST_DMABUF_TO_DEVICE, NULL);
	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (sync_buf(bfd, good[i]))
			ok = 0;
	tap(ok, "dmabuf_core: the 6 valid SYNC combinations with a TO_DEVICE mapping active");
	d_detach(fd, h);

	p = map_buf(bfd, size);
	tap(!!p, "dmabuf_core: mmap of the whole buffer");
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, bfd, size - PG);
	tap(q != MAP_FAILED && p && !memcmp(q, p + size - PG, PG),
	    "dmabuf_core: mmap of its last page at offset size - 4 KiB shows the same bytes");
	if (q != MAP_FAILED)
		munmap(q, PG);
	q = mmap(NULL, size + PG, PROT_READ, MAP_SHARED, bfd, 0);
	tap(q == MAP_FAILED && errno == EINVAL,
	    "dmabuf_core: mmap one page beyond the size fails (EINVAL)");
	if (q != MAP_FAILED)
		munmap(q, size + PG);
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, bfd, size);
	tap(q == MAP_FAILED && errno == EINVAL, "dmabuf_core: mmap at offset size fails (EINVAL)");
	if (q != MAP_FAILED)
		munmap(q, PG);

	if (p) {
		sync_buf(bfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
		cpu_fill(p, 0, size, 0xd0d, 0);
		sync_buf(bfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);
	}
	tap(!d_vmap(fd, bfd, 0, 0, size, 0xd0d, &verified) && verified == size,
	    "dmabuf_core: the kernel's vmap sees the %llu bytes written through mmap",
	    (unsigned long long)size);
	tap(!d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 5, size - 10, 0xd1d, &verified) && p &&
	    !sync_buf(bfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ) &&
	    cpu_check(p, 5, size - 10, 0xd1d) == size - 10 && cpu_check(p, 0, 5, 0xd0d) == 5,
	    "dmabuf_core: bytes written through vmap show through mmap, the rest unchanged");
	sync_buf(bfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
	tap(d_vmap(fd, bfd, 0, 0, size, 0xd0d, &verified) == EIO,
	    "dmabuf_core: VMAP verification catches bytes that differ (EIO)");
	tap(!d_info(fd, bfd, &in) && in.vmaps == 0 && in.mmaps == 1,
	    "dmabuf_core: vmaps back to 0, one mmap outstanding");

	tap(!ioctl(bfd, DMA_BUF_SET_NAME_B, "dmabuf-suite-d") &&
	    fdinfo_has(bfd, "dmabuf-suite-d") && fdinfo_has(bfd, "dmabuf_core"),
	    "dmabuf_core: DMA_BUF_SET_NAME names it; fdinfo shows the name and exporter dmabuf_core");
	tap(file_has(DEBUGFS "buffers", "dmabuf-suite-d") && file_has(DEBUGFS "stats", "backed"),
	    "dmabuf_core: debugfs buffers lists it by name; stats answers");
	if (p)
		munmap(p, size);
	close(bfd);

	mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	if (access(TRACEFS "/events/dmabuf_core/enable", W_OK)) {
		tap(1, "dmabuf_core: tracepoints # SKIP the kernel has no tracing");
		return;
	}
	{
		static const char *const want[] = {
			"dmabuf_core_export:", "dmabuf_core_attach:", "dmabuf_core_map:",
			"dmabuf_core_migrate:", "dmabuf_core_release:",
		};
		uint32_t h1, h2;

		write_str(TRACEFS "/trace", "");
		tap(write_str(TRACEFS "/events/dmabuf_core/enable", "1"),
		    "dmabuf_core: enabling the dmabuf_core trace events");
		bfd = d_alloc(fd, 3 * MiB, DTEST_DMABUF_POLICY_AUTO, 0);
		h1 = d_attach(fd, bfd, DTEST_DMABUF_DEV_EDU);
		d_map(fd, h1, DTEST_DMABUF_BIDIRECTIONAL, NULL);
		d_unmap(fd, h1);
		h2 = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
		d_detach(fd, h1);
		d_detach(fd, h2);
		close(bfd);
		write_str(TRACEFS "/events/dmabuf_core/enable", "0");
		for (i = 0; i < ARRAY_SIZE(want); i++)
			tap(file_has(TRACEFS "/trace", want[i]),
			    "dmabuf_core: export, attach, map, migrate and release trace '%s'",
			    want[i]);
		write_str(TRACEFS "/trace", "");
	}
}

/* (e) vgem imports our buffer by PRIME */
static void test_vgem(int fd)
{
	struct dtest_dmabuf_info in;
	uint64_t size = 64 * KiB;
	struct stat s1, s2;
	int card, bfd, fd2;
	uint32_t handle;
	uint8_t *p;

	card = system("modprobe vgem 2>/dev/null") ? -1 : vgem_open();
	if (card < 0) {
		tap(1, "dmabuf_core: vgem imports our fd # SKIP no vgem");
		return;
	}
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 0, size, 0xe0e, NULL);
	tap(!prime_fd_to_handle(card, bfd, &handle),
	    "dmabuf_core: vgem imports our fd (DRM_IOCTL_PRIME_FD_TO_HANDLE)");
	tap(!d_info(fd, bfd, &in) && in.attachments == 1 && in.mapped == 1 && in.maps >= 1,
	    "dmabuf_core: vgem attached and mapped our buffer (INFO: one attachment, mapped)");
	fd2 = prime_handle_to_fd(card, handle);
	tap(fd2 >= 0 && !fstat(fd2, &s1) && !fstat(bfd, &s2) && s1.st_ino == s2.st_ino,
	    "dmabuf_core: vgem's handle exports back to our very buffer (same inode)");
	p = fd2 >= 0 ? map_buf(fd2, size) : NULL;
	tap(p && !sync_buf(fd2, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ) &&
	    cpu_check(p, 0, size, 0xe0e) == size,
	    "dmabuf_core: the bytes we wrote read through the fd vgem gave back");
	if (p) {
		sync_buf(fd2, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
		munmap(p, size);
	}
	if (fd2 >= 0)
		close(fd2);
	gem_close(card, handle);
	tap(!d_info(fd, bfd, &in) && in.attachments == 0 && in.mapped == 0,
	    "dmabuf_core: closing vgem's handle detaches it");
	close(bfd);
	close(card);
}

/* (f) a system dma-heap buffer, attached, edu DMAs into it */
static void test_heap(int fd)
{
	struct dma_heap_allocation_data a = { .len = 64 * KiB, .fd_flags = O_RDWR | O_CLOEXEC };
	struct dtest_dmabuf_info in = { 0 };
	uint64_t verified = 0;
	int heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	uint32_t h;
	uint8_t *p;

	if (heap < 0) {
		tap(1, "dmabuf_core: system dma-heap import # SKIP no /dev/dma_heap/system");
		return;
	}
	tap(!ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &a), "dmabuf_core: a 64 KiB system-heap buffer");
	in.fd = a.fd;
	expect_errno(xioctl(fd, DTEST_IOC_DMABUF_INFO, &in), EINVAL,
		     "dmabuf_core: INFO of the foreign (heap) buffer");
	h = d_attach(fd, a.fd, DTEST_DMABUF_DEV_EDU);
	tap(h && !d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL),
	    "dmabuf_core: edu attaches to and maps the heap buffer");
	tap(!d_dma(fd, h, DTEST_DMABUF_DMA_WRITE, 100, 10000, 0xf0f, &verified) &&
	    verified == 10000,
	    "dmabuf_core: edu writes 10000 bytes into the heap buffer");
	tap(!d_vmap(fd, a.fd, 0, 100, 10000, 0xf0f, &verified) && verified == 10000,
	    "dmabuf_core: the heap's vmap sees the bytes edu wrote");
	p = map_buf(a.fd, 64 * KiB);
	tap(p && !sync_buf(a.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ) &&
	    cpu_check(p, 100, 10000, 0xf0f) == 10000,
	    "dmabuf_core: so does an mmap of the heap fd");
	if (p) {
		sync_buf(a.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
		munmap(p, 64 * KiB);
	}
	d_detach(fd, h);
	close(a.fd);
	close(heap);
}

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte = 'x';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * In the child: check the bytes by mmap and by device DMA, write new
 * ones.  The fd comes over @sock (SCM_RIGHTS), or where the kernel has no
 * AF_UNIX, from the parent's table by pidfd_getfd() (@sock is then a pipe
 * telling the parent it may close its fd).
 */
static int child_side(int sock, int use_pidfd, int parent_fd, uint64_t size)
{
	uint64_t verified = 0;
	int bfd, dfd;
	uint32_t h;
	uint8_t *p;

	if (use_pidfd) {
		int pidfd = syscall(SYS_pidfd_open, getppid(), 0);

		bfd = pidfd < 0 ? -1 : syscall(SYS_pidfd_getfd, pidfd, parent_fd, 0);
		if (write(sock, "x", 1) != 1)
			return 9;
	} else {
		bfd = recv_fd(sock);
	}
	if (bfd < 0)
		return 10;
	p = map_buf(bfd, size);
	if (!p || sync_buf(bfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ) ||
	    cpu_check(p, 0, size, 0x909) != size)
		return 11;
	sync_buf(bfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
	dfd = open(dev_path, O_RDWR | O_CLOEXEC);
	h = dfd >= 0 ? d_attach(dfd, bfd, DTEST_DMABUF_DEV_EDU) : 0;
	if (!h || d_map(dfd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL))
		return 12;
	if (d_dma(dfd, h, 0, PG - 10, 100, 0x909, &verified) || verified != 100)
		return 13;
	if (d_dma(dfd, h, DTEST_DMABUF_DMA_WRITE, 0, 2000, 0x90a, &verified))
		return 14;
	close(dfd);	/* unmaps and detaches */
	munmap(p, size);
	close(bfd);
	return 0;
}

/* (g) fd passing and close orders */
static void test_share(int fd)
{
	struct dtest_dmabuf_stats st0, st1;
	uint64_t size = 128 * KiB, verified = 0;
	int sv[2], bfd, status = -1, dfd, use_pidfd = 0;
	const char *how = "over SCM_RIGHTS";
	char byte;
	uint32_t h;
	uint8_t *p;
	pid_t pid;

	stats(fd, 0, &st0);
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, DTEST_DMABUF_ALLOC_CLOEXEC);
	d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 0, size, 0x909, NULL);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		/* The debug kernel is built from tinyconfig, without AF_UNIX. */
		diag("socketpair: %s; the child takes the fd with pidfd_getfd()",
		     strerror(errno));
		use_pidfd = 1;
		how = "by pidfd_getfd() (no AF_UNIX)";
		if (pipe(sv)) {
			tap(0, "dmabuf_core: pipe");
			close(bfd);
			return;
		}
		/* The child writes sv[1]; the parent reads sv[0]. */
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		_exit(child_side(sv[1], use_pidfd, bfd, size));
	}
	close(sv[1]);
	if (use_pidfd)
		tap(pid > 0 && read(sv[0], &byte, 1) == 1,
		    "dmabuf_core: the fd goes to a forked process %s", how);
	else
		tap(pid > 0 && !send_fd(sv[0], bfd),
		    "dmabuf_core: the fd goes to a forked process %s", how);
	close(bfd);	/* the parent's fd goes first */
	close(sv[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	tap(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "dmabuf_core: there, mmap and edu DMA see the bytes, and edu writes new ones (exit %d)",
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	stats(fd, 0, &st1);
	tap(same_stats(&st0, &st1),
	    "dmabuf_core: sender closed first, receiver last: everything freed");

	/* The fd closed while an mmap and an attachment remain. */
	bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_CONTIG);
	d_map(fd, h, DTEST_DMABUF_FROM_DEVICE, NULL);
	p = map_buf(bfd, size);
	close(bfd);
	stats(fd, 0, &st1);
	tap(p && st1.buffers == st0.buffers + 1,
	    "dmabuf_core: fd closed, the mmap and attachment keep it");
	tap(h && !d_dma(fd, h, DTEST_DMABUF_DMA_WRITE, 0, size, 0x90b, &verified) &&
	    cpu_check(p, 0, size, 0x90b) == size,
	    "dmabuf_core: it still works: the device's bytes show in the mmap");
	d_detach(fd, h);
	stats(fd, 0, &st1);
	tap(st1.buffers == st0.buffers + 1, "dmabuf_core: detached, the mmap still keeps it");
	munmap(p, size);
	stats(fd, 0, &st1);
	tap(same_stats(&st0, &st1), "dmabuf_core: munmap last: everything freed");

	/* The owner's file closed before the buffer's fd. */
	dfd = open(dev_path, O_RDWR | O_CLOEXEC);
	bfd = d_alloc(dfd, size, DTEST_DMABUF_POLICY_AUTO, 0);
	d_vmap(fd, bfd, DTEST_DMABUF_VMAP_WRITE, 0, size, 0x90c, NULL);
	close(dfd);
	tap(bfd >= 0 && !d_vmap(fd, bfd, 0, 0, size, 0x90c, &verified) && verified == size,
	    "dmabuf_core: the owner's file closed, its buffer still reads back");
	close(bfd);
	stats(fd, 0, &st1);
	tap(same_stats(&st0, &st1), "dmabuf_core: buffer closed after its owner: everything freed");
}

/* (h) owner limits and the global limit */
static void test_limits(int fd)
{
	struct dtest_dmabuf_owner ow = { .limit = 4 * MiB };
	struct dtest_dmabuf_stats st0, st1;
	int a = open_dev(), b = open_dev();
	int fds[5], i, n = 0, err, bfd;
	char num[32];

	stats(fd, 0, &st0);
	expect_errno(xioctl(a, DTEST_IOC_DMABUF_OWNER, &ow), 0,
		     "dmabuf_core: owner A gets a 4 MiB limit");
	for (i = 0; i < 5; i++) {
		fds[i] = d_alloc(a, 1 * MiB, DTEST_DMABUF_POLICY_AUTO, 0);
		if (fds[i] >= 0)
			n++;
	}
	err = d_alloc_err(a, 1 * MiB);
	tap(n == 4 && fds[4] < 0 && err == EDQUOT,
	    "dmabuf_core: owner A allocates 4 x 1 MiB, then gets EDQUOT (%s)", strerror(err));
	bfd = d_alloc(b, 1 * MiB, DTEST_DMABUF_POLICY_AUTO, 0);
	tap(bfd >= 0, "dmabuf_core: owner B still allocates while A is at its limit");
	stats(a, 1, &st1);
	tap(st1.buffers == 4 && st1.bytes == 4 * MiB,
	    "dmabuf_core: A's own counters: 4 buffers, 4 MiB");
	close(fds[0]);
	fds[0] = d_alloc(a, 1 * MiB, DTEST_DMABUF_POLICY_AUTO, 0);
	tap(fds[0] >= 0, "dmabuf_core: A allocates again after closing one");

	/* The global limit: just above what exists now. */
	stats(fd, 0, &st1);
	snprintf(num, sizeof(num), "%llu", (unsigned long long)(st1.bytes / MiB + 1));
	if (!write_str(GLOBAL_LIMIT, num)) {
		tap(0, "dmabuf_core: setting global_limit_mb");
	} else {
		err = d_alloc_err(b, 2 * MiB);
		tap(err == ENOMEM,
		    "dmabuf_core: over global_limit_mb gives ENOMEM, not EDQUOT (%s)",
		    strerror(err));
		write_str(GLOBAL_LIMIT, "0");
	}
	for (i = 0; i < 5; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	close(bfd);
	close(a);
	close(b);
	stats(fd, 0, &st1);
	tap(same_stats(&st0, &st1), "dmabuf_core: all freed after the limit tests");
}

int suite_dmabuf(void)
{
	struct dtest_dmabuf_stats st0, st1;
	int fd = open_dev();

	stats(fd, 0, &st0);
	tap(st0.buffers == 0 && st0.bytes == 0 && st0.backed == 0,
	    "dmabuf_core: no buffers before the suite");
	test_uapi(fd);
	test_late(fd);
	test_migrate(fd);
	test_mapper(fd);
	test_busy(fd);
	dmabuf_test_pools(fd);
	dmabuf_test_mask(fd);
	dmabuf_test_dynamic(fd);
	test_cpu(fd);
	test_vgem(fd);
	test_heap(fd);
	test_share(fd);
	test_limits(fd);
	stats(fd, 0, &st1);
	tap(same_stats(&st0, &st1), "dmabuf_core: every buffer freed at the end (%llu left)",
	    (unsigned long long)st1.buffers);
	close(fd);
	return tap_done();
}
