/** Writing MXNet's model format (symbol JSON + params) from graphs built in Java. */
package io.visionstreams.inference.convert.mxnet;
