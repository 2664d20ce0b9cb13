package org.idnode.protocol;

/** Operation codes (handle-protocol.md §6). Unknown numbers are kept as plain ints, never rejected here. */
public final class OpCodes {
    public static final int RESERVED = 0;
    public static final int RESOLUTION = 1;
    public static final int GET_SITE_INFO = 2;
    public static final int CREATE_HANDLE = 100;
    public static final int DELETE_HANDLE = 101;
    public static final int ADD_VALUE = 102;
    public static final int REMOVE_VALUE = 103;
    public static final int MODIFY_VALUE = 104;
    public static final int LIST_HANDLES = 105;
    public static final int LIST_NA = 106;
    public static final int CHALLENGE_RESPONSE = 200;
    public static final int VERIFY_RESPONSE = 201;
    public static final int HOME_NA = 300;
    public static final int UNHOME_NA = 301;
    public static final int LIST_HOMED_NAS = 302;
    public static final int SESSION_SETUP = 400;
    public static final int SESSION_TERMINATE = 401;
    public static final int SESSION_EXCHANGEKEY = 402;
    public static final int GET_NEXT_TXN_ID = 1000;
    public static final int RETRIEVE_TXN_LOG = 1001;
    public static final int DUMP_HANDLES = 1002;
    public static final int BACKUP_SERVER = 1003;

    private OpCodes() {
    }

    public static String name(int opCode) {
        return switch (opCode) {
            case RESERVED -> "OC_RESERVED";
            case RESOLUTION -> "OC_RESOLUTION";
            case GET_SITE_INFO -> "OC_GET_SITE_INFO";
            case CREATE_HANDLE -> "OC_CREATE_HANDLE";
            case DELETE_HANDLE -> "OC_DELETE_HANDLE";
            case ADD_VALUE -> "OC_ADD_VALUE";
            case REMOVE_VALUE -> "OC_REMOVE_VALUE";
            case MODIFY_VALUE -> "OC_MODIFY_VALUE";
            case LIST_HANDLES -> "OC_LIST_HANDLES";
            case LIST_NA -> "OC_LIST_NA";
            case CHALLENGE_RESPONSE -> "OC_RESPONSE_TO_CHALLENGE";
            case VERIFY_RESPONSE -> "OC_VERIFY_CHALLENGE";
            case HOME_NA -> "OC_HOME_NA";
            case UNHOME_NA -> "OC_UNHOME_NA";
            case LIST_HOMED_NAS -> "OC_LIST_HOMED_NAS";
            case SESSION_SETUP -> "OC_SESSION_SETUP";
            case SESSION_TERMINATE -> "OC_SESSION_TERMINATE";
            case SESSION_EXCHANGEKEY -> "OC_SESSION_EXCHANGEKEY";
            case GET_NEXT_TXN_ID -> "OC_GET_NEXT_TXN_ID";
            case RETRIEVE_TXN_LOG -> "OC_RETRIEVE_TXN_LOG";
            case DUMP_HANDLES -> "OC_DUMP_HANDLES";
            case BACKUP_SERVER -> "OC_BACKUP_SERVER";
            default -> "OC_" + opCode;
        };
    }

    /** Admin operations: refused on a query-only interface such as UDP (§2, interface type check). */
    public static boolean isAdmin(int opCode) {
        return (opCode >= CREATE_HANDLE && opCode <= LIST_HANDLES)
                || (opCode >= HOME_NA && opCode <= LIST_HOMED_NAS)
                || (opCode >= GET_NEXT_TXN_ID && opCode <= BACKUP_SERVER);
    }
}
