// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf-test: userspace harness for /dev/dmabuf-test (test_exporter.ko).
 *
 * One subcommand per suite (suite_<name>.c); each prints TAP, one line per
 * check, named after the module it tests ("ok 3 test_exporter: ..."), and
 * exits non-zero if any check failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "harness.h"

static const struct {
	const char *name;
	int (*run)(void);
	const char *help;
} suites[] = {
	{ "uapi", suite_uapi,
	  "ioctl argument validation: version/info, unknown ioctls, flags,\n"
	  "           padding, sizes, bad pointers" },
	{ "edu", suite_edu,
	  "DMA by QEMU's edu device through its default DMA path, bytes\n"
	  "           verified; EDU_DMA argument validation" },
	{ "iommu_mapper", suite_iommu_mapper,
	  "edu attached to an iommu_mapper window: DMA through the\n"
	  "           mapper verified, detach restores its own path" },
	{ "iommu_mapper_bench", suite_iommu_mapper_bench,
	  "benchmark: the kernel's dma_map_benchmark on edu, default\n"
	  "           IOMMU path vs iommu_mapper (debug kernel)" },
	{ "exynos_sysmmu", suite_exynos_sysmmu,
	  "a device behind the SYSMMU model (v3.3 and v5.0 instances):\n"
	  "           scattered pages, stale TLB after a remap, faults\n"
	  "           (DMASHARE_SYSMMU_SKIP_FLUSH=1: the remap check with the\n"
	  "           driver's TLB flushes skipped, which must fail)" },
	{ "cma_pool", suite_cma_pool,
	  "contiguous pools: ioctls, limits, zeroing, reuse by the system,\n"
	  "           carveout (memmap=), module parameters (reloads the modules)" },
	{ "dmabuf", suite_dmabuf,
	  "dmabuf_core: late allocation, migration to a contiguous device,\n"
	  "           EBUSY, CPU access, vgem and dma-heap interop, fd passing,\n"
	  "           owner limits" },
	{ "dmabuf_bench", suite_dmabuf_bench,
	  "benchmark: dmabuf_core's system backing against the kernel's\n"
	  "           system dma-heap through the same importer (edu)" },
	{ "demo", suite_demo,
	  "make demo: one buffer through a SYSMMU master, edu and a\n"
	  "           contiguous device, migrating to cma_pool; narrated" },
	{ "fail_nth", suite_fail_nth,
	  "fault injection: every allocation of every ioctl scenario fails\n"
	  "           in turn (fail-nth); clean errno, counters back (debug kernel)" },
	{ "fuzz", suite_fuzz,
	  "seeded random ioctls, fds, mmap, close and fork orders in several\n"
	  "           processes (--seed N replays, --ops N, default 1000000)" },
	{ "stress", suite_stress,
	  "processes x threads sharing files over SCM_RIGHTS, allocating,\n"
	  "           mapping, DMA-ing, exhausting a pool (--ops N per thread)" },
	{ "access", suite_access,
	  "node mode and group (dev_mode=, dev_gid=), no addresses for a\n"
	  "           caller without CAP_SYS_ADMIN (reloads the modules)" },
	{ "cma_pool_bench", suite_cma_pool_bench,
	  "benchmark: cma_pool's default pool against the kernel's CMA heap\n"
	  "           (boot with cma=); results as TAP diagnostics" },
};

static int cmd_info(void)
{
	struct dtest_info info;
	int fd = open_dev();

	memset(&info, 0, sizeof(info));
	if (ioctl(fd, DTEST_IOC_INFO, &info)) {
		perror("DTEST_IOC_INFO");
		return 1;
	}
	printf("api_version %u\ninfo_size %u\nfeatures %#llx\n",
	       info.api_version, info.info_size,
	       (unsigned long long)info.features);
	close(fd);
	return 0;
}

static void print_usage(FILE *f)
{
	unsigned int i;

	fprintf(f,
		"usage: dmabuf-test [--device PATH] [--seed N] [--ops N] COMMAND\n"
		"\n"
		"Drives /dev/dmabuf-test (test_exporter.ko). Suites print TAP and\n"
		"exit non-zero when a check fails.\n"
		"\n"
		"suites:\n");
	for (i = 0; i < ARRAY_SIZE(suites); i++)
		fprintf(f, "  %-8s %s\n", suites[i].name, suites[i].help);
	fprintf(f,
		"commands:\n"
		"  info     print what the running test_exporter reports\n"
		"  hold     make one object of each kind, print \"holding\", wait for\n"
		"           end of file on stdin, check them, exit without freeing\n"
		"  --help   this text\n");
}

int main(int argc, char **argv)
{
	unsigned int s;
	int i = 1;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--device")) {
			dev_path = argv[i + 1];
		} else if (!strcmp(argv[i], "--seed")) {
			opt_seed = strtoull(argv[i + 1], NULL, 0);
			opt_seed_set = 1;
		} else if (!strcmp(argv[i], "--ops")) {
			opt_ops = strtoul(argv[i + 1], NULL, 0);
		} else {
			break;
		}
	}
	if (i >= argc) {
		print_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
		print_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[i], "info"))
		return cmd_info();
	if (!strcmp(argv[i], "hold"))
		return cmd_hold();
	for (s = 0; s < ARRAY_SIZE(suites); s++)
		if (!strcmp(argv[i], suites[s].name))
			return suites[s].run();
	fprintf(stderr, "dmabuf-test: unknown command '%s'\n", argv[i]);
	print_usage(stderr);
	return 2;
}
