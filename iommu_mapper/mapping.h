/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mapping.h - iommu_mapper internals shared between its files and with its
 * KUnit suite (EXPORT_SYMBOL_IF_KUNIT); not an API.
 */
#ifndef DMASHARE_IOMMU_MAPPER_MAPPING_H
#define DMASHARE_IOMMU_MAPPER_MAPPING_H

#include <linux/scatterlist.h>
#include <linux/types.h>

/* knob.c: the debugfs attach/detach knob */
void mapper_knob_init(void);
void mapper_knob_exit(void);

#if IS_ENABLED(CONFIG_KUNIT)
int mapper_sg_layout(struct scatterlist *sgl, int nents, dma_addr_t iova, size_t granule,
		     unsigned int max_seg, unsigned long boundary);
#endif

#endif /* DMASHARE_IOMMU_MAPPER_MAPPING_H */
