// SPDX-License-Identifier: GPL-2.0
/*
 * suite_fuzz.c - "dmabuf-test [--seed N] [--ops N] fuzz": seeded random
 * operations against /dev/dmabuf-test.
 *
 * Two worker processes (forked from the suite) each run a loop of random
 * operations from their own seed, derived from the one printed: ioctls
 * with random numbers, sizes, directions, fields, flags and pointers on
 * random descriptors (our own files, closed numbers, /dev/null, a memfd,
 * dma-heap dma-bufs), opens, closes, dups, mmap/munmap,
 * DMA_BUF_IOCTL_SYNC, and forks whose children run a short loop of their
 * own on the inherited descriptors.  Every process's sequence is a
 * function of its seed alone, so `--seed N` replays a run (the order in
 * which the processes meet in the kernel is up to the scheduler).
 *
 * It checks what a fuzzer can: nothing kills a process, every process
 * ends, and once all descriptors are closed and the global objects the
 * run made (pools, the edu mapper window) are gone, the DTEST_IOC_STATS
 * counters are back at their baseline.  Kernel splats fail the run in
 * tests/qemu/parse-log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <linux/dma-heap.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define WORKERS		2
#define NFDS		12
#define ARGBUF		4096
#define CHILD_OPS	300
#define MAX_DMA_LEN	8192	/* SYSMMU_DMA through the model */

/* Shared by every process of the run: operations done. */
static unsigned long *ops_total;

struct fz {
	uint64_t rng;
	int fds[NFDS];
	unsigned int used[8];	/* budgets[] spent */
	uint32_t handles[8];	/* recent handles and pool ids seen */
	unsigned char *arg;	/* ARGBUF bytes, the ioctl argument */
	unsigned char *data;	/* ARGBUF bytes, a user buffer for the kernel */
	unsigned char *hole;	/* an unmapped page */
	unsigned long ops;
};

static uint64_t rnd(struct fz *z)
{
	/* splitmix64 */
	uint64_t x = (z->rng += 0x9e3779b97f4a7c15ull);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static unsigned int below(struct fz *z, unsigned int n)
{
	return rnd(z) % n;
}

/* A value that tends to hit boundaries. */
static uint64_t interesting(struct fz *z)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 7, 8, 0xff, 0x100, 4095, 4096, 4097, 8192, 65536,
		1 << 20, 2 << 20, 4 << 20, 16 << 20, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ull, 0xfffffffffffff000ull,
		0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull,
	};

	switch (below(z, 7)) {
	case 0:
		return rnd(z);
	case 5:	/* a descriptor of ours, for commands that take one */
		return (uint32_t)z->fds[below(z, NFDS)];
	case 1:
		return below(z, 16);
	case 2:
		return z->handles[below(z, ARRAY_SIZE(z->handles))];
	case 3:
		return (uint64_t)below(z, 64) << 12;
	default:
		return v[below(z, ARRAY_SIZE(v))];
	}
}

/* A user pointer: mostly good, sometimes not. */
static uint64_t uptr(struct fz *z)
{
	switch (below(z, 8)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)z->hole;
	case 2:
		return 0xffff888000000000ull;	/* kernel space */
	case 3:
		return (uintptr_t)z->data + ARGBUF - below(z, 64);	/* runs off the end */
	default:
		return (uintptr_t)z->data + below(z, 512);
	}
}

/* The commands the fuzzer knows the shape of; others get random bytes. */
static const unsigned long known_cmds[] = {
	DTEST_IOC_INFO, DTEST_IOC_STATS,
	DTEST_IOC_CMA_POOL_CREATE, DTEST_IOC_CMA_POOL_DESTROY, DTEST_IOC_CMA_ALLOC,
	DTEST_IOC_CMA_FREE, DTEST_IOC_CMA_INFO, DTEST_IOC_CMA_OWNER, DTEST_IOC_CMA_RW,
	DTEST_IOC_SYSMMU_CREATE, DTEST_IOC_SYSMMU_MAP, DTEST_IOC_SYSMMU_UNMAP,
	DTEST_IOC_SYSMMU_DMA, DTEST_IOC_SYSMMU_PAGE, DTEST_IOC_SYSMMU_DESTROY,
	DTEST_IOC_EDU_DMA, DTEST_IOC_EDU_MAPPER,
	DTEST_IOC_MAPPER_ALLOC, DTEST_IOC_MAPPER_SYSMMU, DTEST_IOC_MAPPER_STATS,
	DTEST_IOC_MAPPER_BENCH,
	DTEST_IOC_DMABUF_ALLOC, DTEST_IOC_DMABUF_ALLOC, DTEST_IOC_DMABUF_ATTACH,
	DTEST_IOC_DMABUF_ATTACH, DTEST_IOC_DMABUF_MAP, DTEST_IOC_DMABUF_MAP,
	DTEST_IOC_DMABUF_DMA, DTEST_IOC_DMABUF_DETACH, DTEST_IOC_DMABUF_INFO,
	DTEST_IOC_DMABUF_STATS, DTEST_IOC_DMABUF_OWNER, DTEST_IOC_DMABUF_VMAP,
	DTEST_IOC_DMABUF_SYSMMU_STATS, DTEST_IOC_DMABUF_PHYS, DTEST_IOC_DMABUF_ATT_INFO,
	DMA_BUF_IOCTL_SYNC,
};

