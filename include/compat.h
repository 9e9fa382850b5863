/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - kernel API differences between the kernels dmashare supports.
 *
 * Force-included (Kbuild: -include) into every dmashare object.  Each
 * decision below is taken from a compile probe run against the target
 * kernel by scripts/compat-probe (one C file per probe in compat/probes/),
 * whose results land in generated/dmashare_probes.h.  No version tests.
 */
#ifndef DMASHARE_COMPAT_H
#define DMASHARE_COMPAT_H

/* Missing?  Build through the top-level Makefile, which runs the probes. */
#include "generated/dmashare_probes.h"

/*
 * Nothing is included here: this header comes before the source's own
 * pr_fmt, and the macros below need their headers only where used.
 */

/*
 * Symbol namespaces are bare identifiers up to 6.12 and string literals
 * from 6.13 (probe: ns_ident).  Write DMASHARE_NS(FOO) wherever the kernel
 * takes a namespace: EXPORT_SYMBOL_NS_GPL(sym, DMASHARE_NS(FOO)),
 * MODULE_IMPORT_NS(DMASHARE_NS(FOO)).
 */
#ifdef DMASHARE_HAVE_NS_IDENT
#define DMASHARE_NS(ns)		ns
#else
#define DMASHARE_NS(ns)		#ns
#endif

/*
 * iommu_map() with a gfp_t (probe: iommu_map_gfp); before 6.3 the atomic
 * variant was a separate function.
 */
#ifdef DMASHARE_HAVE_IOMMU_MAP_GFP
#define dmashare_iommu_map(d, iova, pa, size, prot, gfp)			\
	iommu_map(d, iova, pa, size, prot, gfp)
#else
#define dmashare_iommu_map(d, iova, pa, size, prot, gfp)			\
	({ typeof(iommu_map) *__map = gfpflags_allow_blocking(gfp) ?		\
				      iommu_map : iommu_map_atomic;		\
	   __map(d, iova, pa, size, prot); })
#endif

/*
 * iommu_map_sg() with a gfp_t (probe: iommu_map_sg_gfp).  Before 6.3 its
 * atomic twin iommu_map_sg_atomic() is not exported, so a module mapping
 * in atomic context maps entry by entry there (DMASHARE_IOMMU_MAP_SG_ATOMIC
 * false); the gfp argument is then ignored.  Both return the bytes mapped
 * or a negative errno, having unmapped what they mapped.
 */
#ifdef DMASHARE_HAVE_IOMMU_MAP_SG_GFP
#define DMASHARE_IOMMU_MAP_SG_ATOMIC	true
#define dmashare_iommu_map_sg(d, iova, sg, nents, prot, gfp)			\
	iommu_map_sg(d, iova, sg, nents, prot, gfp)
#else
#define DMASHARE_IOMMU_MAP_SG_ATOMIC	false
#define dmashare_iommu_map_sg(d, iova, sg, nents, prot, gfp)			\
	((void)(gfp), iommu_map_sg(d, iova, sg, nents, prot))
#endif

/*
 * A paging domain for @dev (probe: iommu_paging_domain_alloc): an ERR_PTR
 * on failure with either kernel.
 */
#ifdef DMASHARE_HAVE_IOMMU_PAGING_DOMAIN_ALLOC
#define dmashare_paging_domain_alloc(dev)	iommu_paging_domain_alloc(dev)
#else
#define dmashare_paging_domain_alloc(dev)					\
	({ struct iommu_domain *__d = iommu_domain_alloc((dev)->bus);		\
	   __d ? __d : ERR_PTR(-ENODEV); })
#endif

/*
 * From 6.10 a device in an IOMMU DMA domain has dev->dma_iommu set and the
 * DMA API calls iommu-dma without looking at dev->dma_ops (probe:
 * dev_dma_iommu).  Whoever installs its own dma_map_ops must clear it and
 * put it back afterwards; before 6.10 dev->dma_ops alone decides.
 */
#ifdef DMASHARE_HAVE_DEV_DMA_IOMMU
#define dmashare_dev_dma_iommu(dev)		((dev)->dma_iommu)
#define dmashare_set_dev_dma_iommu(dev, on)	((dev)->dma_iommu = (on))
#else
#define dmashare_dev_dma_iommu(dev)		((void)(dev), false)
#define dmashare_set_dev_dma_iommu(dev, on)	do { (void)(dev); (void)(on); } while (0)
#endif

