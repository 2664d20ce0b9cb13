package org.idnode.protocol.message;

/** OC 201 success (§8.7): {@code u8 result}, bit 0x01 = valid. */
public record VerifyAuthResponse(boolean valid) implements MessageBody {
}
