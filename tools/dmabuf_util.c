// SPDX-License-Identifier: GPL-2.0
/* dmabuf_util.c - see dmabuf_util.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "harness.h"
#include "dmabuf_util.h"

int d_alloc(int fd, uint64_t size, uint32_t policy, uint32_t flags)
{
	struct dtest_dmabuf_alloc a = { .flags = flags, .policy = policy, .size = size };
	int err = xioctl(fd, DTEST_IOC_DMABUF_ALLOC, &a);

	return err ? -err : (int)a.fd;
}

int d_alloc_err(int fd, uint64_t size)
{
	int bfd = d_alloc(fd, size, DTEST_DMABUF_POLICY_AUTO, 0);

	if (bfd < 0)
		return -bfd;
	close(bfd);
	return 0;
}

int d_attach_err(int fd, int bfd, uint32_t device)
{
	struct dtest_dmabuf_attach a = { .fd = bfd, .device = device };

	return xioctl(fd, DTEST_IOC_DMABUF_ATTACH, &a);
}

uint32_t d_attach(int fd, int bfd, uint32_t device)
{
	struct dtest_dmabuf_attach a = { .fd = bfd, .device = device };

	return xioctl(fd, DTEST_IOC_DMABUF_ATTACH, &a) ? 0 : a.handle;
}

int d_map(int fd, uint32_t h, uint32_t dir, struct dtest_dmabuf_map *out)
{
	struct dtest_dmabuf_map m = { .handle = h, .dir = dir };
	int err = xioctl(fd, DTEST_IOC_DMABUF_MAP, &m);

	if (out)
		*out = m;
	return err;
}

int d_unmap(int fd, uint32_t h)
{
	struct dtest_dmabuf_map m = { .handle = h, .flags = DTEST_DMABUF_MAP_UNMAP };

	return xioctl(fd, DTEST_IOC_DMABUF_MAP, &m);
}

int d_dma(int fd, uint32_t h, uint32_t flags, uint64_t off, uint64_t len, uint32_t seed,
	  uint64_t *verified)
{
	struct dtest_dmabuf_dma d = { .flags = flags, .handle = h, .offset = off, .len = len,
				      .seed = seed };
	int err = xioctl(fd, DTEST_IOC_DMABUF_DMA, &d);

	if (verified)
		*verified = err ? 0 : d.verified;
	return err;
}

int d_detach(int fd, uint32_t h)
{
	struct dtest_dmabuf_detach d = { .handle = h };

	return xioctl(fd, DTEST_IOC_DMABUF_DETACH, &d);
}

int d_info(int fd, int bfd, struct dtest_dmabuf_info *in)
{
	memset(in, 0, sizeof(*in));
	in->fd = bfd;
	return xioctl(fd, DTEST_IOC_DMABUF_INFO, in);
}

int d_vmap(int fd, int bfd, uint32_t flags, uint64_t off, uint64_t len, uint32_t seed,
	   uint64_t *verified)
{
	struct dtest_dmabuf_vmap v = { .flags = flags, .fd = bfd, .offset = off, .len = len,
				       .seed = seed };
	int err = xioctl(fd, DTEST_IOC_DMABUF_VMAP, &v);

	if (verified)
		*verified = err ? 0 : v.verified;
	return err;
}

/* include/uapi/drm/drm.h, by value */
struct drm_version_s {
	int version_major;
	int version_minor;
	int version_patchlevel;
	size_t name_len;
	char *name;
	size_t date_len;
	char *date;
	size_t desc_len;
	char *desc;
};

struct drm_prime_handle_s {
	uint32_t handle;
	uint32_t flags;
	int32_t fd;
};

struct drm_gem_close_s {
	uint32_t handle;
	uint32_t pad;
};

#define DRM_BASE			'd'
#define DRM_IOCTL_VERSION_S		_IOWR(DRM_BASE, 0x00, struct drm_version_s)
#define DRM_IOCTL_GEM_CLOSE_S		_IOW(DRM_BASE, 0x09, struct drm_gem_close_s)
#define DRM_IOCTL_PRIME_HANDLE_TO_FD_S	_IOWR(DRM_BASE, 0x2d, struct drm_prime_handle_s)
#define DRM_IOCTL_PRIME_FD_TO_HANDLE_S	_IOWR(DRM_BASE, 0x2e, struct drm_prime_handle_s)

int vgem_open(void)
{
	char path[32], name[16];
	int i, card;

	for (i = 0; i < 16; i++) {
		struct drm_version_s v = { .name_len = sizeof(name) - 1, .name = name };

		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		card = open(path, O_RDWR | O_CLOEXEC);
		if (card < 0)
			continue;
		memset(name, 0, sizeof(name));
		if (!ioctl(card, DRM_IOCTL_VERSION_S, &v) && !strcmp(name, "vgem"))
			return card;
		close(card);
	}
	return -1;
}

int prime_fd_to_handle(int card, int fd, uint32_t *handle)
{
	struct drm_prime_handle_s p = { .fd = fd };
	int err = xioctl(card, DRM_IOCTL_PRIME_FD_TO_HANDLE_S, &p);

	*handle = err ? 0 : p.handle;
	return err;
}

int prime_handle_to_fd(int card, uint32_t handle)
{
	struct drm_prime_handle_s p = { .handle = handle, .flags = O_CLOEXEC | O_RDWR };

	return xioctl(card, DRM_IOCTL_PRIME_HANDLE_TO_FD_S, &p) ? -1 : p.fd;
}

int gem_close(int card, uint32_t handle)
{
	struct drm_gem_close_s c = { .handle = handle };

	return xioctl(card, DRM_IOCTL_GEM_CLOSE_S, &c);
}
