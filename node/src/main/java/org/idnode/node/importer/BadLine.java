package org.idnode.node.importer;

/** A rejected line: its number in the file (1-based) and what is wrong with it. */
record BadLine(long line, String message) {
    BadLine shifted(long lines) {
        return new BadLine(line + lines, message);
    }
}
