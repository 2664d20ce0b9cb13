package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.model.AdminRecord;

/**
 * The {@code admin} data format (§10, §18): {@code {"handle","index","permissions"}} with the 12
 * permission bits as a string, LIST_HANDLES (0x0800) first, e.g. 0x0FF3 → {@code "111111110011"}.
 * A record in the ≤ 7.3 layout (2 trailing zero octets, §10) also gets {@code "legacyByteLength":true},
 * as the reference prints it, so that it reads back to the same octets.
 */
final class AdminJson {
    private static final String PERMISSIONS_EXPECTED =
            "a bit string of up to 12 digits like \"111111110011\", \"*\", a number 0..4095, a boolean"
                    + " or an array of booleans";

    private AdminJson() {
    }

    /** Decoded HS_ADMIN data and whether it had the legacy trailing octets. */
    record Admin(AdminRecord record, boolean legacy) {
    }

    /** The record if JSON can carry it exactly, else null (undecodable, or bits above 0x0FFF set). */
    static Admin tryDecode(byte[] data) {
        AdminRecord a;
        try {
            a = AdminRecordCodec.decode(data);
        } catch (RuntimeException e) {
            return null;
        }
        byte[] plain = AdminRecordCodec.encode(a);
        if (Arrays.equals(plain, data)) {
            return new Admin(a, false);
        }
        // The codec only accepts 2 extra octets when they are zero, so equal prefix + 2 = legacy form.
        boolean legacy = data.length == plain.length + 2
                && Arrays.equals(plain, 0, plain.length, data, 0, plain.length);
        return legacy ? new Admin(a, true) : null;
    }

    static void write(JsonGenerator g, Admin admin) throws IOException {
        AdminRecord a = admin.record();
        g.writeStartObject();
        g.writeStringField("handle", a.adminHandle());
        g.writeNumberField("index", a.adminIndex());
        g.writeStringField("permissions", bits(a.permissions()));
        if (admin.legacy()) {
            g.writeBooleanField("legacyByteLength", true);
        }
        g.writeEndObject();
    }

    static String bits(int permissions) {
        char[] c = new char[12];
        for (int i = 0; i < 12; i++) {
            c[11 - i] = (permissions >> i & 1) != 0 ? '1' : '0';
        }
        return new String(c);
    }

    /** §18 input: handle and index are required (a missing index would silently mean "any index"). */
    static byte[] read(JsonNode n, String path) {
        JsonTree.object(n, path, "an object {\"handle\",\"index\",\"permissions\"}");
        String handle = JsonTree.handle(JsonTree.required(n, path, "handle", "a handle string"),
                JsonTree.child(path, "handle"), true);
        int index = JsonTree.int32(JsonTree.required(n, path, "index", "an integer"), JsonTree.child(path, "index"));
        JsonNode p = JsonTree.optional(n, "permissions");
        // Absent permissions grant nothing, as in the reference.
        int perms = p == null ? 0 : permissions(p, JsonTree.child(path, "permissions"));
        JsonNode legacy = JsonTree.optional(n, "legacyByteLength");
        byte[] data = AdminRecordCodec.encode(new AdminRecord(perms, handle, index));
        if (legacy != null && JsonTree.bool(legacy, JsonTree.child(path, "legacyByteLength"))) {
            data = Arrays.copyOf(data, data.length + 2);
        }
        return data;
    }

    /** The input forms of §18: bit string (rightmost = ADD_HANDLE), "*", number, boolean, array. */
    static int permissions(JsonNode p, String path) {
        if (p.isTextual()) {
            String s = p.textValue();
            if (s.equals("*")) {
                return AdminRecord.ALL;
            }
            if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(c -> c == '0' || c == '1')) {
                throw InvalidJsonException.invalid(path, JsonTree.show(p), PERMISSIONS_EXPECTED);
            }
            return Integer.parseInt(s, 2);
        }
        if (p.isBoolean()) {
            return p.booleanValue() ? AdminRecord.ALL : 0;
        }
        if (p.isNumber()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0 || p.intValue() > AdminRecord.ALL) {
                throw InvalidJsonException.invalid(path, JsonTree.show(p), PERMISSIONS_EXPECTED);
            }
            return p.intValue();
        }
        if (p.isArray() && p.size() <= 12) {
            // Element i is bit i: ADD_HANDLE first, the reference's boolean[] order.
            int bits = 0;
            for (int i = 0; i < p.size(); i++) {
                JsonNode e = p.get(i);
                boolean set;
                if (e.isBoolean()) {
                    set = e.booleanValue();
                } else if (e.isIntegralNumber() && e.canConvertToInt() && (e.intValue() == 0 || e.intValue() == 1)) {
                    set = e.intValue() == 1;
                } else {
                    throw InvalidJsonException.invalid(JsonTree.index(path, i), JsonTree.show(e),
                            "true, false, 0 or 1");
                }
                bits |= set ? 1 << i : 0;
            }
            return bits;
        }
        throw InvalidJsonException.invalid(path, JsonTree.show(p), PERMISSIONS_EXPECTED);
    }
}
