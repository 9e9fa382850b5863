// SPDX-License-Identifier: GPL-2.0
/*
 * edu.c - QEMU's "edu" educational PCI device as a DMA test device.
 *
 * The device has a 4 KiB internal buffer at device address 0x40000 and one
 * DMA engine that copies between that buffer and a bus address, 28-bit
 * DMA mask.  test_exporter binds it so that tests can check the bytes a
 * real (emulated) device moved through whatever DMA path the device has:
 * an Intel VT-d or SMMUv3 translation domain on the test rigs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitfield.h>
#include <linux/capability.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <iommu_mapper.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8

/* Registers (BAR 0) */
#define EDU_REG_ID		0x00
#define   EDU_ID_MAGIC		GENMASK(7, 0)
#define   EDU_ID_MAGIC_VALUE	0xed
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define   EDU_DMA_RUN		BIT(0)	/* set to start; clears when done */
#define   EDU_DMA_TO_BUS	BIT(1)	/* 0: bus -> device buffer, 1: device buffer -> bus */

#define EDU_BUF_ADDR		0x40000	/* the device buffer, in its own space */
#define EDU_DMA_BITS		28

/* A transfer takes 100 ms of QEMU's virtual clock; allow for a slow host. */
#define EDU_DMA_TIMEOUT_US	(5 * USEC_PER_SEC)
#define EDU_DMA_POLL_US		1000

/*
 * The bound device.  dtest_edu_lock protects dtest_edu and serialises its
 * use: the device has one DMA engine, and remove() must not pull the
 * device out from under a transfer.
 */
static DEFINE_MUTEX(dtest_edu_lock);
static struct pci_dev *dtest_edu;
/* The iommu_mapper window edu is attached to, if any; under dtest_edu_lock. */
static struct iommu_mapper *dtest_edu_mapping;
/* DTEST_EDU_MAPPER_NONCOHERENT overrides edu's dma_coherent while attached. */
static bool dtest_edu_noncoherent;

/*
 * Whether a device snoops the CPU caches is a bit of struct device only
 * where the kernel has non-coherent DMA at all (these options).
 */
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
/* edu's own dma_coherent, while it is overridden. */
static bool dtest_edu_coherent_saved;

static int edu_set_noncoherent(struct device *dev, bool on)
{
	if (on) {
		dtest_edu_coherent_saved = dev->dma_coherent;
		dev->dma_coherent = false;
	} else {
		dev->dma_coherent = dtest_edu_coherent_saved;
	}
	return 0;
}
#else
static int edu_set_noncoherent(struct device *dev, bool on)
{
	return on ? -EOPNOTSUPP : 0;
}
#endif

static void __iomem *edu_regs(struct pci_dev *pdev)
{
	return pcim_iomap_table(pdev)[0];
}

/* Run one transfer and wait for the engine to finish it. */
static int edu_dma_run(struct pci_dev *pdev, u64 src, u64 dst, u32 len, u32 dir)
{
	void __iomem *regs = edu_regs(pdev);
	u32 cmd;
	int ret;

	lockdep_assert_held(&dtest_edu_lock);
	/* The engine takes 32-bit writes; its addresses fit in 28 bits. */
	writel(lower_32_bits(src), regs + EDU_REG_DMA_SRC);
	writel(lower_32_bits(dst), regs + EDU_REG_DMA_DST);
	writel(len, regs + EDU_REG_DMA_COUNT);
	writel(EDU_DMA_RUN | dir, regs + EDU_REG_DMA_CMD);
	ret = readl_poll_timeout(regs + EDU_REG_DMA_CMD, cmd, !(cmd & EDU_DMA_RUN),
				 EDU_DMA_POLL_US, EDU_DMA_TIMEOUT_US);
	if (ret)
		pci_err(pdev, "DMA of %u bytes did not finish\n", len);
	return ret;
}

static void edu_fill(u8 *buf, u32 len, u32 seed)
{
	u32 x = seed | 1, i;

	for (i = 0; i < len; i++) {
		/* xorshift32: cheap, and no two neighbouring bytes alike */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x;
	}
}

