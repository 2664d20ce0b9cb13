package org.idnode.protocol.message;

import java.util.List;
import org.idnode.protocol.model.HandleValue;

/**
 * RC 302 service referral and RC 303 prefix referral (§8.6): a referral handle, then, only if octets
 * remain, values. {@code values == null} means the octets were absent (not an empty list).
 */
public record ReferralResponse(String referralHandle, List<HandleValue> values) implements MessageBody {
    public ReferralResponse {
        values = values == null ? null : List.copyOf(values);
    }
}
