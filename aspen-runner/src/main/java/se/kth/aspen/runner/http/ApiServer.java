package se.kth.aspen.runner.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.runner.config.Configuration;

/** The runner's HTTP API on the JDK's server; see {@link ApiRoutes} for the endpoints. */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private ApiServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on the configured address and port (0: any free port).
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static ApiServer start(Configuration.Api api, ApiBackend backend, Clock clock) throws IOException {
    InetSocketAddress address = new InetSocketAddress(api.bindAddress(), api.port());
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + api.bindAddress() + ":" + api.port() + ": " + e.getMessage(), e);
    }
    // A few threads are plenty for an operator API, and bound what a flood of requests can take.
    ExecutorService executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("aspen-api-", 0).daemon(true).factory());
    server.setExecutor(executor);
    server.createContext("/", new ApiRoutes(backend, api, clock));
    server.start();
    if (api.token().isEmpty()) {
      log.warn("API_TOKEN is not set: anyone who can reach {}:{} may start, stop and trigger passes and forget state",
          api.bindAddress(), server.getAddress().getPort());
    }
    if (api.webhookSecret().isEmpty()) {
      log.info("WEBHOOK_SECRET is not set: POST /api/v1/webhook/git refuses every delivery");
    }
    log.info("HTTP API listening on {}:{}", api.bindAddress(), server.getAddress().getPort());
    return new ApiServer(server, executor);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
