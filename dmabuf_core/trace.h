/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_core tracepoints: events/dmabuf_core/ in tracefs.
 *
 * Device names are copied into fixed arrays rather than __string(): the
 * __assign_str() signature differs between the supported kernels.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dmabuf_core

#if !defined(_DMABUF_CORE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _DMABUF_CORE_TRACE_H

#include <linux/string.h>
#include <linux/tracepoint.h>

/* Longest device name kept in an event, NUL included. */
#define DMABUF_CORE_TRACE_DEV	32

TRACE_EVENT(dmabuf_core_export,
	    TP_PROTO(u64 id, u64 size, unsigned int policy, unsigned int flags),
	    TP_ARGS(id, size, policy, flags),
	    TP_STRUCT__entry(__field(u64, id)
			     __field(u64, size)
			     __field(unsigned int, policy)
			     __field(unsigned int, flags)),
	    TP_fast_assign(__entry->id = id;
			   __entry->size = size;
			   __entry->policy = policy;
			   __entry->flags = flags;),
	    TP_printk("buf=%llu size=%llu policy=%u flags=%#x",
		      __entry->id, __entry->size, __entry->policy, __entry->flags)
);

TRACE_EVENT(dmabuf_core_attach,
	    TP_PROTO(u64 id, const char *dev, int action, int err),
	    TP_ARGS(id, dev, action, err),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(char, dev, DMABUF_CORE_TRACE_DEV)
			     __field(int, action)
			     __field(int, err)),
	    TP_fast_assign(__entry->id = id;
			   strscpy(__entry->dev, dev, DMABUF_CORE_TRACE_DEV);
			   __entry->action = action;
			   __entry->err = err;),
	    TP_printk("buf=%llu dev=%s action=%d err=%d",
		      __entry->id, __entry->dev, __entry->action, __entry->err)
);

TRACE_EVENT(dmabuf_core_map,
	    TP_PROTO(u64 id, const char *dev, int dir, unsigned int nents, int err),
	    TP_ARGS(id, dev, dir, nents, err),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(char, dev, DMABUF_CORE_TRACE_DEV)
			     __field(int, dir)
			     __field(unsigned int, nents)
			     __field(int, err)),
	    TP_fast_assign(__entry->id = id;
			   strscpy(__entry->dev, dev, DMABUF_CORE_TRACE_DEV);
			   __entry->dir = dir;
			   __entry->nents = nents;
			   __entry->err = err;),
	    TP_printk("buf=%llu dev=%s dir=%d nents=%u err=%d",
		      __entry->id, __entry->dev, __entry->dir, __entry->nents,
		      __entry->err)
);

TRACE_EVENT(dmabuf_core_migrate,
	    TP_PROTO(u64 id, unsigned int from, unsigned int to, u64 size, int err),
	    TP_ARGS(id, from, to, size, err),
	    TP_STRUCT__entry(__field(u64, id)
			     __field(unsigned int, from)
			     __field(unsigned int, to)
			     __field(u64, size)
			     __field(int, err)),
	    TP_fast_assign(__entry->id = id;
			   __entry->from = from;
			   __entry->to = to;
			   __entry->size = size;
			   __entry->err = err;),
	    TP_printk("buf=%llu from=%u to=%u size=%llu err=%d",
		      __entry->id, __entry->from, __entry->to, __entry->size,
		      __entry->err)
);

TRACE_EVENT(dmabuf_core_release,
	    TP_PROTO(u64 id, u64 size, u64 migrations),
	    TP_ARGS(id, size, migrations),
	    TP_STRUCT__entry(__field(u64, id)
			     __field(u64, size)
			     __field(u64, migrations)),
	    TP_fast_assign(__entry->id = id;
			   __entry->size = size;
			   __entry->migrations = migrations;),
	    TP_printk("buf=%llu size=%llu migrations=%llu",
		      __entry->id, __entry->size, __entry->migrations)
);

#endif /* _DMABUF_CORE_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
