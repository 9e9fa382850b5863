/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_core.h - the API of dmabuf_core.ko (namespace DMABUF_CORE;
 * importers: MODULE_IMPORT_NS(DMASHARE_NS(DMABUF_CORE))).
 *
 * dmabuf_core exports real dma-bufs (dma_buf_export(), so every importer
 * of the kernel accepts them) whose backing storage is chosen late: at
 * the first map, mmap, vmap or CPU access, from the constraints of every
 * device attached by then, and moved when a stricter device attaches
 * while nothing is mapped.  It also has import helpers that attach a
 * device to any dma-buf fd, foreign ones included.
 */
#ifndef DMASHARE_DMABUF_CORE_H
#define DMASHARE_DMABUF_CORE_H

#include <linux/dma-direction.h>
#include <linux/types.h>

struct cma_pool;
struct device;
struct dma_buf;
struct dma_buf_attachment;
struct sg_table;
struct dmabuf_core_owner;

/**
 * enum dmabuf_core_policy - where a buffer's backing may come from
 * @DMABUF_CORE_POLICY_AUTO: chosen at the first use from the attached
 *	devices' constraints: scattered system pages unless one of them
 *	needs contiguous memory; moved when a stricter device attaches
 * @DMABUF_CORE_POLICY_SYSTEM: scattered system pages only; a device that
 *	needs contiguous memory is refused
 * @DMABUF_CORE_POLICY_CONTIG: contiguous memory from a cma_pool (the
 *	export info's pool, or cma_pool's default pool)
 * @DMABUF_CORE_POLICY_COUNT: number of policies (not a policy)
 */
enum dmabuf_core_policy {
	DMABUF_CORE_POLICY_AUTO,
	DMABUF_CORE_POLICY_SYSTEM,
	DMABUF_CORE_POLICY_CONTIG,
	DMABUF_CORE_POLICY_COUNT,
};

/**
 * enum dmabuf_core_backing_kind - what backs a buffer now
 * @DMABUF_CORE_BACKING_NONE: nothing yet (late allocation)
 * @DMABUF_CORE_BACKING_SYSTEM: scattered pages from the page allocator
 * @DMABUF_CORE_BACKING_CMA: one contiguous range from a cma_pool
 */
enum dmabuf_core_backing_kind {
	DMABUF_CORE_BACKING_NONE,
	DMABUF_CORE_BACKING_SYSTEM,
	DMABUF_CORE_BACKING_CMA,
};

/* dmabuf_core_export_info.flags */
#define DMABUF_CORE_DMA32	0x1u	/* backing below 4 GiB whatever attaches */
#define DMABUF_CORE_EXPORT_FLAGS	DMABUF_CORE_DMA32

/**
 * struct dmabuf_core_export_info - what dmabuf_core_export() makes
 * @size:	bytes, non-zero; rounded up to whole pages
 * @name:	the dma-buf's name (as DMA_BUF_SET_NAME sets it), or NULL
 * @flags:	DMABUF_CORE_* export flags
 * @policy:	enum dmabuf_core_policy
 * @owner:	charged for the buffer until it is released; the buffer holds
 *		a reference to it
 * @pool:	for DMABUF_CORE_POLICY_CONTIG (and contiguous AUTO backing):
 *		a cma_pool, or NULL for cma_pool's default pool; the buffer
 *		holds a reference to it until it is released (so
 *		cma_pool_destroy() of it gives -EBUSY until then)
 */
struct dmabuf_core_export_info {
	size_t size;
	const char *name;
	unsigned int flags;
	enum dmabuf_core_policy policy;
	struct dmabuf_core_owner *owner;
	struct cma_pool *pool;
};

/**
 * struct dmabuf_core_info - one buffer's state
 * @size:	bytes
 * @backing:	enum dmabuf_core_backing_kind
 * @backed:	bytes of memory backing it now (0 before the first use)
 * @chunks:	physically contiguous pieces of the backing
 * @attachments: devices attached
 * @mapped:	attachments with a device mapping handed out now
 * @vmaps:	kernel mappings (vmap) outstanding
 * @mmaps:	user mappings outstanding
 * @maps:	map_dma_buf calls so far
 * @migrations:	times the backing was moved
 * @min_phys:	lowest physical address of the backing (0 without one)
 * @max_phys:	highest physical address of the backing, its last byte
 *		(0 without one); a physical address: for privileged callers
 */
struct dmabuf_core_info {
	u64 size;
	u32 backing;
	u64 backed;
	u32 chunks;
	u32 attachments;
	u32 mapped;
	u32 vmaps;
	u32 mmaps;
	u64 maps;
	u64 migrations;
	u64 min_phys;
	u64 max_phys;
};

/**
 * struct dmabuf_core_stats - totals, for all buffers or for one owner
 * @buffers:	buffers alive
 * @bytes:	bytes charged (the buffers' sizes)
 * @backed:	bytes of memory allocated to back them
 */
struct dmabuf_core_stats {
	u64 buffers;
	u64 bytes;
	u64 backed;
};

/* dmabuf_core_set_dev_flags() flags */
#define DMABUF_CORE_DEV_CONTIGUOUS	0x1u	/* DMA needs one physical range */
#define DMABUF_CORE_DEV_FLAGS		DMABUF_CORE_DEV_CONTIGUOUS

struct dmabuf_core_owner *dmabuf_core_owner_create(const char *name, u64 limit);
void dmabuf_core_owner_set_limit(struct dmabuf_core_owner *owner, u64 limit);
void dmabuf_core_owner_put(struct dmabuf_core_owner *owner);
void dmabuf_core_owner_stats(struct dmabuf_core_owner *owner,
			     struct dmabuf_core_stats *st);
void dmabuf_core_get_stats(struct dmabuf_core_stats *st);

struct dma_buf *dmabuf_core_export(const struct dmabuf_core_export_info *info);
bool dmabuf_core_is_ours(const struct dma_buf *dmabuf);
int dmabuf_core_get_info(struct dma_buf *dmabuf, struct dmabuf_core_info *info);

int dmabuf_core_set_dev_flags(struct device *dev, unsigned int flags);

struct dma_buf_attachment *dmabuf_core_import(int fd, struct device *dev);
void dmabuf_core_import_release(struct dma_buf_attachment *attach);
struct sg_table *dmabuf_core_import_map(struct dma_buf_attachment *attach,
					enum dma_data_direction dir);
void dmabuf_core_import_unmap(struct dma_buf_attachment *attach,
			      struct sg_table *sgt, enum dma_data_direction dir);

#endif /* DMASHARE_DMABUF_CORE_H */
