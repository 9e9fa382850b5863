// SPDX-License-Identifier: GPL-2.0
/*
 * suite_iommu_mapper_bench.c - "dmabuf-test iommu_mapper_bench": the
 * kernel's own dma_map_benchmark (CONFIG_DMA_MAP_BENCHMARK, the debug
 * kernel; its debugfs file appears once a device is bound) run on the edu
 * device through its default IOMMU path and then through an iommu_mapper
 * window attached with the debugfs knob, in the same boot.  A benchmark,
 * not a test: the TAP lines say only that each measurement ran; the
 * numbers and ratios are diagnostics.
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

int suite_iommu_mapper_bench(void)
{
	static const unsigned int granules[] = { 1, 16, 256 };
	struct map_benchmark base, mapper;
	char name[64], cmd[128], param[16];
	struct bench_result r = {
		.suite = "iommu_mapper_bench", .param = param, .unit = "100ns",
		.vs = "dma-iommu",
	};
	unsigned int i;
	int err;

	if (access("/sys/bus/pci/drivers/dma_map_benchmark", F_OK)) {
		printf("1..0 # SKIP no dma_map_benchmark driver (%s)\n",
		       "needs CONFIG_DMA_MAP_BENCHMARK");
		return 0;
	}
	if (edu_pci_name(name, sizeof(name))) {
		printf("Bail out! no edu device\n");
		return 1;
	}
	err = rebind(name, "dma_map_benchmark");
	if (!expect_errno(err, 0, "iommu_mapper: edu bound to dma_map_benchmark"))
		return tap_done();

	diag("dma_map_benchmark on edu, 1 thread, 2 s each; latency in 100 ns units");
	diag("%8s  %12s %12s  %12s %12s  %6s %6s", "granule", "iommu map", "mapper map",
	     "iommu unmap", "mapper unmap", "map x", "unmap x");
	for (i = 0; i < ARRAY_SIZE(granules); i++) {
		err = bench(granules[i], &base);
		snprintf(cmd, sizeof(cmd), "%s 0x100000 0x4000000", name);
		if (!err)
			err = sysfs_write(KNOB "attach", cmd);
		if (!err) {
			err = bench(granules[i], &mapper);
			sysfs_write(KNOB "detach", name);
		}
		tap(!err, "iommu_mapper: dma_map_benchmark of %u pages, default path and mapper",
		    granules[i]);
		if (err) {
			diag("%s", strerror(err));
			continue;
		}
		/* Ratio: how many times faster the mapper is (>1: faster). */
		diag("%8u  %12llu %12llu  %12llu %12llu  %6.2f %6.2f", granules[i],
		     (unsigned long long)base.avg_map_100ns,
		     (unsigned long long)mapper.avg_map_100ns,
		     (unsigned long long)base.avg_unmap_100ns,
		     (unsigned long long)mapper.avg_unmap_100ns,
		     mapper.avg_map_100ns ?
		     (double)base.avg_map_100ns / mapper.avg_map_100ns : 0.0,
		     mapper.avg_unmap_100ns ?
		     (double)base.avg_unmap_100ns / mapper.avg_unmap_100ns : 0.0);
		/* The collected lines: ours / mainline, lower is better. */
		snprintf(param, sizeof(param), "%upages", granules[i]);
		r.name = "map";
		r.ours = mapper.avg_map_100ns;
		r.mainline = base.avg_map_100ns;
		bench_line(&r);
		r.name = "unmap";
		r.ours = mapper.avg_unmap_100ns;
		r.mainline = base.avg_unmap_100ns;
		bench_line(&r);
	}
	expect_errno(rebind(name, "dmabuf-test-edu"), 0,
		     "iommu_mapper: edu given back to test_exporter");
	return tap_done();
}
