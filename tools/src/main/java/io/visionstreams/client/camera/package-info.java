/**
 * Cameras and video in, ImageEvents out: video files and RTSP/HTTP streams decoded by FFmpeg
 * (through JavaCV), MJPEG over HTTP ({@code multipart/x-mixed-replace}) read with the JDK's
 * HttpClient; frames sampled to a rate, re-encoded as JPEG, given deterministic event ids and a
 * capture time. Live streams run on their own thread behind a bounded drop-oldest queue and
 * reconnect with backoff.
 */
package io.visionstreams.client.camera;
