/**
 * Ingest, the first stage of a frame's path: an {@code ImageEvent} in, one upright 8-bit RGB
 * {@link io.visionstreams.ingest.RgbImage} out, or a {@link io.visionstreams.ingest.DecodeException}
 * whose stage (FETCH, DECODE, VALIDATE) and {@linkplain io.visionstreams.ingest.Reasons reason code}
 * go straight into the dead letter.
 *
 * <ul>
 *   <li>{@link io.visionstreams.ingest.FrameLoader}: inline bytes, else the claim check;</li>
 *   <li>{@link io.visionstreams.ingest.ImageFetcher} with its {@link io.visionstreams.ingest.FetchPolicy}:
 *       {@code file://} only under a configured root, {@code http(s)://} only from allowed hosts and never to
 *       loopback, private, link-local or multicast addresses outside allowed networks ({@link io.visionstreams.ingest.HostAllowList},
 *       {@link io.visionstreams.ingest.AddressPolicy}, checked on the addresses connected to), bounded in bytes and time;</li>
 *   <li>{@link io.visionstreams.ingest.ImageDecoder}: format sniffed from magic bytes
 *       ({@link io.visionstreams.ingest.ImageFormat}), truncation and decompression bombs refused from the
 *       container structure and header before any pixel is decoded, OpenCV decoding as the reference's
 *       {@code imread}, EXIF orientation applied explicitly;</li>
 *   <li>{@link io.visionstreams.ingest.ImageResize}: the reference models' resize (byte-exact with the
 *       reference tensors).</li>
 * </ul>
 * Everything here is thread-safe and shared by all stream threads.
 */
package io.visionstreams.ingest;
