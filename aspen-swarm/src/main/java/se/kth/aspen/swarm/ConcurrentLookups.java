package se.kth.aspen.swarm;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.UnreachableException;

/** Image lookups of one deploy, each on its own virtual thread, collected by service name. */
final class ConcurrentLookups implements AutoCloseable {

  /** A lookup that may fail as a port call does. */
  interface Lookup {
    ImageResolution.Resolved run() throws PortException;
  }

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Future<ImageResolution.Resolved>> running = new HashMap<>();

  void start(String service, Lookup lookup) {
    running.put(service, threads.submit(lookup::run));
  }

  ImageResolution.Resolved result(String service) throws PortException {
    try {
      return running.get(service).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PortException port) {
        throw port;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("looking up the image of service " + service + ": interrupted", e);
    }
  }

  @Override
  public void close() {
    running.values().forEach(f -> f.cancel(true));
    threads.shutdownNow();
  }
}