/* A new buffer of @len bytes of @seed's pattern, or NULL. */
static u8 *edu_expect(u32 len, u32 seed)
{
	u8 *buf = kmalloc(len, GFP_KERNEL);

	if (buf)
		edu_fill(buf, len, seed);
	return buf;
}

/* Buffers of one round trip: CPU addresses and device addresses. */
struct edu_bufs {
	void *cpu[2];
	dma_addr_t dma[2];
	bool coherent;
};

static const enum dma_data_direction edu_dirs[2] = { DMA_TO_DEVICE, DMA_FROM_DEVICE };

static void edu_free_bufs(struct device *dev, struct edu_bufs *b, unsigned int n)
{
	while (n--) {
		if (b->coherent) {
			dma_free_coherent(dev, PAGE_SIZE, b->cpu[n], b->dma[n]);
		} else {
			dma_unmap_page(dev, b->dma[n], PAGE_SIZE, edu_dirs[n]);
			free_page((unsigned long)b->cpu[n]);
		}
	}
}

static int edu_alloc_bufs(struct device *dev, struct edu_bufs *b)
{
	unsigned int n;

	for (n = 0; n < 2; n++) {
		if (b->coherent) {
			b->cpu[n] = dma_alloc_coherent(dev, PAGE_SIZE, &b->dma[n], GFP_KERNEL);
			if (!b->cpu[n])
				goto free_bufs;
			continue;
		}
		b->cpu[n] = (void *)get_zeroed_page(GFP_KERNEL);
		if (!b->cpu[n])
			goto free_bufs;
		b->dma[n] = dma_map_page(dev, virt_to_page(b->cpu[n]), 0, PAGE_SIZE,
					 edu_dirs[n]);
		if (dma_mapping_error(dev, b->dma[n])) {
			free_page((unsigned long)b->cpu[n]);
			goto free_bufs;
		}
	}
	return 0;

free_bufs:
	edu_free_bufs(dev, b, n);
	return -ENOMEM;
}

/* DTEST_EDU_SG: the device-read buffer as two separate pages in one list. */
struct edu_sg {
	struct page *pages[2];
	struct sg_table sgt;
};

static void edu_sg_free(struct edu_sg *sg)
{
	sg_free_table(&sg->sgt);
	__free_page(sg->pages[1]);
	__free_page(sg->pages[0]);
}

/*
 * The first half of @data ends the first page, the second half starts the
 * second: one transfer covers both only if dma_map_sg() merged them.
 */
static int edu_sg_map(struct device *dev, struct edu_sg *sg, const u8 *data, u32 len)
{
	u32 first = len / 2;
	int ret = -ENOMEM;

	sg->pages[0] = alloc_page(GFP_KERNEL);
	if (!sg->pages[0])
		return ret;
	sg->pages[1] = alloc_page(GFP_KERNEL);
	if (!sg->pages[1])
		goto free_first;
	/* Physically adjacent in list order would merge without any IOMMU. */
	if (page_to_pfn(sg->pages[1]) == page_to_pfn(sg->pages[0]) + 1)
		swap(sg->pages[0], sg->pages[1]);
	if (sg_alloc_table(&sg->sgt, 2, GFP_KERNEL))
		goto free_second;
	memcpy(page_address(sg->pages[0]) + PAGE_SIZE - first, data, first);
	memcpy(page_address(sg->pages[1]), data + first, len - first);
	sg_set_page(sg->sgt.sgl, sg->pages[0], first, PAGE_SIZE - first);
	sg_set_page(sg_next(sg->sgt.sgl), sg->pages[1], len - first, 0);
	ret = dma_map_sgtable(dev, &sg->sgt, DMA_TO_DEVICE, 0);
	if (!ret)
		return 0;
	sg_free_table(&sg->sgt);
free_second:
	__free_page(sg->pages[1]);
free_first:
	__free_page(sg->pages[0]);
	return ret;
}

static bool edu_translated(struct device *dev)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);

	return domain && (domain->type & __IOMMU_DOMAIN_PAGING);
}

