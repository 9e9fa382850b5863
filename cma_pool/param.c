// SPDX-License-Identifier: GPL-2.0
/*
 * cma_pool param: the pools= module parameter, in the spirit of the
 * kernel's cma=size[@base]:
 *
 *	pools=NAME:SIZE[@BASE][,NAME:SIZE[@BASE]]...
 *
 * SIZE and BASE take memparse() suffixes (K, M, G).  The parser only
 * reads the string and fills a caller's array, so a refused string
 * leaves nothing behind; every refusal is logged with where it happened.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "internal.h"

/**
 * cma_pool_name_valid() - is @name usable as a pool name?
 * @name: NUL-terminated
 *
 * Names are 1 to CMA_POOL_NAME_LEN - 1 characters of [a-z0-9_-]: they
 * become debugfs directory names.
 *
 * Context: any.
 * Return: true when it is.
 */
bool cma_pool_name_valid(const char *name)
{
	size_t i, len = strnlen(name, CMA_POOL_NAME_LEN);

	if (!len || len == CMA_POOL_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!islower(name[i]) && !isdigit(name[i]) &&
		    name[i] != '_' && name[i] != '-')
			return false;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_name_valid);

static int spec_refuse(const char *str, const char *at, const char *why)
{
	pr_err("pools=%s refused at offset %td: %s\n", str, at - str, why);
	return -EINVAL;
}

/**
 * cma_pool_parse_specs() - parse a pools= string
 * @str: the string; NULL or empty means no pools
 * @specs: out: one entry per pool, in order
 * @max: entries in @specs
 *
 * Refused: a name that cma_pool_name_valid() refuses or that repeats, a
 * missing or zero size, a size or base that is not page aligned, a range
 * that wraps, two fixed ranges that overlap, anything after a pool but a
 * comma, an empty entry, more than @max pools.
 *
 * Context: any; does not allocate.
 * Return: the number of pools, or -EINVAL (logged with the offset).
 */
int cma_pool_parse_specs(const char *str, struct cma_pool_spec *specs,
			 unsigned int max)
{
	const char *p = str, *end;
	unsigned int n = 0, i;

	if (!str || !*str)
		return 0;
	for (;;) {
		struct cma_pool_spec *s;
		size_t len;

		if (n == max)
			return spec_refuse(str, p, "too many pools");
		s = &specs[n];
		memset(s, 0, sizeof(*s));
		end = strchr(p, ':');
		if (!end)
			return spec_refuse(str, p, "expected NAME:SIZE");
		len = end - p;
		if (len >= CMA_POOL_NAME_LEN)
			return spec_refuse(str, p, "name too long");
		memcpy(s->name, p, len);
		if (!cma_pool_name_valid(s->name))
			return spec_refuse(str, p, "name must be [a-z0-9_-]+");
		for (i = 0; i < n; i++)
			if (!strcmp(specs[i].name, s->name))
				return spec_refuse(str, p, "name used twice");

		p = end + 1;
		s->size = memparse(p, (char **)&end);
		if (end == p)
			return spec_refuse(str, p, "expected a size");
		if (!s->size || !PAGE_ALIGNED(s->size))
			return spec_refuse(str, p,
					   "size must be a non-zero multiple of the page size");
		p = end;
		if (*p == '@') {
			p++;
			s->base = memparse(p, (char **)&end);
			if (end == p)
				return spec_refuse(str, p, "expected a base after '@'");
			if (!s->base || !PAGE_ALIGNED(s->base))
				return spec_refuse(str, p,
						   "base must be a non-zero multiple of the page size");
			if (s->base + s->size < s->base)
				return spec_refuse(str, p, "range wraps around");
			for (i = 0; i < n; i++) {
				const struct cma_pool_spec *o = &specs[i];

				if (o->base && s->base < o->base + o->size &&
				    o->base < s->base + s->size)
					return spec_refuse(str, p, "overlaps an earlier pool");
			}
			p = end;
		}
		n++;
		if (!*p)
			return n;
		if (*p != ',')
			return spec_refuse(str, p, "expected ',' or the end");
		p++;
	}
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_parse_specs);
