package org.idnode.node.importer;

/** Whole lines (whole CSV records) of one input file, handed to a parser thread. */
record Chunk(byte[] buf, int off, int len, boolean firstInFile) {
}
