package io.visionstreams.inference.convert;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.ModelResolver.Resolved;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converted models cached by source checksum and converter version under
 * {@code <cache>/converted/<name>/<sha256-prefix>-<converter-version>/}; a folder appears only
 * complete (converted in a temporary folder, then moved), so concurrent starts are safe. Its
 * {@value #MARKER} holds the source's checksum and the SHA-256 of every converted file; a folder
 * whose files no longer match (a truncated copy, a bit flip, a replaced params file) is converted
 * again, never loaded.
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
                if (Files.exists(dir)) {
                    log.warn("{}: converted files do not match their recorded checksums; converting again", dir);
                    discard(parent, dir);
                }
                Path tmp = Files.createTempDirectory(parent, ".converting-");
                long start = System.nanoTime();
                try {
                    converter.convert(resolved.spec(), resolved.sourceDir(), tmp);
                    Files.writeString(tmp.resolve(MARKER), manifest(tmp, resolved.sha256()));
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

    /** {@code source <sha256>}, then {@code <sha256> <file>} for each converted file, sorted by name. */
    private static String manifest(Path dir, String sourceSha256) throws IOException {
        StringBuilder out = new StringBuilder("source ").append(sourceSha256).append('\n');
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(sha256(file)).append(' ').append(file.getFileName()).append('\n');
            }
        }
        return out.toString();
    }

    /** The marker names this source and at least one file, and every file it names has its recorded checksum. */
    private static boolean isComplete(Path dir, Resolved resolved) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        List<String> lines = Files.readAllLines(marker);
        if (lines.size() < 2 || !lines.get(0).equals("source " + resolved.sha256())) {
            return false;
        }
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            Path file = space < 0 ? null : dir.resolve(line.substring(space + 1)).normalize();
            if (file == null || !file.getParent().equals(dir.normalize()) || !Files.isRegularFile(file)
                    || !sha256(file).equals(line.substring(0, space))) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Moves a stale folder aside (so a concurrent start never sees it half deleted), then deletes it. */
    private static void discard(Path parent, Path dir) throws IOException {
        Path aside = parent.resolve(".stale-" + UUID.randomUUID());
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return; // another start discarded it first
        }
        Utils.delete(aside.toFile());
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
