// SPDX-License-Identifier: GPL-2.0
/*
 * suite_dmabuf_bench.c - "dmabuf-test dmabuf_bench": a benchmark, not a
 * test.  dmabuf_core's system-page backing against the kernel's system
 * dma-heap (/dev/dma_heap/system), in the same boot, through the same
 * importer (test_exporter attaching its software scatter-gather device,
 * on dma-direct: no IOMMU, segments of any length, so the kernel heap's
 * 1 MiB entries are legal for it under DMA-API debug too):
 *
 *   round trip  allocate + export (fd) + attach + map + unmap + detach +
 *               close, the buffer freed at the close
 *   mmap        allocate, mmap the whole buffer, write one byte in every
 *               page, munmap, close
 *
 * for 4 KiB to 64 MiB.  Each line gives the mean time per iteration of
 * both and their ratio (ours / heap; below 1.0 is faster).  The order of
 * the two alternates between rounds so neither always runs on a warmer
 * page allocator.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/dma-heap.h>

#include "harness.h"
#include "dmabuf_util.h"

#define KiB	1024ull
#define MAX_ITERS	100
#define MiB	(1024ull * 1024)

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* A buffer of @size: ours (heap < 0) or from the heap; fd or -1. */
static int bench_alloc(int fd, int heap, uint64_t size)
{
	struct dma_heap_allocation_data a = { .len = size, .fd_flags = O_RDWR | O_CLOEXEC };

	if (heap < 0)
		return d_alloc(fd, size, DTEST_DMABUF_POLICY_SYSTEM, DTEST_DMABUF_ALLOC_CLOEXEC);
	return ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &a) ? -1 : (int)a.fd;
}

/* The round trip's steps, and the time each took per iteration and side (ours, heap). */
enum { STEP_ALLOC, STEP_ATTACH, STEP_MAP, STEP_UNMAP, STEP_DETACH, STEP_CLOSE, NR_STEPS };
static const char * const step_names[NR_STEPS] = {
	"alloc", "attach", "map", "unmap", "detach", "close",
};

static double step_us[2][NR_STEPS][MAX_ITERS];
static unsigned int step_iter;

/* Records the time since *@t0 as step @step of side @heap, and restarts *@t0. */
static void step_done(int heap, unsigned int step, double *t0)
{
	double t = now_us();

	step_us[heap >= 0][step][step_iter] = t - *t0;
	*t0 = t;
}

static int round_trip(int fd, int heap, uint64_t size)
{
	double t0 = now_us();
	int bfd = bench_alloc(fd, heap, size), err;
	uint32_t h;

	if (bfd < 0)
		return -1;
	step_done(heap, STEP_ALLOC, &t0);
	h = d_attach(fd, bfd, DTEST_DMABUF_DEV_SG);
	step_done(heap, STEP_ATTACH, &t0);
	err = !h || d_map(fd, h, DTEST_DMABUF_BIDIRECTIONAL, NULL);
	step_done(heap, STEP_MAP, &t0);
	err = err || d_unmap(fd, h);
	step_done(heap, STEP_UNMAP, &t0);
	err = err || d_detach(fd, h);
	step_done(heap, STEP_DETACH, &t0);
	close(bfd);
	step_done(heap, STEP_CLOSE, &t0);
	return err ? -1 : 0;
}

static int mmap_touch(int fd, int heap, uint64_t size)
{
	int bfd = bench_alloc(fd, heap, size);
	uint64_t off;
	uint8_t *p;

	if (bfd < 0)
		return -1;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bfd, 0);
	if (p == MAP_FAILED) {
		close(bfd);
		return -1;
	}
	/* Each store is a write the compiler must keep: the mapping is shared. */
	for (off = 0; off < size; off += 4096)
		__atomic_store_n(&p[off], (uint8_t)off, __ATOMIC_RELAXED);
	munmap(p, size);
	close(bfd);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Where the round trip's time went: the median of each step, both sides. */
static void steps_diag(unsigned int iters)
{
	char line[256];
	unsigned int s, k;
	int n;

	for (k = 0; k < 2; k++) {
		n = snprintf(line, sizeof(line), "  %s steps (median us):", k ? "heap" : "ours");
		for (s = 0; s < NR_STEPS; s++)
			n += snprintf(line + n, sizeof(line) - n, " %s %.0f", step_names[s],
				      median(step_us[k][s], iters));
		diag("%s", line);
	}
}

typedef int (*bench_fn)(int fd, int heap, uint64_t size);

/* Median microseconds of @iters (at most MAX_ITERS) runs of ours and the heap's. */
static int measure(bench_fn fn, int fd, int heap, uint64_t size,
		   unsigned int iters, double *ours, double *theirs)
{
	static double t[2][MAX_ITERS];
	unsigned int i, k;
	double t0;

	/* One of each first, untimed: page tables, caches, slabs. */
	if (fn(fd, -1, size) || fn(fd, heap, size))
		return -1;
	for (i = 0; i < iters; i++) {
		step_iter = i;
		for (k = 0; k < 2; k++) {
			int which = (i + k) & 1;	/* alternate who goes first */

			t0 = now_us();
			if (fn(fd, which ? heap : -1, size))
				return -1;
			t[which][i] = now_us() - t0;
		}
	}
	*ours = median(t[0], iters);
	*theirs = median(t[1], iters);
	return 0;
}

static const char *ratio_str(double r)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "ratio %.2f", r);
	return buf;
}

int suite_dmabuf_bench(void)
{
	static const uint64_t sizes[] = { 4 * KiB, 64 * KiB, 1 * MiB, 4 * MiB, 16 * MiB,
					  64 * MiB };
	static const struct {
		const char *name, *id;
		bench_fn fn;
	} kinds[] = {
		{ "round trip", "round_trip", round_trip },
		{ "mmap + touch", "mmap_touch", mmap_touch },
	};
	char param[32];
	struct bench_result r = {
		.suite = "dmabuf_bench", .param = param, .unit = "us",
		.vs = "system_heap",
	};
	int fd = open_dev(), heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	unsigned int i, k, iters;
	double ours, theirs;

	if (heap < 0) {
		tap(1, "dmabuf_core: benchmark # SKIP no /dev/dma_heap/system");
		close(fd);
		return tap_done();
	}
	diag("median per iteration, dmabuf_core (system pages) vs the system dma-heap");
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			iters = sizes[i] >= 16 * MiB ? 9 : sizes[i] >= MiB ? 31 : MAX_ITERS;
			if (measure(kinds[k].fn, fd, heap, sizes[i], iters, &ours, &theirs)) {
				tap(0, "dmabuf_core: bench %s %llu KiB: %s", kinds[k].name,
				    (unsigned long long)(sizes[i] / KiB), strerror(errno));
				continue;
			}
			tap(1, "dmabuf_core: bench %s %llu KiB: ours %.0f us, heap %.0f us, %s",
			    kinds[k].name, (unsigned long long)(sizes[i] / KiB), ours, theirs,
			    ratio_str(ours / theirs));
			snprintf(param, sizeof(param), "%lluKiB",
				 (unsigned long long)(sizes[i] / KiB));
			if (kinds[k].fn == round_trip)
				steps_diag(iters);
			r.name = kinds[k].id;
			r.ours = ours;
			r.mainline = theirs;
			bench_line(&r);
		}
	}
	close(heap);
	close(fd);
	return tap_done();
}
