package org.idnode.protocol.model;

import org.idnode.protocol.OpFlags;

/**
 * The 24-octet message header (handle-protocol.md §4). {@code bodyLength} is not kept: the
 * encoder derives it from the body it writes.
 *
 * @param siteInfoSerial int2; -1 (0xFFFF) means unknown
 * @param expiration     absolute seconds since the epoch
 */
public record Header(int opCode, int responseCode, int opFlags, int siteInfoSerial, int recursionCount,
                     int expiration) {

    public boolean has(int flag) {
        return OpFlags.has(opFlags, flag);
    }

    public boolean isRequest() {
        return responseCode == 0;
    }

    public Header withResponseCode(int rc) {
        return new Header(opCode, rc, opFlags, siteInfoSerial, recursionCount, expiration);
    }

    public Header withOpFlags(int flags) {
        return new Header(opCode, responseCode, flags, siteInfoSerial, recursionCount, expiration);
    }
}
