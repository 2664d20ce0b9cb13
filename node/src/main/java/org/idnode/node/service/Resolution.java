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
 */
public record Resolution(int responseCode, String message, byte[] record, int[] selected, int count) {
    static Resolution error(int rc, String message) {
        return new Resolution(rc, message, null, null, 0);
    }

    public boolean success() {
        return responseCode == org.idnode.protocol.ResponseCodes.SUCCESS;
    }
}
