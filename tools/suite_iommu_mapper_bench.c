// SPDX-License-Identifier: GPL-2.0
/*
 * suite_iommu_mapper_bench.c - "dmabuf-test iommu_mapper_bench", in one
 * boot:
 *  - dma_map_sg()+dma_unmap_sg() of 4 KiB..64 MiB lists on edu through
 *    its default IOMMU path (dma-iommu) and through an iommu_mapper window
 *    (DTEST_IOC_MAPPER_BENCH), lazy and strict;
 *  - IOVA allocation+free rate of the mapper's allocator against the
 *    kernel's alloc_iova_fast() on an equal window, 1 and 2 threads
 *    (debugfs iommu_mapper/iova_bench);
 *  - the kernel's own dma_map_benchmark (CONFIG_DMA_MAP_BENCHMARK, the
 *    debug kernel; its debugfs file appears once a device is bound) on
 *    edu through its default path and through a mapper window attached
 *    with the debugfs knob, lazy and strict.
 * A benchmark, not a test: the TAP lines say only that each measurement
 * ran; the numbers and ratios (>1: the mapper is faster) are diagnostics.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/types.h>

#include "harness.h"

/* The kernel's include/linux/map_benchmark.h (not a uapi header). */
struct map_benchmark {
	__u64 avg_map_100ns;
	__u64 map_stddev;
	__u64 avg_unmap_100ns;
	__u64 unmap_stddev;
	__u32 threads;
	__u32 seconds;
	__s32 node;
	__u32 dma_bits;
	__u32 dma_dir;
	__u32 dma_trans_ns;
	__u32 granule;
	__u8 expansion[76];
};

#define DMA_MAP_BENCHMARK	_IOWR('d', 1, struct map_benchmark)
#define BENCH_FILE		"/sys/kernel/debug/dma_map_benchmark"
#define KNOB			"/sys/kernel/debug/iommu_mapper/"
#define PCI_DEVS		"/sys/bus/pci/devices/"

/* Bind PCI device @name to @driver ("" clears the override). */
static int rebind(const char *name, const char *driver)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), PCI_DEVS "%s/driver/unbind", name);
	sysfs_write(path, name);		/* may be bound to nothing */
	snprintf(path, sizeof(path), PCI_DEVS "%s/driver_override", name);
	err = sysfs_write(path, *driver ? driver : "\n");
	if (err || !*driver)
		return err;
	snprintf(path, sizeof(path), "/sys/bus/pci/drivers/%s/bind", driver);
	return sysfs_write(path, name);
}

/* How many times faster the mapper is (>1: faster); 0 when unmeasured. */
static double ratio(unsigned long long base, unsigned long long mapper)
{
	return mapper ? (double)base / mapper : 0.0;
}

static int bench(unsigned int granule, struct map_benchmark *mb)
{
	int fd = open(BENCH_FILE, O_RDWR);
	int err;

	if (fd < 0)
		return errno;
	memset(mb, 0, sizeof(*mb));
	mb->threads = 1;
	mb->seconds = 2;
	mb->node = -1;
	mb->dma_bits = 28;
	mb->dma_dir = 0;	/* DMA_MAP_BIDIRECTIONAL */
	mb->granule = granule;
	err = ioctl(fd, DMA_MAP_BENCHMARK, mb) ? errno : 0;
	close(fd);
	return err;
}

static void sg_bench(void)
{
	static const struct { unsigned long long size; unsigned int iters; } runs[] = {
		{ 4 << 10, 4000 }, { 64 << 10, 2000 }, { 1 << 20, 400 },
		{ 4 << 20, 100 }, { 16 << 20, 25 }, { 64 << 20, 6 },
	};
	struct dtest_mapper_bench b, st;
	unsigned int i;
	int fd = open_dev();
	int err, e2;

	diag("map_sg+unmap_sg of order-0 page lists on edu, ns per pair; x = default / mapper");
	diag("%10s %6s  %12s %12s %6s  %12s %6s", "size", "iters", "dma-iommu", "mapper",
	     "x", "strict", "x");
	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		memset(&b, 0, sizeof(b));
		b.size = runs[i].size;
		b.iters = runs[i].iters;
		err = xioctl(fd, DTEST_IOC_MAPPER_BENCH, &b);
		memset(&st, 0, sizeof(st));
		st.size = runs[i].size;
		st.iters = runs[i].iters;
		st.flags = DTEST_MAPPER_BENCH_STRICT;
		e2 = xioctl(fd, DTEST_IOC_MAPPER_BENCH, &st);
		tap(!err && !e2 && b.mapper_maps == b.iters && st.mapper_maps == st.iters,
		    "iommu_mapper: map_sg benchmark of %llu KiB ran through both paths",
		    runs[i].size >> 10);
		if (err || e2) {
			diag("%s", strerror(err ? err : e2));
			continue;
		}
		diag("%10llu %6u  %12llu %12llu %6.2f  %12llu %6.2f", runs[i].size, b.iters,
		     b.default_ns / b.iters, b.mapper_ns / b.iters,
		     (double)b.default_ns / b.mapper_ns, st.mapper_ns / st.iters,
		     (double)st.default_ns / st.mapper_ns);
	}
	close(fd);
}

