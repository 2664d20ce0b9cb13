package org.idnode.node.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.idnode.protocol.json.HandleRecord;
import org.idnode.protocol.json.InvalidJsonException;
import org.idnode.protocol.json.ValueJsonReader;
import org.idnode.protocol.model.HandleValue;

/**
 * Import lines read by the protocol module's JSON reader, the same one the REST API uses: it knows
 * every §18 data format (admin, vlist, site, key too) but builds a tree per line. The import uses it
 * for the lines whose data the streaming {@link JsonRecordParser} leaves to it. That reader drops
 * timestamps (the server sets them, §5), so such values get the import time.
 */
public final class ProtocolJsonRecordParser implements RecordLineParser {
    @Override
    public ParsedRecord parse(byte[] buf, int off, int len, int importTime) throws LineError {
        Utf8.check(buf, off, len);
        HandleRecord r;
        try {
            r = ValueJsonReader.readRecord(Arrays.copyOfRange(buf, off, off + len));
        } catch (InvalidJsonException e) {
            throw new LineError(e.getMessage());
        }
        RecordRules.checkHandle(r.handle());
        List<HandleValue> values = new ArrayList<>(r.values().size());
        for (int i = 0; i < r.values().size(); i++) {
            HandleValue v = r.values().get(i);
            RecordRules.checkIndex(v.index(), "values[" + i + "].index");
            RecordRules.checkType(v.type(), "values[" + i + "].type");
            values.add(v.timestamp() == 0 ? v.withTimestamp(importTime) : v);
        }
        RecordRules.checkValues(values);
        return new ParsedRecord(r.handle(), values);
    }
}
