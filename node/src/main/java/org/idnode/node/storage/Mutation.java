package org.idnode.node.storage;

/**
 * A read-check-write planned against the current state; runs on the committer thread, one at a time
 * ({@link GroupCommitter}). It reads what it needs through the view and returns what to write; to
 * refuse (a create of a handle that exists, say) it throws, and nothing is written for it.
 */
@FunctionalInterface
public interface Mutation {
    StoreChange plan(RecordView view);
}
