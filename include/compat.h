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
 * iommu_map() takes a gfp_t from 6.3 (probe: iommu_map_gfp).  Before, it
 * allocated page tables with GFP_KERNEL: call this only where that holds.
 */
#ifdef DMASHARE_HAVE_IOMMU_MAP_GFP
#define dmashare_iommu_map(domain, iova, paddr, size, prot, gfp)	\
	iommu_map(domain, iova, paddr, size, prot, gfp)
#else
#define dmashare_iommu_map(domain, iova, paddr, size, prot, gfp)	\
	({ (void)(gfp); iommu_map(domain, iova, paddr, size, prot); })
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

#endif /* DMASHARE_COMPAT_H */
