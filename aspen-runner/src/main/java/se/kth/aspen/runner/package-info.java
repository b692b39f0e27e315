/** The runnable Aspen: configuration, composition by hand, loop, CLI, HTTP API and metrics. */
package se.kth.aspen.runner;