/* One of our descriptors (often a dma-buf of ours), sometimes a bad one. */
static uint32_t fd_arg(struct fz *z)
{
	switch (below(z, 10)) {
	case 0:
		return 1000 + below(z, 24);	/* most likely closed */
	case 1:
		return ~0u;
	default:
		return (uint32_t)z->fds[below(z, NFDS)];
	}
}

/*
 * Fill the argument of @cmd: mostly a plausible one (so the fuzzer gets
 * past validation into the code behind it), sometimes mutated.
 */
static void smart_arg(struct fz *z, unsigned long cmd)
{
	void *a = z->arg;

	memset(a, 0, 256);
	switch (cmd) {
	case DTEST_IOC_CMA_POOL_CREATE: {
		struct dtest_cma_pool *p = a;

		p->size = (uint64_t)(1 + below(z, 4)) << 22;
		p->reserve = below(z, 2) ? 0 : 4 << 20;
		break;
	}
	case DTEST_IOC_CMA_POOL_DESTROY:
	case DTEST_IOC_CMA_FREE: {
		struct dtest_cma_id *p = a;

		p->id = below(z, 2) ? z->handles[below(z, 8)] : below(z, 8);
		break;
	}
	case DTEST_IOC_CMA_ALLOC: {
		struct dtest_cma_alloc *p = a;

		p->pool_id = below(z, 3) ? 0 : z->handles[below(z, 8)];
		p->size = below(z, 4) ? 1 + below(z, 64 << 10) : (uint64_t)below(z, 8) << 20;
		p->align_order = below(z, 4) ? 0 : below(z, 12);
		break;
	}
	case DTEST_IOC_CMA_INFO: {
		struct dtest_cma_info *p = a;

		p->pool_id = below(z, 2) ? 0 : z->handles[below(z, 8)];
		break;
	}
	case DTEST_IOC_CMA_OWNER: {
		struct dtest_cma_owner *p = a;

		p->flags = below(z, 4) ? 0 : DTEST_CMA_OWNER_PRIVILEGED;
		p->limit = below(z, 2) ? 0 : (uint64_t)below(z, 64) << 12;
		break;
	}
	case DTEST_IOC_CMA_RW: {
		struct dtest_cma_rw *p = a;

		p->flags = below(z, 2) ? DTEST_CMA_RW_WRITE : 0;
		p->handle = z->handles[below(z, 8)];
		p->offset = below(z, 3) ? 0 : below(z, 8192);
		p->len = below(z, 1024);
		p->ptr = uptr(z);
		break;
	}
	case DTEST_IOC_SYSMMU_CREATE: {
		struct dtest_sysmmu_create *p = a;

		p->model = below(z, 3);
		p->pages = 1 + below(z, 16);
		break;
	}
	case DTEST_IOC_SYSMMU_MAP: {
		struct dtest_sysmmu_map *p = a;

		p->flags = below(z, 2) ? DTEST_SYSMMU_MAP_READONLY : 0;
		p->handle = z->handles[below(z, 8)];
		p->iova = (uint64_t)below(z, 1024) << 12;
		p->first = below(z, 8);
		p->count = 1 + below(z, 8);
		break;
	}
	case DTEST_IOC_SYSMMU_UNMAP: {
		struct dtest_sysmmu_unmap *p = a;

		p->handle = z->handles[below(z, 8)];
		p->iova = (uint64_t)below(z, 1024) << 12;
		p->size = (uint64_t)(1 + below(z, 16)) << 12;
		break;
	}
	case DTEST_IOC_SYSMMU_DMA: {
		struct dtest_sysmmu_dma *p = a;

		p->flags = below(z, 2) ? DTEST_SYSMMU_DMA_WRITE : 0;
		p->handle = z->handles[below(z, 8)];
		p->iova = below(z, 1024 << 12);
		p->len = 1 + below(z, 2048);
		p->buf = uptr(z);
		break;
	}
	case DTEST_IOC_SYSMMU_PAGE: {
		struct dtest_sysmmu_page *p = a;

		p->flags = below(z, 4) ? 0 : DTEST_SYSMMU_PAGE_CLEAR;
		p->handle = z->handles[below(z, 8)];
		p->page = below(z, 20);
		p->offset = below(z, 4096);
		p->len = 1 + below(z, 4096);
		p->buf = uptr(z);
		break;
	}
	case DTEST_IOC_SYSMMU_DESTROY: {
		struct dtest_sysmmu_destroy *p = a;

		p->handle = z->handles[below(z, 8)];
		break;
	}
	case DTEST_IOC_EDU_DMA: {
		struct dtest_edu_dma *p = a;

		p->flags = below(z, 8);
		p->len = below(z, 4097);
		p->seed = rnd(z);
		break;
	}
	case DTEST_IOC_EDU_MAPPER: {
		struct dtest_edu_mapper *p = a;

		p->op = below(z, 5);
		if (p->op == DTEST_EDU_MAPPER_ATTACH) {
			p->base = below(z, 4) ? 1 << 20 : (uint64_t)below(z, 512) << 12;
			p->size = below(z, 4) ? 16 << 20 : (uint64_t)below(z, 1 << 16) << 12;
		}
		break;
	}
	case DTEST_IOC_MAPPER_ALLOC: {
		struct dtest_mapper_alloc *p = a;

		p->flags = below(z, 4);
		p->size = below(z, 4) ? 1 + below(z, 64 << 10) : (uint64_t)below(z, 8) << 20;
		p->len = 1 + below(z, p->size && p->size < 4095 ? p->size : 4095);
		p->seed = rnd(z);
		break;
	}
	case DTEST_IOC_MAPPER_SYSMMU: {
		struct dtest_mapper_sysmmu *p = a;

		p->model = below(z, 3);
		p->flags = below(z, 2);
		p->size = (uint64_t)(1 + below(z, 64)) << 12;
		p->seed = rnd(z);
		break;
	}
	case DTEST_IOC_MAPPER_BENCH: {
		struct dtest_mapper_bench *p = a;

		p->flags = below(z, 2);
		p->iters = 1 + below(z, 8);
		p->size = (uint64_t)(1 + below(z, 16)) << 12;
		break;
	}
	case DTEST_IOC_DMABUF_ALLOC: {
		struct dtest_dmabuf_alloc *p = a;

		p->flags = below(z, 4);
		p->policy = below(z, 8) ? below(z, 3) : below(z, 5);
		p->size = below(z, 4) ? 1 + below(z, 256 << 10) : (uint64_t)below(z, 8) << 20;
		/* A pool of CMA_POOL_CREATE/FIND (pool ids are among the handles). */
		p->pool_id = below(z, 4) ? 0 : z->handles[below(z, 8)];
		break;
	}
	case DTEST_IOC_DMABUF_ATT_INFO: {
		struct dtest_dmabuf_att_info *p = a;

		p->handle = below(z, 4) ? z->handles[below(z, 8)] : below(z, 8);
		break;
	}
	case DTEST_IOC_DMABUF_PHYS: {
		struct dtest_dmabuf_phys *p = a;

		p->fd = fd_arg(z);
		break;
	}
	case DTEST_IOC_DMABUF_ATTACH: {
		struct dtest_dmabuf_attach *p = a;

		p->fd = fd_arg(z);
		p->device = below(z, 8) ? 1 + below(z, 5) : below(z, 7);
		break;
	}
	case DTEST_IOC_DMABUF_MAP: {
		struct dtest_dmabuf_map *p = a;

		p->flags = below(z, 3) ? 0 : DTEST_DMABUF_MAP_UNMAP;
		p->handle = below(z, 4) ? z->handles[below(z, 8)] : below(z, 8);
		p->dir = p->flags ? 0 : below(z, 3);
		break;
	}
	case DTEST_IOC_DMABUF_DMA: {
		struct dtest_dmabuf_dma *p = a;

		p->flags = below(z, 2);
		p->handle = below(z, 4) ? z->handles[below(z, 8)] : below(z, 8);
		p->offset = below(z, 3) ? below(z, 8192) : (uint64_t)below(z, 512) << 12;
		p->len = 1 + below(z, 8192);
		p->seed = rnd(z);
		break;
	}
	case DTEST_IOC_DMABUF_DETACH: {
		struct dtest_dmabuf_detach *p = a;

		p->handle = below(z, 4) ? z->handles[below(z, 8)] : below(z, 8);
		break;
	}
	case DTEST_IOC_DMABUF_INFO: {
		struct dtest_dmabuf_info *p = a;

		p->fd = fd_arg(z);
		break;
	}
	case DTEST_IOC_DMABUF_STATS: {
		struct dtest_dmabuf_stats *p = a;

		p->flags = below(z, 2);
		break;
	}
	case DTEST_IOC_DMABUF_OWNER: {
		struct dtest_dmabuf_owner *p = a;

		p->limit = below(z, 2) ? 0 : (uint64_t)below(z, 512) << 12;
		break;
	}
	case DTEST_IOC_DMABUF_VMAP: {
		struct dtest_dmabuf_vmap *p = a;

		p->flags = below(z, 2);
		p->fd = fd_arg(z);
		p->offset = below(z, 3) ? below(z, 8192) : (uint64_t)below(z, 512) << 12;
		p->len = 1 + below(z, 16384);
		p->seed = rnd(z);
		break;
	}
	case DMA_BUF_IOCTL_SYNC: {
		struct dma_buf_sync *p = a;

		p->flags = below(z, 4) ? (below(z, 2) ? DMA_BUF_SYNC_START : DMA_BUF_SYNC_END) |
			   (1 + below(z, 3)) : rnd(z);
		break;
	}
	default:
		break;
	}
}

