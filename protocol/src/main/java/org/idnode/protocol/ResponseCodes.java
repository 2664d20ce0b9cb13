package org.idnode.protocol;

/**
 * Response codes (handle-protocol.md §7). The official client throws on codes it does not know,
 * so a server only ever sends the ones listed here.
 */
public final class ResponseCodes {
    public static final int RESERVED = 0;
    public static final int SUCCESS = 1;
    public static final int ERROR = 2;
    public static final int SERVER_TOO_BUSY = 3;
    public static final int PROTOCOL_ERROR = 4;
    public static final int OPERATION_NOT_SUPPORTED = 5;
    public static final int RECURSION_COUNT_TOO_HIGH = 6;
    public static final int SERVER_BACKUP = 7;
    public static final int HANDLE_NOT_FOUND = 100;
    public static final int HANDLE_ALREADY_EXISTS = 101;
    public static final int INVALID_HANDLE = 102;
    public static final int VALUES_NOT_FOUND = 200;
    public static final int VALUE_ALREADY_EXISTS = 201;
    public static final int INVALID_VALUE = 202;
    public static final int OUT_OF_DATE_SITE_INFO = 300;
    public static final int SERVER_NOT_RESP = 301;
    public static final int SERVICE_REFERRAL = 302;
    public static final int PREFIX_REFERRAL = 303;
    public static final int INVALID_ADMIN = 400;
    public static final int INSUFFICIENT_PERMISSIONS = 401;
    public static final int AUTHENTICATION_NEEDED = 402;
    public static final int AUTHENTICATION_FAILED = 403;
    public static final int INVALID_CREDENTIAL = 404;
    public static final int AUTHEN_TIMEOUT = 405;
    public static final int AUTHEN_ERROR = 406;
    public static final int SESSION_TIMEOUT = 500;
    public static final int SESSION_FAILED = 501;
    public static final int INVALID_SESSION_KEY = 502;
    public static final int NEED_RSAKEY_FOR_SESSIONEXCHANGE = 503;
    public static final int INVALID_SESSIONSETUP_REQUEST = 504;
    public static final int SESSION_MESSAGE_REJECTED = 505;

    private ResponseCodes() {
    }

    public static String name(int code) {
        return switch (code) {
            case RESERVED -> "RC_RESERVED";
            case SUCCESS -> "RC_SUCCESS";
            case ERROR -> "RC_ERROR";
            case SERVER_TOO_BUSY -> "RC_SERVER_TOO_BUSY";
            case PROTOCOL_ERROR -> "RC_PROTOCOL_ERROR";
            case OPERATION_NOT_SUPPORTED -> "RC_OPERATION_NOT_SUPPORTED";
            case RECURSION_COUNT_TOO_HIGH -> "RC_RECURSION_COUNT_TOO_HIGH";
            case SERVER_BACKUP -> "RC_SERVER_BACKUP";
            case HANDLE_NOT_FOUND -> "RC_HANDLE_NOT_FOUND";
            case HANDLE_ALREADY_EXISTS -> "RC_HANDLE_ALREADY_EXISTS";
            case INVALID_HANDLE -> "RC_INVALID_HANDLE";
            case VALUES_NOT_FOUND -> "RC_VALUES_NOT_FOUND";
            case VALUE_ALREADY_EXISTS -> "RC_VALUE_ALREADY_EXISTS";
            case INVALID_VALUE -> "RC_INVALID_VALUE";
            case OUT_OF_DATE_SITE_INFO -> "RC_OUT_OF_DATE_SITE_INFO";
            case SERVER_NOT_RESP -> "RC_SERVER_NOT_RESP";
            case SERVICE_REFERRAL -> "RC_SERVICE_REFERRAL";
            case PREFIX_REFERRAL -> "RC_PREFIX_REFERRAL";
            case INVALID_ADMIN -> "RC_INVALID_ADMIN";
            case INSUFFICIENT_PERMISSIONS -> "RC_INSUFFICIENT_PERMISSIONS";
            case AUTHENTICATION_NEEDED -> "RC_AUTHENTICATION_NEEDED";
            case AUTHENTICATION_FAILED -> "RC_AUTHENTICATION_FAILED";
            case INVALID_CREDENTIAL -> "RC_INVALID_CREDENTIAL";
            case AUTHEN_TIMEOUT -> "RC_AUTHEN_TIMEOUT";
            case AUTHEN_ERROR -> "RC_AUTHEN_ERROR";
            case SESSION_TIMEOUT -> "RC_SESSION_TIMEOUT";
            case SESSION_FAILED -> "RC_SESSION_FAILED";
            case INVALID_SESSION_KEY -> "RC_INVALID_SESSION_KEY";
            case NEED_RSAKEY_FOR_SESSIONEXCHANGE -> "RC_NEED_RSAKEY_FOR_SESSIONEXCHANGE";
            case INVALID_SESSIONSETUP_REQUEST -> "RC_INVALID_SESSIONSETUP_REQUEST";
            case SESSION_MESSAGE_REJECTED -> "RC_SESSION_MESSAGE_REJECTED";
            default -> "RC_" + code;
        };
    }

    /** HTTP status the reference REST API uses for a response code (§7 table). */
    public static int httpStatus(int code) {
        return switch (code) {
            case SUCCESS, VALUES_NOT_FOUND -> 200;
            case SERVER_TOO_BUSY, SERVER_BACKUP -> 503;
            case PROTOCOL_ERROR, INVALID_HANDLE, INVALID_VALUE, SERVER_NOT_RESP -> 400;
            case OPERATION_NOT_SUPPORTED -> 501;
            case HANDLE_NOT_FOUND -> 404;
            case HANDLE_ALREADY_EXISTS, VALUE_ALREADY_EXISTS -> 409;
            case SERVICE_REFERRAL, PREFIX_REFERRAL -> 300;
            case INVALID_ADMIN, INSUFFICIENT_PERMISSIONS, AUTHENTICATION_FAILED, INVALID_CREDENTIAL -> 403;
            case AUTHENTICATION_NEEDED -> 401;
            default -> 500;
        };
    }
}
