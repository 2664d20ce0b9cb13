package org.idnode.node.storage;

/** A failure of the storage engine, wrapped with the store and the operation (never a bare RocksDBException). */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean locked;

    public StorageException(String operation, Throwable cause) {
        this("storage " + operation + ": " + cause.getMessage(), cause, false);
    }

    private StorageException(String message, Throwable cause, boolean locked) {
        super(message, cause);
        this.locked = locked;
    }

    /** The store's lock is held: another node or import runs on the same data directory. */
    static StorageException locked(java.nio.file.Path dir, Throwable cause) {
        return new StorageException(dir + " is in use by another process (a running node or import): "
                + "stop it first, or use another data directory", cause, true);
    }

    public boolean isLocked() {
        return locked;
    }
}
