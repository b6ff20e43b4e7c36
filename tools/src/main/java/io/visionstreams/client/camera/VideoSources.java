package io.visionstreams.client.camera;

import io.visionstreams.client.EventSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens what {@code --video} names. A local file: decoded by FFmpeg, sampled by presentation time,
 * deterministic ids ({@link VideoFileEvents}). A URL is live ({@link LiveEvents}): {@code http(s)://}
 * answering {@code multipart/x-mixed-replace} is read as MJPEG; any other URL ({@code rtsp://},
 * {@code rtmp://}, {@code srt://}, an {@code http(s)://} HLS or MPEG-TS stream, ...) goes to FFmpeg.
 * The first connection must succeed (a wrong URL fails at once); later breaks are reconnected.
 */
public final class VideoSources {

    private static final Logger log = LoggerFactory.getLogger(VideoSources.class);
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private VideoSources() {}

    public static EventSource open(String video, VideoOptions options) throws IOException {
        if (!URL.matcher(video).matches()) {
            Path file = Path.of(video);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such video file: " + video);
            }
            return new VideoFileEvents(file, options);
        }
        URI uri;
        try {
            uri = new URI(video);
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL: " + redact(video), e);
        }
        String description = redact(video);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(options.stallTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            try {
                return new LiveEvents(new MjpegFrames(client, uri, description, options.stallTimeout(),
                        options.maxFrameBytes()), options);
            } catch (MjpegFrames.NotMultipart e) {
                log.info("{}; reading it with FFmpeg", e.getMessage());
            }
        }
        return new LiveEvents(new FfmpegFrames(video, description, options.stallTimeout()), options);
    }

    /** The URL with its user and password (if any) replaced by {@code ***}, for logs and attributes. */
    static String redact(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@");
    }
}