/*
 * The slow commands, per process: each real CMA allocation takes a whole
 * pageblock (migrated, zeroed), a pool migrates its range, a SYSMMU
 * context registers a platform device, an edu round trip is 200 ms of
 * device time.  Past its budget a command still goes in, made invalid by
 * an unknown bit in its first field (flags, or op): the checks run, the
 * work does not.
 */
static const struct {
	unsigned int nr, max;
} budgets[] = {
	{ _IOC_NR(DTEST_IOC_CMA_ALLOC), 300 },
	{ _IOC_NR(DTEST_IOC_CMA_POOL_CREATE), 30 },
	{ _IOC_NR(DTEST_IOC_SYSMMU_CREATE), 300 },
	{ _IOC_NR(DTEST_IOC_EDU_DMA), 6 },
	{ _IOC_NR(DTEST_IOC_EDU_MAPPER), 100 },
	{ _IOC_NR(DTEST_IOC_MAPPER_ALLOC), 6 },	/* an edu round trip */
	{ _IOC_NR(DTEST_IOC_MAPPER_SYSMMU), 30 },
	{ _IOC_NR(DTEST_IOC_MAPPER_BENCH), 4 },
	{ _IOC_NR(DTEST_IOC_DMABUF_ALLOC), 300 },
	{ _IOC_NR(DTEST_IOC_DMABUF_DMA), 60 },	/* edu among the devices */
};

