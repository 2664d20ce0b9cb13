package org.idnode.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Group commit: turns concurrent registrations into few synced writes. One thread per store
 * ({@code idnode-committer}) takes what was submitted meanwhile, up to {@code maxBatch} mutations,
 * plans each in submission order against the store as the batch will leave it ({@link BatchView}),
 * and writes all the planned changes with one {@link HandleStore#applyAll}: one WAL sync for the
 * batch instead of one per registration, while each mutation still reads what the ones before it
 * wrote. It should be the only writer of evented changes: a plan sees the store as it was when its
 * batch began plus its batch, not what another writer puts meanwhile.
 *
 * <p>Futures are completed on the committer thread, after the write and holding no lock. A callback
 * attached without an executor runs there and holds up the next batch, so callbacks must be cheap
 * (handing a reply to a Netty channel, which queues it to the channel's event loop, is) or use the
 * {@code *Async} forms.
 */
public final class GroupCommitter implements AutoCloseable {
    private final HandleStore store;
    private final int maxBatch;
    private final int maxQueued;
    /** One slot more than {@link #room} lets submissions use, so close() always has room for {@link #stop}. */
    private final BlockingQueue<Pending> queue;
    /** Bounds the mutations waiting: a submission takes a permit, the committer gives it back on taking the mutation. */
    private final Semaphore room;
    /** Shared by submissions, exclusive to close(): once {@link #closed} is set, nothing is queued after {@link #stop}. */
    private final ReadWriteLock admission = new ReentrantReadWriteLock();
    private boolean closed;
    /** Queued by close() behind everything submitted: the committer writes what precedes it, then ends. */
    private final Pending stop = new Pending(null, null);
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong mutations = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();

    /**
     * Starts the committer thread. {@code maxBatch} bounds the mutations of one write (e.g. 256),
     * {@code maxQueued} the mutations waiting for the committer (e.g. 10 000); a submission beyond
     * that is refused, not queued.
     */
    public GroupCommitter(HandleStore store, int maxBatch, int maxQueued) {
        if (maxBatch < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxBatch and maxQueued must be at least 1: " + maxBatch + ", " + maxQueued);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.queue = new ArrayBlockingQueue<>(maxQueued + 1);
        this.room = new Semaphore(maxQueued);
        // Not a daemon: the node must close() it, which writes what was submitted before the store closes.
        this.thread = new Thread(this::run, "idnode-committer");
        thread.setDaemon(false);
        thread.start();
    }

    /** Told of each batch that was written: its changes, and the sequence number of each one's event (0 for none). */
    @FunctionalInterface
    public interface WriteListener {
        void written(List<StoreChange> changes, long[] sequences);
    }

    /**
     * {@code listener} runs on the committer thread after each batch that wrote something, before its
     * submitters are answered; it must be quick (a hand-over and a wake-up). One listener; null removes it.
     */
    public void afterWrite(WriteListener listener) {
        written = listener == null ? (c, s) -> { } : listener;
    }

    /**
     * Queues {@code mutation} for the next batch. The future completes with the sequence number of
     * its change's outbox event (0 if none) once the change is durable; exceptionally with what
     * {@code plan} threw (nothing is written for it), with a {@link StorageException} if the batch's
     * write failed (then every mutation of the batch whose plan returned fails, an empty change too,
     * since it may rest on what the others planned), or with a
     * {@link RejectedExecutionException} if the committer is closed or {@code maxQueued} mutations
     * are waiting already.
     */
    public CompletableFuture<Long> submit(Mutation mutation) {
        Objects.requireNonNull(mutation, "mutation");
        admission.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new RejectedExecutionException("the group committer is closed"));
            }
            if (!room.tryAcquire()) {
                return CompletableFuture.failedFuture(new RejectedExecutionException(
                        "the commit queue is full (" + maxQueued + " mutations waiting)"));
            }
            Pending p = new Pending(mutation, new CompletableFuture<>());
            queue.add(p); // never full: a permit was taken, and the queue holds one more than the permits
            return p.future();
        } finally {
            admission.readLock().unlock();
        }
    }

    /**
     * Refuses further submissions, lets the committer write everything submitted before, then waits
     * for its thread to end (not when called from a callback on that thread: it ends after the batch
     * in hand). Safe twice. An interrupt does not cut the wait short (queued registrations would be
     * left hanging); it is kept for the caller.
     */
    @Override
    public void close() {
        boolean first;
        admission.writeLock().lock();
        try {
            first = !closed;
            closed = true;
        } finally {
            admission.writeLock().unlock();
        }
        if (first) {
            queue.add(stop); // the slot kept free for it
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Batches taken from the queue so far (each one write at most). */
    public long batches() {
        return batches.get();
    }

    /** Mutations planned so far, including those whose plan threw. */
    public long mutations() {
        return mutations.get();
    }

    /** The most mutations one batch has held. */
    public long largestBatch() {
        return largestBatch.get();
    }

    private volatile WriteListener written = (c, s) -> { };

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            batch.add(take());
            queue.drainTo(batch, maxBatch - 1);
            // close() stops admission before queuing the marker, so nothing can follow it.
            stopping = batch.get(batch.size() - 1) == stop;
            if (stopping) {
                batch.remove(batch.size() - 1);
            }
            room.release(batch.size());
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    /** Blocks until something is queued; only the stop marker ends the committer, not a stray interrupt. */
    private Pending take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Ending here would leave every queued and later registration waiting forever.
            }
        }
    }

    /** Plans the batch in submission order, writes it with one applyAll, then answers each submitter. */
    private void commit(List<Pending> batch) {
        int n = batch.size();
        BatchView view = new BatchView(store);
        StoreChange[] planned = new StoreChange[n];
        Throwable[] refused = new Throwable[n];
        List<StoreChange> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                StoreChange change = Objects.requireNonNull(batch.get(i).mutation().plan(view), "plan returned null");
                view.add(change);
                planned[i] = change;
                if (!change.isEmpty()) {
                    writes.add(change);
                }
            } catch (Throwable t) {
                // Whatever a plan throws is its submitter's answer; it must not end the one writer thread.
                refused[i] = t;
            }
        }
        long[] sequences = null;
        Throwable writeFailure = null;
        try {
            sequences = writes.isEmpty() ? new long[0] : store.applyAll(writes);
        } catch (Throwable t) {
            writeFailure = t instanceof StorageException ? t : new StorageException("write of " + writes.size() + " changes", t);
        }
        if (writeFailure == null && !writes.isEmpty()) {
            written.written(writes, sequences); // e.g. the stream's publisher: new outbox events to send
        }
        // Counted before completing, so whoever a completion wakes sees this batch counted.
        batches.incrementAndGet();
        mutations.addAndGet(n);
        largestBatch.accumulateAndGet(n, Math::max);
        int w = 0;
        for (int i = 0; i < n; i++) {
            CompletableFuture<Long> f = batch.get(i).future();
            if (refused[i] != null) {
                f.completeExceptionally(refused[i]);
            } else if (writeFailure != null) {
                // Also an empty change: it was planned against changes that are not stored after all.
                f.completeExceptionally(writeFailure);
            } else if (planned[i].isEmpty()) {
                f.complete(0L);
            } else {
                f.complete(sequences[w++]);
            }
        }
    }

    private record Pending(Mutation mutation, CompletableFuture<Long> future) {
    }
}
