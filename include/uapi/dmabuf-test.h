/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmabuf-test.h - ioctl interface of /dev/dmabuf-test (test_exporter.ko)
 *
 * Rules every structure here follows, so the interface can grow:
 *  - only __u32/__u64 fields, naturally aligned, explicit __pad fields,
 *    sizes a multiple of 8, pointers passed as __u64;
 *  - the kernel copies _IOC_SIZE(cmd) bytes: a shorter (older) structure
 *    is zero-extended, a longer (newer) one is accepted when its extra
 *    bytes are zero (E2BIG otherwise);
 *  - unknown flags, non-zero __pad and non-zero output fields on input are
 *    refused with EINVAL; unknown ioctls with ENOTTY.
 */
#ifndef _UAPI_DMABUF_TEST_H
#define _UAPI_DMABUF_TEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define DTEST_API_VERSION	1

/* Not claimed in Documentation/userspace-api/ioctl/ioctl-number.rst. */
#define DTEST_IOC_MAGIC		0xD3

/**
 * struct dtest_info - what the running test_exporter implements
 * @flags:	in: none defined yet; must be 0
 * @__pad:	must be 0
 * @api_version: out: DTEST_API_VERSION of the kernel module
 * @info_size:	out: bytes of this structure the kernel knows and filled
 * @features:	out: DTEST_FEAT_* bits (none defined yet)
 */
struct dtest_info {
	__u32 flags;
	__u32 __pad;
	__u32 api_version;
	__u32 info_size;
	__u64 features;
};

#define DTEST_INFO_FLAGS	0u

#define DTEST_IOC_INFO		_IOWR(DTEST_IOC_MAGIC, 0x00, struct dtest_info)

/*
 * cma_pool (numbers 0x10-0x1f).  Each open file of /dev/dmabuf-test is
 * one cma_pool owner: its allocations are charged to it and freed when it
 * is closed.  Pools made with CMA_POOL_CREATE are shared by all files and
 * live until CMA_POOL_DESTROY or until test_exporter is unloaded.  Sizes
 * are bytes, rounded up to whole pages; a pool reserves (and charges the
 * owner) whole granules: a pageblock, 2 MiB on x86-64, for pools in
 * System RAM, a page for carveouts.
 */

/* dtest_cma_pool.backing and dtest_cma_info.backing */
#define DTEST_CMA_REUSABLE	0	/* free pages used by the system */
#define DTEST_CMA_CLAIMED	1	/* taken from the system up front */
#define DTEST_CMA_CARVEOUT	2	/* reserved at boot, outside System RAM */

/**
 * struct dtest_cma_pool - CMA_POOL_CREATE: a new pool
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	out: names the pool in the other cma ioctls (never 0)
 * @size:	in: bytes, non-zero; whole pageblocks unless a carveout
 * @base:	in: physical base, or 0 to let cma_pool choose; a base
 *		outside System RAM (reserved with memmap=) makes a carveout
 * @reserve:	in: bytes of the pool only privileged owners may allocate
 */
struct dtest_cma_pool {
	__u32 flags;
	__u32 pool_id;
	__u64 size;
	__u64 base;
	__u64 reserve;
};

#define DTEST_CMA_POOL_FLAGS	0u

/**
 * struct dtest_cma_id - CMA_POOL_DESTROY and CMA_FREE
 * @flags:	in: none defined yet; must be 0
 * @id:		in: a pool_id from CMA_POOL_CREATE, or a handle from
 *		CMA_ALLOC
 */
struct dtest_cma_id {
	__u32 flags;
	__u32 id;
};

#define DTEST_CMA_ID_FLAGS	0u

/**
 * struct dtest_cma_alloc - CMA_ALLOC: contiguous, zeroed memory
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	in: 0 for the default pool, or a pool_id from CMA_POOL_CREATE
 * @size:	in: bytes, non-zero
 * @align_order: in: the physical address is a multiple of
 *		PAGE_SIZE << @align_order
 * @handle:	out: names the allocation in CMA_FREE and CMA_RW (never 0)
 * @phys:	out: physical address
 */
struct dtest_cma_alloc {
	__u32 flags;
	__u32 pool_id;
	__u64 size;
	__u32 align_order;
	__u32 handle;
	__u64 phys;
};

#define DTEST_CMA_ALLOC_FLAGS	0u

/**
 * struct dtest_cma_info - CMA_INFO: a pool's state
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	in: 0 for the default pool, or a pool_id from CMA_POOL_CREATE
 * @base:	out: physical base
 * @size:	out: bytes
 * @used:	out: bytes allocated
 * @max_chunk:	out: bytes of the largest free run
 * @reserve:	out: bytes only privileged owners may allocate
 * @backing:	out: DTEST_CMA_REUSABLE, _CLAIMED or _CARVEOUT
 * @__pad:	must be 0
 */
struct dtest_cma_info {
	__u32 flags;
	__u32 pool_id;
	__u64 base;
	__u64 size;
	__u64 used;
	__u64 max_chunk;
	__u64 reserve;
	__u32 backing;
	__u32 __pad;
};

#define DTEST_CMA_INFO_FLAGS	0u

/**
 * struct dtest_cma_owner - CMA_OWNER: this file's limit and privilege
 * @flags:	in: DTEST_CMA_OWNER_PRIVILEGED (needs CAP_SYS_ADMIN) lets
 *		the file allocate below pools' reserve floors
 * @__pad:	must be 0
 * @limit:	in: most bytes the file may hold over all pools; 0: none
 */
struct dtest_cma_owner {
	__u32 flags;
	__u32 __pad;
	__u64 limit;
};

#define DTEST_CMA_OWNER_PRIVILEGED	0x1u
#define DTEST_CMA_OWNER_FLAGS		DTEST_CMA_OWNER_PRIVILEGED

/**
 * struct dtest_cma_rw - CMA_RW: copy between an allocation and userspace
 * @flags:	in: DTEST_CMA_RW_WRITE writes @len bytes from @ptr into the
 *		allocation; without it they are read into @ptr
 * @handle:	in: from CMA_ALLOC
 * @offset:	in: byte offset into the allocation
 * @len:	in: bytes; @offset + @len must lie inside the allocation
 * @ptr:	in: user buffer
 */
struct dtest_cma_rw {
	__u32 flags;
	__u32 handle;
	__u64 offset;
	__u64 len;
	__u64 ptr;
};

#define DTEST_CMA_RW_WRITE	0x1u
#define DTEST_CMA_RW_FLAGS	DTEST_CMA_RW_WRITE

#define DTEST_IOC_CMA_POOL_CREATE _IOWR(DTEST_IOC_MAGIC, 0x10, struct dtest_cma_pool)
#define DTEST_IOC_CMA_POOL_DESTROY _IOWR(DTEST_IOC_MAGIC, 0x11, struct dtest_cma_id)
#define DTEST_IOC_CMA_ALLOC	_IOWR(DTEST_IOC_MAGIC, 0x12, struct dtest_cma_alloc)
#define DTEST_IOC_CMA_FREE	_IOWR(DTEST_IOC_MAGIC, 0x13, struct dtest_cma_id)
#define DTEST_IOC_CMA_INFO	_IOWR(DTEST_IOC_MAGIC, 0x14, struct dtest_cma_info)
#define DTEST_IOC_CMA_OWNER	_IOWR(DTEST_IOC_MAGIC, 0x15, struct dtest_cma_owner)
#define DTEST_IOC_CMA_RW	_IOWR(DTEST_IOC_MAGIC, 0x16, struct dtest_cma_rw)

#endif /* _UAPI_DMABUF_TEST_H */
