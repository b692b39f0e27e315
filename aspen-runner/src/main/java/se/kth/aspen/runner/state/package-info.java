/** The runner's view of its state store: whether what it records can be written. */
package se.kth.aspen.runner.state;
