package org.idnode.protocol.message;

/** RC 1 with nothing after the digest: delete, add, remove, modify, home, unhome, terminate (§8.4, §8.5, §8.8). */
public record SuccessResponse() implements MessageBody {
    public static final SuccessResponse INSTANCE = new SuccessResponse();
}
