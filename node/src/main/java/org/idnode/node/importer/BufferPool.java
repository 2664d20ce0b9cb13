package org.idnode.node.importer;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reuses the chunk-sized arrays that carry input and encoded records between threads. Without it, an
 * import allocates two fresh ~1 MiB arrays per chunk, which G1 treats as humongous objects: each
 * takes whole regions of fresh memory, and the heap, the page faults and the GC work grow with the
 * input instead of staying flat. Arrays of another size are neither handed out nor kept.
 */
final class BufferPool {
    private final int size;
    private final ArrayBlockingQueue<byte[]> free;

    BufferPool(int size, int capacity) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    int size() {
        return size;
    }

    /** An array of exactly {@link #size()} octets; its content is garbage. */
    byte[] take() {
        byte[] b = free.poll();
        return b != null ? b : new byte[size];
    }

    /** Gives an array back once nothing refers to it any more; extra ones are left to the GC. */
    void give(byte[] b) {
        if (b != null && b.length == size) {
            free.offer(b);
        }
    }
}