/*
 * The largest order the page allocator hands out (probe: max_page_order):
 * MAX_PAGE_ORDER from 6.8; MAX_ORDER - 1 on 6.1, where MAX_ORDER is
 * exclusive (6.4-6.7 made it inclusive: this is then one order short,
 * which is safe).
 */
#ifdef DMASHARE_HAVE_MAX_PAGE_ORDER
#define DMASHARE_MAX_PAGE_ORDER		MAX_PAGE_ORDER
#else
#define DMASHARE_MAX_PAGE_ORDER		(MAX_ORDER - 1)
#endif

/*
 * Whether a device's DMA API can be pointed at our own dma_map_ops at all
 * (probe: dev_dma_ops).  Where it cannot, set_dma_ops() is an empty stub.
 */
#ifdef DMASHARE_HAVE_DEV_DMA_OPS
#define DMASHARE_DMA_OPS_SETTABLE	true
#else
#define DMASHARE_DMA_OPS_SETTABLE	false
#endif

/*
 * Where the IOMMU core keeps one iommu_ops per bus (probe: bus_iommu_ops,
 * up to 6.7), the first driver to register owns every bus: a second one
 * gets -EBUSY, and a module that registered leaves the buses pointing at
 * its ops after it is unloaded.  A module registers with the core only
 * where the ops belong to the instance.
 */
#ifdef DMASHARE_HAVE_BUS_IOMMU_OPS
#define DMASHARE_IOMMU_REGISTER_FROM_MODULE	0
#else
#define DMASHARE_IOMMU_REGISTER_FROM_MODULE	1
#endif

/*
 * Apply a device-tree overlay at the root (probe:
 * of_overlay_fdt_apply_base); from 6.6 the call takes the node to apply
 * it at.  Include <linux/of.h> where this is used.
 */
#ifdef DMASHARE_HAVE_OF_OVERLAY_FDT_APPLY_BASE
#define dmashare_of_overlay_fdt_apply(fdt, size, id)			\
	of_overlay_fdt_apply(fdt, size, id, NULL)
#else
#define dmashare_of_overlay_fdt_apply(fdt, size, id)			\
	of_overlay_fdt_apply(fdt, size, id)
#endif

/*
 * An importer's map and vmap of a dma-buf without holding its reservation
 * lock (probes: dma_buf_map_unlocked, dma_buf_vmap_unlocked).  From 6.2
 * the plain calls want the lock held and the _unlocked variants take it;
 * before, the plain calls were the unlocked ones.  Include
 * <linux/dma-buf.h> where these are used.
 */
#ifdef DMASHARE_HAVE_DMA_BUF_MAP_UNLOCKED
#define dmashare_dma_buf_map(a, dir)		dma_buf_map_attachment_unlocked(a, dir)
#define dmashare_dma_buf_unmap(a, sgt, dir)	dma_buf_unmap_attachment_unlocked(a, sgt, dir)
#else
#define dmashare_dma_buf_map(a, dir)		dma_buf_map_attachment(a, dir)
#define dmashare_dma_buf_unmap(a, sgt, dir)	dma_buf_unmap_attachment(a, sgt, dir)
#endif
#ifdef DMASHARE_HAVE_DMA_BUF_VMAP_UNLOCKED
#define dmashare_dma_buf_vmap(d, map)		dma_buf_vmap_unlocked(d, map)
#define dmashare_dma_buf_vunmap(d, map)		dma_buf_vunmap_unlocked(d, map)
#else
#define dmashare_dma_buf_vmap(d, map)		dma_buf_vmap(d, map)
#define dmashare_dma_buf_vunmap(d, map)		dma_buf_vunmap(d, map)
#endif

/*
 * struct device_type's devnode() takes a const struct device from 6.2
 * (probe: devnode_const): write its first parameter as
 * "DMASHARE_DEVNODE_CONST struct device *dev".
 */
#ifdef DMASHARE_HAVE_DEVNODE_CONST
#define DMASHARE_DEVNODE_CONST	const
#else
#define DMASHARE_DEVNODE_CONST
#endif

#endif /* DMASHARE_COMPAT_H */