static void budget(struct fz *z, unsigned long cmd)
{
	unsigned int i;

	/*
	 * udmabuf (6.12) maps its table in the direction of the first sync
	 * and then syncs it in whatever direction later ones ask: DMA-API
	 * debug reports that as a driver bug, the kernel's, not ours.  Every
	 * sync here is read/write, so that bug stays out of our runs.
	 */
	if (cmd == DMA_BUF_IOCTL_SYNC)
		((struct dma_buf_sync *)z->arg)->flags |= DMA_BUF_SYNC_RW;

	if (_IOC_TYPE(cmd) != DTEST_IOC_MAGIC)
		return;
	for (i = 0; i < ARRAY_SIZE(budgets); i++) {
		if (_IOC_NR(cmd) != budgets[i].nr)
			continue;
		if (z->used[i] >= budgets[i].max)
			((uint32_t *)z->arg)[0] |= 1u << 31;
		else
			z->used[i]++;
	}
	if (_IOC_NR(cmd) == _IOC_NR(DTEST_IOC_CMA_POOL_CREATE)) {
		struct dtest_cma_pool *p = (void *)z->arg;

		/* Nothing that would take most of the guest's memory. */
		if (p->size > (32 << 20) && p->size < (1ull << 40))
			p->size = 0;
	}
	if (_IOC_NR(cmd) == _IOC_NR(DTEST_IOC_SYSMMU_DMA)) {
		struct dtest_sysmmu_dma *p = (void *)z->arg;

		if (p->len > MAX_DMA_LEN)
			p->len = 1 + p->len % MAX_DMA_LEN;
	}
	if (_IOC_NR(cmd) == _IOC_NR(DTEST_IOC_DMABUF_DMA)) {
		struct dtest_dmabuf_dma *p = (void *)z->arg;

		if (p->len > MAX_DMA_LEN)
			p->len = 1 + p->len % MAX_DMA_LEN;
	}
	if (_IOC_NR(cmd) == _IOC_NR(DTEST_IOC_DMABUF_ALLOC)) {
		struct dtest_dmabuf_alloc *p = (void *)z->arg;

		/* Nothing that would take most of the guest's memory. */
		if (p->size > (16 << 20) && p->size < (1ull << 40))
			p->size = 0;
	}
	if (_IOC_NR(cmd) == _IOC_NR(DTEST_IOC_CMA_RW)) {
		struct dtest_cma_rw *p = (void *)z->arg;

		if (p->len > ARGBUF)
			p->len %= ARGBUF;
	}
}

