// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter: DTEST_IOC_MAPPER_SYSMMU, a master behind a model
 * exynos_sysmmu instance whose DMA API goes through iommu_mapper.
 *
 * The master gets its own domain (exynos_sysmmu_domain_alloc()), attached
 * by exynos_sysmmu; an iommu_mapper window in that domain then serves the
 * master's dma_map_sg() and dma_alloc_attrs(), and the model's DMA engine
 * (exynos_sysmmu_model_dma()) moves the bytes through the model's TLB and
 * table walker.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <exynos_sysmmu.h>
#include <iommu_mapper.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/* The window in the master's 32-bit space: 256 MiB at 256 MiB. */
#define MAPPER_SYSMMU_BASE	0x10000000ULL
#define MAPPER_SYSMMU_SIZE	0x10000000ULL

static void mapper_fill(u8 *buf, size_t len, u32 seed)
{
	u32 x = seed | 1;
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x;
	}
}

/**
 * dtest_sg_alloc_pages() - a table of @n entries, each one page of its own
 * @sgt: the table to fill
 * @n: entries (and pages)
 * @gfp: how to allocate the pages (GFP_DMA32 where the IOMMU behind the
 *	device takes 32-bit physical addresses: the model SYSMMUs before v5)
 *
 * Context: process; may sleep.
 * Return: 0, or -ENOMEM with nothing left allocated.
 */
int dtest_sg_alloc_pages(struct sg_table *sgt, unsigned int n, gfp_t gfp)
{
	struct scatterlist *s;
	unsigned int i;

	if (sg_alloc_table(sgt, n, GFP_KERNEL))
		return -ENOMEM;
	for_each_sgtable_sg(sgt, s, i) {
		struct page *page = alloc_page(gfp);

		if (!page) {
			dtest_sg_free_pages(sgt);
			return -ENOMEM;
		}
		sg_set_page(s, page, PAGE_SIZE, 0);
	}
	return 0;
}

/**
 * dtest_sg_free_pages() - free what dtest_sg_alloc_pages() made
 * @sgt: the table
 */
void dtest_sg_free_pages(struct sg_table *sgt)
{
	struct scatterlist *s;
	unsigned int i;

	for_each_sgtable_sg(sgt, s, i)
		if (sg_page(s))
			__free_page(sg_page(s));
	sg_free_table(sgt);
}

/* 1 MiB pages the mapping has used so far. */
static u64 mapper_sections(struct iommu_mapper *m)
{
	struct iommu_mapper_stats st;

	iommu_mapper_get_stats(m, &st);
	return st.pages[ilog2(SZ_1M / SZ_4K)];
}

/* Scattered pages with @expect in them, mapped as one list, read by the model. */
static int mapper_sysmmu_sg(struct device *master, struct dtest_mapper_sysmmu *req,
			    const u8 *expect, u8 *got)
{
	unsigned int n = req->size >> PAGE_SHIFT, i;
	struct scatterlist *s;
	struct sg_table sgt;
	int ret;

	/* Reachable by every model version (v1-v3 translate to 32 bits). */
	ret = dtest_sg_alloc_pages(&sgt, n, GFP_KERNEL | GFP_DMA32);
	if (ret)
		return ret;
	for_each_sgtable_sg(&sgt, s, i)
		memcpy(page_address(sg_page(s)), expect + ((size_t)i << PAGE_SHIFT), PAGE_SIZE);
	ret = dma_map_sgtable(master, &sgt, DMA_TO_DEVICE, 0);
	if (ret)
		goto free_pages;
	req->sg_segments = sgt.nents;
	ret = exynos_sysmmu_model_dma(master, sg_dma_address(sgt.sgl), got, req->size,
				      DMA_TO_DEVICE);
	/* A bus address is for privileged callers only. */
	req->sg_addr = capable(CAP_SYS_ADMIN) ? sg_dma_address(sgt.sgl) : 0;
	if (!ret) {
		if (memcmp(got, expect, req->size))
			ret = -EIO;
		else
			req->sg_verified = req->size;
	}
	dma_unmap_sgtable(master, &sgt, DMA_TO_DEVICE, 0);
free_pages:
	dtest_sg_free_pages(&sgt);
	return ret;
}

