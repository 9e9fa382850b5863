/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mapping.h - internals of mapping.c that its KUnit suite reaches
 * (EXPORT_SYMBOL_IF_KUNIT); not an API.
 */
#ifndef DMASHARE_IOMMU_MAPPER_MAPPING_H
#define DMASHARE_IOMMU_MAPPER_MAPPING_H

#include <linux/scatterlist.h>
#include <linux/types.h>

#if IS_ENABLED(CONFIG_KUNIT)
int mapper_sg_layout(struct scatterlist *sgl, int nents, dma_addr_t iova, size_t granule,
		     unsigned int max_seg, unsigned long boundary);
#endif

#endif /* DMASHARE_IOMMU_MAPPER_MAPPING_H */
