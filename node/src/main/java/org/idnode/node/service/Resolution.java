package org.idnode.node.service;

/**
 * The outcome of resolving a handle, before it is rendered for a transport.
 *
 * @param responseCode §7 code: 1 success, else an error
 * @param message      error message (empty on success)
 * @param record       the stored record (success only)
 * @param selected     offsets and lengths of the selected values in {@code record} as pairs, or null
 *                     when every value is returned (the record is copied whole)
 * @param count        number of values returned
 * @param hidRestricted whether values the request asked for were left out as not publicly readable
 *                     (§14: a proven caller might see them; a request without PO is then challenged)
 */
public record Resolution(int responseCode, String message, byte[] record, int[] selected, int count,
                         boolean hidRestricted) {
    static Resolution error(int rc, String message) {
        return new Resolution(rc, message, null, null, 0, false);
    }

    public boolean success() {
        return responseCode == org.idnode.protocol.ResponseCodes.SUCCESS;
    }

    /**
     * The returned values as objects, for renderings that need them (REST JSON): the binary
     * protocol copies the stored bytes instead. Decodes only the selected values.
     */
    public java.util.List<org.idnode.protocol.model.HandleValue> values() {
        if (selected == null) {
            return org.idnode.node.storage.StoredRecord.decode(record);
        }
        io.netty.buffer.ByteBuf all = io.netty.buffer.Unpooled.wrappedBuffer(record);
        java.util.List<org.idnode.protocol.model.HandleValue> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(org.idnode.protocol.codec.ValueCodec.decode(all.slice(selected[2 * i], selected[2 * i + 1])));
        }
        return out;
    }
}
