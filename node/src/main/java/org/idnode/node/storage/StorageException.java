package org.idnode.node.storage;

/** A failure of the storage engine, wrapped with the store and the operation (never a bare RocksDBException). */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String operation, Throwable cause) {
        super("storage " + operation + ": " + cause.getMessage(), cause);
    }
}
