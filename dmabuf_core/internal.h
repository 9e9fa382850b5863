/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_core internals shared with its KUnit suite.  policy.c holds the
 * pure functions (constraint collation, backing choice, the migration
 * decision, accounting arithmetic); main.c everything with side effects.
 */
#ifndef DMABUF_CORE_INTERNAL_H
#define DMABUF_CORE_INTERNAL_H

#include <linux/types.h>

#include <dmabuf_core.h>

/**
 * struct dmabuf_core_constraints - what a set of devices needs of memory
 * @dma_mask:	highest physical address every direct-DMA device reaches
 *		(devices behind an IOMMU do not restrict it)
 * @max_seg:	longest physically contiguous piece a direct-DMA device
 *		takes as one segment, bytes
 * @seg_boundary: boundary mask no piece may cross, for direct-DMA devices
 * @contiguous:	some device needs the whole buffer as one physical range
 * @noncoherent: some device is not cache-coherent
 * @devices:	how many devices were collated
 */
struct dmabuf_core_constraints {
	u64 dma_mask;
	u64 max_seg;
	u64 seg_boundary;
	bool contiguous;
	bool noncoherent;
	unsigned int devices;
};

/**
 * struct dmabuf_core_dev_caps - one device's properties, as attach sees them
 * @dma_mask:	its DMA mask
 * @max_seg:	dma_get_max_seg_size()
 * @seg_boundary: dma_get_seg_boundary()
 * @iommu:	its DMA goes through an IOMMU translation domain (a kernel
 *		DMA domain or an iommu_mapper window)
 * @contiguous:	DMABUF_CORE_DEV_CONTIGUOUS was set for it
 * @coherent:	cache-coherent DMA
 */
struct dmabuf_core_dev_caps {
	u64 dma_mask;
	u64 max_seg;
	u64 seg_boundary;
	bool iommu;
	bool contiguous;
	bool coherent;
};

/**
 * struct dmabuf_core_choice - how to back a buffer
 * @kind:	DMABUF_CORE_BACKING_SYSTEM or _CMA
 * @max_order:	for SYSTEM: largest page order a piece may have
 * @dma_mask:	highest physical address the backing may use
 */
struct dmabuf_core_choice {
	enum dmabuf_core_backing_kind kind;
	unsigned int max_order;
	u64 dma_mask;
};

/**
 * struct dmabuf_core_layout - what a backing actually is
 * @kind:	enum dmabuf_core_backing_kind
 * @max_chunk:	bytes of its longest physically contiguous piece
 * @chunks:	pieces
 * @min_phys:	its lowest physical address
 * @max_phys:	its highest physical address
 *
 * Pieces of SYSTEM backing are naturally aligned powers of two.
 */
struct dmabuf_core_layout {
	enum dmabuf_core_backing_kind kind;
	u64 max_chunk;
	unsigned int chunks;
	u64 min_phys;
	u64 max_phys;
};

/* Largest page order of a SYSTEM piece: 1 MiB with 4 KiB pages, like the system heap. */
#define DMABUF_CORE_SYSTEM_MAX_ORDER	8

/**
 * struct dmabuf_core_account - bytes and buffers charged, and the limit
 * @bytes:	bytes charged
 * @buffers:	buffers charged
 * @limit:	most bytes; 0: no limit
 */
struct dmabuf_core_account {
	u64 bytes;
	u64 buffers;
	u64 limit;
};

/* The migration decision of an attach, for a buffer in a given state. */
enum dmabuf_core_attach_action {
	DMABUF_CORE_ATTACH_KEEP,	/* backing serves the new set (or none yet) */
	DMABUF_CORE_ATTACH_MIGRATE,	/* move it to a new choice, then attach */
	DMABUF_CORE_ATTACH_REFUSE,	/* -EBUSY */
};

void dmabuf_core_constraints_init(struct dmabuf_core_constraints *c);
void dmabuf_core_collate(struct dmabuf_core_constraints *c,
			 const struct dmabuf_core_dev_caps *dev);
int dmabuf_core_choose(const struct dmabuf_core_constraints *c,
		       enum dmabuf_core_policy policy, unsigned int flags,
		       u64 size, struct dmabuf_core_choice *choice);
bool dmabuf_core_layout_serves(const struct dmabuf_core_layout *l,
			       const struct dmabuf_core_constraints *c,
			       enum dmabuf_core_policy policy, u64 size);
enum dmabuf_core_attach_action
dmabuf_core_attach_action(const struct dmabuf_core_layout *l,
			  const struct dmabuf_core_constraints *c,
			  enum dmabuf_core_policy policy, unsigned int flags,
			  u64 size, bool in_use, struct dmabuf_core_choice *choice);
bool dmabuf_core_busy(unsigned int pinned, unsigned int vmaps, unsigned int mmaps);
int dmabuf_core_charge(struct dmabuf_core_account *owner,
		       struct dmabuf_core_account *global, u64 bytes);
void dmabuf_core_uncharge(struct dmabuf_core_account *owner,
			  struct dmabuf_core_account *global, u64 bytes);

#endif /* DMABUF_CORE_INTERNAL_H */
