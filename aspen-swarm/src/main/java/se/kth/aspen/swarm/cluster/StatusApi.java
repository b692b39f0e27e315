package se.kth.aspen.swarm.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * {@code GET CLUSTER_STATUS_API_URL}. A server error or no answer in time is the API being down
 * (unreachable: try again next pass); any other status than 200 is its answer (refused).
 */
final class StatusApi implements ClusterStatusSource {

  private final HttpClient client;
  private final URI url;
  private final Duration requestTimeout;

  StatusApi(URI url, Duration requestTimeout) {
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
      throw new IllegalArgumentException("CLUSTER_STATUS_API_URL \"" + url + "\" is not an http(s) URL"
          + " (set CLUSTER_STATUS_URL_IS_FILE to read a file)");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
    }
    this.url = url;
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(requestTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Override
  public byte[] read(Deadline deadline) throws PortException {
    String attempt = "reading clusters from " + describe();
    Duration timeout = deadline.remaining().compareTo(requestTimeout) < 0 ? deadline.remaining() : requestTimeout;
    if (deadline.passed() || timeout.isZero()) {
      throw new UnreachableException(attempt + ": the deadline passed before the cluster status API could be asked");
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("User-Agent", "aspen")
        .GET()
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new UnreachableException(attempt + ": could not connect within " + timeout.toMillis() + " ms", e);
    } catch (HttpTimeoutException e) {
      throw new UnreachableException(attempt + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new UnreachableException(attempt + ": cannot connect (connection refused)", e);
    } catch (IOException e) {
      throw new UnreachableException(attempt + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(attempt + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    String message = attempt + ": the cluster status API answered HTTP " + status;
    throw status >= 500 || status == 429 ? new UnreachableException(message) : new RefusedException(message);
  }

  @Override
  public String describe() {
    return url.toString();
  }
}
