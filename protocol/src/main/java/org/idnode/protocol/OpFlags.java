package org.idnode.protocol;

/** Op flag bits of the message header (handle-protocol.md §4); bit 31 is the most significant. */
public final class OpFlags {
    public static final int AT = 0x80000000;
    public static final int CT = 0x40000000;
    public static final int ENC = 0x20000000;
    public static final int REC = 0x10000000;
    public static final int CA = 0x08000000;
    public static final int CN = 0x04000000;
    public static final int KA = 0x02000000;
    public static final int PO = 0x01000000;
    public static final int RD = 0x00800000;
    public static final int OVRW = 0x00400000;
    public static final int MINT = 0x00200000;
    public static final int DNRF = 0x00100000;

    /** Flags a response copies from its request (§4): CT, CA, ENC, PO, DNRF, RD. */
    public static final int COPIED_TO_RESPONSE = CT | CA | ENC | PO | DNRF | RD;

    /** What the stock client sends by default: REC|CA|PO. */
    public static final int CLIENT_DEFAULT = REC | CA | PO;

    private OpFlags() {
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
