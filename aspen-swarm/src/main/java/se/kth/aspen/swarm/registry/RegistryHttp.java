package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * One HTTP/1.1 exchange within a deadline and the request timeout, over a kept-alive connection
 * when one waits for the origin, with transport failures turned into {@link
 * UnreachableException}s that say what was attempted and whom it asked. Knows nothing about
 * authentication: the caller sets the {@code Authorization} header.
 *
 * <p>The registry calls are small {@code GET}s and {@code HEAD}s; Aspen speaks HTTP/1.1 to
 * registries itself rather than through the JDK's {@code HttpClient}, whose asynchronous
 * machinery costs about a CPU second for the first pass's hundreds of tag lists in a fresh JVM,
 * and which builds the default TLS context even for plain-http registries. Redirects are not
 * followed: one could carry the {@code Authorization} header to another host, and registries do
 * not redirect the calls made here.
 */
final class RegistryHttp {

  /** Far above any tag page or manifest list a registry sends. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
  private static final int MAX_IDLE_PER_ORIGIN = 16;
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final ConnectionOpener opener;
  private final ConnectionPool pool;

  RegistryHttp(Duration requestTimeout) {
    this(requestTimeout, MAX_BODY_BYTES, ConnectionOpener.withDefaultTls(),
        new ConnectionPool(MAX_IDLE_PER_ORIGIN, IDLE_TIMEOUT));
  }

  RegistryHttp(Duration requestTimeout, long maxBodyBytes, ConnectionOpener opener, ConnectionPool pool) {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
    }
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.opener = opener;
    this.pool = pool;
  }

  /**
   * Sends a body-less request and returns whatever status came back.
   *
   * @param attempt what the caller is doing, for messages ("listing tags of ...")
   * @param counterpart whom it asks, for messages ("registry 127.0.0.1:5000")
   */
  RegistryResponse send(
      String attempt,
      String counterpart,
      String method,
      URI uri,
      List<String> accept,
      Optional<String> authorization,
      Deadline deadline)
      throws PortException {
    Duration timeout = deadline.remaining().compareTo(requestTimeout) < 0 ? deadline.remaining() : requestTimeout;
    if (deadline.passed() || timeout.isZero()) {
      throw new UnreachableException(
          attempt + ": the deadline passed before " + counterpart + " could be asked");
    }
    long answerByNanos = System.nanoTime() + timeout.toNanos();
    Origin origin;
    byte[] head;
    try {
      origin = Origin.of(uri);
      head = RequestHead.of(method, uri, accept, authorization).getBytes(StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      throw new RefusedException(attempt + ": cannot ask " + counterpart + " at " + uri + ": " + e.getMessage(), e);
    }
    try {
      return exchange(origin, method, head, answerByNanos);
    } catch (ConnectionOpener.NotConnected e) {
      throw new UnreachableException(e.timedOut()
          ? attempt + ": could not connect to " + counterpart + " within " + timeout.toMillis() + " ms"
          : attempt + ": cannot connect to " + counterpart + " (" + e.getMessage() + ")", e);
    } catch (SocketTimeoutException e) {
      throw new UnreachableException(
          attempt + ": " + counterpart + " did not answer within " + timeout.toMillis() + " ms", e);
    } catch (CappedBody.TooLarge e) {
      throw new RefusedException(
          attempt + ": " + counterpart + " sent an answer larger than " + maxBodyBytes + " bytes", e);
    } catch (IOException e) {
      throw new UnreachableException(
          attempt + ": talking to " + counterpart + " failed (" + describe(e) + ")", e);
    }
  }

  /**
   * The exchange over a waiting connection, else a new one. A waiting connection the server
   * closed in the meantime fails before any byte of an answer: the request is then sent once
   * more on a new connection (it is a {@code GET} or {@code HEAD}, so asking twice is harmless).
   */
  private RegistryResponse exchange(Origin origin, String method, byte[] head, long answerByNanos) throws IOException {
    Optional<HttpConnection> waiting = pool.take(origin);
    if (waiting.isPresent()) {
      try {
        return exchangeOn(waiting.get(), method, head, answerByNanos);
      } catch (IOException e) {
        boolean idempotent = method.equals("GET") || method.equals("HEAD");
        if (!idempotent || !waiting.get().failedBeforeAnswer() || e instanceof SocketTimeoutException) {
          throw e;
        }
      }
    }
    return exchangeOn(opener.open(origin, answerByNanos), method, head, answerByNanos);
  }

  /** One exchange; the connection goes back to the pool after it, and is closed when it fails. */
  private RegistryResponse exchangeOn(HttpConnection connection, String method, byte[] head, long answerByNanos)
      throws IOException {
    RegistryResponse response;
    try {
      response = connection.exchange(method, head, answerByNanos, maxBodyBytes);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    pool.giveBack(connection);
    return response;
  }

  /** The first message along the cause chain: TLS failures often wrap the telling one. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
