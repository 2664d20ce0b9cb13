package org.idnode.node.registration;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueTypes;

/**
 * What a value must be to be stored (handle-protocol.md §8.4, §10): index > 0 (RC 202), each index
 * once per request (RC 201), bounded in number and size, and typed data that reads as its type (an
 * HS_ADMIN, HS_PUBKEY, HS_VLIST or HS_SITE that does not decode is RC 202, naming the value), so a
 * broken admin or key never reaches the store to lock its owner out.
 */
public final class ValueRules {
    /** A record's values together: what fits one message (§3), since it must be served in one. */
    public static final int MAX_RECORD_BYTES = Limits.MAX_MESSAGE_LENGTH - 1024;
    public static final int MAX_TYPE_LENGTH = 255;

    private ValueRules() {
    }

    /** Checks {@code values} of one request; {@code what} names the request in messages. */
    public static void check(List<HandleValue> values, boolean allowEmpty) {
        if (values.isEmpty() && !allowEmpty) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE, "values: none (expected: at least one)");
        }
        if (values.size() > Limits.MAX_VALUES) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE,
                    "values: " + values.size() + " (expected: at most " + Limits.MAX_VALUES + ")");
        }
        Set<Integer> seen = new HashSet<>();
        long bytes = 0;
        for (HandleValue v : values) {
            if (v.index() <= 0) {
                throw new ProtocolException(ResponseCodes.INVALID_VALUE, "value index: " + v.index() + " (expected: > 0)");
            }
            if (!seen.add(v.index())) {
                throw new ProtocolException(ResponseCodes.VALUE_ALREADY_EXISTS, "value index " + v.index() + " appears twice");
            }
            if (v.type().isEmpty() || v.type().length() > MAX_TYPE_LENGTH) {
                throw new ProtocolException(ResponseCodes.INVALID_VALUE, "value " + v.index() + " type: "
                        + v.type().length() + " characters (expected: 1.." + MAX_TYPE_LENGTH + ")");
            }
            checkData(v);
            bytes += v.dataLength() + v.type().length() + 32L;
        }
        if (bytes > MAX_RECORD_BYTES) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE,
                    "values: " + bytes + " octets (expected: at most " + MAX_RECORD_BYTES + ")");
        }
    }

    /** The record as it will be stored must still fit one message. */
    public static void checkRecordSize(int encodedBytes) {
        if (encodedBytes > MAX_RECORD_BYTES) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE,
                    "record: " + encodedBytes + " octets (expected: at most " + MAX_RECORD_BYTES + ")");
        }
    }

    private static void checkData(HandleValue v) {
        String type = v.type().toUpperCase(java.util.Locale.ROOT);
        try {
            switch (type) {
                case ValueTypes.HS_ADMIN -> AdminRecordCodec.decode(v.data());
                case ValueTypes.HS_PUBKEY -> PublicKeys.decode(v.data());
                case ValueTypes.HS_VLIST -> ValueListCodec.decode(v.data());
                case ValueTypes.HS_SITE -> SiteInfoCodec.decode(v.data());
                case ValueTypes.HS_SECKEY -> {
                    if (v.dataLength() == 0) {
                        throw new IllegalArgumentException("an empty secret");
                    }
                }
                default -> {
                }
            }
        } catch (ProtocolException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ProtocolException(ResponseCodes.INVALID_VALUE,
                    "value " + v.index() + " is not a valid " + v.type() + ": " + e.getMessage());
        }
    }
}