/* Remember handles and ids the kernel gave back, for later commands. */
static void learn(struct fz *z, unsigned long cmd)
{
	unsigned int slot;
	uint32_t id = 0;

	if (cmd == DTEST_IOC_DMABUF_ALLOC) {
		/* Our own dma-buf: a descriptor for later commands and mmaps. */
		slot = below(z, NFDS);
		if (z->fds[slot] >= 0)
			close(z->fds[slot]);
		z->fds[slot] = ((struct dtest_dmabuf_alloc *)z->arg)->fd;
		return;
	}
	if (cmd == DTEST_IOC_DMABUF_ATTACH)
		id = ((struct dtest_dmabuf_attach *)z->arg)->handle;
	else if (cmd == DTEST_IOC_CMA_ALLOC)
		id = ((struct dtest_cma_alloc *)z->arg)->handle;
	else if (cmd == DTEST_IOC_CMA_POOL_CREATE)
		id = ((struct dtest_cma_pool *)z->arg)->pool_id;
	else if (cmd == DTEST_IOC_SYSMMU_CREATE)
		id = ((struct dtest_sysmmu_create *)z->arg)->handle;
	if (id)
		z->handles[below(z, ARRAY_SIZE(z->handles))] = id;
}

static int pick_fd(struct fz *z)
{
	switch (below(z, 16)) {
	case 0:
		return -1;
	case 1:
		return 1000 + below(z, 24);	/* most likely closed */
	default:
		return z->fds[below(z, NFDS)];
	}
}

/*
 * Is @fd a system dma-heap buffer?  The heap's begin/end_cpu_access sync
 * every attachment's table in the direction of the CPU access, not the
 * one it was mapped in, which DMA-API debug reports as a driver bug (the
 * heap's, not ours); mapping heap buffers bidirectionally instead makes
 * two devices' writable mappings of the same pages overlap, which it
 * reports too.  So the fuzzer does not sync heap buffers: everything
 * else (attach, map, DMA, mmap, close orders) it still does with them.
 */
static int heap_dmabuf(int fd)
{
	char path[64], buf[512];
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return 0;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return !!strstr(buf, "exp_name:\tsystem\n");
}

