package se.kth.aspen.runner.launch;

import java.util.concurrent.CountDownLatch;
import se.kth.aspen.runner.cli.CliContext;

/**
 * Turns SIGTERM and SIGINT into a request to stop, so {@code aspen run} shuts down in order
 * (finish or abandon the pass, close the API and connections) and exits 0 instead of the JVM's
 * 143. The handlers are installed only when a command starts waiting, so Ctrl-C still ends a
 * one-shot command at once. Where the signals cannot be handled, the JVM's default stays.
 */
final class StopSignal implements CliContext.StopSignal {

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public void await() throws InterruptedException {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Not on this platform, or the JVM reserves it (-Xrs): the default handling stays.
      }
    }
    stop.await();
  }
}
