package org.idnode.protocol.model;

/** Standard value type names (handle-protocol.md §10). Types compare ASCII case-insensitively. */
public final class ValueTypes {
    public static final String URL = "URL";
    public static final String EMAIL = "EMAIL";
    public static final String DESC = "DESC";
    public static final String HS_ADMIN = "HS_ADMIN";
    public static final String HS_SITE = "HS_SITE";
    public static final String HS_SITE_6 = "HS_SITE.6";
    public static final String HS_SITE_PREFIX = "HS_SITE.PREFIX";
    public static final String HS_NA_DELEGATE = "HS_NA_DELEGATE";
    public static final String HS_PUBKEY = "HS_PUBKEY";
    public static final String HS_SECKEY = "HS_SECKEY";
    public static final String HS_VLIST = "HS_VLIST";
    public static final String HS_SERV = "HS_SERV";
    public static final String HS_SERV_PREFIX = "HS_SERV.PREFIX";
    public static final String HS_ALIAS = "HS_ALIAS";

    private ValueTypes() {
    }
}
