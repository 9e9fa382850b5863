/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test_exporter internals shared with its KUnit suite.  Not an API: the
 * module exports nothing to other modules.
 */
#ifndef DMASHARE_TEST_EXPORTER_H
#define DMASHARE_TEST_EXPORTER_H

#include <linux/fs.h>
#include <linux/pci.h>

struct dtest_stats;

/* Largest argument structure of any ioctl, in bytes. */
#define DTEST_IOCTL_MAX_SIZE	128

/**
 * struct dtest_ioctl_desc - one ioctl of /dev/dmabuf-test
 * @cmd:	the command as the current uapi header defines it; every
 *		command is _IOWR
 * @min_size:	smallest argument accepted: the size of its first version
 * @handler:	validates and runs the command on a kernel copy of the
 *		argument, zero-extended to _IOC_SIZE(@cmd); returns 0 or a
 *		negative errno, and on error must not have changed anything
 *		(the argument is not copied back)
 */
struct dtest_ioctl_desc {
	unsigned int cmd;
	unsigned int min_size;
	int (*handler)(struct file *file, void *arg);
};

extern struct pci_driver dtest_edu_driver;
int dtest_ioctl_edu_dma(struct file *file, void *arg);
int dtest_ioctl_edu_mapper(struct file *file, void *arg);
void dtest_edu_stats(struct dtest_stats *st);

/* sysmmu.c: the exynos_sysmmu commands */
int dtest_ioctl_sysmmu_create(struct file *file, void *arg);
int dtest_ioctl_sysmmu_map(struct file *file, void *arg);
int dtest_ioctl_sysmmu_unmap(struct file *file, void *arg);
int dtest_ioctl_sysmmu_dma(struct file *file, void *arg);
int dtest_ioctl_sysmmu_page(struct file *file, void *arg);
int dtest_ioctl_sysmmu_destroy(struct file *file, void *arg);
void dtest_sysmmu_release(struct file *file);
void dtest_sysmmu_stats(struct dtest_stats *st);

struct dtest_cma_file;

/**
 * struct dtest_file - what an open /dev/dmabuf-test holds
 * @cma:	cma_pool state: owner, allocations, pools (cma.c)
 */
struct dtest_file {
	struct dtest_cma_file *cma;
};

/* cma.c: the DTEST_IOC_CMA_* commands */
int dtest_cma_open(struct dtest_file *df);
void dtest_cma_release(struct dtest_file *df);
void dtest_cma_exit(void);
void dtest_cma_stats(struct dtest_stats *st);
int dtest_ioctl_cma_pool_create(struct file *file, void *arg);
int dtest_ioctl_cma_pool_destroy(struct file *file, void *arg);
int dtest_ioctl_cma_alloc(struct file *file, void *arg);
int dtest_ioctl_cma_free(struct file *file, void *arg);
int dtest_ioctl_cma_info(struct file *file, void *arg);
int dtest_ioctl_cma_owner(struct file *file, void *arg);
int dtest_ioctl_cma_rw(struct file *file, void *arg);

#if IS_ENABLED(CONFIG_KUNIT)
const struct dtest_ioctl_desc *dtest_ioctl_lookup(unsigned int cmd);
#endif

#endif /* DMASHARE_TEST_EXPORTER_H */
