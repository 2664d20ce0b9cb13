package org.idnode.protocol.model;

/** A reference to one value of a handle, {@code index:handle} (handle-protocol.md §5). */
public record ValueReference(String handle, int index) {
    public ValueReference {
        if (handle == null) {
            throw new IllegalArgumentException("handle: null");
        }
    }

    @Override
    public String toString() {
        return index + ":" + handle;
    }
}
