package io.visionstreams.ingest;

import io.visionstreams.ingest.DecodeException.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code file://} claim checks confined to a root, opened before anything is trusted: the path is
 * compared with the root lexically (after {@code .} and {@code ..}), then opened one name at a
 * time from the root's open directory ({@code openat} through {@link SecureDirectoryStream}),
 * never following a link. A link swapped in between two fetches, or during one, cannot lead out:
 * nothing is opened by its full path. Links under the root are refused, inside or out.
 *
 * <p>Anything outside the root is {@code PATH_NOT_ALLOWED} before the file system is asked, so
 * the answer says nothing about what exists there. Opening and reading run on a bounded pool of
 * reader threads, within the fetch time-out (waiting for a reader included) and {@code maxBytes}:
 * a FIFO or a hung mount costs one reader until it answers, the frame a {@code TIMEOUT}.
 */
final class FileClaimCheck {

    /** Readers at once; a stuck one (a FIFO never written, a dead NFS server) keeps its thread. */
    static final int MAX_READERS = 8;

    private final Path root;
    private final Path realRoot;
    private final long maxBytes;
    private final Duration timeout;
    private final ThreadPoolExecutor readers;

    FileClaimCheck(Path root, long maxBytes, Duration timeout) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("vision.fetch.file-root is not a readable directory: " + root, e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new IllegalArgumentException("vision.fetch.file-root is not a directory: " + root);
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        // queued reads wait for a reader within the caller's time-out; a timed-out one is cancelled and never runs
        readers = new ThreadPoolExecutor(MAX_READERS, MAX_READERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vision-fetch-file-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        readers.allowCoreThreadTimeOut(true);
    }

    byte[] fetch(URI uri) throws DecodeException {
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.equalsIgnoreCase("localhost")) {
            throw failure(Reasons.BAD_URI, "file URI names a remote host: " + RedactedUri.of(uri));
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw failure(Reasons.BAD_URI, "file URI has no path");
        }
        Path requested;
        try {
            requested = Path.of(uri.getPath()).normalize();
        } catch (InvalidPathException e) {
            throw failure(Reasons.BAD_URI, "not a file path: " + RedactedUri.of(uri));
        }
        List<String> names = namesUnderRoot(requested);
        if (names == null) {
            throw failure(Reasons.PATH_NOT_ALLOWED, RedactedUri.of(uri) + " is outside vision.fetch.file-root");
        }
        if (names.isEmpty()) {
            throw failure(Reasons.NOT_FOUND, "not a regular file: " + RedactedUri.of(uri));
        }
        Future<byte[]> read = readers.submit(() -> read(names, uri));
        try {
            return read.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(true); // interrupts a read; an open blocked on a FIFO ends when a writer comes
            throw failure(Reasons.TIMEOUT, RedactedUri.of(uri) + " not read within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw failure(Reasons.TIMEOUT, "interrupted while reading " + RedactedUri.of(uri));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DecodeException d) {
                throw d;
            }
            throw failure(Reasons.IO_ERROR, "cannot read " + RedactedUri.of(uri) + ": " + e.getCause().getClass().getSimpleName());
        }
    }

    /** The names below the root (as configured or as resolved at start), or null when outside it. */
    private List<String> namesUnderRoot(Path requested) {
        Path base = requested.startsWith(root) ? root : requested.startsWith(realRoot) ? realRoot : null;
        if (base == null || !requested.isAbsolute()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        base.relativize(requested).forEach(name -> names.add(name.toString()));
        names.removeIf(String::isEmpty);
        return names;
    }

    private byte[] read(List<String> names, URI uri) throws DecodeException, IOException {
        List<DirectoryStream<Path>> open = new ArrayList<>();
        try {
            DirectoryStream<Path> top = Files.newDirectoryStream(realRoot);
            open.add(top);
            if (!(top instanceof SecureDirectoryStream<Path> dir)) {
                throw failure(Reasons.IO_ERROR, "file claim checks need openat (SecureDirectoryStream), which this "
                        + "platform lacks");
            }
            for (String name : names.subList(0, names.size() - 1)) {
                refuseLink(dir, name, uri);
                dir = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
                open.add(dir);
            }
            Path last = Path.of(names.get(names.size() - 1));
            BasicFileAttributes attributes = refuseLink(dir, last.toString(), uri);
            if (!attributes.isRegularFile()) {
                throw failure(Reasons.NOT_FOUND, "not a regular file: " + RedactedUri.of(uri));
            }
            try (SeekableByteChannel channel = dir.newByteChannel(last,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                 InputStream in = Channels.newInputStream(channel)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) { // reading stopped one byte past the limit
                    throw failure(Reasons.TOO_LARGE, RedactedUri.of(uri) + " exceeds the limit of " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw failure(Reasons.NOT_FOUND, "no file at " + RedactedUri.of(uri));
        } catch (AccessDeniedException e) {
            throw failure(Reasons.IO_ERROR, "cannot read " + RedactedUri.of(uri) + ": access denied");
        } catch (FileSystemException e) { // ELOOP: a name became a link between its check and its opening
            throw failure(Reasons.PATH_NOT_ALLOWED, RedactedUri.of(uri) + " goes through a link under vision.fetch.file-root");
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static BasicFileAttributes refuseLink(SecureDirectoryStream<Path> dir, String name, URI uri)
            throws IOException, DecodeException {
        BasicFileAttributes attributes = dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
        if (attributes.isSymbolicLink()) {
            throw failure(Reasons.PATH_NOT_ALLOWED, RedactedUri.of(uri) + " goes through a link under vision.fetch.file-root");
        }
        return attributes;
    }

    private static DecodeException failure(String reason, String message) {
        return new DecodeException(Stage.FETCH, reason, message);
    }
}
