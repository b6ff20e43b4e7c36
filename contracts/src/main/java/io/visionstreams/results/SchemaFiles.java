package io.visionstreams.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/** Reads a folder of Avro schema files ({@code *.avsc}, which may reference each other's named types). */
final class SchemaFiles {

    private SchemaFiles() {}

    /**
     * Every named schema the folder's {@code .avsc} files define (nested ones included), by full name.
     *
     * @throws IOException when a file cannot be read, or an {@link org.apache.avro.SchemaParseException} when one is no schema
     */
    static Map<String, Schema> parse(Path folder) throws IOException {
        SchemaParser parser = new SchemaParser(); // resolves references between the files, in any order
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList();
        }
        for (Path file : files) {
            parser.parse(file);
        }
        Map<String, Schema> byName = new LinkedHashMap<>();
        for (Schema s : parser.getParsedNamedSchemas()) {
            byName.put(s.getFullName(), s);
        }
        return byName;
    }
}
