package org.idnode.protocol.model;

/**
 * HS_ADMIN data (handle-protocol.md §10): who may administer a handle and with which rights.
 *
 * @param permissions the 12 permission bits below; higher bits are dropped [CNRI]
 * @param adminIndex  0 = any index of the admin handle
 */
public record AdminRecord(int permissions, String adminHandle, int adminIndex) {
    public static final int ADD_HANDLE = 0x0001;
    public static final int DELETE_HANDLE = 0x0002;
    public static final int ADD_DERIVED_PREFIX = 0x0004;
    public static final int DELETE_DERIVED_PREFIX = 0x0008;
    public static final int MODIFY_VALUE = 0x0010;
    public static final int REMOVE_VALUE = 0x0020;
    public static final int ADD_VALUE = 0x0040;
    public static final int MODIFY_ADMIN = 0x0080;
    public static final int REMOVE_ADMIN = 0x0100;
    public static final int ADD_ADMIN = 0x0200;
    public static final int READ_VALUE = 0x0400;
    public static final int LIST_HANDLES = 0x0800;
    public static final int ALL = 0x0FFF;
    /** The usual handle admin: everything except the derived-prefix bits. */
    public static final int HANDLE_DEFAULT = 0x0FF3;

    public AdminRecord {
        permissions &= ALL;
        if (adminHandle == null) {
            throw new IllegalArgumentException("adminHandle: null");
        }
    }

    public boolean grants(int needed) {
        return (permissions & needed) == needed;
    }
}
