/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test_exporter internals shared with its KUnit suite.  Not an API: the
 * module exports nothing to other modules.
 */
#ifndef DMASHARE_TEST_EXPORTER_H
#define DMASHARE_TEST_EXPORTER_H

#include <linux/fs.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

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
struct device *dtest_edu_get(void);
void dtest_edu_put(void);
void dtest_edu_dmabuf_mapped(int delta);
int dtest_edu_xfer(dma_addr_t bus, u32 len, bool to_bus);

/* contig.c: the software devices (contiguous-only, scatter-gather) */
#define DTEST_SOFT_CONTIG	0
#define DTEST_SOFT_SG		1
#define DTEST_SOFT_DEVS		2
int dtest_contig_init(void);
void dtest_contig_exit(void);
struct device *dtest_contig_dev(unsigned int which);
int dtest_contig_xfer(struct device *dev, dma_addr_t bus, void *buf, u32 len, bool to_bus);
int dtest_ioctl_mapper_alloc(struct file *file, void *arg);
int dtest_ioctl_mapper_stats(struct file *file, void *arg);
int dtest_ioctl_mapper_bench(struct file *file, void *arg);
int dtest_ioctl_mapper_sysmmu(struct file *file, void *arg);
int dtest_sg_alloc_pages(struct sg_table *sgt, unsigned int n, gfp_t gfp);
void dtest_sg_free_pages(struct sg_table *sgt);
void dtest_edu_stats(struct dtest_stats *st);

/* sysmmu.c: the exynos_sysmmu commands */

/**
 * struct dtest_fault_log - what a test domain's IOMMU fault handler saw
 * @lock:	protects the rest (the handler runs in the fault IRQ thread)
 * @count:	faults received
 * @flags:	IOMMU_FAULT_* of the last one
 * @iova:	address of the last one
 */
struct dtest_fault_log {
	spinlock_t lock;	/* see above */
	u32 count;
	u32 flags;
	u64 iova;
};

struct iommu_domain;

void dtest_fault_log_init(struct dtest_fault_log *log);
int dtest_fault_log_handler(struct iommu_domain *domain, struct device *dev,
			    unsigned long iova, int flags, void *token);
void dtest_fault_log_read(struct dtest_fault_log *log, u32 *count,
			  u64 *iova, u32 *flags);

int dtest_ioctl_sysmmu_create(struct file *file, void *arg);
int dtest_ioctl_sysmmu_map(struct file *file, void *arg);
int dtest_ioctl_sysmmu_unmap(struct file *file, void *arg);
int dtest_ioctl_sysmmu_dma(struct file *file, void *arg);
int dtest_ioctl_sysmmu_page(struct file *file, void *arg);
int dtest_ioctl_sysmmu_destroy(struct file *file, void *arg);
int dtest_ioctl_sysmmu_add(struct file *file, void *arg);
int dtest_ioctl_sysmmu_pm(struct file *file, void *arg);

/* sysmmu_dt.c: DTEST_IOC_SYSMMU_DT, the device-tree path */
int dtest_ioctl_sysmmu_dt(struct file *file, void *arg);
/* sysmmu_dt.dtbo, wrapped by kbuild (cmd_wrap_S_dtb) where it is built */
extern u8 __dtbo_sysmmu_dt_begin[];
extern u8 __dtbo_sysmmu_dt_end[];
void dtest_sysmmu_release(struct file *file);
void dtest_sysmmu_stats(struct dtest_stats *st);

struct cma_pool;
struct dtest_cma_file;
struct dtest_dmabuf_file;

/**
 * struct dtest_file - what an open /dev/dmabuf-test holds
 * @cma:	cma_pool state: owner, allocations, pools (cma.c)
 * @dmabuf:	dmabuf_core state: owner, attachments (dmabuf.c)
 */
struct dtest_file {
	struct dtest_cma_file *cma;
	struct dtest_dmabuf_file *dmabuf;
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
int dtest_ioctl_cma_pool_find(struct file *file, void *arg);
struct cma_pool *dtest_cma_pool_get(u32 id);

/* dmabuf.c: the DTEST_IOC_DMABUF_* commands */
int dtest_dmabuf_open(struct dtest_file *df);
void dtest_dmabuf_release(struct dtest_file *df);
void dtest_dmabuf_stats(struct dtest_stats *st);
int dtest_ioctl_dmabuf_alloc(struct file *file, void *arg);
int dtest_ioctl_dmabuf_attach(struct file *file, void *arg);
int dtest_ioctl_dmabuf_map(struct file *file, void *arg);
int dtest_ioctl_dmabuf_dma(struct file *file, void *arg);
int dtest_ioctl_dmabuf_detach(struct file *file, void *arg);
int dtest_ioctl_dmabuf_info(struct file *file, void *arg);
int dtest_ioctl_dmabuf_stats(struct file *file, void *arg);
int dtest_ioctl_dmabuf_owner(struct file *file, void *arg);
int dtest_ioctl_dmabuf_vmap(struct file *file, void *arg);
int dtest_ioctl_dmabuf_phys(struct file *file, void *arg);
int dtest_ioctl_dmabuf_att_info(struct file *file, void *arg);

/* dmabuf_sysmmu.c: DTEST_DMABUF_DEV_SYSMMU masters */
struct device *dtest_dmabuf_sysmmu_create(void);
void dtest_dmabuf_sysmmu_destroy(struct device *master);
int dtest_dmabuf_sysmmu_xfer(struct device *master, dma_addr_t bus, void *buf, u32 len,
			     bool to_bus);
int dtest_ioctl_dmabuf_sysmmu_stats(struct file *file, void *arg);

#if IS_ENABLED(CONFIG_KUNIT)
const struct dtest_ioctl_desc *dtest_ioctl_lookup(unsigned int cmd);
#endif

#endif /* DMASHARE_TEST_EXPORTER_H */
