/** The domain, the pass and the ports: everything Aspen decides, with no I/O library. */
package se.kth.aspen.core;