static void iova_bench(void)
{
	static const unsigned int sizes[] = { 4 << 10, 64 << 10, 1 << 20 };
	unsigned long long ops, mns, ins;
	unsigned int i, t;
	char cmd[64], line[160];
	int failures, err;
	FILE *f;

	diag("IOVA alloc+free, 32 held per thread per round; ns per operation;");
	diag("x = iova.c / mapper");
	diag("%8s %7s  %10s %10s %6s", "size", "threads", "iova.c", "mapper", "x");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (t = 1; t <= 2; t++) {
			snprintf(cmd, sizeof(cmd), "%u %u %u", sizes[i], 20000 / t, t);
			err = sysfs_write(KNOB "iova_bench", cmd);
			f = err ? NULL : fopen(KNOB "iova_bench", "r");
			line[0] = '\0';
			if (f) {
				if (!fgets(line, sizeof(line), f))
					line[0] = '\0';
				fclose(f);
			}
			if (!err && sscanf(line, "ops %llu mapper_ns %llu iova_ns %llu failures %d",
					   &ops, &mns, &ins, &failures) != 4)
				err = EIO;
			tap(!err && !failures && ops,
			    "iommu_mapper: IOVA benchmark, %u bytes, %u thread(s)", sizes[i], t);
			if (err || failures || !ops)
				continue;
			diag("%8u %7u  %10.1f %10.1f %6.2f", sizes[i], t, (double)ins / ops,
			     (double)mns / ops, (double)ins / mns);
		}
	}
}

int suite_iommu_mapper_bench(void)
{
	static const unsigned int granules[] = { 1, 16, 256 };
	struct map_benchmark base, mapper, strict;
	char name[64], cmd[128];
	unsigned int i;
	int err;

	sg_bench();
	iova_bench();
	if (access("/sys/bus/pci/drivers/dma_map_benchmark", F_OK)) {
		diag("no dma_map_benchmark driver (needs CONFIG_DMA_MAP_BENCHMARK): skipped");
		return tap_done();
	}
	if (edu_pci_name(name, sizeof(name))) {
		printf("Bail out! no edu device\n");
		return 1;
	}
	err = rebind(name, "dma_map_benchmark");
	if (!expect_errno(err, 0, "iommu_mapper: edu bound to dma_map_benchmark"))
		return tap_done();

	diag("dma_map_benchmark on edu, 1 thread, 2 s each; latency in 100 ns units");
	diag("%8s  %10s %10s %10s  %10s %10s %10s  %6s %6s %6s %6s", "granule", "iommu map",
	     "mapper map", "strict map", "iommu unm", "mapper unm", "strict unm", "map x",
	     "unm x", "s.map x", "s.unm x");
	for (i = 0; i < ARRAY_SIZE(granules); i++) {
		err = bench(granules[i], &base);
		snprintf(cmd, sizeof(cmd), "%s 0x100000 0x4000000", name);
		if (!err)
			err = sysfs_write(KNOB "attach", cmd);
		if (!err) {
			err = bench(granules[i], &mapper);
			sysfs_write(KNOB "detach", name);
		}
		snprintf(cmd, sizeof(cmd), "%s 0x100000 0x4000000 strict", name);
		if (!err)
			err = sysfs_write(KNOB "attach", cmd);
		if (!err) {
			err = bench(granules[i], &strict);
			sysfs_write(KNOB "detach", name);
		}
		tap(!err, "iommu_mapper: dma_map_benchmark of %u pages, default path and mapper",
		    granules[i]);
		if (err) {
			diag("%s", strerror(err));
			continue;
		}
		diag("%8u  %10llu %10llu %10llu  %10llu %10llu %10llu  %6.2f %6.2f %6.2f %6.2f",
		     granules[i], (unsigned long long)base.avg_map_100ns,
		     (unsigned long long)mapper.avg_map_100ns,
		     (unsigned long long)strict.avg_map_100ns,
		     (unsigned long long)base.avg_unmap_100ns,
		     (unsigned long long)mapper.avg_unmap_100ns,
		     (unsigned long long)strict.avg_unmap_100ns,
		     ratio(base.avg_map_100ns, mapper.avg_map_100ns),
		     ratio(base.avg_unmap_100ns, mapper.avg_unmap_100ns),
		     ratio(base.avg_map_100ns, strict.avg_map_100ns),
		     ratio(base.avg_unmap_100ns, strict.avg_unmap_100ns));
	}
	expect_errno(rebind(name, "dmabuf-test-edu"), 0,
		     "iommu_mapper: edu given back to test_exporter");
	return tap_done();
}
