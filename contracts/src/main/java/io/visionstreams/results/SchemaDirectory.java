package io.visionstreams.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writer schemas an operator puts in a folder ({@code vision.schemas.dir}): the way a reader
 * resolves records of a producer that is newer than the reader. A single-object-encoded record
 * carries only its schema's 64-bit fingerprint, so without a registry the schema file itself must
 * reach the reader. The folder is read at start, and read again when a record arrives whose
 * fingerprint it does not know and the folder changed since (the file system's watch service says
 * so; where it cannot watch, at most once per {@link #RESCAN_INTERVAL}), so a schema dropped in
 * later is picked up without a restart by the very next record. Thread-safe.
 */
public final class SchemaDirectory implements SchemaStore {

    private static final Logger log = LoggerFactory.getLogger(SchemaDirectory.class);

    /** Least time between two reads of the folder caused by unknown fingerprints. */
    static final Duration RESCAN_INTERVAL = Duration.ofSeconds(5);

    private final Path folder;
    private final Duration rescanInterval;
    private final WatchService changes; // null where the file system cannot watch
    private volatile Map<Long, Schema> byFingerprint;
    private long lastScanNanos;

    /**
     * Reads the folder's {@code *.avsc} files now.
     *
     * @throws IOException when the folder or a file cannot be read, or a file is no Avro schema
     */
    public SchemaDirectory(Path folder) throws IOException {
        this(folder, RESCAN_INTERVAL);
    }

    SchemaDirectory(Path folder, Duration rescanInterval) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        this.folder = folder;
        this.rescanInterval = rescanInterval;
        this.changes = watch(folder);
        this.byFingerprint = scan(folder);
        this.lastScanNanos = System.nanoTime();
        log.info("schemas folder {}: {} writer schema(s)", folder, byFingerprint.size());
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema known = byFingerprint.get(fingerprint);
        return known != null ? known : rescanFor(fingerprint);
    }

    private synchronized Schema rescanFor(long fingerprint) {
        Schema known = byFingerprint.get(fingerprint);
        if (known != null || !changedSinceLastScan() && System.nanoTime() - lastScanNanos < rescanInterval.toNanos()) {
            return known; // a flood of unknown fingerprints does not read an unchanged folder again
        }
        lastScanNanos = System.nanoTime();
        try {
            byFingerprint = scan(folder);
        } catch (IOException | RuntimeException e) { // a half-written or broken file: keep what was read before
            log.warn("cannot read the schemas folder {} again: {}", folder, e.toString());
        }
        return byFingerprint.get(fingerprint);
    }

    /** Whether the watch service saw a file created, changed or deleted since it was last asked (not blocking). */
    private boolean changedSinceLastScan() {
        WatchKey key = changes == null ? null : changes.poll();
        if (key == null) {
            return false;
        }
        key.pollEvents();
        key.reset();
        return true;
    }

    private static WatchService watch(Path folder) {
        try {
            WatchService service = folder.getFileSystem().newWatchService();
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            log.info("cannot watch the schemas folder {} ({}): read again at most every {} s", folder, e,
                    RESCAN_INTERVAL.toSeconds());
            return null;
        }
    }

    private static Map<Long, Schema> scan(Path folder) throws IOException {
        Map<Long, Schema> map = new HashMap<>();
        for (Schema s : SchemaFiles.parse(folder).values()) {
            map.put(SchemaNormalization.parsingFingerprint64(s), s);
        }
        return Map.copyOf(map);
    }
}
