package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * One HTTP exchange within a deadline and the request timeout, with transport failures turned
 * into {@link UnreachableException}s that say what was attempted and whom it asked. Knows
 * nothing about authentication: the caller sets the {@code Authorization} header.
 */
final class RegistryHttp {

  /** Far above any tag page or manifest list a registry sends. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final HttpClient client;
  private final Duration requestTimeout;
  private final long maxBodyBytes;

  RegistryHttp(Duration requestTimeout) {
    this(HttpClient.newBuilder()
            .connectTimeout(positive(requestTimeout))
            // A redirect could carry the Authorization header to another host; registries do
            // not redirect the calls made here.
            .followRedirects(HttpClient.Redirect.NEVER)
            // The client's own completion tasks on virtual threads rather than a pool of platform
            // threads it grows as requests overlap: a first pass sends hundreds at once.
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build(),
        requestTimeout,
        MAX_BODY_BYTES);
  }

  RegistryHttp(HttpClient client, Duration requestTimeout, long maxBodyBytes) {
    this.client = client;
    this.requestTimeout = positive(requestTimeout);
    this.maxBodyBytes = maxBodyBytes;
  }

  private static Duration positive(Duration requestTimeout) {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
    }
    return requestTimeout;
  }

  /**
   * Sends a body-less request and returns whatever status came back.
   *
   * @param attempt what the caller is doing, for messages ("listing tags of ...")
   * @param counterpart whom it asks, for messages ("registry 127.0.0.1:5000")
   */
  HttpResponse<byte[]> send(
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
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        // Over plain http the JDK client would offer every new connection an upgrade to h2c, which
        // registries do not take: HTTP/1.1 at once spares the header and the client's upgrade work
        // on each of the hundreds of requests of a first pass. Over https HTTP/2 is still offered.
        .version("http".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("User-Agent", "aspen");
    if (!accept.isEmpty()) {
      request.header("Accept", String.join(", ", accept));
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    CappedBody body = new CappedBody(maxBodyBytes);
    try {
      return client.send(request.build(), body);
    } catch (HttpConnectTimeoutException e) {
      throw new UnreachableException(
          attempt + ": could not connect to " + counterpart + " within " + timeout.toMillis() + " ms", e);
    } catch (HttpTimeoutException e) {
      throw new UnreachableException(
          attempt + ": " + counterpart + " did not answer within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new UnreachableException(
          attempt + ": cannot connect to " + counterpart + " (" + describe(e, "connection refused") + ")", e);
    } catch (IOException e) {
      if (body.exceeded()) {
        throw new RefusedException(
            attempt + ": " + counterpart + " sent an answer larger than " + maxBodyBytes + " bytes", e);
      }
      throw new UnreachableException(
          attempt + ": talking to " + counterpart + " failed (" + describe(e, e.getClass().getSimpleName()) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(attempt + ": interrupted while asking " + counterpart, e);
    }
  }

  /** The first message along the cause chain: the JDK client often wraps the telling one. */
  private static String describe(IOException e, String otherwise) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return otherwise;
  }
}
