/** Operating the service: metrics, the HTTP endpoint for /metrics and health, device reporting. */
package io.visionstreams.ops;