int dtest_ioctl_edu_dma(struct file *file, void *arg)
{
	struct dtest_edu_dma *req = arg;
	struct edu_bufs b = { .coherent = req->flags & DTEST_EDU_COHERENT };
	bool use_sg = req->flags & DTEST_EDU_SG;
	struct edu_sg sg;
	struct device *dev;
	dma_addr_t src;
	u8 *expect;
	int ret;

	if (req->flags & ~DTEST_EDU_FLAGS || req->__pad || req->__pad2)
		return -EINVAL;
	if (req->len < (use_sg ? 2 : 1) || req->len > DTEST_EDU_MAX_LEN)
		return -EINVAL;
	if (req->dma_to_dev || req->dma_from_dev || req->translated || req->verified ||
	    req->segments)
		return -EINVAL;

	expect = edu_expect(req->len, req->seed);
	if (!expect)
		return -ENOMEM;

	mutex_lock(&dtest_edu_lock);
	if (!dtest_edu) {
		ret = -ENODEV;
		goto unlock;
	}
	dev = &dtest_edu->dev;
	ret = edu_alloc_bufs(dev, &b);
	if (ret)
		goto unlock;

	memcpy(b.cpu[0], expect, req->len);
	memset(b.cpu[1], 0, PAGE_SIZE);
	if (!b.coherent) {
		dma_sync_single_for_device(dev, b.dma[0], PAGE_SIZE, DMA_TO_DEVICE);
		dma_sync_single_for_device(dev, b.dma[1], PAGE_SIZE, DMA_FROM_DEVICE);
	}
	src = b.dma[0];
	req->segments = 1;
	if (use_sg) {
		ret = edu_sg_map(dev, &sg, expect, req->len);
		if (ret)
			goto free_bufs;
		src = sg_dma_address(sg.sgt.sgl);
		req->segments = sg.sgt.nents;
		if (req->segments != 1) {
			pci_info(dtest_edu, "a straddling scatterlist took %u DMA segments\n",
				 req->segments);
			ret = -EIO;
		}
	}
	if (!ret && !(req->flags & DTEST_EDU_SKIP_TO_DEVICE))
		ret = edu_dma_run(dtest_edu, src, EDU_BUF_ADDR, req->len, 0);
	if (!ret)
		ret = edu_dma_run(dtest_edu, EDU_BUF_ADDR, b.dma[1], req->len,
				  EDU_DMA_TO_BUS);
	if (!b.coherent)
		dma_sync_single_for_cpu(dev, b.dma[1], PAGE_SIZE, DMA_FROM_DEVICE);
	if (!ret) {
		/* Bus addresses are for privileged callers only. */
		if (capable(CAP_SYS_ADMIN)) {
			req->dma_to_dev = src;
			req->dma_from_dev = b.dma[1];
		}
		req->translated = edu_translated(dev);
		if (memcmp(b.cpu[1], expect, req->len))
			ret = -EIO;
		else
			req->verified = req->len;
	}
	if (use_sg) {
		dma_unmap_sgtable(dev, &sg.sgt, DMA_TO_DEVICE, 0);
		edu_sg_free(&sg);
	}
free_bufs:
	edu_free_bufs(dev, &b, 2);
unlock:
	mutex_unlock(&dtest_edu_lock);
	kfree(expect);
	return ret;
}

/**
 * dtest_edu_get() - take the edu device for a series of transfers
 *
 * Context: process; takes dtest_edu_lock, which dtest_edu_put() drops.
 * Return: the device, or NULL (lock not held) when none is bound.
 */
struct device *dtest_edu_get(void)
{
	mutex_lock(&dtest_edu_lock);
	if (dtest_edu)
		return &dtest_edu->dev;
	mutex_unlock(&dtest_edu_lock);
	return NULL;
}

/*
 * dma-buf attachments of edu that have been mapped (DMABUF_MAP), under
 * dtest_edu_lock: until they are released they may hold IOVAs of edu's
 * current DMA path (dmabuf_core caches a mapping after unmap), so the
 * path must not change (EDU_MAPPER ATTACH or DETACH, MAPPER_BENCH) while
 * there are any.
 */
static unsigned int dtest_edu_dmabuf_maps;

/**
 * dtest_edu_dmabuf_mapped() - count an attachment of edu that holds mappings
 * @delta: +1 at its first map, -1 once it is released
 *
 * Context: process; dtest_edu_lock held (dtest_edu_get()).
 */
