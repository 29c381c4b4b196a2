package ru.metricarelay.metrica;

import java.io.StringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Writes Metrica's CSV uploads with Jackson's CSV module: header row, then rows; quoting is Jackson's. */
final class CsvFiles {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) // 1500.50, never 1.5005E+3
            // quote only what must be quoted (separators, quotes, line breaks): "+7999..." stays +7999...
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvFiles() {
    }

    /** One writer per column list: a handful of lists exist, and building a schema and writer per file cost (bench/jmh). */
    private static final Map<List<String>, ObjectWriter> WRITERS = new ConcurrentHashMap<>();

    /** @param rows one map per row, keyed by column; a missing or null value is an empty cell */
    static String write(List<String> columns, List<Map<String, Object>> rows) {
        ObjectWriter csv = WRITERS.computeIfAbsent(List.copyOf(columns), c -> {
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
            c.forEach(schema::addColumn);
            return MAPPER.writer(schema.build());
        });
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = csv.writeValues(out)) {
            for (Map<String, Object> row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; keep the compiler honest
        }
        return out.toString();
    }
}