static void op_ioctl(struct fz *z)
{
	unsigned long cmd;
	unsigned int size, i, edge = 0;
	int fd = pick_fd(z);
	void *arg = z->arg;

	switch (below(z, 10)) {
	case 0:	/* our magic, any number, any size and direction */
		cmd = _IOC(below(z, 4), DTEST_IOC_MAGIC, below(z, 0x50), below(z, 256));
		memset(z->arg, 0, 256);
		break;
	case 1:	/* anything */
		cmd = (unsigned long)(uint32_t)rnd(z);
		memset(z->arg, 0, 256);
		break;
	default:
		cmd = known_cmds[below(z, ARRAY_SIZE(known_cmds))];
		smart_arg(z, cmd);
		break;
	}
	/* Mutations: a random field, random bytes, a resized or bad argument. */
	switch (below(z, 12)) {
	case 0:
		for (i = 0; i < 256; i++)
			z->arg[i] = rnd(z);
		break;
	case 1:
	case 2:
		((uint32_t *)z->arg)[below(z, 32)] = interesting(z);
		break;
	case 3:
		((uint64_t *)z->arg)[below(z, 16)] = interesting(z);
		break;
	case 4:
		size = below(z, 3) ? below(z, 256) : _IOC_SIZEMASK;
		cmd = (cmd & ~((unsigned long)_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
		      ((unsigned long)size << _IOC_SIZESHIFT);
		break;
	case 5:
		arg = below(z, 2) ? (void *)z->hole : NULL;
		break;
	case 6:	/* the argument ends at the edge of the mapping */
		size = _IOC_SIZE(cmd) ? _IOC_SIZE(cmd) : 8;
		if (size <= 256)
			edge = size;
		break;
	default:
		break;
	}
	budget(z, cmd);
	if (cmd == DMA_BUF_IOCTL_SYNC && heap_dmabuf(fd))
		return;
	if (edge) {
		memmove(z->data + ARGBUF - edge, z->arg, edge);
		arg = z->data + ARGBUF - edge + below(z, 2) * 4;
	}
	if (!ioctl(fd, cmd, arg) && arg == z->arg)
		learn(z, cmd);
}

/*
 * A dma-buf of another exporter: a dma-heap buffer.  Not udmabuf: its
 * begin_cpu_access (6.12) builds its sg table unlocked on the first sync,
 * so two processes syncing one fd at once leak a table (kmemleak saw it
 * in make check), a kernel bug this fuzzer would otherwise keep finding.
 */
static int foreign_dmabuf(struct fz *z)
{
	struct dma_heap_allocation_data h = {
		.len = (1 + below(z, 4)) * 4096, .fd_flags = O_RDWR | O_CLOEXEC,
	};
	int heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	int fd = -1;

	if (heap < 0)
		return -1;
	if (!ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &h))
		fd = h.fd;
	close(heap);
	return fd;
}

/* A memfd of 16 KiB: any mapping of it can touch its first page. */
static int memfd16k(void)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd >= 0 && ftruncate(fd, 16 << 10)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int new_fd(struct fz *z)
{
	switch (below(z, 10)) {
	case 0:
		return open("/dev/null", O_RDWR | O_CLOEXEC);
	case 1:
		return memfd16k();
	case 2:
		return foreign_dmabuf(z);
	default:
		return open(dev_path, O_RDWR | O_CLOEXEC);
	}
}

static void op_mmap(struct fz *z)
{
	int fd = z->fds[below(z, NFDS)];
	size_t len = (1 + below(z, 4)) * 4096;
	int prot = below(z, 4) ? PROT_READ | PROT_WRITE : PROT_READ;
	unsigned char *p;
	struct dma_buf_sync s = { 0 };
	int heap;

	if (fd < 0)
		return;
	p = mmap(NULL, len, prot, MAP_SHARED, fd, below(z, 8) ? 0 : 4096);
	if (p == MAP_FAILED)
		return;
	/* Touch only the first page: it exists whenever the mapping does. */
	heap = heap_dmabuf(fd);
	s.flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW;
	if (!heap)
		ioctl(fd, DMA_BUF_IOCTL_SYNC, &s);
	if (prot & PROT_WRITE)
		p[below(z, 4096)] ^= 1;
	else
		(void)__atomic_load_n(&p[below(z, 4096)], __ATOMIC_RELAXED);
	s.flags = DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW;
	if (!heap)
		ioctl(fd, DMA_BUF_IOCTL_SYNC, &s);
	munmap(p, len);
}

static void run_ops(struct fz *z, unsigned long n);

static void op_fork(struct fz *z)
{
	uint64_t seed = rnd(z);
	pid_t pid = fork();

	if (pid == 0) {
		z->rng = seed;
		run_ops(z, CHILD_OPS);
		while (wait(NULL) > 0)
			;
		_exit(0);
	}
	/* Reap what has finished; the rest is waited for at the end. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void run_ops(struct fz *z, unsigned long n)
{
	unsigned long i;
	unsigned int slot;
	int fd;

	for (i = 0; i < n; i++) {
		unsigned int r = below(z, 1000);

		if (r < 940) {
			op_ioctl(z);
		} else if (r < 960) {
			slot = below(z, NFDS);
			if (z->fds[slot] >= 0)
				close(z->fds[slot]);
			z->fds[slot] = new_fd(z);
		} else if (r < 975) {
			slot = below(z, NFDS);
			if (z->fds[slot] >= 0)
				close(z->fds[slot]);
			z->fds[slot] = -1;
		} else if (r < 985) {
			slot = below(z, NFDS);
			fd = z->fds[below(z, NFDS)];
			if (fd >= 0) {
				if (z->fds[slot] >= 0 && z->fds[slot] != fd)
					close(z->fds[slot]);
				if (z->fds[slot] != fd)
					z->fds[slot] = dup(fd);
			}
		} else if (r < 999 || below(z, 4)) {
			op_mmap(z);
		} else {
			op_fork(z);	/* one in 4000 */
		}
		if ((i & 1023) == 1023)
			__atomic_fetch_add(ops_total, 1024, __ATOMIC_RELAXED);
	}
	__atomic_fetch_add(ops_total, n & 1023, __ATOMIC_RELAXED);
}

