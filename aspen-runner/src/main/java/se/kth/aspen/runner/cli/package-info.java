/**
 * The command line (picocli): {@code run}, {@code run --once}, {@code plan}, {@code drift}, {@code validate} and
 * {@code vault}, with the exit codes aspen-runner/README.md lists. Commands read the environment through an
 * injected map, so tests run them in-process.
 */
package se.kth.aspen.runner.cli;
