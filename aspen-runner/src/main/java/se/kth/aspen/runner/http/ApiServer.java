package se.kth.aspen.runner.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.runner.config.Configuration;

/**
 * The runner's HTTP API on Jetty's core server (no servlets); see {@link ApiRoutes} for the
 * endpoints. Jetty reads request heads without holding a thread, answers a head larger than
 * {@link #MAX_HEAD_BYTES} with 431, and each request runs on a virtual thread, so slow clients
 * cannot starve {@code /healthz}; {@link Limits} bound how many connections there may be and how
 * long a slow one may stay.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** Request line plus headers; real clients (curl, webhooks, Prometheus) send well under 2 KiB. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  /**
   * What a client may hold: open connections beyond {@code connections} are closed at once; a
   * request head must arrive within {@code head}, its body within {@code body}; a connection
   * silent for {@code idle} is closed.
   */
  record Limits(int connections, Duration head, Duration body, Duration idle) {
    static final Limits DEFAULT = new Limits(256, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

    Limits {
      if (connections < 1 || !positive(head) || !positive(body) || !positive(idle)) {
        throw new IllegalArgumentException("limits must be positive: " + connections + ", " + head + ", " + body + ", " + idle);
      }
    }

    private static boolean positive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final ConnectionGuard guard;

  private ApiServer(Server server, ServerConnector connector, ConnectionGuard guard) {
    this.server = server;
    this.connector = connector;
    this.guard = guard;
  }

  /**
   * Listens on the configured address and port (0: any free port).
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static ApiServer start(Configuration.Api api, ApiBackend backend, Clock clock) throws IOException {
    return start(api, backend, clock, Limits.DEFAULT);
  }

  static ApiServer start(Configuration.Api api, ApiBackend backend, Clock clock, Limits limits) throws IOException {
    // Two platform threads (acceptor and selector); every request on a virtual thread of its own.
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("aspen-api");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("aspen-api-", 0).factory()));
    Server server = new Server(threads);
    server.setStopTimeout(500);
    server.setErrorHandler(new JsonErrors());

    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(MAX_HEAD_BYTES);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(api.bindAddress());
    connector.setPort(api.port());
    // Lets an upgraded runner listen beside the one it replaces: Swarm's start-first update on
    // the host network starts the new task on the same port while the old one still serves.
    // Linux lets only the same user share a port so.
    connector.setReusePort(true);
    connector.setIdleTimeout(limits.idle().toMillis());
    connector.setAcceptQueueSize(64);
    ConnectionGuard guard = new ConnectionGuard(limits.connections(), limits.head(), System::nanoTime);
    connector.addBean(guard);
    server.addConnector(connector);

    ApiRoutes routes = new ApiRoutes(backend, api, clock, limits.idle().dividedBy(2));
    server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        JettyExchange exchange;
        try {
          exchange = new JettyExchange(request, response, clock, limits.body());
        } catch (IllegalArgumentException e) {
          Response.writeError(request, response, callback, 400, "the path is not a valid URI");
          return true;
        }
        try {
          routes.handle(exchange);
          callback.succeeded();
        } catch (Throwable e) {
          callback.failed(e);
        }
        return true;
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      guard.close();
      stopQuietly(server);
      throw new IOException("cannot listen on " + api.bindAddress() + ":" + api.port() + ": " + e.getMessage(), e);
    }
    if (api.token().isEmpty()) {
      log.warn("API_TOKEN is not set: anyone who can reach {}:{} may start, stop and trigger passes and forget state",
          api.bindAddress(), connector.getLocalPort());
    }
    if (api.webhookSecret().isEmpty()) {
      log.info("WEBHOOK_SECRET is not set: POST /api/v1/webhook/git refuses every delivery");
    }
    log.info("HTTP API listening on {}:{}", api.bindAddress(), connector.getLocalPort());
    return new ApiServer(server, connector, guard);
  }

  /** The port actually bound. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    guard.close();
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      log.debug("stopping the HTTP API", e);
    }
  }
}
