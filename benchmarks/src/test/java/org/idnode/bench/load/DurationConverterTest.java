package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void readsOperatorDurations() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0s"));
    }

    @Test
    void rejectsOtherText() {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("-1s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("5 parsecs"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(""));
    }
}
