package io.visionstreams.inference;

import io.visionstreams.inference.ModelSpec.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a model's source files, in order: an explicit folder, the models folder
 * ({@code <modelsDir>/<name>/}), the cache ({@code <cacheDir>/sources/<name>/}), then a download
 * from the public URLs into the cache. Catalog files are checked by sha256; a mismatch in the
 * models folder or cache is an error, an explicit folder is trusted (it may hold your own weights).
 */
public final class ModelResolver {

    private static final Logger log = LoggerFactory.getLogger(ModelResolver.class);

    /** Where a model's sources were found, and the version (sha256 prefix) they make. */
    public record Resolved(ModelSpec spec, Path sourceDir, String sha256, String origin) {

        public String version() {
            return sha256.substring(0, 12);
        }
    }

    private final Path modelsDir;
    private final Path cacheDir;
    private final boolean download;

    public ModelResolver(Path modelsDir, Path cacheDir, boolean download) {
        this.modelsDir = modelsDir;
        this.cacheDir = cacheDir;
        this.download = download;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Resolved resolve(ModelSpec spec, Path explicitDir) throws ModelLoadException {
        try {
            if (explicitDir != null) {
                if (!hasAll(spec, explicitDir)) {
                    throw new ModelLoadException(explicitDir + " lacks a file of " + spec.name() + ": expected "
                            + spec.files().stream().map(SourceFile::name).toList());
                }
                return new Resolved(spec, explicitDir, checksum(spec, explicitDir, false), "explicit path");
            }
            if (modelsDir != null && hasAll(spec, modelsDir.resolve(spec.name()))) {
                Path dir = modelsDir.resolve(spec.name());
                return new Resolved(spec, dir, checksum(spec, dir, true), "models folder");
            }
            Path cached = cacheDir.resolve("sources").resolve(spec.name());
            if (hasAll(spec, cached)) {
                return new Resolved(spec, cached, checksum(spec, cached, true), "cache");
            }
            if (!download) {
                throw new ModelLoadException(spec.name() + " not found in the models folder (" + modelsDir
                        + ") or the cache (" + cached + "), and downloads are off (vision.models.download=false)");
            }
            downloadAll(spec, cached);
            return new Resolved(spec, cached, checksum(spec, cached, true), "download");
        } catch (IOException e) {
            throw new ModelLoadException("cannot resolve " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasAll(ModelSpec spec, Path dir) {
        return spec.files().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.name())));
    }

    /** The model's sha256: the file's own for one file, else the sha256 of the files' hex digests in order. */
    private static String checksum(ModelSpec spec, Path dir, boolean verify) throws IOException, ModelLoadException {
        MessageDigest combined = sha256();
        String single = null;
        for (SourceFile f : spec.files()) {
            String actual = sha256Of(dir.resolve(f.name()));
            if (!actual.equals(f.sha256())) {
                if (verify) {
                    throw new ModelLoadException(dir.resolve(f.name()) + ": sha256 " + actual + ", expected "
                            + f.sha256() + " (corrupt or a different file)");
                }
                log.warn("{}: {} is not the catalog's file (sha256 {}); using it as given", spec.name(), f.name(), actual);
            }
            combined.update(actual.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            single = actual;
        }
        return spec.files().size() == 1 ? single : HexFormat.of().formatHex(combined.digest());
    }

    private void downloadAll(ModelSpec spec, Path target) throws IOException, ModelLoadException {
        Files.createDirectories(target);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        for (SourceFile f : spec.files()) {
            Path part = target.resolve(f.name() + ".part");
            log.info("downloading {} from {}", f.name(), f.url());
            try {
                HttpResponse<Path> response = http.send(HttpRequest.newBuilder(f.url()).timeout(Duration.ofMinutes(5)).build(),
                        HttpResponse.BodyHandlers.ofFile(part));
                if (response.statusCode() != 200) {
                    throw new ModelLoadException("download of " + f.url() + " answered HTTP " + response.statusCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted downloading " + f.url(), e);
            } catch (IOException e) {
                throw new ModelLoadException("cannot download " + f.url() + " (" + e + "); put the files in "
                        + "<vision.models.dir>/" + spec.name() + "/ instead", e);
            }
            String actual = sha256Of(part);
            if (!actual.equals(f.sha256())) {
                Files.deleteIfExists(part);
                throw new ModelLoadException(f.url() + " served a file with sha256 " + actual + ", expected " + f.sha256());
            }
            Files.move(part, target.resolve(f.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