void dtest_edu_dmabuf_mapped(int delta)
{
	lockdep_assert_held(&dtest_edu_lock);
	dtest_edu_dmabuf_maps += delta;
}

/**
 * dtest_edu_put() - end what dtest_edu_get() started
 *
 * Context: process; dtest_edu_lock held.
 */
void dtest_edu_put(void)
{
	mutex_unlock(&dtest_edu_lock);
}

/**
 * dtest_edu_xfer() - one transfer between a bus address and edu's buffer
 * @bus: device address of the memory side
 * @len: bytes, 1..DTEST_EDU_MAX_LEN
 * @to_bus: true: edu's buffer to @bus; false: @bus into edu's buffer
 *
 * Context: process; between dtest_edu_get() and dtest_edu_put().
 * Return: 0, or -ETIMEDOUT when the engine did not finish.
 */
int dtest_edu_xfer(dma_addr_t bus, u32 len, bool to_bus)
{
	if (WARN_ON(!len || len > DTEST_EDU_MAX_LEN))
		return -EINVAL;
	if (to_bus)
		return edu_dma_run(dtest_edu, EDU_BUF_ADDR, bus, len, EDU_DMA_TO_BUS);
	return edu_dma_run(dtest_edu, bus, EDU_BUF_ADDR, len, 0);
}

static void edu_mapper_stats(struct dtest_edu_mapper *req)
{
	struct iommu_mapper_stats st;

	iommu_mapper_get_stats(dtest_edu_mapping, &st);
	req->maps = st.maps;
	req->unmaps = st.unmaps;
	req->mapped = st.mapped;
	req->iova_peak = st.iova_peak;
}

static void edu_mapper_detach(void)
{
	lockdep_assert_held(&dtest_edu_lock);
	iommu_mapper_detach(&dtest_edu->dev);
	iommu_mapper_release(dtest_edu_mapping);
	dtest_edu_mapping = NULL;
	if (dtest_edu_noncoherent)
		edu_set_noncoherent(&dtest_edu->dev, false);
	dtest_edu_noncoherent = false;
}

/* Attach edu to a new window; the caller holds dtest_edu_lock. */
static int edu_mapper_attach(u64 base, u64 size, u32 flags)
{
	struct device *dev = &dtest_edu->dev;
	struct iommu_mapper *m;
	int ret;

	lockdep_assert_held(&dtest_edu_lock);
	if (dtest_edu_mapping)
		return -EBUSY;
	m = iommu_mapper_create(dev, base, size,
				flags & DTEST_EDU_MAPPER_STRICT ? IOMMU_MAPPER_STRICT : 0);
	if (IS_ERR(m))
		return PTR_ERR(m);
	if (flags & DTEST_EDU_MAPPER_NONCOHERENT) {
		ret = edu_set_noncoherent(dev, true);
		if (ret)
			goto release;
	}
	ret = iommu_mapper_attach(dev, m);
	if (ret)
		goto coherent;
	dtest_edu_mapping = m;
	dtest_edu_noncoherent = flags & DTEST_EDU_MAPPER_NONCOHERENT;
	return 0;

coherent:
	if (flags & DTEST_EDU_MAPPER_NONCOHERENT)
		edu_set_noncoherent(dev, false);
release:
	iommu_mapper_release(m);
	return ret;
}

int dtest_ioctl_edu_mapper(struct file *file, void *arg)
{
	struct dtest_edu_mapper *req = arg;
	int ret = 0;

	if (req->flags & ~DTEST_EDU_MAPPER_FLAGS || req->maps || req->unmaps || req->mapped ||
	    req->iova_peak)
		return -EINVAL;
	if (req->op != DTEST_EDU_MAPPER_ATTACH && (req->base || req->size || req->flags))
		return -EINVAL;
	if (req->op < DTEST_EDU_MAPPER_ATTACH || req->op > DTEST_EDU_MAPPER_STATS)
		return -EINVAL;

	mutex_lock(&dtest_edu_lock);
	if (!dtest_edu) {
		ret = -ENODEV;
	} else if (req->op != DTEST_EDU_MAPPER_STATS && dtest_edu_dmabuf_maps) {
		ret = -EBUSY;	/* dma-buf mappings on the current path */
	} else if (req->op == DTEST_EDU_MAPPER_ATTACH) {
		ret = edu_mapper_attach(req->base, req->size, req->flags);
		if (!ret)
			edu_mapper_stats(req);
	} else if (!dtest_edu_mapping) {
		ret = -ENOENT;
	} else {
		edu_mapper_stats(req);
		if (req->op == DTEST_EDU_MAPPER_DETACH)
			edu_mapper_detach();
	}
	mutex_unlock(&dtest_edu_lock);
	return ret;
}

