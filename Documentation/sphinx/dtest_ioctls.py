# SPDX-License-Identifier: GPL-2.0
"""The ".. dtest-ioctls:: include/uapi/dmabuf-test.h" directive: a table of the
ioctls a uapi header defines, read from the header itself, so that it cannot drift:
one row per "#define DTEST_IOC_<NAME> _IO*(DTEST_IOC_MAGIC, <nr>, <type>)",
with the one-line kernel-doc description of its argument structure.  An
ioctl whose structure has no kernel-doc comment is a warning (and -W makes
it an error)."""
import os
import re

from docutils import nodes, statemachine
from docutils.parsers.rst import Directive
from sphinx.util import logging
from sphinx.util.docutils import switch_source_input

logger = logging.getLogger(__name__)

IOCTL_RE = re.compile(r'^#define\s+(\w+)\s+_IO(R|W|WR)?\(\s*\w+\s*,\s*(0x[0-9a-fA-F]+|\d+)'
                      r'\s*(?:,\s*struct\s+(\w+)\s*)?\)')
DOC_RE = re.compile(r'^\s*\*\s*struct\s+(\w+)\s+-\s+(.*)$')
DIRS = {None: 'none', 'R': 'read', 'W': 'write', 'WR': 'read/write'}


class DtestIoctls(Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        path = os.path.join(env.config.kerneldoc_srctree, self.arguments[0])
        env.note_dependency(os.path.abspath(path))
        with open(path, encoding='utf-8') as f:
            lines = f.read().replace('\\\n', ' ').splitlines()
        # The purpose may go on over more lines, up to the first @member
        # line, blank comment line or end of comment, as kernel-doc reads it.
        docs, current = {}, None
        for line in lines:
            m = DOC_RE.match(line)
            if m:
                current = m.group(1)
                docs[current] = m.group(2).strip()
            elif current and re.match(r'^\s*\*\s+[^@\s/]', line):
                docs[current] += ' ' + line.strip().lstrip('*').strip()
            else:
                current = None
        rows = []
        for line in lines:
            m = IOCTL_RE.match(line)
            if not m:
                continue
            name, d, nr, struct = m.groups()
            if struct and struct not in docs:
                logger.warning('%s: struct %s of %s has no kernel-doc comment',
                               self.arguments[0], struct, name,
                               location=(env.docname, self.lineno))
            rows.append((int(nr, 0), name, DIRS[d], struct, docs.get(struct, '')))
        if not rows:
            logger.warning('%s: no ioctls found', self.arguments[0],
                           location=(env.docname, self.lineno))
            return []
        rst = ['.. list-table::', '   :header-rows: 1', '   :widths: 30 8 12 25 40', '',
               '   * - ioctl', '     - nr', '     - direction', '     - argument',
               '     - what it does']
        for nr, name, d, struct, desc in sorted(rows):
            rst += ['   * - ``%s``' % name, '     - 0x%02x' % nr, '     - %s' % d,
                    '     - :c:struct:`%s`' % struct if struct else '     - (none)',
                    '     - %s' % (desc or '')]
        src = '%s:%d: dtest-ioctls' % (env.docname, self.lineno)
        view = statemachine.ViewList()
        for i, line in enumerate(rst):
            view.append(line, src, i)
        container = nodes.section()
        with switch_source_input(self.state, view):
            self.state.nested_parse(view, 0, container)
        return container.children


def setup(app):
    app.add_directive('dtest-ioctls', DtestIoctls)
    return dict(version='1.0', parallel_read_safe=True, parallel_write_safe=True)
