package org.idnode.node.storage;

/** What a {@link Mutation} may read: the store as it will be after the changes planned before it in the same batch. */
public interface RecordView {
    /** The record under {@code key} ({@link HandleKeys}), or null when there is none or it is to be deleted. */
    byte[] get(byte[] key);
}