static int worker(uint64_t seed, unsigned long n)
{
	struct fz z = { .rng = seed };
	unsigned char *mem;
	unsigned int i;

	/* arg, data, then a page left unmapped. */
	mem = mmap(NULL, 3 * ARGBUF, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 1;
	z.arg = mem;
	z.data = mem + ARGBUF;
	z.hole = mem + 2 * ARGBUF;
	munmap(z.hole, ARGBUF);
	for (i = 0; i < NFDS; i++)
		z.fds[i] = i < NFDS / 2 ? open(dev_path, O_RDWR | O_CLOEXEC) : new_fd(&z);
	run_ops(&z, n);
	for (i = 0; i < NFDS; i++)
		if (z.fds[i] >= 0)
			close(z.fds[i]);
	while (wait(NULL) > 0)
		;
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What a run can leave beyond its files: pools and the mapper window. */
static void clean_globals(int fd)
{
	struct dtest_edu_mapper m = { .op = DTEST_EDU_MAPPER_DETACH };
	struct dtest_cma_id d = { 0 };

	for (d.id = 1; d.id < 1024; d.id++)
		xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &d);
	xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
}

int suite_fuzz(void)
{
	uint64_t seed = opt_seed;
	unsigned long ops = opt_ops ? opt_ops : 1000000;
	struct dtest_stats base, end;
	int fd, status, w, ok = 1, err;
	pid_t pids[WORKERS];
	char diff[256];
	unsigned long total;
	double t0, dt;

	if (!opt_seed_set) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_sec * 1000003u ^ ts.tv_nsec ^ getpid();
	}
	diag("seed %llu (replay: dmabuf-test --seed %llu --ops %lu fuzz)",
	     (unsigned long long)seed, (unsigned long long)seed, ops);
	fflush(stdout);

	fd = open_dev();
	clean_globals(fd);
	err = stats_read(fd, &base);
	close(fd);
	if (!tap(!err, "test_exporter: fuzz: STATS answers (%s)", err ? strerror(err) : "ok"))
		return tap_done();

	ops_total = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ops_total == MAP_FAILED) {
		printf("Bail out! mmap: %s\n", strerror(errno));
		return 1;
	}
	__atomic_store_n(ops_total, 0, __ATOMIC_RELAXED);
	t0 = now_s();
	for (w = 0; w < WORKERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			_exit(worker(seed + 0x9e3779b97f4a7c15ull * (w + 1), ops / WORKERS));
	}
	for (w = 0; w < WORKERS; w++) {
		if (waitpid(pids[w], &status, 0) != pids[w] || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			diag("worker %d: %s %d", w,
			     WIFSIGNALED(status) ? "killed by signal" : "exit status",
			     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			ok = 0;
		}
	}
	dt = now_s() - t0;
	tap(ok, "test_exporter: fuzz: %d workers ran to the end, no process killed", WORKERS);
	total = __atomic_load_n(ops_total, __ATOMIC_RELAXED);
	tap(total >= ops, "test_exporter: fuzz: %lu operations in %.1f s, %.0f ops/s (seed %llu)",
	    total, dt, total / dt, (unsigned long long)seed);

	fd = open_dev();
	clean_globals(fd);
	err = stats_read(fd, &end);
	close(fd);
	tap(!err && !stats_diff(&base, &end, diff, sizeof(diff)),
	    "test_exporter: fuzz: counters back at baseline after the run%s", diff);
	return tap_done();
}
