package io.visionstreams.inference.convert;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.ModelResolver.Resolved;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converted models cached by source checksum and converter version under
 * {@code <cache>/converted/<name>/<sha256-prefix>-<converter-version>/}; a folder appears only
 * complete (converted in a temporary folder, then moved), so concurrent starts are safe.
 */
public final class ConversionCache {

    private static final Logger log = LoggerFactory.getLogger(ConversionCache.class);
    private static final String MARKER = "source.sha256";

    private final Path cacheDir;

    public ConversionCache(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public ConvertedModel obtain(Resolved resolved, SourceConverter converter) throws ModelLoadException {
        String name = resolved.spec().name();
        Path parent = cacheDir.resolve("converted").resolve(name);
        Path dir = parent.resolve(resolved.version() + "-" + converter.version());
        try {
            if (!isComplete(dir, resolved)) {
                Files.createDirectories(parent);
                Path tmp = Files.createTempDirectory(parent, ".converting-");
                long start = System.nanoTime();
                try {
                    converter.convert(resolved.spec(), resolved.sourceDir(), tmp);
                    Files.writeString(tmp.resolve(MARKER), resolved.sha256() + "\n");
                    moveIntoPlace(tmp, dir);
                } finally {
                    Utils.delete(tmp.toFile());
                }
                log.info("converted {} ({} from {}) to MXNet in {} ms: {}", name, resolved.version(), resolved.origin(),
                        (System.nanoTime() - start) / 1_000_000, dir);
            }
            return new ConvertedModel(name, dir, resolved.version());
        } catch (IOException | ModelLoadException | RuntimeException e) {
            throw new ModelLoadException("cannot convert " + name + " to MXNet: " + e.getMessage(), e);
        }
    }

    private static boolean isComplete(Path dir, Resolved resolved) throws IOException {
        Path marker = dir.resolve(MARKER);
        return Files.isRegularFile(marker) && Files.readString(marker).trim().equals(resolved.sha256());
    }

    private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            log.debug("{} appeared meanwhile; keeping the existing conversion", dir);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) { // a non-empty target also lands here on some file systems
                throw e;
            }
        }
    }
}
