/**
 * The command line: {@code demo}, {@code run}, {@code produce}, {@code models}, {@code topology} and
 * {@code bench}, one class per subcommand, each returning an exit code.
 */
package io.visionstreams.cli;
