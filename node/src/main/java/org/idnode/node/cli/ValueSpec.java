package org.idnode.node.cli;

import org.idnode.protocol.model.HandleValue;
import picocli.CommandLine;

/** {@code --value 'index:type:text'}: a value with text data; the text may hold colons itself. */
final class ValueSpec implements CommandLine.ITypeConverter<HandleValue> {
    @Override
    public HandleValue convert(String s) {
        int first = s.indexOf(':');
        int second = first < 0 ? -1 : s.indexOf(':', first + 1);
        int index;
        try {
            index = Integer.parseInt(s.substring(0, Math.max(0, first)));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (second < 0 || index <= 0 || second == first + 1) {
            throw new CommandLine.TypeConversionException("'" + s + "' (expected: index:type:text with index > 0, "
                    + "e.g. 1:URL:https://factory.example.com/pump/1)");
        }
        return HandleValue.text(index, s.substring(first + 1, second), s.substring(second + 1));
    }
}
