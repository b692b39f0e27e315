package se.kth.aspen.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One PUT of one message to its endpoint, and what the answer means for a retry. The endpoint's
 * URL never appears in a description: webhook URLs often carry a token.
 */
final class NoticePut {

  /** The outcome of one attempt. */
  sealed interface Result {
    /** The endpoint took it (2xx). */
    record Delivered(int status) implements Result {}

    /** It may work later: a 5xx, a refused connection, a timeout. */
    record Retryable(String reason) implements Result {}

    /** It will never work as sent: a 4xx or another answer that is not a success. */
    record Rejected(String reason) implements Result {}
  }

  private final HttpClient client;
  private final Duration timeout;

  NoticePut(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * Sends the message and waits at most the request timeout for the answer.
   *
   * @throws InterruptedException when the sender is stopped; the request is abandoned
   */
  Result send(URI endpoint, Delivery delivery) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
        .build();
    CompletableFuture<HttpResponse<Void>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return classify(answer.get().statusCode());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return failure(e.getCause());
    }
  }

  private Result classify(int status) {
    if (status >= 200 && status < 300) {
      return new Result.Delivered(status);
    }
    if (status >= 500) {
      return new Result.Retryable("the endpoint answered HTTP " + status);
    }
    return new Result.Rejected("the endpoint answered HTTP " + status);
  }

  private Result failure(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return new Result.Retryable("no answer within " + timeout.toMillis() + " ms");
    }
    if (cause instanceof IOException) {
      String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new Result.Retryable("cannot connect (" + detail + ")");
    }
    return new Result.Rejected("the request failed (" + cause + ")");
  }
}
