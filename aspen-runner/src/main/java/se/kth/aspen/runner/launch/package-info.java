/**
 * The process around the CLI: {@link se.kth.aspen.runner.launch.Main} reads the real environment,
 * sets up logging ({@code LogSetup}) and turns SIGTERM and SIGINT into a request to stop; every
 * command is {@link se.kth.aspen.runner.cli.Cli}'s. Kept apart from {@code se.kth.aspen.runner},
 * which the commands use, so that no two packages of the runner depend on each other.
 */
package se.kth.aspen.runner.launch;
