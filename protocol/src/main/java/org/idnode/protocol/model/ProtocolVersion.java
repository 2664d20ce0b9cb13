package org.idnode.protocol.model;

/** A protocol version major.minor (handle-protocol.md §19). */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {
    /** What idnode speaks: HANDLE.NET 9 servers use 2.10 (§19). */
    public static final ProtocolVersion OURS = new ProtocolVersion(2, 10);
    /** The oldest version whose encodings we produce. */
    public static final ProtocolVersion MIN_SUPPORTED = new ProtocolVersion(2, 1);

    public boolean atLeast(int maj, int min) {
        // §19: a major version of 5 is a broken 2.0.
        int m = major == 5 ? 2 : major;
        int n = major == 5 ? 0 : minor;
        return m > maj || (m == maj && n >= min);
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    public static ProtocolVersion min(ProtocolVersion a, ProtocolVersion b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
