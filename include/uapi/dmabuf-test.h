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

#endif /* _UAPI_DMABUF_TEST_H */
