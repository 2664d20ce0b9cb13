package org.idnode.protocol.message;

/** Every error code except 302, 303 and 402 (§8.6): a message, often empty. */
public record ErrorResponse(String message) implements MessageBody {
    public ErrorResponse {
        message = message == null ? "" : message;
    }
}