/* A contiguous buffer the model writes @expect into, read back by the CPU. */
static int mapper_sysmmu_contig(struct device *master, struct dtest_mapper_sysmmu *req,
				const u8 *expect, u8 *src)
{
	dma_addr_t dma;
	void *cpu;
	int ret;

	cpu = dma_alloc_attrs(master, req->size, &dma, GFP_KERNEL, DMA_ATTR_FORCE_CONTIGUOUS);
	if (!cpu)
		return -ENOMEM;
	/* A bus address is for privileged callers only. */
	req->contig_addr = capable(CAP_SYS_ADMIN) ? dma : 0;
	memcpy(src, expect, req->size);
	ret = exynos_sysmmu_model_dma(master, dma, src, req->size, DMA_FROM_DEVICE);
	if (!ret) {
		if (memcmp(cpu, expect, req->size))
			ret = -EIO;
		else
			req->contig_verified = req->size;
	}
	dma_free_attrs(master, req->size, cpu, dma, DMA_ATTR_FORCE_CONTIGUOUS);
	return ret;
}

int dtest_ioctl_mapper_sysmmu(struct file *file, void *arg)
{
	struct dtest_mapper_sysmmu *req = arg;
	struct iommu_domain *domain;
	struct iommu_mapper *m;
	struct device *master;
	u8 *expect, *scratch;
	int ret;

	if (req->flags & ~DTEST_MAPPER_SYSMMU_FLAGS || req->__pad)
		return -EINVAL;
	if (!req->size || req->size > DTEST_MAPPER_SYSMMU_MAX || req->size % SZ_4K ||
	    req->size % PAGE_SIZE)
		return -EINVAL;
	if (req->sg_addr || req->sg_segments || req->sg_verified || req->contig_addr ||
	    req->contig_verified || req->sections)
		return -EINVAL;

	expect = vmalloc(req->size);
	scratch = vzalloc(req->size);
	if (!expect || !scratch) {
		ret = -ENOMEM;
		goto free_bufs;
	}
	mapper_fill(expect, req->size, req->seed);

	master = exynos_sysmmu_master_create(req->model);
	if (IS_ERR(master)) {
		ret = PTR_ERR(master);
		goto free_bufs;
	}
	domain = exynos_sysmmu_domain_alloc(master);
	if (IS_ERR(domain)) {
		ret = PTR_ERR(domain);
		goto destroy_master;
	}
	ret = exynos_sysmmu_attach(domain, master);
	if (ret)
		goto free_domain;
	m = iommu_mapper_create_for_domain(domain, MAPPER_SYSMMU_BASE, MAPPER_SYSMMU_SIZE, 0);
	if (IS_ERR(m)) {
		ret = PTR_ERR(m);
		goto detach_sysmmu;
	}
	/* One DMA segment per list, however long (not on kernels without dma_parms). */
	if (master->dma_parms)
		dma_set_max_seg_size(master, UINT_MAX);
	ret = iommu_mapper_attach(master, m);
	if (ret)
		goto release_mapping;

	ret = mapper_sysmmu_sg(master, req, expect, scratch);
	if (!ret && (req->flags & DTEST_MAPPER_SYSMMU_CONTIG))
		ret = mapper_sysmmu_contig(master, req, expect, scratch);
	req->sections = mapper_sections(m);

	iommu_mapper_detach(master);
release_mapping:
	iommu_mapper_release(m);
detach_sysmmu:
	exynos_sysmmu_detach(master);
free_domain:
	iommu_domain_free(domain);
destroy_master:
	exynos_sysmmu_master_destroy(master);
free_bufs:
	vfree(scratch);
	vfree(expect);
	return ret;
}

