package org.idnode.node.config;

/** A configuration value out of range: names the key, the value and what is expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, Object value, String expected) {
        super("config " + key + ": " + value + " (expected: " + expected + ")");
        this.key = key;
    }

    public ConfigException(String key, String message) {
        super("config " + key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