static u64 edu_large_pages(const struct iommu_mapper_stats *st)
{
	u64 n = 0;
	unsigned int i;

	for (i = 1; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
		n += st->pages[i];
	return n;
}

int dtest_ioctl_mapper_stats(struct file *file, void *arg)
{
	struct dtest_mapper_stats *req = arg;
	struct iommu_mapper_stats st;
	int ret = 0;

	if (req->flags || req->__pad || req->maps || req->unmaps || req->mapped ||
	    req->iotlb_flushes || req->deferred || req->cache_syncs || req->large_pages)
		return -EINVAL;
	mutex_lock(&dtest_edu_lock);
	if (!dtest_edu) {
		ret = -ENODEV;
	} else if (!dtest_edu_mapping) {
		ret = -ENOENT;
	} else {
		iommu_mapper_get_stats(dtest_edu_mapping, &st);
		req->maps = st.maps;
		req->unmaps = st.unmaps;
		req->mapped = st.mapped;
		req->iotlb_flushes = st.iotlb_flushes;
		req->deferred = st.deferred;
		req->cache_syncs = st.cache_syncs;
		req->large_pages = edu_large_pages(&st);
	}
	mutex_unlock(&dtest_edu_lock);
	return ret;
}

/* DTEST_MAPPER_ALLOC_ATOMIC: the allocation happens with this held. */
static DEFINE_SPINLOCK(edu_atomic_lock);

static void *edu_mapper_alloc(struct device *dev, size_t size, dma_addr_t *dma, u32 flags)
{
	unsigned long attrs = flags & DTEST_MAPPER_ALLOC_CONTIG ? DMA_ATTR_FORCE_CONTIGUOUS : 0;
	void *cpu;

	if (!(flags & DTEST_MAPPER_ALLOC_ATOMIC))
		return dma_alloc_attrs(dev, size, dma, GFP_KERNEL, attrs);
	/* Any sleep in here is a splat on the debug kernel. */
	spin_lock(&edu_atomic_lock);
	cpu = dma_alloc_attrs(dev, size, dma, GFP_ATOMIC, attrs);
	spin_unlock(&edu_atomic_lock);
	return cpu;
}

int dtest_ioctl_mapper_alloc(struct file *file, void *arg)
{
	struct dtest_mapper_alloc *req = arg;
	struct iommu_mapper_stats st0, st1;
	struct sg_table sgt;
	struct device *dev;
	dma_addr_t dma;
	unsigned int i;
	u8 *expect, *cpu;
	int ret;

	if (req->flags & ~DTEST_MAPPER_ALLOC_FLAGS || req->__pad)
		return -EINVAL;
	if (!req->size || req->size > DTEST_MAPPER_ALLOC_MAX || !req->len ||
	    req->len > DTEST_EDU_MAX_LEN || req->len > req->size)
		return -EINVAL;
	if (req->dma_addr || req->verified || req->segments || req->large_pages ||
	    req->largest_pgsize || req->domain_pgsizes)
		return -EINVAL;

	expect = edu_expect(req->len, req->seed);
	if (!expect)
		return -ENOMEM;
	mutex_lock(&dtest_edu_lock);
	if (!dtest_edu) {
		ret = -ENODEV;
		goto unlock;
	}
	if (!dtest_edu_mapping) {
		ret = -ENOENT;
		goto unlock;
	}
	dev = &dtest_edu->dev;
	iommu_mapper_get_stats(dtest_edu_mapping, &st0);
	cpu = edu_mapper_alloc(dev, req->size, &dma, req->flags);
	if (!cpu) {
		ret = -ENOMEM;
		goto unlock;
	}
	iommu_mapper_get_stats(dtest_edu_mapping, &st1);
	/* A bus address is for privileged callers only. */
	req->dma_addr = capable(CAP_SYS_ADMIN) ? dma : 0;
	req->domain_pgsizes = st1.pgsize_bitmap;
	req->large_pages = edu_large_pages(&st1) - edu_large_pages(&st0);
	for (i = 0; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
		if (st1.pages[i] != st0.pages[i])
			req->largest_pgsize = (u64)SZ_4K << i;
	ret = dma_get_sgtable(dev, &sgt, cpu, dma, req->size);
	if (!ret) {
		req->segments = sgt.orig_nents;
		sg_free_table(&sgt);
	}
	memset(cpu, 0, req->len);
	memcpy(cpu + req->size - req->len, expect, req->len);
	ret = edu_dma_run(dtest_edu, dma + req->size - req->len, EDU_BUF_ADDR, req->len, 0);
	if (!ret)
		ret = edu_dma_run(dtest_edu, EDU_BUF_ADDR, dma, req->len, EDU_DMA_TO_BUS);
	if (!ret) {
		if (memcmp(cpu, expect, req->len))
			ret = -EIO;
		else
			req->verified = req->len;
	}
	dma_free_attrs(dev, req->size, cpu, dma,
		       req->flags & DTEST_MAPPER_ALLOC_CONTIG ? DMA_ATTR_FORCE_CONTIGUOUS : 0);
unlock:
	mutex_unlock(&dtest_edu_lock);
	kfree(expect);
	return ret;
}

/*
 * @iters map+unmap pairs of @sgt on @dev; nanoseconds, or a negative
 * errno.  One untimed pair first, on either path: page tables and IOVA
 * bookkeeping that a fresh mapping (the mapper's) builds on its first map
 * while the default domain has them already are not what is measured.
 */
static s64 edu_bench_sg(struct device *dev, struct sg_table *sgt, u32 iters)
{
	ktime_t t0;
	u32 i;
	int ret;

	ret = dma_map_sgtable(dev, sgt, DMA_BIDIRECTIONAL, 0);
	if (ret)
		return ret;
	dma_unmap_sgtable(dev, sgt, DMA_BIDIRECTIONAL, 0);
	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		ret = dma_map_sgtable(dev, sgt, DMA_BIDIRECTIONAL, 0);
		if (ret)
			return ret;
		dma_unmap_sgtable(dev, sgt, DMA_BIDIRECTIONAL, 0);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return ktime_to_ns(ktime_sub(ktime_get(), t0));
}

/*
 * The window DTEST_IOC_MAPPER_BENCH attaches edu to: dma-iommu's IOVA
 * space for edu (from the first page up to its 28-bit mask), so that
 * both paths have the same room (a 64 MiB list, size-aligned, has three
 * places in it on either).
 */
#define EDU_BENCH_BASE		0x1000ULL
#define EDU_BENCH_SIZE		(DMA_BIT_MASK(EDU_DMA_BITS) + 1 - EDU_BENCH_BASE)
/* Longer than dma-iommu's flush-queue timeout (10 ms) and two jiffies at HZ=100. */
#define EDU_BENCH_FQ_DRAIN_MS	50

int dtest_ioctl_mapper_bench(struct file *file, void *arg)
{
	struct dtest_mapper_bench *req = arg;
	unsigned int n;
	u32 flags;
	struct iommu_mapper_stats st;
	struct sg_table sgt;
	s64 base_ns, mapper_ns;
	int ret;

	if (req->flags & ~DTEST_MAPPER_BENCH_FLAGS || !req->iters || req->iters > 100000)
		return -EINVAL;
	if (req->size < PAGE_SIZE || req->size > DTEST_MAPPER_BENCH_MAX ||
	    req->size % PAGE_SIZE)
		return -EINVAL;
	if (req->default_ns || req->mapper_ns || req->mapper_maps)
		return -EINVAL;

	n = req->size >> PAGE_SHIFT;
	ret = dtest_sg_alloc_pages(&sgt, n, GFP_KERNEL);
	if (ret)
		return ret;

	mutex_lock(&dtest_edu_lock);
	if (!dtest_edu) {
		ret = -ENODEV;
		goto unlock;
	}
	if (dtest_edu_mapping || dtest_edu_dmabuf_maps) {
		ret = -EBUSY;
		goto unlock;
	}
	base_ns = edu_bench_sg(&dtest_edu->dev, &sgt, req->iters);
	if (base_ns < 0) {
		/*
		 * dma-iommu retires unmapped IOVA ranges from its flush
		 * queue only when the queue fills or its timer fires, not
		 * when the space runs out: large lists exhaust edu's 28-bit
		 * space for a few milliseconds.  Not a failure of the test.
		 */
		ret = base_ns == -ENOMEM ? -EAGAIN : base_ns;
		goto unlock;
	}
	/*
	 * dma-iommu's flush queue retires what the loop above queued from a
	 * timer 10 ms after the first entry (IOVA_DEFAULT_FQ_TIMEOUT, private
	 * to dma-iommu.c): let it run before the mapper is timed, or its
	 * IOTLB flush and page-table frees land in the mapper's measurement.
	 * Neither path's last flush is timed then: the mapper's own queue is
	 * flushed by the detach below, after its measurement.
	 */
	msleep(EDU_BENCH_FQ_DRAIN_MS);
	flags = req->flags & DTEST_MAPPER_BENCH_STRICT ? DTEST_EDU_MAPPER_STRICT : 0;
	ret = edu_mapper_attach(EDU_BENCH_BASE, EDU_BENCH_SIZE, flags);
	if (ret)
		goto unlock;
	mapper_ns = edu_bench_sg(&dtest_edu->dev, &sgt, req->iters);
	iommu_mapper_get_stats(dtest_edu_mapping, &st);
	edu_mapper_detach();
	if (mapper_ns < 0) {
		ret = mapper_ns;
		goto unlock;
	}
	req->default_ns = base_ns;
	req->mapper_ns = mapper_ns;
	req->mapper_maps = st.maps - 1;	/* the warm-up pair */
unlock:
	mutex_unlock(&dtest_edu_lock);
	dtest_sg_free_pages(&sgt);
	return ret;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	u32 magic;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		return ret;
	magic = FIELD_GET(EDU_ID_MAGIC, readl(edu_regs(pdev) + EDU_REG_ID));
	if (magic != EDU_ID_MAGIC_VALUE) {
		pci_err(pdev, "not an edu device (id magic %#x)\n", magic);
		return -ENODEV;
	}
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(EDU_DMA_BITS));
	if (ret)
		return ret;
	pci_set_master(pdev);

	mutex_lock(&dtest_edu_lock);
	if (dtest_edu) {
		ret = -EBUSY;	/* one test device is all the tests use */
	} else {
		dtest_edu = pdev;
		pci_info(pdev, "edu DMA test device, %s\n",
			 edu_translated(&pdev->dev) ? "behind an IOMMU" : "direct DMA");
	}
	mutex_unlock(&dtest_edu_lock);
	return ret;
}

static void edu_remove(struct pci_dev *pdev)
{
	mutex_lock(&dtest_edu_lock);
	if (dtest_edu == pdev) {
		if (dtest_edu_mapping)
			edu_mapper_detach();
		dtest_edu = NULL;
	}
	mutex_unlock(&dtest_edu_lock);
	pci_clear_master(pdev);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);
MODULE_IMPORT_NS(DMASHARE_NS(IOMMU_MAPPER));

struct pci_driver dtest_edu_driver = {
	.name = "dmabuf-test-edu",
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};

/**
 * dtest_edu_stats() - fill the edu part of DTEST_IOC_STATS
 * @st: the answer
 *
 * Context: process; takes dtest_edu_lock.
 */
void dtest_edu_stats(struct dtest_stats *st)
{
	struct iommu_mapper_stats ms;

	st->mapper_attached = 0;
	st->mapper_mapped = 0;
	mutex_lock(&dtest_edu_lock);
	if (dtest_edu_mapping) {
		iommu_mapper_get_stats(dtest_edu_mapping, &ms);
		st->mapper_attached = 1;
		st->mapper_mapped = ms.mapped;
	}
	mutex_unlock(&dtest_edu_lock);
}
