package org.idnode.node.config;

/** A configuration value out of range: names the key, the value and what is expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String detail;

    public ConfigException(String key, Object value, String expected) {
        this(key, value + " (expected: " + expected + ")");
    }

    public ConfigException(String key, String message) {
        super("config " + key + ": " + message);
        this.key = key;
        this.detail = message;
    }

    /** The same failure, saying which environment variable gave the value. */
    public ConfigException from(String variable) {
        return new ConfigException(key, detail + " [from " + variable + "]");
    }

    public String key() {
        return key;
    }
}
