/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_util.h - helpers of the dmabuf and dmabuf_bench suites: the
 * DTEST_IOC_DMABUF_* ioctls, and DRM PRIME on vgem (the DRM uapi
 * structures are defined here by value: libdrm's headers are not needed).
 */
#ifndef DMABUF_TEST_DMABUF_UTIL_H
#define DMABUF_TEST_DMABUF_UTIL_H

#include <stdint.h>

/* A new buffer's fd, or -errno. */
int d_alloc(int fd, uint64_t size, uint32_t policy, uint32_t flags);
/* The errno of allocating @size with the AUTO policy (0: it worked, closed). */
int d_alloc_err(int fd, uint64_t size);
/* An attachment handle, or 0. */
uint32_t d_attach(int fd, int bfd, uint32_t device);
/* The errno of attaching (0: it worked; the attachment then stays). */
int d_attach_err(int fd, int bfd, uint32_t device);
/* The rest: 0 or the errno. */
int d_map(int fd, uint32_t h, uint32_t dir, struct dtest_dmabuf_map *out);
int d_unmap(int fd, uint32_t h);
int d_dma(int fd, uint32_t h, uint32_t flags, uint64_t off, uint64_t len, uint32_t seed,
	  uint64_t *verified);
int d_detach(int fd, uint32_t h);
int d_info(int fd, int bfd, struct dtest_dmabuf_info *in);
int d_vmap(int fd, int bfd, uint32_t flags, uint64_t off, uint64_t len, uint32_t seed,
	   uint64_t *verified);

/* dmabuf_mask.c: parts of the dmabuf suite. */
void dmabuf_test_mask(int fd);
void dmabuf_test_pools(int fd);
void dmabuf_test_dynamic(int fd);

/* vgem's /dev/dri/card* opened, or -1. */
int vgem_open(void);
int prime_fd_to_handle(int card, int fd, uint32_t *handle);
/* An O_CLOEXEC, O_RDWR fd, or -1. */
int prime_handle_to_fd(int card, uint32_t handle);
int gem_close(int card, uint32_t handle);

#endif /* DMABUF_TEST_DMABUF_UTIL_H */
