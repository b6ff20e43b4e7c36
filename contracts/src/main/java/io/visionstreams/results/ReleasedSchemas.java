package io.visionstreams.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Every released version of the public contracts: {@code schemas/released/<version>/*.avsc},
 * bundled in the jar (the build copies them), oldest first. Readers register each release's
 * writer schemas, so records from producers that have not upgraded yet still decode. Cutting a
 * release is copying {@code schemas/*.avsc} into a new {@code schemas/released/<version>/}.
 */
public final class ReleasedSchemas {

    /** Where the releases are on the classpath. */
    static final String RESOURCE = "/schemas/released";

    /** One release: its version and every named schema it defines, by full name. */
    public record Release(String version, Map<String, Schema> schemas) {}

    private static final List<Release> ALL = load();

    private ReleasedSchemas() {}

    /** Every release, oldest first. */
    public static List<Release> all() {
        return ALL;
    }

    /** The writer schemas of one record type (full name) across the releases that define it, oldest first. */
    public static List<Schema> writersOf(String fullName) {
        return ALL.stream().map(r -> r.schemas().get(fullName)).filter(s -> s != null).toList();
    }

    private static List<Release> load() {
        URL url = ReleasedSchemas.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath (the build copies schemas/released there)");
        }
        try (Stream<Path> versions = Files.list(path(url.toURI()))) {
            return versions.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(ReleasedSchemas::version, ReleasedSchemas::compareVersions))
                    .map(ReleasedSchemas::release).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Release release(Path folder) {
        try {
            return new Release(version(folder), Map.copyOf(SchemaFiles.parse(folder)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the released schemas in " + folder, e);
        }
    }

    /** The version a release folder is named after (a folder inside a jar may end with "/"). */
    private static String version(Path folder) {
        return folder.getFileName().toString().replace("/", "");
    }

    /** The folder itself, or inside the application's jar. */
    private static Path path(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // opened before: reuse it
        }
        return FileSystems.getFileSystem(uri).provider().getPath(uri);
    }

    /** Numeric, part by part: 0.10.0 after 0.9.1. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static int part(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
